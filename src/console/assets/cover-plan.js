// @ts-check
import { api, ApiError } from './api.js';
import { can } from './access.js';
import { causeGroups } from './causes.js';
import { actionButton, answerRegion } from './form.js';
import { badge, clear, h, problem, shiftLabel, table } from './ui.js';

/**
 * @typedef {import('../api-types').CoverPlan} CoverPlan
 * @typedef {import('../api-types').Shift} Shift
 * @typedef {import('../api-types').Candidate} Candidate
 */

/**
 * The plan as rows a person reads: each covered shift with the alternatives, each shift without cover with
 * who was considered, and other shifts it changes.
 * @param {CoverPlan} p
 * @param {(id: string) => Promise<string>} label
 */
async function planRows(p, label) {
  const alternatives = new Map(p.alternatives.map((a) => [a.shiftId, a.candidates]));
  /** @param {Candidate[]} alts */
  const altList = (alts) =>
    alts.length
      ? h(
          'ul',
          {},
          alts.map((c) => {
            const why = [...c.breaks, ...c.warnings];
            return h(
              'li',
              {},
              c.name,
              c.allowed ? '' : ' (would break a rule)',
              why.length ? h('span', { class: 'muted' }, ` — ${why.join('; ')}`) : null,
            );
          }),
        )
      : 'No other candidate';
  const rows = [];
  for (const a of p.assignments)
    rows.push(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, await label(a.shiftId)),
        h('td', {}, badge('✔ Covered', 'good'), a.name),
        h('td', {}, altList(alternatives.get(a.shiftId) ?? [])),
      ),
    );
  const noCover = [];
  for (const u of p.uncovered)
    noCover.push(
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, await label(u.shiftId)),
        h('td', {}, badge('⚠ No cover', 'bad')),
        h(
          'td',
          {},
          h(
            'ul',
            {},
            u.reasons.map((r) => h('li', {}, r)),
          ),
        ),
      ),
    );
  const changes = [];
  for (const c of p.changes)
    changes.push(
      h('li', {}, `${await label(c.shiftId)}: ${c.removed.length} taken off, ${c.added.length} put on`),
    );

  return { rows, noCover, changes };
}

/**
 * Accept: all of the plan or nothing; when the rota moved under it (409), say so and offer a fresh plan.
 * @param {CoverPlan} p
 * @param {HTMLElement} out
 * @param {() => void} fresh
 */
function acceptButton(p, out, fresh) {
  const accept = actionButton(
    'Accept this plan',
    out,
    async () => {
      const done = await api.post(`/v1/cover-plans/${p.id}/accept`);
      accept.remove();
      return {
        title: 'Cover plan accepted',
        detail: `${done.assignments.length} shift(s) covered${done.uncovered.length ? `; ${done.uncovered.length} still without cover` : ''}. The rota is updated.`,
      };
    },
    {
      id: 'accept-plan',
      hint: (error) =>
        error instanceof ApiError && error.status === 409
          ? [
              h(
                'p',
                {},
                'Someone changed the rota after this plan was made, so it was not applied. Nothing changed.',
              ),
              h(
                'button',
                {
                  type: 'button',
                  id: 'fresh-plan',
                  onclick: fresh,
                },
                'Get a fresh plan',
              ),
            ]
          : null,
    },
  );
  return accept;
}

/**
 * A cover plan, made and shown: what is short and why (grouped causes first, with fixes), who the plan
 * puts on each shift and the alternatives (folded away), and Accept, or a fresh plan when the rota moved.
 * @param {HTMLElement} section where the plan is drawn
 * @param {{ absenceId?: string, shiftIds?: string[], from?: string, to?: string }} request
 * @param {(id: string) => Promise<string>} label a shift's words
 */
export async function showCoverPlan(section, request, label) {
  const out = answerRegion();
  const heading = h('h2', { id: 'plan-h', tabindex: '-1' }, 'Cover plan');
  section.hidden = false;
  clear(section, heading, h('p', { role: 'status' }, 'Finding cover…'));
  /** @type {CoverPlan} */
  let p;
  try {
    p = await api.post('/v1/cover-plans', request);
  } catch (error) {
    clear(section, heading, out);
    problem(out, error);
    return;
  }
  const { rows, noCover, changes } = await planRows(p, label);
  const accept = acceptButton(p, out, () => void showCoverPlan(section, request, label));
  const groups = p.uncoveredSummary;
  clear(
    section,
    heading,
    h(
      'p',
      {},
      `Made in ${(p.solveMs / 1000).toFixed(1)} s. ${p.movedOthers ? 'It moves other shifts to make cover possible (listed below).' : 'It changes no other shift.'}`,
    ),
    groups && groups.length
      ? causeGroups(groups, 'Why some shifts have no cover, and what would cover them')
      : null,
    rows.length
      ? table(
          'Proposed cover, with the alternatives for each shift',
          ['Shift', 'Proposed', 'Alternatives'],
          rows,
        )
      : h('p', {}, 'The plan covers no shift.'),
    noCover.length
      ? groups
        ? h(
            'details',
            {},
            h('summary', {}, `Shifts without cover and who was considered (${noCover.length})`),
            table('Shifts without cover', ['Shift', 'Cover', 'Who was considered'], noCover),
          )
        : table('Shifts without cover', ['Shift', 'Cover', 'Who was considered'], noCover)
      : null,
    changes.length ? [h('h3', {}, 'Other shifts it changes'), h('ul', {}, changes)] : null,
    p.status === 'proposed' && can('POST /v1/cover-plans/:id/accept')
      ? accept
      : h('p', {}, `This plan is ${p.status}.`),
    out,
  );
  heading.focus();
}

/** A label maker for shifts, reading each shift once. @param {Map<string, Shift>} known */
export function shiftLabeller(known) {
  return async (/** @type {string} */ shiftId) => {
    if (!known.has(shiftId)) {
      try {
        known.set(shiftId, await api.get(`/v1/shifts/${shiftId}`));
      } catch {
        return 'a shift no longer on the rota';
      }
    }
    const s = known.get(shiftId);
    return s ? shiftLabel(s) : 'a shift';
  };
}
