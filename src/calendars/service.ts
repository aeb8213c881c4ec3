import { randomBytes } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Kysely } from 'kysely';
import { auditContextOf } from '../audit/record.js';
import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { DB } from '../db/schema.js';
import { assertHubScope, hubScopeOf } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { rotaIcs } from '../osr/exports/ics.js';
import { exportTable } from '../osr/exports/rows.js';
import { hubExists } from '../osr/rota-repository.js';
import { weekRange } from '../osr/weeks.js';
import { findPractitioner } from '../panel/practitioner-repository.js';
import { collect, practitionerCalendar } from '../placements/exports.js';
import { listShifts } from '../placements/shift-repository.js';
import { currentWeekMonday, mondayToIsoWeek } from '../time/weeks.js';
import { localPeriod } from '../time/period.js';
import {
  findLinkByToken,
  insertLink,
  lockLink,
  practitionerName,
  revokeLinkRow,
  type LinkTarget,
} from './repository.js';

/**
 * Calendar links: a secret URL per practitioner rota or OSR rota that a calendar app subscribes to without
 * an API key. The token is shown once, in the URL; only its SHA-256 is stored, so a stolen database gives
 * no working link. Revoking stamps the row; the URL then answers 404.
 */

/** The feed's span: a month back and four months ahead (practitioners); OSR weeks likewise. */
const DAYS_BACK = 30;
const DAYS_AHEAD = 120;

export async function linkPractitioner(ctx: ChangeContext, practitionerId: string, baseUrl: string) {
  if (!(await findPractitioner(ctx.db, practitionerId)))
    throw problems.notFound('practitioner', practitionerId);
  return createLink(ctx, { kind: 'practitioner', practitionerId }, baseUrl);
}

export async function linkOsrRota(ctx: ChangeContext, hub: string | undefined, baseUrl: string) {
  // A hub manager's link is to one of its hubs; an every-hub link is for whole-service roles.
  if (hub === undefined && hubScopeOf(ctx.request) !== null)
    throw problems.unprocessable('A hub_manager key makes links to the hubs it names; say which hub.', [
      { field: '/body/hub', message: 'is required for a hub_manager key' },
    ]);
  assertHubScope(ctx.request, hub);
  if (hub && !(await hubExists(ctx.db, hub))) throw problems.notFound('hub', hub);
  return createLink(ctx, { kind: 'osr', hub: hub ?? null }, baseUrl);
}

async function createLink(ctx: ChangeContext, target: LinkTarget, baseUrl: string) {
  const token = randomBytes(32).toString('base64url');
  const { after } = await applyChange(ctx, {
    entity: 'calendar_link',
    action: 'create',
    write: (trx) => insertLink(trx, target, token, auditContextOf(ctx.request).keyId),
    entityId: (id) => id,
    audited: () => target,
  });
  return { id: after, url: `${baseUrl}/calendars/${token}.ics` };
}

export async function revokeLink(ctx: ChangeContext, id: string): Promise<void> {
  await applyChange(ctx, {
    entity: 'calendar_link',
    action: 'revoke',
    lock: async (trx) => {
      const link = await lockLink(trx, id);
      if (!link) throw problems.notFound('calendar link', id);
      // Hub managers revoke only OSR links of their hubs; practitioner links are the coordinators'.
      if (hubScopeOf(ctx.request) !== null) {
        if (link.kind !== 'osr')
          throw problems.forbidden('A hub_manager key revokes only OSR links of its hubs.');
        assertHubScope(ctx.request, link.hub_code);
      }
      return link;
    },
    write: (trx) => revokeLinkRow(trx, id),
    entityId: () => id,
  });
}

/** The calendar a token opens, or undefined for an unknown or revoked token. */
export async function calendarFor(
  db: Kysely<DB>,
  token: string,
  timezone: string,
): Promise<string | undefined> {
  const link = await findLinkByToken(db, token);
  if (!link) return undefined;
  if (link.kind === 'practitioner' && link.practitioner_id)
    return practitionerFeed(db, link.practitioner_id, timezone);
  const monday = DateTime.fromISO(currentWeekMonday(timezone), { zone: timezone });
  const weeks = weekRange(
    mondayToIsoWeek(monday.minus({ weeks: 4 }).toISODate()!),
    mondayToIsoWeek(monday.plus({ weeks: 17 }).toISODate()!),
    104,
  );
  return rotaIcs(await exportTable(db, weeks, link.hub_code ?? undefined, timezone), timezone);
}

async function practitionerFeed(db: Kysely<DB>, practitionerId: string, timezone: string) {
  const today = DateTime.now().setZone(timezone);
  const name = await practitionerName(db, practitionerId);
  const from = today.minus({ days: DAYS_BACK }).toISODate()!;
  const to = today.plus({ days: DAYS_AHEAD }).toISODate()!;
  const { start, end } = localPeriod(from, to, timezone, DAYS_BACK + DAYS_AHEAD + 1);
  const { items } = await listShifts(db, { from: start, to: end, practitionerId }, 100_000, 0);
  const year = (date: string) => DateTime.fromISO(date, { zone: timezone }).year;
  const years: [number, number] = [year(from), year(to)];
  return collect(practitionerCalendar(practitionerId, name, [items], new Date(), timezone, years));
}
