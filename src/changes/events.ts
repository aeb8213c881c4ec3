import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { fromJson } from '../db/json.js';
import type { DomainEvent, EventPayload, EventType } from '../events/catalogue.js';

/**
 * An event for other systems, written in the same transaction as the change it tells of. The type and its
 * payload are checked together against the catalogue (src/events/catalogue.ts) at compile time.
 */
export async function writeEvent<T extends EventType>(
  db: Kysely<DB>,
  type: T,
  subjectId: string,
  payload: EventPayload<T>,
): Promise<void> {
  const event = await db
    .insertInto('outbox_events')
    .values({ type, subject_id: subjectId, payload: JSON.stringify(payload) })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The fan-out to webhooks is part of the same transaction: a delivery exists exactly when its change
  // committed (a feed read after the fact by id could miss a change whose transaction commits late).
  await sql`
    INSERT INTO webhook_deliveries (webhook_id, event_id)
    SELECT id, ${event.id} FROM webhooks WHERE ${type} = ANY(events)`.execute(db);
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
/** Writes an event already built as a typed value (as a change's `event` returns it). */
export const writeDomainEvent = (db: Kysely<DB>, event: DomainEvent): Promise<void> =>
  writeEvent(db, event.type, event.subjectId, event.payload as EventPayload<typeof event.type>);
