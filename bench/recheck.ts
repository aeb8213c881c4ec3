import { performance } from 'node:perf_hooks';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import { keepRules } from '../src/rules/enforce.js';

/**
 * The time to re-check a practitioner change on a published rota: for the busiest practitioners, a change
 * that keeps every rule (the 7-day limit re-saved) and one that breaks some (the limit lowered to 12 hours,
 * so shifts come off), each re-checked as the change pipeline does, in a transaction that is rolled back.
 */
export async function measureRecheck(db: Kysely<DB>, timezone: string, now: Date, samples: number) {
  const busy = await sql<{ practitioner_id: string }>`
    SELECT a.practitioner_id FROM shift_assignments a
    GROUP BY a.practitioner_id ORDER BY count(*) DESC, a.practitioner_id LIMIT ${samples}`.execute(db);
  const keeps: number[] = [];
  const breaks: number[] = [];
  let takenOff = 0;
  const rollback = new Error('rollback');
  for (const { practitioner_id: id } of busy.rows) {
    for (const breaking of [false, true]) {
      await db
        .transaction()
        .execute(async (trx) => {
          const t = performance.now();
          if (breaking) {
            await sql`DELETE FROM practitioner_regions r USING practitioners p
              WHERE r.practitioner_id = p.id AND p.id = ${id} AND r.region_code <> p.home_region`.execute(
              trx,
            );
          } else {
            await trx
              .updateTable('practitioners')
              .set({ max_hours_per_7_days: 48 })
              .where('id', '=', id)
              .execute();
          }
          const off = await keepRules(trx, { practitionerIds: [id] }, { now, timezone });
          (breaking ? breaks : keeps).push(performance.now() - t);
          if (breaking) takenOff += off.length;
          throw rollback;
        })
        .catch((e) => {
          if (e !== rollback) throw e;
        });
    }
  }
  const stats = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return {
      medianMs: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
      worstMs: Math.round(sorted.at(-1) ?? 0),
    };
  };
  return {
    practitioners: busy.rows.length,
    keepsRules: stats(keeps),
    breaksRules: { ...stats(breaks), shiftsTakenOff: takenOff },
  };
}
