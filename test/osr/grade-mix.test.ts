import { describe, expect, it } from 'vitest';
import { generateHubRota } from '../../src/osr/rota-generate.js';
import type { HubFacts, PlanWeek } from '../../src/osr/rota-problem.js';
import { addWeeks } from '../../src/osr/weeks.js';

const people = [
  { id: 'h1', name: 'Asha Patel', grade: 'H' },
  { id: 'h2', name: 'Ben Carter', grade: 'H' },
  { id: 'i1', name: 'Chloe Evans', grade: 'I' },
  { id: 'i2', name: 'Dev Singh', grade: 'I' },
];
const facts = (hShare: number): HubFacts => ({
  hub: 'east-hub',
  hubName: 'East 0-19 Hub',
  practitioners: people.map((p) => ({ ...p, hub: 'east-hub' })),
  absences: [],
  mix: { gradeMix: 'share', hShare },
  timezone: 'Europe/London',
});
const gradeOf = new Map(people.map((p) => [p.id, p.grade]));
const grades = (f: HubFacts, weeks: PlanWeek[]) => {
  const { lead } = generateHubRota(f, weeks);
  return [...lead.values()].map((id) => gradeOf.get(id ?? '') ?? '-').join('');
};
const planned = (n: number): PlanWeek[] =>
  Array.from({ length: n }, (_, i) => ({ week: addWeeks('2030-W02', i) }));

describe('the H/I mix under a share', () => {
  it('issue 13: the default share 0.5 over 9 weeks alternates (was I, I, I, H, H, H, I, I, I)', () => {
    expect(grades(facts(0.5), planned(9))).toBe('HIHIHIHIH');
  });

  it('spreads another share as evenly as it can: 0.6 over 10 weeks is 6 H, never three of a grade running', () => {
    const g = grades(facts(0.6), planned(10));
    expect([...g].filter((c) => c === 'H')).toHaveLength(6);
    expect(g).not.toMatch(/HHH|II/);
  });

  it("measures the share over the hub's history: after two H weeks the next weeks catch up with I", () => {
    const history: PlanWeek[] = [
      { week: '2029-W52', history: true, pinned: 'h1' },
      { week: '2030-W01', history: true, pinned: 'h2' },
    ];
    expect(grades(facts(0.5), [...history, ...planned(4)])).toBe('IIHI');
  });
});

describe('planning a hub in the warm solver thread', () => {
  it('gives the same weeks, reasons and notes as planning in place, with absences crossing as dates', async () => {
    const { SolverThread } = await import('../../src/solving/index.js');
    const thread = new SolverThread();
    try {
      const f: HubFacts = {
        ...facts(0.5),
        absences: [
          {
            practitionerId: 'h1',
            kind: 'annual_leave',
            start: new Date('2030-01-13T00:00:00Z'),
            end: new Date('2030-01-27T00:00:00Z'),
          },
        ],
      };
      const weeks = planned(6);
      const inThread = await thread.hubRota(f, weeks);
      const inPlace = generateHubRota(f, weeks);
      expect(inThread.lead).toEqual(inPlace.lead);
      expect(inThread.reasons).toEqual(inPlace.reasons);
      expect(inThread.notes).toEqual(inPlace.notes);
      expect([...inThread.lead.values()].every((id) => id !== null)).toBe(true);
      expect([inThread.lead.get('2030-W03'), inThread.lead.get('2030-W04')]).not.toContain('h1');
    } finally {
      await thread.close();
    }
  });
});
