// @ts-check
import { api, getAll } from './api.js';
import { attempt } from './form.js';
import { addDays, badge, clear, field, fmtDateTime, h, table, today } from './ui.js';

/**
 * @typedef {import('../api-types').Absence} Absence
 * @typedef {import('../api-types').HoursRow} HoursRow
 * @typedef {import('./ui.js').Names} Names
 */

/**
 * A report of the panel: a period form, its table, and how to load it.
 * @param {string} title
 * @param {string} id
 * @param {[HTMLInputElement, HTMLInputElement]} period
 * @param {string} submit
 * @param {HTMLElement} body
 * @param {() => Promise<boolean>} load
 */
function report(title, id, [from, to], submit, body, load) {
  const form = h(
    'form',
    { class: 'inline card' },
    field('From', from),
    field('To (included)', to),
    h('button', { type: 'submit' }, submit),
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void load();
  });
  const element = h(
    'section',
    { 'aria-labelledby': `${id}-h` },
    h('h2', { id: `${id}-h` }, title),
    form,
    body,
  );
  return { element, load };
}

/** Hours per practitioner per week against their contract. @param {HTMLElement} out */
export function hoursSection(out) {
  const hFrom = h('input', { type: 'date', name: 'from', value: today(), required: true });
  const hTo = h('input', { type: 'date', name: 'to', value: addDays(today(), 13), required: true });
  const hours = h('div', { id: 'hours' });
  const loadHours = () =>
    attempt(out, async () => {
      /** @type {HoursRow[]} */
      const items = (await api.get(`/v1/hours?from=${hFrom.value}&to=${hTo.value}`)).items;
      clear(
        hours,
        table(
          'Hours per practitioner per week against their contract',
          ['Practitioner', 'Week', 'Hours', 'Contract', 'Most in 7 days', 'Shifts', 'Nights'],
          items.map((r) => {
            const over = r.contractedHoursPerWeek != null && r.hours > r.contractedHoursPerWeek;
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, r.name),
              h('td', {}, r.week),
              h(
                'td',
                {},
                String(r.hours),
                ' ',
                over ? badge('Over contract', 'warn') : null,
                r.hours > r.maxHoursPer7Days ? badge('Over the limit', 'bad') : null,
              ),
              h('td', {}, r.contractedHoursPerWeek == null ? '—' : String(r.contractedHoursPerWeek)),
              h('td', {}, String(r.maxHoursPer7Days)),
              h('td', {}, String(r.shifts)),
              h('td', {}, String(r.nights)),
            );
          }),
        ),
      );
    });

  return report('Hours per week', 'hours', [hFrom, hTo], 'Show hours', hours, loadHours);
}

/** Absences in a period, by name. @param {HTMLElement} out @param {Names} names */
export function absencesSection(out, names) {
  const aFrom = h('input', { type: 'date', name: 'from', value: addDays(today(), -7), required: true });
  const aTo = h('input', { type: 'date', name: 'to', value: addDays(today(), 28), required: true });
  const absences = h('div', { id: 'absences' });
  const loadAbsences = () =>
    attempt(out, async () => {
      /** @type {Absence[]} */
      const items = await getAll('/v1/absences', { from: aFrom.value, to: aTo.value });
      clear(
        absences,
        table(
          'Absences in the period',
          ['Practitioner', 'Kind', 'From', 'Until', 'Note'],
          items.map((a) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, names.of(a.practitionerId)),
              h('td', {}, a.kind.replace('_', ' ')),
              h('td', {}, fmtDateTime(a.start)),
              h('td', {}, a.end ? fmtDateTime(a.end) : 'Open-ended'),
              h('td', {}, a.note || ''),
            ),
          ),
        ),
      );
    });

  return report('Absences', 'absences', [aFrom, aTo], 'Show absences', absences, loadAbsences);
}
