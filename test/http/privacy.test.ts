import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import {
  addPlacement,
  addPractitioner,
  callWithKey,
  newKey,
  putReference,
  recordAbsence,
} from '../helpers/fixtures.js';

// Issue 11: health data stays private; each role sees the fields its work needs.
describe.each(databaseTargets())('privacy by field, on %s', (target) => {
  let ctx: TestContext;
  let otherManager: string;
  let parenting: string;
  let eastOnly: string;
  let parentingSickness: string;
  let eastSickness: string;

  const as = (key: string, method: string, url: string) => callWithKey(ctx, key, method, url);

  beforeAll(async () => {
    ctx = await createTestContext(target, { solveInProcess: false });
    await putReference(ctx, {
      regions: { 'north-west': 'North West' },
      hubs: { 'east-hub': 'East', 'west-hub': 'West' },
    });
    otherManager = await newKey(ctx, { name: 'W', role: 'hub_manager', hubs: ['west-hub'] });
    parenting = (
      await addPractitioner(ctx, {
        name: 'Pat Night',
        homeRegion: 'north-west',
        externalRef: 'HR-00042',
        contract: { hoursPerWeek: 30 },
      })
    ).id;
    eastOnly = (
      await addPractitioner(ctx, {
        name: 'Mo Hassan',
        kind: 'zero_nineteen',
        grade: 'H',
        homeRegion: 'north-west',
        hub: 'east-hub',
      })
    ).id;
    parentingSickness = (
      await recordAbsence(ctx, parenting, {
        kind: 'sickness',
        start: '2030-01-21T08:00:00Z',
        end: '2030-01-23T08:00:00Z',
        note: 'Migraine',
      })
    ).id;
    eastSickness = (
      await recordAbsence(ctx, eastOnly, {
        kind: 'sickness',
        start: '2030-01-21T00:00:00Z',
        note: 'Back injury',
      })
    ).id;
  });
  afterAll(() => ctx?.close());

  it('social workers and viewers see only name, hub, grade, specialisms and gender of practitioners', async () => {
    // Staff read the same list first: what they were shown is never what a social worker is shown.
    const whole = (await expectStatus(ctx.call('coordinator', 'GET', '/v1/practitioners'), 200)).json();
    expect(whole.items.some((p: { externalRef?: string }) => p.externalRef === 'HR-00042')).toBe(true);
    for (const role of ['social_worker', 'viewer'] as const) {
      const list = (await expectStatus(ctx.call(role, 'GET', '/v1/practitioners'), 200)).json();
      expect(list.items.length).toBe(2);
      for (const p of list.items) {
        expect(Object.keys(p).sort(), role).toEqual(['gender', 'grade', 'hub', 'id', 'name', 'specialisms']);
      }
      const one = (await expectStatus(ctx.call(role, 'GET', `/v1/practitioners/${parenting}`), 200)).json();
      expect(one.contract).toBeUndefined();
      expect(JSON.stringify(one)).not.toContain('HR-00042');
    }
    const staff = (
      await expectStatus(ctx.call('coordinator', 'GET', `/v1/practitioners/${parenting}`), 200)
    ).json();
    expect(staff).toMatchObject({ externalRef: 'HR-00042', contract: { hoursPerWeek: 30 } });
  });

  it('absence kinds and notes only for admin, coordinator, cover and the own hub manager', async () => {
    const kinds = async (
      key: string | null,
      role?: 'admin' | 'coordinator' | 'cover' | 'hub_manager' | 'viewer',
    ) => {
      const res = key ? await as(key, 'GET', '/v1/absences') : await ctx.call(role!, 'GET', '/v1/absences');
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(
        (res.json().items as { id: string; kind: string; note: string | null }[]).map((a) => [
          a.id,
          `${a.kind}/${a.note}`,
        ]),
      );
    };
    for (const role of ['admin', 'coordinator', 'cover'] as const) {
      expect(await kinds(null, role)).toEqual({
        [parentingSickness]: 'sickness/Migraine',
        [eastSickness]: 'sickness/Back injury',
      });
    }
    // The east-hub manager (the test key) sees its own staff's absence, not a parenting practitioner's.
    expect(await kinds(null, 'hub_manager')).toEqual({
      [parentingSickness]: 'unavailable/null',
      [eastSickness]: 'sickness/Back injury',
    });
    expect(await kinds(otherManager)).toEqual({
      [parentingSickness]: 'unavailable/null',
      [eastSickness]: 'unavailable/null',
    });
    expect(await kinds(null, 'viewer')).toEqual({
      [parentingSickness]: 'unavailable/null',
      [eastSickness]: 'unavailable/null',
    });
    const one = (await expectStatus(ctx.call('viewer', 'GET', `/v1/absences/${eastSickness}`), 200)).json();
    expect(one).toMatchObject({ kind: 'unavailable', note: null });
    // Filtering by kind would say the same thing another way.
    expect((await ctx.call('viewer', 'GET', '/v1/absences?kind=sickness')).statusCode).toBe(403);
  });

  it('no health word in any OSR text a social worker can read', async () => {
    const rota = (
      await expectStatus(
        ctx.call('coordinator', 'POST', '/v1/osr/rotas', { fromWeek: '2030-W04', weeks: 1, hub: 'east-hub' }),
        201,
      )
    ).json();
    expect(rota.unfilled).toHaveLength(1);
    expect(rota.unfilled[0].reasons.join(' ')).toMatch(/sick/);
    for (const url of [
      '/v1/osr/rotas?fromWeek=2030-W04&toWeek=2030-W04',
      '/v1/osr/rotas.csv?fromWeek=2030-W04&toWeek=2030-W04',
      '/v1/osr/rotas.html?fromWeek=2030-W04&toWeek=2030-W04',
      '/v1/osr/rotas.ics?fromWeek=2030-W04&toWeek=2030-W04',
    ]) {
      const res = await ctx.call('social_worker', 'GET', url);
      expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
      expect(res.body, url).not.toMatch(/sick|illness|injury/i);
    }
    const read = (
      await expectStatus(
        ctx.call('social_worker', 'GET', '/v1/osr/rotas?fromWeek=2030-W04&toWeek=2030-W04'),
        200,
      )
    ).json();
    expect(read.unfilled[0].reasons.join(' ')).toMatch(/Mo Hassan .*unavailable/);
  });

  it('deleting an absence keeps it (soft) and its cover plans; it no longer counts', async () => {
    await expectStatus(ctx.call('cover', 'DELETE', `/v1/absences/${parentingSickness}`), 204);
    expect((await ctx.call('cover', 'GET', `/v1/absences/${parentingSickness}`)).statusCode).toBe(404);
    const listed = (await expectStatus(ctx.call('cover', 'GET', '/v1/absences'), 200)).json();
    expect(listed.items.map((a: { id: string }) => a.id)).not.toContain(parentingSickness);
    const row = await ctx.database.db
      .selectFrom('absences')
      .select(['id', 'deleted_at'])
      .where('id', '=', parentingSickness)
      .executeTakeFirst();
    expect(row?.deleted_at).toBeInstanceOf(Date);
  });

  it('an accepted cover plan stays readable after its absence is deleted', async () => {
    await addPractitioner(ctx, { name: 'Quinn Day', homeRegion: 'north-west' });
    const placement = await addPlacement(ctx, {
      caseReference: 'CR-PRIV',
      region: 'north-west',
      startDate: '2030-02-10',
      endDate: '2030-02-10',
    });
    const [day] = (
      await expectStatus(
        ctx.call('cover', 'GET', `/v1/shifts?from=2030-02-10&to=2030-02-10&placement=${placement.id}`),
        200,
      )
    ).json().items as { id: string }[];
    await expectStatus(
      ctx.call('coordinator', 'POST', `/v1/shifts/${day!.id}/assignments`, { practitionerId: parenting }),
      201,
    );
    const absence = await recordAbsence(ctx, parenting, {
      kind: 'sickness',
      start: '2030-02-09T08:00:00Z',
      end: '2030-02-12T08:00:00Z',
    });
    expect(absence.uncoveredShifts).toHaveLength(1);
    const plan = (
      await expectStatus(ctx.call('cover', 'POST', '/v1/cover-plans', { absenceId: absence.id }), 201)
    ).json();
    await expectStatus(ctx.call('cover', 'POST', `/v1/cover-plans/${plan.id}/accept`), 200);
    await expectStatus(ctx.call('cover', 'DELETE', `/v1/absences/${absence.id}`), 204);
    const after = (await expectStatus(ctx.call('cover', 'GET', `/v1/cover-plans/${plan.id}`), 200)).json();
    expect(after.status).toBe('accepted');
  });
});
