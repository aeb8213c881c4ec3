import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { problems } from '../http/problem.js';
import { weekFigures } from './figures.js';
import { closedBetween } from './intervention-repository.js';
import { monthFigures, monthsBetween } from './review.js';
import type { Review } from './review-schemas.js';
import type { RotaQuery } from './schemas.js';
import { hubNames } from './rota-repository.js';
import { osrWeek, weekRange } from './weeks.js';

/** The pilot's review over OSR weeks: weekly figures and the monthly outcomes of the period. */
export async function reviewOf(db: Kysely<DB>, q: RotaQuery, timezone: string): Promise<Review> {
  const weeks = weekRange(q.fromWeek, q.toWeek);
  const names = await hubNames(db, q.hub ? [q.hub] : undefined);
  if (q.hub && names.size === 0) throw problems.notFound('hub', q.hub);
  const hubs = [...names.keys()];
  const mondays = weeks.map((w) => osrWeek(w, timezone).monday);
  const figures = [...(await weekFigures(db, hubs, mondays)).values()];
  const first = osrWeek(weeks[0]!, timezone).start.toISODate()!;
  const last = osrWeek(weeks.at(-1)!, timezone).end.minus({ days: 1 }).toISODate()!;
  const closed = await closedBetween(db, hubs, first, last);
  const withMonday = figures.map((f) => ({ ...f, monday: osrWeek(f.week, timezone).monday }));
  return {
    fromWeek: weeks[0]!,
    toWeek: weeks.at(-1)!,
    items: figures,
    months: monthFigures(names, monthsBetween(first, last), withMonday, closed),
  };
}
