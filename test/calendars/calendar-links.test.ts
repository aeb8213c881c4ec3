import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import { createApiKey } from '../../src/keys/repository.js';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { addPlacement, addPractitioner, putReference } from '../helpers/fixtures.js';
import { databaseTargets } from '../helpers/databases.js';
import { hubWithLead, weekFromNow } from '../osr/booking-helpers.js';

const TZ = 'Europe/London';
const day = (n: number) => DateTime.now().setZone(TZ).startOf('day').plus({ days: n }).toISODate()!;

describe.each(databaseTargets())('calendar links, on %s', (target) => {
  let ctx: TestContext;
  let alex: { id: string };
  let shiftId: string;
  let eastManager: string;
  /** The feed as a calendar app asks for it: no Authorization header at all. */
  const subscribe = (url: string) => ctx.app.inject({ method: 'GET', url: new URL(url).pathname });

  beforeAll(async () => {
    ctx = await createTestContext(target);
    await putReference(ctx, { regions: { north: 'North' } });
    alex = await addPractitioner(ctx, { name: 'Alex Morgan', homeRegion: 'north' }, 'coordinator');
    const placement = await addPlacement(ctx, {
      caseReference: 'CR-CAL-1',
      region: 'north',
      startDate: day(3),
      endDate: day(3),
    });
    const shifts = (
      await ctx.call('viewer', 'GET', `/v1/shifts?from=${day(3)}&to=${day(3)}&placement=${placement.id}`)
    ).json().items;
    shiftId = shifts[0].id;
    await expectStatus(
      ctx.call('cover', 'POST', `/v1/shifts/${shiftId}/assignments`, { practitionerId: alex.id }),
      201,
    );
    await hubWithLead(ctx, 'east-hub', [weekFromNow(1)]);
    await hubWithLead(ctx, 'west-hub', [weekFromNow(1)]);
    await expectStatus(
      ctx.call('coordinator', 'POST', '/v1/osr/rotas/issue', {
        fromWeek: weekFromNow(1),
        toWeek: weekFromNow(1),
      }),
      200,
    );
    eastManager = (
      await createApiKey(ctx.database.db, 'east manager', 'hub_manager', undefined, ['east-hub'])
    ).key;
  });
  afterAll(() => ctx?.close());

  it("serves a practitioner's rota without a key, in the organisation's zone, until the link is revoked", async () => {
    const link = (
      await expectStatus(ctx.call('coordinator', 'POST', `/v1/practitioners/${alex.id}/calendar-links`), 201)
    ).json();
    expect(link.url).toMatch(/^http:\/\/localhost(:\d+)?\/calendars\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await subscribe(link.url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    const parsed = ical.sync.parseICS(res.body);
    const zone = Object.values(parsed).find((c) => c?.type === 'VTIMEZONE');
    expect(zone).toMatchObject({ tzid: TZ });
    const events = Object.values(parsed).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events).toHaveLength(1);
    expect(events[0]!.uid).toBe(`shift-${shiftId}@care-rota`);
    expect(events[0]!.summary).toContain('CR-CAL-1');
    const shift = (await ctx.call('viewer', 'GET', `/v1/shifts/${shiftId}`)).json();
    expect(events[0]!.start.toISOString()).toBe(new Date(shift.start).toISOString());
    expect(res.body).toContain(`DTSTART;TZID=${TZ}:`);

    // Only the token's SHA-256 is kept.
    const token = new URL(link.url).pathname
      .split('/')
      .at(-1)!
      .replace(/\.ics$/, '');
    const row = await ctx.database.db
      .selectFrom('calendar_links')
      .selectAll()
      .where('id', '=', link.id)
      .executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);

    await expectStatus(ctx.call('coordinator', 'DELETE', `/v1/calendar-links/${link.id}`), 204);
    expect((await subscribe(link.url)).statusCode).toBe(404);
    expect((await ctx.call('coordinator', 'DELETE', `/v1/calendar-links/${link.id}`)).statusCode).toBe(404);
    expect((await ctx.app.inject({ method: 'GET', url: '/calendars/not-a-token.ics' })).statusCode).toBe(400);
  });

  it('serves the issued OSR rota of a hub, or of every hub, with VTIMEZONE', async () => {
    const all = (
      await expectStatus(ctx.call('coordinator', 'POST', '/v1/osr/calendar-links', {}), 201)
    ).json();
    const body = (await subscribe(all.url)).body;
    const events = Object.values(ical.sync.parseICS(body)).filter((c): c is VEvent => c?.type === 'VEVENT');
    expect(events.map((e) => e.uid).sort()).toEqual([
      `osr-east-hub-${weekFromNow(1)}@care-rota`,
      `osr-west-hub-${weekFromNow(1)}@care-rota`,
    ]);
    expect(body).toContain('BEGIN:VTIMEZONE');
    const east = (
      await expectStatus(
        ctx.app.inject({
          method: 'POST',
          url: '/v1/osr/calendar-links',
          headers: { authorization: `Bearer ${eastManager}` },
          payload: { hub: 'east-hub' },
        }),
        201,
      )
    ).json();
    const eastEvents = Object.values(ical.sync.parseICS((await subscribe(east.url)).body)).filter(
      (c) => c?.type === 'VEVENT',
    );
    expect(eastEvents).toHaveLength(1);
    await expectStatus(
      ctx.app.inject({
        method: 'DELETE',
        url: `/v1/calendar-links/${east.id}`,
        headers: { authorization: `Bearer ${eastManager}` },
      }),
      204,
    );
  });

  it('lets each key act only on what it owns', async () => {
    const as = (key: string, method: 'POST' | 'DELETE', url: string, payload?: object) =>
      ctx.app.inject({
        method,
        url,
        headers: { authorization: `Bearer ${key}` },
        ...(payload ? { payload } : {}),
      });
    // A hub manager links and revokes only its own hubs' OSR rota, never every hub nor a practitioner.
    expect((await as(eastManager, 'POST', '/v1/osr/calendar-links', { hub: 'west-hub' })).statusCode).toBe(
      403,
    );
    expect((await as(eastManager, 'POST', '/v1/osr/calendar-links', {})).statusCode).toBe(422);
    expect((await as(eastManager, 'POST', `/v1/practitioners/${alex.id}/calendar-links`)).statusCode).toBe(
      403,
    );
    const west = (
      await expectStatus(ctx.call('admin', 'POST', '/v1/osr/calendar-links', { hub: 'west-hub' }), 201)
    ).json();
    expect((await as(eastManager, 'DELETE', `/v1/calendar-links/${west.id}`)).statusCode).toBe(403);
    const personal = (
      await expectStatus(ctx.call('admin', 'POST', `/v1/practitioners/${alex.id}/calendar-links`), 201)
    ).json();
    expect((await as(eastManager, 'DELETE', `/v1/calendar-links/${personal.id}`)).statusCode).toBe(403);
    expect((await ctx.call('viewer', 'POST', `/v1/practitioners/${alex.id}/calendar-links`)).statusCode).toBe(
      403,
    );
    expect(
      (await ctx.call('coordinator', 'POST', '/v1/osr/calendar-links', { hub: 'no-such-hub' })).statusCode,
    ).toBe(404);
  });
});
