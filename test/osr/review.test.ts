import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { median, monthFigures, monthsBetween } from '../../src/osr/review.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { hubWithLead } from './booking-helpers.js';
import { pastBooking } from './intervention-helpers.js';

describe('review figures, alone', () => {
  it('takes the median of odd and even counts, and none of nothing', () => {
    expect(median([25, 10, 20])).toBe(20);
    expect(median([10, 20, 25, 40])).toBe(22.5);
    expect(median([])).toBeNull();
  });

  it('lists every month of the period, empty ones with zeros and no averages', () => {
    expect(monthsBetween('2026-08-31', '2026-11-01')).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    const [month] = monthFigures(new Map([['east-hub', 'East']]), ['2026-08'], [], []);
    expect(month).toMatchObject({
      closedTotal: 0,
      closed: { completed: 0, stepped_down: 0, transferred_to_statutory: 0, disengaged: 0, other: 0 },
      medianDaysOpen: null,
      transferredToStatutoryShare: null,
      meanFeedback: null,
      casesBooked: 0,
    });
  });
});

describe.each(databaseTargets())('the pilot review per hub and month, on %s', (target) => {
  let ctx: TestContext;
  const QUERY = 'fromWeek=2026-W36&toWeek=2026-W44&hub=east-hub'; // Mon 31 Aug to Sun 1 Nov 2026
  beforeAll(async () => {
    ctx = await createTestContext(target);
    const lead = await hubWithLead(ctx, 'east-hub', []);
    await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/east-hub', { name: 'East <Hub> & "Co"' }), 200);
    const closings: [string, string, string, string, string, number | null][] = [
      ['LCS-A', '2026-08-31', '2026-09-01', '2026-09-21', 'completed', 5],
      ['LCS-B', '2026-08-31', '2026-09-03', '2026-09-13', 'transferred_to_statutory', 3],
      ['LCS-C', '2026-08-31', '2026-09-05', '2026-09-30', 'disengaged', null],
      ['LCS-D', '2026-09-28', '2026-10-01', '2026-10-15', 'stepped_down', 4],
    ];
    for (const [caseReference, monday, startedOn, closedOn, outcome, score] of closings) {
      const bookingId = await pastBooking(ctx, {
        hub: 'east-hub',
        monday,
        caseReference,
        practitionerId: lead.id,
      });
      const iv = (
        await expectStatus(ctx.call('admin', 'POST', '/v1/osr/interventions', { bookingId, startedOn }), 201)
      ).json();
      await expectStatus(
        ctx.call('hub_manager', 'POST', `/v1/osr/interventions/${iv.id}/close`, {
          closedOn,
          outcome,
          sessionsDelivered: 6,
          ...(score ? { feedback: { score } } : {}),
        }),
        200,
      );
    }
    await sql`INSERT INTO osr_refusals (hub_code, week_start, case_reference, kind, social_worker, weekly_case_cap)
      VALUES ('east-hub', '2026-09-14', 'LCS-R', 'consultation', 'Duty SW Team 2', 3)`.execute(
      ctx.database.db,
    );
  });
  afterAll(() => ctx?.close());

  it('counts closures by outcome, median days open, the share to statutory services and mean feedback per month', async () => {
    const review = (await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/review?${QUERY}`), 200)).json();
    expect(review.items).toHaveLength(9);
    expect(review.items[0]).toMatchObject({ week: '2026-W36', casesBooked: 3, interventionsStarted: 3 });
    const byMonth = Object.fromEntries(review.months.map((m: { month: string }) => [m.month, m]));
    expect(Object.keys(byMonth)).toEqual(['2026-08', '2026-09', '2026-10', '2026-11']);
    expect(byMonth['2026-08']).toMatchObject({
      closedTotal: 0,
      medianDaysOpen: null,
      meanFeedback: null,
      casesBooked: 3,
      caseCapacity: 3,
      interventionsStarted: 3,
    });
    expect(byMonth['2026-09']).toMatchObject({
      closed: { completed: 1, stepped_down: 0, transferred_to_statutory: 1, disengaged: 1, other: 0 },
      closedTotal: 3,
      medianDaysOpen: 20,
      transferredToStatutoryShare: 0.33,
      meanFeedback: 4,
      feedbackCount: 2,
      casesBooked: 1,
      caseCapacity: 12,
      refusedRequests: 1,
    });
    expect(byMonth['2026-10']).toMatchObject({
      closed: { stepped_down: 1 },
      medianDaysOpen: 14,
      transferredToStatutoryShare: 0,
      meanFeedback: 4,
    });
    expect(byMonth['2026-11']).toMatchObject({ closedTotal: 0, caseCapacity: 0, medianDaysOpen: null });
  });

  it('gives the same figures as CSV, one row per month', async () => {
    const res = await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/review.csv?${QUERY}`), 200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toMatch(/^hub,hub_name,month,closed_completed,closed_stepped_down,/);
    expect(lines[2]).toBe('east-hub,"East <Hub> & ""Co""",2026-09,1,0,1,1,0,3,20,0.33,4,2,1,12,1,1');
    expect(lines[1]).toContain(',2026-08,0,0,0,0,0,0,,,,0,3,3,0,3');
  });

  it('gives a printable page with charts drawn on the server, all text escaped', async () => {
    const res = await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/review.html?${QUERY}`), 200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.body).toContain('<svg');
    expect(res.body).toContain('East &lt;Hub&gt; &amp; &quot;Co&quot;');
    expect(res.body).not.toContain('East <Hub>');
    expect(res.body).not.toContain('<script');
    expect(res.body).toContain('Sep 2026: 1 transferred to statutory services');
  });
});
