import { describe, expect, it } from 'vitest';
import { HOUR, T0, breakdown, penalty, person, shift, working } from './helpers.js';

describe('absence', () => {
  it('penalises the minutes of a shift inside annual leave, in words', () => {
    const leave = { start: T0 + 16 * HOUR, end: T0 + 48 * HOUR, kind: 'annual_leave' as const };
    const problem = { resources: [person('Sam Jones', { unavailable: [leave] })], demands: [shift('s1', 0)] };
    const b = breakdown(problem, working({ 'Sam Jones': ['s1'] }), 'absence');
    expect(b.penalty).toBe(4 * HOUR);
    expect(b.messages[0]).toContain(
      'Sam Jones is on annual leave from Mon 2026-03-02 16:00 UTC to Wed 2026-03-04 00:00 UTC',
    );
  });
});

describe('region', () => {
  it('penalises a shift outside the regions the person works in', () => {
    const problem = { resources: [person('a', { regions: ['north-west'] })], demands: [shift('s1', 0)] };
    const b = breakdown(problem, working({ a: ['s1'] }), 'region');
    expect(b.penalty).toBe(1);
    expect(b.messages[0]).toContain('does not work in north-east');
  });

  it('names regions and specialisms by the names the caller gives', () => {
    const problem = {
      resources: [person('a', { regions: ['north-west'] })],
      demands: [shift('s1', 0, 'day', { requiredSkills: ['newborn-care'] })],
      names: { regions: { 'north-east': 'North East' }, skills: { 'newborn-care': 'Newborn care' } },
    };
    expect(breakdown(problem, working({ a: ['s1'] }), 'region').messages[0]).toContain(
      'does not work in North East',
    );
    expect(breakdown(problem, working({ a: ['s1'] }), 'skill').messages[0]).toContain(
      'lacks the specialism Newborn care',
    );
  });
});

describe('skill', () => {
  it('penalises each missing specialism', () => {
    const problem = {
      resources: [person('a', { skills: ['adolescents'] })],
      demands: [
        shift('s1', 0, 'day', { requiredSkills: ['newborn-care', 'learning-disability', 'adolescents'] }),
      ],
    };
    const b = breakdown(problem, working({ a: ['s1'] }), 'skill');
    expect(b.penalty).toBe(2);
    expect(b.messages[0]).toContain('lacks the specialisms newborn-care, learning-disability');
  });
});

describe('gender', () => {
  it('penalises a person of another gender on a gender-restricted shift', () => {
    const problem = {
      resources: [person('a', { gender: 'male' }), person('b')],
      demands: [shift('s1', 0, 'day', { gender: 'female', required: 2 })],
    };
    expect(penalty(problem, working({ a: ['s1'], b: ['s1'] }), 'gender')).toBe(1);
  });
});

describe('exclusion', () => {
  it('penalises an excluded person', () => {
    const problem = { resources: [person('a')], demands: [shift('s1', 0, 'day', { excluded: ['a'] })] };
    const b = breakdown(problem, working({ a: ['s1'] }), 'exclusion');
    expect(b.penalty).toBe(1);
    expect(b.messages[0]).toContain('is excluded from home-1');
  });
});

describe('periodCap', () => {
  it('penalises tagged demands beyond the cap in one period', () => {
    const demands = [0, 2, 4, 8].map((d) => shift(`s${d}`, d, 'day', { tags: ['lead'] }));
    const problem = { resources: [person('a', { caps: [{ tag: 'lead', max: 1 }] })], demands };
    // Week 0 has three (two over), week 1 has one.
    expect(penalty(problem, working({ a: demands.map((d) => d.id) }), 'periodCap')).toBe(2);
  });
});
