import { sql, type Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { DB } from '../db/schema.js';
import { Alarm } from './alarm.js';
import { findDeliveryToSend } from './repository.js';
import { send, type SendResult } from './send.js';
import { signedHeaders } from './signing.js';

/**
 * Delivers webhook events: a small queue over `webhook_deliveries` (see the README for why not pg-boss).
 *
 * A pending row is claimed with FOR UPDATE SKIP LOCKED, so any number of processes can deliver without
 * sending a row twice at once; claiming moves its next attempt a lease ahead, so a process that dies
 * mid-send leaves the row to be sent again after a restart (at least once, never lost). Failures are
 * retried with exponential backoff up to MAX_ATTEMPTS; deliveries of a paused webhook wait for resume.
 */
export const MAX_ATTEMPTS = 12;
const BATCH = 10;
const LEASE_SECONDS = 60;
const MAX_DELAY_MS = 3_600_000;

export interface DelivererOptions {
  allowPrivate: boolean;
  /** The first retry's delay; each next one doubles, up to an hour. */
  retryBaseMs: number;
  pollMs?: number;
  log?: FastifyBaseLogger;
}

export const retryDelayMs = (attempts: number, baseMs: number): number =>
  Math.min(MAX_DELAY_MS, baseMs * 2 ** Math.max(0, attempts - 1));

interface Claimed {
  id: string;
  webhook_id: string;
  event_id: number;
  attempts: number;
}

export class WebhookDeliverer {
  private stopped = true;
  private loop: Promise<void> | undefined;
  private readonly alarm = new Alarm();

  constructor(
    private readonly db: Kysely<DB>,
    private readonly options: DelivererOptions,
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = this.run();
  }

  /** New deliveries are queued: send them now rather than at the next poll. */
  wake(): void {
    this.alarm.ring();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.alarm.ring();
    await this.loop;
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      let sent = 0;
      try {
        sent = await this.tick();
      } catch (error) {
        this.options.log?.error({ err: error }, 'webhook delivery pass failed');
      }
      if (sent < BATCH && !this.stopped) await this.alarm.nap(this.options.pollMs ?? 500);
    }
  }

  /** One pass: claims the deliveries due, sends them, and records each outcome. */
  async tick(): Promise<number> {
    const claimed = await sql<Claimed>`
      UPDATE webhook_deliveries
      SET attempts = attempts + 1, last_attempt_at = now(),
          next_attempt_at = now() + make_interval(secs => ${LEASE_SECONDS})
      WHERE id IN (
        SELECT d.id FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id
        WHERE d.status = 'pending' AND d.next_attempt_at <= now() AND w.paused_at IS NULL
        ORDER BY d.next_attempt_at, d.event_id
        LIMIT ${BATCH}
        FOR UPDATE OF d SKIP LOCKED)
      RETURNING id, webhook_id, event_id, attempts`.execute(this.db);
    await Promise.all(claimed.rows.map((row) => this.deliver(row)));
    return claimed.rows.length;
  }

  private async deliver(row: Claimed): Promise<void> {
    const found = await findDeliveryToSend(this.db, row.id);
    if (!found) return;
    const payload = typeof found.payload === 'string' ? JSON.parse(found.payload) : found.payload;
    const body = JSON.stringify({
      type: found.type,
      timestamp: found.created_at.toISOString(),
      data: payload,
    });
    const secrets = [found.secret];
    if (found.previous_secret && found.previous_secret_until && found.previous_secret_until > new Date())
      secrets.push(found.previous_secret);
    const headers = signedHeaders(secrets, `evt_${row.event_id}`, Math.floor(Date.now() / 1000), body);
    const result = await send(found.url, headers, body, this.options.allowPrivate);
    await this.record(row, result);
  }

  private async record(row: Claimed, result: SendResult): Promise<void> {
    const ok = result.status !== null && result.status >= 200 && result.status < 300;
    const error = ok ? null : (result.error ?? `answered ${result.status}`);
    const last = !ok && row.attempts >= MAX_ATTEMPTS;
    await this.db
      .updateTable('webhook_deliveries')
      .set({
        status: ok ? 'succeeded' : last ? 'failed' : 'pending',
        last_status: result.status,
        last_error: error ? error.slice(0, 500) : null,
        delivered_at: ok ? new Date() : null,
        next_attempt_at: new Date(Date.now() + retryDelayMs(row.attempts, this.options.retryBaseMs)),
      })
      .where('id', '=', row.id)
      .execute();
    if (!ok)
      this.options.log?.warn(
        { deliveryId: row.id, webhookId: row.webhook_id, attempts: row.attempts, error },
        last ? 'webhook delivery failed for good' : 'webhook delivery failed; will retry',
      );
  }
}
