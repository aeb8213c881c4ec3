import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { DateTime } from 'luxon';
import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { errorResponses, IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import { findPractitioner } from '../panel/practitioner-repository.js';
import { localPeriod } from '../time/period.js';
import { MAX_SPAN_DAYS, PeriodEnd } from '../http/spans.js';
import { practitionerCalendar, shiftsCsv } from './exports.js';
import { hoursByWeek } from './hours.js';
import { shiftBatches } from './shift-repository.js';

const Period = Type.Object(
  { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.shifts) },
  { additionalProperties: false },
);

/** A text body documented as a string and sent as a stream (fastify pipes streams unserialised). */
const Streamed = (description: string, example: string) =>
  Type.Unsafe<Readable>(Type.String({ description, examples: [example] }));

const WeekHours = Type.Object({
  practitionerId: Uuid,
  name: Type.String(),
  week: IsoWeek,
  hours: Type.Number({ description: 'Real elapsed hours of shifts starting that week' }),
  shifts: Type.Integer(),
  nights: Type.Integer(),
  contractedHoursPerWeek: Type.Union([Type.Number(), Type.Null()]),
  maxHoursPer7Days: Type.Number(),
});
const hoursExample = {
  practitionerId: '5a1c2f4e-8b7d-4e3a-9c21-0d6f1e2b3a45',
  name: 'Alex Morgan',
  week: '2026-W49',
  hours: 37,
  shifts: 3,
  nights: 1,
  contractedHoursPerWeek: 37.5,
  maxHoursPer7Days: 48,
};

export async function exportRoutes(app: App, deps: Deps): Promise<void> {
  getShiftsCsvRoute(app, deps);
  getPractitionersByIdRotaIcsRoute(app, deps);
  getHoursRoute(app, deps);
}

function getShiftsCsvRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/shifts.csv',
    {
      schema: {
        tags: ['shifts'],
        summary: "The coordinator's spreadsheet of shifts for a period of local dates (both included)",
        querystring: Period,
        produces: ['text/csv'],
        response: {
          200: Streamed(
            'text/csv',
            'date,start,end,hours,case_reference,region,required,status,locked,practitioners,shift_id\r\n',
          ),
          ...errorResponses(),
        },
      },
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const { start, end } = localPeriod(from, to, tz, MAX_SPAN_DAYS.shifts);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="shifts-${from}-to-${to}.csv"`);
      // Streamed: rows are read in keyset batches as the client takes them (backpressure), memory flat.
      return Readable.from(shiftsCsv(shiftBatches(db, { from: start, to: end }), tz));
    },
  );
}

function getPractitionersByIdRotaIcsRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/practitioners/:id/rota.ics',
    {
      schema: {
        tags: ['shifts'],
        summary:
          "A practitioner's published shifts as an iCalendar feed (30 days back to 120 days ahead by default)",
        params: Type.Object({ id: Uuid }),
        querystring: Type.Object(
          { from: Type.Optional(LocalDate), to: Type.Optional(PeriodEnd(MAX_SPAN_DAYS.calendar)) },
          { additionalProperties: false },
        ),
        response: {
          200: Streamed('text/calendar', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...'),
          ...errorResponses(404),
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const q = request.query;
      const practitioner = await findPractitioner(db, id);
      if (!practitioner) throw problems.notFound('practitioner', id);
      const today = DateTime.now().setZone(tz);
      const from = q.from ?? today.minus({ days: 30 }).toISODate()!;
      const to = q.to ?? today.plus({ days: 120 }).toISODate()!;
      const { start, end } = localPeriod(from, to, tz, MAX_SPAN_DAYS.calendar);
      const batches = shiftBatches(db, { from: start, to: end, practitionerId: id });
      reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="rota.ics"');
      const years: [number, number] = [
        DateTime.fromISO(from, { zone: tz }).year,
        DateTime.fromISO(to, { zone: tz }).year,
      ];
      return Readable.from(practitionerCalendar(id, practitioner.name, batches, new Date(), tz, years));
    },
  );
}

function getHoursRoute(app: App, deps: Deps): void {
  const { db } = deps.database;
  const tz = deps.config.timezone;

  app.get(
    '/hours',
    {
      schema: {
        tags: ['shifts'],
        summary: 'Hours per practitioner per week against their contract, for payroll and fairness',
        querystring: Type.Object(
          { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.shifts), practitioner: Type.Optional(Uuid) },
          { additionalProperties: false },
        ),
        response: {
          200: Type.Object({ items: Type.Array(WeekHours) }, { examples: [{ items: [hoursExample] }] }),
          ...errorResponses(),
        },
      },
    },
    async (request) => {
      const { from, to, practitioner } = request.query;
      localPeriod(from, to, tz, MAX_SPAN_DAYS.shifts);
      return { items: await hoursByWeek(db, from, to, practitioner) };
    },
  );
}
