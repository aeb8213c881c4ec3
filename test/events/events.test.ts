import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { Value } from 'typebox/value';
import { EVENT_CATALOGUE, EVENT_TYPES, type EventType } from '../../src/events/catalogue.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { waitForRun } from '../helpers/rota-runs.js';
import { booking, hubWithLead, weekFromNow } from '../osr/booking-helpers.js';

const TZ = 'Europe/London';
const day = (n: number) => DateTime.now().setZone(TZ).startOf('day').plus({ days: n }).toISODate()!;

/** A payload as a receiver reads it: JSON (the catalogue check types it). */
type Payload = ReturnType<typeof JSON.parse>;

interface FeedEvent {
  id: number;
  type: EventType;
  subjectId: string;
  payload: Payload;
}

/**
 * One walk through every change other systems care about; each must leave its event in the feed, in the
 * catalogue's shape, with what a receiver needs (names, case references, times with an offset).
 */
describe.each(databaseTargets())('an event for every change, on %s', (target) => {
  let ctx: TestContext;
  let events: FeedEvent[] = [];
  const ids: Record<string, string> = {};

  const post = async (
    role: 'admin' | 'coordinator' | 'cover' | 'hub_manager' | 'social_worker',
    url: string,
    body?: unknown,
    status = 201,
  ) => (await expectStatus(ctx.call(role, 'POST', url, body ?? {}), status)).json();

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north', { name: 'North' }), 201);
    const alex = await post('coordinator', '/v1/practitioners', {
      name: 'Alex Morgan',
      kind: 'parenting',
      homeRegion: 'north',
    });
    const bea = await post('coordinator', '/v1/practitioners', {
      name: 'Bea Hughes',
      kind: 'parenting',
      homeRegion: 'north',
    });
    ids.alex = alex.id;
    ids.bea = bea.id;
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${bea.id}`, { name: 'Bea Hughes-Ward' }),
      200,
    );
    const placement = await post('coordinator', '/v1/placements', {
      caseReference: 'CR-EVT-1',
      region: 'north',
      startDate: day(2),
      endDate: day(3),
    });
    ids.placement = placement.id;
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/placements/${placement.id}`, { endDate: day(4) }),
      200,
    );
    const shifts = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${day(2)}&to=${day(4)}&placement=${placement.id}`)
    ).json().items;
    ids.shift = shifts[0].id;
    await post('cover', `/v1/shifts/${ids.shift}/assignments`, { practitionerId: alex.id });
    await expectStatus(
      ctx.call('coordinator', 'DELETE', `/v1/shifts/${ids.shift}/assignments/${alex.id}`),
      200,
    );
    await post('cover', `/v1/shifts/${ids.shift}/assignments`, { practitionerId: alex.id });
    const absence = await post('cover', `/v1/practitioners/${alex.id}/absences`, {
      kind: 'sickness',
      start: DateTime.fromISO(day(1), { zone: TZ }).toISO()!,
      note: 'Flu',
    });
    await expectStatus(
      ctx.call('cover', 'PATCH', `/v1/absences/${absence.id}`, {
        end: DateTime.fromISO(day(5), { zone: TZ }).toISO(),
      }),
      200,
    );
    const plan = await post('cover', '/v1/cover-plans', { shiftIds: [ids.shift] });
    await post('cover', `/v1/cover-plans/${plan.id}/accept`, undefined, 200);
    const run = await post(
      'coordinator',
      '/v1/rota-runs',
      { from: day(2), to: day(4), timeLimitSeconds: 1 },
      202,
    );
    await waitForRun(ctx, run.id);
    await post('coordinator', `/v1/rota-runs/${run.id}/publish`, { leaveBrokenUncovered: true }, 200);

    const week = weekFromNow(1);
    const lead = await hubWithLead(ctx, 'east-hub', [week]);
    ids.lead = lead.id;
    await post('coordinator', '/v1/osr/rotas', { fromWeek: weekFromNow(2), weeks: 1 });
    await post('hub_manager', '/v1/osr/rotas/issue', { fromWeek: week, toWeek: week, hub: 'east-hub' }, 200);
    const made = await post('social_worker', '/v1/osr/bookings', booking('east-hub', week, 'LCS-EVT-1'));
    const intervention = await post('social_worker', '/v1/osr/interventions', { bookingId: made.id });
    await post(
      'hub_manager',
      `/v1/osr/interventions/${intervention.id}/extend`,
      { sessions: 2, reason: 'Needs more time' },
      200,
    );
    const other = await post('admin', '/v1/practitioners', {
      name: 'Cal Dunn',
      kind: 'zero_nineteen',
      grade: 'I',
      homeRegion: 'north-west',
      hub: 'east-hub',
    });
    await post(
      'hub_manager',
      `/v1/osr/interventions/${intervention.id}/reassign`,
      { practitionerId: other.id, reason: 'workload' },
      200,
    );
    await post('social_worker', `/v1/osr/bookings/${made.id}/cancel`, {}, 200);
    events = (await expectStatus(ctx.call('admin', 'GET', '/v1/events?limit=500'), 200)).json().items;
  }, 60_000);
  afterAll(() => ctx?.close());

  const offset = /T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
  const cases: [EventType, (p: Payload) => boolean, (p: Payload) => void][] = [
    [
      'practitioner.changed',
      (p) => p.change === 'updated',
      (p) => expect(p.practitioner).toMatchObject({ id: ids.bea, name: 'Bea Hughes-Ward', archived: false }),
    ],
    [
      'placement.created',
      () => true,
      (p) => expect(p.placement).toMatchObject({ id: ids.placement, caseReference: 'CR-EVT-1' }),
    ],
    [
      'placement.changed',
      () => true,
      (p) => expect(p.placement).toMatchObject({ caseReference: 'CR-EVT-1', endDate: day(4) }),
    ],
    [
      'shift.assigned',
      () => true,
      (p) => {
        expect(p.practitioner).toEqual({ id: ids.alex, name: 'Alex Morgan' });
        expect(p.shift).toMatchObject({ id: ids.shift, caseReference: 'CR-EVT-1' });
        expect(p.shift.start).toMatch(offset);
      },
    ],
    [
      'shift.unassigned',
      () => true,
      (p) => expect(p.practitioner).toEqual({ id: ids.alex, name: 'Alex Morgan' }),
    ],
    [
      'absence.recorded',
      () => true,
      (p) => {
        expect(p.practitioner).toEqual({ id: ids.alex, name: 'Alex Morgan' });
        // Sickness is health data: other systems read "unavailable", and never the note.
        expect(p.absence.kind).toBe('unavailable');
        expect(JSON.stringify(p)).not.toContain('Flu');
      },
    ],
    [
      'shift.uncovered',
      () => true,
      (p) => {
        expect(p.shift).toMatchObject({ id: ids.shift, caseReference: 'CR-EVT-1' });
        expect(p.takenOff[0]).toMatchObject({
          practitionerId: ids.alex,
          name: 'Alex Morgan',
          rule: 'absence',
        });
      },
    ],
    ['absence.ended', () => true, (p) => expect(p.absence.end).toMatch(offset)],
    [
      'cover-plan.accepted',
      () => true,
      (p) => {
        expect(p.assignments[0].shift).toMatchObject({ id: ids.shift, caseReference: 'CR-EVT-1' });
        expect(p.assignments[0].practitioner).toEqual({ id: ids.bea, name: 'Bea Hughes-Ward' });
      },
    ],
    ['rota.published', () => true, (p) => expect(p).toMatchObject({ from: day(2), to: day(4) })],
    [
      'osr.lead-responder.changed',
      (p) => p.source === 'override',
      (p) => expect(p.practitioner).toEqual({ id: ids.lead, name: 'Lead of east-hub' }),
    ],
    [
      'osr.rota.issued',
      () => true,
      (p) =>
        expect(p.assignments[0]).toMatchObject({
          hub: 'east-hub',
          practitioner: { id: ids.lead, name: 'Lead of east-hub' },
        }),
    ],
    [
      'osr.booking.created',
      () => true,
      (p) => {
        expect(p.booking).toMatchObject({ caseReference: 'LCS-EVT-1', hub: 'east-hub' });
        expect(p.practitioner).toEqual({ id: ids.lead, name: 'Lead of east-hub' });
      },
    ],
    [
      'osr.booking.cancelled',
      () => true,
      (p) => expect(p.booking).toMatchObject({ caseReference: 'LCS-EVT-1', status: 'cancelled' }),
    ],
    [
      'intervention.started',
      () => true,
      (p) => {
        expect(p.intervention).toMatchObject({ caseReference: 'LCS-EVT-1', totalSessions: 6 });
        expect(p.practitioner).toEqual({ id: ids.lead, name: 'Lead of east-hub' });
      },
    ],
    [
      'intervention.extended',
      () => true,
      (p) => expect(p.intervention).toMatchObject({ totalSessions: 8, extensionReason: 'Needs more time' }),
    ],
    [
      'intervention.reassigned',
      () => true,
      (p) => expect(p.practitioner).toMatchObject({ name: 'Cal Dunn' }),
    ],
  ];

  it.each(cases)('%s is written with its payload', (type, pick, check) => {
    const found = events.filter((e) => e.type === type && pick(e.payload));
    expect(found.length, `${type} in the feed`).toBeGreaterThan(0);
    for (const e of found) {
      expect(Value.Check(EVENT_CATALOGUE[type].payload, e.payload), `${type} matches the catalogue`).toBe(
        true,
      );
      check(e.payload);
    }
  });

  it('every event in the feed matches its catalogue entry, and every catalogue example is valid', () => {
    for (const e of events)
      expect(Value.Check(EVENT_CATALOGUE[e.type].payload, e.payload), e.type).toBe(true);
    for (const type of EVENT_TYPES)
      expect(Value.Check(EVENT_CATALOGUE[type].payload, EVENT_CATALOGUE[type].example), type).toBe(true);
  });

  it('the feed reads on from a cursor', async () => {
    const first = (await ctx.call('viewer', 'GET', '/v1/events?limit=3')).json();
    const next = (await ctx.call('viewer', 'GET', `/v1/events?after=${first.nextCursor}&limit=3`)).json();
    expect(next.items[0].id).toBeGreaterThan(first.items.at(-1).id);
  });
});
