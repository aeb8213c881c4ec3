import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference, recordAbsence } from '../helpers/fixtures.js';
import { waitForRun } from '../helpers/rota-runs.js';
import {
  checkHardRules,
  type CheckedShift,
  type CheckedPractitioner,
} from '../placements/hard-rules-checker.js';

const TZ = 'Europe/London';

describe.each(databaseTargets())('a rota from panel to published shifts, on %s', (target) => {
  let ctx: TestContext;
  const from = DateTime.now().setZone(TZ).plus({ days: 7 }).startOf('week').toISODate()!;
  const to = DateTime.fromISO(from).plus({ days: 13 }).toISODate()!;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await putReference(ctx, {
      regions: { north: 'North', south: 'South' },
      specialisms: { 'newborn-care': 'Newborn care' },
    });
    // 14 practitioners for 2 placements of 2 x 12 h a day: 336 h a week against 14 x 48 h.
    for (let i = 0; i < 14; i++) {
      const body = {
        name: `Practitioner ${String(i).padStart(2, '0')}`,
        homeRegion: i < 8 ? 'north' : 'south',
        regions: i % 4 === 0 ? ['north', 'south'] : [],
        specialisms: i % 2 === 0 ? ['newborn-care'] : [],
        gender: i % 3 === 0 ? 'male' : 'female',
        contract: { hoursPerWeek: 37.5 },
      };
      people[body.name] = (await addPractitioner(ctx, body)).id;
    }
    await recordAbsence(ctx, people['Practitioner 02']!, {
      kind: 'annual_leave',
      start: `${from}T00:00:00Z`,
      end: DateTime.fromISO(from).plus({ days: 5 }).toISODate() + 'T00:00:00Z',
    });
    await addPlacement(ctx, {
      caseReference: 'CR-NORTH-1',
      region: 'north',
      startDate: from,
      endDate: to,
      requiredSpecialisms: ['newborn-care'],
    });
    await addPlacement(ctx, {
      caseReference: 'CR-SOUTH-1',
      region: 'south',
      startDate: from,
      endDate: to,
      genderRequirement: 'female',
      excludedPractitioners: [people['Practitioner 09']],
    });
  });
  afterAll(() => ctx?.close());

  it('runs, publishes, and every published shift keeps every hard rule', async () => {
    // The construction alone covers every shift with hard 0 (its first progress point, at about 50 ms);
    // the rest of a run only trades soft points.
    const started = await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 2 }),
      202,
    );
    expect(started.json().status).toBe('queued');
    const run = await waitForRun(ctx, started.json().id);
    expect(run.status).toBe('completed');
    expect(run.score.hard).toBe(0);
    expect(run.progress.length).toBeGreaterThan(0);

    const published = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/rota-runs/${run.id}/publish`, { designateStandby: true }),
      200,
    );
    expect(published.json().changedShifts).toBeGreaterThan(0);
    // An on-call practitioner per region and day, none of them working that day.
    const standby = published.json().standby as { region: string; date: string; practitionerId: string }[];
    expect(standby.length).toBeGreaterThan(0);

    const shifts = (await ctx.call('viewer', 'GET', `/v1/shifts?from=${from}&to=${to}`)).json().items;
    expect(shifts).toHaveLength(56);
    const panel = (await ctx.call('coordinator', 'GET', '/v1/practitioners?limit=100')).json().items;
    const absences = (await ctx.call('viewer', 'GET', '/v1/absences')).json().items;
    const placements = (await ctx.call('viewer', 'GET', '/v1/placements')).json().items;
    const violations = checkHardRules(
      shifts as CheckedShift[],
      panel as CheckedPractitioner[],
      absences,
      placements,
      TZ,
    );
    expect(violations).toEqual([]);
    for (const s of standby) {
      const working = shifts.filter(
        (x: CheckedShift) =>
          x.localDate === s.date && x.assignments.some((a) => a.practitionerId === s.practitionerId),
      );
      expect(working, `${s.practitionerId} on standby and working ${s.date}`).toEqual([]);
    }
    const unfilled = shifts.filter((s: { status: string }) => s.status !== 'covered');
    expect(unfilled.length).toBe(run.unassigned.length);
    // The panel is big enough for this rota: every shift is covered.
    expect(unfilled).toEqual([]);
  });

  it('refuses to publish a run made from a rota that changed since', async () => {
    const a = (
      await ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 1 })
    ).json();
    const runA = await waitForRun(ctx, a.id);
    expect(runA.status).toBe('completed');
    const shifts = (await ctx.call('viewer', 'GET', `/v1/shifts?from=${from}&to=${to}`)).json().items;
    await expectStatus(ctx.call('coordinator', 'POST', `/v1/shifts/${shifts[3].id}/lock`), 200);
    const stale = await ctx.call('coordinator', 'POST', `/v1/rota-runs/${runA.id}/publish`);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().type).toMatch(/stale-rota-run$/);
  });

  it('streams progress as server-sent events until done', async () => {
    const a = (
      await ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 1 })
    ).json();
    const res = await ctx.call('viewer', 'GET', `/v1/rota-runs/${a.id}/events`);
    expect(res.headers['content-type']).toContain('text/event-stream');
    expect(res.body).toContain('event: progress');
    expect(res.body).toContain('event: done');
  });
});
