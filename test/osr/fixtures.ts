import { expectStatus, type TestContext } from '../helpers/app.js';
import { addPractitioner, recordAbsence } from '../helpers/fixtures.js';

/** Three hubs of 0-19 practitioners with grades G, H and I, and absences in a 12-week run from 2030-W02. */
export const FROM_WEEK = '2030-W02';
export const WEEKS = 12;

export interface Person {
  id: string;
  name: string;
  grade: string;
  hub: string;
}

export interface AbsenceSpec {
  name: string;
  kind: 'sickness' | 'annual_leave' | 'training' | 'unavailable';
  start: string;
  end?: string;
}

export const HUBS: Record<string, { name: string; people: [string, string][] }> = {
  'east-hub': {
    name: 'East 0-19 Hub',
    people: [
      ['Asha Patel', 'H'],
      ['Ben Carter', 'H'],
      ['Chloe Evans', 'I'],
      ['Dev Singh', 'I'],
      ['Ella Grant', 'G'],
    ],
  },
  'west-hub': {
    name: 'West 0-19 Hub',
    people: [
      ['Femi Okafor', 'H'],
      ['Gina Rossi', 'I'],
      ['Hari Nair', 'I'],
      ['Isla Brown', 'G'],
    ],
  },
  'north-hub': {
    name: 'North 0-19 Hub',
    people: [
      ['Jon Walsh', 'H'],
      ['Kemi Adeyemi', 'H'],
      ['Liam Moore', 'I'],
    ],
  },
};

// 2030-W02 starts Monday 7 January 2030.
export const ABSENCES: AbsenceSpec[] = [
  { name: 'Asha Patel', kind: 'annual_leave', start: '2030-01-14T00:00:00Z', end: '2030-01-26T00:00:00Z' },
  { name: 'Chloe Evans', kind: 'training', start: '2030-02-06T09:00:00Z', end: '2030-02-06T17:00:00Z' },
  { name: 'Gina Rossi', kind: 'sickness', start: '2030-02-18T08:00:00Z' },
  { name: 'Jon Walsh', kind: 'unavailable', start: '2030-03-01T09:00:00Z', end: '2030-03-09T00:00:00Z' },
];

export async function seedOsr(ctx: TestContext): Promise<Map<string, Person>> {
  await expectStatus(ctx.call('admin', 'PUT', '/v1/regions/north-west', { name: 'North West' }), 201);
  const people = new Map<string, Person>();
  for (const [hub, spec] of Object.entries(HUBS)) {
    await expectStatus(ctx.call('admin', 'PUT', `/v1/hubs/${hub}`, { name: spec.name }), 201);
    for (const [name, grade] of spec.people) {
      const { id } = await addPractitioner(ctx, {
        name,
        kind: 'zero_nineteen',
        grade,
        homeRegion: 'north-west',
        hub,
      });
      people.set(name, { id, name, grade, hub });
    }
  }
  for (const a of ABSENCES) await addAbsence(ctx, people.get(a.name)!.id, a);
  return people;
}

export async function addAbsence(ctx: TestContext, id: string, a: Omit<AbsenceSpec, 'name'>) {
  await recordAbsence(ctx, id, { kind: a.kind, start: a.start, ...(a.end ? { end: a.end } : {}) }, 'admin');
}
