// @ts-check
import { api, getAll, session } from './api.js';
import { can, exists } from './access.js';
import { actionForm, answerRegion, attempt, value } from './form.js';
import { chooser, weekPeriod } from './chooser.js';
import { clear, field, h, Names, noteField, secondaryButton, select, table, today } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').Intervention} Intervention
 * @typedef {import('../api-types').Booking} Booking
 * @typedef {import('../api-types').Hub} Hub
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {{ out: HTMLElement, forms: HTMLElement, staff: Names, hubStaff: Practitioner[], load: () => Promise<void> }} Ctx
 */

const CLOSE = 'POST /v1/osr/interventions/:id/close';
const REASONS = /** @type {[string, string][]} */ ([
  ['gender', 'Gender'],
  ['specialism', 'Specialism'],
  ['workload', 'Workload'],
  ['annual_leave', 'Annual leave'],
]);
const OUTCOMES = /** @type {[string, string][]} */ ([
  ['completed', 'Completed: the planned work was done'],
  ['stepped_down', 'Stepped down to lighter support'],
  ['transferred_to_statutory', 'Moved to statutory services'],
  ['disengaged', 'The family stopped taking part'],
  ['other', 'Other'],
]);

/** Interventions after OSR visits: start one from a booking, extend, reassign, close (when the service can). */
export const interventionsScreen = screen(
  'interventions',
  'Interventions',
  'GET /v1/osr/interventions',
  render,
  {
    'POST /v1/osr/interventions': 'start interventions after visits',
    'POST /v1/osr/interventions/:id/extend': 'extend interventions with a reason',
    'POST /v1/osr/interventions/:id/reassign': 'reassign interventions',
    [CLOSE]: 'close interventions with their outcome',
  },
);

const who = (/** @type {Ctx} */ ctx, /** @type {Intervention} */ i) =>
  i.practitionerName ?? ctx.staff.of(i.practitionerId);
/** @param {Intervention} i */
const open = (i) => (i.status ?? 'open') === 'open';

/** @param {Ctx} ctx @param {Intervention[]} items */
function interventionTable(ctx, items) {
  if (!items.length) return h('p', {}, 'No interventions for this hub in these weeks.');
  return table(
    `Interventions (${items.length})`,
    ['Case', 'Week', 'Practitioner', 'Sessions', 'Status', 'Action'],
    items.map((i) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, i.caseReference),
        h('td', {}, i.week),
        h(
          'td',
          {},
          who(ctx, i),
          i.reassignmentReason
            ? h('span', { class: 'muted' }, ` (reassigned: ${i.reassignmentReason.replace('_', ' ')})`)
            : null,
        ),
        h(
          'td',
          {},
          `${i.totalSessions}${i.extraSessions ? ` (${i.extraSessions} added: ${i.extensionReason ?? ''})` : ''}`,
        ),
        h(
          'td',
          {},
          open(i)
            ? 'Open'
            : `Closed ${i.closedOn ?? ''}${i.outcome ? `: ${i.outcome.replace(/_/g, ' ')}` : ''}`,
        ),
        h('td', { class: 'actions' }, open(i) ? actionsFor(ctx, i) : null),
      ),
    ),
  );
}

/** @param {Ctx} ctx @param {Intervention} i */
function actionsFor(ctx, i) {
  /** @param {string} label @param {() => HTMLElement} form */
  const opener = (label, form) =>
    secondaryButton(label, () => {
      clear(ctx.forms, form());
      ctx.forms.querySelector('h3')?.scrollIntoView({ block: 'nearest' });
    });
  return [
    can('POST /v1/osr/interventions/:id/extend', i.hub)
      ? opener(`Extend ${i.caseReference}`, () => extendForm(ctx, i))
      : null,
    can('POST /v1/osr/interventions/:id/reassign', i.hub)
      ? opener(`Reassign ${i.caseReference}`, () => reassignForm(ctx, i))
      : null,
    exists(CLOSE) && can(CLOSE, i.hub) ? opener(`Close ${i.caseReference}`, () => closeForm(ctx, i)) : null,
  ];
}

/** @param {Ctx} ctx @param {Booking[]} bookings */
function startForm(ctx, bookings) {
  if (!bookings.length) return h('p', {}, 'Every active booking in these weeks has its intervention.');
  return actionForm({
    heading: 'Start an intervention after a visit',
    headingLevel: 'h2',
    id: 'start-intervention',
    out: ctx.out,
    controls: h(
      'div',
      { class: 'controls' },
      field(
        'Visit',
        select(
          'bookingId',
          bookings.map((b) => [b.id, `${b.caseReference}, ${b.week}, with ${b.leadResponderName}`]),
        ),
      ),
      field(
        'Sessions',
        h('input', { type: 'number', name: 'sessions', min: '1', max: '6', value: '6', required: true }),
      ),
      field('Started on', h('input', { type: 'date', name: 'startedOn', value: today(), required: true })),
    ),
    submit: 'Start intervention',
    run: async (form) => {
      /** @type {Intervention} */
      const i = await api.post('/v1/osr/interventions', {
        bookingId: value(form, 'bookingId'),
        sessions: Number(value(form, 'sessions')),
        startedOn: value(form, 'startedOn'),
      });
      await ctx.load();
      return {
        title: `Intervention for ${i.caseReference} started`,
        detail: `${who(ctx, i)} delivers ${i.sessions} session(s).`,
      };
    },
  });
}

/**
 * A form that acts on one intervention: it posts to the intervention's action with the version shown (a
 * change made since is refused, not overwritten), reloads the list, and says what happened.
 * @param {Ctx} ctx
 * @param {Intervention} i
 * @param {{
 *   action: 'extend' | 'reassign' | 'close',
 *   controls: import('./ui.js').Child,
 *   submit: string,
 *   body: (form: HTMLFormElement) => Record<string, unknown>,
 *   said: (res: Intervention) => string,
 * }} spec
 */
function interventionForm(ctx, i, spec) {
  const verb = spec.action[0].toUpperCase() + spec.action.slice(1);
  return actionForm({
    heading: `${verb} the intervention for ${i.caseReference}`,
    out: ctx.out,
    controls: spec.controls,
    submit: spec.submit,
    run: async (form) => {
      /** @type {Intervention} */
      const res = await api.post(`/v1/osr/interventions/${i.id}/${spec.action}`, spec.body(form), {
        ifMatch: i.version,
      });
      await ctx.load();
      return { title: spec.said(res) };
    },
  });
}

/** @param {Ctx} ctx @param {Intervention} i */
const extendForm = (ctx, i) =>
  interventionForm(ctx, i, {
    action: 'extend',
    controls: [
      field(
        'More sessions',
        h('input', { type: 'number', name: 'sessions', min: '1', max: '6', value: '2', required: true }),
      ),
      field(
        'Reason for the extension',
        h('input', { type: 'text', name: 'reason', required: true, maxlength: '2000' }),
        'Recorded with the extension.',
      ),
    ],
    submit: 'Extend',
    body: (form) => ({ sessions: Number(value(form, 'sessions')), reason: value(form, 'reason') }),
    said: (res) => `${res.caseReference} now has ${res.totalSessions} session(s)`,
  });

/** @param {Ctx} ctx @param {Intervention} i */
const reassignForm = (ctx, i) =>
  interventionForm(ctx, i, {
    action: 'reassign',
    controls: [
      field(
        'Give it to',
        select(
          'practitionerId',
          ctx.hubStaff.filter((p) => p.id !== i.practitionerId).map((p) => [p.id, p.name]),
        ),
      ),
      field('Why', select('reason', REASONS, 'workload')),
      field('Note (optional)', h('input', { type: 'text', name: 'note', maxlength: '2000' })),
    ],
    submit: 'Reassign',
    body: (form) => ({
      practitionerId: value(form, 'practitionerId'),
      reason: value(form, 'reason'),
      ...(value(form, 'note') ? { note: value(form, 'note') } : {}),
    }),
    said: (res) => `${who(ctx, res)} now delivers the intervention for ${res.caseReference}`,
  });

/**
 * What a closing sends: the day, the outcome, the sessions delivered, and the family's feedback when given.
 * @param {HTMLFormElement} form
 */
const closing = (form) => ({
  closedOn: value(form, 'closedOn'),
  outcome: value(form, 'outcome'),
  sessionsDelivered: Number(value(form, 'sessionsDelivered')),
  ...(value(form, 'score')
    ? {
        feedback: {
          score: Number(value(form, 'score')),
          ...(value(form, 'comment') ? { comment: value(form, 'comment') } : {}),
        },
      }
    : {}),
});

/** @param {Ctx} ctx @param {Intervention} i */
const closeForm = (ctx, i) =>
  interventionForm(ctx, i, {
    action: 'close',
    controls: [
      h(
        'div',
        { class: 'controls' },
        field('Closed on', h('input', { type: 'date', name: 'closedOn', value: today(), required: true })),
        field('Outcome', select('outcome', OUTCOMES, 'completed')),
        field(
          'Sessions delivered',
          h('input', {
            type: 'number',
            name: 'sessionsDelivered',
            min: '0',
            max: '12',
            value: String(i.totalSessions),
            required: true,
          }),
        ),
        field(
          'Family’s feedback score (optional)',
          select(
            'score',
            [
              ['', 'Not given'],
              ['1', '1 (poor)'],
              ['2', '2'],
              ['3', '3'],
              ['4', '4'],
              ['5', '5 (very good)'],
            ],
            '',
          ),
        ),
      ),
      noteField(
        'Feedback comment (optional)',
        h('input', { type: 'text', name: 'comment', maxlength: '500' }),
        'About the help given',
      ),
    ],
    submit: 'Close intervention',
    body: closing,
    said: () => `Intervention for ${i.caseReference} closed`,
  });

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Hub[]} */
  const hubList = await getAll('/v1/hubs');
  const hub = select(
    'hub',
    hubList.map((x) => [x.code, x.name]),
    session.hubs?.[0] ?? hubList[0]?.code,
  );
  const { fromWeek, toWeek, fields } = weekPeriod(-8, 0);
  const out = answerRegion('interventions-answer');
  const list = h('div', { id: 'interventions' });
  const forms = h('div', { id: 'intervention-forms' });
  /** @type {Ctx} */
  const ctx = { out, forms, staff: new Names(), hubStaff: [], load: async () => void (await load()) };

  const load = () =>
    attempt(out, async () => {
      const params = { hub: hub.value, fromWeek: fromWeek.value, toWeek: toWeek.value };
      ctx.hubStaff = await getAll('/v1/practitioners', { hub: hub.value, kind: 'zero_nineteen' });
      ctx.staff.add(ctx.hubStaff);
      /** @type {[Intervention[], Booking[]]} */
      const [items, bookings] = await Promise.all([
        getAll('/v1/osr/interventions', params),
        getAll('/v1/osr/bookings', { ...params, status: 'active' }),
      ]);
      const started = new Set(items.map((i) => i.bookingId));
      clear(list, interventionTable(ctx, items));
      clear(
        forms,
        can('POST /v1/osr/interventions', hub.value)
          ? startForm(
              ctx,
              bookings.filter((b) => !started.has(b.id)),
            )
          : null,
      );
    });

  const choose = chooser('Show interventions', [field('Hub', hub), fields], load);
  draw(choose, out, list, forms);
  await load();
}
