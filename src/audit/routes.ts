import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { localPeriod } from '../time/period.js';
import { listAudit } from './repository.js';
import { AuditPage, AuditQuery } from './schemas.js';

const op = operations('audit');

export const auditRoutes = routes(list);

const LIST = 'The audit log, newest first, filterable by entity, id, action, actor and period';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: AuditQuery, response: { 200: AuditPage } });
  app.get('/audit', { schema }, async (request) => {
    const { from, to, limit = 100, offset = 0, ...by } = request.query;
    // An open end reaches as far as dates go; only a period with both ends is held to the span.
    const period =
      from || to
        ? localPeriod(
            from ?? '1900-01-01',
            to ?? '9999-12-30',
            config.timezone,
            from && to ? MAX_SPAN_DAYS.audit : undefined,
          )
        : undefined;
    return { ...(await listAudit(db, { ...by, period }, limit, offset)), limit, offset };
  });
}
