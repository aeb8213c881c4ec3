import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPractitioner, callWithKey, newKey } from '../helpers/fixtures.js';
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
  proposal: {
    proposed: { practitionerId: string; name: string; notes: string[] } | null;
    message: string;
  } | null;
  affected: { bookings: { id: string }[]; interventions: { id: string }[] };
}

describe.each(databaseTargets())('OSR lead responder absent or gone, on %s', (target) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};

  const person = async (name: string, grade: string, hub: string) => {
    ids[name] = (
      await addPractitioner(ctx, { name, kind: 'zero_nineteen', grade, homeRegion: 'north-west', hub })
    ).id;
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
    await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/north-hub', { name: 'North 0-19 Hub' }), 201);
    await person('Jon Walsh', 'H', 'north-hub');
    await person('Kemi Adeyemi', 'H', 'north-hub');
    await person('Liam Moore', 'I', 'north-hub');
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

    // The issued rota's page and spreadsheet flag the week too.
    const range = `fromWeek=${NEXT}&toWeek=${NEXT}&hub=west-hub`;
    const csv = (await expectStatus(ctx.call('social_worker', 'GET', `/v1/osr/rotas.csv?${range}`), 200))
      .body;
    expect(csv).toContain('Femi Okafor,H,override,,2030-03-11|2030-03-12|2030-03-13|2030-03-14|2030-03-15');
    const html = (await expectStatus(ctx.call('social_worker', 'GET', `/v1/osr/rotas.html?${range}`), 200))
      .body;
    expect(html).toMatch(/Unavailable 2030-03-11, [^<]*2030-03-15: being reassigned/);
  });

  it('follows the facts on every read: a shorter absence narrows the alert, a deleted one clears it', async () => {
    const week = '2030-W12'; // Monday 18 March 2030
    await lead('north-hub', week, 'Jon Walsh');
    const absence = (
      await expectStatus(
        ctx.call('hub_manager', 'POST', `/v1/practitioners/${ids['Jon Walsh']}/absences`, {
          kind: 'sickness',
          start: '2030-03-20T08:00:00Z',
        }),
        201,
      )
    ).json();
    expect((await hubWeek('north-hub', week)).alerts[0]!.unavailableDays).toEqual([
      '2030-03-20',
      '2030-03-21',
      '2030-03-22',
    ]);
    // The database keeps the rule whatever the application does.
    const monday = '2030-03-18';
    await expect(
      sql`INSERT INTO osr_bookings (hub_code, week_start, case_reference, kind, practitioner_id, social_worker)
          VALUES ('north-hub', ${monday}, 'LCS-40', 'consultation', ${ids['Jon Walsh']}, 'Direct')`.execute(
        ctx.database.db,
      ),
    ).rejects.toMatchObject({ code: 'OSR02' });

    await expectStatus(
      ctx.call('hub_manager', 'PATCH', `/v1/absences/${absence.id}`, { end: '2030-03-20T12:00:00Z' }),
      200,
    );
    const [narrow] = (await hubWeek('north-hub', week)).alerts;
    expect(narrow!.unavailableDays).toEqual(['2030-03-20']);
    expect(narrow!.message).toMatch(/unavailable on Wed 20 Mar 2030 08:00-12:00/);
    await expectStatus(book('north-hub', week, 'LCS-41', { scheduledAt: '2030-03-20T12:00:00+00:00' }), 201);
    await expectStatus(book('north-hub', week, 'LCS-42', { scheduledAt: '2030-03-20T11:00:00+00:00' }), 409);

    await expectStatus(ctx.call('hub_manager', 'DELETE', `/v1/absences/${absence.id}`), 204);
    expect((await hubWeek('north-hub', week)).alerts).toEqual([]);
    await expectStatus(book('north-hub', week, 'LCS-42'), 201);
  });

  it('says "unavailable" for every kind of absence, in the alert and in its proposal', async () => {
    const week = '2030-W13'; // Monday 25 March 2030
    await lead('north-hub', week, 'Kemi Adeyemi');
    await addAbsence(ctx, ids['Kemi Adeyemi']!, {
      kind: 'annual_leave',
      start: '2030-03-26T00:00:00Z',
      end: '2030-03-28T00:00:00Z',
    });
    await addAbsence(ctx, ids['Liam Moore']!, {
      kind: 'sickness',
      start: '2030-03-25T00:00:00Z',
      end: '2030-03-30T00:00:00Z',
    });
    const [alert] = (await hubWeek('north-hub', week)).alerts;
    const words = JSON.stringify([alert!.message, alert!.proposal]);
    expect(words).toMatch(/unavailable/);
    expect(words).not.toMatch(/sick|leave|training/i);
    // Liam is away all week, and Jon leads the week before: the core still proposes him, with a note.
    expect(alert!.proposal?.proposed?.name).toBe('Jon Walsh');
    expect(alert!.proposal?.proposed?.notes.join(' ')).toMatch(/week before/);
  });

  it('reads working days in local time: a Saturday in summer time is not a working day', async () => {
    const week = '2030-W27'; // Monday 1 July 2030, British Summer Time (UTC+1)
    await lead('north-hub', week, 'Liam Moore');
    // Saturday 00:15 BST is Friday 23:15 UTC: not a working day of the week.
    await addAbsence(ctx, ids['Liam Moore']!, {
      kind: 'unavailable',
      start: '2030-07-05T23:15:00Z',
      end: '2030-07-07T00:00:00Z',
    });
    expect((await hubWeek('north-hub', week)).alerts).toEqual([]);
    await expectStatus(book('north-hub', week, 'LCS-50'), 201);
    // Monday 00:00-00:30 BST is Sunday 23:00-23:30 UTC: on a working day.
    await addAbsence(ctx, ids['Liam Moore']!, {
      kind: 'unavailable',
      start: '2030-06-30T23:00:00Z',
      end: '2030-06-30T23:30:00Z',
    });
    const [alert] = (await hubWeek('north-hub', week)).alerts;
    expect(alert!.unavailableDays).toEqual(['2030-07-01']);
    expect(alert!.message).toMatch(/on Mon 1 Jul 2030 00:00-00:30/);
    expect((await book('north-hub', week, 'LCS-51')).statusCode).toBe(409);
    await expectStatus(book('north-hub', week, 'LCS-51', { scheduledAt: '2030-07-01T09:00:00+01:00' }), 201);
  });

  it('lists every flagged hub-week for the hub manager, with what each touches', async () => {
    const list = (
      await expectStatus(
        ctx.call('hub_manager', 'GET', '/v1/osr/alerts?fromWeek=2030-W10&toWeek=2030-W30'),
        200,
      )
    ).json();
    const weeks = list.items.map(
      (a: Alert & { hub: string; week: string }) => `${a.hub} ${a.week} ${a.name}`,
    );
    expect(weeks).toEqual([
      'north-hub 2030-W13 Kemi Adeyemi',
      'north-hub 2030-W27 Liam Moore',
      'west-hub 2030-W11 Femi Okafor',
    ]);
    const femi = list.items.at(-1);
    expect(femi.affected.bookings).toHaveLength(1);
    expect(femi.affected.interventions).toHaveLength(1);
    const west = (
      await expectStatus(
        ctx.call('viewer', 'GET', '/v1/osr/alerts?fromWeek=2030-W10&toWeek=2030-W30&hub=west-hub'),
        200,
      )
    ).json();
    expect(west.items).toHaveLength(1);
    expect((await ctx.call('viewer', 'GET', '/v1/osr/alerts?hub=nowhere')).statusCode).toBe(404);
  });

  it("refuses a hub manager another hub's alerts, and lists only the hubs its key names", async () => {
    await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/far-hub', { name: 'Far Hub' }), 201);
    const westOnly = await newKey(ctx, { name: 'West only', role: 'hub_manager', hubs: ['west-hub'] });
    const asWest = (url: string) => callWithKey(ctx, westOnly, 'GET', url);
    expect((await asWest('/v1/osr/alerts?hub=far-hub')).statusCode).toBe(403);
    const mine = (await asWest('/v1/osr/alerts?fromWeek=2030-W10&toWeek=2030-W30')).json();
    expect(new Set(mine.items.map((a: { hub: string }) => a.hub))).toEqual(new Set(['west-hub']));
  });
});
