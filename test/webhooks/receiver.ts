import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A webhook receiver on loopback: records each request and answers from a script (default 200). */
export class Receiver {
  readonly received: Received[] = [];
  /** Statuses to answer, in order; once empty, 200. */
  script: number[] = [];
  private server: Server | undefined;
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.statusCode = this.script.shift() ?? 200;
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hook`;
    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  /** Waits until `predicate` holds for what was received (or fails after `ms`). */
  async waitFor(predicate: (r: Received[]) => boolean, ms = 8000): Promise<Received[]> {
    const until = Date.now() + ms;
    while (!predicate(this.received)) {
      if (Date.now() > until)
        throw new Error(`receiver: condition not met in ${ms} ms (${this.received.length} received)`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return this.received;
  }
}

/**
 * Verifies a Standard Webhooks signature independently of the service's code: HMAC-SHA256 over
 * "id.timestamp.body" keyed by the base64-decoded part of the whsec_ secret; any one v1 signature may match.
 */
export function verify(secret: string, r: Received): boolean {
  const id = String(r.headers['webhook-id']);
  const timestamp = String(r.headers['webhook-timestamp']);
  if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300) return false;
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${r.body}`).digest();
  return String(r.headers['webhook-signature'])
    .split(' ')
    .some((sig) => {
      const [version, value] = sig.split(',');
      const given = Buffer.from(value ?? '', 'base64');
      return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
    });
}
