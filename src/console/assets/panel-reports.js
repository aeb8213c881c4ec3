// @ts-check
import { api, getAll } from './api.js';
import { attempt } from './form.js';
import { chooser, dayPeriod } from './chooser.js';
import { badge, clear, fmtDateTime, h, section, table } from './ui.js';

/**
 * @typedef {import('../api-types').Absence} Absence
 * @typedef {import('../api-types').HoursRow} HoursRow
 * @typedef {import('./ui.js').Names} Names
 */

/**
 * A report of the panel: a period form, its table, and how to load it.
 * @param {string} title
 * @param {string} id
 * @param {ReturnType<typeof dayPeriod>} period
 * @param {string} submit
 * @param {HTMLElement} body
 * @param {() => Promise<boolean>} load
 */
function report(title, id, period, submit, body, load) {
  return { element: section(`${id}-h`, title, chooser(submit, period.fields, load), body), load };
}

/** Hours per practitioner per week against their contract. @param {HTMLElement} out */
export function hoursSection(out) {
  const period = dayPeriod(0, 13);
  const hours = h('div', { id: 'hours' });
  const loadHours = () =>
    attempt(out, async () => {
      /** @type {HoursRow[]} */
      const items = (await api.get(`/v1/hours?from=${period.from.value}&to=${period.to.value}`)).items;
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

  return report('Hours per week', 'hours', period, 'Show hours', hours, loadHours);
}

/** Absences in a period, by name. @param {HTMLElement} out @param {Names} names */
export function absencesSection(out, names) {
  const period = dayPeriod(-7, 28);
  const absences = h('div', { id: 'absences' });
  const loadAbsences = () =>
    attempt(out, async () => {
      /** @type {Absence[]} */
      const items = await getAll('/v1/absences', { from: period.from.value, to: period.to.value });
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

  return report('Absences', 'absences', period, 'Show absences', absences, loadAbsences);
}
