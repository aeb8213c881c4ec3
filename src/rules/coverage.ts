/** The parts of a shift people work, as instants in milliseconds. */
export interface Part {
  start: number;
  end: number;
}

/**
 * From when a shift is short of people, or null when it has `required` people at every moment. People
 * work parts of a shift (someone fell sick at 14:00, someone else covers from then), so a head count
 * is not enough: the shift is swept from start to end. With `now`, a running shift is judged from now
 * on: a gap that has passed needs no cover (an ended shift is judged whole, as its history).
 */
export function shortFrom(
  parts: readonly Part[],
  start: number,
  end: number,
  required: number,
  now?: number,
): number | null {
  const from = now !== undefined && now < end ? Math.max(start, now) : start;
  const edges = [...new Set([from, ...parts.flatMap((p) => [p.start, p.end])])]
    .filter((t) => t >= from && t < end)
    .sort((a, b) => a - b);
  for (const t of edges) {
    const on = parts.filter((p) => p.start <= t && p.end > t).length;
    if (on < required) return t;
  }
  return null;
}
