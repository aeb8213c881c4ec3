import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference, recordAbsence } from '../helpers/fixtures.js';

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;
const DAYS_ONLY = [{ start: '08:00', end: '20:00', practitioners: 1 }];

// Issue 11: a cover plan for a 13-month sickness took 10 s and +300 MB; its horizon is now bounded.
describe.each(databaseTargets())('a cover plan looks a bounded number of days ahead, on %s', (target) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false, coverHorizonDays: 28 });
    await putReference(ctx, { regions: { north: 'North' } });
    for (const name of ['Ann Hale', 'Bob Carr'])
      ids[name] = (await addPractitioner(ctx, { name, homeRegion: 'north' })).id;
    const placement = await addPlacement(ctx, {
      caseReference: 'CR-LONG',
      region: 'north',
      startDate: date(1),
      endDate: date(400),
      phases: [{ fromDate: date(1), toDate: date(400), shifts: DAYS_ONLY }],
    });
    // Ann works every third day shift of the year (within every rule): set up directly, as a rota
    // published long ago.
    await sql`INSERT INTO shift_assignments (shift_id, practitioner_id, period, source)
      SELECT id, ${ids['Ann Hale']}::uuid, tstzrange(starts_at, ends_at), 'run' FROM shifts
      WHERE placement_id = ${placement.id}::uuid AND (local_date - ${date(1)}::date) % 3 = 0`.execute(
      ctx.database.db,
    );
  });
  afterAll(() => ctx?.close());

  it('plans the first 28 days of a 13-month sickness and says the later shifts are left for a later plan', async () => {
    const absence = await recordAbsence(ctx, ids['Ann Hale']!, {
      kind: 'sickness',
      start: `${date(1)}T00:00:00Z`,
      end: `${date(396)}T00:00:00Z`,
    });
    const dates: string[] = absence.uncoveredShifts.map((x: { localDate: string }) => x.localDate).sort();
    expect(dates).toHaveLength(132);
    const within = dates.filter((d) => d <= date(28)).length;
    expect(within).toBe(10);
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    expect(plan.horizon).toMatchObject({
      from: date(1),
      to: date(28),
      days: 28,
      laterShifts: 122,
      laterUntil: date(394),
    });
    expect(plan.horizon.note).toContain('122 later uncovered shifts');
    expect(plan.horizon.note).toContain('left for a later plan');
    expect(plan.shiftIds).toHaveLength(10);
    expect(plan.assignments.every((a: { name: string }) => a.name === 'Bob Carr')).toBe(true);
    // The same horizon is there when the plan is read again.
    const again = (await expectStatus(ctx.call('cover', 'GET', `/v1/cover-plans/${plan.id}`), 200)).json();
    expect(again.horizon).toEqual(plan.horizon);
  });

  it('says every uncovered shift is in a plan that reaches them all', async () => {
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { from: date(1), to: date(3) }), 201)
    ).json();
    expect(plan.horizon).toMatchObject({ from: date(1), to: date(28), laterShifts: 0, laterUntil: null });
    expect(plan.horizon.note).toContain('every uncovered shift is in it');
  });
});
