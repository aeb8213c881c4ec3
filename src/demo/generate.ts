import reference from './reference.json' with { type: 'json' };
import { createRandom } from '../scheduler/random.js';
import type { PractitionerValues } from '../panel/practitioner-repository.js';

/** A realistic but invented panel: no real person or family is in here. */
export const DEMO_REGIONS = reference.regions;
export const DEMO_SPECIALISMS = reference.specialisms;
export const DEMO_HUBS = reference.hubs;

const FIRST = [
  'Amara',
  'Ben',
  'Chloe',
  'Dev',
  'Ella',
  'Femi',
  'Grace',
  'Harry',
  'Isla',
  'Jamal',
  'Kate',
  'Liam',
  'Maya',
  'Nathan',
  'Olivia',
  'Priya',
  'Quinn',
  'Ruth',
  'Sam',
  'Tariq',
  'Una',
  'Vik',
  'Wendy',
  'Yusuf',
  'Zara',
];
const LAST = [
  'Ahmed',
  'Bennett',
  'Clarke',
  'Dawson',
  'Evans',
  'Fletcher',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Murphy',
  'Nowak',
  'Okafor',
  'Patel',
  'Reid',
  'Shaw',
  'Taylor',
  'Walsh',
  'Young',
];

export interface DemoPanel {
  practitioners: PractitionerValues[];
}

export function generateDemoPanel(seed: number): DemoPanel {
  const rnd = createRandom(seed);
  const used = new Set<string>();
  const name = () => {
    for (;;) {
      const n = `${rnd.pick(FIRST)} ${rnd.pick(LAST)}`;
      if (!used.has(n)) {
        used.add(n);
        return n;
      }
    }
  };
  const practitioners: PractitionerValues[] = [];
  const regionCodes = DEMO_REGIONS.map((r) => r.code);
  for (let i = 0; i < 45; i++) {
    const home = regionCodes[i % regionCodes.length] as string;
    const extra = rnd.shuffle(regionCodes.filter((r) => r !== home)).slice(0, rnd.int(3));
    const specialisms = rnd.shuffle(DEMO_SPECIALISMS.map((s) => s.code)).slice(0, rnd.int(3));
    const genderRoll = rnd.next();
    const hours = rnd.pick([37.5, 37.5, 30, 22.5, null]);
    practitioners.push({
      externalRef: `DEMO-PP-${String(i + 1).padStart(3, '0')}`,
      name: name(),
      kind: 'parenting',
      grade: null,
      homeRegion: home,
      regions: [home, ...extra].sort(),
      hub: null,
      specialisms: specialisms.sort(),
      gender: genderRoll < 0.7 ? 'female' : genderRoll < 0.97 ? 'male' : 'other',
      contract: {
        maxHoursPer7Days: 48,
        minRestHours: 11,
        maxConsecutiveNights: 4,
        maxConsecutiveDays: 6,
        hoursPerWeek: hours,
        minConsecutiveDaysOff: 1,
        maxWeekendsIn4Weeks: null,
      },
    });
  }
  let n = 0;
  for (const hub of DEMO_HUBS) {
    for (const grade of ['G', 'H', 'H', 'H', 'I', 'I', 'I']) {
      n++;
      practitioners.push({
        externalRef: `DEMO-019-${String(n).padStart(3, '0')}`,
        name: name(),
        kind: 'zero_nineteen',
        grade,
        homeRegion: 'south-east',
        regions: ['south-east'],
        hub: hub.code,
        specialisms: [],
        gender: rnd.next() < 0.75 ? 'female' : 'male',
        contract: {
          maxHoursPer7Days: 48,
          minRestHours: 11,
          maxConsecutiveNights: 4,
          maxConsecutiveDays: 6,
          hoursPerWeek: 37,
          minConsecutiveDaysOff: 1,
          maxWeekendsIn4Weeks: null,
        },
      });
    }
  }
  return { practitioners };
}
