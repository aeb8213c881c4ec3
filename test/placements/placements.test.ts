import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { sql } from 'kysely';
import { recoverStaleRuns } from '../../src/rota/runs-repository.js';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, tableCounts, type TestContext } from '../helpers/app.js';
import { addPractitioner, putReference } from '../helpers/fixtures.js';

const TZ = 'Europe/London';
const today = DateTime.now().setZone(TZ).startOf('day');
const date = (days: number) => today.plus({ days }).toISODate()!;

describe.each(databaseTargets())('placements, plans and shifts on %s', (target) => {
  let ctx: TestContext;
  let alex: string;
  let sam: string;
  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await putReference(ctx, { regions: { north: 'North' }, specialisms: { 'newborn-care': 'Newborn' } });
    alex = (
      await addPractitioner(ctx, { name: '=Alex, "AJ"', homeRegion: 'north', specialisms: ['newborn-care'] })
    ).id;
    sam = (await addPractitioner(ctx, { name: 'Sam', homeRegion: 'north' })).id;
  });
  afterAll(() => ctx?.close());

  it('starts a 24/7 placement with a review after 3 weeks and two shifts a day', async () => {
    const res = await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/placements', {
        caseReference: 'CR-1',
        region: 'north',
        startDate: date(10),
        endDate: date(51),
      }),
      201,
    );
    const p = res.json();
    expect(p.reviewDate).toBe(date(31));
    expect(p.phases).toHaveLength(1);
    expect(p.shiftChanges).toEqual({ created: 84, updated: 0, removed: 0, keptLocked: 0 });
  });

  it('steps down at review: future shifts regenerate, locked ones stay, and a repeat changes nothing', async () => {
    const p = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/placements', {
          caseReference: 'CR-2',
          region: 'north',
          startDate: date(-3),
          endDate: date(10),
        }),
        201,
      )
    ).json();
    const shifts = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(-3)}&to=${date(10)}&placement=${p.id}`)
    ).json().items;
    const lockedNight = shifts.find(
      (s: { localDate: string; night: boolean }) => s.localDate === date(8) && s.night,
    );
    await expectStatus(ctx.call('coordinator', 'POST', `/v1/shifts/${lockedNight.id}/lock`), 200);
    const phases = [
      {
        fromDate: date(-3),
        toDate: date(4),
        shifts: [
          { start: '08:00', end: '20:00', practitioners: 1 },
          { start: '20:00', end: '08:00', practitioners: 1 },
        ],
      },
      { fromDate: date(5), toDate: date(10), shifts: [{ start: '09:00', end: '17:00', practitioners: 1 }] },
    ];
    const patched = (
      await expectStatus(
        ctx.call('coordinator', 'PATCH', `/v1/placements/${p.id}`, { phases }, { 'if-match': '"1"' }),
        200,
      )
    ).json();
    expect(patched.shiftChanges).toEqual({ created: 6, updated: 0, removed: 11, keptLocked: 1 });
    const after = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(-3)}&to=${date(10)}&placement=${p.id}`)
    ).json().items;
    expect(after.filter((s: { localDate: string }) => s.localDate < date(0))).toHaveLength(6);
    expect(after.some((s: { id: string }) => s.id === lockedNight.id)).toBe(true);
    const again = (await ctx.call('coordinator', 'PATCH', `/v1/placements/${p.id}`, { phases })).json();
    expect(again.shiftChanges).toEqual({ created: 0, updated: 0, removed: 0, keptLocked: 1 });
  });

  it('refuses bad plans and changes nothing', async () => {
    const before = await tableCounts(ctx.database);
    const bad = [
      { caseReference: 'CR-X', region: 'north', startDate: date(5), endDate: date(1) },
      { caseReference: 'CR-X', region: 'atlantis', startDate: date(1), endDate: date(5) },
      {
        caseReference: 'CR-X',
        region: 'north',
        startDate: date(1),
        endDate: date(5),
        requiredSpecialisms: ['juggling'],
      },
      {
        caseReference: 'CR-X',
        region: 'north',
        startDate: date(1),
        endDate: date(5),
        phases: [
          {
            fromDate: date(0),
            toDate: date(9),
            shifts: [{ start: '08:00', end: '20:00', practitioners: 1 }],
          },
        ],
      },
      { caseReference: 'Jane Smith', region: 'north', startDate: date(1), endDate: date(5) },
      { caseReference: 'CR-1', region: 'north', startDate: date(1), endDate: date(5) },
    ];
    for (const body of bad) {
      const res = await ctx.call('coordinator', 'POST', '/v1/placements', body);
      expect([400, 422], JSON.stringify(body)).toContain(res.statusCode);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await tableCounts(ctx.database)).toEqual(before);
  });

  it('refuses a manual assignment that breaks a hard rule, in words, and returns soft warnings otherwise', async () => {
    const p = (
      await ctx.call('coordinator', 'POST', '/v1/placements', {
        caseReference: 'CR-3',
        region: 'north',
        startDate: date(20),
        endDate: date(21),
        requiredSpecialisms: ['newborn-care'],
        excludedPractitioners: [],
      })
    ).json();
    const shifts = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(20)}&to=${date(21)}&placement=${p.id}`)
    ).json().items;
    const noSkill = await ctx.call('coordinator', 'POST', `/v1/shifts/${shifts[0].id}/assignments`, {
      practitionerId: sam,
    });
    expect(noSkill.statusCode).toBe(409);
    expect(noSkill.json().detail).toContain('lacks the specialism Newborn');
    const ok = await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${shifts[0].id}/assignments`, { practitionerId: alex }),
      201,
    );
    expect(ok.json().shift.status).toBe('covered');
    expect(ok.json().shift.assignments[0]).toMatchObject({
      practitionerId: alex,
      source: 'manual',
      pinned: true,
    });
    expect(Array.isArray(ok.json().warnings)).toBe(true);
    const twice = await ctx.call('coordinator', 'POST', `/v1/shifts/${shifts[1].id}/assignments`, {
      practitionerId: alex,
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().detail).toMatch(/rest|overlap|two places/i);
    const candidates = (await ctx.call('cover', 'GET', `/v1/shifts/${shifts[1].id}/candidates`)).json().items;
    expect(
      candidates.find((c: { practitionerId: string }) => c.practitionerId === sam).breaks.join(' '),
    ).toContain('lacks the specialism Newborn');
    await expectStatus(
      ctx.call('coordinator', 'DELETE', `/v1/shifts/${shifts[0].id}/assignments/${alex}`),
      200,
    );
  });

  it('exports shifts as CSV safe from formulas, a calendar per practitioner, and hours per week', async () => {
    const p = (
      await ctx.call('coordinator', 'POST', '/v1/placements', {
        caseReference: 'CR-4',
        region: 'north',
        startDate: date(30),
        endDate: date(30),
      })
    ).json();
    const shifts = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${date(30)}&to=${date(30)}&placement=${p.id}`)
    ).json().items;
    await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${shifts[0].id}/assignments`, { practitionerId: alex }),
      201,
    );
    const csv = await ctx.call('viewer', 'GET', `/v1/shifts.csv?from=${date(30)}&to=${date(30)}`);
    expect(csv.headers['content-type']).toContain('text/csv');
    const lines: string[] = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe(
      'date,start,end,hours,case_reference,region,required,status,locked,practitioners,shift_id,type',
    );
    const cr4 = lines.filter((l) => l.includes(',CR-4,'));
    expect(cr4).toHaveLength(2);
    expect(cr4[0]).toContain(`,covered,false,"'=Alex, ""AJ""",${shifts[0].id},${shifts[0].type}`);
    const ics = await ctx.call(
      'viewer',
      'GET',
      `/v1/practitioners/${alex}/rota.ics?from=${date(30)}&to=${date(30)}`,
    );
    expect(ics.headers['content-type']).toContain('text/calendar');
    expect(ics.body).toContain(`UID:shift-${shifts[0].id}@care-rota`);
    expect(ics.body).toContain('BEGIN:VEVENT');
    // The kind of shift is in the title, as the coordinator's rota names it.
    const kind = `${shifts[0].type[0].toUpperCase()}${shifts[0].type.slice(1)}`;
    expect(ics.body).toContain(`SUMMARY:${kind} shift CR-4`);
    expect(ics.body).toMatch(new RegExp(`CATEGORIES:${shifts[0].type.toUpperCase()}(,DAY)?\\r\\n`));
    expect(ics.body.split('\r\n').every((l: string) => Buffer.byteLength(l) <= 75)).toBe(true);
    const hours = (
      await ctx.call('viewer', 'GET', `/v1/hours?from=${date(30)}&to=${date(30)}&practitioner=${alex}`)
    ).json();
    expect(hours.items[0]).toMatchObject({ hours: 12, shifts: 1 });
  });

  it('cancels a queued run at once, and never leaves an abandoned run solving', async () => {
    const queued = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/rota-runs', { from: date(10), to: date(16) }),
        202,
      )
    ).json();
    const cancelled = (
      await expectStatus(ctx.call('coordinator', 'POST', `/v1/rota-runs/${queued.id}/cancel`), 200)
    ).json();
    expect(cancelled.status).toBe('cancelled');
    const nothing = await ctx.call('coordinator', 'POST', `/v1/rota-runs/${queued.id}/publish`);
    expect(nothing.statusCode).toBe(409);
    expect(nothing.json().detail).toMatch(/cancelled before it found a rota/);
    const db = ctx.database.db;
    // Issue 13: a run stopped while solving keeps its best rota, and that rota can be published.
    const stopped = await db
      .insertInto('rota_runs')
      .values({
        from_date: date(10),
        to_date: date(16),
        time_limit_seconds: 5,
        status: 'cancelled',
        base_revision: 1_000_000_000,
        result: JSON.stringify({ assignments: {}, unassigned: [], breakdown: [] }),
        finished_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const published = (
      await expectStatus(ctx.call('coordinator', 'POST', `/v1/rota-runs/${stopped.id}/publish`), 200)
    ).json();
    expect(published).toMatchObject({ status: 'published', changedShifts: 0 });
    const abandoned = async (attempts: number) =>
      (
        await db
          .insertInto('rota_runs')
          .values({
            from_date: date(10),
            to_date: date(16),
            time_limit_seconds: 5,
            status: 'solving',
            attempts,
            heartbeat_at: sql`now() - interval '5 minutes'` as never,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    const retry = await abandoned(1);
    const giveUp = await abandoned(2);
    expect(await recoverStaleRuns(db, 30)).toBe(2);
    expect((await ctx.call('viewer', 'GET', `/v1/rota-runs/${retry}`)).json().status).toBe('queued');
    const failed = (await ctx.call('viewer', 'GET', `/v1/rota-runs/${giveUp}`)).json();
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/stopped/);
  });
});
