import { api, getAll } from './api.js';
import { can } from './roles.js';
import { addDays, clear, field, fmtDateTime, h, problem, select, table, today, badge } from './ui.js';

/** The panel: practitioners with filters, hours per week against the contract, absences. */
export async function panelView(main) {
  const out = h('div', { class: 'answer-region' });
  let regions = [];
  let specialisms = [];
  let hubs = [];
  let everyone = [];
  try {
    [regions, specialisms, hubs, everyone] = await Promise.all([
      getAll('/v1/regions'),
      getAll('/v1/specialisms'),
      getAll('/v1/hubs'),
      getAll('/v1/practitioners'),
    ]);
  } catch (error) {
    clear(main, h('h1', {}, 'Panel'), out);
    return problem(out, error);
  }
  const names = new Map(everyone.map((p) => [p.id, p.name]));
  const any = [['', 'Any']];
  const f = {
    q: h('input', { type: 'search', name: 'q' }),
    kind: select(
      'kind',
      [...any, ['parenting', 'Parenting practitioner'], ['zero_nineteen', '0-19 practitioner']],
      '',
    ),
    region: select('region', [...any, ...regions.map((r) => [r.code, r.name])], ''),
    specialism: select('specialism', [...any, ...specialisms.map((s) => [s.code, s.name])], ''),
    hub: select('hub', [...any, ...hubs.map((x) => [x.code, x.name])], ''),
    gender: select('gender', [...any, ['female', 'Female'], ['male', 'Male'], ['other', 'Other']], ''),
  };
  const list = h('div', { id: 'practitioners' });
  async function loadPanel(event) {
    if (event) event.preventDefault();
    try {
      const params = {};
      for (const [k, el] of Object.entries(f)) if (el.value.trim()) params[k] = el.value.trim();
      const items = await getAll('/v1/practitioners', params);
      clear(
        list,
        table(
          `Practitioners (${items.length})`,
          ['Name', 'Kind', 'Home region', 'Works in', 'Specialisms', 'Gender', 'Contract hours a week'],
          items.map((p) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, p.name),
              h(
                'td',
                {},
                p.kind === 'parenting' ? 'Parenting' : `0-19, grade ${p.grade}${p.hub ? `, ${p.hub}` : ''}`,
              ),
              h('td', {}, p.homeRegion),
              h('td', {}, p.regions.join(', ')),
              h('td', {}, p.specialisms.join(', ') || '—'),
              h('td', {}, p.gender || '—'),
              h('td', {}, p.contract.hoursPerWeek == null ? '—' : String(p.contract.hoursPerWeek)),
            ),
          ),
        ),
      );
    } catch (error) {
      problem(out, error);
    }
  }

  const hFrom = h('input', { type: 'date', name: 'from', value: today(), required: true });
  const hTo = h('input', { type: 'date', name: 'to', value: addDays(today(), 13), required: true });
  const hours = h('div', { id: 'hours' });
  async function loadHours(event) {
    if (event) event.preventDefault();
    try {
      const { items } = await api.get(`/v1/hours?from=${hFrom.value}&to=${hTo.value}`);
      clear(
        hours,
        table(
          'Hours per practitioner per week against their contract',
          ['Practitioner', 'Week', 'Hours', 'Contract', 'Most in 7 days', 'Shifts', 'Nights'],
          items.map((r) => {
            const over = r.contractedHoursPerWeek != null && r.hours > r.contractedHoursPerWeek;
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, r.name),
              h('td', {}, r.week),
              h(
                'td',
                {},
                String(r.hours),
                ' ',
                over ? badge('Over contract', 'warn') : null,
                r.hours > r.maxHoursPer7Days ? badge('Over the limit', 'bad') : null,
              ),
              h('td', {}, r.contractedHoursPerWeek == null ? '—' : String(r.contractedHoursPerWeek)),
              h('td', {}, String(r.maxHoursPer7Days)),
              h('td', {}, String(r.shifts)),
              h('td', {}, String(r.nights)),
            );
          }),
        ),
      );
    } catch (error) {
      problem(out, error);
    }
  }

  const aFrom = h('input', { type: 'date', name: 'from', value: addDays(today(), -7), required: true });
  const aTo = h('input', { type: 'date', name: 'to', value: addDays(today(), 28), required: true });
  const absences = h('div', { id: 'absences' });
  async function loadAbsences(event) {
    if (event) event.preventDefault();
    try {
      const items = await getAll('/v1/absences', { from: aFrom.value, to: aTo.value });
      clear(
        absences,
        table(
          'Absences in the period',
          ['Practitioner', 'Kind', 'From', 'Until', 'Note'],
          items.map((a) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, names.get(a.practitionerId) || a.practitionerId),
              h('td', {}, a.kind.replace('_', ' ')),
              h('td', {}, fmtDateTime(a.start)),
              h('td', {}, a.end ? fmtDateTime(a.end) : 'Open-ended'),
              h('td', {}, a.note || ''),
            ),
          ),
        ),
      );
    } catch (error) {
      problem(out, error);
    }
  }

  clear(
    main,
    h('h1', {}, 'Panel'),
    out,
    h(
      'section',
      { 'aria-labelledby': 'panel-h' },
      h('h2', { id: 'panel-h' }, 'Practitioners'),
      h(
        'form',
        { class: 'inline card', onsubmit: loadPanel },
        field('Name contains', f.q),
        field('Kind', f.kind),
        field('Region', f.region),
        field('Specialism', f.specialism),
        field('Hub', f.hub),
        field('Gender', f.gender),
        h('button', { type: 'submit' }, 'Filter'),
      ),
      list,
    ),
    can('hours')
      ? h(
          'section',
          { 'aria-labelledby': 'hours-h' },
          h('h2', { id: 'hours-h' }, 'Hours per week'),
          h(
            'form',
            { class: 'inline card', onsubmit: loadHours },
            field('From', hFrom),
            field('To (included)', hTo),
            h('button', { type: 'submit' }, 'Show hours'),
          ),
          hours,
        )
      : null,
    can('readAbsences')
      ? h(
          'section',
          { 'aria-labelledby': 'absences-h' },
          h('h2', { id: 'absences-h' }, 'Absences'),
          h(
            'form',
            { class: 'inline card', onsubmit: loadAbsences },
            field('From', aFrom),
            field('To (included)', aTo),
            h('button', { type: 'submit' }, 'Show absences'),
          ),
          absences,
        )
      : null,
  );
  await Promise.all([
    loadPanel(),
    can('hours') ? loadHours() : null,
    can('readAbsences') ? loadAbsences() : null,
  ]);
}
