import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { generateDemoPanel } from '../../src/demo/generate.js';
import { DEMO_KEYS, loadDemoData } from '../../src/demo/load.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../helpers/databases.js';

describe('demo data', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(() => database?.close());

  it('is the same panel for the same seed and a different one for another seed', () => {
    expect(generateDemoPanel(7)).toEqual(generateDemoPanel(7));
    expect(generateDemoPanel(7)).not.toEqual(generateDemoPanel(8));
  });

  it('has about 45 parenting practitioners across 5 regions with mixed specialisms and genders, and 3 hubs of G/H/I staff', () => {
    const { practitioners } = generateDemoPanel(2026);
    const parenting = practitioners.filter((p) => p.kind === 'parenting');
    expect(parenting).toHaveLength(45);
    expect(new Set(parenting.map((p) => p.homeRegion)).size).toBe(5);
    expect(new Set(parenting.flatMap((p) => p.specialisms)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(parenting.map((p) => p.gender))).toContain('male');
    const hubs = new Set(practitioners.filter((p) => p.kind === 'zero_nineteen').map((p) => p.hub));
    expect(hubs.size).toBe(3);
    const grades = new Set(practitioners.filter((p) => p.kind === 'zero_nineteen').map((p) => p.grade));
    expect([...grades].sort()).toEqual(['G', 'H', 'I']);
  });

  it('loads into an empty database once: 12 placements with a published fortnight, absences around today, a key per role', async () => {
    const now = DateTime.fromISO('2026-11-23T09:00:00', { zone: 'Europe/London' });
    expect(await loadDemoData(database.db, { seed: 2026, timezone: 'Europe/London', now })).toBe(true);
    expect(await loadDemoData(database.db, { seed: 2026, timezone: 'Europe/London', now })).toBe(false);
    const count = async (
      table:
        | 'practitioners'
        | 'regions'
        | 'hubs'
        | 'absences'
        | 'api_keys'
        | 'placements'
        | 'shifts'
        | 'shift_assignments',
    ) =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await count('practitioners')).toBe(66);
    expect(await count('regions')).toBe(5);
    expect(await count('hubs')).toBe(3);
    expect(await count('absences')).toBe(5);
    expect(await count('placements')).toBe(12);
    // Placements past their three-week review have one recorded; three people have stated preferences.
    const reviews = await database.db.selectFrom('placement_reviews').select(['decision']).execute();
    expect(reviews.length).toBeGreaterThan(0);
    expect(reviews.every((r) => ['continue', 'step_down'].includes(r.decision))).toBe(true);
    const prefs = await database.db.selectFrom('practitioner_preferences').selectAll().execute();
    expect(
      prefs.map((p) => [p.no_nights, p.unavailable_weekdays.length, p.preferred_placements.length]),
    ).toEqual(
      expect.arrayContaining([
        [true, 0, 0],
        [false, 1, 0],
        [false, 0, 1],
      ]),
    );
    // A published rota for the first two weeks, so the board has people on it.
    expect(await count('shift_assignments')).toBeGreaterThan(150);
    expect(await count('api_keys')).toBe(Object.keys(DEMO_KEYS).length);
    const open = await database.db.selectFrom('absences').selectAll().where('ends_at', 'is', null).execute();
    expect(open.map((a) => a.kind)).toEqual(['sickness']);
    // Past OSR work with outcomes across several months, so the pilot review shows figures.
    const closed = await database.db
      .selectFrom('osr_interventions')
      .select(['closed_on', 'outcome', 'feedback_score'])
      .where('closed_at', 'is not', null)
      .execute();
    expect(closed.length).toBeGreaterThanOrEqual(20);
    expect(new Set(closed.map((c) => c.closed_on!.slice(0, 7))).size).toBeGreaterThanOrEqual(3);
    expect(new Set(closed.map((c) => c.outcome)).size).toBe(5);
    expect(closed.some((c) => c.feedback_score !== null)).toBe(true);
  });
});
