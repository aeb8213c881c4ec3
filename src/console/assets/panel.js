// @ts-check
import { api, getAll } from './api.js';
import { can, canOnPractitioner } from './access.js';
import { answerRegion, attempt, confirmButton } from './form.js';
import { chooser } from './chooser.js';
import { absencesSection, hoursSection } from './panel-reports.js';
import { practitionerForm } from './practitioner-form.js';
import { clear, field, h, Names, secondaryButton, section, select, table } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('../api-types').Absence} Absence
 * @typedef {import('../api-types').HoursRow} HoursRow
 * @typedef {import('./practitioner-form.js').Reference} Reference
 * @typedef {{
 *   out: HTMLElement,
 *   editor: HTMLElement,
 *   ref: Reference,
 *   regions: Names,
 *   specialisms: Names,
 *   hubs: Names,
 *   loadPanel: () => Promise<void>,
 * }} Ctx
 */

/** The panel: practitioners (add, change, archive), hours per week against the contract, absences. */
export const panelScreen = screen('panel', 'Panel', 'GET /v1/practitioners', render, {
  'POST /v1/practitioners': 'add practitioners to the panel',
  'PATCH /v1/practitioners/:id': 'change practitioners’ regions, specialisms and contracts',
  'DELETE /v1/practitioners/:id': 'archive practitioners who leave',
});

/** @param {Ctx} ctx @param {Practitioner} p */
const kindText = (ctx, p) =>
  p.kind === 'parenting' || (!p.kind && !p.grade)
    ? 'Parenting'
    : `0-19, grade ${p.grade}${p.hub ? `, ${ctx.hubs.of(p.hub, p.hub)}` : ''}`;

/** @param {Ctx} ctx @param {Practitioner[]} items */
function practitionerTable(ctx, items) {
  return table(
    `Practitioners (${items.length})`,
    ['Name', 'Kind', 'Home region', 'Works in', 'Specialisms', 'Gender', 'Contract hours a week', 'Action'],
    items.map((p) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, p.name),
        h('td', {}, kindText(ctx, p)),
        // Roles that see only public fields get no regions or contract: a dash, not a guess.
        h('td', {}, p.homeRegion ? ctx.regions.of(p.homeRegion, p.homeRegion) : '—'),
        h('td', {}, (p.regions ?? []).map((r) => ctx.regions.of(r, r)).join(', ') || '—'),
        h('td', {}, (p.specialisms ?? []).map((s) => ctx.specialisms.of(s, s)).join(', ') || '—'),
        h('td', {}, p.gender || '—'),
        h('td', {}, p.contract?.hoursPerWeek == null ? '—' : String(p.contract.hoursPerWeek)),
        h(
          'td',
          { class: 'actions' },
          canOnPractitioner('PATCH /v1/practitioners/:id', p)
            ? secondaryButton(`Change ${p.name}`, () => change(ctx, p.id))
            : null,
          can('DELETE /v1/practitioners/:id')
            ? confirmButton(`Archive ${p.name}`, `Yes, archive ${p.name}`, ctx.out, async () => {
                await api.del(`/v1/practitioners/${p.id}`, { ifMatch: p.version });
                await ctx.loadPanel();
                return {
                  title: `${p.name} is archived`,
                  detail: 'Their history stays; their future shifts need cover.',
                };
              })
            : null,
        ),
      ),
    ),
  );
}

/** @param {Ctx} ctx @param {string} id */
const change = (ctx, id) =>
  attempt(ctx.out, async () => {
    /** @type {Practitioner} */
    const p = await api.get(`/v1/practitioners/${id}`);
    ctx.editor.hidden = false;
    clear(
      ctx.editor,
      practitionerForm(ctx.ref, p, async () => void (await ctx.loadPanel())),
    );
    ctx.editor.querySelector('input')?.focus();
  });

/** The panel's filters, one control per query parameter. @param {Reference} ref */
function filters(ref) {
  const any = /** @type {[string, string][]} */ ([['', 'Any']]);
  return {
    q: h('input', { type: 'search', name: 'q' }),
    kind: select(
      'kind',
      [...any, ['parenting', 'Parenting practitioner'], ['zero_nineteen', '0-19 practitioner']],
      '',
    ),
    region: select(
      'region',
      [...any, ...ref.regions.map((r) => /** @type {[string, string]} */ ([r.code, r.name]))],
      '',
    ),
    specialism: select(
      'specialism',
      [...any, ...ref.specialisms.map((s) => /** @type {[string, string]} */ ([s.code, s.name]))],
      '',
    ),
    hub: select(
      'hub',
      [...any, ...ref.hubs.map((x) => /** @type {[string, string]} */ ([x.code, x.name]))],
      '',
    ),
    gender: select('gender', [...any, ['female', 'Female'], ['male', 'Male'], ['other', 'Other']], ''),
  };
}

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Reference} */
  const ref = {
    regions: await getAll('/v1/regions'),
    specialisms: await getAll('/v1/specialisms'),
    hubs: await getAll('/v1/hubs'),
  };
  const regions = new Names(ref.regions);
  const specialisms = new Names(ref.specialisms);
  const hubs = new Names(ref.hubs);
  const names = new Names();
  const out = answerRegion('panel-answer');
  const editor = h('section', {
    id: 'practitioner-editor',
    'aria-label': 'Change a practitioner',
    hidden: true,
  });
  const f = filters(ref);
  const list = h('div', { id: 'practitioners' });

  /** @type {Ctx} */
  const ctx = {
    out,
    editor,
    ref,
    regions,
    specialisms,
    hubs,
    loadPanel: async () => void (await loadPanel()),
  };
  const loadPanel = () =>
    attempt(out, async () => {
      /** @type {Record<string, string>} */
      const params = {};
      for (const [k, el] of Object.entries(f)) if (el.value.trim()) params[k] = el.value.trim();
      /** @type {Practitioner[]} */
      const items = await getAll('/v1/practitioners', params);
      names.add(items);
      clear(list, practitionerTable(ctx, items));
    });

  const hours = can('GET /v1/hours') ? hoursSection(out) : null;
  const absences = can('GET /v1/absences') ? absencesSection(out, names) : null;
  const filterForm = chooser(
    'Filter',
    [
      field('Name contains', f.q),
      field('Kind', f.kind),
      field('Region', f.region),
      field('Specialism', f.specialism),
      field('Hub', f.hub),
      field('Gender', f.gender),
    ],
    loadPanel,
  );
  draw(
    out,
    section('panel-h', 'Practitioners', filterForm, list),
    editor,
    can('POST /v1/practitioners') ? practitionerForm(ref, null, async () => void (await loadPanel())) : null,
    hours?.element,
    absences?.element,
  );
  // Every name first (absences name people the filter may hide), then the lists.
  names.add(await getAll('/v1/practitioners'));
  await Promise.all([loadPanel(), hours?.load(), absences?.load()]);
}
