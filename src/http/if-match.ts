import type { Transaction } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * The `lock` and `version` steps of a change to a versioned row (for `applyChange`): the row is read under
 * its lock, and a stale If-Match is refused (412) against the version it has.
 */
export const ifMatch = <T extends { version: number }>(lock: (trx: Transaction<DB>) => Promise<T>) => ({
  lock,
  version: (before: T) => before.version,
});
