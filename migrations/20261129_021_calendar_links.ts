import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // A secret calendar URL a calendar app subscribes to without a key: a practitioner's rota, or the OSR
  // rota (one hub, or every hub). Only the token's SHA-256 is kept; revoking stamps revoked_at.
  await sql`
    CREATE TABLE calendar_links (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      kind text NOT NULL CHECK (kind IN ('practitioner', 'osr')),
      practitioner_id uuid REFERENCES practitioners(id),
      hub_code text REFERENCES hubs(code),
      token_hash text NOT NULL UNIQUE,
      created_by_key uuid,
      created_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      CHECK ((kind = 'practitioner') = (practitioner_id IS NOT NULL)),
      CHECK (kind = 'osr' OR hub_code IS NULL)
    )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_links').ifExists().execute();
}
