import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference } from '../helpers/fixtures.js';

type Shift = {
  id: string;
  localDate: string;
  start: string;
  end: string;
  durationMinutes: number;
  night: boolean;
};

describe.each(databaseTargets())('shifts across the clock changes, on %s', (target) => {
  let ctx: TestContext;
  let practitioner: string;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    await putReference(ctx, { regions: { north: 'North' } });
    practitioner = (
      await addPractitioner(ctx, {
        name: 'Night Owl',
        homeRegion: 'north',
        contract: { minRestHours: 11.5, maxConsecutiveNights: 5 },
      })
    ).id;
  });
  afterAll(() => ctx?.close());

  const shiftsOf = async (placementId: string, from: string, to: string): Promise<Shift[]> =>
    (await ctx.call('viewer', 'GET', `/v1/shifts?from=${from}&to=${to}&placement=${placementId}`)).json()
      .items;

  it('makes the autumn night 13 hours and counts the 48-hour limit in real time', async () => {
    const placement = await addPlacement(ctx, {
      caseReference: 'CR-AUTUMN',
      region: 'north',
      startDate: '2026-10-23',
      endDate: '2026-10-27',
    });
    const shifts = await shiftsOf(placement.id, '2026-10-23', '2026-10-27');
    const nights = shifts.filter((s) => s.durationMinutes !== 720);
    expect(nights.map((s) => [s.localDate, s.start, s.end, s.durationMinutes])).toEqual([
      ['2026-10-24', '2026-10-24T19:00:00.000Z', '2026-10-25T08:00:00.000Z', 780],
    ]);
    const nightOf = (date: string) => shifts.find((s) => s.localDate === date && s.night)!;
    // Nights of the 23rd to 26th: 12 + 13 + 12 + 12 = 49 real hours in 7 days, over the 48 allowed.
    for (const date of ['2026-10-23', '2026-10-24', '2026-10-25']) {
      await expectStatus(
        ctx.call('coordinator', 'POST', `/v1/shifts/${nightOf(date).id}/assignments`, {
          practitionerId: practitioner,
        }),
        201,
      );
    }
    const fourth = await ctx.call(
      'coordinator',
      'POST',
      `/v1/shifts/${nightOf('2026-10-26').id}/assignments`,
      { practitionerId: practitioner },
    );
    expect(fourth.statusCode).toBe(409);
    expect(fourth.json().type).toMatch(/rule-broken$/);
    expect(fourth.json().detail).toMatch(/49 h|49h|7 days/);
    const hours = (
      await ctx.call('viewer', 'GET', `/v1/hours?from=2026-10-19&to=2026-10-25&practitioner=${practitioner}`)
    ).json();
    expect(hours.items).toEqual([expect.objectContaining({ week: '2026-W43', hours: 37, nights: 3 })]);
  });

  it('makes the spring night 11 hours and counts rest in real elapsed time', async () => {
    const placement = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/placements', {
          caseReference: 'CR-SPRING',
          region: 'north',
          startDate: '2026-03-27',
          endDate: '2026-03-30',
          phases: [
            {
              fromDate: '2026-03-27',
              toDate: '2026-03-27',
              shifts: [
                { start: '08:00', end: '20:00', practitioners: 1 },
                { start: '20:00', end: '08:00', practitioners: 1 },
              ],
            },
            {
              fromDate: '2026-03-28',
              toDate: '2026-03-28',
              shifts: [
                { start: '14:00', end: '00:30', practitioners: 1 },
                { start: '20:00', end: '08:00', practitioners: 1 },
              ],
            },
            {
              fromDate: '2026-03-29',
              toDate: '2026-03-30',
              shifts: [{ start: '12:30', end: '16:00', practitioners: 1 }],
            },
          ],
        }),
        201,
      )
    ).json();
    const shifts = await shiftsOf(placement.id, '2026-03-27', '2026-03-30');
    const springNight = shifts.find(
      (s) => s.localDate === '2026-03-28' && s.night && s.start === '2026-03-28T20:00:00.000Z',
    )!;
    expect(springNight.durationMinutes).toBe(660);
    expect(springNight.end).toBe('2026-03-29T07:00:00.000Z');
    const late = shifts.find((s) => s.localDate === '2026-03-28' && s.start === '2026-03-28T14:00:00.000Z')!;
    expect(late.end).toBe('2026-03-29T00:30:00.000Z');
    const visit = shifts.find((s) => s.localDate === '2026-03-29')!;
    expect(visit.start).toBe('2026-03-29T11:30:00.000Z');
    // 00:30 GMT to 12:30 BST reads as 12 h on the clock but is 11 h of real rest: under 11.5.
    await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${late.id}/assignments`, { practitionerId: practitioner }),
      201,
    );
    const refused = await ctx.call('coordinator', 'POST', `/v1/shifts/${visit.id}/assignments`, {
      practitionerId: practitioner,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/rest/i);
    expect(refused.json().detail).toMatch(/11 h/);
    const nextDay = shifts.find((s) => s.localDate === '2026-03-30')!;
    await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${nextDay.id}/assignments`, {
        practitionerId: practitioner,
      }),
      201,
    );
  });
});
