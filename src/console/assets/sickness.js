import { api, ApiError, getAll, query } from './api.js';
import { can } from './roles.js';
import {
  answer,
  badge,
  clear,
  field,
  fmtDateTime,
  fmtTime,
  h,
  localToInstant,
  nowLocalInput,
  problem,
  shiftLabel,
  table,
  uid,
} from './ui.js';

/** Sickness: find a practitioner, report sickness, see what it uncovered, get and accept cover, return to work. */
/** A shift uncovered part-way ("from 14:10"): the part before stays worked and counted. */
function fromWhen(s) {
  const from = s.uncoveredBy.map((u) => u.from).sort()[0];
  return from && from > s.start ? ` (uncovered from ${fmtTime(from)}; the part before stays worked)` : null;
}

export async function sicknessView(main) {
  const state = { practitioner: null, absence: null, shifts: new Map() };
  const q = h('input', { type: 'search', name: 'q', autocomplete: 'off', required: true });
  const findOut = h('div', { class: 'answer-region' });
  const results = h('div', { id: 'practitioner-results' });
  const selected = h('section', { id: 'selected', 'aria-labelledby': 'selected-h', hidden: true });
  const uncovered = h('section', { id: 'uncovered', 'aria-labelledby': 'uncovered-h', hidden: true });
  const plan = h('section', { id: 'plan', 'aria-labelledby': 'plan-h', hidden: true });

  async function find(event) {
    event.preventDefault();
    clear(findOut);
    try {
      const { items } = await api.get(`/v1/practitioners${query({ q: q.value.trim(), limit: 20 })}`);
      clear(
        results,
        items.length
          ? h(
              'ul',
              { class: 'result-list', 'aria-label': 'Practitioners found' },
              items.map((p) =>
                h(
                  'li',
                  {},
                  h(
                    'button',
                    { type: 'button', class: 'secondary', onclick: () => choose(p) },
                    `Choose ${p.name}`,
                  ),
                  ' ',
                  h(
                    'span',
                    { class: 'muted' },
                    `${p.kind === 'parenting' ? 'parenting' : `0-19, grade ${p.grade}`}, ${p.homeRegion}`,
                  ),
                ),
              ),
            )
          : h('p', {}, 'Nobody on the panel matches.'),
      );
    } catch (error) {
      problem(findOut, error);
    }
  }

  async function choose(p) {
    state.practitioner = p;
    uncovered.hidden = true;
    plan.hidden = true;
    await renderSelected();
    selected.querySelector('h2').focus();
  }

  async function renderSelected() {
    const p = state.practitioner;
    const out = h('div', { class: 'answer-region' });
    let open = [];
    if (can('readAbsences')) {
      try {
        open = await getAll('/v1/absences', { practitioner: p.id, open: true });
      } catch (error) {
        problem(out, error);
      }
    }
    selected.hidden = false;
    clear(
      selected,
      h('h2', { id: 'selected-h', tabindex: '-1' }, p.name),
      out,
      h('h3', {}, 'Open-ended sickness'),
      open.filter((a) => a.kind === 'sickness').length
        ? h(
            'ul',
            { class: 'result-list', id: 'open-absences' },
            open.filter((a) => a.kind === 'sickness').map((a) => returnToWork(a, out)),
          )
        : h('p', {}, `${p.name} has no open-ended sickness.`),
      can('recordAbsence') ? reportForm(p, out) : h('p', {}, 'Your role may not record absences.'),
    );
  }

  function returnToWork(a, out) {
    const end = h('input', {
      type: 'datetime-local',
      name: 'end',
      value: nowLocalInput(true),
      required: true,
    });
    return h(
      'li',
      {},
      `Sick since ${fmtDateTime(a.start)}${a.note ? ` (${a.note})` : ''}`,
      can('recordAbsence')
        ? h(
            'form',
            {
              class: 'inline',
              onsubmit: async (event) => {
                event.preventDefault();
                try {
                  await api.patch(`/v1/absences/${a.id}`, { end: localToInstant(end.value) });
                  await renderSelected();
                  answer(
                    selected.querySelector('.answer-region'),
                    'ok',
                    'Return to work recorded',
                    `${state.practitioner.name} is back from ${fmtDateTime(localToInstant(end.value))}.`,
                  );
                } catch (error) {
                  problem(out, error);
                }
              },
            },
            field('Back at work from', end),
            h('button', { type: 'submit' }, 'Record return to work'),
          )
        : null,
    );
  }

  function reportForm(p, out) {
    const name = uid('start');
    const endName = uid('end');
    const startNow = h('input', { type: 'radio', name, value: 'now', checked: true, id: `${name}-now` });
    const startAt = h('input', { type: 'radio', name, value: 'at', id: `${name}-at` });
    const startTime = h('input', { type: 'datetime-local', name: 'start', value: nowLocalInput() });
    const openEnded = h('input', {
      type: 'radio',
      name: endName,
      value: 'open',
      checked: true,
      id: `${endName}-open`,
    });
    const until = h('input', { type: 'radio', name: endName, value: 'until', id: `${endName}-until` });
    const endTime = h('input', { type: 'datetime-local', name: 'end' });
    const note = h('input', { type: 'text', name: 'note', maxlength: '500' });
    return h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          const body = {
            kind: 'sickness',
            start:
              startAt.checked && startTime.value ? localToInstant(startTime.value) : new Date().toISOString(),
          };
          if (until.checked) {
            if (!endTime.value)
              return answer(out, 'error', 'Choose when the sickness ends', 'Or choose open-ended.');
            body.end = localToInstant(endTime.value);
          }
          if (note.value.trim()) body.note = note.value.trim();
          try {
            const absence = await api.post(`/v1/practitioners/${p.id}/absences`, body);
            state.absence = absence;
            await renderSelected();
            answer(
              selected.querySelector('.answer-region'),
              'ok',
              'Sickness recorded',
              `${p.name} is off sick from ${fmtDateTime(absence.start)}${absence.end ? ` to ${fmtDateTime(absence.end)}` : ', open-ended'}.`,
            );
            renderUncovered(absence);
          } catch (error) {
            problem(out, error);
          }
        },
      },
      h('h3', {}, `Report ${p.name} sick`),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Sickness starts'),
        h('div', { class: 'choice' }, startNow, h('label', { for: startNow.id }, 'Now')),
        h('div', { class: 'choice' }, startAt, h('label', { for: startAt.id }, 'At a time')),
        field('Start time', startTime),
      ),
      h(
        'fieldset',
        {},
        h('legend', {}, 'Sickness ends'),
        h('div', { class: 'choice' }, openEnded, h('label', { for: openEnded.id }, 'Open-ended')),
        h('div', { class: 'choice' }, until, h('label', { for: until.id }, 'On a date and time')),
        field('End time', endTime),
      ),
      field('Note (optional)', note, 'No details of health: e.g. “phoned in at 06:40”.'),
      h('button', { type: 'submit' }, 'Report sickness'),
    );
  }

  function renderUncovered(absence) {
    for (const s of absence.uncoveredShifts) state.shifts.set(s.id, s);
    uncovered.hidden = false;
    plan.hidden = true;
    const canPlan = can('coverPlans');
    clear(
      uncovered,
      h('h2', { id: 'uncovered-h' }, `Shifts uncovered (${absence.uncoveredShifts.length})`),
      absence.uncoveredShifts.length
        ? h(
            'ul',
            { class: 'result-list', id: 'uncovered-list' },
            absence.uncoveredShifts.map((s) =>
              h('li', {}, badge('⚠ Uncovered', 'bad'), shiftLabel(s), fromWhen(s)),
            ),
          )
        : h('p', {}, 'The sickness took nobody off a shift.'),
      canPlan && absence.uncoveredShifts.length
        ? h('button', { type: 'button', id: 'find-cover', onclick: () => makePlan(absence) }, 'Find cover')
        : null,
    );
  }

  async function label(shiftId) {
    if (!state.shifts.has(shiftId)) {
      try {
        state.shifts.set(shiftId, await api.get(`/v1/shifts/${shiftId}`));
      } catch {
        return shiftId;
      }
    }
    return shiftLabel(state.shifts.get(shiftId));
  }

  async function makePlan(absence) {
    const out = h('div', { class: 'answer-region' });
    plan.hidden = false;
    clear(
      plan,
      h('h2', { id: 'plan-h', tabindex: '-1' }, 'Cover plan'),
      h('p', { role: 'status' }, 'Finding cover…'),
    );
    let p;
    try {
      p = await api.post('/v1/cover-plans', { absenceId: absence.id });
    } catch (error) {
      clear(plan, h('h2', { id: 'plan-h', tabindex: '-1' }, 'Cover plan'), out);
      return problem(out, error);
    }
    const alternatives = new Map(p.alternatives.map((a) => [a.shiftId, a.candidates]));
    const rows = [];
    for (const a of p.assignments) {
      const alts = alternatives.get(a.shiftId) || [];
      rows.push(
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, await label(a.shiftId)),
          h('td', {}, badge('✔ Covered', 'good'), a.name),
          h(
            'td',
            {},
            alts.length
              ? h(
                  'ul',
                  {},
                  alts.map((c) =>
                    h(
                      'li',
                      {},
                      c.name,
                      c.allowed ? '' : ' (would break a rule)',
                      [...c.breaks, ...c.warnings].length
                        ? h('span', { class: 'muted' }, ` — ${[...c.breaks, ...c.warnings].join('; ')}`)
                        : null,
                    ),
                  ),
                )
              : 'No other candidate',
          ),
        ),
      );
    }
    for (const u of p.uncovered) {
      rows.push(
        h(
          'tr',
          {},
          h('th', { scope: 'row' }, await label(u.shiftId)),
          h('td', {}, badge('⚠ No cover', 'bad')),
          h(
            'td',
            {},
            h(
              'ul',
              {},
              u.reasons.map((r) => h('li', {}, r)),
            ),
          ),
        ),
      );
    }
    const changes = [];
    for (const c of p.changes)
      changes.push(
        h('li', {}, `${await label(c.shiftId)}: ${c.removed.length} taken off, ${c.added.length} put on`),
      );
    const accept = h('button', { type: 'button', id: 'accept-plan' }, 'Accept this plan');
    accept.addEventListener('click', async () => {
      accept.disabled = true;
      try {
        const done = await api.post(`/v1/cover-plans/${p.id}/accept`);
        answer(
          out,
          'ok',
          'Cover plan accepted',
          `${done.assignments.length} shift(s) covered${done.uncovered.length ? `; ${done.uncovered.length} still without cover` : ''}. The rota is updated.`,
        );
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          problem(
            out,
            error,
            h(
              'p',
              {},
              'Someone changed the rota after this plan was made, so it was not applied. Nothing changed.',
            ),
            h(
              'button',
              { type: 'button', id: 'fresh-plan', onclick: () => makePlan(absence) },
              'Get a fresh plan',
            ),
          );
        } else {
          accept.disabled = false;
          problem(out, error);
        }
      }
    });
    clear(
      plan,
      h('h2', { id: 'plan-h', tabindex: '-1' }, 'Cover plan'),
      h(
        'p',
        {},
        `Made in ${(p.solveMs / 1000).toFixed(1)} s. ${p.movedOthers ? 'It moves other shifts to make cover possible (listed below).' : 'It changes no other shift.'}`,
      ),
      table(
        'Proposed cover, with the alternatives for each shift',
        ['Shift', 'Proposed', 'Alternatives'],
        rows,
      ),
      changes.length ? [h('h3', {}, 'Other shifts it changes'), h('ul', {}, changes)] : null,
      p.status === 'proposed' ? accept : h('p', {}, `This plan is ${p.status}.`),
      out,
    );
    plan.querySelector('h2').focus();
  }

  clear(
    main,
    h('h1', {}, 'Sickness'),
    h(
      'form',
      { class: 'inline card', onsubmit: find, role: 'search' },
      field('Practitioner name', q),
      h('button', { type: 'submit' }, 'Find'),
    ),
    findOut,
    results,
    selected,
    uncovered,
    plan,
  );
  q.focus();
}
