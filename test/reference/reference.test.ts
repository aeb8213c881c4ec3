import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { capForWeek } from '../../src/reference/hubs-repository.js';
import { currentWeekMonday } from '../../src/time/weeks.js';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';

describe.each(databaseTargets())('regions, specialisms and hubs on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
  });
  afterAll(() => ctx?.close());

  it('creates with PUT (201), renames with PUT (200), lists in code order', async () => {
    await expectStatus(ctx.call('coordinator', 'PUT', '/v1/regions/yorkshire', { name: 'Yorks' }), 201);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north-west', { name: 'North West' }), 201);
    const renamed = await expectStatus(
      ctx.call('admin', 'PUT', '/v1/regions/yorkshire', { name: 'Yorkshire' }),
      200,
    );
    expect(renamed.json()).toMatchObject({ code: 'yorkshire', name: 'Yorkshire', version: 2 });
    const list = (await ctx.call('social_worker', 'GET', '/v1/regions')).json();
    expect(list.items.map((r: { code: string }) => r.code)).toEqual(['north-west', 'yorkshire']);
    expect(list.total).toBe(2);
    await expectStatus(
      ctx.call('admin', 'PUT', '/v1/specialisms/newborn-care', { name: 'Newborn care' }),
      201,
    );
    expect((await ctx.call('viewer', 'GET', '/v1/specialisms/newborn-care')).json().name).toBe(
      'Newborn care',
    );
  });

  it('refuses a stale rename with 412', async () => {
    const stale = await ctx.call(
      'admin',
      'PUT',
      '/v1/regions/yorkshire',
      { name: 'Y' },
      { 'if-match': '"1"' },
    );
    expect(stale.statusCode).toBe(412);
    const ok = await ctx.call(
      'admin',
      'PUT',
      '/v1/regions/yorkshire',
      { name: 'Y&H' },
      { 'if-match': '"2"' },
    );
    expect(ok.statusCode).toBe(200);
  });

  it('gives a new hub a weekly case cap of 3 from this week', async () => {
    const hub = (
      await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/east-hub', { name: 'East' }), 201)
    ).json();
    const thisWeek = DateTime.now().setZone('Europe/London').toFormat("kkkk-'W'WW");
    expect(hub).toMatchObject({
      code: 'east-hub',
      weeklyCaseCap: 3,
      capHistory: [{ fromWeek: thisWeek, weeklyCaseCap: 3 }],
    });
  });

  it('applies a cap change from the current week on; past weeks keep the cap they had', async () => {
    const monday = currentWeekMonday('Europe/London');
    const lastMonth = DateTime.fromISO(monday).minus({ weeks: 4 }).toISODate()!;
    const lastWeek = DateTime.fromISO(monday).minus({ weeks: 1 }).toISODate()!;
    // The hub has had a cap of 2 since a month ago (as if set then).
    await ctx.database.db
      .insertInto('hub_case_caps')
      .values({ hub_code: 'east-hub', from_week_start: lastMonth, weekly_case_cap: 2 })
      .execute();
    await ctx.database.db.deleteFrom('hub_case_caps').where('from_week_start', '=', monday).execute();
    expect(await capForWeek(ctx.database.db, 'east-hub', lastWeek)).toBe(2);

    const changed = (
      await expectStatus(
        ctx.call('hub_manager', 'PUT', '/v1/hubs/east-hub', { name: 'East', weeklyCaseCap: 5 }),
        200,
      )
    ).json();
    expect(changed.weeklyCaseCap).toBe(5);
    expect(changed.capHistory.map((c: { weeklyCaseCap: number }) => c.weeklyCaseCap)).toEqual([2, 5]);
    expect(await capForWeek(ctx.database.db, 'east-hub', lastWeek)).toBe(2);
    expect(await capForWeek(ctx.database.db, 'east-hub', monday)).toBe(5);
    const nextWeek = DateTime.fromISO(monday).plus({ weeks: 1 }).toISODate()!;
    expect(await capForWeek(ctx.database.db, 'east-hub', nextWeek)).toBe(5);
    // Before the first recorded cap, the default applies (issue 13: not the earliest row).
    expect(await capForWeek(ctx.database.db, 'east-hub', '2020-01-06')).toBe(3);
  });

  it('a rename keeps the cap', async () => {
    const res = (
      await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/east-hub', { name: 'East Hub' }), 200)
    ).json();
    expect(res.weeklyCaseCap).toBe(5);
    expect((await ctx.call('social_worker', 'GET', '/v1/hubs')).json().items[0].weeklyCaseCap).toBe(5);
  });

  it('coordinators may not change hubs; hub managers may not change regions', async () => {
    expect((await ctx.call('coordinator', 'PUT', '/v1/hubs/east-hub', { name: 'E' })).statusCode).toBe(403);
    expect((await ctx.call('hub_manager', 'PUT', '/v1/regions/x', { name: 'X' })).statusCode).toBe(403);
  });
});
