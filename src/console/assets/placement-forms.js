// @ts-check
import { api } from './api.js';
import { actionForm, checked, value } from './form.js';
import { phaseEditor } from './phases.js';
import { caseReferenceField, checkboxes, field, h, noteField, select, today } from './ui.js';

/**
 * @typedef {import('../api-types').Placement} Placement
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('../api-types').Coded} Coded
 * @typedef {import('../api-types').Shift} Shift
 * @typedef {{ regions: Coded[], specialisms: Coded[], practitioners: Practitioner[] }} Facts
 */

const GENDERS = /** @type {[string, string][]} */ ([
  ['', 'No requirement'],
  ['female', 'Female practitioners only'],
  ['male', 'Male practitioners only'],
  ['other', 'Practitioners of other gender only'],
]);

/** What a change left uncovered, in a sentence and a list. @param {Shift[]} shifts */
const uncoveredNote = (shifts) =>
  shifts.length
    ? h(
        'div',
        {},
        h('p', {}, `${shifts.length} shift(s) are now uncovered:`),
        h(
          'ul',
          {},
          shifts.map((s) => h('li', {}, `${s.caseReference} ${s.localDate}`)),
        ),
      )
    : null;

/**
 * A placement's dates, place and needs.
 * @param {Facts} facts
 * @param {Placement | null} before
 */
function placementFields(facts, before) {
  return h(
    'div',
    { class: 'controls' },
    caseReferenceField({ value: before?.caseReference ?? '' }),
    field(
      'Region',
      select(
        'region',
        facts.regions.map((r) => [r.code, r.name]),
        before?.region,
      ),
    ),
    field(
      'First day',
      h('input', { type: 'date', name: 'startDate', required: true, value: before?.startDate ?? today() }),
    ),
    field(
      'Last day (included)',
      h('input', { type: 'date', name: 'endDate', required: true, value: before?.endDate ?? '' }),
    ),
    field(
      'Review date',
      h('input', { type: 'date', name: 'reviewDate', value: before?.reviewDate ?? '' }),
      'Default: 3 weeks after the start',
    ),
    field('Gender requirement', select('genderRequirement', GENDERS, before?.genderRequirement ?? '')),
    field(
      'Practitioners per shift',
      h('input', {
        type: 'number',
        name: 'practitionersPerShift',
        min: '1',
        max: '4',
        value: String(before?.practitionersPerShift ?? 1),
      }),
    ),
  );
}

/**
 * The fields of a placement (for starting one, or changing its plan); `before` fills them in.
 * @param {Facts} facts
 * @param {Placement | null} before
 */
function placementControls(facts, before) {
  const excluded = h(
    'select',
    { name: 'excludedPractitioners', multiple: true, size: '4' },
    facts.practitioners
      .filter((p) => p.kind === 'parenting')
      .map((p) =>
        h('option', { value: p.id, selected: before?.excludedPractitioners.includes(p.id) }, p.name),
      ),
  );
  const phases = phaseEditor('Plan: phases (leave empty for 24/7 in two shifts)', before?.phases ?? []);
  const controls = [
    placementFields(facts, before),
    checkboxes(
      'Required specialisms',
      'requiredSpecialisms',
      facts.specialisms.map((s) => [s.code, s.name]),
      before?.requiredSpecialisms ?? [],
    ),
    field('Never send (excluded practitioners)', excluded, 'Hold Ctrl or Cmd to choose more than one'),
    phases.element,
  ];
  /** @param {HTMLFormElement} form */
  const read = (form) => {
    /** @type {Record<string, unknown>} */
    const body = {
      caseReference: value(form, 'caseReference'),
      region: value(form, 'region'),
      startDate: value(form, 'startDate'),
      endDate: value(form, 'endDate'),
      requiredSpecialisms: checked(form, 'requiredSpecialisms'),
      genderRequirement: value(form, 'genderRequirement') || null,
      excludedPractitioners: [...excluded.selectedOptions].map((o) => o.value),
      practitionersPerShift: Number(value(form, 'practitionersPerShift')) || 1,
    };
    if (value(form, 'reviewDate')) body.reviewDate = value(form, 'reviewDate');
    const plan = phases.read();
    if (plan.length) body.phases = plan;
    return body;
  };
  return { controls, read };
}

/**
 * Start a placement.
 * @param {Facts} facts
 * @param {(p: Placement) => Promise<void>} done
 */
export function createPlacementForm(facts, done) {
  const { controls, read } = placementControls(facts, null);
  return actionForm({
    heading: 'Start a placement',
    headingLevel: 'h2',
    id: 'create-placement',
    controls,
    submit: 'Start placement',
    run: async (form) => {
      /** @type {Placement} */
      const p = await api.post('/v1/placements', read(form));
      await done(p);
      return {
        title: `Placement ${p.caseReference} started`,
        detail: `From ${p.startDate} to ${p.endDate}; review due ${p.reviewDate}.`,
      };
    },
  });
}

/**
 * Change a placement's plan (dates, needs, phases): only what changed is sent, with the version read.
 * @param {Facts} facts
 * @param {Placement} before
 * @param {() => Promise<void>} done
 */
export function changePlacementForm(facts, before, done) {
  const { controls, read } = placementControls(facts, before);
  return actionForm({
    heading: `Change the plan of ${before.caseReference}`,
    id: 'change-placement',
    controls,
    submit: 'Save changes',
    run: async (form) => {
      const body = read(form);
      if (!('phases' in body)) body.phases = [];
      const old = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (before));
      const changed = Object.fromEntries(
        Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k])),
      );
      if (Object.keys(changed).length === 0)
        return { title: 'Nothing to change', detail: 'The plan is as it was.' };
      const res = await api.patch(`/v1/placements/${before.id}`, changed, { ifMatch: before.version });
      await done();
      return {
        title: `Plan of ${before.caseReference} changed`,
        extra: uncoveredNote(res.uncoveredShifts ?? []),
      };
    },
  });
}

const DECISIONS = /** @type {[string, string][]} */ ([
  ['continue', 'Continue: the plan stays'],
  ['step_down', 'Step down: a new plan from the review'],
  ['extend', 'Extend: a later last day'],
  ['end', 'End: an earlier last day'],
]);

/**
 * Record a review (continue, step down, extend, end) and apply it to the plan.
 * @param {Placement} placement
 * @param {() => Promise<void>} done
 */
export function reviewForm(placement, done) {
  const phases = phaseEditor('New plan from the review (step down only)');
  return actionForm({
    heading: `Record a review of ${placement.caseReference}`,
    id: 'review-placement',
    controls: [
      h(
        'div',
        { class: 'controls' },
        field('Held on', h('input', { type: 'date', name: 'heldOn', required: true, value: today() })),
        field('Decision', select('decision', DECISIONS, 'continue')),
        field('New last day (extend or end)', h('input', { type: 'date', name: 'endDate' })),
        field('Next review (optional)', h('input', { type: 'date', name: 'nextReviewDate' })),
      ),
      phases.element,
      noteField(
        'Note (optional)',
        h('textarea', { name: 'note', maxlength: '1000', rows: '2' }),
        'Case references only',
      ),
    ],
    submit: 'Record review',
    run: async (form) => {
      /** @type {Record<string, unknown>} */
      const body = { heldOn: value(form, 'heldOn'), decision: value(form, 'decision') };
      for (const k of ['endDate', 'nextReviewDate', 'note']) if (value(form, k)) body[k] = value(form, k);
      const plan = phases.read();
      if (plan.length) body.phases = plan;
      const res = await api.post(`/v1/placements/${placement.id}/reviews`, body);
      await done();
      const c = res.shiftChanges;
      return {
        title: `Review of ${placement.caseReference} recorded`,
        detail: `${c.created} shift(s) added, ${c.updated} changed, ${c.removed} removed, ${c.keptLocked} locked kept. ${res.review.nextReviewDate ? `Next review ${res.review.nextReviewDate}.` : 'No further review: the placement ends.'}`,
        extra: uncoveredNote(res.uncoveredShifts),
      };
    },
  });
}
