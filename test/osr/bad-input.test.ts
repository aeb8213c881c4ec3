import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, tableCounts, type TestContext } from '../helpers/app.js';
import { databaseTargets } from '../helpers/databases.js';
import { booking, hubWithLead, weekFromNow } from './booking-helpers.js';

describe.each(databaseTargets())(
  'bad OSR input is refused with problem+json and changes nothing, on %s',
  (target) => {
    let ctx: TestContext;
    let leadId: string;
    const week = weekFromNow(1);
    beforeAll(async () => {
      ctx = await createTestContext(target);
      leadId = (await hubWithLead(ctx, 'east-hub', [week])).id;
    });
    afterAll(() => ctx?.close());

    const cases: {
      name: string;
      method: string;
      url: string;
      body?: () => unknown;
      status: number;
      detail?: RegExp;
    }[] = [
      {
        name: 'booking for an unknown hub',
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('no-such-hub', week, 'X-1'),
        status: 422,
        detail: /hub/,
      },
      {
        name: 'malformed week',
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('east-hub', '2026-48', 'X-1'),
        status: 400,
        detail: /week/,
      },
      {
        name: 'a week that does not exist',
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('east-hub', '2027-W53', 'X-1'),
        status: 400,
        detail: /2027-W53/,
      },
      {
        name: "a visit outside the booking's hub-week",
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('east-hub', week, 'X-1', { scheduledAt: '2020-01-06T10:00:00+00:00' }),
        status: 422,
        detail: /scheduledAt/,
      },
      {
        name: 'wrong kind',
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('east-hub', week, 'X-1', { kind: 'home_visit' }),
        status: 400,
        detail: /kind/,
      },
      {
        name: 'unknown field',
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('east-hub', week, 'X-1', { childName: 'A' }),
        status: 400,
        detail: /childName is not a known field/,
      },
      {
        name: 'case reference with markup',
        method: 'POST',
        url: '/v1/osr/bookings',
        body: () => booking('east-hub', week, '<b>x</b>'),
        status: 400,
        detail: /caseReference/,
      },
      {
        name: 'rota of zero weeks',
        method: 'POST',
        url: '/v1/osr/rotas',
        body: () => ({ fromWeek: week, weeks: 0 }),
        status: 400,
        detail: /weeks/,
      },
      {
        name: 'rota for an unknown hub',
        method: 'POST',
        url: '/v1/osr/rotas',
        body: () => ({ fromWeek: week, weeks: 2, hub: 'nowhere' }),
        status: 404,
      },
      {
        name: 'rota query with a malformed week',
        method: 'GET',
        url: '/v1/osr/rotas?fromWeek=2026W48',
        status: 400,
      },
      {
        // A hub manager's key names its hubs: an unknown hub is not one of them.
        name: 'override for an unknown hub',
        method: 'PUT',
        url: `/v1/osr/lead-responders/nowhere/${weekFromNow(1)}`,
        body: () => ({ practitionerId: leadId, reason: 'x' }),
        status: 403,
      },
      {
        name: 'override with a malformed week',
        method: 'PUT',
        url: '/v1/osr/lead-responders/east-hub/2026-W99',
        body: () => ({ practitionerId: leadId, reason: 'x' }),
        status: 400,
      },
      {
        name: 'override without a reason',
        method: 'PUT',
        url: `/v1/osr/lead-responders/east-hub/${weekFromNow(1)}`,
        body: () => ({ practitionerId: leadId }),
        status: 400,
        detail: /reason/,
      },
      {
        name: 'hub-week of an unknown hub',
        method: 'GET',
        url: `/v1/osr/hubs/nowhere/weeks/${weekFromNow(1)}`,
        status: 404,
      },
      {
        name: 'export with toWeek before fromWeek',
        method: 'GET',
        url: '/v1/osr/rotas.csv?fromWeek=2030-W10&toWeek=2030-W02',
        status: 400,
      },
      {
        name: 'intervention of an unknown booking',
        method: 'POST',
        url: '/v1/osr/interventions',
        body: () => ({ bookingId: '00000000-0000-4000-8000-000000000000' }),
        status: 422,
      },
      {
        name: 'intervention of 7 sessions',
        method: 'POST',
        url: '/v1/osr/interventions',
        body: () => ({ bookingId: '00000000-0000-4000-8000-000000000000', sessions: 7 }),
        status: 400,
        detail: /sessions/,
      },
    ];

    it.each(cases)('$name -> $status', async (c) => {
      const before = await tableCounts(ctx.database);
      const res = await ctx.call(
        ['PUT'].includes(c.method)
          ? 'hub_manager'
          : c.method === 'GET'
            ? 'viewer'
            : c.url.includes('rotas')
              ? 'coordinator'
              : 'social_worker',
        c.method,
        c.url,
        c.body?.(),
      );
      expect(res.statusCode, res.body).toBe(c.status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      const problem = res.json();
      expect(problem).toMatchObject({ status: c.status });
      expect(problem.type).toMatch(/^https:\/\//);
      if (c.detail) expect(problem.detail).toMatch(c.detail);
      expect(await tableCounts(ctx.database)).toEqual(before);
    });

    it('refuses an override by someone from another hub, of grade G, or absent that week', async () => {
      await ctx.call('admin', 'PUT', '/v1/hubs/west-hub', { name: 'West Hub' });
      const mk = async (name: string, grade: string, hub: string) =>
        (
          await ctx.call('admin', 'POST', '/v1/practitioners', {
            name,
            kind: 'zero_nineteen',
            grade,
            homeRegion: 'north-west',
            hub,
          })
        ).json().id as string;
      const other = await mk('Other Hub Person', 'H', 'west-hub');
      const gradeG = await mk('Grade G Person', 'G', 'east-hub');
      const away = await mk('Away Person', 'I', 'east-hub');
      const monday = (await ctx.call('viewer', 'GET', `/v1/osr/hubs/east-hub/weeks/${week}`)).json().monday;
      await ctx.call('admin', 'POST', `/v1/practitioners/${away}/absences`, {
        kind: 'annual_leave',
        start: `${monday}T12:00:00Z`,
        end: `${monday}T23:00:00Z`,
      });
      const before = await tableCounts(ctx.database);
      for (const [id, why] of [
        [other, /not a current 0-19 practitioner of east-hub name/],
        [gradeG, /grade G; only grades H and I/],
        [away, /annual leave/],
      ] as const) {
        const res = await ctx.call('hub_manager', 'PUT', `/v1/osr/lead-responders/east-hub/${week}`, {
          practitionerId: id,
          reason: 'Try',
        });
        expect(res.statusCode, res.body).toBe(422);
        expect(res.json().detail).toMatch(why);
      }
      expect(await tableCounts(ctx.database)).toEqual(before);
    });
  },
);
