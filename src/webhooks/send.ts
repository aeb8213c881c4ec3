import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { isPrivateAddress } from './receiver-address.js';

/** The bounds of one attempt: a receiver that hangs or answers a flood costs at most this. */
export const SEND_TIMEOUT_MS = 10_000;
export const MAX_RESPONSE_BYTES = 64 * 1024;

export interface SendResult {
  status: number | null;
  error: string | null;
}

/**
 * The DNS lookup used for each connection: the address actually connected to is checked, so a host name
 * that answered with a public address when the webhook was created cannot later point at a private one.
 */
const guardedLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, found: LookupAddress[]) => {
    if (error) return callback(error, '', 0);
    const refused = found.find((a) => isPrivateAddress(a.address));
    if (refused || found.length === 0) {
      return callback(new Error(`refused: ${hostname} resolves to a private address`), '', 0);
    }
    if ((options as { all?: boolean }).all)
      return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, found);
    return callback(null, found[0]!.address, found[0]!.family);
  });
};

/** POSTs a signed body; never throws. The response body is read up to a bound and thrown away. */
export function send(
  url: string,
  headers: Record<string, string>,
  body: string,
  allowPrivate: boolean,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<SendResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, '');
  if (!allowPrivate && isIP(host) && isPrivateAddress(host)) {
    return Promise.resolve({ status: null, error: `refused: ${host} is a private address` });
  }
  const client = target.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: SendResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    const request = client.request(
      target,
      {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'care-rota-webhooks/1',
        },
        signal: AbortSignal.timeout(timeoutMs),
        ...(allowPrivate ? {} : { lookup: guardedLookup }),
      },
      (response) => {
        let size = 0;
        const status = response.statusCode ?? null;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) response.destroy();
        });
        response.on('close', () => done({ status, error: null }));
        response.on('error', () => done({ status, error: null }));
      },
    );
    request.on('error', (error) =>
      done({
        status: null,
        error: error.name === 'AbortError' ? `no answer within ${timeoutMs} ms` : error.message,
      }),
    );
    request.end(body);
  });
}
