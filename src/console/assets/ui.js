/* global document, Node, URL, setTimeout */
// Small DOM helpers: no framework, just elements with their text set safely (never innerHTML).

/** h('button', {type: 'button', onclick}, 'Text', child...) */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let ids = 0;
export const uid = (prefix) => `${prefix}-${++ids}`;

/** A labelled control: <div class="field"><label for>..</label><input id></div>. */
export function field(label, control, hint) {
  if (!control.id) control.id = uid('f');
  const hintEl = hint ? h('span', { class: 'hint', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, label), control, hintEl);
}

export function select(name, options, value) {
  return h(
    'select',
    { name },
    options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
  );
}

/** A region for the service's answers: polite status, or an alert for refusals. */
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

/** Shows an ApiError (title, detail and field errors) in the answer region. */
export function problem(el, error, ...extra) {
  const fields = (error.errors || []).map((e) => h('li', {}, `${e.field}: ${e.message}`));
  return answer(
    el,
    'error',
    error.title || 'Something went wrong',
    error.detail || error.message,
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

export const fmtTime = (iso) => timeFmt.format(new Date(iso));
export const fmtDateTime = (iso) => (iso ? dateTimeFmt.format(new Date(iso)) : '');
export const fmtDay = (localDate) => dayFmt.format(new Date(`${localDate}T00:00:00Z`));
export const shiftLabel = (s) =>
  `${s.caseReference} ${fmtDay(s.localDate)} ${fmtTime(s.start)}–${fmtTime(s.end)}`;

/** Today as a local YYYY-MM-DD. */
export function today() {
  const d = new Date();
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
const pad = (n) => String(n).padStart(2, '0');

export function addDays(localDate, days) {
  const d = new Date(`${localDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function daysBetween(from, to) {
  const out = [];
  for (let d = from; d <= to && out.length < 62; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The ISO week (YYYY-Www) of a local date. */
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

/** A datetime-local value (local wall time) as an ISO instant. */
export const localToInstant = (value) => new Date(value).toISOString();
export function nowLocalInput(roundUp = false) {
  const d = new Date();
  if (roundUp && (d.getSeconds() || d.getMilliseconds())) d.setMinutes(d.getMinutes() + 1);
  d.setSeconds(0, 0);
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

export function badge(text, kind) {
  return h('span', { class: `badge badge-${kind}` }, text);
}

/** Saves a Blob under a file name, or opens it (HTML) in a new tab. */
export function saveBlob(blob, filename, open = false) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, ...(open ? { target: '_blank', rel: 'noopener' } : { download: filename }) });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

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
