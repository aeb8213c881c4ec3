import { DateTime } from 'luxon';

// Sentences about a big rota name the same few thousand shift starts and ends again and again (a
// 9-week run's explanation formatted them millions of times: most of its two minutes went to luxon).
const CACHE_LIMIT = 50_000;

/** Formats scheduler instants (minutes since the epoch) for people, in the organisation's zone; memoised. */
export function formatLocal(timezone: string): (m: number) => string {
  const cache = new Map<number, string>();
  return (m: number) => {
    let text = cache.get(m);
    if (text === undefined) {
      text = DateTime.fromMillis(m * 60_000, { zone: timezone }).toFormat('ccc d LLL yyyy HH:mm');
      if (cache.size >= CACHE_LIMIT) cache.clear();
      cache.set(m, text);
    }
    return text;
  };
}

/** How the scheduler's sentences name instants and days, in the organisation's zone ("Mon 7 Dec"). */
export const wordsIn = (timezone: string, firstDate: string) => {
  const first = DateTime.fromISO(firstDate, { zone: timezone });
  // Memoised too: ranking a cover plan's candidates names the same few days over a thousand times.
  const days = new Map<number, string>();
  const formatDay = (day: number) => {
    let text = days.get(day);
    if (text === undefined) days.set(day, (text = first.plus({ days: day }).toFormat('ccc d LLL yyyy')));
    return text;
  };
  return { formatInstant: formatLocal(timezone), formatDay };
};
