import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { loadDemoData } from '../../src/demo/load.js';
import { ruleBreaks } from '../../src/rules/enforce.js';
import type { Database } from '../../src/db/database.js';
import { createTestDatabase } from '../helpers/databases.js';

describe('the demo rota', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('pglite');
  });
  afterAll(() => database?.close());

  it('breaks no hard rule under its own facts (its absences included)', async () => {
    const zone = 'Europe/London';
    const now = DateTime.now().setZone(zone);
    await loadDemoData(database.db, { seed: 2026, timezone: zone, now });
    const breaks = await ruleBreaks(
      database.db,
      { period: { from: now.minus({ days: 1 }).toJSDate(), to: now.plus({ days: 21 }).toJSDate() } },
      { now: now.toJSDate(), timezone: zone },
    );
    expect(breaks.map((b) => b.message)).toEqual([]);
  });
});
