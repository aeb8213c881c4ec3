import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import { recordAudit, type AuditContext } from '../audit/record.js';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { hashKey } from '../keys/secrets.js';
import { rotaIcs } from '../osr/exports/ics.js';
import { exportTable } from '../osr/exports/rows.js';
import { weekRange } from '../osr/weeks.js';
import { collect, practitionerCalendar } from '../placements/exports.js';
import { listShifts } from '../placements/shift-repository.js';
import { currentWeekMonday, mondayToIsoWeek } from '../time/weeks.js';
import { localPeriod } from '../time/period.js';

/**
 * Calendar links: a secret URL per practitioner rota or OSR rota that a calendar app subscribes to without
 * an API key. The token is shown once, in the URL; only its SHA-256 is stored, so a stolen database gives
 * no working link. Revoking stamps the row; the URL then answers 404.
 */
export type LinkTarget =
  { kind: 'practitioner'; practitionerId: string } | { kind: 'osr'; hub: string | null };

/** The feed's span: a month back and four months ahead (practitioners); OSR weeks likewise. */
const DAYS_BACK = 30;
const DAYS_AHEAD = 120;

export async function createLink(
  db: Kysely<DB>,
  audit: AuditContext,
  target: LinkTarget,
  baseUrl: string,
): Promise<{ id: string; url: string }> {
  const token = randomBytes(32).toString('base64url');
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('calendar_links')
      .values({
        kind: target.kind,
        practitioner_id: target.kind === 'practitioner' ? target.practitionerId : null,
        hub_code: target.kind === 'osr' ? target.hub : null,
        token_hash: hashKey(token),
        created_by_key: audit.keyId,
      })
      .returning(['id'])
      .executeTakeFirstOrThrow();
    await recordAudit(trx, audit, {
      entity: 'calendar_link',
      entityId: row.id,
      action: 'create',
      after: target,
    });
    return { id: row.id, url: `${baseUrl}/calendars/${token}.ics` };
  });
}

export async function findLink(db: Kysely<DB>, id: string) {
  return db
    .selectFrom('calendar_links')
    .selectAll()
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function revokeLink(db: Kysely<DB>, audit: AuditContext, id: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('calendar_links')
      .set({ revoked_at: new Date() })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returning(['kind', 'practitioner_id', 'hub_code'])
      .executeTakeFirst();
    if (!row) throw problems.notFound('calendar link', id);
    await recordAudit(trx, audit, { entity: 'calendar_link', entityId: id, action: 'revoke', before: row });
  });
}

/** The calendar a token opens, or undefined for an unknown or revoked token. */
export async function calendarFor(
  db: Kysely<DB>,
  token: string,
  timezone: string,
): Promise<string | undefined> {
  const link = await db
    .selectFrom('calendar_links')
    .selectAll()
    .where('token_hash', '=', hashKey(token))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!link) return undefined;
  const today = DateTime.now().setZone(timezone);
  if (link.kind === 'practitioner' && link.practitioner_id) {
    const person = await db
      .selectFrom('practitioners')
      .select('name')
      .where('id', '=', link.practitioner_id)
      .executeTakeFirstOrThrow();
    const from = today.minus({ days: DAYS_BACK }).toISODate()!;
    const to = today.plus({ days: DAYS_AHEAD }).toISODate()!;
    const { start, end } = localPeriod(from, to, timezone, DAYS_BACK + DAYS_AHEAD + 1);
    const { items } = await listShifts(
      db,
      { from: start, to: end, practitionerId: link.practitioner_id },
      100_000,
      0,
    );
    return collect(
      practitionerCalendar(link.practitioner_id, person.name, [items], new Date(), timezone, [
        DateTime.fromISO(from, { zone: timezone }).year,
        DateTime.fromISO(to, { zone: timezone }).year,
      ]),
    );
  }
  const monday = DateTime.fromISO(currentWeekMonday(timezone), { zone: timezone });
  const weeks = weekRange(
    mondayToIsoWeek(monday.minus({ weeks: 4 }).toISODate()!),
    mondayToIsoWeek(monday.plus({ weeks: 17 }).toISODate()!),
    104,
  );
  return rotaIcs(await exportTable(db, weeks, link.hub_code ?? undefined, timezone), timezone);
}
