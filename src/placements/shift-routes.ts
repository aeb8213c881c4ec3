import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { operations, routes } from '../http/operation.js';
import { linkNext } from '../http/cursor.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS } from '../http/spans.js';
import { Shift } from './shift-model.js';
import { findShift, listShifts } from './shift-repository.js';
import { candidatesForShift } from './shift-edits.js';
import { assignByHand, setLocked, unassign } from './shift-service.js';
import {
  Assign,
  AssignmentParams,
  Candidates,
  EditResult,
  ShiftPage,
  ShiftParams,
  ShiftQuery,
} from './shift-schemas.js';

const op = operations('shifts');

export const shiftRoutes = routes(list, one, candidates, assign, takeOff, lock, unlock);

const LIST =
  'Shifts starting on local dates from..to (both included), by placement, practitioner or status; in order of start, paged by cursor (`next`, Link rel="next")';

function list(app: App, { database: { db }, config, answers }: Deps): void {
  const schema = op(LIST, { querystring: ShiftQuery, response: { 200: ShiftPage } });
  app.get('/shifts', { schema, config: { answerCache: true } }, async (request, reply) =>
    answers.send(request, reply, async () => {
      const { from, to, limit = 1000, offset = 0, cursor, ...by } = request.query;
      const { start, end } = localPeriod(from, to, config.timezone, MAX_SPAN_DAYS.shifts);
      const filter = { from: start, to: end, placementId: by.placement, practitionerId: by.practitioner };
      const page = await listShifts(db, { ...filter, status: by.status }, limit, offset, cursor);
      return { body: { ...page, limit, offset }, headers: linkNext(request, page.next) };
    }),
  );
}

function one(app: App, { database: { db } }: Deps): void {
  const schema = op('One shift with who is on it', { params: ShiftParams, response: { 200: Shift } }, [404]);
  app.get('/shifts/:id', { schema }, async (request) => {
    const { id } = request.params;
    const shift = await findShift(db, id);
    if (!shift) throw problems.notFound('shift', id);
    return shift;
  });
}

const CANDIDATES =
  'Who could work this shift, best first; then those one rule away (with that rule); then everyone else with the rules they would break';

function candidates(app: App, { database: { db }, config }: Deps): void {
  const schema = op(CANDIDATES, { params: ShiftParams, response: { 200: Candidates } }, [404]);
  app.get('/shifts/:id/candidates', { schema }, async (request) => ({
    items: await candidatesForShift(db, request.params.id, config.timezone),
  }));
}

const ASSIGN =
  'Assign a practitioner by hand: refused (409) with the rule in words if it breaks one; soft goals come back as warnings';

function assign(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    ASSIGN,
    { params: ShiftParams, body: Assign, response: { 201: EditResult } },
    [404, 409, 422],
  );
  app.post('/shifts/:id/assignments', { schema }, async (request, reply) => {
    const ctx = { db, timezone: config.timezone, request };
    const result = await assignByHand(ctx, request.params.id, request.body.practitionerId);
    reply.status(201);
    return result;
  });
}

function takeOff(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    'Take a practitioner off a shift',
    { params: AssignmentParams, response: { 200: Shift } },
    [404, 409],
  );
  app.delete('/shifts/:id/assignments/:practitionerId', { schema }, async (request) => {
    const { id, practitionerId } = request.params;
    return unassign({ db, timezone: config.timezone, request }, id, practitionerId);
  });
}

const LOCK = 'Lock a shift: rota runs and plan changes keep it exactly as it is';

function lock(app: App, { database: { db }, config }: Deps): void {
  const schema = op(LOCK, { params: ShiftParams, response: { 200: Shift } }, [404]);
  app.post('/shifts/:id/lock', { schema }, async (request) =>
    setLocked({ db, timezone: config.timezone, request }, request.params.id, true),
  );
}

function unlock(app: App, { database: { db }, config }: Deps): void {
  const schema = op(
    'Unlock a shift so rota runs may change it again',
    { params: ShiftParams, response: { 200: Shift } },
    [404],
  );
  app.post('/shifts/:id/unlock', { schema }, async (request) =>
    setLocked({ db, timezone: config.timezone, request }, request.params.id, false),
  );
}
