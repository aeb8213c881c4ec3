import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';

/**
 * Whether a receiver may be called: only public addresses, unless WEBHOOKS_ALLOW_PRIVATE=true (tests,
 * development). Every address a host name resolves to is checked (one private answer is enough to
 * refuse), IPv6 included, and the IPv4 inside IPv4-mapped (::ffff:a.b.c.d), NAT64 (64:ff9b::/96) and
 * 6to4 (2002::/16) addresses is checked as IPv4. The same check runs again on the address actually
 * connected to (see deliver.ts), so a name that changes its answer after the first check gains nothing.
 */

const V4_PRIVATE: [number, number][] = [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
].map(([base, bits]) => [v4ToInt(base as string), bits as number]);

function v4ToInt(address: string): number {
  return address.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function privateV4(n: number): boolean {
  return V4_PRIVATE.some(
    ([base, bits]) => Math.floor(n / 2 ** (32 - bits)) === Math.floor(base / 2 ** (32 - bits)),
  );
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
function v6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0]!;
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const n = v4ToInt(dotted[1]!);
    text = `${text.slice(0, -dotted[1]!.length)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...fill, ...right].map((g) => parseInt(g || '0', 16));
}

function privateV6(address: string): boolean {
  const g = v6Groups(address);
  const embedded = (hi: number, lo: number) => privateV4(hi * 65536 + lo);
  if (g.slice(0, 7).every((x) => x === 0)) return true; // :: and ::1 (and the old IPv4-compatible form)
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return embedded(g[6]!, g[7]!); // ::ffff:a.b.c.d
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return embedded(g[6]!, g[7]!);
  if (g[0] === 0x2002) return embedded(g[1]!, g[2]!);
  if ((g[0]! & 0xfe00) === 0xfc00) return true; // fc00::/7 unique local
  if ((g[0]! & 0xffc0) === 0xfe80) return true; // fe80::/10 link local
  if ((g[0]! & 0xff00) === 0xff00) return true; // multicast
  if (g[0] === 0x2001 && g[1] === 0xdb8) return true; // documentation
  return false;
}

/** Whether an IP address (v4 or v6) is private, loopback, link-local or otherwise not on the internet. */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return privateV4(v4ToInt(address));
  if (kind === 6) return privateV6(address);
  return true;
}

export class ReceiverRefused extends Error {}

/** Every address of the URL's host; refused (ReceiverRefused) when one of them may not be called. */
export async function checkReceiver(url: string, allowPrivate: boolean): Promise<void> {
  const parsed = new URL(url);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    throw new ReceiverRefused('The URL must be http or https.');
  if (parsed.username || parsed.password)
    throw new ReceiverRefused('The URL must not carry a user or password.');
  if (allowPrivate) return;
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : await lookup(host, { all: true, verbatim: true }).then(
        (found) => found.map((a) => a.address),
        () => {
          throw new ReceiverRefused(`The host "${host}" does not resolve.`);
        },
      );
  const refused = addresses.filter(isPrivateAddress);
  if (refused.length)
    throw new ReceiverRefused(
      `The host "${host}" resolves to a private or loopback address (${refused.join(', ')}); receivers must be on the internet (WEBHOOKS_ALLOW_PRIVATE=true allows this in development).`,
    );
}
