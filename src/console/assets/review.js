// @ts-check
import { api, getAll, query } from './api.js';
import { answerRegion, attempt } from './form.js';
import { chooser, weekPeriod } from './chooser.js';
import { clear, field, h, Names, select, stats, table } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').ReviewFigures} ReviewFigures
 * @typedef {import('../api-types').Hub} Hub
 */

/** The OSR pilot's review figures: cases booked against the cap, refusals, interventions, and outcomes. */
export const reviewScreen = screen('review', 'Review figures', 'GET /v1/osr/review', render);

const OUTCOMES = ['completed', 'stepped_down', 'transferred_to_statutory', 'disengaged', 'other'];
const words = (/** @type {string} */ name) => name.replace(/_/g, ' ');
const share = (/** @type {number | null} */ x) => (x == null ? '–' : `${Math.round(x * 100)}%`);
const num = (/** @type {number | null} */ x, digits = 0) => (x == null ? '–' : x.toFixed(digits));

/**
 * The pilot's outcomes per hub and month: interventions closed by outcome, how long they stayed open,
 * the share that went to statutory services, and families' feedback.
 * @param {ReviewFigures['months']} months
 */
function monthTable(months) {
  return table(
    'Outcomes per hub and month',
    ['Month', 'Hub', 'Closed', ...OUTCOMES.map(words), 'Median days open', 'To statutory', 'Mean feedback'],
    months.map((m) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, m.month),
        h('td', {}, m.hubName),
        h('td', {}, String(m.closedTotal)),
        ...OUTCOMES.map((o) => h('td', {}, String(m.closed[o] ?? 0))),
        h('td', {}, num(m.medianDaysOpen)),
        h('td', {}, share(m.transferredToStatutoryShare)),
        h('td', {}, m.feedbackCount ? `${num(m.meanFeedback, 1)} (${m.feedbackCount})` : '–'),
      ),
    ),
  );
}

/**
 * The figures: totals first, then outcomes per hub and month, then each hub and week.
 * @param {Names} hubs
 * @param {ReviewFigures} r
 */
function reviewFigures(hubs, r) {
  const sum = (/** @type {(x: ReviewFigures['items'][number]) => number} */ f) =>
    r.items.reduce((n, x) => n + f(x), 0);
  const full = r.items.filter((x) => x.casesBooked >= x.weeklyCaseCap).length;
  const months = r.months ?? [];
  const closed = months.reduce((n, m) => n + m.closedTotal, 0);
  const toStatutory = months.reduce((n, m) => n + (m.closed.transferred_to_statutory ?? 0), 0);
  return [
    stats([
      ['Cases booked', String(sum((x) => x.casesBooked)), 'review-booked'],
      ['Hub-weeks at the limit', `${full} of ${r.items.length}`],
      ['Requests refused', String(sum((x) => x.refusedRequests))],
      ['Interventions started', String(sum((x) => x.interventionsStarted))],
      ['Interventions closed', String(closed), 'review-closed'],
      ['Moved to statutory services', closed ? `${toStatutory} of ${closed}` : '–'],
    ]),
    months.length ? monthTable(months) : null,
    table(
      `Per hub and week, ${r.fromWeek} to ${r.toWeek}`,
      ['Week', 'Hub', 'Cases booked', 'Refused', 'Interventions started'],
      r.items.map((x) =>
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, x.week),
          h('td', {}, hubs.of(x.hub, x.hub)),
          h('td', {}, `${x.casesBooked} of ${x.weeklyCaseCap}`),
          h('td', {}, String(x.refusedRequests)),
          h('td', {}, String(x.interventionsStarted)),
        ),
      ),
    ),
  ];
}

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Hub[]} */
  const hubList = await getAll('/v1/hubs');
  const hubs = new Names(hubList);
  const { fromWeek, toWeek, fields } = weekPeriod(-11, 0);
  const hub = select(
    'hub',
    [['', 'Every hub'], ...hubList.map((x) => /** @type {[string, string]} */ ([x.code, x.name]))],
    '',
  );
  const out = answerRegion();
  const figures = h('div', { id: 'review-figures' });

  const load = () =>
    attempt(out, async () => {
      /** @type {ReviewFigures} */
      const r = await api.get(
        `/v1/osr/review${query({ fromWeek: fromWeek.value, toWeek: toWeek.value, hub: hub.value })}`,
      );
      clear(figures, reviewFigures(hubs, r));
    });

  const choose = chooser('Show figures', [fields, field('Hub', hub)], load);
  draw(choose, out, figures);
  await load();
}
