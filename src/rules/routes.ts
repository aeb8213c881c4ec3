import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { localPeriod } from '../time/period.js';
import { breaksWithin } from './enforce.js';
import { Period, RuleBreaks } from './schemas.js';

const op = operations('shifts');

export const ruleBreakRoutes = routes(list);

const LIST =
  'Assignments that break a hard rule under the facts as they are now (local dates from..to, both included; at most 93 days); always empty on a healthy rota';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: Period, response: { 200: RuleBreaks } });
  app.get('/rule-breaks', { schema }, async (request) => {
    const { from, to } = request.query;
    const period = localPeriod(from, to, config.timezone, MAX_SPAN_DAYS.shifts);
    return { breaks: await breaksWithin(db, period, config.timezone) };
  });
}
