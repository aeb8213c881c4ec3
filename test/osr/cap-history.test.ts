import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { weekFromNow } from './booking-helpers.js';

describe.each(databaseTargets())(
  'a hub cap change applies from a week and keeps history, on %s',
  (target) => {
    let ctx: TestContext;
    const capOf = async (week: string) =>
      (await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/hubs/west-hub/weeks/${week}`), 200)).json()
        .weeklyCaseCap as number;
    const put = (body: object) => ctx.call('admin', 'PUT', '/v1/hubs/west-hub', { name: 'West', ...body });
    beforeAll(async () => {
      ctx = await createTestContext(target);
      await expectStatus(put({ weeklyCaseCap: 1 }), 201);
    });
    afterAll(() => ctx?.close());

    it('issue 13: weeks before the first cap take the default, not the earliest cap', async () => {
      expect(await capOf(weekFromNow(0))).toBe(1);
      expect(await capOf(weekFromNow(-3))).toBe(3);
    });

    it("issue 13: a change in the current week keeps the week's earlier cap in the history", async () => {
      const hub = (await expectStatus(put({ weeklyCaseCap: 5 }), 200)).json();
      expect(hub.weeklyCaseCap).toBe(5);
      expect(hub.capHistory).toMatchObject([
        { fromWeek: weekFromNow(0), weeklyCaseCap: 1 },
        { fromWeek: weekFromNow(0), weeklyCaseCap: 5 },
      ]);
    });

    it('applies a cap from fromWeek on; a later change with an earlier fromWeek wins from its week on', async () => {
      await expectStatus(put({ weeklyCaseCap: 6, fromWeek: weekFromNow(2) }), 200);
      expect([await capOf(weekFromNow(0)), await capOf(weekFromNow(1)), await capOf(weekFromNow(2))]).toEqual(
        [5, 5, 6],
      );
      const hub = (await expectStatus(put({ weeklyCaseCap: 2, fromWeek: weekFromNow(1) }), 200)).json();
      expect([await capOf(weekFromNow(0)), await capOf(weekFromNow(1)), await capOf(weekFromNow(3))]).toEqual(
        [5, 2, 2],
      );
      expect(hub.capHistory.map((c: { weeklyCaseCap: number }) => c.weeklyCaseCap)).toEqual([1, 5, 6, 2]);
    });

    it('refuses a fromWeek in the past, and a fromWeek without a cap', async () => {
      const past = await put({ weeklyCaseCap: 4, fromWeek: weekFromNow(-1) });
      expect(past.statusCode).toBe(422);
      expect(past.json().detail).toMatch(/is over: a cap change applies from the current week/);
      expect((await put({ fromWeek: weekFromNow(1) })).statusCode).toBe(422);
      const thisYear = DateTime.now().setZone('Europe/London').toFormat('kkkk');
      expect((await put({ weeklyCaseCap: 4, fromWeek: `${thisYear}-W60` })).statusCode).toBe(400);
    });
  },
);
