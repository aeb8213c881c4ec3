import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference, recordAbsence } from '../helpers/fixtures.js';
import { idsInWords } from '../helpers/ids-in-words.js';

/** Sentences people read name people, families and local dates, never ids. */
const expectNoIds = (answer: unknown) => expect(idsInWords(answer)).toEqual([]);

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

type Shift = {
  id: string;
  localDate: string;
  type: string;
  start: string;
  end: string;
  night: boolean;
  status: string;
  assignments: { practitionerId: string; start: string; end: string }[];
  uncoveredBy: { practitionerId: string; rule: string; reason: string; from: string }[];
};

/**
 * Each case the issue "the rota keeps its rules" reproduced: a fact changes under a published rota,
 * and the assignments it now rules out are taken off at once, with who and why.
 */
describe.each(databaseTargets())('the rota keeps its rules on %s', (target) => {
  let ctx: TestContext;
  let n = 0;

  const person = async (name: string, extra: Record<string, unknown> = {}) =>
    (await addPractitioner(ctx, { name, homeRegion: 'north', ...extra })) as { id: string; version: number };
  const placement = async (extra: Record<string, unknown> = {}) =>
    (await addPlacement(ctx, {
      caseReference: `CR-K${++n}`,
      region: 'north',
      startDate: date(2),
      endDate: date(4),
      ...extra,
    })) as { id: string; caseReference: string };
  const shiftsOf = async (placementId: string): Promise<Shift[]> =>
    (
      await ctx.call('admin', 'GET', `/v1/shifts?from=${date(-1)}&to=${date(16)}&placement=${placementId}`)
    ).json().items;
  const assign = (shiftId: string, practitionerId: string) =>
    expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${shiftId}/assignments`, { practitionerId }),
      201,
    );
  const breaks = async () =>
    (
      await expectStatus(ctx.call('viewer', 'GET', `/v1/rule-breaks?from=${date(-2)}&to=${date(16)}`), 200)
    ).json().breaks as unknown[];
  const onShifts = (shifts: Shift[], id: string) =>
    shifts.filter((s) => s.assignments.some((a) => a.practitionerId === id)).length;

  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await putReference(ctx, {
      regions: { north: 'North', east: 'East' },
      specialisms: { 'newborn-care': 'Newborn care' },
    });
  });
  afterAll(async () => ctx?.close());

  it("takes a newly excluded practitioner off the family's shifts (a safeguarding decision)", async () => {
    const wendy = await person('Wendy Walsh');
    const p = await placement();
    const [first, , third] = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(first!.id, wendy.id);
    await assign(third!.id, wendy.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/placements/${p.id}`, { excludedPractitioners: [wendy.id] }),
      200,
    );
    expect(
      res
        .json()
        .uncoveredShifts.map((s: Shift) => s.id)
        .sort(),
    ).toEqual([first!.id, third!.id].sort());
    const shifts = await shiftsOf(p.id);
    expect(onShifts(shifts, wendy.id)).toBe(0);
    const was = shifts.find((s) => s.id === first!.id)!;
    expect(was.status).toBe('uncovered');
    expect(was.uncoveredBy[0]).toMatchObject({ practitionerId: wendy.id, rule: 'exclusion' });
    expect(was.uncoveredBy[0]!.reason).toMatch(/Wendy Walsh/);
    expect(was.uncoveredBy[0]!.reason).toContain(p.caseReference);
    expect(await breaks()).toEqual([]);
  });

  it('takes men off a placement made female-only', async () => {
    const man = await person('Mark Male', { gender: 'male' });
    const woman = await person('Fran Female', { gender: 'female' });
    const p = await placement();
    const shifts = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(shifts[0]!.id, man.id);
    await assign(shifts[1]!.id, woman.id);
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/placements/${p.id}`, { genderRequirement: 'female' }),
      200,
    );
    const after = await shiftsOf(p.id);
    expect(onShifts(after, man.id)).toBe(0);
    expect(onShifts(after, woman.id)).toBe(1);
    expect(after.find((s) => s.id === shifts[0]!.id)!.uncoveredBy[0]!.rule).toBe('gender');
  });

  it('takes a practitioner off shifts needing a specialism they lost', async () => {
    const nia = await person('Nia Newborn', { specialisms: ['newborn-care'] });
    const p = await placement({ requiredSpecialisms: ['newborn-care'] });
    const [shift] = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(shift!.id, nia.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${nia.id}`, { specialisms: [] }),
      200,
    );
    expect(res.json().uncoveredShifts).toHaveLength(1);
    expect((await shiftsOf(p.id)).find((s) => s.id === shift!.id)!.uncoveredBy[0]!.rule).toBe('skill');
  });

  it('takes a practitioner off shifts in a region they no longer work in', async () => {
    const rob = await person('Rob Region', { homeRegion: 'east', regions: ['east', 'north'] });
    const p = await placement();
    const [shift] = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(shift!.id, rob.id);
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${rob.id}`, { regions: ['east'] }),
      200,
    );
    expect(onShifts(await shiftsOf(p.id), rob.id)).toBe(0);
  });

  it('takes off the shifts over a lowered limit of hours, and keeps the rest', async () => {
    const hal = await person('Hal Hours');
    const p = await placement({ endDate: date(6) });
    const days = (await shiftsOf(p.id)).filter((s) => !s.night).slice(0, 3);
    for (const s of days) await assign(s.id, hal.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${hal.id}`, { contract: { maxHoursPer7Days: 24 } }),
      200,
    );
    expect(res.json().uncoveredShifts).toHaveLength(1);
    const after = await shiftsOf(p.id);
    expect(onShifts(after, hal.id)).toBe(2);
    expect(after.find((s) => s.id === days[2]!.id)!.uncoveredBy[0]!.rule).toBe('maxMinutesPer7Days');
    expect(await breaks()).toEqual([]);
  });

  it('takes off the shift that leaves a single day off when days off must now come together', async () => {
    const dee = await person('Dee Daysoff');
    const p = await placement({ endDate: date(7) });
    const days = (await shiftsOf(p.id)).filter((s) => !s.night);
    const on = (d: number) => days.find((s) => s.localDate === date(d))!;
    // Works, one day off, works two days: the day off stands alone.
    for (const d of [2, 4, 5]) await assign(on(d).id, dee.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${dee.id}`, {
        contract: { minConsecutiveDaysOff: 2 },
      }),
      200,
    );
    expect(res.json().contract.minConsecutiveDaysOff).toBe(2);
    // Taking the first shift after the lone day off joins it to the next: days 3 and 4 off together.
    expect(res.json().uncoveredShifts.map((s: Shift) => s.id)).toEqual([on(4).id]);
    const after = await shiftsOf(p.id);
    expect(
      after.filter((s) => s.assignments.some((a) => a.practitionerId === dee.id)).map((s) => s.localDate),
    ).toEqual([date(2), date(5)]);
    const taken = after.find((s) => s.id === on(4).id)!.uncoveredBy[0]!;
    expect(taken).toMatchObject({ practitionerId: dee.id, rule: 'minConsecutiveDaysOff' });
    const dayOff = today.plus({ days: 3 }).toFormat('ccc d LLL yyyy');
    expect(taken.reason).toBe(`Dee Daysoff would have 1 day off from ${dayOff} (at least 2 together)`);
    expectNoIds(taken.reason);
    expect(await breaks()).toEqual([]);
  });

  it('takes off the latest weekend over a lowered weekend allowance, and keeps the earlier one', async () => {
    const wes = await person('Wes Weekend');
    const saturday = today.plus({ days: 2 }).plus({ days: (6 - today.plus({ days: 2 }).weekday + 7) % 7 });
    const sat = (weeks: number) => saturday.plus({ weeks }).toISODate()!;
    const p = await placement({ startDate: sat(0), endDate: sat(1) });
    const days = (await shiftsOf(p.id)).filter((s) => !s.night);
    const first = days.find((s) => s.localDate === sat(0))!;
    const second = days.find((s) => s.localDate === sat(1))!;
    await assign(first.id, wes.id);
    await assign(second.id, wes.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${wes.id}`, {
        contract: { maxWeekendsIn4Weeks: 1 },
      }),
      200,
    );
    expect(res.json().uncoveredShifts.map((s: Shift) => s.id)).toEqual([second.id]);
    const after = await shiftsOf(p.id);
    expect(onShifts(after, wes.id)).toBe(1);
    const taken = after.find((s) => s.id === second.id)!.uncoveredBy[0]!;
    expect(taken).toMatchObject({ practitionerId: wes.id, rule: 'maxWeekends' });
    // In a window of 4 weeks running, named by a local date.
    expect(taken.reason).toMatch(
      /^Wes Weekend would work 2 weekends in the 4 weeks (from|to) \w{3} \d{1,2} \w{3} \d{4} \(at most 1\)$/,
    );
    expectNoIds(taken.reason);
    // None at all: the earlier weekend goes too.
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${wes.id}`, {
        contract: { maxWeekendsIn4Weeks: 0 },
      }),
      200,
    );
    expect(onShifts(await shiftsOf(p.id), wes.id)).toBe(0);
    expect(await breaks()).toEqual([]);
  });

  it('keeps "no early shift the day after a late": a shift relabelled late takes the next early off, and hands refuse it', async () => {
    // Rest of 8 hours lets a 22:00 finish be followed by a 07:00 start: only the succession rule forbids it.
    const lou = await person('Lou Late', { contract: { minRestHours: 8 } });
    const phases = (lateType?: 'late') => [
      {
        fromDate: date(2),
        toDate: date(4),
        shifts: [
          { start: '07:00', end: '14:00', practitioners: 1 },
          { start: '15:00', end: '22:00', practitioners: 1, ...(lateType ? { type: lateType } : {}) },
        ],
      },
    ];
    const p = await placement({ phases: phases() });
    const shifts = await shiftsOf(p.id);
    const at = (d: number, time: string) =>
      shifts.find(
        (s) => s.localDate === date(d) && DateTime.fromISO(s.start, { zone: TZ }).toFormat('HH:mm') === time,
      )!;
    // The start time names a shift without a type: 07:00 early, 15:00 day.
    expect([at(2, '07:00').type, at(2, '15:00').type]).toEqual(['early', 'day']);
    await assign(at(2, '15:00').id, lou.id);
    await assign(at(3, '07:00').id, lou.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/placements/${p.id}`, { phases: phases('late') }),
      200,
    );
    expect(res.json().uncoveredShifts.map((s: Shift) => s.id)).toEqual([at(3, '07:00').id]);
    const after = await shiftsOf(p.id);
    expect(after.find((s) => s.id === at(2, '15:00').id)!.type).toBe('late');
    const taken = after.find((s) => s.id === at(3, '07:00').id)!.uncoveredBy[0]!;
    expect(taken).toMatchObject({ practitionerId: lou.id, rule: 'succession' });
    expect(taken.reason).toContain('Lou Late would work');
    expect(taken.reason).toContain(p.caseReference);
    expect(taken.reason).toContain('(early may not follow late)');
    expectNoIds(taken.reason);
    const refused = await ctx.call('coordinator', 'POST', `/v1/shifts/${at(3, '07:00').id}/assignments`, {
      practitionerId: lou.id,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toContain('early may not follow late');
    expectNoIds(refused.json());
    const candidates = (
      await ctx.call('coordinator', 'GET', `/v1/shifts/${at(3, '07:00').id}/candidates`)
    ).json().items as {
      practitionerId: string;
      allowed: boolean;
      breaks: string[];
      oneRuleAway: string | null;
    }[];
    const mine = candidates.find((c) => c.practitionerId === lou.id)!;
    expect(mine).toMatchObject({ allowed: false, oneRuleAway: 'succession' });
    expect(mine.breaks.join(' ')).toMatch(
      /Lou Late would work .* the day after .* \(early may not follow late\)/,
    );
    expect(await breaks()).toEqual([]);
  });

  it("takes a leaver's future shifts off when they are archived", async () => {
    const leo = await person('Leo Leaver');
    const p = await placement();
    const shifts = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(shifts[0]!.id, leo.id);
    await assign(shifts[1]!.id, leo.id);
    await expectStatus(ctx.call('coordinator', 'DELETE', `/v1/practitioners/${leo.id}`), 204);
    const after = await shiftsOf(p.id);
    expect(onShifts(after, leo.id)).toBe(0);
    expect(after.find((s) => s.id === shifts[0]!.id)!.uncoveredBy[0]!.rule).toBe('panel');
  });

  it('refuses to accept a cover plan whose proposed practitioner fell sick since', async () => {
    const ann = await person('Ann Absent');
    // Someone the plan can propose instead of Ann.
    await person('Bea Backup');
    const p = await placement({ caseReference: 'CR-PLAN' });
    const [shift] = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(shift!.id, ann.id);
    const absence = await recordAbsence(ctx, ann.id, {
      kind: 'sickness',
      start: date(2) + 'T00:00:00Z',
      end: date(3) + 'T00:00:00Z',
    });
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    const proposed = plan.assignments[0].practitionerId as string;
    expect(proposed).toBeDefined();
    // The proposed cover falls sick between the plan and its acceptance.
    await recordAbsence(ctx, proposed, {
      kind: 'sickness',
      start: date(1) + 'T00:00:00Z',
      end: date(5) + 'T00:00:00Z',
    });
    const refused = await ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().type).toMatch(/rule-broken$/);
    expect(refused.json().detail).toMatch(/is unavailable from .* during CR-PLAN/);
    expect(onShifts(await shiftsOf(p.id), proposed)).toBe(0);
  });

  it('keeps the hours worked before a sickness that starts during a shift, and covers exactly the rest', async () => {
    const sam = await person('Sam Started');
    // From yesterday: in the small hours the shift running now is last night's.
    const p = await placement({ startDate: date(-1), endDate: date(1) });
    const shifts = await shiftsOf(p.id);
    const running = shifts.find((s) => Date.parse(s.start) <= Date.now() && Date.parse(s.end) > Date.now())!;
    expect(running).toBeDefined();
    // Put them on the running shift directly: a hand assignment cannot start in the past.
    await ctx.database.db
      .insertInto('shift_assignments')
      .values({
        shift_id: running.id,
        practitioner_id: sam.id,
        period: `[${running.start},${running.end})`,
        source: 'manual',
      })
      .execute();
    const sickFrom = new Date(Date.now() - 60_000).toISOString();
    await recordAbsence(ctx, sam.id, { kind: 'sickness', start: sickFrom });
    const after = (await shiftsOf(p.id)).find((s) => s.id === running.id)!;
    expect(after.status).toBe('uncovered');
    expect(after.assignments).toEqual([
      expect.objectContaining({ practitionerId: sam.id, start: running.start, end: sickFrom }),
    ]);
    expect(after.uncoveredBy[0]).toMatchObject({ practitionerId: sam.id, rule: 'absence', from: sickFrom });
    const hours = (
      await expectStatus(
        ctx.call('coordinator', 'GET', `/v1/hours?from=${date(-1)}&to=${date(1)}&practitioner=${sam.id}`),
        200,
      )
    ).json();
    const worked = (Date.parse(sickFrom) - Date.parse(running.start)) / 3_600_000;
    expect(hours.items[0].hours).toBeCloseTo(worked, 1);
    expect(await breaks()).toEqual([]);
  });

  it('makes a cover plan for chosen shifts and for every uncovered shift in a period', async () => {
    const una = await person('Una Uncovered');
    await person('Vic Volunteer');
    const p = await placement({ caseReference: 'CR-PERIOD' });
    const [shift] = (await shiftsOf(p.id)).filter((s) => !s.night);
    await assign(shift!.id, una.id);
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/placements/${p.id}`, { excludedPractitioners: [una.id] }),
      200,
    );
    const byShift = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { shiftIds: [shift!.id] }), 201)
    ).json();
    expect(byShift).toMatchObject({ absenceId: null, shiftIds: [shift!.id] });
    expect(byShift.assignments).toHaveLength(1);
    const byPeriod = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { from: date(2), to: date(2) }), 201)
    ).json();
    expect(byPeriod.shiftIds).toContain(shift!.id);
    const accepted = await expectStatus(
      ctx.call('cover', 'POST', `/v1/cover-plans/${byShift.id}/accept`),
      200,
    );
    expect(accepted.json().status).toBe('accepted');
    expect((await shiftsOf(p.id)).find((s) => s.id === shift!.id)!.status).toBe('covered');
    const both = await ctx.call('cover', 'POST', '/v1/cover-plans', { shiftIds: [shift!.id], from: date(2) });
    expect(both.statusCode).toBe(400);
  });

  it('takes a practitioner off nights and weekdays they can no longer work, and the rota and candidates respect it', async () => {
    const pat = await person('Pat Preference');
    const p = await placement();
    const shifts = await shiftsOf(p.id);
    const night = shifts.find((s) => s.night && s.localDate === date(2))!;
    const day = shifts.find((s) => !s.night && s.localDate === date(4))!;
    await assign(night.id, pat.id);
    await assign(day.id, pat.id);
    const weekday = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][
      DateTime.fromISO(day.localDate, { zone: TZ }).weekday - 1
    ];
    const res = await expectStatus(
      ctx.call('coordinator', 'PUT', `/v1/practitioners/${pat.id}/preferences`, {
        noNights: true,
        unavailableWeekdays: [weekday],
        wanted: [],
        unwanted: [],
        preferredPlacements: [p.id],
      }),
      200,
    );
    expect(
      res
        .json()
        .uncoveredShifts.map((s: Shift) => s.id)
        .sort(),
    ).toEqual([night.id, day.id].sort());
    expect(onShifts(await shiftsOf(p.id), pat.id)).toBe(0);
    const stored = await expectStatus(
      ctx.call('cover', 'GET', `/v1/practitioners/${pat.id}/preferences`),
      200,
    );
    expect(stored.json()).toMatchObject({ noNights: true, unavailableWeekdays: [weekday] });
    expect(stored.headers.etag).toBe('"1"');
    const refused = await ctx.call('coordinator', 'POST', `/v1/shifts/${night.id}/assignments`, {
      practitionerId: pat.id,
    });
    expect(refused.statusCode).toBe(409);
    const candidates = (await ctx.call('coordinator', 'GET', `/v1/shifts/${day.id}/candidates`)).json().items;
    const mine = candidates.find((c: { practitionerId: string }) => c.practitionerId === pat.id);
    expect(mine.allowed).toBe(false);
    expect(mine.breaks.join(' ')).toMatch(/unavailable/);
    expect(
      (await ctx.call('social_worker', 'GET', `/v1/practitioners/${pat.id}/preferences`)).statusCode,
    ).toBe(403);
    expect(await breaks()).toEqual([]);
  });
});
