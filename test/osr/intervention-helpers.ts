import { sql } from 'kysely';
import type { TestContext } from '../helpers/app.js';

/**
 * A booking of a past week, written straight to the table: the API refuses bookings in past weeks,
 * but outcomes and review figures need interventions that started and closed in the past.
 */
export async function pastBooking(
  ctx: TestContext,
  v: { hub: string; monday: string; caseReference: string; practitionerId: string; at?: string },
): Promise<string> {
  const end = v.at ? sql`${v.at}::timestamptz + interval '90 minutes'` : sql`NULL`;
  const { rows } = await sql<{ id: string }>`
    INSERT INTO osr_bookings (hub_code, week_start, case_reference, kind, practitioner_id, social_worker,
                              scheduled_at, visit_ends_at)
    VALUES (${v.hub}, ${v.monday}, ${v.caseReference}, ${v.at ? 'joint_visit' : 'consultation'},
            ${v.practitionerId}, 'Duty SW Team 2', ${v.at ?? null}, ${end})
    RETURNING id`.execute(ctx.database.db);
  return rows[0]!.id;
}
