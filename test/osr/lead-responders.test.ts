import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { booking, hubWithLead } from './booking-helpers.js';
import { addAbsence } from './fixtures.js';

const WEEK = '2030-W10'; // Monday 4 March 2030

describe.each(databaseTargets())('overrides, sickness cover proposals and interventions, on %s', (target) => {
  let ctx: TestContext;
  let lead: { id: string };
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    ctx = await createTestContext(target);
    lead = await hubWithLead(ctx, 'east-hub', [WEEK]);
    for (const [name, grade] of [
      ['Iris Cole', 'I'],
      ['Hana Ito', 'H'],
      ['Gus Hale', 'G'],
    ]) {
      const res = await ctx.call('admin', 'POST', '/v1/practitioners', {
        name,
        kind: 'zero_nineteen',
        grade,
        homeRegion: 'north-west',
        hub: 'east-hub',
      });
      ids[name!] = res.json().id;
    }
    await addAbsence(ctx, ids['Hana Ito']!, {
      kind: 'training',
      start: '2030-03-06T09:00:00Z',
      end: '2030-03-06T17:00:00Z',
    });
  });
  afterAll(() => ctx?.close());

  it('proposes who could lead the rest of the week when the lead responder falls sick, ranked by the core', async () => {
    await addAbsence(ctx, lead.id, { kind: 'sickness', start: '2030-03-05T08:00:00Z' });
    const proposal = (
      await expectStatus(
        ctx.call('cover', 'POST', `/v1/osr/lead-responders/east-hub/${WEEK}/replacement-proposal`, {
          from: '2030-03-05T09:00:00+00:00',
        }),
        200,
      )
    ).json();
    expect(proposal.current.practitionerId).toBe(lead.id);
    expect(proposal.candidates[0]).toMatchObject({ name: 'Iris Cole', allowed: true, reasons: [] });
    const hana = proposal.candidates.find((c: { name: string }) => c.name === 'Hana Ito');
    expect(hana.allowed).toBe(false);
    expect(hana.reasons.join(' ')).toMatch(/training/);
    const gus = proposal.candidates.find((c: { name: string }) => c.name === 'Gus Hale');
    expect(gus).toMatchObject({ allowed: false });
    expect(gus.reasons.join(' ')).toMatch(/Grade G/);
  });

  it("applies the hub manager's override with a reason, moves the week's bookings, and audits it", async () => {
    const b = (
      await expectStatus(
        ctx.call(
          'social_worker',
          'POST',
          '/v1/osr/bookings',
          // Monday: before the lead responder's sickness, so the visit is still booked with them.
          booking('east-hub', WEEK, 'LCS-9', {
            kind: 'joint_visit',
            scheduledAt: '2030-03-04T10:00:00+00:00',
          }),
        ),
        201,
      )
    ).json();
    expect(b.practitionerId).toBe(lead.id);
    const read = await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/hubs/east-hub/weeks/${WEEK}`), 200);
    expect(read.json().leadResponder.practitionerId).toBe(lead.id);
    expect(read.json().alerts).toMatchObject([{ kind: 'lead-responder-absent', practitionerId: lead.id }]);
    const res = (
      await expectStatus(
        ctx.call('hub_manager', 'PUT', `/v1/osr/lead-responders/east-hub/${WEEK}`, {
          practitionerId: ids['Iris Cole'],
          reason: 'Lead responder off sick',
        }),
        200,
      )
    ).json();
    expect(res).toMatchObject({
      leadResponder: { name: 'Iris Cole', grade: 'I', source: 'override', reason: 'Lead responder off sick' },
      bookingsMoved: 1,
    });
    expect(
      (await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/bookings/${b.id}`), 200)).json().practitionerId,
    ).toBe(ids['Iris Cole']);
    const after = await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/hubs/east-hub/weeks/${WEEK}`), 200);
    expect(after.json().alerts).toEqual([]);
    const audit = (
      await expectStatus(
        ctx.call('admin', 'GET', `/v1/audit?entity=osr_lead_responder&entityId=east-hub/${WEEK}`),
        200,
      )
    ).json();
    expect(audit.items.length).toBeGreaterThanOrEqual(2);
  });

  it('lets the visiting practitioner deliver the intervention, reassigned only with a reason, extended by up to 6 at a time within 12 in all', async () => {
    const b = (
      await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/bookings?caseReference=LCS-9`), 200)
    ).json().items[0];
    const iv = (
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/interventions', {
          bookingId: b.id,
          startedOn: '2030-03-07',
        }),
        201,
      )
    ).json();
    expect(iv).toMatchObject({
      practitionerId: ids['Iris Cole'],
      sessions: 6,
      totalSessions: 6,
      reassignmentReason: null,
    });
    expect(
      (await ctx.call('social_worker', 'POST', '/v1/osr/interventions', { bookingId: b.id })).statusCode,
    ).toBe(409);
    expect(
      (
        await ctx.call('social_worker', 'POST', `/v1/osr/interventions/${iv.id}/reassign`, {
          practitionerId: ids['Gus Hale'],
          reason: 'gender',
        })
      ).statusCode,
    ).toBe(403);
    const wrongReason = await ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/reassign`, {
      practitionerId: ids['Gus Hale'],
      reason: 'preference',
    });
    expect(wrongReason.statusCode).toBe(400);
    const moved = (
      await expectStatus(
        ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/reassign`, {
          practitionerId: ids['Gus Hale'],
          reason: 'workload',
        }),
        200,
      )
    ).json();
    expect(moved).toMatchObject({
      practitionerId: ids['Gus Hale'],
      reassignmentReason: 'workload',
      visitPractitionerId: ids['Iris Cole'],
    });
    expect(
      (
        await ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/extend`, {
          sessions: 7,
          reason: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/extend`, { sessions: 4 }))
        .statusCode,
    ).toBe(400);
    const extended = (
      await expectStatus(
        ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/extend`, {
          sessions: 4,
          reason: 'Parent has a learning difficulty',
        }),
        200,
      )
    ).json();
    expect(extended).toMatchObject({
      extraSessions: 4,
      totalSessions: 10,
      extensionReason: 'Parent has a learning difficulty',
    });
    // Issue 13: 6 + 4, then 2 more stays within 12 and is accepted; one more after that is refused.
    const again = (
      await expectStatus(
        ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/extend`, {
          sessions: 2,
          reason: 'More',
        }),
        200,
      )
    ).json();
    expect(again).toMatchObject({ extraSessions: 6, totalSessions: 12, extensionReason: 'More' });
    expect(again.extensions.map((e: { sessions: number }) => e.sessions)).toEqual([4, 2]);
    const over = await ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/extend`, {
      sessions: 1,
      reason: 'Even more',
    });
    expect(over.statusCode).toBe(409);
    expect(over.json().type).toMatch(/\/session-limit-reached$/);
    const review = (
      await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/review?fromWeek=${WEEK}&toWeek=${WEEK}`), 200)
    ).json();
    expect(review.items[0]).toMatchObject({ interventionsStarted: 1, casesBooked: 1 });
  });

  it('knows which DAT team works with the hubs: the one on duty the week before', async () => {
    await expectStatus(
      ctx.call('coordinator', 'PUT', '/v1/osr/dat-teams/dat-north', { name: 'DAT North' }),
      201,
    );
    const set = (
      await expectStatus(
        ctx.call('coordinator', 'PUT', '/v1/osr/dat-duty-weeks/2030-W09', { datTeam: 'dat-north' }),
        200,
      )
    ).json();
    expect(set).toMatchObject({ dutyWeek: '2030-W09', osrWeek: WEEK });
    const week = (
      await expectStatus(ctx.call('social_worker', 'GET', `/v1/osr/hubs/east-hub/weeks/${WEEK}`), 200)
    ).json();
    expect(week.datTeam).toEqual({ code: 'dat-north', name: 'DAT North', dutyWeek: '2030-W09' });
    expect(
      (await ctx.call('coordinator', 'PUT', '/v1/osr/dat-duty-weeks/2030-W11', { datTeam: 'nobody' }))
        .statusCode,
    ).toBe(422);
  });
});
