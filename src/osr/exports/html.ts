import { createHash } from 'node:crypto';
import type { ExportTable } from './rows.js';

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

// Colours checked for WCAG AA: #1b1b1b on #fff is 17:1, #fff on #1d3557 is 12:1, #8a1c1c on #fff is 8:1,
// #4a4a4a on #fff is 9:1.
const STYLE = `
:root { color: #1b1b1b; background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
p.meta { color: #4a4a4a; margin: 0 0 1rem; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 600; padding: .5rem 0; }
th, td { border: 1px solid #6b6b6b; padding: .5rem; text-align: left; vertical-align: top; }
thead th { background: #1d3557; color: #fff; }
tbody th { background: #f1f3f6; white-space: nowrap; }
.dates, .grade, .dat { display: block; color: #4a4a4a; font-size: .875rem; }
.unfilled { color: #8a1c1c; font-weight: 600; }
td .unfilled { display: block; }
@media (max-width: 40rem) {
  thead { position: absolute; left: -9999px; }
  table, caption, tbody, tr, th, td { display: block; width: auto; }
  tr { margin-bottom: 1rem; border: 1px solid #6b6b6b; }
  td, th { border: 0; border-top: 1px solid #d0d0d0; }
  td::before { content: attr(data-hub); display: block; font-weight: 600; }
}
@media print {
  @page { size: A4 landscape; margin: 12mm; }
  :root { font-size: 11pt; }
  body { max-width: none; padding: 0; }
  .scroll { overflow: visible; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  thead th { background: #fff; color: #000; border-bottom: 2px solid #000; }
}
`;

/** The inline style's hash, for a Content-Security-Policy that allows it and nothing else. */
export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

function cell(r: ExportTable['rows'][number]): string {
  const hub = escapeHtml(r.hubName);
  if (!r.lead) return `<td data-hub="${hub}"><span class="unfilled">Not yet filled</span></td>`;
  const override = r.lead.source === 'override' ? ' (changed by the hub manager)' : '';
  const away = r.leadUnavailableDays.length
    ? `<span class="unfilled">Unavailable ${escapeHtml(r.leadUnavailableDays.join(', '))}: being reassigned</span>`
    : '';
  return `<td data-hub="${hub}"><strong>${escapeHtml(r.lead.name)}</strong><span class="grade">Grade ${escapeHtml(r.lead.grade)}${override}</span>${away}</td>`;
}

/** A printable page: weeks down, hubs across; on a phone each week becomes a card. */
export function rotaHtml(table: ExportTable, generatedAt: string): string {
  const first = table.weeks[0]!;
  const last = table.weeks.at(-1)!;
  const head = table.hubs.map((h) => `<th scope="col">${escapeHtml(h.name)}</th>`).join('');
  const body = table.weeks
    .map((week) => {
      const rows = table.rows.filter((r) => r.week === week);
      const any = rows[0];
      const dates = any ? `${any.monday} to ${any.friday}` : '';
      const dat = any?.datTeam ? `<span class="dat">With ${escapeHtml(any.datTeam)}</span>` : '';
      return `<tr><th scope="row">${escapeHtml(week)}<span class="dates">${escapeHtml(dates)}</span>${dat}</th>${rows.map(cell).join('')}</tr>`;
    })
    .join('\n');
  const main = `<h1>One Service Response: lead responders</h1>
<p class="meta">Weeks ${escapeHtml(first)} to ${escapeHtml(last)}, Monday to Friday. Book consultations and joint visits with the lead responder of the hub. Issued ${escapeHtml(generatedAt)}.</p>
<div class="scroll">
<table>
<caption>Lead responder of each 0-19 hub by week</caption>
<thead><tr><th scope="col">Week</th>${head}</tr></thead>
<tbody>
${body}
</tbody>
</table>
</div>`;
  return htmlPage(`OSR lead-responder rota ${first} to ${last}`, STYLE, main);
}

/** A whole page around its main content, with its one inline style (allowed by hash, see reply.ts). */
export function htmlPage(title: string, style: string, main: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${main}
</main>
</body>
</html>
`;
}
