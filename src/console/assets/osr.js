// @ts-check
import { api, getAll, session } from './api.js';
import { can } from './access.js';
import { actionForm, answerRegion, attempt, confirmButton, value } from './form.js';
import { chooser } from './chooser.js';
import {
  caseReferenceField,
  clear,
  field,
  fmtDateTime,
  h,
  isoWeek,
  localToInstant,
  select,
  stats,
  table,
  today,
} from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').HubWeek} HubWeek
 * @typedef {import('../api-types').Booking} Booking
 * @typedef {import('../api-types').Hub} Hub
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('./form.js').Hint} Hint
 * @typedef {{ out: HTMLElement, bookingOut: HTMLElement, load: () => Promise<void> }} Ctx
 */

export const KINDS = /** @type {[string, string][]} */ ([
  ['joint_visit', 'Joint home visit'],
  ['virtual_visit', 'Virtual visit'],
  ['consultation', 'Consultation'],
]);

/** OSR, one hub and week: the lead responder, cases booked against the limit, bookings (book, cancel), override. */
export const osrWeekScreen = screen('osr', 'OSR week', 'GET /v1/osr/hubs/:hub/weeks/:week', render, {
  'POST /v1/osr/bookings': 'book OSR consultations and joint visits',
  'POST /v1/osr/bookings/:id/cancel': 'cancel OSR bookings',
  'PUT /v1/osr/lead-responders/:hub/:week': 'override a week’s lead responder with a reason',
});

/** Refusals of a booking, in what they mean for the family. @type {Hint} */
const bookingHint = (error) =>
  error.type.endsWith('/case-limit-reached')
    ? h(
        'p',
        {},
        h('strong', {}, 'Refused: the case limit for this hub and week is reached.'),
        ' Nothing was booked; use the 0-19 Request Form for this family.',
      )
    : error.type.endsWith('/lead-responder-absent')
      ? h(
          'p',
          {},
          h('strong', {}, 'Refused: the lead responder is unavailable then.'),
          ' Nothing was booked; choose another time or wait for the week to be reassigned.',
        )
      : null;

/** @param {Ctx} ctx @param {HubWeek} w @param {Booking[]} bookings */
function bookingTable(ctx, w, bookings) {
  const mayCancel = can('POST /v1/osr/bookings/:id/cancel', w.hub);
  return table(
    `Bookings for ${w.hubName}, ${w.week}`,
    ['Case', 'Kind', 'When', 'Social worker', 'Lead responder', 'Status', 'Action'],
    bookings.map((b) =>
      h(
        'tr',
        {},
        h('td', {}, b.caseReference),
        h('td', {}, (KINDS.find((k) => k[0] === b.kind) ?? ['', b.kind])[1]),
        h('td', {}, b.scheduledAt ? fmtDateTime(b.scheduledAt) : 'Not set'),
        h('td', {}, b.socialWorker),
        h('td', {}, b.leadResponderName),
        h('td', {}, b.status + (b.cancelReason ? `: ${b.cancelReason}` : '')),
        h(
          'td',
          {},
          b.status === 'active' && mayCancel
            ? confirmButton(
                `Cancel ${b.caseReference}`,
                `Yes, cancel ${b.caseReference}`,
                ctx.bookingOut,
                async () => {
                  await api.post(`/v1/osr/bookings/${b.id}/cancel`, {}, { ifMatch: b.version });
                  await ctx.load();
                  return {
                    title: `Booking of ${b.caseReference} cancelled`,
                    detail: 'Its slot is free when it was the case’s last booking this week.',
                  };
                },
              )
            : null,
        ),
      ),
    ),
    { id: 'bookings' },
  );
}

/** The week's alerts: the lead responder cannot be there (derived by the API from today's facts). @param {HubWeek} w */
function alertsSection(w) {
  if (!w.alerts || w.alerts.length === 0) return null;
  return h(
    'section',
    { class: 'card', id: 'lead-alerts', role: 'alert', 'aria-labelledby': 'lead-alerts-h' },
    h(
      'h3',
      { id: 'lead-alerts-h' },
      h('span', { class: 'badge badge-bad' }, 'Needs reassigning'),
      ' The lead responder cannot be there',
    ),
    w.alerts.map((a) => [
      h('p', {}, a.message),
      a.proposal ? h('p', { class: 'proposal' }, a.proposal.message) : null,
      a.affected.bookings.length
        ? h(
            'p',
            {},
            `Bookings affected: ${a.affected.bookings.map((b) => `${b.caseReference} (${b.scheduledAt ? fmtDateTime(b.scheduledAt) : 'no time set'})`).join(', ')}.`,
          )
        : null,
      a.affected.interventions.length
        ? h(
            'p',
            {},
            `Interventions they deliver: ${a.affected.interventions.map((i) => `${i.caseReference} (from ${i.startedOn})`).join(', ')}.`,
          )
        : null,
    ]),
  );
}

/** @param {Ctx} ctx @param {HubWeek} w */
function bookForm(ctx, w) {
  return actionForm({
    heading: 'Book a case with the lead responder',
    id: 'book-form',
    out: ctx.bookingOut,
    hint: bookingHint,
    controls: [
      caseReferenceField({ autocomplete: 'off' }),
      field('Kind', select('kind', KINDS, 'joint_visit')),
      field('Visit time (optional)', h('input', { type: 'datetime-local', name: 'scheduledAt' })),
      field(
        'Social worker',
        h('input', { type: 'text', name: 'socialWorker', required: true, maxlength: '200' }),
      ),
    ],
    submit: 'Book',
    run: async (form) => {
      /** @type {Record<string, string>} */
      const body = {
        hub: w.hub,
        week: w.week,
        caseReference: value(form, 'caseReference'),
        kind: value(form, 'kind'),
        socialWorker: value(form, 'socialWorker'),
      };
      if (value(form, 'scheduledAt')) body.scheduledAt = localToInstant(value(form, 'scheduledAt'));
      const b = await api.post('/v1/osr/bookings', body);
      await ctx.load();
      return {
        title: `Booked ${b.caseReference} with ${b.leadResponderName}`,
        detail: `${b.casesBooked} of ${b.weeklyCaseCap} cases booked for ${w.week}${b.newCase ? '' : ' (this case was already booked this week, so it does not count twice)'}.`,
      };
    },
  });
}

/** @param {Ctx} ctx @param {HubWeek} w */
async function overrideForm(ctx, w) {
  /** @type {Practitioner[]} */
  const staff = (await getAll('/v1/practitioners', { hub: w.hub, kind: 'zero_nineteen' })).filter((p) =>
    ['H', 'I'].includes(p.grade ?? ''),
  );
  // When the lead responder cannot be there, the API's proposed replacement comes first.
  const chosen = w.alerts?.[0]?.proposal?.proposed?.practitionerId ?? w.leadResponder?.practitionerId;
  return actionForm({
    heading: 'Override the lead responder',
    out: ctx.out,
    controls: [
      field(
        'Lead responder',
        select(
          'practitionerId',
          staff.map((p) => [p.id, `${p.name} (grade ${p.grade})`]),
          chosen,
        ),
      ),
      field(
        'Reason',
        h('input', { type: 'text', name: 'reason', required: true, minlength: '3', maxlength: '500' }),
        'Recorded with the change, e.g. “covering annual leave”.',
      ),
    ],
    submit: 'Override',
    run: async (form) => {
      const res = await api.put(`/v1/osr/lead-responders/${w.hub}/${w.week}`, {
        practitionerId: value(form, 'practitionerId'),
        reason: value(form, 'reason'),
      });
      await ctx.load();
      return {
        title: `${res.leadResponder.name} leads ${w.week}`,
        detail:
          [...(res.warnings ?? []), res.bookingsMoved ? `${res.bookingsMoved} booking(s) moved to them.` : '']
            .filter(Boolean)
            .join(' ') || null,
      };
    },
  });
}

/** The week in figures: who leads it and how, cases against the limit, refusals, the DAT team. @param {HubWeek} w */
function weekFigures(w) {
  const lead = w.leadResponder;
  return [
    stats([
      ['Lead responder', lead ? `${lead.name} (grade ${lead.grade})` : 'Nobody yet', 'lead-responder'],
      [
        'How chosen',
        lead
          ? lead.source +
            (lead.reason ? `: ${lead.reason}` : '') +
            (lead.issued ? ', issued' : ', not issued yet')
          : '—',
      ],
      [
        'Cases booked',
        `${w.casesBooked} of ${w.weeklyCaseCap}${w.casesBooked >= w.weeklyCaseCap ? ' — full' : ` — ${w.casesRemaining} left`}`,
        'cases-booked',
      ],
      ['Refused requests', String(w.refusedRequests)],
      ['DAT team', w.datTeam ? `${w.datTeam.name} (on duty ${w.datTeam.dutyWeek})` : 'Not set'],
    ]),
    h('meter', {
      min: '0',
      max: String(w.weeklyCaseCap),
      value: String(w.casesBooked),
      'aria-label': 'Cases booked against the limit',
    }),
  ];
}

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Hub[]} */
  const hubs = await getAll('/v1/hubs');
  const state = { hub: session.hubs?.[0] ?? hubs[0]?.code ?? '', week: isoWeek(today()) };
  const out = answerRegion('osr-answer');
  const bookingOut = answerRegion('booking-answer');
  /** @type {Ctx} */
  const ctx = { out, bookingOut, load: async () => void (await loadWeek()) };
  const weekView = h('section', { id: 'hub-week', 'aria-labelledby': 'hub-week-h' });
  const hubSelect = select(
    'hub',
    hubs.map((x) => [x.code, x.name]),
    state.hub,
  );
  const weekInput = h('input', {
    type: 'week',
    name: 'week',
    value: state.week,
    required: true,
    pattern: '\\d{4}-W\\d{2}',
  });

  const loadWeek = () =>
    attempt(out, async () => {
      /** @type {[HubWeek, Booking[]]} */
      const [w, bookings] = await Promise.all([
        api.get(`/v1/osr/hubs/${state.hub}/weeks/${state.week}`),
        getAll('/v1/osr/bookings', { hub: state.hub, fromWeek: state.week, toWeek: state.week }),
      ]);
      clear(
        weekView,
        h('h2', { id: 'hub-week-h' }, `${w.hubName}, ${w.week} (from ${w.monday})`),
        weekFigures(w),
        alertsSection(w),
        w.unfilledReasons.length
          ? [
              h('h3', {}, 'Why nobody leads this week'),
              h(
                'ul',
                {},
                w.unfilledReasons.map((r) => h('li', {}, r)),
              ),
            ]
          : null,
        bookingTable(ctx, w, bookings),
        can('POST /v1/osr/bookings') ? bookForm(ctx, w) : null,
        bookingOut,
        can('PUT /v1/osr/lead-responders/:hub/:week', w.hub) ? await overrideForm(ctx, w) : null,
      );
    });

  const fields = [field('Hub', hubSelect), field('Week', weekInput, 'ISO week, e.g. 2026-W48')];
  const choose = chooser('Show week', fields, () => {
    state.hub = hubSelect.value;
    state.week = weekInput.value;
    void loadWeek();
  });
  draw(choose, out, weekView);
  await loadWeek();
}
