import { sql, type Kysely } from 'kysely';

// Frozen in time: this file never imports application code.
export async function up(db: Kysely<any>): Promise<void> {
  // Imports update by externalRef, so it names one record: two imports racing cannot make two.
  await sql`CREATE UNIQUE INDEX practitioners_external_ref ON practitioners (external_ref) WHERE external_ref IS NOT NULL`.execute(
    db,
  );
  await sql`CREATE UNIQUE INDEX placements_external_ref ON placements (external_ref) WHERE external_ref IS NOT NULL`.execute(
    db,
  );
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP INDEX IF EXISTS practitioners_external_ref`.execute(db);
  await sql`DROP INDEX IF EXISTS placements_external_ref`.execute(db);
}
