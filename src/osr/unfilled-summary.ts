import { Type, type Static } from 'typebox';
import { Code, IsoWeek, Uuid } from '../http/schemas.js';
import type { UnfilledCause, UnfilledGroup } from '../scheduler/index.js';

/**
 * Unfilled OSR weeks as a hub manager reads them: one line per hub and cause, with the smallest fixes
 * the core re-checked. A grade is not a fix (it is a person's job), so only facts a manager can change
 * are offered: someone working during a recorded absence.
 */
const weeksOf = (description: string) => ({
  weeks: Type.Integer({ description }),
  isoWeeks: Type.Array(IsoWeek),
});
const Fix = Type.Object({
  practitionerId: Uuid,
  name: Type.String(),
  change: Type.String({ enum: ['absence'] }),
  ...weeksOf('How many of the group’s weeks this fills, re-checked by the core'),
  sentence: Type.String(),
});
export const OsrUnfilledGroup = Type.Object({
  hub: Code,
  hubName: Type.String(),
  ...weeksOf('How many weeks share this cause'),
  because: Type.String({ description: 'The cause, in one sentence' }),
  fixes: Type.Array(Fix),
});
export type OsrUnfilledGroupDto = Static<typeof OsrUnfilledGroup>;

const list = (names: string[]): string =>
  names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

function because(cause: UnfilledCause, hubName: string, nameOf: (id: string) => string): string {
  switch (cause.kind) {
    case 'free':
      return `${list(cause.peopleIds.map(nameOf))} could lead without breaking a rule but were not chosen: set the week by hand.`;
    case 'busy': {
      const n = cause.peopleIds.length;
      const who = n === 1 ? 'The one practitioner' : `The ${n} practitioners`;
      const absent = cause.rules.every((r) => r === 'absence');
      return `${who} of ${hubName} who could lead (${list(cause.peopleIds.map(nameOf))}) ${n === 1 ? 'is' : 'are'} ${absent ? 'absent or unavailable' : 'held back by other weeks or absences'} then.`;
    }
    case 'static':
      return cause.blockedAt === 'nobody'
        ? `No current 0-19 practitioner belongs to ${hubName}.`
        : `Nobody in ${hubName} is grade H or I and still with the hub.`;
  }
}

/** The core's groups for one hub, in words; `weekOf` turns a demand id back into its ISO week. */
export function osrSummary(
  groups: UnfilledGroup[],
  hub: string,
  hubName: string,
  weekOf: (demandId: string) => string,
  /** People by their own names (the core's resources carry their grade too). */
  nameOf: (practitionerId: string) => string,
): OsrUnfilledGroupDto[] {
  return groups.map((g) => {
    const isoWeeks = g.demandIds.map(weekOf);
    return {
      hub,
      hubName,
      weeks: isoWeeks.length,
      isoWeeks,
      because: because(g.cause, hubName, nameOf),
      fixes: g.fixes
        .filter((f) => f.relax === 'absence')
        .map((f) => {
          const weeks = f.demandIds.map(weekOf);
          const howMany =
            isoWeeks.length === 1
              ? `lead ${isoWeeks[0]}`
              : `lead ${weeks.length} of these ${isoWeeks.length} weeks`;
          return {
            practitionerId: f.resourceId,
            name: nameOf(f.resourceId),
            change: 'absence',
            weeks: weeks.length,
            isoWeeks: weeks,
            sentence: `${nameOf(f.resourceId)} could ${howMany} if available during the recorded absence.`,
          };
        }),
    };
  });
}
