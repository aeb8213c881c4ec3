// @ts-check
import { api } from './api.js';
import { can } from './access.js';
import { actionButton, answerRegion, attempt } from './form.js';
import { badge, clear, fmtTime, h, secondaryButton, shiftLabel, stats, table } from './ui.js';

/**
 * @typedef {import('../api-types').Shift} Shift
 * @typedef {import('../api-types').Candidate} Candidate
 * @typedef {import('../api-types').ShiftAssignment} ShiftAssignment
 * @typedef {import('./form.js').Outcome} Outcome
 * @typedef {{ shiftId: string, reasons: string[] }} AtRisk
 * @typedef {(id: string, label: string, saying: string, write: () => Promise<any>) => HTMLButtonElement} Act
 */

/**
 * A name, with the part of the shift they work when it is not all of it.
 * @param {ShiftAssignment} a
 * @param {Shift} s
 */
export function withPart(a, s) {
  return a.start === s.start && a.end === s.end ? a.name : `${a.name} ${fmtTime(a.start)}–${fmtTime(a.end)}`;
}

/** Who was taken off the shift, from when and why. @param {Shift} s */
function takenOff(s) {
  if (!s.uncoveredBy.length) return null;
  return h(
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
  );
}

/**
 * Who is on the shift, each with their part and, where allowed, a way off it.
 * @param {Shift} s
 * @param {(a: ShiftAssignment) => HTMLElement | null} unassign
 */
function onShift(s, unassign) {
  if (!s.assignments.length) return h('p', {}, 'Nobody is on this shift.');
  return h(
    'ul',
    { class: 'result-list' },
    s.assignments.map((a) =>
      h(
        'li',
        {},
        `${withPart(a, s)} `,
        h('span', { class: 'muted' }, `(${a.source}${a.pinned ? ', pinned' : ''})`),
        ' ',
        unassign(a),
      ),
    ),
  );
}

/**
 * @param {Shift} s
 * @param {Candidate[]} candidates
 * @param {boolean} edit
 * @param {Act} act
 */
function candidateTable(s, candidates, edit, act) {
  const rows = candidates
    .slice(0, 40)
    .map((c) =>
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
            ? act(s.id, `Assign ${c.name}`, `${c.name} is on the shift`, () =>
                api.post(`/v1/shifts/${s.id}/assignments`, { practitionerId: c.practitionerId }),
              )
            : '',
        ),
      ),
    );
  return table(
    'Who could work this shift, best first, and the rule each other would break',
    ['Practitioner', 'Allowed', 'Rule it would break, or warnings', 'Action'],
    rows,
  );
}

/**
 * Actions on a shift: each says its answer and the soft goals to note, then the shift and the board are
 * drawn again.
 * @param {HTMLElement} out
 * @param {(id: string) => Promise<void>} render
 * @param {() => void} changed
 * @returns {Act}
 */
function makeAct(out, render, changed) {
  /**
   * @param {string} id
   * @param {string} label
   * @param {string} saying
   * @param {() => Promise<{ warnings?: { rule: string, message: string }[] } | null>} write
   */
  return (id, label, saying, write) =>
    actionButton(
      label,
      out,
      async () => {
        const result = await write();
        const warnings = result?.warnings ?? [];
        await render(id);
        changed();
        return {
          title: saying,
          detail: warnings.length ? 'Soft goals to note:' : null,
          extra: warnings.length
            ? h(
                'ul',
                {},
                warnings.map((w) => h('li', {}, w.message)),
              )
            : null,
        };
      },
      { secondary: label.startsWith('Unassign') || label.endsWith('shift') },
    );
}

/**
 * A shift's details in a dialog: who is on it, who was taken off and why, and the candidates with the rule
 * each would break; with the actions this key may take (assign, unassign, lock).
 * @param {{ regionName: (code: string) => string, atRisk: (id: string) => AtRisk | undefined, changed: () => void }} ctx
 */
export function shiftDialog(ctx) {
  const dialog = h('dialog', { 'aria-labelledby': 'shift-title' });
  const title = h('h2', { id: 'shift-title' }, 'Shift');
  const out = answerRegion();
  const body = h('div', {});

  /** @param {string} id */
  async function open(id) {
    clear(
      dialog,
      h(
        'div',
        { class: 'dialog-head' },
        title,
        secondaryButton('Close', () => dialog.close()),
      ),
      out,
      body,
    );
    clear(out);
    clear(body, h('p', {}, 'Loading…'));
    if (!dialog.open) dialog.showModal();
    await attempt(out, () => render(id));
  }

  const act = makeAct(out, (id) => render(id), ctx.changed);

  /** @param {string} id */
  async function render(id) {
    /** @type {Shift} */
    const s = await api.get(`/v1/shifts/${id}`);
    title.textContent = shiftLabel(s);
    const risk = ctx.atRisk(id);
    const unassign = can('DELETE /v1/shifts/:id/assignments/:practitionerId');
    const lock = can(`POST /v1/shifts/:id/${s.locked ? 'unlock' : 'lock'}`);
    const assign = can('POST /v1/shifts/:id/assignments');
    const candidates = can('GET /v1/shifts/:id/candidates')
      ? /** @type {Candidate[]} */ ((await api.get(`/v1/shifts/${id}/candidates`)).items)
      : null;
    clear(
      body,
      stats([
        ['Region', ctx.regionName(s.region)],
        ['Status', s.status],
        ['Needed', `${s.assignments.length} of ${s.required}`],
        ['Locked', s.locked ? 'Yes' : 'No'],
      ]),
      risk ? h('p', {}, badge('▲ At risk', 'warn'), risk.reasons.join('; ')) : null,
      takenOff(s),
      h('h3', {}, 'On this shift'),
      onShift(s, (a) =>
        unassign
          ? act(id, `Unassign ${a.name}`, `${a.name} is off the shift`, () =>
              api.del(`/v1/shifts/${id}/assignments/${a.practitionerId}`),
            )
          : null,
      ),
      lock
        ? act(
            id,
            s.locked ? 'Unlock shift' : 'Lock shift',
            s.locked ? 'Shift unlocked' : 'Shift locked',
            () => api.post(`/v1/shifts/${id}/${s.locked ? 'unlock' : 'lock'}`),
          )
        : null,
      candidates ? [h('h3', {}, 'Candidates'), candidateTable(s, candidates, assign, act)] : null,
    );
  }

  return { dialog, open };
}
