import * as highsModule from 'highs';
import type { LinearSolver } from './scheduler/column-generation.js';
import { highsSolver, type HighsRuntime } from './scheduler/highs-lp.js';

/**
 * Loads HiGHS (WebAssembly, about 3 MB, once per process) as the scheduler's linear-program solver.
 * The package's types describe its CommonJS build; under ESM its default export is the loader.
 */
export async function loadHighsSolver(): Promise<LinearSolver> {
  const load = (highsModule as unknown as { default: () => Promise<HighsRuntime> }).default;
  return highsSolver(await load());
}
