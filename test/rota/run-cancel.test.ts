import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';

const TZ = 'Europe/London';

describe.each(databaseTargets())('cancelling a rota run, on %s', (target) => {
  let ctx: TestContext;
  const from = DateTime.now().setZone(TZ).plus({ days: 7 }).startOf('week').toISODate()!;
  const to = DateTime.fromISO(from).plus({ days: 6 }).toISODate()!;

  const run = async (id: string) => (await ctx.call('coordinator', 'GET', `/v1/rota-runs/${id}`)).json();
  const until = async (id: string, done: (r: { status: string }) => boolean) => {
    for (let i = 0; i < 200; i++) {
      const r = await run(id);
      if (done(r)) return r;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the run did not get there');
  };

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north', { name: 'North' }), 201);
    for (let i = 0; i < 6; i++)
      await expectStatus(
        ctx.call('admin', 'POST', '/v1/practitioners', {
          name: `Worker ${i}`,
          kind: 'parenting',
          homeRegion: 'north',
        }),
        201,
      );
    await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/placements', {
        caseReference: 'CR-CANCEL',
        region: 'north',
        startDate: from,
        endDate: to,
      }),
      201,
    );
  });
  afterAll(() => ctx?.close());

  it('stops a solving run, which keeps its best rota and can be published', async () => {
    const queued = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 60 }),
        202,
      )
    ).json();
    await until(queued.id, (r) => r.status === 'solving');
    const cancelled = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${queued.id}/cancel`),
      200,
    );
    expect(cancelled.json().status).toBe('solving');
    const stopped = await until(queued.id, (r) => r.status !== 'solving');
    expect(stopped.status).toBe('cancelled');
    expect(stopped.assignments.length).toBeGreaterThan(0);
    const published = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${queued.id}/publish`),
      200,
    );
    expect(published.json().changedShifts).toBeGreaterThan(0);
    const audit = (await ctx.call('admin', 'GET', `/v1/audit?entity=rota_run&entityId=${queued.id}`)).json();
    expect(audit.items.map((a: { action: string }) => a.action)).toEqual(
      expect.arrayContaining(['cancel', 'publish']),
    );
  });

  it('refuses to cancel a run that has ended, and to publish one cancelled before it found a rota', async () => {
    const ids: string[] = [];
    // Two runs queue up: the second waits behind the first and is cancelled while still queued.
    for (let i = 0; i < 2; i++)
      ids.push(
        (
          await expectStatus(
            ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 30 }),
            202,
          )
        ).json().id,
      );
    const queuedId = ids[1]!;
    const cancelled = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${queuedId}/cancel`),
      200,
    );
    expect(cancelled.json().status).toBe('cancelled');
    const again = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${queuedId}/cancel`),
      409,
    );
    expect(again.json().detail).toBe('The run has already ended (cancelled).');
    const publish = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${queuedId}/publish`),
      409,
    );
    expect(publish.json().detail).toBe('This run was cancelled before it found a rota; start a new run.');
    await expectStatus(ctx.call('coordinator', 'POST', `/v1/rota-runs/${ids[0]}/cancel`), 200);
  });
});
