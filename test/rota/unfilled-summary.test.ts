import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference, recordAbsence } from '../helpers/fixtures.js';
import { waitForRun } from '../helpers/rota-runs.js';
import { idsInWords } from '../helpers/ids-in-words.js';

const TZ = 'Europe/London';

async function runToEnd(ctx: TestContext, from: string, to: string) {
  const queued = (
    await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/rota-runs', { from, to, timeLimitSeconds: 2, seed: 5 }),
      202,
    )
  ).json();
  return waitForRun(ctx, queued.id);
}

interface Group {
  placementId: string;
  caseReference: string;
  shifts: number;
  shiftIds: string[];
  because: string;
  fixes: {
    practitionerId: string;
    name: string;
    change: string;
    shifts: number;
    shiftIds: string[];
    sentence: string;
  }[];
}

describe.each(databaseTargets())(
  'unfilled shifts grouped by cause with the smallest fix, on %s',
  (target) => {
    let ctx: TestContext;
    const from = DateTime.now().setZone(TZ).plus({ days: 7 }).startOf('week').toISODate()!;
    const to = DateTime.fromISO(from).plus({ days: 6 }).toISODate()!;
    const people: Record<string, string> = {};
    let placementId = '';

    beforeAll(async () => {
      ctx = await createTestContext(target);
      await putReference(ctx, {
        regions: { 'south-east': 'South East', 'north-west': 'North West' },
        specialisms: { 'newborn-care': 'Newborn care' },
      });
      const panel = [
        { name: 'Ann Able', homeRegion: 'south-east', specialisms: [] },
        { name: 'Bob Bell', homeRegion: 'south-east', specialisms: [] },
        { name: 'Wendy Hughes', homeRegion: 'north-west', specialisms: ['newborn-care'] },
      ];
      for (const p of panel)
        people[p.name] = (
          await addPractitioner(ctx, { ...p, gender: 'female', contract: { hoursPerWeek: 37.5 } })
        ).id;
      placementId = (
        await addPlacement(ctx, {
          caseReference: 'SE-0101',
          region: 'south-east',
          startDate: from,
          endDate: to,
          requiredSpecialisms: ['newborn-care'],
        })
      ).id;
    });
    afterAll(() => ctx?.close());

    it('names the one holder of the specialism and her blocking rule, and a re-run with it changed fills what the fix promised', async () => {
      const run = await runToEnd(ctx, from, to);
      expect(run.status).toBe('completed');
      const summary = run.unfilledSummary as Group[];
      expect(summary).toHaveLength(1);
      const [group] = summary;
      expect(group).toMatchObject({
        placementId,
        caseReference: 'SE-0101',
        because: 'Nobody who works in South East has Newborn care.',
      });
      expect(group!.shifts).toBe(run.unassigned.length);
      expect(new Set(group!.shiftIds)).toEqual(
        new Set(run.unassigned.map((u: { shiftId: string }) => u.shiftId)),
      );
      const fix = group!.fixes[0]!;
      expect(fix).toMatchObject({
        practitionerId: people['Wendy Hughes'],
        name: 'Wendy Hughes',
        change: 'region',
      });
      expect(fix.shifts).toBeGreaterThan(0);
      expect(fix.sentence).toBe(
        `Wendy Hughes would fill ${fix.shifts} of these ${group!.shifts} shifts if allowed to work in South East.`,
      );
      expect(idsInWords(run)).toEqual([]);

      await expectStatus(
        ctx.call('coordinator', 'PATCH', `/v1/practitioners/${people['Wendy Hughes']}`, {
          regions: ['north-west', 'south-east'],
        }),
        200,
      );
      const again = await runToEnd(ctx, from, to);
      const filled = group!.shifts - again.unassigned.length;
      expect(filled).toBeGreaterThanOrEqual(fix.shifts);
    });

    it('gives a cover plan the same groups for what it cannot cover', async () => {
      const run = await runToEnd(ctx, from, to);
      await expectStatus(ctx.call('coordinator', 'POST', `/v1/rota-runs/${run.id}/publish`), 200);
      const wendy = people['Wendy Hughes']!;
      const absence = await recordAbsence(ctx, wendy, {
        kind: 'sickness',
        start: `${from}T00:00:00Z`,
        end: `${to}T23:00:00Z`,
      });
      const plan = (
        await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
      ).json();
      const groups = plan.uncoveredSummary as Group[];
      expect(groups.length).toBeGreaterThan(0);
      expect(groups[0]).toMatchObject({ caseReference: 'SE-0101', placementId });
      expect(groups.reduce((n, g) => n + g.shifts, 0)).toBe(plan.uncovered.length);
      // Wendy, now allowed in South East, is the only holder of the specialism, and she is away.
      expect(groups[0]!.because).toBe(
        'The one practitioner who could work at SE-0101 (Wendy Hughes) is absent or unavailable then.',
      );
      const fixes = groups[0]!.fixes.map((f) => [f.name, f.change]);
      expect(fixes).toContainEqual(['Wendy Hughes', 'absence']);
      expect(fixes).toContainEqual(['Ann Able', 'specialism']);
      expect(idsInWords(plan)).toEqual([]);
      const read = (await expectStatus(ctx.call('cover', 'GET', `/v1/cover-plans/${plan.id}`), 200)).json();
      expect(read.uncoveredSummary).toEqual(plan.uncoveredSummary);
    });
  },
);
