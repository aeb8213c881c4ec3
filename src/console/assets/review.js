// @ts-check
import { api, getAll, query } from './api.js';
import { answerRegion, attempt } from './form.js';
import { addWeeks, clear, field, h, isoWeek, Names, select, stats, table, today } from './ui.js';

/**
 * @typedef {import('../api-types').ReviewFigures} ReviewFigures
 * @typedef {import('../api-types').Hub} Hub
 */

/** The OSR pilot's review figures: cases booked against the cap, refusals, interventions, and outcomes. */
export const reviewScreen = {
  path: 'review',
  title: 'Review figures',
  reads: 'GET /v1/osr/review',
  actions: [],
  render,
};

/** Outcomes as [name, count], whichever shape the service gives. @param {ReviewFigures['outcomes']} o */
function outcomeRows(o) {
  if (!o) return [];
  if (Array.isArray(o)) return o.map((x) => /** @type {[string, number]} */ ([x.outcome, x.count]));
  return Object.entries(o);
}

/**
 * The figures: totals first, then outcomes (once interventions close with one), then each hub and week.
 * @param {Names} hubs
 * @param {ReviewFigures} r
 */
function reviewFigures(hubs, r) {
  const sum = (/** @type {(x: ReviewFigures['items'][number]) => number} */ f) =>
    r.items.reduce((n, x) => n + f(x), 0);
  const full = r.items.filter((x) => x.casesBooked >= x.weeklyCaseCap).length;
  const outcomes = outcomeRows(r.outcomes);
  return [
    stats([
      ['Cases booked', String(sum((x) => x.casesBooked)), 'review-booked'],
      ['Hub-weeks at the limit', `${full} of ${r.items.length}`],
      ['Requests refused', String(sum((x) => x.refusedRequests))],
      ['Interventions started', String(sum((x) => x.interventionsStarted))],
      ...(r.meanFeedback != null
        ? [/** @type {[string, string]} */ (['Mean feedback (1 to 5)', r.meanFeedback.toFixed(1)])]
        : []),
    ]),
    outcomes.length
      ? table(
          'Outcomes of closed interventions',
          ['Outcome', 'Interventions'],
          outcomes.map(([name, n]) =>
            h('tr', {}, h('th', { scope: 'row' }, name.replace(/_/g, ' ')), h('td', {}, String(n))),
          ),
        )
      : null,
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

/** @param {HTMLElement} main */
async function render(main) {
  /** @type {Hub[]} */
  const hubList = await getAll('/v1/hubs');
  const hubs = new Names(hubList);
  const thisWeek = isoWeek(today());
  const fromWeek = h('input', {
    type: 'week',
    name: 'fromWeek',
    value: addWeeks(thisWeek, -11),
    required: true,
  });
  const toWeek = h('input', { type: 'week', name: 'toWeek', value: thisWeek, required: true });
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

  const chooser = h(
    'form',
    { class: 'inline card' },
    field('From week', fromWeek),
    field('To week', toWeek),
    field('Hub', hub),
    h('button', { type: 'submit' }, 'Show figures'),
  );
  chooser.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  clear(main, h('h1', {}, 'Review figures'), chooser, out, figures);
  await load();
}
