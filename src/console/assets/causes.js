// @ts-check
import { api } from './api.js';
import { can, canOnPractitioner } from './access.js';
import { actionButton, answerRegion } from './form.js';
import { badge, h } from './ui.js';

/**
 * @typedef {import('../api-types').CauseGroup} CauseGroup
 * @typedef {import('../api-types').Fix} Fix
 * @typedef {import('../api-types').Placement} Placement
 * @typedef {import('../api-types').Practitioner} Practitioner
 * @typedef {import('./form.js').Outcome} Outcome
 */

/**
 * The change a fix asks for, as a write the console can make, or null when it can only be said (gender,
 * absence, rest, hours and contract are decisions for a person, not a button).
 * @param {Fix} fix
 * @param {CauseGroup} group
 * @returns {{ op: string, run: () => Promise<Outcome> } | null}
 */
function fixAction(fix, group) {
  const placement = () => /** @type {Promise<Placement>} */ (api.get(`/v1/placements/${group.placementId}`));
  const practitioner = () =>
    /** @type {Promise<Practitioner>} */ (api.get(`/v1/practitioners/${fix.practitionerId}`));
  /** @param {Practitioner} p @param {Partial<Practitioner>} body */
  const patchPractitioner = (p, body) => api.patch(`/v1/practitioners/${p.id}`, body, { ifMatch: p.version });
  const done = { title: `Done: ${fix.sentence}`, detail: 'Run the rota again to fill the shifts.' };
  if (fix.change === 'region') {
    return {
      op: 'PATCH /v1/practitioners/:id',
      run: async () => {
        const [pl, p] = await Promise.all([placement(), practitioner()]);
        if (!p.regions.includes(pl.region))
          await patchPractitioner(p, { regions: [...p.regions, pl.region] });
        return done;
      },
    };
  }
  if (fix.change === 'specialism') {
    return {
      op: 'PATCH /v1/practitioners/:id',
      run: async () => {
        const [pl, p] = await Promise.all([placement(), practitioner()]);
        const missing = pl.requiredSpecialisms.filter((s) => !p.specialisms.includes(s));
        if (missing.length) await patchPractitioner(p, { specialisms: [...p.specialisms, ...missing] });
        return done;
      },
    };
  }
  if (fix.change === 'exclusion') {
    return {
      op: 'PATCH /v1/placements/:id',
      run: async () => {
        const pl = await placement();
        const excludedPractitioners = pl.excludedPractitioners.filter((id) => id !== fix.practitionerId);
        await api.patch(`/v1/placements/${pl.id}`, { excludedPractitioners }, { ifMatch: pl.version });
        return done;
      },
    };
  }
  return null;
}

/**
 * Grouped causes first, a line each: the family, how many shifts, why; then the smallest fixes, as buttons
 * where this key may make the change and as sentences where it may not (or where no button can).
 * @param {CauseGroup[]} groups
 * @param {string} label e.g. "Why shifts are unfilled"
 * @param {() => void} [onFixed] after a fix is made (e.g. offer a new run)
 */
export function causeGroups(groups, label, onFixed) {
  const out = answerRegion();
  const lines = groups.map((g) =>
    h(
      'li',
      { class: 'cause' },
      h('p', {}, h('strong', {}, g.caseReference), ` — ${g.shifts} shift(s): ${g.because}`),
      g.fixes.length
        ? h(
            'ul',
            { class: 'fixes', 'aria-label': `Fixes for ${g.caseReference}` },
            g.fixes.map((fix) => {
              const action = fixAction(fix, g);
              const allowed =
                action &&
                (action.op.startsWith('PATCH /v1/practitioners')
                  ? canOnPractitioner(action.op, { kind: 'parenting', hub: null })
                  : can(action.op));
              const fills = h('span', { class: 'muted' }, ` (fills ${fix.shifts} of ${g.shifts})`);
              if (!action || !allowed) return h('li', {}, fix.sentence, fills);
              return h(
                'li',
                {},
                actionButton(fix.sentence, out, async () => {
                  const outcome = await action.run();
                  if (onFixed) onFixed();
                  return outcome;
                }),
                fills,
              );
            }),
          )
        : h('p', { class: 'muted' }, 'No single change to one person would fill these.'),
    ),
  );
  return h(
    'section',
    { class: 'causes', 'aria-label': label },
    h('h3', {}, label),
    groups.length
      ? h('ul', { class: 'result-list cause-list' }, lines)
      : h('p', {}, badge('✔ None', 'good'), ' Every shift has its practitioners.'),
    out,
  );
}
