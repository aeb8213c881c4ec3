import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { hasPostgres } from '../helpers/databases.js';
import { booking, hubWithLead, weekFromNow } from './booking-helpers.js';

if (!hasPostgres()) {
  console.log(
    '[osr] Skipping the concurrent booking tests: they need a real PostgreSQL (PGlite runs one transaction at a time). Set DATABASE_URL.',
  );
}

// PGlite has one connection, so only a real server can show the cap holding under concurrency.
describe.skipIf(!hasPostgres())('the weekly case cap under concurrency, on postgres', () => {
  let ctx: TestContext;
  const week = weekFromNow(3);
  const casesBooked = async (hub: string) =>
    (await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/hubs/${hub}/weeks/${week}`), 200)).json()
      .casesBooked;

  beforeAll(async () => {
    ctx = await createTestContext('postgres');
    await hubWithLead(ctx, 'east-hub', [week]);
    await hubWithLead(ctx, 'west-hub', [week]);
  });
  afterAll(() => ctx?.close());

  it('20 simultaneous requests for 20 cases through the API: exactly 3 created, 17 refused with 409', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', week, `RACE-${i}`)),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(3);
    expect(codes.filter((c) => c === 409)).toHaveLength(17);
    for (const r of results.filter((x) => x.statusCode === 409))
      expect(r.json().type).toMatch(/case-limit-reached$/);
    expect(await casesBooked('east-hub')).toBe(3);
    const review = (
      await expectStatus(
        ctx.call('viewer', 'GET', `/v1/osr/review?fromWeek=${week}&hub=east-hub&toWeek=${week}`),
        200,
      )
    ).json();
    expect(review.items[0]).toMatchObject({ casesBooked: 3, refusedRequests: 17 });

    // Counts stay right after cancellations, and a freed slot can be taken once more, by one request only.
    const created = results.filter((r) => r.statusCode === 201).map((r) => r.json());
    await expectStatus(
      ctx.call('social_worker', 'POST', `/v1/osr/bookings/${created[0].id}/cancel`, {}),
      200,
    );
    expect(await casesBooked('east-hub')).toBe(2);
    const second = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ctx.call('social_worker', 'POST', '/v1/osr/bookings', booking('east-hub', week, `AGAIN-${i}`)),
      ),
    );
    expect(second.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(await casesBooked('east-hub')).toBe(3);
  });

  it('holds for 20 separate database connections inserting at once, whatever the application does', async () => {
    const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(ctx.database.db);
    const url = new URL(inject('pgUrl'));
    url.pathname = `/${rows[0]!.db}`;
    const lead = await ctx.database.db
      .selectFrom('practitioners')
      .select('id')
      .where('hub', '=', 'west-hub')
      .executeTakeFirstOrThrow();
    const monday = (
      await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/hubs/west-hub/weeks/${week}`), 200)
    ).json().monday;
    const clients = Array.from({ length: 20 }, () => new pg.Client({ connectionString: url.toString() }));
    await Promise.all(clients.map((c) => c.connect()));
    try {
      // Every client opens its transaction first, then all insert together.
      await Promise.all(clients.map((c) => c.query('BEGIN')));
      const outcomes = await Promise.all(
        clients.map(async (c, i) => {
          try {
            await c.query(
              `INSERT INTO osr_bookings (hub_code, week_start, case_reference, kind, practitioner_id, social_worker)
               VALUES ('west-hub', $1, $2, 'consultation', $3, 'Direct SQL')`,
              [monday, `SQL-${i}`, lead.id],
            );
            await c.query('COMMIT');
            return 'created';
          } catch (error) {
            await c.query('ROLLBACK');
            return (error as { code?: string }).code;
          }
        }),
      );
      expect(outcomes.filter((o) => o === 'created')).toHaveLength(3);
      expect(outcomes.filter((o) => o === 'OSR01')).toHaveLength(17);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
    expect(await casesBooked('west-hub')).toBe(3);
  });
});
