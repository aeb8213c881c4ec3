// @ts-check
/* global document, Node, URL, setTimeout */
// Small DOM helpers: no framework, just elements with their text set safely (never innerHTML).

/**
 * Anything h() and clear() accept as content: nodes, text, nothing, or lists of them.
 * @typedef {Node | string | number | null | undefined | false | ChildList} Child
 * @typedef {Child[]} ChildList
 * @typedef {Record<string, unknown>} Attrs
 */

/**
 * h('button', {type: 'button', onclick}, 'Text', child...)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function')
      el.addEventListener(k.slice(2), /** @type {EventListener} */ (v));
    else if (k === 'class') el.className = String(v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') /** @type {any} */ (el)[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

/** @param {HTMLElement} el @param {Child[]} children */
function append(el, children) {
  for (const c of children) {
    if (Array.isArray(c)) append(el, c);
    if (c === undefined || c === null || c === false || Array.isArray(c)) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/**
 * @template {HTMLElement} E
 * @param {E} el
 * @param {...Child} children
 * @returns {E}
 */
export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
/** @param {string} prefix */
export const uid = (prefix) => `${prefix}-${++ids}`;

/**
 * A labelled control: <div class="field"><label for>..</label><input id></div>.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} [hint]
 */
export function field(label, control, hint) {
  if (!control.id) control.id = uid('f');
  const hintEl = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

/**
 * A family's case reference, the one way the console names a family.
 * @param {Attrs} [attrs] more of the input's, e.g. the value to start with
 */
export const caseReferenceField = (attrs = {}) =>
  field(
    'Case reference',
    h('input', { type: 'text', name: 'caseReference', required: true, maxlength: '64', ...attrs }),
  );

/**
 * Free text a person writes, with the reminder that it holds no names or personal details.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {string} what what it is for, e.g. 'Case references only'
 */
export const noteField = (label, control, what) =>
  field(label, control, `${what}; no names or personal details.`);

/**
 * A button that acts on the page itself (a form's own button submits it instead).
 * @param {string} label
 * @param {() => unknown} onclick
 */
export const secondaryButton = (label, onclick) =>
  h('button', { type: 'button', class: 'secondary', onclick }, label);

/**
 * @param {string} name
 * @param {[string, string][]} options value and text
 * @param {string | null} [value]
 */
export function select(name, options, value) {
  return h(
    'select',
    { name },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
}

/**
 * A region for the service's answers: polite status, or an alert for refusals.
 * @param {HTMLElement} el
 * @param {'ok' | 'error'} kind
 * @param {string} title
 * @param {string | null} [detail]
 * @param {...Child} extra
 */
export function answer(el, kind, title, detail, ...extra) {
  el.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  return clear(
    el,
    h(
      'div',
      { class: `answer answer-${kind}` },
      h(
        'p',
        { class: 'answer-title' },
        h('span', { 'aria-hidden': 'true' }, kind === 'error' ? '✖ ' : '✔ '),
        title,
      ),
      detail ? h('p', {}, detail) : null,
      extra,
    ),
  );
}

/**
 * Shows an ApiError (title, detail and field errors), or any other error, in the answer region.
 * @param {HTMLElement} el
 * @param {unknown} error
 * @param {...Child} extra
 */
export function problem(el, error, ...extra) {
  /** @type {{ title?: string, detail?: string, message?: string, errors?: { field: string, message: string }[] }} */
  const e = error instanceof Error ? error : { message: String(error) };
  const fields = (e.errors || []).map((x) => h('li', {}, `${x.field}: ${x.message}`));
  return answer(
    el,
    'error',
    e.title || 'Something went wrong',
    e.detail || e.message,
    fields.length ? h('ul', {}, fields) : null,
    extra,
  );
}

const TZ = Intl.DateTimeFormat().resolvedOptions().timeZone;
const timeFmt = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: TZ });
const dateTimeFmt = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  timeZone: TZ,
});
const dayFmt = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** @param {string} iso */
export const fmtTime = (iso) => timeFmt.format(new Date(iso));
/** @param {string | null | undefined} iso */
export const fmtDateTime = (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : '');
/** @param {string} localDate */
export const fmtDay = (localDate) => dayFmt.format(new Date(`${localDate}T00:00:00Z`));
/** @param {{ caseReference: string, localDate: string, start: string, end: string }} s */
export const shiftLabel = (s) =>
  `${s.caseReference} ${fmtDay(s.localDate)} ${fmtTime(s.start)}–${fmtTime(s.end)}`;

/** Today as a local YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
/** @param {number} n */
const pad = (n) => String(n).padStart(2, '0');

/** @param {string} localDate @param {number} days */
export function addDays(localDate, days) {
  const d = new Date(`${localDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** @param {string} from @param {string} to */
export function daysBetween(from, to) {
  /** @type {string[]} */
  const out = [];
  for (let d = from; d <= to && out.length < 62; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The ISO week (YYYY-Www) of a local date. @param {string} localDate */
export function isoWeek(localDate) {
  const d = new Date(`${localDate}T00:00:00Z`);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const year = d.getUTCFullYear();
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const firstThursday = jan4.getTime() + (3 - ((jan4.getUTCDay() + 6) % 7)) * 86400000;
  const week = 1 + Math.round((d.getTime() - firstThursday) / (7 * 86400000));
  return `${year}-W${pad(week)}`;
}

/** A datetime-local value (local wall time) as an ISO instant. @param {string} value */
export const localToInstant = (value) => new Date(value).toISOString();
/** Now as a datetime-local value. @param {boolean} [roundUp] to the next minute */
export function nowLocalInput(roundUp = false) {
  const d = new Date();
  if (roundUp && (d.getSeconds() || d.getMilliseconds())) d.setMinutes(d.getMinutes() + 1);
  d.setSeconds(0, 0);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** @param {string} text @param {'good' | 'bad' | 'warn' | 'info'} kind */
export function badge(text, kind) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/**
 * Saves a Blob under a file name, or opens it (HTML) in a new tab.
 * @param {Blob} blob
 * @param {string} filename
 * @param {boolean} [open]
 */
export function saveBlob(blob, filename, open = false) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, ...(open ? { target: '_blank', rel: 'noopener' } : { download: filename }) });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * A captioned table in a scroll box of its own (so a wide table never widens the page on a phone).
 * @param {string} caption
 * @param {string[]} headers
 * @param {Child} rows
 * @param {Attrs} [attrs]
 */
export function table(caption, headers, rows, attrs = {}) {
  return h(
    'div',
    { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption },
    h(
      'table',
      attrs,
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((x) => h('th', { scope: 'col' }, x)),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/** A week input's value one or more weeks on. @param {string} week YYYY-Www @param {number} weeks */
export function addWeeks(week, weeks) {
  const [year, w] = week.split('-W').map(Number);
  const jan4 = new Date(Date.UTC(year ?? 2026, 0, 4));
  const monday = new Date(jan4);
  monday.setUTCDate(jan4.getUTCDate() - ((jan4.getUTCDay() + 6) % 7) + ((w ?? 1) - 1 + weeks) * 7);
  return isoWeek(monday.toISOString().slice(0, 10));
}

/** A name for an id from a list of things with names (ids never appear in words). */
export class Names {
  /** @param {{ id?: string, code?: string, name: string }[]} [items] */
  constructor(items = []) {
    /** @type {Map<string, string>} */
    this.map = new Map();
    this.add(items);
  }
  /** @param {{ id?: string, code?: string, name: string }[]} items */
  add(items) {
    for (const x of items) this.map.set(x.id ?? x.code ?? '', x.name);
    return this;
  }
  /** @param {string | null | undefined} key @param {string} [unknown] */
  of(key, unknown = 'someone not on the panel') {
    return (key && this.map.get(key)) || unknown;
  }
}

/**
 * A group of checkboxes under a legend, one per option, sharing a name (read back with form.js checked()).
 * @param {string} legend
 * @param {string} name
 * @param {[string, string][]} options value and text
 * @param {string[]} [selected]
 */
export function checkboxes(legend, name, options, selected = []) {
  return h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, legend),
    options.length === 0 ? h('p', { class: 'muted' }, 'None to choose from.') : null,
    options.map(([value, text]) => {
      const box = h('input', {
        type: 'checkbox',
        name,
        value,
        id: uid(name),
        checked: selected.includes(value),
      });
      return h('div', { class: 'choice' }, box, h('label', { for: box.id }, text));
    }),
  );
}

/**
 * A section named by its heading.
 * @param {string} id the heading's
 * @param {string} heading
 * @param {...Child} children
 */
export const section = (id, heading, ...children) =>
  h('section', { 'aria-labelledby': id }, h('h2', { id }, heading), children);

/** A definition list of figures: [term, value, id?]. @param {[string, Child, string?][]} rows */
export function stats(rows) {
  return h(
    'dl',
    { class: 'stats' },
    rows.map(([term, value, id]) => h('div', {}, h('dt', {}, term), h('dd', { id }, value))),
  );
}
