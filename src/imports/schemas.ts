import { Type } from 'typebox';
import { IMPORT_KINDS, templateCsv, type ImportKind } from './columns.js';

const reportExample = {
  kind: 'practitioners',
  dryRun: true,
  valid: false,
  rows: 42,
  created: 40,
  updated: 0,
  unchanged: 1,
  errors: [{ row: 7, column: 'homeRegion', message: 'unknown region code(s): nort-west' }],
  items: [{ row: 2, externalRef: 'HR-10442', id: null, outcome: 'created' }],
};

const RowError = Type.Object({
  row: Type.Integer({ description: 'As a spreadsheet shows it: the header is row 1' }),
  column: Type.Union([Type.String(), Type.Null()]),
  message: Type.String(),
});

const RowOutcome = Type.Object({
  row: Type.Integer(),
  externalRef: Type.String(),
  id: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String({ description: 'created, updated or unchanged' }),
});

const Count = Type.Integer();

export const Report = Type.Object(
  {
    kind: Type.String(),
    dryRun: Type.Boolean(),
    valid: Type.Boolean({ description: 'false: nothing was written; see errors' }),
    ...{ rows: Count, created: Count, updated: Count, unchanged: Count },
    errors: Type.Array(RowError),
    items: Type.Array(RowOutcome),
  },
  { examples: [reportExample] },
);

export const ImportQuery = Type.Object(
  { dryRun: Type.Optional(Type.Boolean({ default: false })) },
  { additionalProperties: false },
);

export const Sheet = (kind: ImportKind) =>
  Type.String({ description: 'CSV with a header row', examples: [templateCsv(kind)] });
export const Template = (kind: ImportKind) =>
  Type.String({ description: 'text/csv', examples: [templateCsv(kind)] });

/** What an import does, with its columns, for the OpenAPI description. */
export function importDescription(kind: ImportKind): string {
  const columnList = IMPORT_KINDS[kind]
    .map((c) => `\`${c.name}\`${c.required ? ' (required)' : ''}: ${c.description}`)
    .join('; ');
  return `One transaction: any bad row writes nothing (422 with the report). A row whose externalRef exists updates that record, so importing the same file again changes nothing. Every row is checked as the single-record route checks it, rules re-checked, audited. Columns: ${columnList}. Lists separate values with |. Template: GET /v1/imports/${kind}/template.csv.`;
}
