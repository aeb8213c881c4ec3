import type { Transaction } from 'kysely';
import type { DateTime } from 'luxon';
import type { DB, InterventionOutcome } from '../db/schema.js';
import { closeIntervention, insertIntervention } from '../osr/intervention-repository.js';

const OUTCOME_CYCLE: InterventionOutcome[] = [
  'completed',
  'stepped_down',
  'completed',
  'transferred_to_statutory',
  'disengaged',
  'completed',
  'other',
];
// Feedback about the help, never about the family: the comment field is not for personal details.
const COMMENTS = ['Sessions helped with routines.', 'Clear plan and regular visits.', null];

/**
 * Sixteen weeks of past OSR work per hub, so the pilot review has figures on `npm start`: a
 * consultation booked each week with one of the hub's H or I practitioners, the intervention that
 * followed, and (once it has run its course) its outcome and the family's score.
 */
export async function loadDemoOutcomes(
  trx: Transaction<DB>,
  monday: DateTime,
  leads: { hub: string; practitionerId: string }[],
): Promise<number> {
  let closed = 0;
  for (const [h, lead] of leads.entries()) {
    for (let k = 16; k >= 1; k--) {
      const week = monday.minus({ weeks: k });
      const caseReference = `DEMO-${lead.hub.toUpperCase()}-${String(k).padStart(2, '0')}`;
      const booking = await trx
        .insertInto('osr_bookings')
        .values({
          hub_code: lead.hub,
          week_start: week.toISODate()!,
          case_reference: caseReference,
          kind: 'consultation',
          practitioner_id: lead.practitionerId,
          social_worker: 'Duty SW Team 1',
          scheduled_at: null,
          visit_ends_at: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const startedOn = week.plus({ days: 2 });
      const id = await insertIntervention(trx, {
        bookingId: booking.id,
        hub: lead.hub,
        monday: week.toISODate()!,
        caseReference,
        practitionerId: lead.practitionerId,
        sessions: 6,
        startedOn: startedOn.toISODate()!,
      });
      const closedOn = startedOn.plus({ days: 28 + 7 * ((k + h) % 5) });
      if (closedOn >= monday) continue;
      const outcome = OUTCOME_CYCLE[(k + h) % OUTCOME_CYCLE.length]!;
      const comment = COMMENTS[(k + h) % COMMENTS.length];
      await closeIntervention(
        trx,
        id,
        {
          closedOn: closedOn.toISODate()!,
          outcome,
          sessionsDelivered: outcome === 'disengaged' ? 2 : 6,
          ...(outcome === 'disengaged'
            ? {}
            : { feedback: { score: 3 + ((k + h) % 3), ...(comment ? { comment } : {}) } }),
        },
        closedOn.set({ hour: 16 }).toJSDate(),
      );
      closed++;
    }
  }
  return closed;
}
