// @ts-check
import { api, getAll, query } from './api.js';
import { can } from './access.js';
import { actionForm, answerRegion, attempt, value } from './form.js';
import { chooser, dayPeriod } from './chooser.js';
import { clear, daysBetween, field, fmtDay, h, Names, select, table, today } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').Standby} Standby
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('../api-types').Coded} Coded
 * @typedef {{
 *   out: HTMLElement,
 *   regionList: Coded[],
 *   regions: Names,
 *   panel: Practitioner[],
 *   from: HTMLInputElement,
 *   to: HTMLInputElement,
 *   load: () => Promise<void>,
 * }} Ctx
 */

/** Standby: who is on call per region and day; name one, or let the service share the duty for a period. */
export const standbyScreen = screen('standby', 'Standby', 'GET /v1/standby', render, {
  'PUT /v1/standby/:region/:date': 'name standby practitioners per region and day',
  'POST /v1/standby/suggestions': 'share standby duty over a period',
});

/** @param {Ctx} ctx */
function nameStandbyForm(ctx) {
  const region = select(
    'region',
    ctx.regionList.map((r) => [r.code, r.name]),
  );
  const who = h('select', { name: 'practitionerId' });
  const fillWho = () =>
    clear(
      who,
      ctx.panel
        .filter((p) => (p.regions ?? []).includes(region.value))
        .map((p) => h('option', { value: p.id }, p.name)),
    );
  region.addEventListener('change', fillWho);
  fillWho();

  const nameForm = actionForm({
    heading: 'Name a standby practitioner',
    headingLevel: 'h2',
    id: 'name-standby',
    out: ctx.out,
    controls: h(
      'div',
      { class: 'controls' },
      field('Standby region', region),
      field('Day', h('input', { type: 'date', name: 'date', value: today(), required: true })),
      field('Practitioner', who, 'Those who work in the region'),
    ),
    submit: 'Name standby',
    run: async (form) => {
      /** @type {Standby} */
      const s = await api.put(`/v1/standby/${value(form, 'region')}/${value(form, 'date')}`, {
        practitionerId: who.value,
      });
      await ctx.load();
      return {
        title: `${s.name} is on standby`,
        detail: `${ctx.regions.of(s.region, s.region)}, ${fmtDay(s.date)}.`,
      };
    },
  });
  return nameForm;
}

/** @param {Ctx} ctx */
const suggestStandbyForm = (ctx) =>
  actionForm({
    heading: 'Share standby duty over the period shown',
    headingLevel: 'h2',
    id: 'suggest-standby',
    out: ctx.out,
    controls: h(
      'p',
      {},
      'Every region and day of the period that has nobody on standby gets someone, sharing the duty.',
    ),
    submit: 'Fill the gaps',
    run: async () => {
      /** @type {Standby[]} */
      const items = (await api.post('/v1/standby/suggestions', { from: ctx.from.value, to: ctx.to.value }))
        .items;
      await ctx.load();
      return {
        title: `${items.length} standby day(s) named`,
        detail: items.length ? null : 'Every region and day already had someone.',
      };
    },
  });

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Coded[]} */
  const regionList = await getAll('/v1/regions');
  const regions = new Names(regionList);
  /** @type {Practitioner[]} */
  const panel = await getAll('/v1/practitioners', { kind: 'parenting' });
  const out = answerRegion('standby-answer');
  const grid = h('div', { id: 'standby' });
  const { from, to, fields } = dayPeriod(0, 6);

  /** @type {Ctx} */
  const ctx = { out, regionList, regions, panel, from, to, load: async () => void (await load()) };
  const load = () =>
    attempt(out, async () => {
      /** @type {Standby[]} */
      const items = (await api.get(`/v1/standby${query({ from: from.value, to: to.value })}`)).items;
      const at = new Map(items.map((s) => [`${s.region}|${s.date}`, s.name]));
      const days = daysBetween(from.value, to.value);
      clear(
        grid,
        table(
          `On standby, ${fmtDay(from.value)} to ${fmtDay(to.value)}`,
          ['Region', ...days.map(fmtDay)],
          regionList.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, r.name),
              days.map((d) => h('td', {}, at.get(`${r.code}|${d}`) ?? '—')),
            ),
          ),
        ),
      );
    });

  draw(
    chooser('Show standby', fields, load),
    out,
    grid,
    can('PUT /v1/standby/:region/:date') ? nameStandbyForm(ctx) : null,
    can('POST /v1/standby/suggestions') ? suggestStandbyForm(ctx) : null,
  );
  await load();
}
