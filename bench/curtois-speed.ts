/**
 * A fixed number of core moves on Curtois & Qu instances, for comparing the speed of two versions of
 * the core: the same seed and move budget give the same roster whatever the machine's load, so the
 * objective must not change when only the speed does, and moves per CPU second are the measure (CPU
 * time rather than wall time, as the machine is shared and a busy one stretches the wall clock).
 *
 *   npx tsx bench/curtois-speed.ts [--instances 7,11] [--moves 300000] [--seed 1] [--repeat 1]
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { loadavg } from 'node:os';
import { parseCurtois } from '../src/scheduler/curtois/parse.js';
import { solveCurtoisWithCore } from '../src/scheduler/curtois/solve-core.js';

const dir = resolve(dirname(fileURLToPath(import.meta.url)), 'data', 'curtois', 'instances');
const { values } = parseArgs({
  options: {
    instances: { type: 'string', default: '7,11' },
    moves: { type: 'string', default: '300000' },
    seed: { type: 'string', default: '1' },
    repeat: { type: 'string', default: '1' },
  },
});

for (const n of values.instances.split(',').filter((s) => s !== '')) {
  const name = /^\d+$/.test(n) ? `Instance${n}` : n;
  const instance = parseCurtois(readFileSync(join(dir, `${name}.txt`), 'utf8'));
  for (let k = 0; k < Number(values.repeat); k++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const result = solveCurtoisWithCore(instance, {
      seed: Number(values.seed),
      maxMoves: Number(values.moves),
    });
    const seconds = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    console.log(
      `${name}: ${result.moves} moves in ${seconds.toFixed(2)} s, ${cpuSeconds.toFixed(2)} s CPU ` +
        `(${Math.round(result.moves / cpuSeconds / 1000)} k/CPU s), ` +
        `objective ${result.evaluation.cost}, hard ${result.evaluation.violations.length}, ` +
        `load ${loadavg()[0]!.toFixed(1)}`,
    );
  }
}
