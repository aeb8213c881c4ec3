import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { booking } from './booking-helpers.js';
import { addAbsence } from './fixtures.js';

// 2030-W10 starts Monday 4 March 2030 (GMT); 2030-W11 on Monday 11 March.
const WEEK = '2030-W10';
const NEXT = '2030-W11';
const at = (day: number, hhmm: string) => `2030-03-${String(day).padStart(2, '0')}T${hhmm}:00+00:00`;
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-/i;

interface Alert {
  kind: string;
  cause: string;
  practitionerId: string;
  name: string;
  unavailableDays: string[];
  message: string;
  proposal: { proposed: { practitionerId: string; name: string } | null; message: string } | null;
  affected: { bookings: { id: string }[]; interventions: { id: string }[] };
}

describe.each(databaseTargets())('OSR lead responder absent or gone, on %s', (target) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  const person = async (name: string, grade: string, hub: string) => {
    const res = await expectStatus(
      ctx.call('admin', 'POST', '/v1/practitioners', {
        name,
        kind: 'zero_nineteen',
        grade,
        homeRegion: 'north-west',
        hub,
      }),
      201,
    );
    ids[name] = res.json().id;
  };
  const lead = (hub: string, week: string, name: string) =>
    expectStatus(
      ctx.call('hub_manager', 'PUT', `/v1/osr/lead-responders/${hub}/${week}`, {
        practitionerId: ids[name],
        reason: 'Agreed at the team meeting',
      }),
      200,
    );
  const hubWeek = async (hub: string, week: string) =>
    (
      await expectStatus(ctx.call('social_worker', 'GET', `/v1/osr/hubs/${hub}/weeks/${week}`), 200)
    ).json() as {
      leadResponder: { name: string } | null;
      alerts: Alert[];
    };
  const book = (hub: string, week: string, ref: string, extra: object = {}) =>
    ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking(hub, week, ref, extra));

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north-west', { name: 'North West' }), 201);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/east-hub', { name: 'East 0-19 Hub' }), 201);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/west-hub', { name: 'West 0-19 Hub' }), 201);
    await person('Asha Patel', 'H', 'east-hub');
    await person('Iris Cole', 'I', 'east-hub');
    await person('Gus Hale', 'G', 'east-hub');
    await person('Femi Okafor', 'H', 'west-hub');
    await person('Gina Rossi', 'I', 'west-hub');
    await lead('east-hub', WEEK, 'Asha Patel');
    await lead('west-hub', NEXT, 'Femi Okafor');
  });
  afterAll(() => ctx?.close());

  it("an OSR lead responder recorded sick still shows as the week's lead, and visits are still booked with them", async () => {
    // Before the sickness: a visit on Wednesday is booked with Asha, and the week has no alert.
    const wednesday = (
      await expectStatus(
        book('east-hub', WEEK, 'LCS-1', { kind: 'joint_visit', scheduledAt: at(6, '10:00') }),
        201,
      )
    ).json();
    expect((await hubWeek('east-hub', WEEK)).alerts).toEqual([]);

    await addAbsence(ctx, ids['Asha Patel']!, { kind: 'sickness', start: at(5, '08:00') });

    // The week is flagged at once, in words a social worker may read (no health information, no ids).
    const week = await hubWeek('east-hub', WEEK);
    expect(week.leadResponder?.name).toBe('Asha Patel');
    expect(week.alerts).toHaveLength(1);
    const alert = week.alerts[0]!;
    expect(alert).toMatchObject({
      kind: 'lead-responder-absent',
      cause: 'unavailable',
      practitionerId: ids['Asha Patel'],
      name: 'Asha Patel',
      unavailableDays: ['2030-03-05', '2030-03-06', '2030-03-07', '2030-03-08'],
    });
    expect(alert.message).toMatch(/Asha Patel/);
    expect(alert.message).toMatch(/East 0-19 Hub/);
    expect(alert.message).toMatch(/Tue 5 Mar 2030/);
    expect(alert.message).toMatch(/unavailable/);
    expect(alert.message).not.toMatch(/sick/i);
    expect(alert.message).not.toMatch(UUID);
    // A replacement is proposed at once, with the reasons in words.
    expect(alert.proposal?.proposed).toMatchObject({ practitionerId: ids['Iris Cole'], name: 'Iris Cole' });
    expect(alert.proposal?.message).toMatch(/Iris Cole/);
    expect(alert.proposal?.message).not.toMatch(UUID);
    // The hub manager sees the booking the absence touches.
    expect(alert.affected.bookings.map((b) => b.id)).toEqual([wednesday.id]);

    // The rota shows the same alert.
    const rota = (
      await expectStatus(
        ctx.call('viewer', 'GET', `/v1/osr/rotas?fromWeek=${WEEK}&toWeek=${WEEK}&hub=east-hub`),
        200,
      )
    ).json();
    expect(rota.assignments[0].alerts[0]).toMatchObject({
      kind: 'lead-responder-absent',
      name: 'Asha Patel',
    });

    // No visit is booked with her while she is away, nor one without a time; one before the absence is.
    for (const extra of [{ scheduledAt: at(7, '14:00') }, {}]) {
      const refused = await expectStatus(book('east-hub', WEEK, 'LCS-2', extra), 409);
      expect(refused.json().type).toMatch(/\/lead-responder-absent$/);
      expect(refused.json().detail).toMatch(/Asha Patel/);
      expect(refused.json().detail).not.toMatch(/sick/i);
    }
    await expectStatus(book('east-hub', WEEK, 'LCS-3', { scheduledAt: at(4, '10:00') }), 201);

    // Once the hub manager reassigns the week, the alert goes and visits are booked again.
    await lead('east-hub', WEEK, 'Iris Cole');
    expect((await hubWeek('east-hub', WEEK)).alerts).toEqual([]);
    await expectStatus(book('east-hub', WEEK, 'LCS-2', { scheduledAt: at(7, '14:00') }), 201);
  });

  it('flags a leaver who leads a future week the same way and lists their bookings and interventions', async () => {
    const untimed = (await expectStatus(book('west-hub', NEXT, 'LCS-10'), 201)).json();
    const intervention = (
      await expectStatus(
        ctx.call('hub_manager', 'POST', '/v1/osr/interventions', {
          bookingId: untimed.id,
          startedOn: '2030-03-12',
        }),
        201,
      )
    ).json();
    await expectStatus(ctx.call('admin', 'DELETE', `/v1/practitioners/${ids['Femi Okafor']}`), 204);

    const [alert] = (await hubWeek('west-hub', NEXT)).alerts;
    expect(alert).toMatchObject({ kind: 'lead-responder-absent', cause: 'left', name: 'Femi Okafor' });
    expect(alert!.message).toMatch(/Femi Okafor has left/);
    expect(alert!.message).toMatch(/West 0-19 Hub/);
    expect(alert!.proposal?.proposed?.name).toBe('Gina Rossi');
    expect(alert!.affected.bookings.map((b) => b.id)).toEqual([untimed.id]);
    expect(alert!.affected.interventions.map((i) => i.id)).toEqual([intervention.id]);

    const refused = await expectStatus(
      book('west-hub', NEXT, 'LCS-11', { scheduledAt: '2030-03-13T10:00:00+00:00' }),
      409,
    );
    expect(refused.json().type).toMatch(/\/lead-responder-absent$/);
    expect(refused.json().detail).toMatch(/Femi Okafor/);
  });
});
