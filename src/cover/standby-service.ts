import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { problems } from '../http/problem.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { localPeriod } from '../time/period.js';
import type { ResilienceCache } from './resilience-cache.js';
import { setStandby, suggestStandby } from './standby.js';

const MAX_RESILIENCE_DAYS = 31;

/** Names a region's standby practitioner for a day. */
export async function nameStandby(ctx: ChangeContext, region: string, date: string, practitionerId: string) {
  const { after } = await applyChange(ctx, {
    entity: 'standby',
    action: 'set',
    write: (trx) => setStandby(trx, region, date, practitionerId),
    entityId: () => `${region}/${date}`,
    audited: () => ({ practitionerId }),
  });
  return after;
}

/** Shares standby duty over the days of a period that have none; the days named are audited as `items`. */
export async function shareStandby(ctx: ChangeContext, from: string, to: string) {
  localPeriod(from, to, ctx.timezone, MAX_SPAN_DAYS.cover);
  const { after } = await applyChange(ctx, {
    entity: 'standby',
    action: 'suggest',
    write: (trx) => suggestStandby(trx, from, to, ctx.timezone),
    entityId: () => `${from}/${to}`,
    audited: (items) => ({ items }),
  });
  return after;
}

/** Resilience over local dates from..to (at most a month), as the cache has it for the facts as they are. */
export function resilienceOver(cache: ResilienceCache, from: string, to: string, timezone: string) {
  const { start, end } = localPeriod(from, to, timezone, MAX_SPAN_DAYS.cover);
  if (end.getTime() - start.getTime() > (MAX_RESILIENCE_DAYS + 1) * 86_400_000) {
    throw problems.badRequest(`Ask for at most ${MAX_RESILIENCE_DAYS} days at a time.`);
  }
  return cache.get(from, to, new Date());
}
