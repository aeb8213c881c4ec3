import type { Kysely, Transaction } from 'kysely';
import type { DB, GradeMix } from '../db/schema.js';

/** SQL of the OSR set-up: DAT teams, their duty weeks, and each hub's H/I mix setting. */
export async function lockDatTeam(trx: Transaction<DB>, code: string) {
  return trx
    .selectFrom('osr_dat_teams')
    .select(['code', 'name'])
    .where('code', '=', code)
    .forUpdate()
    .executeTakeFirst();
}

export async function findDatTeam(db: Kysely<DB>, code: string) {
  return db.selectFrom('osr_dat_teams').select(['code', 'name']).where('code', '=', code).executeTakeFirst();
}

export async function listDatTeams(db: Kysely<DB>) {
  return db.selectFrom('osr_dat_teams').select(['code', 'name']).orderBy('code').execute();
}

export async function saveDatTeam(trx: Transaction<DB>, code: string, name: string): Promise<void> {
  await trx
    .insertInto('osr_dat_teams')
    .values({ code, name })
    .onConflict((oc) =>
      oc.column('code').doUpdateSet((eb) => ({
        name,
        version: eb('osr_dat_teams.version', '+', 1),
        updated_at: new Date(),
      })),
    )
    .execute();
}

export async function saveDutyWeek(trx: Transaction<DB>, monday: string, datTeam: string): Promise<void> {
  await trx
    .insertInto('osr_dat_duty_weeks')
    .values({ duty_week_start: monday, dat_team: datTeam })
    .onConflict((oc) => oc.column('duty_week_start').doUpdateSet({ dat_team: datTeam, set_at: new Date() }))
    .execute();
}

/** The DAT duty weeks between two Mondays (both included), with each team's name. */
export async function dutyWeeks(db: Kysely<DB>, fromMonday: string, toMonday: string) {
  return db
    .selectFrom('osr_dat_duty_weeks as d')
    .innerJoin('osr_dat_teams as t', 't.code', 'd.dat_team')
    .select(['d.duty_week_start', 'd.dat_team', 't.name'])
    .where('d.duty_week_start', '>=', fromMonday)
    .where('d.duty_week_start', '<=', toMonday)
    .orderBy('d.duty_week_start')
    .execute();
}

export async function saveHubSettings(
  trx: Transaction<DB>,
  hub: string,
  gradeMix: GradeMix,
  hShare: number | null,
): Promise<void> {
  await trx
    .insertInto('osr_hub_settings')
    .values({ hub_code: hub, grade_mix: gradeMix, h_share: hShare })
    .onConflict((oc) =>
      oc.column('hub_code').doUpdateSet((eb) => ({
        grade_mix: gradeMix,
        h_share: hShare,
        version: eb('osr_hub_settings.version', '+', 1),
        updated_at: new Date(),
      })),
    )
    .execute();
}

/** The DAT team on duty in the week of this Monday, if any. */
export async function datTeamOnDuty(db: Kysely<DB>, monday: string) {
  return db
    .selectFrom('osr_dat_duty_weeks as d')
    .innerJoin('osr_dat_teams as t', 't.code', 'd.dat_team')
    .select(['t.code', 't.name'])
    .where('d.duty_week_start', '=', monday)
    .executeTakeFirst();
}
