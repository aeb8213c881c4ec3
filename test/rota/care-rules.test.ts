import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference } from '../helpers/fixtures.js';
import { waitForRun } from '../helpers/rota-runs.js';
import { checkAssignment, type Assignments } from '../../src/scheduler/index.js';
import { loadRotaProblem, wordsIn } from '../../src/rota/problem.js';
import {
  checkHardRules,
  type CheckedPractitioner,
  type CheckedShift,
} from '../placements/hard-rules-checker.js';

const TZ = 'Europe/London';

// Rest of 8 hours lets a 22:00 finish be followed by a 07:00 start: only the care rule forbids it.
const CARE_CONTRACT = {
  minRestHours: 8,
  minConsecutiveDaysOff: 2,
  maxWeekendsIn4Weeks: 1,
  hoursPerWeek: 22.5,
};
const EARLY_AND_LATE = [
  { start: '07:00', end: '14:30', practitioners: 1 },
  { start: '14:30', end: '22:00', practitioners: 1, type: 'late' },
];

/**
 * A rota run for the period, solved with no hard rule broken and published; its shifts, the panel, and
 * what the independent checker finds broken in them. The runs here reach hard 0 with every shift covered
 * within about 0.3 s (their progress: medium 900 -> 0 by 315 ms on the 8-week plan, beside another test
 * file on 2 cores) and then only trade soft points until the limit, so a few seconds leave a wide margin.
 */
async function publishRota(ctx: TestContext, from: string, to: string, timeLimitSeconds: number) {
  const started = await expectStatus(
    ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds }),
    202,
  );
  const run = await waitForRun(ctx, started.json().id);
  expect(run.status).toBe('completed');
  expect(run.score.hard).toBe(0);
  await expectStatus(ctx.call('coordinator', 'POST', `/v1/rota-runs/${run.id}/publish`), 200);
  const shifts = (await ctx.call('viewer', 'GET', `/v1/shifts?from=${from}&to=${to}`)).json()
    .items as (CheckedShift & { status: string })[];
  const panel = (await ctx.call('coordinator', 'GET', '/v1/practitioners')).json()
    .items as CheckedPractitioner[];
  const placements = (await ctx.call('viewer', 'GET', '/v1/placements')).json().items;
  return { shifts, panel, breaks: checkHardRules(shifts, panel, [], placements, TZ) };
}

/**
 * The care-rota rules through a whole run: two days off together, at most one weekend in four
 * weeks, and no early shift the day after a late one; each checked on the published rota by the
 * independent checker, and stated in the problem the run solves.
 */
describe.each(databaseTargets())('a rota run keeps the care-rota rules, on %s', (target) => {
  let ctx: TestContext;
  // A Monday at least three days ahead, so the weekend before it can still be assigned by hand.
  const monday = DateTime.now().setZone(TZ).plus({ days: 10 }).startOf('week');
  const from = monday.toISODate()!;
  const to = monday.plus({ days: 13 }).toISODate()!;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await putReference(ctx, { regions: { north: 'North' } });
    for (let i = 0; i < 6; i++)
      await addPractitioner(ctx, { name: `Carer ${i}`, homeRegion: 'north', contract: CARE_CONTRACT });
    await addPlacement(ctx, {
      caseReference: 'CR-CARE-1',
      region: 'north',
      startDate: from,
      endDate: to,
      phases: [{ fromDate: from, toDate: to, shifts: EARLY_AND_LATE }],
    });
  });
  afterAll(() => ctx?.close());

  it('publishes a rota with no lone day off, no early after a late and one weekend each', async () => {
    const { shifts, panel, breaks } = await publishRota(ctx, from, to, 2);
    expect(shifts).toHaveLength(28);
    expect(shifts.filter((s) => s.type === 'early')).toHaveLength(14);
    expect(shifts.filter((s) => s.type === 'late')).toHaveLength(14);
    expect(panel.every((p) => p.contract.minConsecutiveDaysOff === 2)).toBe(true);
    expect(breaks).toEqual([]);
    // Six people with one weekend each cover the four weekend days' eight shifts, and the rest.
    expect(shifts.filter((s) => s.status !== 'covered')).toEqual([]);
  });

  it('states the rules in the problem it solves, counting the kinds and weekends worked just before', async () => {
    const dana = await addPractitioner(ctx, {
      name: 'Dana Before',
      homeRegion: 'north',
      contract: CARE_CONTRACT,
    });
    const saturday = monday.minus({ days: 2 }).toISODate()!;
    const sunday = monday.minus({ days: 1 }).toISODate()!;
    const before = await addPlacement(ctx, {
      caseReference: 'CR-CARE-0',
      region: 'north',
      startDate: saturday,
      endDate: sunday,
      phases: [{ fromDate: saturday, toDate: sunday, shifts: EARLY_AND_LATE }],
    });
    const weekend = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${saturday}&to=${sunday}&placement=${before.id}`)
    ).json().items as CheckedShift[];
    const saturdayEarly = weekend.find((s) => s.localDate === saturday && s.type === 'early')!;
    const sundayLate = weekend.find((s) => s.localDate === sunday && s.type === 'late')!;
    for (const s of [saturdayEarly, sundayLate])
      await expectStatus(
        ctx.call('coordinator', 'POST', `/v1/shifts/${s.id}/assignments`, { practitionerId: dana.id }),
        201,
      );

    const { problem, firstDate } = await loadRotaProblem(ctx.database.db, {
      from,
      to,
      timezone: TZ,
      now: new Date(),
    });
    // No night shifts here: only "no early after a late" can bind.
    expect(problem.forbiddenSuccessions).toEqual([{ first: 'late', next: 'early' }]);
    expect(new Set(problem.demands.map((d) => d.shiftType))).toEqual(new Set(['early', 'late']));
    const resource = problem.resources.find((r) => r.id === dana.id)!;
    // One weekend in any four weeks running, and the weekend just before the run is in the first ones.
    expect(resource.contract).toMatchObject({
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
      weekendWindowWeeks: 4,
    });
    expect(resource.history?.weekendsBefore).toEqual([-1]);
    // A plan from that Sunday starts on the Saturday, already worked: its first week's weekend counts.
    const fromSunday = await loadRotaProblem(ctx.database.db, {
      from: sunday,
      to,
      timezone: TZ,
      now: new Date(),
    });
    expect(fromSunday.problem.resources.find((r) => r.id === dana.id)!.history?.weekendsBefore).toEqual([0]);
    const prior = [...(resource.history?.priorWork ?? [])].sort((a, b) => a.day - b.day);
    expect(prior.map((w) => [w.day, w.shiftType])).toEqual([
      [-2, 'early'],
      [-1, 'late'],
    ]);
    const other = problem.resources.find((r) => r.id !== dana.id)!;
    expect(other.contract).toMatchObject({ minConsecutiveDaysOff: 2, maxWeekends: 1, weekendWindowWeeks: 4 });
    expect(other.history?.weekendsBefore).toEqual([]);

    // Sunday's late rules out Monday's early, in words.
    const mondayEarly = problem.demands.find((d) => d.day === 0 && d.shiftType === 'early')!;
    const assignments: Assignments = Object.fromEntries(
      problem.demands.map((d) => [d.id, d.published ?? []]),
    );
    // The run put someone on it: ask about Dana in their place.
    const check = checkAssignment(problem, assignments, mondayEarly.id, dana.id, {
      ...wordsIn(TZ, firstDate),
      replacing: mondayEarly.published![0]!,
    });
    expect(check.allowed).toBe(false);
    const succession = check.hard.find((r) => r.constraint === 'succession')!;
    expect(succession.message).toMatch(
      /^Dana Before would work CR-CARE-1 Mon .* the day after an earlier shift/,
    );
    expect(succession.message).toContain('(early may not follow late)');
  });
});

/**
 * "At most one weekend in 4 weeks" over an 8-week plan. Stated as a cap over the plan (2 weekends in
 * 8 weeks) it let a run give someone two weekends running. Four carers must work two weekends each to
 * cover the eight, which fits only with their weekends 4 weeks apart.
 */
describe.each(databaseTargets())('an 8-week rota keeps one weekend in any 4 weeks, on %s', (target) => {
  let ctx: TestContext;
  const monday = DateTime.now().setZone(TZ).plus({ days: 10 }).startOf('week');
  const from = monday.toISODate()!;
  const to = monday.plus({ weeks: 8, days: -1 }).toISODate()!;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await putReference(ctx, { regions: { north: 'North' } });
    for (let i = 0; i < 4; i++)
      await addPractitioner(ctx, {
        name: `Weekend Carer ${i}`,
        homeRegion: 'north',
        contract: { maxWeekendsIn4Weeks: 1, hoursPerWeek: 15 },
      });
    await addPlacement(ctx, {
      caseReference: 'CR-WKND-1',
      region: 'north',
      startDate: from,
      endDate: to,
      phases: [{ fromDate: from, toDate: to, shifts: [{ start: '07:00', end: '14:30', practitioners: 1 }] }],
    });
  });
  afterAll(() => ctx?.close());

  it('covers every weekend with each carer on weekends 4 weeks apart', async () => {
    const { shifts, breaks } = await publishRota(ctx, from, to, 3);
    expect(shifts).toHaveLength(56);
    expect(breaks).toEqual([]);
    const weekendShifts = shifts.filter((s) => DateTime.fromISO(s.localDate).weekday >= 6);
    expect(weekendShifts.filter((s) => s.status !== 'covered')).toEqual([]);
  });
});
