import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONSTRAINTS, scoreAssignments } from '../../src/scheduler/index.js';
import { person, shift, working } from './helpers.js';

describe('weights are data', () => {
  const problem = {
    resources: [person('a', { regions: ['north-east', 'yorkshire'] })],
    demands: [shift('s1', 0, 'day', { region: 'yorkshire' }), shift('s2', 2, 'day', { region: 'yorkshire' })],
  };

  it('a weight multiplies the penalty into its level; 0 switches the constraint off', () => {
    const travel = (weights?: Record<string, number>) =>
      scoreAssignments(
        { ...problem, ...(weights ? { weights } : {}) },
        working({ a: ['s1', 's2'] }),
      ).constraints.find((c) => c.name === 'travel')!;
    expect(travel().score).toBe(2 * 30);
    expect(travel({ travel: 5 }).score).toBe(10);
    expect(travel({ travel: 0 }).score).toBe(0);
  });

  it('every constraint is documented in the README with its level and default weight', () => {
    const readme = readFileSync(new URL('../../src/scheduler/README.md', import.meta.url), 'utf8');
    for (const c of CONSTRAINTS)
      expect(readme).toMatch(new RegExp(`\\| ${c.name} +\\| ${c.level} +\\| ${c.defaultWeight} +\\|`));
  });
});
