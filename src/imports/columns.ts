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

// Columns both imports have, in the same words.
const externalRef = (whose: string, system: string, example: string) =>
  col('externalRef', true, `${whose} id in your ${system}: a second import updates by it`, example);
const regionCode = (name: string) => col(name, true, 'Region code', 'north-west');
const specialismCodes = (name: string) =>
  col(name, false, 'Specialism codes, separated by |', 'newborn-care');
const gender = (name: string, example: string) => col(name, false, 'female, male, other or empty', example);

/** A contract limit: optional, its default as the example. */
const contract = (name: string, what: string, byDefault: string) =>
  col(name, false, `Contract${what ? `: ${what}` : ''} (default ${byDefault})`, byDefault);

export const PRACTITIONER_COLUMNS: Column[] = [
  externalRef("The practitioner's", 'HR system', 'HR-10442'),
  col('name', true, 'Full name', 'Alex Morgan'),
  col('kind', true, 'parenting or zero_nineteen', 'parenting'),
  col('grade', false, 'Such as G, H or I (required for zero_nineteen)', ''),
  regionCode('homeRegion'),
  col('regions', false, 'Region codes they also work in, separated by |', 'yorkshire|midlands'),
  col('hub', false, 'Hub code (zero_nineteen only)', ''),
  specialismCodes('specialisms'),
  gender('gender', 'female'),
  contract('maxHoursPer7Days', 'most hours in any 7 days', '48'),
  contract('minRestHours', 'least rest between shifts', '11'),
  contract('maxConsecutiveNights', '', '4'),
  contract('maxConsecutiveDays', '', '6'),
  col(
    'hoursPerWeek',
    false,
    'Contracted hours a week (empty for sessional staff; none takes the hours off an existing practitioner)',
    '37.5',
  ),
  contract('minConsecutiveDaysOff', 'least days off in a row, 2 for days off together', '1'),
  col(
    'maxWeekendsIn4Weeks',
    false,
    'Contract: most weekends with work in any 4 weeks, 0 to 4 (empty: no limit for a new practitioner, and unchanged for an existing one; none: no limit)',
    '',
  ),
];

export const PLACEMENT_COLUMNS: Column[] = [
  externalRef("The placement's", 'case system', 'CMS-88121'),
  col('caseReference', true, "The case reference (never a child's name)", 'CR-2026-0412'),
  regionCode('region'),
  col('startDate', true, 'First day, YYYY-MM-DD', '2026-11-30'),
  col('endDate', true, 'Last day, YYYY-MM-DD (included)', '2027-01-10'),
  specialismCodes('requiredSpecialisms'),
  gender('genderRequirement', ''),
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
