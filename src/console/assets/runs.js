// @ts-check
/* global AbortController */
import { api, getAll, streamEvents } from './api.js';
import { can } from './access.js';
import { causeGroups } from './causes.js';
import { actionButton, actionForm, answerRegion, attempt, value } from './form.js';
import { dayPeriod } from './chooser.js';
import {
  clear,
  field,
  fmtDateTime,
  fmtDay,
  h,
  secondaryButton,
  section,
  shiftLabel,
  stats,
  table,
} from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').RotaRun} RotaRun
 * @typedef {import('../api-types').RunSummary} RunSummary
 * @typedef {import('../api-types').Score} Score
 * @typedef {import('../api-types').Shift} Shift
 * @typedef {{
 *   out: HTMLElement,
 *   progress: HTMLElement,
 *   result: HTMLElement,
 *   signal: AbortSignal,
 *   loadList: () => Promise<void>,
 *   show: (id: string) => Promise<void>,
 * }} Ctx
 */

/** Rota runs: start one, follow its progress, cancel it, read the result (causes first), publish it. */
export const runsScreen = screen('runs', 'Rota runs', 'GET /v1/rota-runs', render, {
  'POST /v1/rota-runs': 'build rota runs for a period',
  'POST /v1/rota-runs/:id/cancel': 'cancel a run',
  'POST /v1/rota-runs/:id/publish': 'publish a run to the rota',
});

/** @param {Score} s */
export const scoreText = (s) => `hard ${s.hard}, medium ${s.medium}, soft ${s.soft}`;

/** @param {Ctx} ctx @param {RunSummary[]} runs */
function runTable(ctx, runs) {
  return table(
    'Recent runs, newest first',
    ['Period', 'Status', 'Score', 'Started', 'Action'],
    runs.map((r) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, `${fmtDay(r.from)} to ${fmtDay(r.to)}`),
        h('td', {}, r.status),
        h('td', {}, r.score ? scoreText(r.score) : '—'),
        h('td', {}, fmtDateTime(r.createdAt)),
        h(
          'td',
          {},
          secondaryButton(`Show run of ${fmtDay(r.from)}`, () => ctx.show(r.id)),
          ' ',
          cancelButton(ctx, r),
        ),
      ),
    ),
  );
}

/** @param {Ctx} ctx @param {RunSummary} r */
function cancelButton(ctx, r) {
  if (!['queued', 'solving'].includes(r.status) || !can('POST /v1/rota-runs/:id/cancel')) return null;
  return actionButton(
    `Cancel run of ${fmtDay(r.from)}`,
    ctx.out,
    async () => {
      const run = await api.post(`/v1/rota-runs/${r.id}/cancel`);
      await ctx.loadList();
      return {
        title: `Run ${run.status}`,
        detail: run.status === 'completed' ? 'It keeps its best rota so far.' : null,
      };
    },
    { secondary: true },
  );
}

/** @param {Ctx} ctx @param {RotaRun} run */
async function follow(ctx, run) {
  const seconds = run.timeLimitSeconds;
  const bar = h('progress', { max: String(seconds * 1000), value: '0', 'aria-label': 'Rota run progress' });
  const line = h('p', { role: 'status', id: 'run-status' }, `Run ${run.status}…`);
  clear(
    ctx.progress,
    h('h2', {}, `Rota run ${fmtDay(run.from)} to ${fmtDay(run.to)}`),
    bar,
    line,
    cancelButton(ctx, run),
  );
  /** @type {RotaRun | null} */
  let final = null;
  await streamEvents(
    `/v1/rota-runs/${run.id}/events`,
    (name, data) => {
      if (name === 'progress') {
        bar.value = Math.min(data.elapsedMs, seconds * 1000);
        line.textContent =
          `${data.status === 'solving' ? 'Solving' : data.status}: ${(data.elapsedMs / 1000).toFixed(1)} s` +
          (data.score ? `, best score so far ${scoreText(data.score)}` : '');
      } else if (name === 'done') final = data;
    },
    ctx.signal,
  );
  final = await api.get(`/v1/rota-runs/${run.id}`);
  bar.value = bar.max;
  line.textContent = `Run ${final?.status}.`;
  clear(ctx.progress, ctx.progress.querySelector('h2'), bar, line);
  if (final) await renderRun(ctx, final);
  void ctx.loadList();
}

/** Labels for the shifts a run names (its period's shifts), so no id is shown in words. @param {Ctx} ctx @param {RotaRun} run */
async function shiftLabels(ctx, run) {
  /** @type {Shift[]} */
  const shifts = await getAll('/v1/shifts', { from: run.from, to: run.to });
  const byId = new Map(shifts.map((s) => [s.id, shiftLabel(s)]));
  return (/** @type {string} */ id) => byId.get(id) ?? 'a shift no longer on the rota';
}

/** @param {Ctx} ctx @param {RotaRun} run */
async function renderRun(ctx, run) {
  const label = await shiftLabels(ctx, run);
  const unassigned = run.unassigned.map((u) =>
    h(
      'li',
      {},
      h('strong', {}, label(u.shiftId)),
      ` — ${u.missing} practitioner(s) short`,
      h(
        'ul',
        {},
        u.reasons.map((r) => h('li', {}, r)),
      ),
    ),
  );
  const unassignedList = unassigned.length
    ? h('ul', { class: 'result-list', id: 'unassigned' }, unassigned)
    : h('p', {}, 'Every shift has its practitioners.');
  const groups = run.unfilledSummary;
  clear(
    ctx.result,
    h('h2', {}, `Run of ${fmtDay(run.from)} to ${fmtDay(run.to)}`),
    stats([
      ['Status', run.status, 'run-final-status'],
      ['Score', run.score ? scoreText(run.score) : '—', 'run-score'],
      ['Rules broken', run.score ? (run.score.hard === 0 ? 'None' : String(run.score.hard)) : '—'],
      ['Unassigned shifts', String(run.unassigned.length)],
    ]),
    run.error ? h('p', {}, `Error: ${run.error}`) : null,
    groups
      ? [
          causeGroups(groups, 'Why shifts are unfilled, and what would fill them'),
          unassigned.length
            ? h(
                'details',
                {},
                h('summary', {}, `Every unfilled shift and who was considered (${unassigned.length})`),
                unassignedList,
              )
            : null,
        ]
      : [h('h3', {}, 'Unassigned shifts and why'), unassignedList],
    run.breakdown?.length
      ? h(
          'details',
          {},
          h('summary', {}, 'The score by rule'),
          table(
            'The score by rule',
            ['Rule', 'Level', 'Count', 'Penalty'],
            run.breakdown.map((b) =>
              h(
                'tr',
                {},
                h('td', {}, b.label),
                h('td', {}, b.level),
                h('td', {}, String(b.count)),
                h('td', {}, String(b.penalty)),
              ),
            ),
          ),
        )
      : null,
    run.status === 'completed' && can('POST /v1/rota-runs/:id/publish') ? publishButton(ctx, run) : null,
    run.publishedAt ? h('p', {}, `Published ${fmtDateTime(run.publishedAt)}.`) : null,
  );
}

/** @param {Ctx} ctx @param {RotaRun} run */
const publishButton = (ctx, run) =>
  actionButton(
    'Publish this rota',
    ctx.out,
    async () => {
      const res = await api.post(`/v1/rota-runs/${run.id}/publish`);
      void ctx.loadList();
      return {
        title: 'Rota published',
        detail: `${res.changedShifts} shift(s) changed; ${res.keptLocked} locked and ${res.keptStarted} started shift(s) kept as they were.`,
      };
    },
    { id: 'publish' },
  );

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  const controller = new AbortController();
  const out = answerRegion('run-answer');
  const progress = h('div', { id: 'run-progress' });
  const result = h('div', { id: 'run-result' });
  const list = h('div', { id: 'runs' });
  /** @type {Ctx} */
  const ctx = {
    out,
    progress,
    result,
    signal: controller.signal,
    loadList: async () => void (await loadList()),
    show: async (id) => void (await show(id)),
  };

  const loadList = () =>
    attempt(out, async () => {
      const { items } = await api.get('/v1/rota-runs?limit=10');
      clear(list, runTable(ctx, items));
    });
  /** @param {string} id */
  const show = (id) =>
    attempt(out, async () => {
      await renderRun(ctx, await api.get(`/v1/rota-runs/${id}`));
    });

  const startForm = actionForm({
    heading: 'Generate a rota run',
    headingLevel: 'h2',
    id: 'start-run',
    controls: [
      h('p', {}, 'Locked, hand-made and started shifts are kept when you publish.'),
      h(
        'div',
        { class: 'controls' },
        dayPeriod(1, 7).fields,
        field(
          'Time limit (seconds)',
          h('input', { type: 'number', name: 'timeLimitSeconds', min: '1', max: '600', value: '30' }),
        ),
      ),
    ],
    submit: 'Generate rota',
    out,
    run: async (form) => {
      clear(result);
      const body = {
        from: value(form, 'from'),
        to: value(form, 'to'),
        timeLimitSeconds: Number(value(form, 'timeLimitSeconds')) || 30,
      };
      const run = await api.post('/v1/rota-runs', body);
      void loadList();
      await follow(ctx, { ...body, ...run });
    },
  });

  draw(
    can('POST /v1/rota-runs') ? startForm : h('p', {}, 'Your role may read runs but not start them.'),
    out,
    progress,
    result,
    section('runs-h', 'Recent runs', list),
  );
  await loadList();
  return () => controller.abort();
}
