/**
 * The columns of each import, as a coordinator's spreadsheet has them. Lists separate values with `|`; an
 * empty cell clears an optional field (contract numbers: an empty cell keeps the current value).
 */
export interface Column {
  name: string;
  required: boolean;
  description: string;
  example: string;
}

const col = (name: string, required: boolean, description: string, example: string): Column => ({
  name,
  required,
  description,
  example,
});

export const PRACTITIONER_COLUMNS: Column[] = [
  col(
    'externalRef',
    true,
    "The practitioner's id in your HR system: a second import updates by it",
    'HR-10442',
  ),
  col('name', true, 'Full name', 'Alex Morgan'),
  col('kind', true, 'parenting or zero_nineteen', 'parenting'),
  col('grade', false, 'Such as G, H or I (required for zero_nineteen)', ''),
  col('homeRegion', true, 'Region code', 'north-west'),
  col('regions', false, 'Region codes they also work in, separated by |', 'yorkshire|midlands'),
  col('hub', false, 'Hub code (zero_nineteen only)', ''),
  col('specialisms', false, 'Specialism codes, separated by |', 'newborn-care'),
  col('gender', false, 'female, male, other or empty', 'female'),
  col('maxHoursPer7Days', false, 'Contract: most hours in any 7 days (default 48)', '48'),
  col('minRestHours', false, 'Contract: least rest between shifts (default 11)', '11'),
  col('maxConsecutiveNights', false, 'Contract (default 4)', '4'),
  col('maxConsecutiveDays', false, 'Contract (default 6)', '6'),
  col('hoursPerWeek', false, 'Contracted hours a week (empty for sessional staff)', '37.5'),
];

export const PLACEMENT_COLUMNS: Column[] = [
  col(
    'externalRef',
    true,
    "The placement's id in your case system: a second import updates by it",
    'CMS-88121',
  ),
  col('caseReference', true, "The case reference (never a child's name)", 'CR-2026-0412'),
  col('region', true, 'Region code', 'north-west'),
  col('startDate', true, 'First day, YYYY-MM-DD', '2026-11-30'),
  col('endDate', true, 'Last day, YYYY-MM-DD (included)', '2027-01-10'),
  col('requiredSpecialisms', false, 'Specialism codes, separated by |', 'newborn-care'),
  col('genderRequirement', false, 'female, male, other or empty', ''),
  col(
    'excludedPractitioners',
    false,
    'Practitioners never to send: their externalRef or id, separated by |',
    '',
  ),
  col('practitionersPerShift', false, 'For the default 24/7 pattern (default 1)', '1'),
];

export const IMPORT_KINDS = { practitioners: PRACTITIONER_COLUMNS, placements: PLACEMENT_COLUMNS } as const;
export type ImportKind = keyof typeof IMPORT_KINDS;

const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** The downloadable template: the header and one example row. */
export const templateCsv = (kind: ImportKind): string => {
  const columns = IMPORT_KINDS[kind];
  return `${columns.map((c) => c.name).join(',')}\r\n${columns.map((c) => quote(c.example)).join(',')}\r\n`;
};
