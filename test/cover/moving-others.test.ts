import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addAssignment } from '../../src/rota/assignments.js';

const TZ = 'Europe/London';
const day = DateTime.now().setZone(TZ).startOf('day').plus({ days: 3 });
const date = day.toISODate()!;

type Shift = { id: string; night: boolean };

/**
 * When nobody free can take a shift, a cover plan moves someone off another shift that has not started
 * and puts a free person there: Sam falls sick on the day shift of a family that needs newborn care;
 * Pat, who has it, is on another family's day shift at the same time; Rob, who has it too, works the
 * night just after; Quinn is free but has no newborn care.
 */
describe.each(databaseTargets())('a cover plan that must move someone else, on %s', (target) => {
  let ctx: TestContext;
  const ids: Record<string, string> = {};
  let newborn: Shift;
  let other: Shift;

  const placement = async (caseReference: string, requiredSpecialisms: string[]) =>
    (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/placements', {
          caseReference,
          region: 'north',
          startDate: date,
          endDate: date,
          requiredSpecialisms,
        }),
        201,
      )
    ).json().id as string;
  const shifts = async (placementId: string): Promise<Shift[]> =>
    (await ctx.call('cover', 'GET', `/v1/shifts?from=${date}&to=${date}&placement=${placementId}`)).json()
      .items;
  // As a published rota run puts people on shifts (by hand they would be pinned, and never moved).
  const assign = (shiftId: string, who: string) =>
    addAssignment(ctx.database.db, shiftId, ids[who]!, 'run', false);

  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north', { name: 'North' }), 201);
    await expectStatus(
      ctx.call('admin', 'PUT', '/v1/specialisms/newborn-care', { name: 'Newborn care' }),
      201,
    );
    for (const [name, specialisms] of [
      ['Sam', ['newborn-care']],
      ['Pat', ['newborn-care']],
      ['Quinn', []],
      ['Rob', ['newborn-care']],
      ['Tom', []],
    ] as const) {
      ids[name] = (
        await expectStatus(
          ctx.call('admin', 'POST', '/v1/practitioners', {
            name,
            kind: 'parenting',
            homeRegion: 'north',
            specialisms,
          }),
          201,
        )
      ).json().id;
    }
    const [withNewborn, withoutNeeds] = [
      await placement('CR-NB', ['newborn-care']),
      await placement('CR-OT', []),
    ];
    const nb = await shifts(withNewborn);
    const ot = await shifts(withoutNeeds);
    newborn = nb.find((s) => !s.night)!;
    other = ot.find((s) => !s.night)!;
    // Every shift of both families is covered, so the only gap is the one Sam's sickness leaves.
    await assign(newborn.id, 'Sam');
    await assign(other.id, 'Pat');
    await assign(nb.find((s) => s.night)!.id, 'Rob');
    await assign(ot.find((s) => s.night)!.id, 'Tom');
  });
  afterAll(() => ctx?.close());

  it('moves Pat to the newborn shift, puts Quinn on the shift Pat leaves, and accepting does both', async () => {
    const absence = (
      await expectStatus(
        ctx.call('cover', 'POST', `/v1/practitioners/${ids.Sam}/absences`, {
          kind: 'sickness',
          start: day.toISO(),
          end: day.plus({ days: 1 }).toISO(),
        }),
        201,
      )
    ).json();
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    expect(plan.uncovered).toEqual([]);
    expect(plan.movedOthers).toBe(true);
    expect(plan.assignments).toEqual([
      expect.objectContaining({ shiftId: newborn.id, practitionerId: ids.Pat, name: 'Pat' }),
    ]);
    expect(plan.changes).toEqual([{ shiftId: other.id, removed: [ids.Pat], added: [ids.Quinn] }]);

    await expectStatus(ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`), 200);
    const who = async (shiftId: string) =>
      (await ctx.call('viewer', 'GET', `/v1/shifts/${shiftId}`))
        .json()
        .assignments.map((a: { practitionerId: string }) => a.practitionerId);
    expect(await who(newborn.id)).toEqual([ids.Pat]);
    expect(await who(other.id)).toEqual([ids.Quinn]);
  });
});
