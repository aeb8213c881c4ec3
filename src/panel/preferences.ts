import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import { Type, type Static } from 'typebox';
import type { DB } from '../db/schema.js';
import { fromJson } from '../db/json.js';
import { Instant, Uuid } from '../http/schemas.js';
import type { Absence, Preference } from '../scheduler/index.js';

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const Weekday = Type.Union([
  Type.Literal('mon'),
  Type.Literal('tue'),
  Type.Literal('wed'),
  Type.Literal('thu'),
  Type.Literal('fri'),
  Type.Literal('sat'),
  Type.Literal('sun'),
]);
const Period = Type.Object({ start: Instant, end: Instant }, { additionalProperties: false });

export const preferencesExample = {
  noNights: false,
  unavailableWeekdays: ['wed'],
  wanted: [],
  unwanted: [{ start: '2026-12-24T00:00:00Z', end: '2026-12-27T00:00:00Z' }],
  preferredPlacements: [],
};

export const PreferencesBody = Type.Object(
  {
    noNights: Type.Boolean({ description: 'Hard: never on a night shift' }),
    unavailableWeekdays: Type.Array(Weekday, {
      uniqueItems: true,
      maxItems: 7,
      description: 'Hard: never on a shift starting on these local weekdays',
    }),
    wanted: Type.Array(Period, { maxItems: 100, description: 'Wish: times they would like to work' }),
    unwanted: Type.Array(Period, { maxItems: 100, description: 'Wish: times they would rather not work' }),
    preferredPlacements: Type.Array(Uuid, {
      uniqueItems: true,
      maxItems: 20,
      description: 'Wish: families they know and would like to keep working with',
    }),
  },
  {
    additionalProperties: false,
    examples: [preferencesExample],
  },
);
export type PreferencesDto = Static<typeof PreferencesBody>;

export const NO_PREFERENCES: PreferencesDto = {
  noNights: false,
  unavailableWeekdays: [],
  wanted: [],
  unwanted: [],
  preferredPlacements: [],
};

export async function findPreferences(
  db: Kysely<DB>,
  practitionerIds: readonly string[],
): Promise<Map<string, PreferencesDto & { version: number }>> {
  if (practitionerIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('practitioner_preferences')
    .selectAll()
    .where('practitioner_id', 'in', [...practitionerIds])
    .execute();
  return new Map(
    rows.map((r) => [
      r.practitioner_id,
      {
        noNights: r.no_nights,
        unavailableWeekdays: r.unavailable_weekdays as PreferencesDto['unavailableWeekdays'],
        wanted: fromJson<PreferencesDto['wanted']>(r.wanted),
        unwanted: fromJson<PreferencesDto['unwanted']>(r.unwanted),
        preferredPlacements: r.preferred_placements,
        version: r.version,
      },
    ]),
  );
}

export async function savePreferences(db: Kysely<DB>, id: string, p: PreferencesDto): Promise<void> {
  const values = {
    no_nights: p.noNights,
    unavailable_weekdays: [...p.unavailableWeekdays],
    wanted: JSON.stringify(p.wanted),
    unwanted: JSON.stringify(p.unwanted),
    preferred_placements: [...p.preferredPlacements],
  };
  await db
    .insertInto('practitioner_preferences')
    .values({ practitioner_id: id, ...values })
    .onConflict((oc) =>
      oc.column('practitioner_id').doUpdateSet((eb) => ({
        ...values,
        version: eb('practitioner_preferences.version', '+', 1),
        updated_at: new Date(),
      })),
    )
    .execute();
}

const minutes = (d: Date | string) => Math.round(new Date(d).getTime() / 60_000);

/**
 * Preferences as the scheduler core states them, over the local dates [from, to]: unavailable weekdays
 * are whole local days of unavailability (hard), wishes are soft preferences.
 */
export function preferenceFacts(
  p: PreferencesDto,
  from: string,
  to: string,
  timezone: string,
): { unavailable: Absence[]; preferences: Preference[] } {
  const unavailable: Absence[] = [];
  if (p.unavailableWeekdays.length) {
    const last = DateTime.fromISO(to, { zone: timezone });
    for (
      let d = DateTime.fromISO(from, { zone: timezone }).startOf('day');
      d <= last;
      d = d.plus({ days: 1 })
    ) {
      if (!p.unavailableWeekdays.includes(WEEKDAYS[d.weekday - 1]!)) continue;
      unavailable.push({
        start: minutes(d.toJSDate()),
        end: minutes(d.plus({ days: 1 }).toJSDate()),
        kind: 'unavailable',
      });
    }
  }
  return {
    unavailable,
    preferences: [
      ...p.wanted.map((w) => ({ start: minutes(w.start), end: minutes(w.end), kind: 'wanted' as const })),
      ...p.unwanted.map((w) => ({ start: minutes(w.start), end: minutes(w.end), kind: 'unwanted' as const })),
    ],
  };
}
