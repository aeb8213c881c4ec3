import { describe, expect, it } from 'vitest';
import { checkPhases, defaultPhases, planShifts } from '../../src/placements/shift-plan.js';

const hours = (s: { start: { toMillis(): number }; end: { toMillis(): number } }) =>
  (s.end.toMillis() - s.start.toMillis()) / 3_600_000;

describe('shift plans in local time', () => {
  it('makes two 12-hour shifts a day by default', () => {
    const shifts = planShifts(defaultPhases('2026-11-23', '2026-11-24', 1), 'Europe/London');
    expect(shifts.map((s) => [s.localDate, s.start.toISO(), s.end.toISO(), s.night])).toEqual([
      ['2026-11-23', '2026-11-23T08:00:00.000+00:00', '2026-11-23T20:00:00.000+00:00', false],
      ['2026-11-23', '2026-11-23T20:00:00.000+00:00', '2026-11-24T08:00:00.000+00:00', true],
      ['2026-11-24', '2026-11-24T08:00:00.000+00:00', '2026-11-24T20:00:00.000+00:00', false],
      ['2026-11-24', '2026-11-24T20:00:00.000+00:00', '2026-11-25T08:00:00.000+00:00', true],
    ]);
  });

  it('makes the night of the spring clock change 11 hours and the autumn one 13', () => {
    const spring = planShifts(defaultPhases('2026-03-28', '2026-03-29', 1), 'Europe/London');
    expect(spring.map(hours)).toEqual([12, 11, 12, 12]);
    expect(spring[1]!.end.toISO()).toBe('2026-03-29T08:00:00.000+01:00');
    const autumn = planShifts(defaultPhases('2026-10-24', '2026-10-25', 1), 'Europe/London');
    expect(autumn.map(hours)).toEqual([12, 13, 12, 12]);
    expect(autumn[1]!.end.toISO()).toBe('2026-10-25T08:00:00.000+00:00');
  });

  it('expresses step-down as phases: 24/7, then waking hours, then short visits, with handover overlaps', () => {
    const shifts = planShifts(
      [
        {
          fromDate: '2027-01-04',
          toDate: '2027-01-04',
          shifts: [
            { start: '07:45', end: '20:15', practitioners: 1 },
            { start: '20:00', end: '08:00', practitioners: 2 },
          ],
        },
        {
          fromDate: '2027-01-05',
          toDate: '2027-01-05',
          shifts: [{ start: '07:00', end: '22:00', practitioners: 1 }],
        },
        {
          fromDate: '2027-01-06',
          toDate: '2027-01-07',
          shifts: [{ start: '10:00', end: '13:00', practitioners: 1 }],
        },
      ],
      'Europe/London',
    );
    expect(
      shifts.map(
        (s) => `${s.localDate} ${s.start.toFormat('HH:mm')}-${s.end.toFormat('HH:mm')} x${s.required}`,
      ),
    ).toEqual([
      '2027-01-04 07:45-20:15 x1',
      '2027-01-04 20:00-08:00 x2',
      '2027-01-05 07:00-22:00 x1',
      '2027-01-06 10:00-13:00 x1',
      '2027-01-07 10:00-13:00 x1',
    ]);
  });

  it('labels each shift with its kind: as the pattern names it, else by its local start time', () => {
    const shifts = planShifts(
      [
        {
          fromDate: '2027-01-04',
          toDate: '2027-01-04',
          shifts: [
            { start: '07:00', end: '14:30', practitioners: 1 },
            { start: '09:59', end: '17:00', practitioners: 1 },
            { start: '10:00', end: '18:00', practitioners: 1 },
            { start: '14:30', end: '22:00', practitioners: 1, type: 'late' },
            { start: '16:00', end: '23:00', practitioners: 1 },
            { start: '19:59', end: '23:30', practitioners: 1 },
            { start: '20:00', end: '08:00', practitioners: 1 },
            { start: '22:00', end: '07:00', practitioners: 1, type: 'night' },
          ],
        },
      ],
      'Europe/London',
    );
    expect(shifts.map((s) => `${s.start.toFormat('HH:mm')} ${s.type}`)).toEqual([
      '07:00 early',
      '09:59 early',
      '10:00 day',
      '14:30 late',
      '16:00 late',
      '19:59 late',
      '20:00 night',
      '22:00 night',
    ]);
    expect(
      defaultPhases('2027-01-04', '2027-01-04', 1)
        .flatMap((p) => planShifts([p], 'Europe/London'))
        .map((s) => s.type),
    ).toEqual(['early', 'night']);
  });

  it('refuses phases outside the placement, overlapping, or with empty shifts', () => {
    const problems = checkPhases(
      [
        {
          fromDate: '2027-01-01',
          toDate: '2027-01-10',
          shifts: [{ start: '08:00', end: '08:00', practitioners: 1 }],
        },
        {
          fromDate: '2027-01-10',
          toDate: '2027-02-10',
          shifts: [{ start: '08:00', end: '20:00', practitioners: 1 }],
        },
      ],
      '2027-01-01',
      '2027-01-31',
    );
    expect(problems.map((p) => p.message)).toEqual([
      'overlaps phase 1 (from 2027-01-10)',
      'starts and ends at the same time',
      'must lie within the placement, 2027-01-01 to 2027-01-31',
    ]);
  });
});
