import type { ExportTable } from './rows.js';

/**
 * RFC 4180 CSV. A cell starting with = + - @ (or a tab/CR) would run as a formula in a spreadsheet,
 * so it gets a leading apostrophe (OWASP's advice on CSV injection); quotes are doubled.
 */
export function csvCell(value: string | number | null): string {
  let s = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rotaCsv(table: ExportTable): string {
  const header = [
    'week',
    'monday',
    'friday',
    'hub',
    'hub_name',
    'lead_responder',
    'grade',
    'source',
    'dat_team',
    'lead_unavailable_days',
  ];
  const lines = [header.join(',')];
  for (const r of table.rows) {
    lines.push(
      [
        r.week,
        r.monday,
        r.friday,
        r.hub,
        r.hubName,
        r.lead?.name ?? '',
        r.lead?.grade ?? '',
        r.lead?.source ?? 'unfilled',
        r.datTeam,
        // Local dates separated by |, as in the imports; empty when the lead responder is there all week.
        r.leadUnavailableDays.join('|'),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  // A byte-order mark so spreadsheet programs read the file as UTF-8.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
