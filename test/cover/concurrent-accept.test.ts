import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { hasPostgres } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference, recordAbsence } from '../helpers/fixtures.js';

const TZ = 'Europe/London';
const day = DateTime.now().setZone(TZ).startOf('day').plus({ days: 3 });

// Concurrency needs real connections: PGlite runs one transaction at a time.
describe.skipIf(!hasPostgres())('two admins accepting cover plans at the same moment, on PostgreSQL', () => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  const dayShift: Record<string, string> = {};

  beforeAll(async () => {
    ctx = await createTestContext('postgres', { solveInProcess: false });
    await putReference(ctx, { regions: { west: 'West' } });
    for (const name of ['Xan', 'Yas', 'Zed'])
      ids[name] = (await addPractitioner(ctx, { name, homeRegion: 'west' })).id;
    for (const ref of ['CR-P1', 'CR-P2']) {
      const p = await addPlacement(ctx, {
        caseReference: ref,
        region: 'west',
        startDate: day.toISODate()!,
        endDate: day.toISODate()!,
      });
      const shifts = (
        await ctx.call(
          'viewer',
          'GET',
          `/v1/shifts?from=${day.toISODate()}&to=${day.toISODate()}&placement=${p.id}`,
        )
      ).json().items;
      dayShift[ref] = shifts.find((s: { night: boolean }) => !s.night).id;
    }
    await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${dayShift['CR-P1']}/assignments`, {
        practitionerId: ids.Xan,
      }),
      201,
    );
    await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${dayShift['CR-P2']}/assignments`, {
        practitionerId: ids.Yas,
      }),
      201,
    );
  });
  afterAll(() => ctx?.close());

  it('lets exactly one of two conflicting plans win, and nobody is double-booked', async () => {
    const sick = async (who: string) =>
      (await recordAbsence(ctx, ids[who]!, { kind: 'sickness', start: day.toISO()! })).id;
    const planFor = async (absenceId: string) =>
      (await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId }), 201)).json();
    const a = await planFor(await sick('Xan'));
    const b = await planFor(await sick('Yas'));
    // Zed is the only one left: both plans put Zed on two shifts at the same time.
    expect(a.assignments.map((x: { practitionerId: string }) => x.practitionerId)).toEqual([ids.Zed]);
    expect(b.assignments.map((x: { practitionerId: string }) => x.practitionerId)).toEqual([ids.Zed]);

    const results = await Promise.all([
      ctx.call('cover', 'POST', `/v1/cover-plans/${a.id}/accept`),
      ctx.call('admin', 'POST', `/v1/cover-plans/${b.id}/accept`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409)!;
    expect(loser.headers['content-type']).toContain('application/problem+json');

    const zed = (
      await ctx.call(
        'viewer',
        'GET',
        `/v1/shifts?from=${day.toISODate()}&to=${day.toISODate()}&practitioner=${ids.Zed}`,
      )
    ).json().items;
    expect(zed).toHaveLength(1);
    const statuses = await Promise.all(
      [a.id, b.id].map(async (id) => (await ctx.call('cover', 'GET', `/v1/cover-plans/${id}`)).json().status),
    );
    expect(statuses.sort()).toEqual(['accepted', 'proposed']);
  });

  it('accepts the same plan once when two admins press accept together', async () => {
    const absence = await recordAbsence(ctx, ids.Zed!, {
      kind: 'sickness',
      start: day.toISO()!,
      end: day.plus({ days: 1 }).toISO()!,
    });
    expect(absence.uncoveredShifts).toHaveLength(1);
    // Nobody is left to cover: the plan explains why instead.
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    expect(plan.uncovered).toHaveLength(1);
    const results = await Promise.all([
      ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`),
      ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
  });
});
