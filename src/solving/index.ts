export { startSolve } from './start-solve.js';
export type { SolveJob } from './start-solve.js';
export type { WorkerSolveOptions } from './protocol.js';
export { SolverThread, sharedSolverThread } from './solver-thread.js';
