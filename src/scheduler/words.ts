/** Plain-words formatting for explanations; pure (no Date), UTC unless the caller passes its own formatter. */

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** Civil date from days since 1970-01-01 (Howard Hinnant's algorithm), so the core needs no Date. */
function civil(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

/** "Mon 2026-03-02 20:00 UTC" for an instant in epoch minutes. */
export function formatInstantUtc(t: number): string {
  const days = Math.floor(t / 1440);
  const minutes = t - days * 1440;
  const { y, m, d } = civil(days);
  const weekday = WEEKDAYS[(((days + 3) % 7) + 7) % 7] ?? '';
  return `${weekday} ${y}-${pad(m)}-${pad(d)} ${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)} UTC`;
}

/** "9 h", "9 h 30 min", "45 min". */
export function formatDuration(minutes: number): string {
  const m = Math.round(minutes);
  const h = Math.trunc(m / 60);
  const rest = Math.abs(m % 60);
  if (h === 0) return `${m} min`;
  return rest === 0 ? `${h} h` : `${h} h ${rest} min`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
