import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface AuditContext {
  keyId: string | null;
  role: string;
  requestId: string | null;
}

export const SYSTEM_AUDIT: AuditContext = { keyId: null, role: 'system', requestId: null };

export function auditContextOf(request: FastifyRequest): AuditContext {
  return {
    keyId: request.actor?.keyId ?? null,
    role: request.actor?.role ?? 'anonymous',
    requestId: request.id,
  };
}

export interface AuditEntry {
  entity: string;
  entityId: string;
  action: string;
  before?: unknown;
  after?: unknown;
}

/** Call inside the same transaction as the change, so the log and the data never disagree. */
export async function recordAudit(db: Kysely<DB>, ctx: AuditContext, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_key_id: ctx.keyId,
      actor_role: ctx.role,
      entity: entry.entity,
      entity_id: entry.entityId,
      action: entry.action,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: ctx.requestId,
    })
    .execute();
}
