import { api, download, getAll, query, session } from './api.js';
import { can } from './roles.js';
import {
  answer,
  clear,
  field,
  fmtDateTime,
  h,
  isoWeek,
  localToInstant,
  problem,
  saveBlob,
  select,
  table,
  today,
} from './ui.js';

const KINDS = [
  ['joint_visit', 'Joint home visit'],
  ['virtual_visit', 'Virtual visit'],
  ['consultation', 'Consultation'],
];

/** OSR: per hub and week, the lead responder, cases booked against the limit, bookings; generate; override; book. */
export async function osrView(main) {
  const out = h('div', { class: 'answer-region' });
  let hubs = [];
  try {
    hubs = await getAll('/v1/hubs');
  } catch (error) {
    clear(main, h('h1', {}, 'OSR lead responders'), out);
    return problem(out, error);
  }
  const state = { hub: hubs[0] ? hubs[0].code : '', week: isoWeek(today()) };
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
  const weekView = h('section', { id: 'hub-week', 'aria-labelledby': 'hub-week-h' });

  async function loadWeek() {
    const wOut = h('div', { class: 'answer-region' });
    try {
      const [w, bookings] = await Promise.all([
        api.get(`/v1/osr/hubs/${state.hub}/weeks/${state.week}`),
        getAll('/v1/osr/bookings', { hub: state.hub, fromWeek: state.week, toWeek: state.week }),
      ]);
      const lead = w.leadResponder;
      const full = w.casesBooked >= w.weeklyCaseCap;
      clear(
        weekView,
        h('h2', { id: 'hub-week-h' }, `${w.hubName}, ${w.week} (from ${w.monday})`),
        h(
          'dl',
          { class: 'stats' },
          h(
            'div',
            {},
            h('dt', {}, 'Lead responder'),
            h('dd', { id: 'lead-responder' }, lead ? `${lead.name} (grade ${lead.grade})` : 'Nobody yet'),
          ),
          lead
            ? h(
                'div',
                {},
                h('dt', {}, 'How chosen'),
                h(
                  'dd',
                  {},
                  lead.source +
                    (lead.reason ? `: ${lead.reason}` : '') +
                    (lead.issued ? ', issued' : ', not issued yet'),
                ),
              )
            : null,
          h(
            'div',
            {},
            h('dt', {}, 'Cases booked'),
            h(
              'dd',
              { id: 'cases-booked' },
              `${w.casesBooked} of ${w.weeklyCaseCap}`,
              full ? ' — full' : ` — ${w.casesRemaining} left`,
            ),
          ),
          h('div', {}, h('dt', {}, 'Refused requests'), h('dd', {}, String(w.refusedRequests))),
          w.datTeam
            ? h(
                'div',
                {},
                h('dt', {}, 'DAT team'),
                h('dd', {}, `${w.datTeam.name} (on duty ${w.datTeam.dutyWeek})`),
              )
            : null,
        ),
        h('meter', {
          min: '0',
          max: String(w.weeklyCaseCap),
          value: String(w.casesBooked),
          'aria-label': 'Cases booked against the limit',
        }),
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
        wOut,
        table(
          `Bookings for ${w.hubName}, ${w.week}`,
          ['Case', 'Kind', 'When', 'Social worker', 'Lead responder', 'Status'],
          bookings.map((b) =>
            h(
              'tr',
              {},
              h('td', {}, b.caseReference),
              h('td', {}, (KINDS.find((k) => k[0] === b.kind) || [0, b.kind])[1]),
              h('td', {}, b.scheduledAt ? fmtDateTime(b.scheduledAt) : 'Not set'),
              h('td', {}, b.socialWorker),
              h('td', {}, b.leadResponderName),
              h('td', {}, b.status),
            ),
          ),
          { id: 'bookings' },
        ),
        can('book') ? bookForm(w) : null,
        can('overrideOsr', w.hub) ? await overrideForm(w) : null,
      );
    } catch (error) {
      clear(weekView, wOut);
      problem(wOut, error);
    }
  }

  /** The week's alerts: the lead responder cannot be there (derived by the API from today's facts). */
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
              `Bookings affected: ${a.affected.bookings
                .map(
                  (b) => `${b.caseReference} (${b.scheduledAt ? fmtDateTime(b.scheduledAt) : 'no time set'})`,
                )
                .join(', ')}.`,
            )
          : null,
        a.affected.interventions.length
          ? h(
              'p',
              {},
              `Interventions they deliver: ${a.affected.interventions
                .map((i) => `${i.caseReference} (from ${i.startedOn})`)
                .join(', ')}.`,
            )
          : null,
      ]),
    );
  }

  function bookForm(w) {
    const bOut = h('div', { class: 'answer-region', id: 'booking-answer' });
    const caseRef = h('input', {
      type: 'text',
      name: 'caseReference',
      required: true,
      maxlength: '64',
      autocomplete: 'off',
    });
    const kind = select('kind', KINDS, 'joint_visit');
    const when = h('input', { type: 'datetime-local', name: 'scheduledAt' });
    const sw = h('input', { type: 'text', name: 'socialWorker', required: true, maxlength: '200' });
    return h(
      'form',
      {
        class: 'card',
        id: 'book-form',
        onsubmit: async (event) => {
          event.preventDefault();
          const body = {
            hub: w.hub,
            week: w.week,
            caseReference: caseRef.value.trim(),
            kind: kind.value,
            socialWorker: sw.value.trim(),
          };
          if (when.value) body.scheduledAt = localToInstant(when.value);
          try {
            const b = await api.post('/v1/osr/bookings', body);
            await loadWeek();
            answer(
              weekView.querySelector('#booking-answer'),
              'ok',
              `Booked ${b.caseReference} with ${b.leadResponderName}`,
              `${b.casesBooked} of ${b.weeklyCaseCap} cases booked for ${w.week}${b.newCase ? '' : ' (this case was already booked this week, so it does not count twice)'}.`,
            );
          } catch (error) {
            problem(
              bOut,
              error,
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
                  : null,
            );
          }
        },
      },
      h('h3', {}, 'Book a case with the lead responder'),
      field('Case reference', caseRef),
      field('Kind', kind),
      field('Visit time (optional)', when),
      field('Social worker', sw),
      h('button', { type: 'submit' }, 'Book'),
      bOut,
    );
  }

  async function overrideForm(w) {
    const oOut = h('div', { class: 'answer-region' });
    const staff = (await getAll('/v1/practitioners', { hub: w.hub, kind: 'zero_nineteen' })).filter((p) =>
      ['H', 'I'].includes(p.grade),
    );
    const who = select(
      'practitionerId',
      staff.map((p) => [p.id, `${p.name} (grade ${p.grade})`]),
      // When the lead responder cannot be there, the API's proposed replacement comes first.
      w.alerts?.[0]?.proposal?.proposed?.practitionerId ??
        (w.leadResponder ? w.leadResponder.practitionerId : undefined),
    );
    const reason = h('input', {
      type: 'text',
      name: 'reason',
      required: true,
      minlength: '3',
      maxlength: '500',
    });
    return h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            const res = await api.put(`/v1/osr/lead-responders/${w.hub}/${w.week}`, {
              practitionerId: who.value,
              reason: reason.value.trim(),
            });
            await loadWeek();
            answer(
              out,
              'ok',
              `${res.leadResponder.name} leads ${w.week}`,
              [
                ...(res.warnings || []),
                res.bookingsMoved ? `${res.bookingsMoved} booking(s) moved to them.` : '',
              ]
                .filter(Boolean)
                .join(' ') || null,
            );
          } catch (error) {
            problem(oOut, error);
          }
        },
      },
      h('h3', {}, 'Override the lead responder'),
      field('Lead responder', who),
      field('Reason', reason, 'Recorded with the change, e.g. “covering annual leave”.'),
      h('button', { type: 'submit' }, 'Override'),
      oOut,
    );
  }

  function generateForm() {
    const gOut = h('div', { class: 'answer-region', id: 'generate-answer' });
    const fromWeek = h('input', { type: 'week', name: 'fromWeek', value: state.week, required: true });
    const weeks = h('input', {
      type: 'number',
      name: 'weeks',
      min: '1',
      max: '52',
      value: '4',
      required: true,
    });
    return h(
      'form',
      {
        class: 'card',
        onsubmit: async (event) => {
          event.preventDefault();
          try {
            // A hub manager's key generates its own hub's weeks (the one shown).
            const res = await api.post('/v1/osr/rotas', {
              fromWeek: fromWeek.value,
              weeks: Number(weeks.value),
              ...(session.hubs ? { hub: state.hub } : {}),
            });
            const names = new Map(hubs.map((x) => [x.code, x.name]));
            answer(
              gOut,
              'ok',
              `Rota generated from ${res.fromWeek} to ${res.toWeek}`,
              `${res.assignments.length} hub-week(s) have a lead responder; ${res.unfilled.length} could not be filled.`,
              table(
                'Generated lead responders',
                ['Hub', 'Week', 'Lead responder'],
                res.assignments.map((a) =>
                  h(
                    'tr',
                    {},
                    h('td', {}, names.get(a.hub) || a.hub),
                    h('td', {}, a.week),
                    h('td', {}, `${a.name} (${a.grade})`),
                  ),
                ),
              ),
              res.unfilled.map((u) =>
                h('p', {}, `${names.get(u.hub) || u.hub} ${u.week}: ${u.reasons.join(' ')}`),
              ),
            );
            await loadWeek();
          } catch (error) {
            problem(gOut, error);
          }
        },
      },
      h('h2', {}, 'Generate lead-responder weeks'),
      h(
        'div',
        { class: 'controls' },
        field('From week', fromWeek),
        field('Number of weeks', weeks),
        h('button', { type: 'submit' }, 'Generate'),
      ),
      gOut,
    );
  }

  const exportOut = h('div', { class: 'answer-region' });
  function exportLink(text, ext, open) {
    return h(
      'a',
      {
        href: `/v1/osr/rotas.${ext}`,
        onclick: async (event) => {
          event.preventDefault();
          try {
            const q = query({ fromWeek: state.week, toWeek: state.week, hub: state.hub });
            const blob = await download(`/v1/osr/rotas.${ext}${q}`);
            saveBlob(blob, `osr-rota-${state.hub}-${state.week}.${ext}`, open);
          } catch (error) {
            problem(exportOut, error);
          }
        },
      },
      text,
    );
  }

  clear(
    main,
    h('h1', {}, 'OSR lead responders'),
    out,
    h(
      'form',
      {
        class: 'inline card',
        onsubmit: (event) => {
          event.preventDefault();
          state.hub = hubSelect.value;
          state.week = weekInput.value;
          loadWeek();
        },
      },
      field('Hub', hubSelect),
      field('Week', weekInput, 'ISO week, e.g. 2026-W48'),
      h('button', { type: 'submit' }, 'Show week'),
    ),
    weekView,
    h(
      'section',
      { 'aria-labelledby': 'issued-h' },
      h('h2', { id: 'issued-h' }, 'The issued rota for this hub and week'),
      h(
        'ul',
        { class: 'result-list' },
        h('li', {}, exportLink('Rota page (HTML)', 'html', true)),
        h('li', {}, exportLink('Spreadsheet (CSV)', 'csv', false)),
        h('li', {}, exportLink('Calendar (iCalendar)', 'ics', false)),
      ),
      exportOut,
    ),
    can('generateOsr') ? generateForm() : null,
  );
  await loadWeek();
}
