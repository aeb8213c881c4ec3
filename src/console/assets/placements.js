// @ts-check
import { api, getAll } from './api.js';
import { can } from './access.js';
import { answerRegion, attempt } from './form.js';
import { chooser, dayPeriod } from './chooser.js';
import { planText } from './phases.js';
import { changePlacementForm, createPlacementForm, reviewForm } from './placement-forms.js';
import { clear, fmtDay, h, Names, secondaryButton, table } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').Placement} Placement
 * @typedef {import('../api-types').Review} Review
 * @typedef {import('./placement-forms.js').Facts} Facts
 * @typedef {{
 *   out: HTMLElement,
 *   editor: HTMLElement,
 *   facts: Facts,
 *   regions: Names,
 *   specialisms: Names,
 *   people: Names,
 *   load: () => Promise<void>,
 * }} Ctx
 */

/** 24/7 placements: the list, starting one, changing its plan, recording its review. */
export const placementsScreen = screen('placements', 'Placements', 'GET /v1/placements', render, {
  'POST /v1/placements': 'start placements',
  'PATCH /v1/placements/:id': 'change a placement’s plan',
  'POST /v1/placements/:id/reviews': 'record placement reviews',
});

/** @param {Ctx} ctx @param {Placement} p */
const needs = (ctx, p) =>
  [
    ...p.requiredSpecialisms.map((s) => ctx.specialisms.of(s, s)),
    p.genderRequirement ? `${p.genderRequirement} practitioners only` : '',
    p.excludedPractitioners.length
      ? `never ${p.excludedPractitioners.map((id) => ctx.people.of(id)).join(', ')}`
      : '',
  ]
    .filter(Boolean)
    .join('; ') || '—';

/** @param {Ctx} ctx @param {Placement[]} items */
function placementTable(ctx, items) {
  if (!items.length) return h('p', {}, 'No placements in this period.');
  return table(
    `Placements (${items.length})`,
    ['Case', 'Region', 'Period', 'Review due', 'Needs', 'Plan', 'Action'],
    items.map((p) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, p.caseReference),
        h('td', {}, ctx.regions.of(p.region, p.region)),
        h('td', {}, `${fmtDay(p.startDate)} to ${fmtDay(p.endDate)}`),
        h('td', {}, fmtDay(p.reviewDate)),
        h('td', {}, needs(ctx, p)),
        h('td', {}, planText(p.phases)),
        h(
          'td',
          { class: 'actions' },
          can('PATCH /v1/placements/:id')
            ? secondaryButton(`Change plan of ${p.caseReference}`, () => edit(ctx, p.id, 'change'))
            : null,
          can('POST /v1/placements/:id/reviews')
            ? secondaryButton(`Record review of ${p.caseReference}`, () => edit(ctx, p.id, 'review'))
            : null,
        ),
      ),
    ),
  );
}

/** @param {Ctx} ctx @param {string} id @param {'change' | 'review'} what */
const edit = (ctx, id, what) =>
  attempt(ctx.out, async () => {
    /** @type {Placement} */
    const p = await api.get(`/v1/placements/${id}`);
    /** @type {Review[]} */
    const reviews = (await api.get(`/v1/placements/${id}/reviews`)).items ?? [];
    const done = async () => {
      await ctx.load();
    };
    ctx.editor.hidden = false;
    clear(
      ctx.editor,
      what === 'change' ? changePlacementForm(ctx.facts, p, done) : reviewForm(p, done),
      reviews.length
        ? h(
            'details',
            {},
            h('summary', {}, `Earlier reviews of ${p.caseReference} (${reviews.length})`),
            h(
              'ul',
              {},
              reviews.map((r) =>
                h(
                  'li',
                  {},
                  `${fmtDay(r.heldOn)}: ${r.decision.replace('_', ' ')}${r.note ? ` — ${r.note}` : ''}`,
                ),
              ),
            ),
          )
        : null,
    );
    ctx.editor.querySelector('input, select')?.scrollIntoView({ block: 'nearest' });
    /** @type {HTMLElement | null} */ (ctx.editor.querySelector('h3'))?.focus();
  });

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  /** @type {Facts} */
  const facts = {
    regions: await getAll('/v1/regions'),
    specialisms: await getAll('/v1/specialisms'),
    practitioners: await getAll('/v1/practitioners', { kind: 'parenting' }),
  };
  const regions = new Names(facts.regions);
  const specialisms = new Names(facts.specialisms);
  const people = new Names(facts.practitioners);
  const out = answerRegion();
  const list = h('div', { id: 'placements' });
  const editor = h('section', { id: 'placement-editor', 'aria-label': 'Placement', hidden: true });
  const { from, to, fields } = dayPeriod(0, 27);
  const reviewsOnly = h('input', { type: 'checkbox', name: 'reviewsDue', id: 'reviews-due' });

  /** @type {Ctx} */
  const ctx = { out, editor, facts, regions, specialisms, people, load: async () => void (await load()) };
  const load = () =>
    attempt(out, async () => {
      const params = reviewsOnly.checked
        ? { reviewDueFrom: from.value, reviewDueTo: to.value }
        : { from: from.value, to: to.value };
      /** @type {Placement[]} */
      const items = await getAll('/v1/placements', params);
      clear(list, placementTable(ctx, items));
    });

  draw(
    chooser(
      'Show placements',
      [
        fields,
        h(
          'div',
          { class: 'choice' },
          reviewsOnly,
          h('label', { for: reviewsOnly.id }, 'Only reviews due in the period'),
        ),
      ],
      load,
    ),
    out,
    list,
    editor,
    can('POST /v1/placements') ? createPlacementForm(facts, async () => void (await load())) : null,
  );
  await load();
}
