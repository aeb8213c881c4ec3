import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/**
 * Names the state of the facts an answer was made from. Every change the service makes is audited in
 * its own transaction, so the newest audit entry names the state; audit ids come from a sequence and may
 * commit out of order, so this process also counts the changes it has answered (a change committing
 * after a later id still moves the version here).
 */
export class FactsVersion {
  private localChanges = 0;

  constructor(private readonly db: Kysely<DB>) {}

  private pending: Promise<string> | undefined;

  /**
   * Requests that arrive in the same turn of the event loop share one read, sent after all of them
   * arrived, so none is answered from a state older than its own arrival.
   */
  current(): Promise<string> {
    this.pending ??= new Promise<void>((resolve) => setImmediate(resolve)).then(() => {
      this.pending = undefined;
      return this.read();
    });
    return this.pending;
  }

  private async read(): Promise<string> {
    const local = this.localChanges;
    const row = await this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return `${row?.id ?? 0}.${local}`;
  }

  /** Called after each change this process answered with success. */
  changed(): void {
    this.localChanges += 1;
  }
}
