import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import type { InterventionOutcome } from '../../db/schema.js';
import { OUTCOMES } from '../intervention-model.js';
import type { MonthFigures, Review } from '../review-schemas.js';
import { escapeHtml, htmlPage } from './html.js';

/** The pilot review as a printable page: per hub, two bar charts drawn on the server and the figures. */
const STYLE = `
:root { color: #1b1b1b; background: #fff; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif; }
body { margin: 0 auto; max-width: 70rem; padding: 1rem; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 1.5rem 0 .5rem; }
p.meta { color: #4a4a4a; margin: 0 0 1rem; }
figure { margin: 0 0 1rem; }
figcaption { font-weight: 600; }
.legend span { margin-right: 1rem; white-space: nowrap; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .875rem; }
th, td { border: 1px solid #6b6b6b; padding: .25rem .5rem; text-align: right; }
th:first-child, td:first-child { text-align: left; }
thead th { background: #1d3557; color: #fff; }
@media print { @page { size: A4 landscape; margin: 12mm; } body { max-width: none; padding: 0; } h2 { break-before: page; } thead th { background: #fff; color: #000; } }
`;

export const REVIEW_STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

// Distinguishable colours (checked against white); the legend also names each outcome.
const COLOURS: Record<InterventionOutcome, string> = {
  completed: '#1d6b3a',
  stepped_down: '#2b6cb0',
  transferred_to_statutory: '#8a1c1c',
  disengaged: '#b7791f',
  other: '#6b6b6b',
};
const LABELS: Record<InterventionOutcome, string> = {
  completed: 'Completed',
  stepped_down: 'Stepped down',
  transferred_to_statutory: 'Transferred to statutory services',
  disengaged: 'Disengaged',
  other: 'Other',
};

const monthName = (month: string) => DateTime.fromISO(`${month}-01`).toFormat('LLL yyyy');

interface Bar {
  label: string;
  parts: { value: number; colour: string; title: string }[];
  outline?: { value: number; title: string };
}

/** A bar chart as SVG: one bar per month, stacked parts, an optional outline (e.g. the capacity). */
export function barChart(bars: Bar[], title: string): string {
  const width = Math.max(320, bars.length * 56 + 40);
  const height = 180;
  const top = 10;
  const base = 150;
  const max = Math.max(
    1,
    ...bars.map((b) =>
      Math.max(
        b.parts.reduce((n, p) => n + p.value, 0),
        b.outline?.value ?? 0,
      ),
    ),
  );
  const scale = (v: number) => ((base - top) * v) / max;
  const body = bars
    .map((b, i) => {
      const x = 40 + i * 56;
      let y = base;
      const rects = b.parts
        .filter((p) => p.value > 0)
        .map((p) => {
          const h = scale(p.value);
          y -= h;
          return `<rect x="${x}" y="${y.toFixed(1)}" width="36" height="${h.toFixed(1)}" fill="${p.colour}"><title>${escapeHtml(p.title)}</title></rect>`;
        })
        .join('');
      const outline = b.outline
        ? `<rect x="${x - 2}" y="${(base - scale(b.outline.value)).toFixed(1)}" width="40" height="${scale(b.outline.value).toFixed(1)}" fill="none" stroke="#1b1b1b" stroke-dasharray="4 2"><title>${escapeHtml(b.outline.title)}</title></rect>`
        : '';
      const total = b.parts.reduce((n, p) => n + p.value, 0);
      return `${outline}${rects}<text x="${x + 18}" y="${(y - 3).toFixed(1)}" text-anchor="middle" font-size="11">${total}</text><text x="${x + 18}" y="${base + 16}" text-anchor="middle" font-size="11">${escapeHtml(b.label)}</text>`;
    })
    .join('');
  return `<svg role="img" aria-label="${escapeHtml(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title><line x1="36" y1="${base}" x2="${width - 4}" y2="${base}" stroke="#1b1b1b"/><text x="4" y="${top + 10}" font-size="11">${max}</text><text x="4" y="${base}" font-size="11">0</text>${body}</svg>`;
}

const fmt = (v: number | null, suffix = '') => (v === null ? '–' : `${v}${suffix}`);
const pct = (v: number | null) => (v === null ? '–' : `${Math.round(v * 100)}%`);

function hubSection(hubName: string, months: MonthFigures[]): string {
  const outcomes = barChart(
    months.map((m) => ({
      label: monthName(m.month),
      parts: OUTCOMES.map((o) => ({
        value: m.closed[o],
        colour: COLOURS[o],
        title: `${monthName(m.month)}: ${m.closed[o]} ${LABELS[o].toLowerCase()}`,
      })),
    })),
    `${hubName}: interventions closed by outcome, per month`,
  );
  const booked = barChart(
    months.map((m) => ({
      label: monthName(m.month),
      parts: [
        {
          value: m.casesBooked,
          colour: '#1d3557',
          title: `${monthName(m.month)}: ${m.casesBooked} cases booked`,
        },
      ],
      outline: { value: m.caseCapacity, title: `${monthName(m.month)}: room for ${m.caseCapacity} cases` },
    })),
    `${hubName}: cases booked against the cap, per month`,
  );
  const legend = OUTCOMES.map(
    (o) =>
      `<span><svg width="12" height="12" aria-hidden="true"><rect width="12" height="12" fill="${COLOURS[o]}"/></svg> ${escapeHtml(LABELS[o])}</span>`,
  ).join('');
  const rows = months
    .map(
      (m) =>
        `<tr><td>${escapeHtml(monthName(m.month))}</td>${OUTCOMES.map((o) => `<td>${m.closed[o]}</td>`).join('')}<td>${fmt(m.medianDaysOpen)}</td><td>${pct(m.transferredToStatutoryShare)}</td><td>${fmt(m.meanFeedback)}</td><td>${m.casesBooked} of ${m.caseCapacity}</td><td>${m.refusedRequests}</td><td>${m.interventionsStarted}</td></tr>`,
    )
    .join('\n');
  return `<section>
<h2>${escapeHtml(hubName)}</h2>
<figure>${outcomes}<figcaption>Interventions closed by outcome</figcaption><p class="legend">${legend}</p></figure>
<figure>${booked}<figcaption>Cases booked (filled) against the weekly caps of the month (dashed)</figcaption></figure>
<div class="scroll"><table>
<thead><tr><th scope="col">Month</th>${OUTCOMES.map((o) => `<th scope="col">${escapeHtml(LABELS[o])}</th>`).join('')}<th scope="col">Median days open</th><th scope="col">Transferred to statutory</th><th scope="col">Mean feedback (1-5)</th><th scope="col">Cases booked</th><th scope="col">Refused</th><th scope="col">Started</th></tr></thead>
<tbody>
${rows}
</tbody>
</table></div>
</section>`;
}

export function reviewHtml(review: Review, generatedAt: string): string {
  const hubs = [...new Map(review.months.map((m) => [m.hub, m.hubName])).entries()];
  const sections = hubs
    .map(([hub, name]) =>
      hubSection(
        name,
        review.months.filter((m) => m.hub === hub),
      ),
    )
    .join('\n');
  const main = `<h1>One Service Response: pilot review</h1>
<p class="meta">Weeks ${escapeHtml(review.fromWeek)} to ${escapeHtml(review.toWeek)}. A week counts in the month of its Monday; an intervention in the month it closed. Generated ${escapeHtml(generatedAt)}.</p>
${sections || '<p>No hubs.</p>'}`;
  return htmlPage(`OSR pilot review ${review.fromWeek} to ${review.toWeek}`, STYLE, main);
}
