import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference } from '../helpers/fixtures.js';
import { waitForRun } from '../helpers/rota-runs.js';

const TZ = 'Europe/London';

describe.each(databaseTargets())('cancelling a rota run, on %s', (target) => {
  let ctx: TestContext;
  const from = DateTime.now().setZone(TZ).plus({ days: 7 }).startOf('week').toISODate()!;
  const to = DateTime.fromISO(from).plus({ days: 6 }).toISODate()!;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await putReference(ctx, { regions: { north: 'North' } });
    for (let i = 0; i < 6; i++) await addPractitioner(ctx, { name: `Worker ${i}`, homeRegion: 'north' });
    await addPlacement(ctx, { caseReference: 'CR-CANCEL', region: 'north', startDate: from, endDate: to });
  });
  afterAll(() => ctx?.close());

  it('stops a solving run, which keeps its best rota and can be published', async () => {
    const queued = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 60 }),
        202,
      )
    ).json();
    await waitForRun(ctx, queued.id, (r) => r.status === 'solving');
    const cancelled = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${queued.id}/cancel`),
      200,
    );
    expect(cancelled.json().status).toBe('solving');
    const stopped = await waitForRun(ctx, queued.id, (r) => r.status !== 'solving');
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
