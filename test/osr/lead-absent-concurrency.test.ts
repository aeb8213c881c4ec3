import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestContext, expectStatus, type TestContext } from '../helpers/app.js';
import { hasPostgres } from '../helpers/databases.js';
import { hubWithLead, weekFromNow } from './booking-helpers.js';

if (!hasPostgres()) {
  console.log(
    '[osr] Skipping the absent-lead race tests: they need a real PostgreSQL (PGlite runs one transaction at a time). Set DATABASE_URL.',
  );
}

// A booking racing an absence or an archiving of the lead responder: the booking trigger waits on the
// lead's row and then sees what was committed, so no visit is booked with someone who is away.
describe.skipIf(!hasPostgres())('a booking racing the lead responder going away, on postgres', () => {
  let ctx: TestContext;
  let url: string;
  const week = weekFromNow(3);

  const connect = async () => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    return c;
  };
  /** Until the session `pid` waits on a lock (it then waits until the other transaction ends). */
  const blockedOnLock = async (pid: number) => {
    for (let i = 0; i < 500; i++) {
      const { rows } = await sql<{ wait: string | null }>`
        SELECT wait_event_type AS wait FROM pg_stat_activity WHERE pid = ${pid}`.execute(ctx.database.db);
      if (rows[0]?.wait === 'Lock') return;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error('The booking never waited on a lock.');
  };
  const insertBooking = (c: pg.Client, hub: string, monday: string, lead: string, ref: string) =>
    c.query(
      `INSERT INTO osr_bookings (hub_code, week_start, case_reference, kind, practitioner_id, social_worker)
       VALUES ($1, $2, $3, 'consultation', $4, 'Direct SQL')`,
      [hub, monday, ref, lead],
    );

  beforeAll(async () => {
    ctx = await createTestContext('postgres');
    const { rows } = await sql<{ db: string }>`SELECT current_database() AS db`.execute(ctx.database.db);
    const u = new URL(inject('pgUrl'));
    u.pathname = `/${rows[0]!.db}`;
    url = u.toString();
  });
  afterAll(() => ctx?.close());

  for (const [what, goAway] of [
    [
      'an absence being recorded',
      (c: pg.Client, lead: string) =>
        c.query(`INSERT INTO absences (practitioner_id, kind, starts_at) VALUES ($1, 'sickness', now())`, [
          lead,
        ]),
    ],
    [
      'an absence being extended',
      async (c: pg.Client, lead: string) => {
        // Away until yesterday (committed before the race), then the end moves on by a year.
        await c.query('COMMIT');
        await c.query(
          `INSERT INTO absences (practitioner_id, kind, starts_at, ends_at)
           VALUES ($1, 'annual_leave', now() - interval '7 days', now() - interval '1 day')`,
          [lead],
        );
        await c.query('BEGIN');
        await c.query(`UPDATE absences SET ends_at = now() + interval '1 year' WHERE practitioner_id = $1`, [
          lead,
        ]);
      },
    ],
    [
      'an archiving',
      (c: pg.Client, lead: string) =>
        c.query(`UPDATE practitioners SET archived_at = now() WHERE id = $1`, [lead]),
    ],
  ] as const) {
    it(`waits for ${what} and then refuses the booking`, async () => {
      const hub = `race-${what.split(' ').at(-1)}`;
      const lead = await hubWithLead(ctx, hub, [week]);
      const monday = (
        await expectStatus(ctx.call('viewer', 'GET', `/v1/osr/hubs/${hub}/weeks/${week}`), 200)
      ).json().monday;
      const [a, b] = [await connect(), await connect()];
      try {
        await a.query('BEGIN');
        await goAway(a, lead.id);
        const [session] = (await b.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
        await b.query('BEGIN');
        let settled = false;
        const booking = insertBooking(b, hub, monday, lead.id, 'RACE-1').then(
          () => ({ code: 'created' }),
          (e: { code?: string }) => ({ code: e.code }),
        );
        void booking.then(() => (settled = true));
        await blockedOnLock(session!.pid);
        expect(settled).toBe(false);
        await a.query('COMMIT');
        expect((await booking).code).toBe('OSR02');
        await b.query('ROLLBACK');
      } finally {
        await a.end();
        await b.end();
      }
    });
  }
});
