import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { hashKey } from '../keys/secrets.js';

/** Calendar links in SQL: only a token's SHA-256 is stored. */
export type LinkTarget =
  { kind: 'practitioner'; practitionerId: string } | { kind: 'osr'; hub: string | null };

export async function insertLink(
  trx: Transaction<DB>,
  target: LinkTarget,
  token: string,
  createdByKey: string | null,
): Promise<string> {
  const row = await trx
    .insertInto('calendar_links')
    .values({
      kind: target.kind,
      practitioner_id: target.kind === 'practitioner' ? target.practitionerId : null,
      hub_code: target.kind === 'osr' ? target.hub : null,
      token_hash: hashKey(token),
      created_by_key: createdByKey,
    })
    .returning(['id'])
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A link not revoked, under a row lock: what it opens. */
export function lockLink(trx: Transaction<DB>, id: string) {
  return trx
    .selectFrom('calendar_links')
    .select(['kind', 'practitioner_id', 'hub_code'])
    .where((eb) => eb.and({ id, revoked_at: null }))
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeLinkRow(trx: Transaction<DB>, id: string): Promise<void> {
  await trx.updateTable('calendar_links').set({ revoked_at: new Date() }).where('id', '=', id).execute();
}

/** The link a token opens, unless unknown or revoked. */
export function findLinkByToken(db: Kysely<DB>, token: string) {
  return db
    .selectFrom('calendar_links')
    .selectAll()
    .where((eb) => eb.and({ token_hash: hashKey(token), revoked_at: null }))
    .executeTakeFirst();
}

export async function practitionerName(db: Kysely<DB>, id: string): Promise<string> {
  const row = await db
    .selectFrom('practitioners')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row.name;
}
