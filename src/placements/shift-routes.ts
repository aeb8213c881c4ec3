import { Type } from 'typebox';
import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { errorResponses, LocalDate, PageQuery, Uuid } from '../http/schemas.js';
import { CursorPage, CursorParam, linkNext } from '../http/cursor.js';
import { addAssignment, removeAssignment, touchShift } from '../rota/assignments.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS, PeriodEnd } from '../http/spans.js';
import { Shift, shiftExample, ShiftStatus } from './shift-model.js';
import { findShift, listShifts, lockShift, setShiftLocked } from './shift-repository.js';
import { applyChange } from '../changes/apply-change.js';
import { shiftEvent } from '../events/payloads.js';
import { lockFactsForAssigning } from '../changes/locks.js';
import { shortFrom } from '../rules/coverage.js';
import { candidatesForShift, checkManualAssignment } from './shift-edits.js';

const Rule = Type.Object({ rule: Type.String(), message: Type.String() });
const EditResult = Type.Object(
  {
    shift: Shift,
    warnings: Type.Array(Rule, { description: 'Soft goals the change strains: allowed, but worth knowing' }),
  },
  {
    examples: [
      {
        shift: shiftExample,
        warnings: [
          { rule: 'Continuity of care', message: 'Alex Morgan has not worked with this family before' },
        ],
      },
    ],
  },
);

export async function shiftRoutes(app: App, deps: Deps): Promise<void> {
  getShiftsRoute(app, deps);
  getShiftsByIdRoute(app, deps);
  getShiftsByIdCandidatesRoute(app, deps);
  postShiftsByIdAssignmentsRoute(app, deps);
  deleteShiftsByIdAssignmentsByPractitioneridRoute(app, deps);
}

function getShiftsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/shifts',
    {
      schema: {
        tags: ['shifts'],
        summary:
          'Shifts starting on local dates from..to (both included), by placement, practitioner or status; in order of start, paged by cursor (`next`, Link rel="next")',
        querystring: Type.Object(
          {
            from: LocalDate,
            to: PeriodEnd(MAX_SPAN_DAYS.shifts),
            placement: Type.Optional(Uuid),
            practitioner: Type.Optional(Uuid),
            status: Type.Optional(ShiftStatus),
            limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 1000 })),
            offset: PageQuery.offset,
            cursor: Type.Optional(CursorParam),
          },
          { additionalProperties: false },
        ),
        response: { 200: CursorPage(Shift, shiftExample), ...errorResponses() },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const { start, end } = localPeriod(q.from, q.to, tz, MAX_SPAN_DAYS.shifts);
      const { limit = 1000, offset = 0 } = q;
      const page = await listShifts(
        db,
        { from: start, to: end, placementId: q.placement, practitionerId: q.practitioner, status: q.status },
        limit,
        offset,
        q.cursor,
      );
      linkNext(request, reply, page.next);
      return { ...page, limit, offset };
    },
  );
}

function getShiftsByIdRoute(app: App, deps: Deps): void {
  const { db } = deps.database;

  app.get(
    '/shifts/:id',
    {
      schema: {
        tags: ['shifts'],
        summary: 'One shift with who is on it',
        params: Type.Object({ id: Uuid }),
        response: { 200: Shift, ...errorResponses(404) },
      },
    },
    async (request) => {
      const { id } = request.params;
      const shift = await findShift(db, id);
      if (!shift) throw problems.notFound('shift', id);
      return shift;
    },
  );
}

function getShiftsByIdCandidatesRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/shifts/:id/candidates',
    {
      schema: {
        tags: ['shifts'],
        summary:
          'Who could work this shift, best first; then those one rule away (with that rule); then everyone else with the rules they would break',
        params: Type.Object({ id: Uuid }),
        response: {
          200: Type.Object(
            {
              items: Type.Array(
                Type.Object({
                  practitionerId: Uuid,
                  name: Type.String(),
                  allowed: Type.Boolean(),
                  breaks: Type.Array(Type.String()),
                  warnings: Type.Array(Type.String()),
                  oneRuleAway: Type.Union([Type.String(), Type.Null()], {
                    description:
                      'The one hard rule between this person and the shift (region, skill, absence, minimumRest, ...), when only one is: they come right after those who may work it',
                  }),
                }),
              ),
            },
            {
              examples: [
                {
                  items: [
                    {
                      practitionerId: shiftExample.assignments[0]!.practitionerId,
                      name: 'Alex Morgan',
                      allowed: true,
                      breaks: [],
                      warnings: [],
                      oneRuleAway: null,
                    },
                    {
                      practitionerId: '6d7d2f53-fc2e-45b0-bdbd-bf91af7589ed',
                      name: 'Ben Iqbal',
                      allowed: false,
                      breaks: ['Ben Iqbal does not work in North West'],
                      warnings: [],
                      oneRuleAway: 'region',
                    },
                  ],
                },
              ],
            },
          ),
          ...errorResponses(404),
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      return { items: await candidatesForShift(db, id, tz) };
    },
  );
}

function postShiftsByIdAssignmentsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.post(
    '/shifts/:id/assignments',
    {
      schema: {
        tags: ['shifts'],
        summary:
          'Assign a practitioner by hand: refused (409) with the rule in words if it breaks one; soft goals come back as warnings',
        params: Type.Object({ id: Uuid }),
        body: Type.Object(
          { practitionerId: Uuid },
          {
            additionalProperties: false,
            examples: [{ practitionerId: shiftExample.assignments[0]!.practitionerId }],
          },
        ),
        response: { 201: EditResult, ...errorResponses(404, 409, 422) },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const { practitionerId } = request.body;
      const { after } = await applyChange(
        { db, timezone: tz, request },
        {
          entity: 'shift',
          action: 'assign',
          lock: async (trx) => {
            await lockFactsForAssigning(trx, [id], [practitionerId]);
            return lockShift(trx, id);
          },
          write: async (trx, before) => {
            if (before.assignments.some((a) => a.practitionerId === practitionerId)) {
              throw problems.conflict('That practitioner is already on this shift.', 'already-assigned');
            }
            if (before.status === 'covered') {
              throw problems.conflict(
                `The shift already has ${before.required} of ${before.required}; unassign someone first.`,
                'shift-full',
              );
            }
            const check = await checkManualAssignment(trx, id, practitionerId, tz);
            if (!check.allowed) {
              throw problems.conflict(
                `Not assigned: ${check.broken.map((b) => b.message).join('; ')}.`,
                'rule-broken',
                { broken: check.broken },
              );
            }
            // They work from where the shift is short (after someone who fell sick), never in the past;
            // a shift that has ended is a correction of the record, from the gap on.
            const now = Date.now();
            const gap = shortFrom(
              before.assignments.map((x) => ({ start: Date.parse(x.start), end: Date.parse(x.end) })),
              Date.parse(before.start),
              Date.parse(before.end),
              before.required,
              now,
            );
            const ended = Date.parse(before.end) <= now;
            const from = ended ? (gap ?? 0) : Math.max(gap ?? 0, now);
            await addAssignment(trx, id, practitionerId, 'manual', true, new Date(from));
            await touchShift(trx, id);
            return { shift: (await findShift(trx, id))!, warnings: check.warnings };
          },
          entityId: () => id,
          assigns: () => [{ shiftId: id, practitionerId }],
          audited: (result) => ({ ...result.shift, warnings: result.warnings }),
          event: (result) => ({
            type: 'shift.assigned',
            subjectId: id,
            payload: {
              shift: shiftEvent(result.shift),
              practitioner: {
                id: practitionerId,
                name: result.shift.assignments.find((a) => a.practitionerId === practitionerId)?.name ?? '',
              },
            },
          }),
        },
      );
      const result = after;
      reply.status(201);
      return result;
    },
  );
}

function deleteShiftsByIdAssignmentsByPractitioneridRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.delete(
    '/shifts/:id/assignments/:practitionerId',
    {
      schema: {
        tags: ['shifts'],
        summary: 'Take a practitioner off a shift',
        params: Type.Object({ id: Uuid, practitionerId: Uuid }),
        response: { 200: Shift, ...errorResponses(404, 409) },
      },
    },
    async (request) => {
      const { id, practitionerId } = request.params;
      const { after } = await applyChange(
        { db, timezone: tz, request },
        {
          entity: 'shift',
          action: 'unassign',
          lock: (trx) => lockShift(trx, id),
          write: async (trx, before) => {
            if (before.locked)
              throw problems.conflict(
                'This shift is locked; unlock it to change who works it.',
                'shift-locked',
              );
            if (!(await removeAssignment(trx, id, practitionerId)))
              throw problems.notFound('assignment of that practitioner on this shift', practitionerId);
            await touchShift(trx, id);
            return (await findShift(trx, id))!;
          },
          entityId: () => id,
          event: (shift, before) => ({
            type: 'shift.unassigned',
            subjectId: id,
            payload: {
              shift: shiftEvent(shift),
              practitioner: {
                id: practitionerId,
                name: before.assignments.find((a) => a.practitionerId === practitionerId)?.name ?? '',
              },
            },
          }),
        },
      );
      return after;
    },
  );

  for (const [path, locked] of [
    ['lock', true],
    ['unlock', false],
  ] as const) {
    app.post(
      `/shifts/:id/${path}`,
      {
        schema: {
          tags: ['shifts'],
          summary: locked
            ? 'Lock a shift: rota runs and plan changes keep it exactly as it is'
            : 'Unlock a shift so rota runs may change it again',
          params: Type.Object({ id: Uuid }),
          response: { 200: Shift, ...errorResponses(404) },
        },
      },
      async (request) => {
        const { id } = request.params;
        const { after } = await applyChange(
          { db, timezone: tz, request },
          {
            entity: 'shift',
            action: path,
            lock: (trx) => lockShift(trx, id),
            write: async (trx) => {
              await setShiftLocked(trx, id, locked);
              await touchShift(trx, id);
              return (await findShift(trx, id))!;
            },
            entityId: () => id,
          },
        );
        return after;
      },
    );
  }
}
