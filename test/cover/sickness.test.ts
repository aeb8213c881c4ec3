import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference, recordAbsence } from '../helpers/fixtures.js';

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

type Shift = {
  id: string;
  localDate: string;
  start: string;
  end: string;
  night: boolean;
  status: string;
  assignments: { practitionerId: string }[];
  uncoveredBy: { practitionerId: string }[];
};

describe.each(databaseTargets())('sickness and cover on %s', (target) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  let placementA: string;
  let placementB: string;

  const shiftsOf = async (placement: string, from: string, to: string): Promise<Shift[]> =>
    (await ctx.call('cover', 'GET', `/v1/shifts?from=${from}&to=${to}&placement=${placement}`)).json().items;
  const assign = (shiftId: string, who: string) =>
    expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${shiftId}/assignments`, { practitionerId: ids[who] }),
      201,
    );
  const sick = (who: string, start: string, end?: string) =>
    recordAbsence(ctx, ids[who]!, { kind: 'sickness', start, ...(end ? { end } : {}) });

  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await putReference(ctx, {
      regions: { north: 'North', east: 'East' },
      specialisms: { 'newborn-care': 'Newborn care' },
    });
    for (const name of ['Ann', 'Bob', 'Cat', 'Dan', 'Eve', 'Fay'])
      ids[name] = (await addPractitioner(ctx, { name, homeRegion: 'north' })).id;
    ids.Nia = (
      await addPractitioner(ctx, { name: 'Nia', homeRegion: 'east', specialisms: ['newborn-care'] })
    ).id;
    ids.Oli = (await addPractitioner(ctx, { name: 'Oli', homeRegion: 'east' })).id;
    placementA = (
      await addPlacement(ctx, {
        caseReference: 'CR-A',
        region: 'north',
        startDate: date(-1),
        endDate: date(9),
      })
    ).id;
    placementB = (
      await addPlacement(ctx, {
        caseReference: 'CR-B',
        region: 'east',
        startDate: date(2),
        endDate: date(3),
        requiredSpecialisms: ['newborn-care'],
      })
    ).id;
  });
  afterAll(() => ctx?.close());

  it('uncovers a running shift from the sickness start and covers the rest of it', async () => {
    const now = DateTime.now();
    const running = (await shiftsOf(placementA, date(-1), date(1))).find(
      (s) => Date.parse(s.start) <= now.toMillis() && Date.parse(s.end) > now.toMillis(),
    )!;
    await assign(running.id, 'Ann');
    const absence = await sick('Ann', now.toISO()!);
    expect(absence.uncoveredShifts.map((s: Shift) => s.id)).toEqual([running.id]);
    expect(absence.uncoveredShifts[0]).toMatchObject({
      status: 'uncovered',
      uncoveredBy: [{ practitionerId: ids.Ann, name: 'Ann' }],
    });
    const uncovered = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(-1)}&to=${date(1)}&status=uncovered`)
    ).json().items;
    expect(uncovered.map((s: Shift) => s.id)).toEqual([running.id]);

    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    expect(plan.uncovered).toEqual([]);
    expect(plan.assignments).toHaveLength(1);
    expect(plan.assignments[0].practitionerId).not.toBe(ids.Ann);
    expect(plan.alternatives[0].candidates.length).toBeGreaterThan(0);
    const accepted = (
      await expectStatus(ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`), 200)
    ).json();
    expect(accepted.status).toBe('accepted');
    const after = (await ctx.call('viewer', 'GET', `/v1/shifts/${running.id}`)).json();
    expect(after).toMatchObject({ status: 'covered', uncoveredBy: [] });
    expect(after.assignments[0]).toMatchObject({
      practitionerId: plan.assignments[0].practitionerId,
      source: 'cover',
    });
    const events = (await ctx.call('admin', 'GET', '/v1/events')).json().items;
    expect(events.at(-1)).toMatchObject({ type: 'cover-plan.accepted', subjectId: plan.id });
    expect((await ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`)).statusCode).toBe(409);
  });

  it('uncovers every future shift of open-ended sickness at once, and return to work closes it', async () => {
    const shifts = await shiftsOf(placementA, date(4), date(6));
    const days = shifts.filter((s) => !s.night);
    for (const s of days) await assign(s.id, 'Bob');
    const absence = await sick('Bob', DateTime.fromISO(date(4), { zone: TZ }).toISO()!);
    expect(absence.end).toBeNull();
    expect(absence.uncoveredShifts.map((s: Shift) => s.id).sort()).toEqual(days.map((s) => s.id).sort());
    const back = (
      await expectStatus(
        ctx.call('cover', 'PATCH', `/v1/absences/${absence.id}`, {
          end: DateTime.fromISO(date(7), { zone: TZ }).toISO(),
        }),
        200,
      )
    ).json();
    expect(back.end).not.toBeNull();
    expect(
      (await ctx.call('cover', 'GET', `/v1/absences?open=true&practitioner=${ids.Bob}`)).json().total,
    ).toBe(0);
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    expect(plan.assignments).toHaveLength(3);
    expect(new Set(plan.assignments.map((a: { shiftId: string }) => a.shiftId)).size).toBe(3);
    expect(plan.assignments.every((a: { practitionerId: string }) => a.practitionerId !== ids.Bob)).toBe(
      true,
    );
  });

  it('handles two overlapping sickness reports for the same person without uncovering twice', async () => {
    const shift = (await shiftsOf(placementA, date(8), date(8))).find((s) => !s.night)!;
    await assign(shift.id, 'Cat');
    const first = await sick(
      'Cat',
      DateTime.fromISO(date(8), { zone: TZ }).toISO()!,
      DateTime.fromISO(date(9), { zone: TZ }).toISO()!,
    );
    const second = await sick('Cat', DateTime.fromISO(date(7), { zone: TZ }).toISO()!);
    expect(first.uncoveredShifts).toHaveLength(1);
    expect(second.uncoveredShifts).toHaveLength(0);
    const now = (await ctx.call('viewer', 'GET', `/v1/shifts/${shift.id}`)).json();
    expect(now.uncoveredBy).toHaveLength(1);
  });

  it('explains, in words, a shift only a sick practitioner could cover', async () => {
    const day = (await shiftsOf(placementB, date(2), date(2))).find((s) => !s.night)!;
    await assign(day.id, 'Nia');
    const absence = await sick(
      'Nia',
      DateTime.fromISO(date(2), { zone: TZ }).toISO()!,
      DateTime.fromISO(date(3), { zone: TZ }).toISO()!,
    );
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    expect(plan.assignments).toEqual([]);
    expect(plan.uncovered).toHaveLength(1);
    const words = plan.uncovered[0].reasons.join('\n');
    expect(words).toContain('Newborn care');
    expect(words).toMatch(/Nia: .*(sick|absent|sickness)/i);
    expect(words).toMatch(/Oli: .*Newborn care/);
    expect(words).toMatch(/\d+ of \d+ considered lack a specialism it needs/);
  });

  it('prefers the standby practitioner of the day over whoever it would pick otherwise', async () => {
    const shift = (await shiftsOf(placementA, date(5), date(5))).find((s) => s.night)!;
    await assign(shift.id, 'Dan');
    const absence = await sick(
      'Dan',
      DateTime.fromISO(date(5), { zone: TZ }).toISO()!,
      DateTime.fromISO(date(6), { zone: TZ }).toISO()!,
    );
    const plan = async () =>
      (
        await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
      ).json();
    const without = await plan();
    const first = without.assignments[0].practitionerId;
    const other = without.alternatives[0].candidates.find(
      (c: { practitionerId: string; allowed: boolean }) => c.allowed && c.practitionerId !== first,
    );
    expect(other, 'a second person who could cover').toBeDefined();
    // Name the one it did not pick as standby: the next plan must switch to them.
    await expectStatus(
      ctx.call('coordinator', 'PUT', `/v1/standby/north/${date(5)}`, {
        practitionerId: other.practitionerId,
      }),
      200,
    );
    const withStandby = await plan();
    expect(withStandby.assignments).toEqual([
      expect.objectContaining({ shiftId: shift.id, practitionerId: other.practitionerId }),
    ]);
  });

  it('designates standby per region and day, and shows shifts with no possible cover', async () => {
    const suggested = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/standby/suggestions', { from: date(6), to: date(7) }),
        201,
      )
    ).json().items;
    expect(suggested.length).toBe(4);
    const listed = (await ctx.call('cover', 'GET', `/v1/standby?from=${date(6)}&to=${date(7)}`)).json().items;
    expect(listed).toHaveLength(4);
    const day = (await shiftsOf(placementB, date(3), date(3))).find((s) => !s.night)!;
    await ctx.call(
      'cover',
      'PATCH',
      `/v1/absences/${(await ctx.call('cover', 'GET', `/v1/absences?practitioner=${ids.Nia}`)).json().items[0].id}`,
      { end: DateTime.fromISO(date(3), { zone: TZ }).toISO() },
    );
    await assign(day.id, 'Nia');
    const res = (
      await expectStatus(ctx.call('cover', 'GET', `/v1/resilience?from=${date(3)}&to=${date(3)}`), 200)
    ).json();
    expect(res.atRisk.map((r: { shiftId: string }) => r.shiftId)).toContain(day.id);
    expect(res.byRegion.find((r: { region: string }) => r.region === 'east').atRisk).toBe(1);
    expect(res.atRisk.find((r: { shiftId: string }) => r.shiftId === day.id).reasons).toContainEqual(
      expect.stringMatching(/^\d+ of \d+ considered lack a specialism it needs$/),
    );
  });

  it('keeps resilience up to date as the facts change, not only when first asked', async () => {
    const day = (await shiftsOf(placementB, date(3), date(3))).find((s) => !s.night)!;
    const atRisk = async () =>
      (await expectStatus(ctx.call('cover', 'GET', `/v1/resilience?from=${date(3)}&to=${date(3)}`), 200))
        .json()
        .atRisk.map((r: { shiftId: string }) => r.shiftId);
    expect(await atRisk()).toContain(day.id);
    // Oli works in East: with the specialism, Oli could stand in for Nia.
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${ids.Oli}`, { specialisms: ['newborn-care'] }),
      200,
    );
    expect(await atRisk()).not.toContain(day.id);
    await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${ids.Oli}`, { specialisms: [] }),
      200,
    );
    expect(await atRisk()).toContain(day.id);
  });
});
