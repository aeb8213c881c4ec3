import { Readable } from 'node:stream';
import { Type } from 'typebox';
import { DateTime } from 'luxon';
import type { App, Deps } from '../http/app-types.js';
import { problems } from '../http/problem.js';
import { IsoWeek, LocalDate, Uuid } from '../http/schemas.js';
import { operations, routes } from '../http/operation.js';
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

const ShiftsCsv = Streamed(
  'text/csv',
  'date,start,end,hours,case_reference,region,required,status,locked,practitioners,shift_id,type\r\n',
);
const Calendar = Streamed('text/calendar', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\n...');
const CalendarQuery = Type.Object(
  { from: Type.Optional(LocalDate), to: Type.Optional(PeriodEnd(MAX_SPAN_DAYS.calendar)) },
  { additionalProperties: false },
);
const HoursQuery = Type.Object(
  { from: LocalDate, to: PeriodEnd(MAX_SPAN_DAYS.shifts), practitioner: Type.Optional(Uuid) },
  { additionalProperties: false },
);
const Hours = Type.Object({ items: Type.Array(WeekHours) }, { examples: [{ items: [hoursExample] }] });

const op = operations('shifts');

export const exportRoutes = routes(csv, calendar, hours);

const CSV = "The coordinator's spreadsheet of shifts for a period of local dates (both included)";

function csv(app: App, { database: { db }, config: { timezone } }: Deps): void {
  const schema = op(CSV, { querystring: Period, produces: ['text/csv'], response: { 200: ShiftsCsv } });
  app.get('/shifts.csv', { schema }, async (request, reply) => {
    const { from, to } = request.query;
    const { start, end } = localPeriod(from, to, timezone, MAX_SPAN_DAYS.shifts);
    reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="shifts-${from}-to-${to}.csv"`);
    // Streamed: rows are read in keyset batches as the client takes them (backpressure), memory flat.
    return Readable.from(shiftsCsv(shiftBatches(db, { from: start, to: end }), timezone));
  });
}

const ICS =
  "A practitioner's published shifts as an iCalendar feed (30 days back to 120 days ahead by default)";

function calendar(app: App, { database: { db }, config: { timezone: tz } }: Deps): void {
  const input = { params: Type.Object({ id: Uuid }), querystring: CalendarQuery };
  const schema = op(ICS, { ...input, response: { 200: Calendar } }, [404]);
  app.get('/practitioners/:id/rota.ics', { schema }, async (request, reply) => {
    const { id } = request.params;
    const practitioner = await findPractitioner(db, id);
    if (!practitioner) throw problems.notFound('practitioner', id);
    const today = DateTime.now().setZone(tz);
    const from = request.query.from ?? today.minus({ days: 30 }).toISODate()!;
    const to = request.query.to ?? today.plus({ days: 120 }).toISODate()!;
    const { start, end } = localPeriod(from, to, tz, MAX_SPAN_DAYS.calendar);
    const batches = shiftBatches(db, { from: start, to: end, practitionerId: id });
    reply.type('text/calendar; charset=utf-8').header('content-disposition', 'inline; filename="rota.ics"');
    const years: [number, number] = [
      DateTime.fromISO(from, { zone: tz }).year,
      DateTime.fromISO(to, { zone: tz }).year,
    ];
    return Readable.from(practitionerCalendar(id, practitioner.name, batches, new Date(), tz, years));
  });
}

const HOURS = 'Hours per practitioner per week against their contract, for payroll and fairness';

function hours(app: App, { database: { db }, config: { timezone } }: Deps): void {
  app.get(
    '/hours',
    { schema: op(HOURS, { querystring: HoursQuery, response: { 200: Hours } }) },
    async (request) => {
      const { from, to, practitioner } = request.query;
      localPeriod(from, to, timezone, MAX_SPAN_DAYS.shifts);
      return { items: await hoursByWeek(db, from, to, practitioner) };
    },
  );
}
