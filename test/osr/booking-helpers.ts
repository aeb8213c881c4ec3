import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { expectStatus, type TestContext } from '../helpers/app.js';

/** ISO week `n` weeks from the current one, in the organisation's zone (the cap rules use the real clock). */
export function weekFromNow(n: number): string {
  return DateTime.now().setZone('Europe/London').plus({ weeks: n }).toFormat("kkkk-'W'WW");
}

/** A hub set up long ago with a cap of `cap`, and one H practitioner who leads the given weeks. */
export async function hubWithLead(ctx: TestContext, hub: string, weeks: string[], cap = 3) {
  if ((await ctx.call('admin', 'GET', '/v1/regions/north-west')).statusCode === 404)
    await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north-west', { name: 'North West' }), 201);
  await expectStatus(
    ctx.call('admin', 'PUT', `/v1/hubs/${hub}`, { name: `${hub} name`, weeklyCaseCap: cap }),
    201,
  );
  // The test hub manager's key names every hub made here (hub managers act on their hubs only).
  await sql`UPDATE api_keys SET hubs = array_append(hubs, ${hub})
    WHERE role = 'hub_manager' AND name = 'test hub_manager' AND NOT (${hub} = ANY(hubs))`.execute(
    ctx.database.db,
  );
  // The hub's first cap row starts this week; move it back, as if the hub had been set up last year,
  // so that a cap change this week leaves earlier weeks on the old cap.
  await sql`UPDATE hub_case_caps SET from_week_start = '2025-01-06' WHERE hub_code = ${hub}`.execute(
    ctx.database.db,
  );
  const lead = (
    await expectStatus(
      ctx.call('admin', 'POST', '/v1/practitioners', {
        name: `Lead of ${hub}`,
        kind: 'zero_nineteen',
        grade: 'H',
        homeRegion: 'north-west',
        hub,
      }),
      201,
    )
  ).json();
  for (const week of weeks) {
    await expectStatus(
      ctx.call('admin', 'PUT', `/v1/osr/lead-responders/${hub}/${week}`, {
        practitionerId: lead.id,
        reason: 'Set up for the test',
      }),
      200,
    );
  }
  return lead as { id: string; name: string };
}

export const booking = (hub: string, week: string, caseReference: string, extra: object = {}) => ({
  hub,
  week,
  caseReference,
  kind: 'consultation',
  socialWorker: 'Duty SW Team 2',
  ...extra,
});
