import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import type { GradeMix } from '../db/schema.js';
import { assertHubScope } from '../http/permissions.js';
import { problems } from '../http/problem.js';
import { gradeMixOf } from './rota-repository.js';
import { knownHub } from './rota-service.js';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import {
  dutyWeeks,
  findDatTeam,
  lockDatTeam,
  saveDatTeam,
  saveDutyWeek,
  saveHubSettings,
} from './setup-repository.js';
import { addWeeks, mondaySpan, osrWeek, parseWeek, weekOfMonday, weekRange } from './weeks.js';

/** The OSR set-up's writes, each through the change pipeline (lock, write, audit). */
export async function putDatTeam(ctx: ChangeContext, code: string, name: string) {
  const { after } = await applyChange(ctx, {
    entity: 'osr_dat_team',
    action: 'set',
    lock: (trx) => lockDatTeam(trx, code),
    write: async (trx, before) => {
      await saveDatTeam(trx, code, name);
      return { code, name, created: !before };
    },
    entityId: () => code,
    audited: ({ code: c, name: n }) => ({ code: c, name: n }),
  });
  return after;
}

export async function setDutyWeek(ctx: ChangeContext, week: string, datTeam: string) {
  parseWeek(week, '/params/week');
  const team = await findDatTeam(ctx.db, datTeam);
  if (!team)
    throw problems.unprocessable(`No DAT team with code "${datTeam}" exists.`, [
      { field: '/body/datTeam', message: 'is not a known DAT team' },
    ]);
  const monday = osrWeek(week, ctx.timezone).monday;
  await applyChange(ctx, {
    entity: 'osr_dat_duty_week',
    action: 'set',
    write: async (trx) => {
      await saveDutyWeek(trx, monday, datTeam);
      return { datTeam };
    },
    entityId: () => week,
  });
  return { dutyWeek: week, datTeam, datTeamName: team.name, osrWeek: addWeeks(week, 1) };
}

export async function setHubSettings(
  ctx: ChangeContext,
  hub: string,
  body: { gradeMix: GradeMix; hShare?: number },
) {
  assertHubScope(ctx.request, hub);
  await knownHub(ctx.db, hub);
  const hShare = body.gradeMix === 'alternate' ? null : (body.hShare ?? 0.5);
  await applyChange(ctx, {
    entity: 'osr_hub_settings',
    action: 'set',
    lock: (trx) => gradeMixOf(trx, hub),
    write: async (trx) => {
      await saveHubSettings(trx, hub, body.gradeMix, hShare);
      return body;
    },
    entityId: () => hub,
  });
  return { hub, gradeMix: body.gradeMix, hShare: hShare ?? 0.5 };
}

/** The DAT duty weeks between two weeks, each with the OSR week it leads to. */
export async function dutyWeeksOf(
  db: Kysely<DB>,
  q: { fromWeek: string; toWeek?: string },
  timezone: string,
) {
  const { fromMonday, toMonday } = mondaySpan(weekRange(q.fromWeek, q.toWeek), timezone);
  const rows = await dutyWeeks(db, fromMonday, toMonday);
  return {
    items: rows.map((r) => {
      const dutyWeek = weekOfMonday(r.duty_week_start);
      return { dutyWeek, datTeam: r.dat_team, datTeamName: r.name, osrWeek: addWeeks(dutyWeek, 1) };
    }),
  };
}

/** A hub's rota settings (404 for a hub that does not exist). */
export async function hubSettingsOf(db: Kysely<DB>, hub: string) {
  await knownHub(db, hub);
  const mix = await gradeMixOf(db, hub);
  return { hub, gradeMix: mix.gradeMix, hShare: mix.hShare };
}
