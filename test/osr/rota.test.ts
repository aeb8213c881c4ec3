import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPractitioner, recordAbsence } from '../helpers/fixtures.js';
import { databaseTargets } from '../helpers/databases.js';
import { addWeeks } from '../../src/osr/weeks.js';
import { checkRota, spread, type RotaBody } from './checker.js';
import { ABSENCES, FROM_WEEK, HUBS, seedOsr, WEEKS, type Person } from './fixtures.js';

const weeks = Array.from({ length: WEEKS }, (_, i) => addWeeks(FROM_WEEK, i));
const hubs = Object.keys(HUBS);

describe.each(databaseTargets())('the OSR lead-responder rota, on %s', (target) => {
  let ctx: TestContext;
  let people: Map<string, Person>;
  let rota: RotaBody;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    people = await seedOsr(ctx);
    rota = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/osr/rotas', { fromWeek: FROM_WEEK, weeks: WEEKS }),
        201,
      )
    ).json();
  });
  afterAll(() => ctx?.close());

  it('keeps every rule for 3 hubs over 12 weeks (independent checker)', () => {
    expect(checkRota(rota, [...people.values()], hubs, weeks, ABSENCES)).toEqual([]);
    expect(rota.assignments).toHaveLength(hubs.length * WEEKS);
    expect(rota.unfilled).toEqual([]);
  });

  it('shares the weeks fairly and mixes H and I grades', () => {
    for (const hub of hubs) {
      const { counts, hShare } = spread(rota, [...people.values()], hub);
      // Everyone eligible leads at least twice in 12 weeks, and nobody more than half of them.
      for (const [name, n] of counts) {
        expect(n, `${hub} ${name}`).toBeGreaterThanOrEqual(2);
        expect(n, `${hub} ${name}`).toBeLessThanOrEqual(6);
      }
      expect(hShare, hub).toBeGreaterThanOrEqual(0.4);
      expect(hShare, hub).toBeLessThanOrEqual(0.6);
    }
    // East has two of each grade, all but Asha free all along: two people of a grade differ by at most one week.
    const east = spread(rota, [...people.values()], 'east-hub').counts;
    expect(Math.abs(east.get('Chloe Evans')! - east.get('Dev Singh')!)).toBeLessThanOrEqual(1);
  });

  it('reads the stored rota back, by hub too', async () => {
    const all = (
      await expectStatus(
        ctx.call('viewer', 'GET', `/v1/osr/rotas?fromWeek=${FROM_WEEK}&toWeek=${weeks.at(-1)}`),
        200,
      )
    ).json();
    expect(all.assignments).toHaveLength(36);
    const east = (
      await expectStatus(
        ctx.call(
          'social_worker',
          'GET',
          `/v1/osr/rotas?fromWeek=${FROM_WEEK}&toWeek=${weeks.at(-1)}&hub=east-hub`,
        ),
        200,
      )
    ).json();
    expect(east.assignments).toHaveLength(12);
    expect(new Set(east.assignments.map((a: { hub: string }) => a.hub))).toEqual(new Set(['east-hub']));
  });

  it('alternates H and I week by week when the hub asks for it', async () => {
    await expectStatus(
      ctx.call('hub_manager', 'PUT', '/v1/osr/hubs/north-hub/settings', { gradeMix: 'alternate' }),
      200,
    );
    const next = (
      await expectStatus(
        ctx.call('admin', 'POST', '/v1/osr/rotas', { fromWeek: FROM_WEEK, weeks: WEEKS, hub: 'north-hub' }),
        201,
      )
    ).json() as RotaBody;
    expect(checkRota(next, [...people.values()], ['north-hub'], weeks, ABSENCES)).toEqual([]);
    const grades = weeks.map((w) => next.assignments.find((a) => a.week === w)!.grade);
    let flips = 0;
    for (let i = 1; i < grades.length; i++) if (grades[i] !== grades[i - 1]) flips++;
    // Liam is the only I: he cannot lead two weeks running, so H and I alternate all the way.
    expect(flips).toBe(WEEKS - 1);
  });

  it('keeps overridden and issued weeks when the rota is generated again', async () => {
    const week = weeks[3]!;
    const chosen = [...people.values()].find((p) => p.name === 'Ben Carter')!;
    const current = rota.assignments.find((a) => a.hub === 'east-hub' && a.week === week)!;
    const pick = current.practitionerId === chosen.id ? people.get('Dev Singh')! : chosen;
    await expectStatus(
      ctx.call('hub_manager', 'PUT', `/v1/osr/lead-responders/east-hub/${week}`, {
        practitionerId: pick.id,
        reason: 'Swapped at the team meeting',
      }),
      200,
    );
    const issue = await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/osr/rotas/issue', { fromWeek: weeks[0], toWeek: weeks[1] }),
      200,
    );
    expect(issue.json().issued).toBe(hubs.length * 2);
    const issued = (issue.json().rota as RotaBody).assignments;
    expect(issued).toHaveLength(hubs.length * 2);
    const again = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/osr/rotas', { fromWeek: FROM_WEEK, weeks: WEEKS }),
        201,
      )
    ).json();
    const overridden = again.assignments.find(
      (a: { hub: string; week: string }) => a.hub === 'east-hub' && a.week === week,
    );
    expect(overridden).toMatchObject({
      practitionerId: pick.id,
      source: 'override',
      reason: 'Swapped at the team meeting',
    });
    for (const a of issued) {
      expect(
        again.assignments.find((b: { hub: string; week: string }) => b.hub === a.hub && b.week === a.week),
      ).toMatchObject({
        practitionerId: a.practitionerId,
        issued: true,
      });
    }
  });

  it('says who was considered and why when a hub-week cannot be filled', async () => {
    await expectStatus(ctx.call('admin', 'PUT', '/v1/hubs/south-hub', { name: 'South 0-19 Hub' }), 201);
    const southHub = { kind: 'zero_nineteen', homeRegion: 'north-west', hub: 'south-hub' } as const;
    const only = await addPractitioner(ctx, { name: 'Mo Hassan', grade: 'H', ...southHub });
    await addPractitioner(ctx, { name: 'Nia Roberts', grade: 'G', ...southHub });
    await recordAbsence(
      ctx,
      only.id,
      { kind: 'annual_leave', start: '2030-01-21T00:00:00Z', end: '2030-01-26T00:00:00Z' },
      'admin',
    );
    const south = (
      await expectStatus(
        ctx.call('admin', 'POST', '/v1/osr/rotas', { fromWeek: FROM_WEEK, weeks: 4, hub: 'south-hub' }),
        201,
      )
    ).json();
    // Mo is the only H/I: he leads every week he can, consecutive weeks included, with a note saying why.
    expect(south.assignments.map((a: { week: string }) => a.week)).toEqual([weeks[0], weeks[1], weeks[3]]);
    expect(south.assignments[1].notes.join(' ')).toMatch(/adjacent week/);
    expect(south.unfilled).toHaveLength(1);
    const reasons = south.unfilled[0].reasons.join('\n');
    expect(south.unfilled[0].week).toBe(weeks[2]);
    expect(reasons).toMatch(/Nia Roberts is grade G; only grades H and I/);
    expect(reasons).toMatch(/Mo Hassan .*annual leave/);
    // One line for the cause, and the one fix the core found: Mo working during his leave.
    expect(south.unfilledSummary).toEqual([
      {
        hub: 'south-hub',
        hubName: expect.any(String),
        weeks: 1,
        isoWeeks: [weeks[2]],
        because: expect.stringMatching(
          /^The one practitioner of .* who could lead \(Mo Hassan\) is absent or unavailable then\.$/,
        ),
        fixes: [
          {
            practitionerId: expect.any(String),
            name: 'Mo Hassan',
            change: 'absence',
            weeks: 1,
            isoWeeks: [weeks[2]],
            sentence: `Mo Hassan could lead ${weeks[2]} if available during the recorded absence.`,
          },
        ],
      },
    ]);
  });
});
