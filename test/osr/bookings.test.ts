import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { DateTime } from 'luxon';
import { booking, hubWithLead, weekFromNow } from './booking-helpers.js';
import { pastBooking } from './intervention-helpers.js';

describe.each(databaseTargets())('OSR bookings under the weekly case cap, on %s', (target) => {
  let ctx: TestContext;
  const past = weekFromNow(-2);
  const current = weekFromNow(0);
  const future = weekFromNow(2);
  const hubWeek = async (hub: string, week: string) =>
    (await expectStatus(ctx.call('social_worker', 'GET', `/v1/osr/hubs/${hub}/weeks/${week}`), 200)).json();

  let lead: { id: string };
  beforeAll(async () => {
    ctx = await createTestContext(target);
    lead = await hubWithLead(ctx, 'east-hub', [past, current, future]);
  });
  afterAll(() => ctx?.close());

  it('counts a case once however many bookings it has in the hub-week', async () => {
    const first = (
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', future, 'LCS-1')),
        201,
      )
    ).json();
    expect(first).toMatchObject({ newCase: true, casesBooked: 1, weeklyCaseCap: 3, status: 'active' });
    const second = (
      await expectStatus(
        ctx.call(
          'social_worker',
          'POST',
          '/v1/osr/bookings',
          booking('east-hub', future, 'LCS-1', { kind: 'joint_visit' }),
        ),
        201,
      )
    ).json();
    expect(second).toMatchObject({ newCase: false, casesBooked: 1 });
    expect((await hubWeek('east-hub', future)).casesBooked).toBe(1);
  });

  it('refuses a case over the cap with 409 case-limit-reached pointing to the 0-19 Request Form, and records it', async () => {
    await expectStatus(
      ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', future, 'LCS-2')),
      201,
    );
    await expectStatus(
      ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', future, 'LCS-3')),
      201,
    );
    const refused = await ctx.call(
      'social_worker',
      'POST',
      '/v1/osr/bookings',
      booking('east-hub', future, 'LCS-4'),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const problem = refused.json();
    expect(problem.type).toMatch(/\/case-limit-reached$/);
    expect(problem.detail).toMatch(/limit of 3 cases/);
    expect(problem.detail).toMatch(/0-19 Request Form/);
    // A further booking of a case already holding a slot is still accepted.
    await expectStatus(
      ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', future, 'LCS-2')),
      201,
    );
    const week = await hubWeek('east-hub', future);
    expect(week).toMatchObject({ casesBooked: 3, casesRemaining: 0, refusedRequests: 1, weeklyCaseCap: 3 });
    const review = (
      await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/review?fromWeek=${future}&toWeek=${future}`), 200)
    ).json();
    expect(review.items).toEqual([
      {
        hub: 'east-hub',
        week: future,
        weeklyCaseCap: 3,
        casesBooked: 3,
        refusedRequests: 1,
        interventionsStarted: 0,
      },
    ]);
  });

  it('frees the slot when the last booking of a case is cancelled', async () => {
    const list = (
      await expectStatus(
        ctx.call(
          'social_worker',
          'GET',
          `/v1/osr/bookings?hub=east-hub&fromWeek=${future}&caseReference=LCS-1`,
        ),
        200,
      )
    ).json();
    expect(list.total).toBe(2);
    await expectStatus(
      ctx.call('social_worker', 'POST', `/v1/osr/bookings/${list.items[0].id}/cancel`, {
        reason: 'Duplicate',
      }),
      200,
    );
    expect((await hubWeek('east-hub', future)).casesBooked).toBe(3);
    const again = await ctx.call('social_worker', 'POST', `/v1/osr/bookings/${list.items[0].id}/cancel`, {});
    expect(again.statusCode).toBe(409);
    await expectStatus(ctx.call('social_worker', 'POST', `/v1/osr/bookings/${list.items[1].id}/cancel`), 200);
    expect((await hubWeek('east-hub', future)).casesBooked).toBe(2);
    await expectStatus(
      ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', future, 'LCS-4')),
      201,
    );
    expect((await hubWeek('east-hub', future)).casesBooked).toBe(3);
    const active = (
      await expectStatus(
        ctx.call('viewer', 'GET', `/v1/osr/bookings?hub=east-hub&fromWeek=${future}&status=active`),
        200,
      )
    ).json();
    expect(new Set(active.items.map((b: { caseReference: string }) => b.caseReference))).toEqual(
      new Set(['LCS-2', 'LCS-3', 'LCS-4']),
    );
  });

  it('applies a cap change from the current week on; past weeks keep theirs', async () => {
    // The past week was booked to its cap while it was current (written straight to the table now).
    const pastMonday = (await hubWeek('east-hub', past)).monday as string;
    for (const c of ['P-1', 'P-2', 'P-3'])
      await pastBooking(ctx, {
        hub: 'east-hub',
        monday: pastMonday,
        caseReference: c,
        practitionerId: lead.id,
      });
    await expectStatus(
      ctx.call('hub_manager', 'PUT', '/v1/hubs/east-hub', { name: 'East Hub', weeklyCaseCap: 5 }),
      200,
    );
    expect((await hubWeek('east-hub', past)).weeklyCaseCap).toBe(3);
    expect((await hubWeek('east-hub', current)).weeklyCaseCap).toBe(5);
    const refused = await ctx.call(
      'social_worker',
      'POST',
      '/v1/osr/bookings',
      booking('east-hub', past, 'P-4'),
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json().detail).toMatch(/is over; book in the current week/);
    expect((await hubWeek('east-hub', past)).casesBooked).toBe(3);
    for (const c of ['C-1', 'C-2', 'C-3', 'C-4', 'C-5'])
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', current, c)),
        201,
      );
    const sixth = await ctx.call(
      'social_worker',
      'POST',
      '/v1/osr/bookings',
      booking('east-hub', current, 'C-6'),
    );
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().detail).toMatch(/limit of 5 cases/);
  });

  it("keeps visits inside the week and apart in the lead responder's diary", async () => {
    const monday = (await hubWeek('east-hub', future)).monday as string;
    await expectStatus(
      ctx.call('hub_manager', 'PUT', '/v1/hubs/east-hub', { name: 'East Hub', weeklyCaseCap: 10 }),
      200,
    );
    const at = (hhmm: string, day = monday) => `${day}T${hhmm}:00+00:00`;
    await expectStatus(
      ctx.call(
        'social_worker',
        'POST',
        '/v1/osr/bookings',
        booking('east-hub', future, 'V-1', { kind: 'joint_visit', scheduledAt: at('10:00') }),
      ),
      201,
    );
    const clash = await ctx.call(
      'social_worker',
      'POST',
      '/v1/osr/bookings',
      booking('east-hub', future, 'V-2', { kind: 'virtual_visit', scheduledAt: at('11:00') }),
    );
    expect(clash.statusCode).toBe(409);
    expect(clash.json().type).toMatch(/\/visit-clash$/);
    // 90 minutes after 10:00 the lead responder is free again.
    await expectStatus(
      ctx.call(
        'social_worker',
        'POST',
        '/v1/osr/bookings',
        booking('east-hub', future, 'V-2', { kind: 'virtual_visit', scheduledAt: at('11:30') }),
      ),
      201,
    );
    const outside = await ctx.call(
      'social_worker',
      'POST',
      '/v1/osr/bookings',
      booking('east-hub', future, 'V-3', { scheduledAt: at('10:00', '2020-01-06') }),
    );
    expect(outside.statusCode).toBe(422);
    expect(outside.json().errors[0].field).toBe('/body/scheduledAt');
  });

  it('issue 13: refuses visits on Saturday or Sunday and bookings in past weeks, saying why', async () => {
    const monday = (await hubWeek('east-hub', future)).monday as string;
    const sunday = DateTime.fromISO(monday).plus({ days: 6 }).toISODate()!;
    const saturday = DateTime.fromISO(monday).plus({ days: 5 }).toISODate()!;
    for (const day of [saturday, sunday]) {
      const weekend = await ctx.call(
        'social_worker',
        'POST',
        '/v1/osr/bookings',
        booking('east-hub', future, 'W-1', { kind: 'joint_visit', scheduledAt: `${day}T10:00:00+00:00` }),
      );
      expect(weekend.statusCode, day).toBe(422);
      expect(weekend.json().detail).toMatch(/Monday .* to Friday .*not on duty at weekends/);
    }
    const lastWeek = await ctx.call(
      'social_worker',
      'POST',
      '/v1/osr/bookings',
      booking('east-hub', weekFromNow(-1), 'W-2'),
    );
    expect(lastWeek.statusCode).toBe(422);
    expect(lastWeek.json().errors[0].field).toBe('/body/week');
  });
});
