import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference } from '../helpers/fixtures.js';

const date = (days: number) =>
  DateTime.now().setZone('Europe/London').startOf('day').plus({ days }).toISODate()!;

describe.each(databaseTargets())("a shift's candidates on %s", (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await putReference(ctx, {
      regions: { north: 'North', east: 'East' },
      specialisms: { 'newborn-care': 'Newborn care' },
    });
  });
  afterAll(async () => ctx?.close());

  it('puts those one rule away right after those who may work it, naming that rule', async () => {
    const person = async (name: string, homeRegion: string, specialisms: string[]) =>
      (await addPractitioner(ctx, { name, homeRegion, specialisms })).id as string;
    // Names sort the other way round, so only the rule count can put them in this order.
    const able = await person('Zoe Able', 'north', ['newborn-care']);
    const oneAway = await person('Yan Oneaway', 'east', ['newborn-care']);
    const twoAway = await person('Abe Twoaway', 'east', []);
    const placement = await addPlacement(ctx, {
      caseReference: 'CR-CAND',
      region: 'north',
      startDate: date(3),
      endDate: date(3),
      requiredSpecialisms: ['newborn-care'],
    });
    const [shift] = (
      await ctx.call(
        'coordinator',
        'GET',
        `/v1/shifts?from=${date(3)}&to=${date(3)}&placement=${placement.id}`,
      )
    ).json().items;
    const items = (
      await expectStatus(ctx.call('cover', 'GET', `/v1/shifts/${shift.id}/candidates`), 200)
    ).json().items as { practitionerId: string; oneRuleAway: string | null; allowed: boolean }[];
    expect(items.map((c) => c.practitionerId)).toEqual([able, oneAway, twoAway]);
    expect(items.map((c) => c.oneRuleAway)).toEqual([null, 'region', null]);
  });
});
