import { applyChange, type ChangeContext } from '../changes/apply-change.js';
import { checkIfMatch } from '../http/etag.js';
import { assertHubScope } from '../http/permissions.js';
import { moveActiveBookings } from './booking-repository.js';
import { leadOf } from './figures.js';
import { checkOverride, weekContext } from './lead-service.js';
import { lockLeadRows, leadRows, saveOverride } from './rota-repository.js';
import { osrWeek, parseWeek } from './weeks.js';

/**
 * A hub manager's override of a week's lead responder, with a reason: the person must be able to lead
 * the week (checked by the core), and the week's active bookings move to them. An override of an
 * issued week stays issued: social workers were already told about the week.
 */
export async function overrideLead(
  ctx: ChangeContext,
  hub: string,
  week: string,
  body: { practitionerId: string; reason: string },
) {
  assertHubScope(ctx.request, hub);
  parseWeek(week, '/params/week');
  const { monday } = osrWeek(week, ctx.timezone);
  const { after } = await applyChange(ctx, {
    entity: 'osr_lead_responder',
    action: 'override',
    lock: async (trx) => {
      const [before] = await lockLeadRows(trx, { hubs: [hub], fromMonday: monday, toMonday: monday });
      // A week never stored has no version to match; a stored one must match If-Match when sent.
      if (before) checkIfMatch(ctx.request, before.version);
      return before;
    },
    write: async (trx) => {
      const context = await weekContext(trx, hub, week, ctx.timezone);
      const { person, warnings } = await checkOverride(trx, context, week, body.practitionerId, ctx.timezone);
      await saveOverride(trx, {
        hub,
        monday,
        practitionerId: person.id,
        grade: person.grade,
        reason: body.reason,
      });
      const moved = await moveActiveBookings(trx, hub, monday, person.id);
      const [row] = await leadRows(trx, { hubs: [hub], fromMonday: monday, toMonday: monday });
      return { row: row!, warnings, moved };
    },
    entityId: () => `${hub}/${week}`,
    audited: ({ row, warnings }) => ({ ...leadOf(row), warnings }),
    event: ({ row }) => ({
      type: 'osr.lead-responder.changed',
      subjectId: `${hub}/${week}`,
      payload: {
        hub,
        week,
        practitioner: { id: row.practitionerId!, name: row.name ?? '' },
        grade: row.grade,
        source: 'override',
        reason: body.reason,
      },
    }),
    etag: ({ row }) => row.version,
  });
  return {
    hub,
    week,
    leadResponder: leadOf(after.row)!,
    warnings: after.warnings,
    bookingsMoved: after.moved,
  };
}
