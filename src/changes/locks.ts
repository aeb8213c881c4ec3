import { sql, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Locks the facts an assignment is judged by, before the shifts it changes. Changes of facts take the
 * same rows FOR UPDATE (a placement's exclusions, a practitioner's regions or absences), so a check and
 * a change of facts never interleave: whichever commits second sees the other. Every write takes its
 * locks in this order (placements, practitioners, shifts), so two writes never wait on each other.
 */
export async function lockFactsForAssigning(
  trx: Transaction<DB>,
  shiftIds: readonly string[],
  practitionerIds: readonly string[],
): Promise<void> {
  if (shiftIds.length)
    await sql`
      SELECT p.id FROM placements p
      WHERE p.id IN (SELECT s.placement_id FROM shifts s WHERE s.id IN (${sql.join([...new Set(shiftIds)])}))
      ORDER BY p.id FOR SHARE`.execute(trx);
  if (practitionerIds.length)
    await sql`
      SELECT id FROM practitioners WHERE id IN (${sql.join([...new Set(practitionerIds)])})
      ORDER BY id FOR SHARE`.execute(trx);
}
