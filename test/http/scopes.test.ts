import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERMISSIONS } from '../../src/http/permissions.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { addPlacement, addPractitioner, callWithKey, newKey, recordAbsence } from '../helpers/fixtures.js';
import { booking, hubWithLead } from '../osr/booking-helpers.js';

const WEEK = '2030-W10';
const WEEK_2 = '2030-W11';

// Issue 11: a role says what kind of action a key may take; its scope narrows it to what the key owns.
describe.each(databaseTargets())('scopes on keys, on %s', (target) => {
  let ctx: TestContext;
  /** A hub manager of west-hub only, and a second social worker. */
  let westManager: string;
  let otherSocialWorker: string;
  let eastStaff: string;
  let parenting: string;
  let parentingAbsence: string;
  let eastIntervention: string;

  const as = (key: string, method: string, url: string, body?: unknown) =>
    callWithKey(ctx, key, method, url, body);

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await hubWithLead(ctx, 'east-hub', [WEEK, WEEK_2]);
    await hubWithLead(ctx, 'west-hub', [WEEK]);
    westManager = await newKey(ctx, { name: 'West manager', role: 'hub_manager', hubs: ['west-hub'] });
    otherSocialWorker = await newKey(ctx, { name: 'Duty team 2', role: 'social_worker' });
    eastStaff = (
      await addPractitioner(ctx, {
        name: 'Iris Cole',
        kind: 'zero_nineteen',
        grade: 'I',
        homeRegion: 'north-west',
        hub: 'east-hub',
      })
    ).id;
    parenting = (await addPractitioner(ctx, { name: 'Pat Night', homeRegion: 'north-west' })).id;
    parentingAbsence = (
      await recordAbsence(
        ctx,
        parenting,
        { kind: 'annual_leave', start: '2030-03-04T08:00:00Z', end: '2030-03-05T08:00:00Z' },
        'admin',
      )
    ).id;
    const b = (
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', WEEK, 'LCS-1')),
        201,
      )
    ).json();
    eastIntervention = (
      await expectStatus(ctx.call('social_worker', 'POST', '/v1/osr/interventions', { bookingId: b.id }), 201)
    ).json().id;
  });
  afterAll(() => ctx?.close());

  it('a hub_manager key must name known hubs, and GET /v1/me returns them', async () => {
    const missing = await ctx.call('admin', 'POST', '/v1/api-keys', { name: 'm', role: 'hub_manager' });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().errors[0].field).toBe('/body/hubs');
    const unknown = await ctx.call('admin', 'POST', '/v1/api-keys', {
      name: 'm',
      role: 'hub_manager',
      hubs: ['no-such-hub'],
    });
    expect(unknown.statusCode).toBe(422);
    const stray = await ctx.call('admin', 'POST', '/v1/api-keys', {
      name: 'v',
      role: 'viewer',
      hubs: ['east-hub'],
    });
    expect(stray.statusCode).toBe(422);
    const me = (await expectStatus(as(westManager, 'GET', '/v1/me'), 200)).json();
    expect(me).toMatchObject({ role: 'hub_manager', hubs: ['west-hub'] });
    expect((await expectStatus(ctx.call('viewer', 'GET', '/v1/me'), 200)).json().hubs).toBeNull();
  });

  it('a hub manager may not change another hub, its cap, its lead responder or its interventions, nor create hubs', async () => {
    const refused: [string, string, unknown][] = [
      ['PUT', '/v1/hubs/east-hub', { name: 'East', weeklyCaseCap: 0 }],
      ['PUT', '/v1/hubs/brand-new-hub', { name: 'New' }],
      ['PUT', `/v1/osr/lead-responders/east-hub/${WEEK}`, { practitionerId: eastStaff, reason: 'x' }],
      ['POST', `/v1/osr/lead-responders/east-hub/${WEEK}/replacement-proposal`, {}],
      ['PUT', '/v1/osr/hubs/east-hub/settings', { gradeMix: 'alternate' }],
      [
        'POST',
        `/v1/osr/interventions/${eastIntervention}/reassign`,
        { practitionerId: eastStaff, reason: 'workload' },
      ],
      ['POST', `/v1/osr/interventions/${eastIntervention}/extend`, { sessions: 2, reason: 'More needed' }],
      [
        'POST',
        `/v1/osr/interventions/${eastIntervention}/close`,
        { closedOn: '2020-01-01', outcome: 'completed', sessionsDelivered: 1 },
      ],
      ['POST', '/v1/osr/rotas', { fromWeek: WEEK, weeks: 1, hub: 'east-hub' }],
      ['POST', '/v1/osr/rotas', { fromWeek: WEEK, weeks: 1 }],
      ['POST', '/v1/osr/rotas/issue', { fromWeek: WEEK, toWeek: WEEK, hub: 'east-hub' }],
    ];
    for (const [method, url, body] of refused) {
      const res = await as(westManager, method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const east = (await expectStatus(ctx.call('viewer', 'GET', '/v1/hubs/east-hub'), 200)).json();
    expect(east.weeklyCaseCap).toBe(3);
    expect((await ctx.call('viewer', 'GET', '/v1/hubs/brand-new-hub')).statusCode).toBe(404);
  });

  it("a hub manager generates and issues its own hub's OSR rota and changes its own hub", async () => {
    await expectStatus(as(westManager, 'PUT', '/v1/hubs/west-hub', { name: 'West', weeklyCaseCap: 4 }), 200);
    await expectStatus(
      as(westManager, 'POST', '/v1/osr/rotas', { fromWeek: WEEK_2, weeks: 1, hub: 'west-hub' }),
      201,
    );
    const issued = await as(westManager, 'POST', '/v1/osr/rotas/issue', {
      fromWeek: WEEK_2,
      toWeek: WEEK_2,
      hub: 'west-hub',
    });
    expect(issued.statusCode, issued.body).toBeLessThan(300);
    await expectStatus(
      as(westManager, 'PUT', '/v1/osr/hubs/west-hub/settings', { gradeMix: 'alternate' }),
      200,
    );
  });

  it("a hub manager may not change parenting practitioners or their absences, nor other hubs' staff", async () => {
    const attempts: [string, string, unknown][] = [
      ['PATCH', `/v1/practitioners/${parenting}`, { contract: { minRestHours: 0 } }],
      [
        'POST',
        `/v1/practitioners/${parenting}/absences`,
        { kind: 'sickness', start: '2030-03-04T08:00:00Z' },
      ],
      ['PATCH', `/v1/absences/${parentingAbsence}`, { end: '2030-03-06T08:00:00Z' }],
      ['DELETE', `/v1/absences/${parentingAbsence}`, undefined],
      ['PATCH', `/v1/practitioners/${eastStaff}`, { name: 'Renamed' }],
      [
        'POST',
        `/v1/practitioners/${eastStaff}/absences`,
        { kind: 'sickness', start: '2030-03-04T08:00:00Z' },
      ],
      ['POST', '/v1/practitioners', { name: 'Someone', kind: 'parenting', homeRegion: 'north-west' }],
      [
        'POST',
        '/v1/practitioners',
        { name: 'Someone', kind: 'zero_nineteen', grade: 'H', homeRegion: 'north-west', hub: 'east-hub' },
      ],
    ];
    for (const [method, url, body] of attempts) {
      const res = await as(westManager, method, url, body);
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
    }
    const p = (await expectStatus(ctx.call('admin', 'GET', `/v1/practitioners/${parenting}`), 200)).json();
    expect(p.contract.minRestHours).not.toBe(0);
    expect((await ctx.call('admin', 'GET', `/v1/absences/${parentingAbsence}`)).statusCode).toBe(200);
    // ...but the east-hub manager (the test key names east-hub) may change its own staff.
    await expectStatus(
      ctx.call('hub_manager', 'PATCH', `/v1/practitioners/${eastStaff}`, { name: 'Iris Cole-Smith' }),
      200,
    );
  });

  it('bookings belong to the key that made them: others neither list nor cancel them', async () => {
    const mine = (
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', WEEK, 'LCS-2')),
        201,
      )
    ).json();
    const listed = (await expectStatus(as(otherSocialWorker, 'GET', '/v1/osr/bookings'), 200)).json();
    expect(listed.items).toEqual([]);
    expect((await as(otherSocialWorker, 'GET', `/v1/osr/bookings/${mine.id}`)).statusCode).toBe(404);
    expect((await as(otherSocialWorker, 'POST', `/v1/osr/bookings/${mine.id}/cancel`, {})).statusCode).toBe(
      404,
    );
    expect((await as(westManager, 'POST', `/v1/osr/bookings/${mine.id}/cancel`, {})).statusCode).toBe(404);
    const own = (await expectStatus(ctx.call('social_worker', 'GET', '/v1/osr/bookings'), 200)).json();
    expect(own.items.map((b: { id: string }) => b.id)).toContain(mine.id);
    // The hub's manager (east-hub) may cancel it.
    await expectStatus(ctx.call('hub_manager', 'POST', `/v1/osr/bookings/${mine.id}/cancel`, {}), 200);
    const again = (
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', WEEK, 'LCS-3')),
        201,
      )
    ).json();
    await expectStatus(ctx.call('social_worker', 'POST', `/v1/osr/bookings/${again.id}/cancel`, {}), 200);
  });

  it('every scoped operation in the permission table has a refusal case here (route x role x scope)', () => {
    const covered = new Set([
      'PUT /v1/hubs/:code',
      'PUT /v1/osr/lead-responders/:hub/:week',
      'POST /v1/osr/lead-responders/:hub/:week/replacement-proposal',
      'PUT /v1/osr/hubs/:hub/settings',
      'POST /v1/osr/interventions/:id/reassign',
      'POST /v1/osr/interventions/:id/extend',
      'POST /v1/osr/interventions/:id/close',
      'POST /v1/osr/rotas',
      'POST /v1/osr/rotas/issue',
      'PATCH /v1/practitioners/:id',
      'POST /v1/practitioners',
      'POST /v1/practitioners/:id/absences',
      'PATCH /v1/absences/:id',
      'DELETE /v1/absences/:id',
      'GET /v1/osr/bookings',
      'GET /v1/osr/bookings/:id',
      'POST /v1/osr/bookings/:id/cancel',
      // covered in their own tests below and in privacy.test.ts
      'POST /v1/osr/interventions',
      'POST /v1/shifts/:id/assignments',
      'GET /v1/practitioners',
      'GET /v1/practitioners/:id',
      'GET /v1/absences',
      'GET /v1/absences/:id',
      'GET /v1/osr/rotas.html',
      'GET /v1/osr/rotas.csv',
      'GET /v1/osr/alerts', // test/osr/lead-absent.test.ts
      'PUT /v1/practitioners/:id/preferences', // test/rules/rota-keeps-rules.test.ts
      'POST /v1/osr/calendar-links', // test/calendars/calendar-links.test.ts
      'DELETE /v1/calendar-links/:id', // test/calendars/calendar-links.test.ts
    ]);
    const scoped = Object.entries(PERMISSIONS)
      .filter(([, p]) => p.scope)
      .map(([op]) => op);
    expect(scoped.filter((op) => !covered.has(op))).toEqual([]);
  });

  it('a social worker starts interventions only from its own bookings; a hub manager only in its hubs', async () => {
    const b = (
      await expectStatus(
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', WEEK_2, 'LCS-4')),
        201,
      )
    ).json();
    expect(
      (await as(otherSocialWorker, 'POST', '/v1/osr/interventions', { bookingId: b.id })).statusCode,
    ).toBe(403);
    expect((await as(westManager, 'POST', '/v1/osr/interventions', { bookingId: b.id })).statusCode).toBe(
      403,
    );
    await expectStatus(ctx.call('hub_manager', 'POST', '/v1/osr/interventions', { bookingId: b.id }), 201);
  });

  it('the cover role assigns the practitioner it just phoned to an uncovered shift, with the rule check', async () => {
    const placement = await addPlacement(ctx, {
      caseReference: 'CR-SCOPE',
      region: 'north-west',
      startDate: '2030-03-10',
      endDate: '2030-03-10',
    });
    const shifts = (
      await expectStatus(
        ctx.call('cover', 'GET', `/v1/shifts?from=2030-03-10&to=2030-03-10&placement=${placement.id}`),
        200,
      )
    ).json().items as { id: string }[];
    await expectStatus(
      ctx.call('cover', 'POST', `/v1/shifts/${shifts[0]!.id}/assignments`, { practitionerId: parenting }),
      201,
    );
    // Full now: the cover role fills gaps, it does not swap people.
    const full = await ctx.call('cover', 'POST', `/v1/shifts/${shifts[0]!.id}/assignments`, {
      practitionerId: eastStaff,
    });
    expect(full.statusCode).toBe(409);
    // The rule check still applies (a day shift then the night: no rest).
    const broken = await ctx.call('cover', 'POST', `/v1/shifts/${shifts[1]!.id}/assignments`, {
      practitionerId: parenting,
    });
    expect(broken.statusCode).toBe(409);
  });

  it('every OpenAPI operation lists its roles', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    for (const [path, ops] of Object.entries(
      doc.paths as Record<string, Record<string, { 'x-roles'?: string[] }>>,
    )) {
      if (!path.startsWith('/v1')) continue;
      for (const [method, op] of Object.entries(ops)) {
        expect(op['x-roles'], `${method} ${path}`).toBeDefined();
        expect((op as { description?: string }).description, `${method} ${path}`).toContain('Roles: ');
      }
    }
  });
});
