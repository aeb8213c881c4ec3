// @ts-check
import { api, session } from './api.js';
import { actionForm, checked, value } from './form.js';
import { checkboxes, field, h, select } from './ui.js';

/**
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('../api-types').Contract} Contract
 * @typedef {import('../api-types').Coded} Coded
 * @typedef {{ regions: Coded[], specialisms: Coded[], hubs: Coded[] }} Reference
 */

const num = (/** @type {string} */ s) => (s === '' ? undefined : Number(s));

/** The contract's limits, filled from the practitioner's (or the defaults). @param {Contract | undefined} c */
function contractControls(c) {
  const contractField = (
    /** @type {string} */ label,
    /** @type {string} */ name,
    /** @type {number | null | undefined} */ v,
  ) =>
    field(
      label,
      h('input', {
        type: 'number',
        name,
        min: '0',
        max: '168',
        step: 'any',
        value: v == null ? '' : String(v),
      }),
    );
  return h(
    'fieldset',
    {},
    h('legend', {}, 'Contract'),
    h(
      'div',
      { class: 'controls' },
      contractField('Contracted hours a week', 'hoursPerWeek', c?.hoursPerWeek),
      contractField('Most hours in 7 days', 'maxHoursPer7Days', c?.maxHoursPer7Days ?? 48),
      contractField('Least rest between shifts (hours)', 'minRestHours', c?.minRestHours ?? 11),
      contractField('Most nights in a row', 'maxConsecutiveNights', c?.maxConsecutiveNights ?? 4),
      contractField('Most days in a row', 'maxConsecutiveDays', c?.maxConsecutiveDays ?? 6),
      contractField(
        'Least days off together (2: never a lone day off)',
        'minConsecutiveDaysOff',
        c?.minConsecutiveDaysOff ?? 1,
      ),
      contractField(
        'Most weekends in any 4 weeks (empty: no limit)',
        'maxWeekendsIn4Weeks',
        c?.maxWeekendsIn4Weeks,
      ),
    ),
  );
}

/**
 * The controls of a practitioner, filled from `before` when changing one.
 * @param {Reference} ref
 * @param {Practitioner | null} before
 */
function practitionerControls(ref, before) {
  // A key narrowed to hubs adds and changes only the 0-19 staff of its hubs.
  const hubs = session.hubs ? ref.hubs.filter((x) => session.hubs?.includes(x.code)) : ref.hubs;
  const kinds = /** @type {[string, string][]} */ (
    session.hubs
      ? [['zero_nineteen', '0-19 practitioner']]
      : [
          ['parenting', 'Parenting practitioner'],
          ['zero_nineteen', '0-19 practitioner'],
        ]
  );
  const controls = [
    h(
      'div',
      { class: 'controls' },
      field(
        'Name',
        h('input', {
          type: 'text',
          name: 'name',
          required: true,
          maxlength: '200',
          value: before?.name ?? '',
        }),
      ),
      field('Kind', select('kind', kinds, before?.kind)),
      field(
        'Grade',
        h('input', { type: 'text', name: 'grade', maxlength: '20', value: before?.grade ?? '' }),
        'H or I for 0-19 lead responders',
      ),
      field(
        'Home region',
        select(
          'homeRegion',
          ref.regions.map((r) => [r.code, r.name]),
          before?.homeRegion,
        ),
      ),
      field(
        'Hub (0-19 only)',
        select(
          'hub',
          [['', 'None'], ...hubs.map((x) => /** @type {[string, string]} */ ([x.code, x.name]))],
          before?.hub ?? '',
        ),
      ),
      field(
        'Gender',
        select(
          'gender',
          [
            ['', 'Not recorded'],
            ['female', 'Female'],
            ['male', 'Male'],
            ['other', 'Other'],
          ],
          before?.gender ?? '',
        ),
      ),
    ),
    checkboxes(
      'Works in (besides the home region)',
      'regions',
      ref.regions.map((r) => [r.code, r.name]),
      before?.regions ?? [],
    ),
    checkboxes(
      'Specialisms',
      'specialisms',
      ref.specialisms.map((s) => [s.code, s.name]),
      before?.specialisms ?? [],
    ),
    contractControls(before?.contract),
  ];
  return controls;
}

/** The practitioner as the API takes it, from the form. @param {HTMLFormElement} form */
function read(form) {
  const homeRegion = value(form, 'homeRegion');
  const regions = checked(form, 'regions');
  const kind = value(form, 'kind');
  return {
    name: value(form, 'name'),
    kind,
    grade: value(form, 'grade') || null,
    homeRegion,
    regions: regions.includes(homeRegion) ? regions : [homeRegion, ...regions],
    hub: kind === 'zero_nineteen' ? value(form, 'hub') || null : null,
    specialisms: checked(form, 'specialisms'),
    gender: value(form, 'gender') || null,
    contract: {
      hoursPerWeek: num(value(form, 'hoursPerWeek')) ?? null,
      maxHoursPer7Days: num(value(form, 'maxHoursPer7Days')),
      minRestHours: num(value(form, 'minRestHours')),
      maxConsecutiveNights: num(value(form, 'maxConsecutiveNights')),
      maxConsecutiveDays: num(value(form, 'maxConsecutiveDays')),
      minConsecutiveDaysOff: num(value(form, 'minConsecutiveDaysOff')),
      maxWeekendsIn4Weeks: num(value(form, 'maxWeekendsIn4Weeks')) ?? null,
    },
  };
}

/**
 * A practitioner's fields, for adding one or changing one (`before`): only what changed is sent on a
 * change, with the version read, so two people editing at once do not overwrite each other.
 * @param {Reference} ref
 * @param {Practitioner | null} before
 * @param {(p: Practitioner) => Promise<void>} done
 */
export function practitionerForm(ref, before, done) {
  const controls = practitionerControls(ref, before);
  return actionForm({
    heading: before ? `Change ${before.name}` : 'Add a practitioner',
    headingLevel: before ? 'h3' : 'h2',
    id: before ? 'change-practitioner' : 'add-practitioner',
    controls,
    submit: before ? 'Save changes' : 'Add practitioner',
    run: async (form) => {
      const body = read(form);
      if (!before) {
        /** @type {Practitioner} */
        const p = await api.post('/v1/practitioners', body);
        await done(p);
        return { title: `${p.name} is on the panel` };
      }
      const old = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (before));
      const changed = Object.fromEntries(
        Object.entries(body).filter(([k, v]) => JSON.stringify(v) !== JSON.stringify(old[k])),
      );
      if (Object.keys(changed).length === 0) return { title: 'Nothing to change' };
      const res = await api.patch(`/v1/practitioners/${before.id}`, changed, { ifMatch: before.version });
      await done(res);
      const off = res.uncoveredShifts ?? [];
      return {
        title: `${res.name} changed`,
        detail: off.length
          ? `${off.length} shift(s) they can no longer work are now uncovered and need cover.`
          : null,
      };
    },
  });
}
