// @ts-check
import { api, getAll, query } from './api.js';
import { can } from './access.js';
import { answerRegion, attempt } from './form.js';
import { chooser, dayPeriod } from './chooser.js';
import { shiftDialog, withPart } from './shift-dialog.js';
import { answer, badge, clear, daysBetween, fmtDay, fmtTime, h, Names, section, table } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').Shift} Shift
 * @typedef {import('../api-types').Placement} Placement
 * @typedef {import('./shift-dialog.js').AtRisk} AtRisk
 * @typedef {{
 *   state: { from: string, to: string, atRisk: Map<string, AtRisk>, breaks: { message: string }[] },
 *   regions: Names,
 *   board: HTMLElement,
 *   summary: HTMLElement,
 *   details: { open: (id: string) => Promise<void> },
 * }} Ctx
 */

/** The 24/7 rota: a board of placements by day; a shift's details open in a dialog. */
export const boardScreen = screen('rota', 'Rota', 'GET /v1/shifts', render, {
  'POST /v1/shifts/:id/assignments': 'assign a practitioner to a shift (rule-checked)',
  'POST /v1/shifts/:id/lock': 'lock and unlock shifts',
});

/** @param {Ctx} ctx @param {Shift} s */
function shiftButton(ctx, s) {
  const short = s.status !== 'covered';
  const risk = ctx.state.atRisk.get(s.id);
  const names = s.assignments.map((a) => withPart(a, s)).join(', ');
  return h(
    'button',
    {
      type: 'button',
      class: `shift${short ? ' uncovered' : ''}${risk ? ' at-risk' : ''}`,
      dataset: { shiftId: s.id, status: s.status },
      onclick: () => ctx.details.open(s.id),
    },
    h('span', { class: 'time' }, `${fmtTime(s.start)}–${fmtTime(s.end)}`),
    ' ',
    short ? badge(s.status === 'uncovered' ? '⚠ Uncovered' : '⚠ Unfilled', 'bad') : null,
    risk ? badge('▲ At risk', 'warn') : null,
    s.locked ? badge('Locked', 'info') : null,
    h('br'),
    names || h('span', { class: 'muted' }, 'Nobody yet'),
    s.required > 1 ? ` (${s.assignments.length} of ${s.required})` : null,
  );
}

/** @param {Ctx} ctx */
function breaksNotice(ctx) {
  if (!ctx.state.breaks.length) return null;
  return h(
    'div',
    { class: 'problem', role: 'alert', id: 'rule-breaks' },
    h('h2', {}, `${ctx.state.breaks.length} assignment(s) break a hard rule`),
    h(
      'ul',
      {},
      ctx.state.breaks.map((b) => h('li', {}, b.message)),
    ),
  );
}

/** @param {Ctx} ctx @param {Placement[]} placements @param {Shift[]} shifts */
function renderBoard(ctx, placements, shifts) {
  const days = daysBetween(ctx.state.from, ctx.state.to);
  /** @type {Map<string, Shift[]>} */
  const byCell = new Map();
  for (const s of shifts) {
    const k = `${s.placementId}|${s.localDate}`;
    byCell.set(k, [...(byCell.get(k) ?? []), s]);
  }
  const short = shifts.filter((s) => s.status !== 'covered').length;
  ctx.summary.textContent =
    `${placements.length} placement(s), ${shifts.length} shift(s): ${short} uncovered or unfilled` +
    (can('GET /v1/resilience')
      ? `, ${ctx.state.atRisk.size} at risk (no possible cover if their practitioner fell sick).`
      : '.');
  if (placements.length === 0) {
    clear(ctx.board, h('p', {}, 'No placements are active in this period.'));
    return;
  }
  const rows = placements.map((p) =>
    h(
      'tr',
      {},
      h(
        'th',
        { scope: 'row' },
        p.caseReference,
        h('br'),
        h('span', { class: 'muted' }, ctx.regions.of(p.region, p.region)),
      ),
      days.map((d) =>
        h(
          'td',
          {},
          (byCell.get(`${p.id}|${d}`) ?? []).map((s) => shiftButton(ctx, s)),
        ),
      ),
    ),
  );
  clear(
    ctx.board,
    breaksNotice(ctx),
    h(
      'ul',
      { class: 'legend', 'aria-label': 'Legend' },
      h('li', {}, badge('⚠ Uncovered', 'bad'), 'short of practitioners (dashed border)'),
      h(
        'li',
        {},
        badge('▲ At risk', 'warn'),
        'no possible cover if the practitioner fell sick (dotted border)',
      ),
      h('li', {}, badge('Locked', 'info'), 'rota runs keep it as it is'),
    ),
    table(
      `Placements by day, ${fmtDay(ctx.state.from)} to ${fmtDay(ctx.state.to)}`,
      ['Placement', ...days.map(fmtDay)],
      rows,
      {
        class: 'board',
      },
    ),
  );
}

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  const period = dayPeriod(0, 6);
  const state = {
    from: period.from.value,
    to: period.to.value,
    /** @type {Map<string, AtRisk>} */
    atRisk: new Map(),
    /** @type {{ message: string }[]} */
    breaks: [],
  };
  const regions = new Names(await getAll('/v1/regions'));
  const boardAnswer = answerRegion();
  const board = h('div', { id: 'board' });
  const summary = h('p', { id: 'board-summary', role: 'status' });
  const details = shiftDialog({
    regionName: (code) => regions.of(code, code),
    atRisk: (id) => state.atRisk.get(id),
    changed: () => void loadBoard(),
  });

  /** @type {Ctx} */
  const ctx = { state, regions, board, summary, details };
  const loadBoard = () =>
    attempt(boardAnswer, async () => {
      summary.textContent = 'Loading the rota…';
      const period = { from: state.from, to: state.to };
      const [placements, shifts, resilience, ruleBreaks] = await Promise.all([
        getAll('/v1/placements', period),
        getAll('/v1/shifts', period),
        can('GET /v1/resilience') ? api.get(`/v1/resilience${query(period)}`) : { atRisk: [] },
        api.get(`/v1/rule-breaks${query(period)}`),
      ]);
      state.breaks = ruleBreaks.breaks;
      state.atRisk = new Map(resilience.atRisk.map((/** @type {AtRisk} */ r) => [r.shiftId, r]));
      renderBoard(ctx, placements, shifts);
    });

  // The period is checked before the board loads.
  const periodForm = chooser('Show rota', period.fields, () => {
    if (period.to.value < period.from.value)
      return answer(boardAnswer, 'error', 'Check the period', 'The last day is before the first.');
    state.from = period.from.value;
    state.to = period.to.value;
    void loadBoard();
  });

  draw(
    periodForm,
    section('board-h', 'Board', boardAnswer, summary, board),
    can('POST /v1/rota-runs')
      ? h(
          'p',
          {},
          'To build or rebuild the rota for a period, use ',
          h('a', { href: '#/runs' }, 'Rota runs'),
          '.',
        )
      : null,
    details.dialog,
  );
  await loadBoard();
}
