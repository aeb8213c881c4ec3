import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fromJson } from '../db/json.js';

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

/** The outbox after a cursor (an event id), oldest first. */
export async function listEvents(db: Kysely<DB>, after: number, limit: number) {
  const rows = await db
    .selectFrom('outbox_events')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: Number(r.id),
    type: r.type,
    subjectId: r.subject_id,
    payload: fromJson<unknown>(r.payload),
    createdAt: r.created_at.toISOString(),
  }));
}
