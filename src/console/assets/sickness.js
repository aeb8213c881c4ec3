// @ts-check
import { api, getAll, query } from './api.js';
import { can, canOnPractitioner } from './access.js';
import { showCoverPlan, shiftLabeller } from './cover-plan.js';
import { actionForm, answerRegion, attempt, value } from './form.js';
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
  secondaryButton,
  shiftLabel,
  uid,
} from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('../api-types').Absence} Absence
 * @typedef {import('../api-types').Shift} Shift
 * @typedef {{
 *   state: { practitioner: Practitioner | null, shifts: Map<string, Shift> },
 *   selectedOut: HTMLElement,
 *   uncovered: HTMLElement,
 *   plan: HTMLElement,
 *   label: (shiftId: string) => Promise<string>,
 *   renderSelected: () => Promise<void>,
 * }} Ctx
 */

/** Sickness: find a practitioner, report sickness, see what it uncovered, get and accept cover, return to work. */
export const sicknessScreen = screen('sickness', 'Sickness', 'GET /v1/absences', render, {
  'POST /v1/practitioners/:id/absences': 'report sickness and record returns to work',
  'POST /v1/cover-plans': 'ask for cover plans',
  'POST /v1/cover-plans/:id/accept': 'accept cover plans',
});

/** A shift uncovered part-way ("from 14:10"): the part before stays worked and counted. @param {Shift} s */
function fromWhen(s) {
  const from = s.uncoveredBy.map((u) => u.from).sort()[0];
  return from && from > s.start ? ` (uncovered from ${fmtTime(from)}; the part before stays worked)` : null;
}

/** @param {Ctx} ctx @param {Practitioner} p @param {Absence} a @param {boolean} mayRecord */
function returnToWork(ctx, p, a, mayRecord) {
  return h(
    'li',
    {},
    `Sick since ${fmtDateTime(a.start)}${a.note ? ` (${a.note})` : ''}`,
    mayRecord
      ? actionForm({
          className: 'inline',
          controls: field(
            'Back at work from',
            h('input', { type: 'datetime-local', name: 'end', value: nowLocalInput(true), required: true }),
          ),
          submit: 'Record return to work',
          out: ctx.selectedOut,
          run: async (form) => {
            const end = localToInstant(value(form, 'end'));
            await api.patch(`/v1/absences/${a.id}`, { end });
            await ctx.renderSelected();
            return {
              title: 'Return to work recorded',
              detail: `${p.name} is back from ${fmtDateTime(end)}.`,
            };
          },
        })
      : null,
  );
}

/**
 * @param {string} name
 * @param {string} legend
 * @param {[string, string][]} options value and text; the first is checked
 * @param {import('./ui.js').Child} extra
 */
function radios(name, legend, options, extra) {
  return h(
    'fieldset',
    {},
    h('legend', {}, legend),
    options.map(([v, text], i) => {
      const r = h('input', { type: 'radio', name, value: v, checked: i === 0, id: `${name}-${v}` });
      return h('div', { class: 'choice' }, r, h('label', { for: r.id }, text));
    }),
    extra,
  );
}

/** @param {Ctx} ctx @param {Practitioner} p */
function reportForm(ctx, p) {
  const start = uid('start');
  const end = uid('end');
  return actionForm({
    heading: `Report ${p.name} sick`,
    controls: [
      radios(
        start,
        'Sickness starts',
        [
          ['now', 'Now'],
          ['at', 'At a time'],
        ],
        field('Start time', h('input', { type: 'datetime-local', name: 'start', value: nowLocalInput() })),
      ),
      radios(
        end,
        'Sickness ends',
        [
          ['open', 'Open-ended'],
          ['until', 'On a date and time'],
        ],
        field('End time', h('input', { type: 'datetime-local', name: 'end' })),
      ),
      field(
        'Note (optional)',
        h('input', { type: 'text', name: 'note', maxlength: '500' }),
        'No details of health: e.g. “phoned in at 06:40”.',
      ),
    ],
    submit: 'Report sickness',
    out: ctx.selectedOut,
    run: async (form) => {
      const at = value(form, start) === 'at' && value(form, 'start');
      /** @type {{ kind: string, start: string, end?: string, note?: string }} */
      const body = { kind: 'sickness', start: at ? localToInstant(at) : new Date().toISOString() };
      if (value(form, end) === 'until') {
        if (!value(form, 'end'))
          return void answer(
            ctx.selectedOut,
            'error',
            'Choose when the sickness ends',
            'Or choose open-ended.',
          );
        body.end = localToInstant(value(form, 'end'));
      }
      if (value(form, 'note')) body.note = value(form, 'note');
      /** @type {Absence} */
      const absence = await api.post(`/v1/practitioners/${p.id}/absences`, body);
      await ctx.renderSelected();
      renderUncovered(ctx, absence);
      return {
        title: 'Sickness recorded',
        detail: `${p.name} is off sick from ${fmtDateTime(absence.start)}${absence.end ? ` to ${fmtDateTime(absence.end)}` : ', open-ended'}.`,
      };
    },
  });
}

/** @param {Ctx} ctx @param {Absence} absence */
function renderUncovered(ctx, absence) {
  const shifts = absence.uncoveredShifts ?? [];
  for (const s of shifts) ctx.state.shifts.set(s.id, s);
  ctx.uncovered.hidden = false;
  ctx.plan.hidden = true;
  clear(
    ctx.uncovered,
    h('h2', { id: 'uncovered-h' }, `Shifts uncovered (${shifts.length})`),
    shifts.length
      ? h(
          'ul',
          { class: 'result-list', id: 'uncovered-list' },
          shifts.map((s) => h('li', {}, badge('⚠ Uncovered', 'bad'), shiftLabel(s), fromWhen(s))),
        )
      : h('p', {}, 'The sickness took nobody off a shift.'),
    can('POST /v1/cover-plans') && shifts.length
      ? h(
          'button',
          {
            type: 'button',
            id: 'find-cover',
            onclick: () => void showCoverPlan(ctx.plan, { absenceId: absence.id }, ctx.label),
          },
          'Find cover',
        )
      : null,
  );
}

/**
 * Find a practitioner by name; each one found can be chosen.
 * @param {HTMLElement} out
 * @param {HTMLElement} results
 * @param {(p: Practitioner) => void} choose
 */
function practitionerFinder(out, results, choose) {
  return actionForm({
    className: 'inline card',
    controls: field(
      'Practitioner name',
      h('input', { type: 'search', name: 'q', autocomplete: 'off', required: true }),
    ),
    submit: 'Find',
    out,
    run: async (form) => {
      /** @type {Practitioner[]} */
      const items = (await api.get(`/v1/practitioners${query({ q: value(form, 'q'), limit: 20 })}`)).items;
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
                  secondaryButton(`Choose ${p.name}`, () => choose(p)),
                  ' ',
                  h(
                    'span',
                    { class: 'muted' },
                    p.kind === 'parenting' ? 'parenting' : `0-19, grade ${p.grade}`,
                  ),
                ),
              ),
            )
          : h('p', {}, 'Nobody on the panel matches.'),
      );
    },
  });
}

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {{ practitioner: Practitioner | null, shifts: Map<string, Shift> }} */
  const state = { practitioner: null, shifts: new Map() };
  const label = shiftLabeller(state.shifts);
  const findOut = answerRegion();
  const results = h('div', { id: 'practitioner-results' });
  const selected = h('section', { id: 'selected', 'aria-labelledby': 'selected-h', hidden: true });
  const selectedOut = answerRegion();
  const uncovered = h('section', { id: 'uncovered', 'aria-labelledby': 'uncovered-h', hidden: true });
  const plan = h('section', { id: 'plan', 'aria-labelledby': 'plan-h', hidden: true });
  /** @type {Ctx} */
  const ctx = { state, selectedOut, uncovered, plan, label, renderSelected: () => renderSelected() };

  const findForm = practitionerFinder(findOut, results, (p) => void choose(p));
  findForm.setAttribute('role', 'search');

  /** @param {Practitioner} p */
  async function choose(p) {
    state.practitioner = p;
    uncovered.hidden = true;
    plan.hidden = true;
    clear(selectedOut);
    await renderSelected();
    selected.querySelector('h2')?.focus();
  }

  async function renderSelected() {
    const p = state.practitioner;
    if (!p) return;
    /** @type {Absence[]} */
    let open = [];
    await attempt(selectedOut, async () => {
      open = (await getAll('/v1/absences', { practitioner: p.id, open: true })).filter(
        (a) => a.kind === 'sickness',
      );
    });
    const mayRecord = canOnPractitioner('POST /v1/practitioners/:id/absences', p);
    selected.hidden = false;
    clear(
      selected,
      h('h2', { id: 'selected-h', tabindex: '-1' }, p.name),
      selectedOut,
      h('h3', {}, 'Open-ended sickness'),
      open.length
        ? h(
            'ul',
            { class: 'result-list', id: 'open-absences' },
            open.map((a) => returnToWork(ctx, p, a, mayRecord)),
          )
        : h('p', {}, `${p.name} has no open-ended sickness.`),
      mayRecord ? reportForm(ctx, p) : h('p', {}, 'Your role may not record this person’s absences.'),
    );
  }

  draw(findForm, results, selected, uncovered, plan);
  findForm.querySelector('input')?.focus();
}
