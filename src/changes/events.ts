import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** An event for other systems, written in the same transaction as the change it tells of. */
export async function writeEvent(
  db: Kysely<DB>,
  type: string,
  subjectId: string,
  payload: unknown,
): Promise<void> {
  await db
    .insertInto('outbox_events')
    .values({ type, subject_id: subjectId, payload: JSON.stringify(payload) })
    .execute();
}
