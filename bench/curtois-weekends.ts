/**
 * How much of each Curtois & Qu instance's cover its weekend rules make impossible: the weekend shifts
 * its cover asks for against the most its staff can work (each person at most their maximum of
 * weekends, two shifts on a weekend with both days free of fixed days off, one on a weekend with one),
 * and the difference, a lower bound on the units of under-cover of any roster. Where it is above 0,
 * every weekend day is short, and a weekend worked on one day only wastes a unit.
 *
 *   npx tsx bench/curtois-weekends.ts [--instances 16,17]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCurtois } from '../src/scheduler/curtois/parse.js';
import type { CurtoisInstance } from '../src/scheduler/curtois/types.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), 'data', 'curtois', 'instances');
const { values } = parseArgs({
  options: { instances: { type: 'string', default: Array.from({ length: 24 }, (_, i) => i + 1).join(',') } },
});

/** Weekend shifts asked for, the most the staff can work, and the units short whatever the roster. */
export function weekendBound(instance: CurtoisInstance): { asked: number; most: number; short: number } {
  const weeks = Math.floor(instance.horizonDays / 7);
  let asked = 0;
  for (const c of instance.cover) if (c.day % 7 >= 5 && c.day < weeks * 7) asked += c.requirement;
  let most = 0;
  for (const s of instance.staff) {
    const off = new Set(s.daysOff);
    let whole = 0;
    let half = 0;
    for (let w = 0; w < weeks; w++) {
      const free = Number(!off.has(7 * w + 5)) + Number(!off.has(7 * w + 6));
      if (free === 2) whole++;
      else if (free === 1) half++;
    }
    const allowed = Math.min(s.maxWeekends, weeks);
    most += 2 * Math.min(allowed, whole) + Math.min(Math.max(0, allowed - whole), half);
  }
  return { asked, most, short: Math.max(0, asked - most) };
}

for (const n of values.instances.split(',').filter((s) => s !== '')) {
  const name = /^\d+$/.test(n) ? `Instance${n}` : n;
  const { asked, most, short } = weekendBound(parseCurtois(readFileSync(join(dir, `${name}.txt`), 'utf8')));
  console.log(
    `${name}: weekend shifts asked ${asked}, most the staff can work ${most}, short at least ${short}`,
  );
}
