import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { hubWithLead } from './booking-helpers.js';
import { pastBooking } from './intervention-helpers.js';

const today = () => DateTime.now().setZone('Europe/London').toISODate()!;

describe.each(databaseTargets())('intervention starts, extensions and outcomes, on %s', (target) => {
  let ctx: TestContext;
  let lead: { id: string; name: string };
  let weeks = 0;
  // Each case its own past week (the cap is 3 cases a week), unless a visit time names the week.
  const start = async (caseReference: string, body: object = {}, at?: string) => {
    const bookingId = await pastBooking(ctx, {
      hub: 'east-hub',
      monday: at ? '2026-09-07' : DateTime.fromISO('2026-06-01').plus({ weeks: weeks++ }).toISODate()!,
      caseReference,
      practitionerId: lead.id,
      ...(at ? { at } : {}),
    });
    return ctx.call('admin', 'POST', '/v1/osr/interventions', { bookingId, ...body });
  };
  beforeAll(async () => {
    ctx = await createTestContext(target);
    lead = await hubWithLead(ctx, 'east-hub', []);
  });
  afterAll(() => ctx?.close());

  it('starts on or after its visit: an earlier startedOn is refused, the default is the visit date or later', async () => {
    // Visit on Wednesday 9 September 2026 at 10:00 London time.
    const early = await start('LCS-S1', { startedOn: '2026-09-08' }, '2026-09-09T10:00:00+01:00');
    expect(early.statusCode).toBe(422);
    expect(early.json().detail).toMatch(/follows its visit on 2026-09-09/);
    const onTheDay = (
      await expectStatus(start('LCS-S2', { startedOn: '2026-09-09' }, '2026-09-09T12:00:00+01:00'), 201)
    ).json();
    expect(onTheDay).toMatchObject({ startedOn: '2026-09-09', status: 'open', practitionerName: lead.name });
    // The visit is in the past, so the default is today (never a day before the visit).
    const byDefault = (await expectStatus(start('LCS-S3', {}, '2026-09-09T14:00:00+01:00'), 201)).json();
    expect(byDefault.startedOn).toBe(today());
  });

  it('extends any number of times, each with a reason, within 12 sessions in all: 6 + 4 + 2 yes, 6 + 4 + 3 no', async () => {
    const iv = (await expectStatus(start('LCS-E1', { startedOn: '2026-09-10' }), 201)).json();
    const extend = (sessions: number, reason: string) =>
      ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/extend`, { sessions, reason });
    await expectStatus(extend(4, 'Parent has a learning difficulty'), 200);
    const three = await extend(3, 'More needed');
    expect(three.statusCode).toBe(409);
    expect(three.json().detail).toMatch(/10 sessions; 3 more would make 13.*At most 2 more/);
    const two = (await expectStatus(extend(2, 'Two more to finish'), 200)).json();
    expect(two).toMatchObject({ totalSessions: 12, extraSessions: 6, extensionReason: 'Two more to finish' });
    expect(two.extensions).toMatchObject([
      { sessions: 4, reason: 'Parent has a learning difficulty' },
      { sessions: 2, reason: 'Two more to finish' },
    ]);
  });

  it('closes with an outcome and feedback once; a closed intervention is not closed again, extended or reassigned', async () => {
    const iv = (await expectStatus(start('LCS-C1', { startedOn: '2026-09-10' }), 201)).json();
    const url = `/v1/osr/interventions/${iv.id}`;
    const closing = {
      closedOn: '2026-10-20',
      outcome: 'transferred_to_statutory',
      sessionsDelivered: 5,
      feedback: { score: 4, comment: 'Helpful sessions.' },
    };
    const tooLong = { ...closing, feedback: { score: 4, comment: 'x'.repeat(501) } };
    expect((await ctx.call('hub_manager', 'POST', `${url}/close`, tooLong)).statusCode).toBe(400);
    expect(
      (await ctx.call('hub_manager', 'POST', `${url}/close`, { ...closing, outcome: 'fine' })).statusCode,
    ).toBe(400);
    const before = await ctx.call('hub_manager', 'POST', `${url}/close`, {
      ...closing,
      closedOn: '2026-09-01',
    });
    expect(before.statusCode).toBe(422);
    const more = await ctx.call('hub_manager', 'POST', `${url}/close`, { ...closing, sessionsDelivered: 7 });
    expect(more.statusCode).toBe(422);
    const closed = (await expectStatus(ctx.call('hub_manager', 'POST', `${url}/close`, closing), 200)).json();
    expect(closed).toMatchObject({
      status: 'closed',
      closedOn: '2026-10-20',
      outcome: 'transferred_to_statutory',
      sessionsDelivered: 5,
      feedback: { score: 4, comment: 'Helpful sessions.' },
    });
    for (const [path, body] of [
      ['close', closing],
      ['extend', { sessions: 1, reason: 'More' }],
      ['reassign', { practitionerId: lead.id, reason: 'workload' }],
    ] as const) {
      const res = await ctx.call('hub_manager', 'POST', `${url}/${path}`, body);
      expect(res.statusCode, path).toBe(409);
      expect(res.json().type).toMatch(/\/intervention-closed$/);
      expect(res.json().detail).toMatch(/case LCS-C1 was closed on 2026-10-20.*final/);
    }
    const listed = (
      await expectStatus(ctx.call('viewer', 'GET', '/v1/osr/interventions?hub=east-hub&status=closed'), 200)
    ).json();
    expect(listed.items.map((i: { caseReference: string }) => i.caseReference)).toEqual(['LCS-C1']);
  });

  it('tells other systems of each change with the case reference and who delivers it', async () => {
    const iv = (await expectStatus(start('LCS-V1', { startedOn: '2026-09-10' }), 201)).json();
    const url = `/v1/osr/interventions/${iv.id}`;
    await expectStatus(
      ctx.call('hub_manager', 'POST', `${url}/extend`, { sessions: 2, reason: 'More' }),
      200,
    );
    await expectStatus(
      ctx.call('hub_manager', 'POST', `${url}/close`, {
        closedOn: '2026-10-01',
        outcome: 'completed',
        sessionsDelivered: 8,
      }),
      200,
    );
    const { rows } = await sql<{ type: string; payload: unknown }>`
      SELECT type, payload FROM outbox_events WHERE subject_id = ${iv.id} ORDER BY id`.execute(
      ctx.database.db,
    );
    expect(rows.map((r) => r.type)).toEqual([
      'intervention.started',
      'intervention.extended',
      'intervention.closed',
    ]);
    const payload = (p: unknown) => (typeof p === 'string' ? JSON.parse(p) : p);
    // The shape is the event catalogue's (src/events/catalogue.ts), as webhooks deliver it.
    expect(payload(rows[2]!.payload)).toMatchObject({
      intervention: {
        caseReference: 'LCS-V1',
        outcome: 'completed',
        closedOn: '2026-10-01',
        status: 'closed',
      },
      practitioner: { id: lead.id, name: lead.name },
    });
    const audit = (
      await expectStatus(ctx.call('admin', 'GET', `/v1/audit?entity=osr_intervention&entityId=${iv.id}`), 200)
    ).json();
    expect(audit.items.map((a: { action: string }) => a.action).sort()).toEqual([
      'close',
      'create',
      'extend',
    ]);
  });
});
