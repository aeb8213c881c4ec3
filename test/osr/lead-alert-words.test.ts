import { describe, expect, it } from 'vitest';
import { daysTouched, mergeParts, partWords } from '../../src/osr/lead-alerts.js';
import { osrWeek } from '../../src/osr/weeks.js';

const TZ = 'Europe/London';
const part = (start: string, end: string, why: 'absent' | 'left' = 'absent') => ({
  start: new Date(start),
  end: new Date(end),
  why,
});

describe('the words and days of a lead responder who cannot be there', () => {
  it('says a part in local dates and times, a whole day without times', () => {
    expect(partWords(part('2030-03-06T09:00:00Z', '2030-03-06T17:00:00Z'), TZ)).toBe(
      'on Wed 6 Mar 2030 09:00-17:00',
    );
    expect(partWords(part('2030-03-06T00:00:00Z', '2030-03-07T00:00:00Z'), TZ)).toBe('on Wed 6 Mar 2030');
    expect(partWords(part('2030-03-05T08:00:00Z', '2030-03-09T00:00:00Z'), TZ)).toBe(
      'from Tue 5 Mar 2030 08:00 to the end of Fri 8 Mar 2030',
    );
    expect(partWords(part('2030-03-04T00:00:00Z', '2030-03-06T12:30:00Z'), TZ)).toBe(
      'from Mon 4 Mar 2030 to Wed 6 Mar 2030 12:30',
    );
    // British Summer Time: 23:00 UTC is midnight.
    expect(partWords(part('2030-07-01T23:00:00Z', '2030-07-02T23:00:00Z'), TZ)).toBe('on Tue 2 Jul 2030');
  });

  it('lists the working days touched, wholly or in part, in local time', () => {
    const w = osrWeek('2030-W27', TZ); // Monday 1 July 2030, BST
    expect(daysTouched(w, [part('2030-06-30T23:00:00Z', '2030-06-30T23:30:00Z')])).toEqual(['2030-07-01']);
    expect(daysTouched(w, [part('2030-07-05T23:15:00Z', '2030-07-06T23:00:00Z')])).toEqual([]);
    expect(daysTouched(w, [part('2030-07-02T22:59:00Z', '2030-07-03T23:00:00Z')])).toEqual([
      '2030-07-02',
      '2030-07-03',
    ]);
  });

  it('merges overlapping and touching parts, and leaving wins over an absence', () => {
    expect(
      mergeParts([
        part('2030-03-06T00:00:00Z', '2030-03-07T00:00:00Z'),
        part('2030-03-04T00:00:00Z', '2030-03-05T00:00:00Z'),
        part('2030-03-05T00:00:00Z', '2030-03-06T12:00:00Z', 'left'),
      ]),
    ).toEqual([part('2030-03-04T00:00:00Z', '2030-03-07T00:00:00Z', 'left')]);
  });
});
