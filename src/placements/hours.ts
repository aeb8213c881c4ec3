import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export interface WeekHours {
  practitionerId: string;
  name: string;
  week: string;
  hours: number;
  shifts: number;
  nights: number;
  contractedHoursPerWeek: number | null;
  maxHoursPer7Days: number;
}

/**
 * Hours worked per ISO week of the shifts' local start dates, in real elapsed time (a 13-hour autumn
 * night counts 13), counting only the part of a shift each person works, against their contract.
 */
export async function hoursByWeek(
  db: Kysely<DB>,
  from: string,
  to: string,
  practitionerId?: string,
): Promise<WeekHours[]> {
  const rows = await sql<{
    practitioner_id: string;
    name: string;
    week: string;
    minutes: number;
    shifts: number;
    nights: number;
    contracted: number | null;
    max_hours: number;
  }>`
    SELECT p.id AS practitioner_id, p.name,
           to_char(s.local_date, 'IYYY-"W"IW') AS week,
           sum(extract(epoch FROM (upper(a.period) - lower(a.period))) / 60)::float8 AS minutes,
           count(*)::int AS shifts,
           count(*) FILTER (WHERE s.night)::int AS nights,
           p.contracted_hours_per_week::float8 AS contracted,
           p.max_hours_per_7_days::float8 AS max_hours
    FROM shift_assignments a
    JOIN shifts s ON s.id = a.shift_id
    JOIN practitioners p ON p.id = a.practitioner_id
    WHERE s.local_date BETWEEN ${from}::date AND ${to}::date
      ${practitionerId ? sql`AND p.id = ${practitionerId}::uuid` : sql``}
    GROUP BY p.id, p.name, week, p.contracted_hours_per_week, p.max_hours_per_7_days
    ORDER BY p.name, p.id, week`.execute(db);
  return rows.rows.map((r) => ({
    practitionerId: r.practitioner_id,
    name: r.name,
    week: r.week,
    hours: Math.round((Number(r.minutes) / 60) * 100) / 100,
    shifts: Number(r.shifts),
    nights: Number(r.nights),
    contractedHoursPerWeek: r.contracted === null ? null : Number(r.contracted),
    maxHoursPer7Days: Number(r.max_hours),
  }));
}
