/* global AbortController */
import { api, ApiError, getAll, query, streamEvents } from './api.js';
import { can } from './roles.js';
import {
  addDays,
  answer,
  badge,
  clear,
  daysBetween,
  field,
  fmtDateTime,
  fmtDay,
  fmtTime,
  h,
  problem,
  shiftLabel,
  table,
  today,
} from './ui.js';

/** The 24/7 rota: a board of placements by day, shift details, and rota runs with live progress. */
export async function rotaView(main) {
  const controller = new AbortController();
  const state = {
    from: today(),
    to: addDays(today(), 6),
    shifts: new Map(),
    atRisk: new Map(),
    breaks: [],
  };

  const from = h('input', { type: 'date', name: 'from', value: state.from, required: true });
  const to = h('input', { type: 'date', name: 'to', value: state.to, required: true });
  const boardAnswer = h('div', { class: 'answer-region' });
  const board = h('div', { id: 'board' });
  const summary = h('p', { id: 'board-summary', role: 'status' });
  const dialog = h('dialog', { 'aria-labelledby': 'shift-title' });

  async function loadBoard() {
    clear(boardAnswer);
    summary.textContent = 'Loading the rota…';
    try {
      const [placements, shifts, resilience, ruleBreaks] = await Promise.all([
        getAll('/v1/placements', { from: state.from, to: state.to }),
        getAll('/v1/shifts', { from: state.from, to: state.to }),
        can('resilience')
          ? api.get(`/v1/resilience${query({ from: state.from, to: state.to })}`)
          : Promise.resolve({ atRisk: [] }),
        api.get(`/v1/rule-breaks${query({ from: state.from, to: state.to })}`),
      ]);
      state.shifts = new Map(shifts.map((s) => [s.id, s]));
      state.breaks = ruleBreaks.breaks;
      state.atRisk = new Map(resilience.atRisk.map((r) => [r.shiftId, r]));
      renderBoard(placements, shifts);
    } catch (error) {
      summary.textContent = '';
      problem(boardAnswer, error);
    }
  }

  function shiftButton(s) {
    const short = s.status !== 'covered';
    const risk = state.atRisk.get(s.id);
    const names = s.assignments.map((a) => withPart(a, s)).join(', ');
    return h(
      'button',
      {
        type: 'button',
        class: `shift${short ? ' uncovered' : ''}${risk ? ' at-risk' : ''}`,
        dataset: { shiftId: s.id, status: s.status },
        onclick: () => openShift(s.id),
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

  /** A name, with the part of the shift they work when it is not all of it. */
  function withPart(a, s) {
    return a.start === s.start && a.end === s.end
      ? a.name
      : `${a.name} ${fmtTime(a.start)}–${fmtTime(a.end)}`;
  }

  function breaksNotice() {
    if (!state.breaks.length) return null;
    return h(
      'div',
      { class: 'problem', role: 'alert', id: 'rule-breaks' },
      h('h2', {}, `${state.breaks.length} assignment(s) break a hard rule`),
      h(
        'ul',
        {},
        state.breaks.map((b) => h('li', {}, b.message)),
      ),
    );
  }

  function renderBoard(placements, shifts) {
    const days = daysBetween(state.from, state.to);
    const byCell = new Map();
    for (const s of shifts) {
      const k = `${s.placementId}|${s.localDate}`;
      if (!byCell.has(k)) byCell.set(k, []);
      byCell.get(k).push(s);
    }
    const short = shifts.filter((s) => s.status !== 'covered').length;
    summary.textContent =
      `${placements.length} placement(s), ${shifts.length} shift(s): ${short} uncovered or unfilled` +
      (can('resilience')
        ? `, ${state.atRisk.size} at risk (no possible cover if their practitioner fell sick).`
        : '.');
    if (placements.length === 0) {
      clear(board, h('p', {}, 'No placements are active in this period.'));
      return;
    }
    const rows = placements.map((p) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, p.caseReference, h('br'), h('span', { class: 'muted' }, p.region)),
        days.map((d) => h('td', {}, (byCell.get(`${p.id}|${d}`) || []).map(shiftButton))),
      ),
    );
    clear(
      board,
      breaksNotice(),
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
        `Placements by day, ${fmtDay(state.from)} to ${fmtDay(state.to)}`,
        ['Placement', ...days.map(fmtDay)],
        rows,
        { class: 'board' },
      ),
    );
  }

  async function openShift(id) {
    const out = h('div', { class: 'answer-region' });
    const body = h('div', {}, h('p', {}, 'Loading…'));
    clear(
      dialog,
      h(
        'div',
        { class: 'dialog-head' },
        h('h2', { id: 'shift-title' }, 'Shift'),
        h('button', { type: 'button', class: 'secondary', onclick: () => dialog.close() }, 'Close'),
      ),
      out,
      body,
    );
    if (!dialog.open) dialog.showModal();
    await renderShift(id, body, out);
  }

  async function act(out, body, id, label, fn) {
    try {
      const result = await fn();
      const warnings = (result && result.warnings) || [];
      answer(
        out,
        'ok',
        label,
        warnings.length ? 'Soft goals to note:' : null,
        warnings.length
          ? h(
              'ul',
              {},
              warnings.map((w) => h('li', {}, `${w.rule}: ${w.message}`)),
            )
          : null,
      );
      await renderShift(id, body, out);
      loadBoard();
    } catch (error) {
      problem(out, error);
    }
  }

  async function renderShift(id, body, out) {
    try {
      const s = await api.get(`/v1/shifts/${id}`);
      state.shifts.set(id, s);
      dialog.querySelector('#shift-title').textContent = shiftLabel(s);
      const risk = state.atRisk.get(id);
      const edit = can('editRota');
      const parts = [
        h(
          'dl',
          { class: 'stats' },
          h('div', {}, h('dt', {}, 'Region'), h('dd', {}, s.region)),
          h('div', {}, h('dt', {}, 'Status'), h('dd', {}, s.status)),
          h('div', {}, h('dt', {}, 'Needed'), h('dd', {}, `${s.assignments.length} of ${s.required}`)),
          h('div', {}, h('dt', {}, 'Locked'), h('dd', {}, s.locked ? 'Yes' : 'No')),
        ),
        risk ? h('p', {}, badge('▲ At risk', 'warn'), risk.reasons.join('; ')) : null,
        s.uncoveredBy.length
          ? h(
              'ul',
              { class: 'result-list', 'aria-label': 'Taken off this shift' },
              s.uncoveredBy.map((u) =>
                h(
                  'li',
                  {},
                  badge('⚠ Taken off', 'bad'),
                  `${u.name} from ${fmtTime(u.from)}`,
                  u.reason ? h('span', { class: 'muted' }, ` (${u.reason})`) : null,
                ),
              ),
            )
          : null,
        h('h3', {}, 'On this shift'),
        s.assignments.length
          ? h(
              'ul',
              { class: 'result-list' },
              s.assignments.map((a) =>
                h(
                  'li',
                  {},
                  `${withPart(a, s)} `,
                  h('span', { class: 'muted' }, `(${a.source}${a.pinned ? ', pinned' : ''})`),
                  ' ',
                  edit
                    ? h(
                        'button',
                        {
                          type: 'button',
                          class: 'secondary',
                          onclick: () =>
                            act(out, body, id, `${a.name} is off the shift`, () =>
                              api.del(`/v1/shifts/${id}/assignments/${a.practitionerId}`),
                            ),
                        },
                        `Unassign ${a.name}`,
                      )
                    : null,
                ),
              ),
            )
          : h('p', {}, 'Nobody is on this shift.'),
        edit
          ? h(
              'button',
              {
                type: 'button',
                class: 'secondary',
                onclick: () =>
                  act(out, body, id, s.locked ? 'Shift unlocked' : 'Shift locked', () =>
                    api.post(`/v1/shifts/${id}/${s.locked ? 'unlock' : 'lock'}`),
                  ),
              },
              s.locked ? 'Unlock shift' : 'Lock shift',
            )
          : null,
      ];
      if (can('candidates')) {
        const { items } = await api.get(`/v1/shifts/${id}/candidates`);
        const rows = items.slice(0, 40).map((c) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, c.name),
            h('td', {}, c.allowed ? badge('✔ Can work it', 'good') : badge('✖ Would break a rule', 'bad')),
            h('td', {}, [...c.breaks, ...c.warnings].join('; ') || '—'),
            h(
              'td',
              {},
              edit && !s.assignments.some((a) => a.practitionerId === c.practitionerId)
                ? h(
                    'button',
                    {
                      type: 'button',
                      onclick: () =>
                        act(out, body, id, `${c.name} is on the shift`, () =>
                          api.post(`/v1/shifts/${id}/assignments`, { practitionerId: c.practitionerId }),
                        ),
                    },
                    `Assign ${c.name}`,
                  )
                : '',
            ),
          ),
        );
        parts.push(
          h('h3', {}, 'Candidates'),
          table(
            'Who could work this shift, best first, and the rule each other would break',
            ['Practitioner', 'Allowed', 'Rule it would break, or warnings', 'Action'],
            rows,
          ),
        );
      }
      clear(body, parts);
    } catch (error) {
      if (error instanceof ApiError) problem(out, error);
      else throw error;
    }
  }

  // Rota runs: start, follow the server-sent events, show the result, publish.
  const limit = h('input', { type: 'number', name: 'timeLimitSeconds', min: '1', max: '600', value: '30' });
  const runOut = h('div', { class: 'answer-region' });
  const runProgress = h('div', { id: 'run-progress' });
  const runResult = h('div', { id: 'run-result' });

  async function startRun(event) {
    event.preventDefault();
    clear(runOut);
    clear(runResult);
    const seconds = Number(limit.value) || 30;
    let run;
    try {
      run = await api.post('/v1/rota-runs', { from: state.from, to: state.to, timeLimitSeconds: seconds });
    } catch (error) {
      return problem(runOut, error);
    }
    const bar = h('progress', { max: String(seconds * 1000), value: '0', 'aria-label': 'Rota run progress' });
    const line = h('p', { role: 'status', id: 'run-status' }, `Run ${run.status}…`);
    clear(runProgress, h('h3', {}, `Rota run ${fmtDay(state.from)} to ${fmtDay(state.to)}`), bar, line);
    let final = null;
    try {
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
        controller.signal,
      );
      if (!final) final = await api.get(`/v1/rota-runs/${run.id}`);
    } catch (error) {
      if (error.name === 'AbortError') return;
      return problem(runOut, error);
    }
    bar.value = bar.max;
    line.textContent = `Run ${final.status}.`;
    renderRun(final);
  }

  function renderRun(run) {
    const unassigned = run.unassigned.map((u) => {
      const s = state.shifts.get(u.shiftId);
      return h(
        'li',
        {},
        h('strong', {}, s ? shiftLabel(s) : u.shiftId),
        ` — ${u.missing} practitioner(s) short`,
        h(
          'ul',
          {},
          u.reasons.map((r) => h('li', {}, r)),
        ),
      );
    });
    const publish = h('button', { type: 'button', id: 'publish' }, 'Publish this rota');
    publish.addEventListener('click', async () => {
      publish.disabled = true;
      try {
        const res = await api.post(`/v1/rota-runs/${run.id}/publish`);
        answer(
          runOut,
          'ok',
          'Rota published',
          `${res.changedShifts} shift(s) changed; ${res.keptLocked} locked and ${res.keptStarted} started shift(s) kept as they were.`,
        );
        await loadBoard();
      } catch (error) {
        publish.disabled = false;
        problem(runOut, error);
      }
    });
    clear(
      runResult,
      h(
        'dl',
        { class: 'stats' },
        h('div', {}, h('dt', {}, 'Status'), h('dd', { id: 'run-final-status' }, run.status)),
        h(
          'div',
          {},
          h('dt', {}, 'Score'),
          h('dd', { id: 'run-score' }, run.score ? scoreText(run.score) : '—'),
        ),
        h(
          'div',
          {},
          h('dt', {}, 'Rules broken'),
          h('dd', {}, run.score && run.score.hard === 0 ? 'None' : String(run.score ? run.score.hard : '—')),
        ),
        h('div', {}, h('dt', {}, 'Unassigned shifts'), h('dd', {}, String(run.unassigned.length))),
      ),
      run.error ? h('p', {}, `Error: ${run.error}`) : null,
      h('h3', {}, 'Unassigned shifts and why'),
      unassigned.length
        ? h('ul', { class: 'result-list', id: 'unassigned' }, unassigned)
        : h('p', {}, 'Every shift has its practitioners.'),
      run.breakdown && run.breakdown.length
        ? table(
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
          )
        : null,
      can('editRota') && run.status === 'completed' ? publish : null,
      run.publishedAt ? h('p', {}, `Published ${fmtDateTime(run.publishedAt)}.`) : null,
    );
  }

  const periodForm = h(
    'form',
    {
      class: 'inline card',
      onsubmit: (event) => {
        event.preventDefault();
        if (to.value < from.value)
          return answer(boardAnswer, 'error', 'Check the period', 'The last day is before the first.');
        state.from = from.value;
        state.to = to.value;
        loadBoard();
      },
    },
    field('From', from),
    field('To (included)', to),
    h('button', { type: 'submit' }, 'Show rota'),
  );

  clear(
    main,
    h('h1', {}, 'Rota'),
    periodForm,
    h(
      'section',
      { 'aria-labelledby': 'board-h' },
      h('h2', { id: 'board-h' }, 'Board'),
      boardAnswer,
      summary,
      board,
    ),
    can('editRota')
      ? h(
          'section',
          { 'aria-labelledby': 'run-h', class: 'card' },
          h('h2', { id: 'run-h' }, 'Generate a rota run'),
          h(
            'p',
            {},
            'The run covers the period shown above. Locked, hand-made and started shifts are kept when you publish.',
          ),
          h(
            'form',
            { class: 'inline', onsubmit: startRun },
            field('Time limit (seconds)', limit),
            h('button', { type: 'submit' }, 'Generate rota'),
          ),
          runOut,
          runProgress,
          runResult,
        )
      : h('p', {}, 'Your role may read the rota but not build or change it.'),
    dialog,
  );
  await loadBoard();
  return () => controller.abort();
}

export const scoreText = (s) => `hard ${s.hard}, medium ${s.medium}, soft ${s.soft}`;
