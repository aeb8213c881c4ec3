/**
 * Solves Curtois & Qu instances 1-24 with a time limit each, writes the rosters and a summary, and
 * prints the table. Every roster written is re-checked by the reference evaluator.
 *
 *   npm run bench:curtois -- [--instances Instance1,Instance2] [--seconds 60] [--out DIR] [--seed N]
 *                            [--seeds 1,2,3] [--clock wall|cpu] [--dir INSTANCE_DIR]
 *
 * Each instance is translated to a core `Problem` and solved by the product's own `solve`.
 * One instance's gap moves by several points between seeds, so a change is compared over `--seeds`
 * (each instance's mean is printed too); `--clock cpu` times each solve by this process's CPU time, so
 * runs sharing the machine stay comparable. `--start columns` (the default) starts each search from
 * column generation and a dive (HiGHS for the linear programs) where every row can be planned whole;
 * `--start built` from the rows built alone, as before session 13.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { evaluateRoster } from '../src/scheduler/curtois/evaluate.js';
import { parseCurtois } from '../src/scheduler/curtois/parse.js';
import type { ColumnGenerationStats } from '../src/scheduler/column-generation.js';
import { solveCurtoisWithCore } from '../src/scheduler/curtois/solve-core.js';
import { loadHighsSolver } from '../src/highs.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    instances: { type: 'string' },
    seconds: { type: 'string', default: '60' },
    out: { type: 'string', default: join(repoRoot, 'bench-results', 'curtois') },
    seed: { type: 'string', default: '1' },
    seeds: { type: 'string' },
    clock: { type: 'string', default: 'wall' },
    start: { type: 'string', default: 'columns' },
    // A copy of the public instances lives in the repository, so a clean clone can run this anywhere.
    dir: { type: 'string', default: resolve(repoRoot, 'bench', 'data', 'curtois', 'instances') },
  },
});

const names = values.instances
  ? values.instances.split(',').filter((s) => s !== '')
  : Array.from({ length: 24 }, (_, k) => `Instance${k + 1}`);
const seconds = Number(values.seconds);
const seeds = (values.seeds ?? values.seed).split(',').map(Number);
if (!Number.isFinite(seconds) || seconds <= 0 || !seeds.every((n) => Number.isInteger(n))) {
  throw new Error('--seconds must be a positive number and --seed (or each of --seeds) an integer');
}
if (values.clock !== 'wall' && values.clock !== 'cpu') throw new Error('--clock must be wall or cpu');
if (values.start !== 'columns' && values.start !== 'built')
  throw new Error('--start must be columns or built');
const columnGeneration = values.start === 'columns' ? { solver: await loadHighsSolver() } : undefined;
const clock =
  values.clock === 'cpu'
    ? (): number => {
        const used = process.cpuUsage();
        return (used.user + used.system) / 1000;
      }
    : (): number => performance.now();

const bestKnown = readBestKnown(join(values.dir, '..', 'best-known.csv'));
mkdirSync(values.out, { recursive: true });

interface Row {
  instance: string;
  seed: number;
  objective: number;
  bestKnown: number | null;
  gapPercent: number | null;
  hardViolations: number;
  secondsToFirstFeasible: number | null;
  seconds: number;
}
const summary: Row[] = [];

for (const name of names) {
  const instance = parseCurtois(readFileSync(join(values.dir, `${name}.txt`), 'utf8'));
  for (const seed of seeds) {
    const t0 = clock();
    const result = solveCurtoisWithCore(instance, {
      seed,
      timeLimitMs: seconds * 1000,
      now: () => clock() - t0,
      ...(columnGeneration ? { columnGeneration } : {}),
    });
    const spent = (clock() - t0) / 1000;
    // Re-check with the reference evaluator rather than trusting the solver's own score.
    const check = evaluateRoster(instance, result.roster);
    const file = seeds.length > 1 ? `${name}.seed${seed}.roster.json` : `${name}.roster.json`;
    writeFileSync(
      join(values.out, file),
      JSON.stringify({ instance: name, seed, roster: result.roster }) + '\n',
    );
    const known = bestKnown.get(name) ?? null;
    const row: Row = {
      instance: name,
      seed,
      objective: check.cost,
      bestKnown: known,
      gapPercent: known ? round2((100 * (check.cost - known)) / known) : null,
      hardViolations: check.violations.length,
      secondsToFirstFeasible:
        result.secondsToFirstFeasible === null ? null : round2(result.secondsToFirstFeasible),
      seconds: round2(spent),
    };
    summary.push(row);
    console.log(
      `${name} seed ${seed}: objective ${row.objective} (best ${known ?? '?'}, gap ${row.gapPercent ?? '?'}%), ` +
        `hard ${row.hardViolations}, first feasible ${row.secondsToFirstFeasible ?? '-'} s, ` +
        `${(result.moves / 1e6).toFixed(1)} M moves, start ${startOf(result.columnGeneration)}`,
    );
    writeFileSync(join(values.out, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
  }
}

console.table(summary);
if (seeds.length > 1) {
  for (const name of names) {
    const gaps = summary
      .filter((r) => r.instance === name && r.gapPercent !== null)
      .map((r) => r.gapPercent!);
    if (gaps.length > 0)
      console.log(`${name}: mean gap over seeds ${seeds.join(',')}: ${mean(gaps).toFixed(2)}%`);
  }
}
const small = summary.filter((r) => /^Instance([1-9]|1[0-2])$/.test(r.instance) && r.gapPercent !== null);
if (small.length > 0) {
  const covered = [...new Set(small.map((r) => r.instance.replace('Instance', '')))].join(',');
  console.log(
    `mean gap on ${covered}${seeds.length > 1 ? ` over seeds ${seeds.join(',')}` : ''}: ` +
      `${mean(small.map((r) => r.gapPercent!)).toFixed(2)}%`,
  );
}
console.log(`infeasible: ${summary.filter((r) => r.hardViolations > 0).length} of ${summary.length}`);

function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}

function readBestKnown(path: string): Map<string, number> {
  const map = new Map<string, number>();
  // An instance folder elsewhere (--dir) may come without the table; gaps are then left blank.
  if (!existsSync(path)) return map;
  for (const line of readFileSync(path, 'utf8').split(/\r?\n/).slice(1)) {
    const [instance, value] = line.split(',');
    if (instance && value && /^\d+$/.test(value)) map.set(instance, Number(value));
  }
  return map;
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

function startOf(cg: ColumnGenerationStats | undefined): string {
  if (!cg) return 'built rows';
  const dives = cg.cut
    ? 'first dive cut short'
    : `${cg.dives} dive${cg.dives === 1 ? '' : 's'}` +
      (cg.diveCost === undefined ? '' : `, best ${Math.round(cg.diveCost)}`);
  return `column generation (root ${Math.round(cg.bound)}, ${cg.columns} columns, ${dives})`;
}
