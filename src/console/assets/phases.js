// @ts-check
import { InputError } from './form.js';
import { clear, field, h, secondaryButton, uid } from './ui.js';

/** @typedef {import('../api-types').Phase} Phase */

/** "08:00-20:00, 20:00-08:00 x2" from a phase's shifts. @param {Phase['shifts']} shifts */
export const shiftsText = (shifts) =>
  shifts.map((s) => `${s.start}-${s.end}${s.practitioners > 1 ? ` x${s.practitioners}` : ''}`).join(', ');

/** A plan in words: "1 Dec to 14 Dec: 08:00-20:00, 20:00-08:00". @param {Phase[]} phases */
export const planText = (phases) =>
  phases.length
    ? phases.map((p) => `${p.fromDate} to ${p.toDate}: ${shiftsText(p.shifts)}`).join('; ')
    : '24/7 (08:00-20:00, 20:00-08:00)';

/**
 * The shifts of a phase from words; a mistake is said in words the person can fix.
 * @param {string} text
 * @param {number} n the phase's number, for the message
 */
function parseShifts(text, n) {
  return text
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const m = /^(\d{2}:\d{2})\s*[-–]\s*(\d{2}:\d{2})(?:\s*x\s*(\d))?$/.exec(part);
      if (!m)
        throw new InputError(
          'Check the plan',
          `Phase ${n}: write each shift as "08:00-20:00", with " x2" for two practitioners (not "${part}").`,
        );
      return {
        start: /** @type {string} */ (m[1]),
        end: /** @type {string} */ (m[2]),
        practitioners: Number(m[3] ?? 1),
      };
    });
}

/**
 * A plan editor: phases, each from a date to a date with its daily shifts. Empty means "no phases given"
 * (a new placement is then 24/7 in two shifts).
 * @param {string} legend
 * @param {Phase[]} [initial]
 */
export function phaseEditor(legend, initial = []) {
  const rows = h('div', { class: 'phases' });
  /** @type {{ from: HTMLInputElement, to: HTMLInputElement, shifts: HTMLInputElement, row: HTMLElement }[]} */
  const phases = [];

  function renumber() {
    phases.forEach((p, i) => {
      const labels = p.row.querySelectorAll('label');
      const words = ['from', 'to (included)', 'shifts'];
      labels.forEach((l, j) => (l.textContent = `Phase ${i + 1} ${words[j]}`));
      const remove = p.row.querySelector('button');
      if (remove) remove.textContent = `Remove phase ${i + 1}`;
    });
  }

  /** @param {Phase | null} phase */
  function add(phase) {
    const from = h('input', {
      type: 'date',
      value: phase?.fromDate ?? '',
      required: true,
      id: uid('phase-from'),
    });
    const to = h('input', { type: 'date', value: phase?.toDate ?? '', required: true, id: uid('phase-to') });
    const shifts = h('input', {
      type: 'text',
      value: phase ? shiftsText(phase.shifts) : '08:00-20:00, 20:00-08:00',
      required: true,
      id: uid('phase-shifts'),
    });
    const entry = { from, to, shifts, row: h('div') };
    entry.row = h(
      'div',
      { class: 'phase controls' },
      field('Phase from', from),
      field('Phase to', to),
      field('Phase shifts', shifts, 'e.g. 08:00-20:00, 20:00-08:00; add x2 for two practitioners'),
      secondaryButton('Remove phase', () => {
        phases.splice(phases.indexOf(entry), 1);
        entry.row.remove();
        renumber();
      }),
    );
    phases.push(entry);
    rows.append(entry.row);
    renumber();
  }

  for (const p of initial) add(p);
  const element = h(
    'fieldset',
    { class: 'phase-editor' },
    h('legend', {}, legend),
    rows,
    secondaryButton('Add a phase', () => add(null)),
  );
  return {
    element,
    /** The phases as the API takes them; [] when none are given. @returns {Phase[]} */
    read: () =>
      phases.map((p, i) => ({
        fromDate: p.from.value,
        toDate: p.to.value,
        shifts: parseShifts(p.shifts.value, i + 1),
      })),
    reset: () => {
      phases.splice(0).forEach((p) => p.row.remove());
      clear(rows);
    },
  };
}
