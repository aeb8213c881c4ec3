// @ts-check
import { api, download, getAll, query, session } from './api.js';
import { can } from './access.js';
import { actionForm, answerRegion, attempt, value } from './form.js';
import { chooser, weekPeriod } from './chooser.js';
import { clear, field, h, Names, saveBlob, section, select, table } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').OsrRota} OsrRota
 * @typedef {import('../api-types').Hub} Hub
 * @typedef {{
 *   out: HTMLElement,
 *   rota: HTMLElement,
 *   hubs: Names,
 *   fromWeek: HTMLInputElement,
 *   toWeek: HTMLInputElement,
 *   hub: HTMLSelectElement,
 *   period: () => { fromWeek: string, toWeek: string, hub: string | undefined },
 * }} Ctx
 */

/** The OSR lead-responder rota over weeks: generate it, issue it to social workers, download it. */
export const osrRotaScreen = screen('osr-rota', 'OSR rota', 'GET /v1/osr/rotas', render, {
  'POST /v1/osr/rotas': 'generate OSR lead-responder weeks',
  'POST /v1/osr/rotas/issue': 'issue the OSR rota to social workers',
});

/** @param {Ctx} ctx @param {OsrRota} r */
function rotaTable(ctx, r) {
  return [
    table(
      `Lead responders, ${r.fromWeek} to ${r.toWeek}`,
      ['Week', 'Hub', 'Lead responder', 'How chosen', 'Issued'],
      r.assignments.map((a) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, a.week),
          h('td', {}, ctx.hubs.of(a.hub, a.hub)),
          h('td', {}, `${a.name} (${a.grade})`),
          h('td', {}, a.source),
          h('td', {}, a.issued ? 'Issued' : 'Not yet'),
        ),
      ),
    ),
    r.unfilled.length
      ? h(
          'details',
          {},
          h('summary', {}, `Weeks nobody leads (${r.unfilled.length})`),
          h(
            'ul',
            {},
            r.unfilled.map((u) =>
              h('li', {}, `${ctx.hubs.of(u.hub, u.hub)} ${u.week}: ${u.reasons.join(' ')}`),
            ),
          ),
        )
      : null,
  ];
}

/** @param {Ctx} ctx */
const generateForm = (ctx) =>
  actionForm({
    heading: 'Generate lead-responder weeks',
    headingLevel: 'h2',
    id: 'generate-osr',
    out: ctx.out,
    controls: field(
      'Number of weeks from the first week',
      h('input', { type: 'number', name: 'weeks', min: '1', max: '52', value: '4', required: true }),
    ),
    submit: 'Generate',
    run: async (form) => {
      /** @type {OsrRota} */
      const res = await api.post('/v1/osr/rotas', {
        fromWeek: ctx.fromWeek.value,
        weeks: Number(value(form, 'weeks')),
        ...(ctx.hub.value ? { hub: ctx.hub.value } : {}),
      });
      ctx.toWeek.value = res.toWeek;
      clear(ctx.rota, rotaTable(ctx, res));
      return {
        title: `Rota generated from ${res.fromWeek} to ${res.toWeek}`,
        detail: `${res.assignments.length} hub-week(s) have a lead responder; ${res.unfilled.length} could not be filled.`,
      };
    },
  });

/** @param {Ctx} ctx */
const issueForm = (ctx) =>
  actionForm({
    heading: 'Issue the rota to social workers',
    headingLevel: 'h2',
    id: 'issue-osr',
    out: ctx.out,
    controls: h('p', {}, 'Issues the weeks shown above; later runs keep issued weeks as they are.'),
    submit: 'Issue these weeks',
    run: async () => {
      const res = await api.post('/v1/osr/rotas/issue', ctx.period());
      clear(ctx.rota, rotaTable(ctx, res.rota));
      return {
        title: `${res.issued} hub-week(s) issued`,
        detail: res.issued ? null : 'They were issued already, or nobody leads them yet.',
      };
    },
  });

/** @param {Ctx} ctx @param {string} text @param {string} ext @param {boolean} open */
const exportLink = (ctx, text, ext, open) =>
  h(
    'a',
    {
      href: `/v1/osr/rotas.${ext}`,
      onclick: (/** @type {MouseEvent} */ event) => {
        event.preventDefault();
        void attempt(ctx.out, async () => {
          const blob = await download(`/v1/osr/rotas.${ext}${query(ctx.period())}`);
          saveBlob(blob, `osr-rota-${ctx.fromWeek.value}.${ext}`, open);
        });
      },
    },
    text,
  );

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Hub[]} */
  const hubList = await getAll('/v1/hubs');
  const hubs = new Names(hubList);
  const out = answerRegion('osr-rota-answer');
  const rota = h('div', { id: 'osr-rota' });
  // A key narrowed to hubs acts on one of its own; others may choose every hub.
  const scoped = session.hubs !== null;
  const hubOptions = /** @type {[string, string][]} */ ([
    ...(scoped ? [] : [['', 'Every hub']]),
    ...hubList.filter((x) => !scoped || session.hubs?.includes(x.code)).map((x) => [x.code, x.name]),
  ]);
  const { fromWeek, toWeek, fields } = weekPeriod(0, 3, ['First week', 'Last week']);
  const hub = select('hub', hubOptions, hubOptions[0]?.[0]);
  const period = () => ({ fromWeek: fromWeek.value, toWeek: toWeek.value, hub: hub.value || undefined });

  /** @type {Ctx} */
  const ctx = { out, rota, hubs, fromWeek, toWeek, hub, period };
  const load = () =>
    attempt(out, async () => {
      /** @type {OsrRota} */
      const r = await api.get(`/v1/osr/rotas${query(period())}`);
      clear(rota, rotaTable(ctx, r));
    });

  draw(
    chooser('Show rota', [fields, field('Hub', hub)], load),
    out,
    rota,
    section(
      'exports-h',
      'The rota for social workers',
      h(
        'ul',
        { class: 'result-list' },
        h('li', {}, exportLink(ctx, 'Rota page (HTML)', 'html', true)),
        h('li', {}, exportLink(ctx, 'Spreadsheet (CSV)', 'csv', false)),
        h('li', {}, exportLink(ctx, 'Calendar (iCalendar)', 'ics', false)),
      ),
    ),
    can('POST /v1/osr/rotas', hub.value || null) ? generateForm(ctx) : null,
    can('POST /v1/osr/rotas/issue', hub.value || null) ? issueForm(ctx) : null,
  );
  await load();
}
