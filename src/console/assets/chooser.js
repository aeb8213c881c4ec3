// @ts-check
import { addDays, addWeeks, field, h, isoWeek, today } from './ui.js';

/** @typedef {import('./ui.js').Child} Child */

/**
 * The small form at the top of a screen that chooses what it shows (a period, a hub, a filter): its fields
 * in a row and one button. Submitting it runs `show` instead of leaving the page.
 * @param {string} submit the button's words
 * @param {Child} fields
 * @param {() => unknown} show
 */
export function chooser(submit, fields, show) {
  return h(
    'form',
    {
      class: 'inline card',
      onsubmit: (/** @type {SubmitEvent} */ event) => {
        event.preventDefault();
        show();
      },
    },
    fields,
    h('button', { type: 'submit' }, submit),
  );
}

/** @param {'date' | 'week'} type @param {string} name @param {string} value */
const required = (type, name, value) => h('input', { type, name, value, required: true });

/**
 * Days counted from today (negative: before it), as inputs `from` and `to` (the last day included) and
 * their fields.
 * @param {number} first
 * @param {number} last
 */
export function dayPeriod(first, last) {
  const from = required('date', 'from', addDays(today(), first));
  const to = required('date', 'to', addDays(today(), last));
  return { from, to, fields: [field('From', from), field('To (included)', to)] };
}

/**
 * ISO weeks counted from this week (negative: before it), as inputs `fromWeek` and `toWeek` and their fields.
 * @param {number} first
 * @param {number} last
 * @param {[string, string]} [labels]
 */
export function weekPeriod(first, last, labels = ['From week', 'To week']) {
  const thisWeek = isoWeek(today());
  const fromWeek = required('week', 'fromWeek', addWeeks(thisWeek, first));
  const toWeek = required('week', 'toWeek', addWeeks(thisWeek, last));
  return { fromWeek, toWeek, fields: [field(labels[0], fromWeek), field(labels[1], toWeek)] };
}
