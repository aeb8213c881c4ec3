import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  action?: string;
  actorKeyId?: string;
  /** Instants: entries at or after `from`, before `to`. */
  period?: { start: Date; end: Date };
}

/** A page of the audit log, newest first, and how many entries match in all. */
export async function listAudit(db: Kysely<DB>, filter: AuditFilter, limit: number, offset: number) {
  let query = db.selectFrom('audit_log');
  if (filter.entity) query = query.where('entity', '=', filter.entity);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.actorKeyId) query = query.where('actor_key_id', '=', filter.actorKeyId);
  if (filter.period) query = query.where('at', '>=', filter.period.start).where('at', '<', filter.period.end);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await query.selectAll().orderBy('id', 'desc').limit(limit).offset(offset).execute();
  return {
    items: rows.map((r) => ({
      id: Number(r.id),
      at: r.at.toISOString(),
      actorKeyId: r.actor_key_id,
      actorRole: r.actor_role,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      before: r.before,
      after: r.after,
      requestId: r.request_id,
    })),
    total: Number(total.n),
  };
}
