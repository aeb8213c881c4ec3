import type { Kysely } from 'kysely';
import { DateTime } from 'luxon';
import type { DB } from '../db/schema.js';
import { insertPlacement } from '../placements/repository.js';
import { mergePlacement } from '../placements/rules.js';
import { syncShifts } from '../placements/shift-sync.js';
import type { Phase } from '../placements/shift-plan.js';

type Pattern = '24/7' | 'waking' | 'visits' | 'step-down';

const DEMO_PLACEMENTS: {
  ref: string;
  region: string;
  pattern: Pattern;
  startWeeks: number;
  specialisms?: string[];
  female?: boolean;
}[] = [
  { ref: 'DEMO-0101', region: 'north-west', pattern: '24/7', startWeeks: -1 },
  { ref: 'DEMO-0102', region: 'north-east', pattern: '24/7', startWeeks: 0, female: true },
  { ref: 'DEMO-0103', region: 'yorkshire', pattern: '24/7', startWeeks: -2 },
  { ref: 'DEMO-0104', region: 'midlands', pattern: '24/7', startWeeks: 0 },
  { ref: 'DEMO-0105', region: 'south-east', pattern: '24/7', startWeeks: 1 },
  { ref: 'DEMO-0106', region: 'north-west', pattern: 'step-down', startWeeks: -3 },
  { ref: 'DEMO-0107', region: 'north-east', pattern: 'waking', startWeeks: 0 },
  {
    ref: 'DEMO-0108',
    region: 'yorkshire',
    pattern: 'waking',
    startWeeks: 1,
    specialisms: ['learning-disability'],
  },
  { ref: 'DEMO-0109', region: 'midlands', pattern: 'waking', startWeeks: -1 },
  { ref: 'DEMO-0110', region: 'south-east', pattern: 'visits', startWeeks: 0, specialisms: ['newborn-care'] },
  {
    ref: 'DEMO-0111',
    region: 'north-west',
    pattern: 'visits',
    startWeeks: 0,
    specialisms: ['domestic-abuse'],
  },
  { ref: 'DEMO-0112', region: 'midlands', pattern: 'visits', startWeeks: 1 },
];

const shifts = {
  '24/7': [
    { start: '08:00', end: '20:00', practitioners: 1 },
    { start: '20:00', end: '08:00', practitioners: 1 },
  ],
  waking: [{ start: '08:00', end: '20:00', practitioners: 1 }],
  visits: [{ start: '10:00', end: '14:00', practitioners: 1 }],
};

function phasesFor(pattern: Pattern, start: DateTime, end: DateTime): Phase[] {
  const d = (x: DateTime) => x.toISODate()!;
  if (pattern !== 'step-down') return [{ fromDate: d(start), toDate: d(end), shifts: shifts[pattern] }];
  // 24/7 to the 3-week review, then waking hours, then short visits before withdrawal.
  return [
    { fromDate: d(start), toDate: d(start.plus({ days: 20 })), shifts: shifts['24/7'] },
    { fromDate: d(start.plus({ days: 21 })), toDate: d(start.plus({ days: 34 })), shifts: shifts.waking },
    { fromDate: d(start.plus({ days: 35 })), toDate: d(end), shifts: shifts.visits },
  ];
}

/** Twelve invented placements around today: 24/7, stepping down, waking hours and short visits. */
export async function loadDemoPlacements(
  db: Kysely<DB>,
  monday: DateTime,
  timezone: string,
  excluded: string,
): Promise<number> {
  let count = 0;
  for (const [i, p] of DEMO_PLACEMENTS.entries()) {
    const start = monday.plus({ weeks: p.startWeeks });
    const end = start.plus({ weeks: 6 }).minus({ days: 1 });
    const values = mergePlacement(undefined, {
      caseReference: p.ref,
      region: p.region,
      startDate: start.toISODate()!,
      endDate: end.toISODate()!,
      requiredSpecialisms: p.specialisms ?? [],
      genderRequirement: p.female ? 'female' : null,
      excludedPractitioners: i === 0 ? [excluded] : [],
      phases: phasesFor(p.pattern, start, end),
    });
    const placement = await insertPlacement(db, values);
    await syncShifts(db, placement, timezone, null);
    count++;
  }
  return count;
}
