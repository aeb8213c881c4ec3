import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, tableCounts, type TestContext } from '../helpers/app.js';

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

describe.each(databaseTargets())('placement reviews on %s', (target) => {
  let ctx: TestContext;
  let n = 0;
  const placement = async (extra: Record<string, unknown> = {}) =>
    (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/placements', {
          caseReference: `CR-REV-${++n}`,
          region: 'north',
          startDate: date(-20),
          endDate: date(10),
          ...extra,
        }),
        201,
      )
    ).json();
  const shiftCount = async (id: string) =>
    (await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(-30)}&to=${date(60)}&placement=${id}`)).json()
      .total;

  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north', { name: 'North' }), 201);
  });
  afterAll(async () => ctx?.close());

  it('lists placements with a review due in a period, and a "continue" moves the next review three weeks on', async () => {
    const p = await placement();
    expect(p.reviewDate).toBe(date(1));
    const due = (
      await ctx.call('coordinator', 'GET', `/v1/placements?reviewDueFrom=${date(0)}&reviewDueTo=${date(6)}`)
    ).json();
    expect(due.items.map((x: { id: string }) => x.id)).toContain(p.id);
    const res = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/placements/${p.id}/reviews`, {
        heldOn: date(1),
        decision: 'continue',
      }),
      201,
    );
    expect(res.json().review).toMatchObject({ decision: 'continue', nextReviewDate: date(22) });
    expect(res.json().placement.reviewDate).toBe(date(22));
    const later = (
      await ctx.call('coordinator', 'GET', `/v1/placements?reviewDueFrom=${date(0)}&reviewDueTo=${date(6)}`)
    ).json();
    expect(later.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const reviews = (await ctx.call('viewer', 'GET', `/v1/placements/${p.id}/reviews`)).json().items;
    expect(reviews).toHaveLength(1);
  });

  it('extends the plan with new shifts, and ends it by removing the shifts after its last day', async () => {
    const p = await placement();
    const before = await shiftCount(p.id);
    const extended = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/placements/${p.id}/reviews`, {
        heldOn: date(1),
        decision: 'extend',
        endDate: date(17),
      }),
      201,
    );
    expect(extended.json().shiftChanges.created).toBe(14);
    expect(await shiftCount(p.id)).toBe(before + 14);
    const ended = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/placements/${p.id}/reviews`, {
        heldOn: date(2),
        decision: 'end',
        endDate: date(5),
      }),
      201,
    );
    expect(ended.json().placement.endDate).toBe(date(5));
    expect(ended.json().review.nextReviewDate).toBeNull();
    expect(ended.json().shiftChanges.removed).toBe(24);
  });

  it('steps down to waking hours from the review', async () => {
    const p = await placement();
    const res = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/placements/${p.id}/reviews`, {
        heldOn: date(1),
        decision: 'step_down',
        phases: [
          { fromDate: date(-20), toDate: date(1), shifts: p.phases[0].shifts },
          {
            fromDate: date(2),
            toDate: date(10),
            shifts: [{ start: '08:00', end: '22:00', practitioners: 1 }],
          },
        ],
      }),
      201,
    );
    expect(res.json().shiftChanges.removed).toBeGreaterThan(0);
    const shifts = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(3)}&to=${date(3)}&placement=${p.id}`)
    ).json().items;
    expect(shifts).toHaveLength(1);
  });

  it('refuses a review it cannot apply and changes nothing', async () => {
    const p = await placement();
    const counts = await tableCounts(ctx.database);
    for (const [body, status] of [
      [{ heldOn: date(1), decision: 'extend', endDate: date(5) }, 422],
      [{ heldOn: date(1), decision: 'step_down' }, 400],
      [{ heldOn: date(-40), decision: 'continue' }, 422],
      [{ heldOn: date(1), decision: 'end', endDate: date(40) }, 422],
      [{ heldOn: date(1), decision: 'pause' }, 400],
    ] as const) {
      const res = await ctx.call('coordinator', 'POST', `/v1/placements/${p.id}/reviews`, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect(await tableCounts(ctx.database)).toEqual(counts);
    expect(
      (
        await ctx.call('social_worker', 'POST', `/v1/placements/${p.id}/reviews`, {
          heldOn: date(1),
          decision: 'continue',
        })
      ).statusCode,
    ).toBe(403);
  });
});
