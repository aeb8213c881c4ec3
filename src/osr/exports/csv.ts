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

const ROTA_HEADER =
  'week,monday,friday,hub,hub_name,lead_responder,grade,source,dat_team,lead_unavailable_days';

export function rotaCsv(table: ExportTable): string {
  return csvFile(
    ROTA_HEADER,
    table.rows.map((r) => {
      const where = [r.week, r.monday, r.friday, r.hub, r.hubName];
      const lead = r.lead ? [r.lead.name, r.lead.grade, r.lead.source] : ['', '', 'unfilled'];
      // Local dates separated by |, as in the imports; empty when the lead responder is there all week.
      return [...where, ...lead, r.datTeam, r.leadUnavailableDays.join('|')];
    }),
  );
}

/** A header line and the rows, with a byte-order mark so spreadsheet programs read the file as UTF-8. */
export function csvFile(header: string, rows: (string | number | null)[][]): string {
  const lines = [header, ...rows.map((cells) => cells.map(csvCell).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
