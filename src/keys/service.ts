import type { Kysely, Transaction } from 'kysely';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import type { RoleName } from '../http/schemas.js';
import { missingCodes } from '../reference/repository.js';
import { createApiKey, revokeApiKey } from './repository.js';

/** Issues a key; the audit keeps everything but the secret. */
export async function issueKey(ctx: ChangeContext, body: { name: string; role: RoleName; hubs?: string[] }) {
  const hubs = await checkKeyHubs(ctx.db, body.role, body.hubs);
  const { after } = await applyChange(ctx, {
    entity: 'api_key',
    action: 'create',
    write: (trx) => createApiKey(trx, body.name, body.role, undefined, hubs),
    entityId: (key) => key.id,
    audited: ({ key: _secret, ...safe }) => safe,
  });
  return after;
}

export async function revokeKey(ctx: ChangeContext, id: string) {
  const { after } = await applyChange(ctx, {
    entity: 'api_key',
    action: 'revoke',
    write: (trx) => revokeOrRefuse(trx, id),
    entityId: () => id,
  });
  return after;
}

async function revokeOrRefuse(trx: Transaction<DB>, id: string) {
  const revoked = await revokeApiKey(trx, id);
  if (!revoked) throw problems.notFound('active API key', id);
  return revoked;
}

/** A hub_manager key must name known hubs; no other role takes any. */
export async function checkKeyHubs(
  db: Kysely<DB>,
  role: RoleName,
  hubs: string[] | undefined,
): Promise<string[] | null> {
  if (role !== 'hub_manager') {
    if (hubs !== undefined)
      throw problems.unprocessable('Only a hub_manager key names hubs.', [
        { field: '/body/hubs', message: `is not taken for the ${role} role` },
      ]);
    return null;
  }
  if (!hubs?.length)
    throw problems.unprocessable('A hub_manager key must name its hubs.', [
      { field: '/body/hubs', message: 'is required for the hub_manager role' },
    ]);
  const missing = await missingCodes(db, 'hubs', hubs);
  if (missing.length)
    throw problems.unprocessable(`No hub with code ${missing.map((m) => `"${m}"`).join(', ')} exists.`, [
      { field: '/body/hubs', message: 'names an unknown hub' },
    ]);
  return [...hubs].sort();
}
