import type { Kysely } from 'kysely';
import type { FactsVersion } from '../http/facts-version.js';
import type { DB } from '../db/schema.js';
import {
  resilienceByShift,
  summariseResilience,
  type Resilience,
  type ShiftResilience,
} from './resilience.js';

interface Entry {
  version: string;
  shifts: Promise<ShiftResilience[]>;
  usedAt: number;
}

/**
 * Resilience is worked out once per state of the facts (as `FactsVersion` names it), not per view.
 * After a change, the periods people looked at recently are worked out again at once, so the board's
 * next view finds them ready.
 */
export class ResilienceCache {
  private readonly entries = new Map<string, Entry>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly timezone: string,
    private readonly facts: FactsVersion,
    private readonly options: { maxPeriods?: number; keepMs?: number; now?: () => number } = {},
  ) {}

  async get(from: string, to: string, now: Date): Promise<Resilience> {
    const key = `${from}|${to}`;
    const version = await this.facts.current();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== version) entry = this.compute(key, from, to, version);
    entry.usedAt = this.clock();
    return summariseResilience(await entry.shifts, now);
  }

  /** Works a period out ahead of its first view (the board's default fortnight). */
  warm(from: string, to: string): void {
    void this.get(from, to, new Date()).catch(() => undefined);
  }

  /** Called after any successful change: the recently viewed periods are worked out again shortly. */
  changed(): void {
    clearTimeout(this.refreshTimer);
    this.refreshTimer = setTimeout(() => void this.refresh(), 100);
    this.refreshTimer.unref();
  }

  stop(): void {
    clearTimeout(this.refreshTimer);
  }

  private async refresh(): Promise<void> {
    const version = await this.facts.current().catch(() => undefined);
    if (version === undefined) return;
    const keep = this.options.keepMs ?? 15 * 60_000;
    for (const [key, entry] of this.entries) {
      if (this.clock() - entry.usedAt > keep) this.entries.delete(key);
      else if (entry.version !== version) {
        const [from, to] = key.split('|') as [string, string];
        this.compute(key, from, to, version, entry.usedAt).shifts.catch(() => this.entries.delete(key));
      }
    }
  }

  private compute(key: string, from: string, to: string, version: string, usedAt = this.clock()): Entry {
    const entry: Entry = { version, shifts: resilienceByShift(this.db, from, to, this.timezone), usedAt };
    entry.shifts.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.entries.delete(key);
    this.entries.set(key, entry);
    const max = this.options.maxPeriods ?? 8;
    for (const old of this.entries.keys()) {
      if (this.entries.size <= max) break;
      this.entries.delete(old);
    }
    return entry;
  }

  private clock(): number {
    return this.options.now?.() ?? Date.now();
  }
}
