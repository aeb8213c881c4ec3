import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RoleName } from '../http/schemas.js';
import { hashKey, keyPrefix, newKeySecret } from './secrets.js';

export interface ApiKey {
  id: string;
  name: string;
  role: RoleName;
  prefix: string;
  createdAt: string;
  revokedAt: string | null;
  /** hub_manager keys: the hubs they may act on; null for other roles. */
  hubs: string[] | null;
}

const toApiKey = (row: {
  id: string;
  name: string;
  role: string;
  key_prefix: string;
  created_at: Date;
  revoked_at: Date | null;
  hubs: string[] | null;
}): ApiKey => ({
  id: row.id,
  name: row.name,
  role: row.role as RoleName,
  prefix: row.key_prefix,
  createdAt: row.created_at.toISOString(),
  revokedAt: row.revoked_at ? row.revoked_at.toISOString() : null,
  hubs: row.hubs ?? null,
});

export async function createApiKey(
  db: Kysely<DB>,
  name: string,
  role: RoleName,
  secret = newKeySecret(),
  hubs: string[] | null = null,
): Promise<ApiKey & { key: string }> {
  const row = await db
    .insertInto('api_keys')
    .values({ name, role, key_hash: hashKey(secret), key_prefix: keyPrefix(secret), hubs })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { ...toApiKey(row), key: secret };
}

export async function findActiveKey(db: Kysely<DB>, secret: string): Promise<ApiKey | undefined> {
  const row = await db
    .selectFrom('api_keys')
    .selectAll()
    .where('key_hash', '=', hashKey(secret))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

export async function listApiKeys(db: Kysely<DB>): Promise<ApiKey[]> {
  const rows = await db.selectFrom('api_keys').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toApiKey);
}

export async function revokeApiKey(db: Kysely<DB>, id: string): Promise<ApiKey | undefined> {
  const row = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row ? toApiKey(row) : undefined;
}

/**
 * Makes sure an admin key with this secret exists (ADMIN_API_KEY at boot); idempotent. A key once revoked
 * stays revoked: the secret is burnt, and the answer says so (to rotate, set a new ADMIN_API_KEY).
 */
export async function ensureBootstrapAdmin(
  db: Kysely<DB>,
  secret: string,
): Promise<'created' | 'exists' | 'revoked'> {
  const existing = await db
    .selectFrom('api_keys')
    .select(['id', 'role', 'revoked_at'])
    .where('key_hash', '=', hashKey(secret))
    .executeTakeFirst();
  if (existing?.revoked_at) return 'revoked';
  if (existing) {
    if (existing.role !== 'admin')
      await db
        .updateTable('api_keys')
        .set({ role: 'admin', hubs: null })
        .where('id', '=', existing.id)
        .execute();
    return 'exists';
  }
  await createApiKey(db, 'bootstrap admin (ADMIN_API_KEY)', 'admin', secret);
  return 'created';
}
