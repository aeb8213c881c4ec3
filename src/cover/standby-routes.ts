import { listEvents } from '../changes/events.js';
import type { App, Deps } from '../http/app-types.js';
import { operations, routes } from '../http/operation.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { localPeriod } from '../time/period.js';
import { StandbyEntry } from './model.js';
import { EventsPage, EventsQuery, ResilienceAnswer, ResilienceQuery } from './schemas.js';
import { NameStandby, StandbyDay, StandbyList, StandbyQuery, SuggestStandby } from './standby-schemas.js';
import { listStandby } from './standby-repository.js';
import { nameStandby, resilienceOver, shareStandby } from './standby-service.js';

const op = operations('cover');

/** Standby and resilience; and, under the same `cover` tag since it began with cover plans, the event feed. */
export const standbyAndResilienceRoutes = routes(list, name, suggest, atRisk, events);

const LIST = 'On-call (standby) practitioners per region and day';

function list(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LIST, { querystring: StandbyQuery, response: { 200: StandbyList } });
  app.get('/standby', { schema }, async (request) => {
    const { from, to, region } = request.query;
    localPeriod(from, to, config.timezone, MAX_SPAN_DAYS.shifts);
    return { items: await listStandby(db, from, to, region) };
  });
}

const NAME = "Name a region's standby practitioner for a day";

function name(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    NAME,
    { params: StandbyDay, body: NameStandby, response: { 200: StandbyEntry } },
    [409, 422],
  );
  app.put('/standby/:region/:date', { schema }, async (request) => {
    const { region, date } = request.params;
    const ctx = { db, timezone: config.timezone, request };
    return nameStandby(ctx, region, date, request.body.practitionerId);
  });
}

const SUGGEST =
  'Designate standby practitioners for every region and day of a period that has none, sharing the duty';

function suggest(app: App, { database: { db }, config }: Deps): void {
  const schema = op(SUGGEST, { body: SuggestStandby, response: { 201: StandbyList } });
  app.post('/standby/suggestions', { schema }, async (request, reply) => {
    const { from, to } = request.body;
    const items = await shareStandby({ db, timezone: config.timezone, request }, from, to);
    reply.status(201);
    return { items };
  });
}

const AT_RISK =
  'Shifts that would have no possible cover if their practitioner fell sick, and the count at risk per region';

function atRisk(app: App, { config, resilience }: Deps): void {
  const schema = op(AT_RISK, { querystring: ResilienceQuery, response: { 200: ResilienceAnswer } });
  app.get('/resilience', { schema }, async (request) =>
    resilienceOver(resilience, request.query.from, request.query.to, config.timezone),
  );
}

const EVENTS = 'The pull feed of events for other systems, oldest first after a cursor';
const EVENTS_IN_FULL =
  'Every change other systems care about, written in the same transaction as the change. The event types and their payloads are the OpenAPI `webhooks` section; webhooks deliver the same events. Pass the last `id` you read (or `nextCursor`) as `after`.';

function events(app: App, { database: { db } }: Deps): void {
  const schema = op(EVENTS, {
    description: EVENTS_IN_FULL,
    querystring: EventsQuery,
    response: { 200: EventsPage },
  });
  app.get('/events', { schema }, async (request) => {
    const { after = 0, limit = 100 } = request.query;
    const items = await listEvents(db, after, limit);
    return { items, nextCursor: items.at(-1)?.id ?? after };
  });
}
