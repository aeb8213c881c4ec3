import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { sharedPerTurn } from './same-turn.js';

/**
 * Names the state of the facts an answer was made from. Every change the service makes is audited in
 * its own transaction, so the newest audit entry names the state; audit ids come from a sequence and may
 * commit out of order, so this process also counts the changes it has answered (a change committing
 * after a later id still moves the version here).
 */
export class FactsVersion {
  private localChanges = 0;

  constructor(private readonly db: Kysely<DB>) {}

  private readonly shared = sharedPerTurn(() => this.read());

  current(): Promise<string> {
    return this.shared('facts');
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
