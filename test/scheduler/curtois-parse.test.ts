import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CurtoisParseError, parseCurtois } from '../../src/scheduler/curtois/parse.js';

export const INSTANCE_DIR = resolve(import.meta.dirname, '..', '..', 'bench', 'data', 'curtois', 'instances');
const read = (name: string): string => readFileSync(join(INSTANCE_DIR, `${name}.txt`), 'utf8');

// FORMAT.md §7: H, E, S, on-requests, off-requests.
const SIZES: Record<string, [number, number, number, number, number]> = {
  Instance1: [14, 8, 1, 21, 5],
  Instance2: [14, 14, 2, 50, 12],
  Instance8: [28, 30, 4, 139, 86],
  Instance12: [28, 60, 10, 294, 128],
  Instance20: [182, 50, 6, 1665, 653],
  Instance24: [364, 150, 32, 9540, 4269],
};

describe('parseCurtois', () => {
  for (const [name, [H, E, S, on, off]] of Object.entries(SIZES)) {
    it(`reads the sizes of ${name} given in FORMAT.md §7`, () => {
      const instance = parseCurtois(read(name));
      expect(instance.horizonDays).toBe(H);
      expect(instance.staff).toHaveLength(E);
      expect(instance.shifts).toHaveLength(S);
      expect(instance.onRequests).toHaveLength(on);
      expect(instance.offRequests).toHaveLength(off);
      expect(instance.cover).toHaveLength(H * S);
      for (const e of instance.staff)
        expect(Object.keys(e.maxShifts).sort()).toEqual(instance.shifts.map((s) => s.id).sort());
    });
  }

  it('reads CRLF (as stored) and LF the same way', () => {
    const crlf = read('Instance3');
    expect(crlf).toContain('\r\n');
    expect(parseCurtois(crlf.replace(/\r\n/g, '\n'))).toEqual(parseCurtois(crlf));
  });

  it('reads the fields of Instance1 and Instance12', () => {
    const one = parseCurtois(read('Instance1'));
    expect(one.shifts).toEqual([{ id: 'D', lengthMinutes: 480, forbiddenNext: [] }]);
    expect(one.staff[0]).toEqual({
      id: 'A',
      maxShifts: { D: 14 },
      maxTotalMinutes: 4320,
      minTotalMinutes: 3360,
      maxConsecutiveShifts: 5,
      minConsecutiveShifts: 2,
      minConsecutiveDaysOff: 2,
      maxWeekends: 1,
      daysOff: [0],
    });
    expect(one.onRequests[0]).toEqual({ employee: 'A', day: 2, shift: 'D', weight: 2 });
    expect(one.offRequests[0]).toEqual({ employee: 'C', day: 12, shift: 'D', weight: 1 });
    const twelve = parseCurtois(read('Instance12'));
    expect(twelve.shifts.find((s) => s.id === 'n1')?.forbiddenNext).toEqual([
      'a1',
      'a2',
      'a3',
      'd1',
      'd2',
      'd3',
      'p1',
      'p2',
      'p3',
    ]);
    expect(twelve.staff[0]?.maxShifts).toMatchObject({ d3: 0, n1: 0, a1: 28 });
    for (const c of twelve.cover) expect([c.weightUnder, c.weightOver]).toEqual([100, 1]);
  });

  it('switches sections on SECTION_ lines even without blank lines, and skips indented comments', () => {
    const text = [
      'SECTION_HORIZON',
      '7',
      'SECTION_SHIFTS',
      '  # a comment',
      'D,480,',
      'N,600,D|E',
      'E,480,',
      'SECTION_STAFF',
      'A,D=7|N=0,3000,0,7,1,1,1',
      'SECTION_DAYS_OFF',
      'A,3,5',
      'SECTION_SHIFT_ON_REQUESTS',
      'A,1,D,2',
      'SECTION_SHIFT_OFF_REQUESTS',
      'SECTION_COVER',
      '0,D,1,100,1',
    ].join('\n');
    const instance = parseCurtois(text);
    expect(instance.horizonDays).toBe(7);
    expect(instance.shifts.map((s) => s.forbiddenNext)).toEqual([[], ['D', 'E'], []]);
    // E is not listed for A: it stays absent, i.e. unlimited.
    expect(instance.staff[0]?.maxShifts).toEqual({ D: 7, N: 0 });
    expect(instance.staff[0]?.daysOff).toEqual([3, 5]);
    expect(instance.offRequests).toEqual([]);
    expect(instance.cover).toEqual([{ day: 0, shift: 'D', requirement: 1, weightUnder: 100, weightOver: 1 }]);
  });

  it('rejects unknown sections, bad numbers and dangling ids', () => {
    expect(() => parseCurtois('SECTION_NOPE\n1')).toThrow(CurtoisParseError);
    expect(() => parseCurtois('SECTION_HORIZON\nx')).toThrow(/integer/);
    expect(() => parseCurtois('SECTION_HORIZON\n7\nSECTION_SHIFTS\nD,480,Q')).toThrow(/unknown next Q/);
  });
});
