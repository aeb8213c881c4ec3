import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.js';
import {
  createTestContext,
  expectStatus,
  seedReference,
  tableCounts,
  type TestContext,
} from '../helpers/app.js';
import { addPractitioner } from '../helpers/fixtures.js';

const alex = {
  name: 'Alex Morgan',
  externalRef: 'HR-1',
  kind: 'parenting',
  homeRegion: 'north-west',
  regions: ['yorkshire'],
  specialisms: ['newborn-care'],
  gender: 'female',
  contract: { hoursPerWeek: 37.5 },
};

describe.each(databaseTargets())('the practitioner panel on %s', (target) => {
  let ctx: TestContext;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    await seedReference(ctx);
  });
  afterAll(() => ctx?.close());

  it('adds a practitioner with contract defaults and the home region among their regions', async () => {
    const res = await expectStatus(ctx.call('coordinator', 'POST', '/v1/practitioners', alex), 201);
    const body = res.json();
    expect(body).toMatchObject({
      name: 'Alex Morgan',
      kind: 'parenting',
      homeRegion: 'north-west',
      regions: ['north-west', 'yorkshire'],
      specialisms: ['newborn-care'],
      hub: null,
      contract: {
        maxHoursPer7Days: 48,
        minRestHours: 11,
        maxConsecutiveNights: 4,
        maxConsecutiveDays: 6,
        hoursPerWeek: 37.5,
        minConsecutiveDaysOff: 1,
        maxWeekendsIn4Weeks: null,
      },
      version: 1,
    });
    expect(res.headers.etag).toBe('"1"');
    expect(res.headers.location).toBe(`/v1/practitioners/${body.id}`);
    const read = await expectStatus(ctx.call('coordinator', 'GET', `/v1/practitioners/${body.id}`), 200);
    expect(read.json()).toEqual(body);
  });

  it('keeps the care-rota rules of a contract: days off together and weekends in 4 weeks', async () => {
    const created = await addPractitioner(
      ctx,
      {
        name: 'Dee Daysoff',
        homeRegion: 'north-west',
        contract: { minConsecutiveDaysOff: 2, maxWeekendsIn4Weeks: 2, maxConsecutiveDays: 5 },
      },
      'coordinator',
    );
    expect(created.contract).toMatchObject({
      minConsecutiveDaysOff: 2,
      maxWeekendsIn4Weeks: 2,
      maxConsecutiveDays: 5,
    });
    const patched = await expectStatus(
      ctx.call('coordinator', 'PATCH', `/v1/practitioners/${created.id}`, {
        contract: { maxWeekendsIn4Weeks: null },
      }),
      200,
    );
    // A patch of one contract field keeps the others.
    expect(patched.json().contract).toMatchObject({
      minConsecutiveDaysOff: 2,
      maxConsecutiveDays: 5,
      maxHoursPer7Days: 48,
      maxWeekendsIn4Weeks: null,
    });
    const read = (await ctx.call('coordinator', 'GET', `/v1/practitioners/${created.id}`)).json();
    expect(read.contract).toMatchObject({ minConsecutiveDaysOff: 2, maxWeekendsIn4Weeks: null });
    const before = await tableCounts(ctx.database);
    for (const contract of [
      { minConsecutiveDaysOff: 0 },
      { minConsecutiveDaysOff: 5 },
      { minConsecutiveDaysOff: 1.5 },
      { maxWeekendsIn4Weeks: 5 },
      { maxWeekendsIn4Weeks: -1 },
    ]) {
      const res = await ctx.call('coordinator', 'PATCH', `/v1/practitioners/${created.id}`, { contract });
      expect(res.statusCode, JSON.stringify(contract)).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    expect(await tableCounts(ctx.database)).toEqual(before);
  });

  it('requires grade and hub for 0-19 practitioners, and refuses a hub for parenting practitioners', async () => {
    const before = await tableCounts(ctx.database);
    const noGrade = await ctx.call('admin', 'POST', '/v1/practitioners', {
      name: 'Jo',
      kind: 'zero_nineteen',
      homeRegion: 'north-west',
    });
    expect(noGrade.statusCode).toBe(422);
    expect(noGrade.json().detail).toContain('grade is required');
    expect(noGrade.json().detail).toContain('hub is required');
    const hubbed = await ctx.call('admin', 'POST', '/v1/practitioners', {
      ...alex,
      externalRef: 'X',
      hub: 'east-hub',
    });
    expect(hubbed.statusCode).toBe(422);
    expect(hubbed.json().detail).toContain('only zero_nineteen');
    expect(await tableCounts(ctx.database)).toEqual(before);
    await expectStatus(
      ctx.call('hub_manager', 'POST', '/v1/practitioners', {
        name: 'Jo Reid',
        kind: 'zero_nineteen',
        grade: 'H',
        hub: 'east-hub',
        homeRegion: 'midlands',
      }),
      201,
    );
  });

  it('names unknown region and specialism codes and changes nothing', async () => {
    const before = await tableCounts(ctx.database);
    const res = await ctx.call('admin', 'POST', '/v1/practitioners', {
      ...alex,
      externalRef: 'HR-2',
      regions: ['atlantis'],
      specialisms: ['juggling'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().errors).toEqual([
      { field: '/body/regions', message: 'unknown region code(s): atlantis' },
      { field: '/body/specialisms', message: 'unknown specialism code(s): juggling' },
    ]);
    expect(await tableCounts(ctx.database)).toEqual(before);
  });

  it('refuses a second practitioner with the same external reference', async () => {
    const res = await ctx.call('admin', 'POST', '/v1/practitioners', { ...alex, name: 'Other' });
    expect(res.statusCode).toBe(422);
    expect(res.json().detail).toContain('externalRef is already used');
  });

  it('filters by region, specialism, kind and hub, and pages', async () => {
    for (let i = 0; i < 5; i++) {
      await expectStatus(
        ctx.call('admin', 'POST', '/v1/practitioners', {
          name: `Page Person ${i}`,
          kind: 'parenting',
          homeRegion: 'midlands',
          specialisms: i % 2 ? ['domestic-abuse'] : [],
        }),
        201,
      );
    }
    const yorkshire = (await ctx.call('viewer', 'GET', '/v1/practitioners?region=yorkshire')).json();
    expect(yorkshire.items.map((p: { name: string }) => p.name)).toEqual(['Alex Morgan']);
    const da = (await ctx.call('viewer', 'GET', '/v1/practitioners?specialism=domestic-abuse')).json();
    expect(da.total).toBe(2);
    const hub = (await ctx.call('viewer', 'GET', '/v1/practitioners?hub=east-hub&kind=zero_nineteen')).json();
    expect(hub.items.map((p: { name: string }) => p.name)).toEqual(['Jo Reid']);
    const page1 = (await ctx.call('viewer', 'GET', '/v1/practitioners?region=midlands&limit=2')).json();
    const page2 = (
      await ctx.call('viewer', 'GET', '/v1/practitioners?region=midlands&limit=2&offset=2')
    ).json();
    expect(page1.total).toBe(6);
    expect(page1.items).toHaveLength(2);
    expect(page2.items).toHaveLength(2);
    expect(page1.items[0].id).not.toBe(page2.items[0].id);
    const bad = await ctx.call('viewer', 'GET', '/v1/practitioners?limit=0&colour=red');
    expect(bad.statusCode).toBe(400);
  });

  it('updates with If-Match and refuses a stale write with 412', async () => {
    const created = await addPractitioner(ctx, { name: 'Etag Person', homeRegion: 'midlands' });
    const ok = await ctx.call(
      'coordinator',
      'PATCH',
      `/v1/practitioners/${created.id}`,
      { regions: ['yorkshire'] },
      {
        'if-match': '"1"',
      },
    );
    expect(ok.statusCode).toBe(200);
    expect(ok.json().regions).toEqual(['midlands', 'yorkshire']);
    expect(ok.headers.etag).toBe('"2"');
    const stale = await ctx.call(
      'coordinator',
      'PATCH',
      `/v1/practitioners/${created.id}`,
      { name: 'Lost update' },
      {
        'if-match': '"1"',
      },
    );
    expect(stale.statusCode).toBe(412);
    expect(stale.json().type).toMatch(/precondition-failed$/);
    const now = (await ctx.call('viewer', 'GET', `/v1/practitioners/${created.id}`)).json();
    expect(now.name).toBe('Etag Person');
  });

  it('archives on delete: gone from lists and 404 for updates, history kept', async () => {
    const created = (
      await ctx.call('admin', 'POST', '/v1/practitioners', {
        name: 'Leaver',
        kind: 'parenting',
        homeRegion: 'midlands',
      })
    ).json();
    await expectStatus(ctx.call('coordinator', 'DELETE', `/v1/practitioners/${created.id}`), 204);
    const list = (await ctx.call('viewer', 'GET', '/v1/practitioners?q=Leaver')).json();
    expect(list.total).toBe(0);
    const archived = (
      await ctx.call('viewer', 'GET', '/v1/practitioners?q=Leaver&includeArchived=true')
    ).json();
    expect(archived.items[0].archivedAt).not.toBeNull();
    expect(
      (await ctx.call('admin', 'PATCH', `/v1/practitioners/${created.id}`, { name: 'X' })).statusCode,
    ).toBe(404);
    expect((await ctx.call('admin', 'DELETE', `/v1/practitioners/${created.id}`)).statusCode).toBe(404);
  });

  it('returns 404 problem+json for an unknown id', async () => {
    const res = await ctx.call('viewer', 'GET', '/v1/practitioners/00000000-0000-4000-8000-000000000000');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });
});
