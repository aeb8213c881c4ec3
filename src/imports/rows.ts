import { parse } from 'csv-parse/sync';
import type { CreatePractitionerBody } from '../panel/practitioner-model.js';
import type { CreatePlacementBody } from '../placements/model.js';
import { IMPORT_KINDS, type ImportKind } from './columns.js';

/** Spreadsheet rows as request bodies: each cell to its field, with problems reported by row and column. */
export interface RowProblem {
  /** As a spreadsheet shows it: the header is row 1. */
  row: number;
  column: string | null;
  message: string;
}

export const MAX_ROWS = 5000;

export interface SheetRow {
  row: number;
  cells: Record<string, string>;
}

/** Parses the CSV (a header row, then records); unknown or missing required columns are refused whole. */
export function readSheet(kind: ImportKind, text: string): { rows: SheetRow[]; problems: RowProblem[] } {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    });
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return {
      rows: [],
      problems: [{ row: line, column: null, message: `not valid CSV: ${(error as Error).message}` }],
    };
  }
  const [header = [], ...body] = records;
  const known = new Set(IMPORT_KINDS[kind].map((c) => c.name));
  const problems: RowProblem[] = [];
  for (const name of header)
    if (!known.has(name))
      problems.push({ row: 1, column: name, message: 'is not a column of this import (see the template)' });
  for (const c of IMPORT_KINDS[kind])
    if (c.required && !header.includes(c.name))
      problems.push({ row: 1, column: c.name, message: 'is missing' });
  if (body.length > MAX_ROWS)
    problems.push({ row: MAX_ROWS + 2, column: null, message: `at most ${MAX_ROWS} rows in one import` });
  if (problems.length) return { rows: [], problems };
  const rows = body.map((cells, i) => ({
    row: i + 2,
    cells: Object.fromEntries(header.map((name, j) => [name, cells[j] ?? ''])),
  }));
  return { rows, problems };
}

const list = (v: string | undefined) =>
  [
    ...new Set(
      (v ?? '')
        .split('|')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].sort();
const optional = (v: string | undefined) => (v === undefined || v === '' ? null : v);

/** Contract limits an import may take away: `none` in the cell (an empty cell leaves what is there). */
const CLEARABLE = new Set(['hoursPerWeek', 'maxWeekendsIn4Weeks']);

function contractCell(cells: Record<string, string>, name: string, problems: RowProblem[], row: number) {
  const v = cells[name];
  if (v !== undefined && CLEARABLE.has(name) && v.trim().toLowerCase() === 'none') return null;
  return numberCell(cells, name, problems, row);
}

function numberCell(cells: Record<string, string>, name: string, problems: RowProblem[], row: number) {
  const v = cells[name];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) problems.push({ row, column: name, message: `must be a number, got "${v}"` });
  return n;
}

export function practitionerBody(r: SheetRow, problems: RowProblem[]): CreatePractitionerBody {
  const c = r.cells;
  const contract: Record<string, number | null> = {};
  for (const name of [
    'maxHoursPer7Days',
    'minRestHours',
    'maxConsecutiveNights',
    'maxConsecutiveDays',
    'hoursPerWeek',
    'minConsecutiveDaysOff',
    'maxWeekendsIn4Weeks',
  ]) {
    const n = contractCell(c, name, problems, r.row);
    if (n !== undefined) contract[name] = n;
  }
  return {
    externalRef: c.externalRef ?? '',
    name: c.name ?? '',
    kind: (c.kind ?? '') as CreatePractitionerBody['kind'],
    grade: optional(c.grade),
    homeRegion: c.homeRegion ?? '',
    regions: list(c.regions),
    hub: optional(c.hub),
    specialisms: list(c.specialisms),
    gender: optional(c.gender) as CreatePractitionerBody['gender'],
    ...(Object.keys(contract).length ? { contract: contract as CreatePractitionerBody['contract'] } : {}),
  };
}

export function placementBody(
  r: SheetRow,
  problems: RowProblem[],
  practitionerIdOf: (ref: string) => string | undefined,
): CreatePlacementBody {
  const c = r.cells;
  const excluded = list(c.excludedPractitioners).map((ref) => {
    const id = practitionerIdOf(ref);
    if (!id)
      problems.push({
        row: r.row,
        column: 'excludedPractitioners',
        message: `no practitioner "${ref}" (give an externalRef or id)`,
      });
    return id ?? ref;
  });
  const perShift = numberCell(c, 'practitionersPerShift', problems, r.row);
  return {
    externalRef: c.externalRef ?? '',
    caseReference: c.caseReference ?? '',
    region: c.region ?? '',
    startDate: c.startDate ?? '',
    endDate: c.endDate ?? '',
    requiredSpecialisms: list(c.requiredSpecialisms),
    genderRequirement: optional(c.genderRequirement) as CreatePlacementBody['genderRequirement'],
    excludedPractitioners: [...new Set(excluded)].sort(),
    ...(perShift !== undefined ? { practitionersPerShift: perShift } : {}),
  };
}

/** The column a validation path or a rule's field names ("/body/contract/minRestHours" -> minRestHours). */
export function columnOf(path: string): string | null {
  const parts = path
    .replace(/^\/body/, '')
    .split('/')
    .filter(Boolean);
  if (parts[0] === 'contract') return parts[1] ?? 'contract';
  return parts[0] ?? null;
}
