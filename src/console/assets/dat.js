// @ts-check
import { api, query } from './api.js';
import { can } from './access.js';
import { actionForm, answerRegion, attempt, value } from './form.js';
import { chooser, weekPeriod } from './chooser.js';
import { clear, field, h, section, select, table } from './ui.js';
import { screen } from './screen.js';

/**
 * @typedef {import('../api-types').DatDutyWeek} DatDutyWeek
 * @typedef {import('../api-types').Coded} Coded
 * @typedef {{ out: HTMLElement, fromWeek: HTMLInputElement, teams: () => Coded[], load: () => Promise<void> }} Ctx
 */

/** Duty and Assessment Teams: the teams, and which is on duty each week (it works with the hubs the week after). */
export const datScreen = screen('dat', 'DAT weeks', 'GET /v1/osr/dat-duty-weeks', render, {
  'PUT /v1/osr/dat-teams/:code': 'add and rename Duty and Assessment Teams',
  'PUT /v1/osr/dat-duty-weeks/:week': 'say which DAT team is on duty each week',
});

/** A code from a name: "Duty Team 3" -> "duty-team-3". @param {string} name */
const slug = (name) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** @param {Ctx} ctx */
const dutyForm = (ctx) =>
  actionForm({
    heading: 'Set the team on duty',
    headingLevel: 'h2',
    id: 'set-dat-week',
    out: ctx.out,
    controls: h(
      'div',
      { class: 'controls' },
      field(
        'Duty week',
        h('input', { type: 'week', name: 'week', value: ctx.fromWeek.value, required: true }),
      ),
      field(
        'DAT team',
        select(
          'datTeam',
          ctx.teams().map((t) => [t.code, t.name]),
        ),
      ),
    ),
    submit: 'Set duty week',
    run: async (form) => {
      /** @type {DatDutyWeek} */
      const w = await api.put(`/v1/osr/dat-duty-weeks/${value(form, 'week')}`, {
        datTeam: value(form, 'datTeam'),
      });
      await ctx.load();
      return {
        title: `${w.datTeamName} is on duty in ${w.dutyWeek}`,
        detail: `It works with the hubs in ${w.osrWeek}.`,
      };
    },
  });

/** @param {Ctx} ctx */
const teamForm = (ctx) =>
  actionForm({
    heading: 'Add or rename a DAT team',
    headingLevel: 'h2',
    id: 'dat-team',
    out: ctx.out,
    controls: field(
      'Team name',
      h('input', { type: 'text', name: 'name', required: true, maxlength: '200' }),
      'A team with the same name is renamed in place.',
    ),
    submit: 'Save team',
    run: async (form) => {
      const name = value(form, 'name');
      const existing = ctx.teams().find((t) => t.name.toLowerCase() === name.toLowerCase());
      const t = await api.put(`/v1/osr/dat-teams/${existing?.code ?? slug(name)}`, { name });
      await ctx.load();
      return { title: `${t.name} saved` };
    },
  });

/** @param {import('./screen.js').Draw} draw */
async function render(draw) {
  const out = answerRegion('dat-answer');
  const weeks = h('div', { id: 'dat-weeks' });
  const teams = h('div', { id: 'dat-teams' });
  const { fromWeek, toWeek, fields } = weekPeriod(0, 7);
  const setForm = h('div', {});
  /** @type {Coded[]} */
  let teamList = [];

  /** @type {Ctx} */
  const ctx = { out, fromWeek, teams: () => teamList, load: async () => void (await load()) };
  const load = () =>
    attempt(out, async () => {
      teamList = (await api.get('/v1/osr/dat-teams')).items;
      /** @type {DatDutyWeek[]} */
      const items = (
        await api.get(`/v1/osr/dat-duty-weeks${query({ fromWeek: fromWeek.value, toWeek: toWeek.value })}`)
      ).items;
      clear(
        teams,
        teamList.length
          ? h(
              'ul',
              { class: 'result-list', 'aria-label': 'DAT teams' },
              teamList.map((t) => h('li', {}, t.name)),
            )
          : h('p', {}, 'No DAT teams yet.'),
      );
      clear(
        weeks,
        table(
          `DAT duty weeks, ${fromWeek.value} to ${toWeek.value}`,
          ['Duty week', 'DAT team', 'Works with the hubs in'],
          items.map((w) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, w.dutyWeek),
              h('td', {}, w.datTeamName),
              h('td', {}, w.osrWeek),
            ),
          ),
        ),
      );
      clear(setForm, can('PUT /v1/osr/dat-duty-weeks/:week') && teamList.length ? dutyForm(ctx) : null);
    });

  draw(
    chooser('Show weeks', fields, load),
    out,
    weeks,
    setForm,
    section('teams-h', 'Teams', teams),
    can('PUT /v1/osr/dat-teams/:code') ? teamForm(ctx) : null,
  );
  await load();
}
