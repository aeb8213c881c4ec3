import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseTargets } from '../helpers/databases.js';
import { createTestContext, expectStatus, seedReference, type TestContext } from '../helpers/app.js';
import { addPractitioner, recordAbsence } from '../helpers/fixtures.js';

describe.each(databaseTargets())('absences on %s', (target) => {
  let ctx: TestContext;
  let sam: string;
  let kim: string;
  beforeAll(async () => {
    ctx = await createTestContext(target);
    await seedReference(ctx);
    sam = (await addPractitioner(ctx, { name: 'Sam', homeRegion: 'north-west' })).id;
    kim = (await addPractitioner(ctx, { name: 'Kim', homeRegion: 'north-west' })).id;
  });
  afterAll(() => ctx?.close());

  it('records open-ended sickness and closes it on return to work', async () => {
    const created = await recordAbsence(ctx, sam, {
      kind: 'sickness',
      start: '2026-11-23T07:00:00+00:00',
      note: 'Phoned in',
    });
    expect(created).toMatchObject({
      practitionerId: sam,
      kind: 'sickness',
      start: '2026-11-23T07:00:00.000Z',
      end: null,
      uncoveredShifts: [],
    });
    const open = (await ctx.call('coordinator', 'GET', `/v1/absences?open=true&practitioner=${sam}`)).json();
    expect(open.total).toBe(1);
    const back = await expectStatus(
      ctx.call(
        'cover',
        'PATCH',
        `/v1/absences/${created.id}`,
        { end: '2026-11-25T08:00:00+00:00' },
        { 'if-match': '"1"' },
      ),
      200,
    );
    expect(back.json()).toMatchObject({ end: '2026-11-25T08:00:00.000Z', note: 'Phoned in', version: 2 });
    expect(
      (await ctx.call('coordinator', 'GET', `/v1/absences?open=true&practitioner=${sam}`)).json().total,
    ).toBe(0);
  });

  it('refuses a return to work before the sickness began', async () => {
    const created = await recordAbsence(ctx, kim, { kind: 'sickness', start: '2026-12-01T07:00:00Z' });
    const res = await ctx.call('cover', 'PATCH', `/v1/absences/${created.id}`, {
      end: '2026-11-30T07:00:00Z',
    });
    expect(res.statusCode).toBe(400);
    expect((await ctx.call('cover', 'GET', `/v1/absences/${created.id}`)).json().end).toBeNull();
  });

  it('lists absences overlapping a period of local dates, both days included', async () => {
    await recordAbsence(
      ctx,
      kim,
      { kind: 'annual_leave', start: '2027-01-04T00:00:00Z', end: '2027-01-09T00:00:00Z' },
      'coordinator',
    );
    const ids = async (q: string) =>
      (await ctx.call('coordinator', 'GET', `/v1/absences?${q}&kind=annual_leave`))
        .json()
        .items.map((a: { practitionerId: string }) => a.practitionerId);
    expect(await ids('from=2027-01-08&to=2027-01-08')).toEqual([kim]);
    expect(await ids('from=2027-01-09&to=2027-01-20')).toEqual([]);
    expect(await ids('from=2027-01-01&to=2027-01-03')).toEqual([]);
  });

  it('keeps sickness from social workers but shows it to read-only integrations', async () => {
    expect((await ctx.call('social_worker', 'GET', '/v1/absences')).statusCode).toBe(403);
    expect((await ctx.call('viewer', 'GET', '/v1/absences')).statusCode).toBe(200);
    expect(
      (
        await ctx.call('viewer', 'POST', `/v1/practitioners/${kim}/absences`, {
          kind: 'sickness',
          start: '2026-12-01T07:00:00Z',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('404s for an unknown practitioner and changes nothing', async () => {
    const res = await ctx.call(
      'cover',
      'POST',
      '/v1/practitioners/00000000-0000-4000-8000-000000000000/absences',
      {
        kind: 'sickness',
        start: '2026-12-01T07:00:00Z',
      },
    );
    expect(res.statusCode).toBe(404);
  });

  it('deletes a mistaken absence', async () => {
    const created = await recordAbsence(ctx, kim, {
      kind: 'training',
      start: '2027-02-01T09:00:00Z',
      end: '2027-02-01T17:00:00Z',
    });
    await expectStatus(ctx.call('cover', 'DELETE', `/v1/absences/${created.id}`), 204);
    expect((await ctx.call('cover', 'GET', `/v1/absences/${created.id}`)).statusCode).toBe(404);
  });
});
