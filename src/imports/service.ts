import { sql, type Kysely, type Transaction } from 'kysely';
import { recordAudit, type AuditContext } from '../audit/record.js';
import { keepRulesAndTell, tellUncovered } from '../changes/apply-change.js';
import { writeEvent } from '../changes/events.js';
import type { DB } from '../db/schema.js';
import { placementEvent, practitionerEvent } from '../events/payloads.js';
import { HttpProblem } from '../http/problem.js';
import { compileBodyValidator } from '../http/validation.js';
import { CreatePractitioner } from '../panel/practitioner-model.js';
import {
  findPractitioner,
  insertPractitioner,
  updatePractitioner,
} from '../panel/practitioner-repository.js';
import { checkPractitioner, mergePractitioner } from '../panel/practitioner-rules.js';
import { CreatePlacement } from '../placements/model.js';
import { insertPlacement, lockPlacement, updatePlacement } from '../placements/repository.js';
import { checkPlacement, mergePlacement } from '../placements/rules.js';
import { syncShifts } from '../placements/shift-sync.js';
import type { RuleScope } from '../rules/facts.js';
import type { ImportKind } from './columns.js';
import {
  columnOf,
  placementBody,
  practitionerBody,
  readSheet,
  type RowProblem,
  type SheetRow,
} from './rows.js';

/**
 * A spreadsheet import: every row goes through the single-record routes' own merge, checks, writes, rule
 * re-check, audit and events, all in one transaction. A row whose externalRef exists updates that record
 * (or leaves it alone when nothing differs), so importing the same file twice changes nothing. Any bad row
 * rolls the whole import back; a dry run always rolls back, after doing everything else.
 */
export type Outcome = 'created' | 'updated' | 'unchanged';

export interface ImportReport {
  kind: ImportKind;
  dryRun: boolean;
  valid: boolean;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  errors: RowProblem[];
  items: { row: number; externalRef: string; id: string | null; outcome: Outcome }[];
}

interface Ctx {
  trx: Transaction<DB>;
  audit: AuditContext;
  rules: { now: Date; timezone: string };
  practitionerIdOf: (ref: string) => string | undefined;
}

class RowRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('row refused');
  }
}
class RollBack extends Error {
  constructor(readonly report: ImportReport) {
    super('roll back');
  }
}

const validators = {
  practitioners: compileBodyValidator(CreatePractitioner),
  placements: compileBodyValidator(CreatePlacement),
};

/** A row read into a request body and checked as the single-record route checks its body; refused if not. */
function checkedRow<B extends object>(kind: ImportKind, r: SheetRow, read: (problems: RowProblem[]) => B): B {
  const problems: RowProblem[] = [];
  const body = read(problems);
  validate(kind, r.row, body, problems);
  if (problems.length) throw new RowRefused(problems);
  return body;
}

/** A row that would leave the record as it is changes nothing (no write, audit or event). */
const same = (values: unknown, unchanged: unknown) => JSON.stringify(values) === JSON.stringify(unchanged);

function validate(kind: ImportKind, row: number, body: object, problems: RowProblem[]): void {
  const check = validators[kind];
  if (check(body)) return;
  for (const e of check.errors ?? []) {
    const column =
      columnOf(e.instancePath) ?? (e.params as { missingProperty?: string }).missingProperty ?? null;
    problems.push({ row, column, message: e.message ?? 'is not valid' });
  }
}

/** The fields of a row that differ from the record (contract numbers one by one). */
function changedFields<T extends object>(body: T, current: object): Partial<T> {
  const now = current as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (key === 'contract' && value && typeof value === 'object') {
      const was = (now.contract ?? {}) as Record<string, unknown>;
      const diff = Object.entries(value).filter(([k, v]) => was[k] !== v);
      if (diff.length) out.contract = Object.fromEntries(diff);
    } else if (JSON.stringify(value) !== JSON.stringify(now[key])) out[key] = value;
  }
  return out as Partial<T>;
}

async function recheck(ctx: Ctx, scope: RuleScope) {
  const { takenOff, uncoveredShifts } = await keepRulesAndTell(ctx.trx, scope, ctx.rules);
  await tellUncovered(ctx.trx, uncoveredShifts, takenOff);
  return takenOff;
}

/** Each imported record's audit entry (action `import`): what it was and what the row made it. */
async function audited(ctx: Ctx, entity: string, entityId: string, before: unknown, after: object) {
  await recordAudit(ctx.trx, ctx.audit, { entity, entityId, action: 'import', before, after });
}

const taken = (takenOff: unknown[]) => (takenOff.length ? { takenOff } : {});

async function importPractitioner(ctx: Ctx, r: SheetRow): Promise<{ id: string; outcome: Outcome }> {
  const body = checkedRow('practitioners', r, (problems) => practitionerBody(r, problems));
  const { trx } = ctx;
  const id = ctx.practitionerIdOf(body.externalRef!);
  const current = id ? await findPractitioner(trx, id, true) : undefined;
  if (!current) {
    const values = mergePractitioner(undefined, body);
    await checkPractitioner(trx, values);
    const created = await insertPractitioner(trx, values);
    await audited(ctx, 'practitioner', created.id, undefined, created);
    await writeEvent(trx, 'practitioner.changed', created.id, {
      practitioner: practitionerEvent(created),
      change: 'created',
    });
    return { id: created.id, outcome: 'created' };
  }
  const values = mergePractitioner(current, changedFields(body, current));
  if (same(values, mergePractitioner(current, {}))) return { id: current.id, outcome: 'unchanged' };
  await checkPractitioner(trx, values, current.id);
  const after = await updatePractitioner(trx, current.id, values);
  const takenOff = await recheck(ctx, { practitionerIds: [current.id] });
  await audited(ctx, 'practitioner', current.id, current, { ...after, ...taken(takenOff) });
  await writeEvent(trx, 'practitioner.changed', current.id, {
    practitioner: practitionerEvent(after),
    change: 'updated',
  });
  return { id: current.id, outcome: 'updated' };
}

async function importPlacement(ctx: Ctx, r: SheetRow): Promise<{ id: string; outcome: Outcome }> {
  const body = checkedRow('placements', r, (problems) => placementBody(r, problems, ctx.practitionerIdOf));
  const { trx, rules } = ctx;
  const found = await placementIdOf(trx, body.externalRef!);
  const current = found ? await lockPlacement(trx, found) : undefined;
  if (!current) {
    const values = mergePlacement(undefined, body);
    await checkPlacement(trx, values);
    const created = await insertPlacement(trx, values);
    const shiftChanges = await syncShifts(trx, created, rules.timezone, null);
    await audited(ctx, 'placement', created.id, undefined, { ...created, shiftChanges });
    await writeEvent(trx, 'placement.created', created.id, { placement: placementEvent(created) });
    return { id: created.id, outcome: 'created' };
  }
  const values = mergePlacement(current, changedFields(body, current));
  if (same(values, mergePlacement(current, {}))) return { id: current.id, outcome: 'unchanged' };
  await checkPlacement(trx, values, current.id);
  const after = await updatePlacement(trx, current.id, values);
  const shiftChanges = await syncShifts(trx, after, rules.timezone, rules.now);
  const takenOff = await recheck(ctx, { placementIds: [current.id] });
  await audited(ctx, 'placement', current.id, current, { ...after, shiftChanges, ...taken(takenOff) });
  await writeEvent(trx, 'placement.changed', current.id, { placement: placementEvent(after) });
  return { id: current.id, outcome: 'updated' };
}

/** A row's refusal as row/column problems: a check's field errors, or the problem's words. */
function problemsOf(row: number, error: unknown): RowProblem[] {
  if (error instanceof RowRefused) return error.problems;
  if (error instanceof HttpProblem) {
    const errors = (error.extensions.errors ?? []) as { field: string; message: string }[];
    return errors.length
      ? errors.map((e) => ({ row, column: columnOf(e.field), message: e.message }))
      : [{ row, column: null, message: error.detail }];
  }
  throw error;
}

/** Practitioners by externalRef (or id), kept up to date as the import creates them. */
async function practitionerRefs(trx: Kysely<DB>) {
  const rows = await trx.selectFrom('practitioners').select(['id', 'external_ref']).execute();
  const byRef = new Map(rows.flatMap((p) => (p.external_ref ? [[p.external_ref, p.id] as const] : [])));
  const ids = new Set(rows.map((p) => p.id));
  return {
    idOf: (ref: string) => byRef.get(ref) ?? (ids.has(ref) ? ref : undefined),
    add: (ref: string, id: string) => byRef.set(ref, id),
  };
}
type PractitionerRefs = Awaited<ReturnType<typeof practitionerRefs>>;

/** The placement an external ref names, if any. */
async function placementIdOf(trx: Kysely<DB>, externalRef: string): Promise<string | undefined> {
  const { rows } = await sql<{
    id: string;
  }>`SELECT id FROM placements WHERE external_ref = ${externalRef}`.execute(trx);
  return rows[0]?.id;
}

export async function runImport(
  db: Kysely<DB>,
  kind: ImportKind,
  text: string,
  options: { dryRun: boolean; audit: AuditContext; timezone: string },
): Promise<ImportReport> {
  const sheet = readSheet(kind, text);
  const report: ImportReport = {
    ...{ kind, dryRun: options.dryRun, valid: true, rows: sheet.rows.length },
    ...{ created: 0, updated: 0, unchanged: 0 },
    errors: sheet.problems,
    items: [],
  };
  if (report.errors.length) return { ...report, valid: false };
  try {
    return await db.transaction().execute(async (trx) => {
      const rules = { now: new Date(), timezone: options.timezone };
      const refs = await practitionerRefs(trx);
      const ctx: Ctx = { trx, audit: options.audit, rules, practitionerIdOf: refs.idOf };
      const seen = new Map<string, number>();
      for (const r of sheet.rows) await importRow(ctx, kind, r, { seen, refs, report });
      report.valid = report.errors.length === 0;
      if (!report.valid || options.dryRun) throw new RollBack(report);
      // A file that changes nothing leaves no trace either (each change above is audited on its own).
      if (report.created + report.updated > 0) {
        const { rows, created, updated, unchanged } = report;
        const after = { rows, created, updated, unchanged };
        await recordAudit(trx, options.audit, { entity: 'import', entityId: kind, action: 'import', after });
      }
      return report;
    });
  } catch (error) {
    if (error instanceof RollBack) return error.report;
    throw error;
  }
}

/** One row, in a savepoint: a refused row is rolled back alone and reported, and the import goes on. */
async function importRow(
  ctx: Ctx,
  kind: ImportKind,
  r: SheetRow,
  sofar: { seen: Map<string, number>; refs: PractitionerRefs; report: ImportReport },
): Promise<void> {
  const { seen, refs, report } = sofar;
  const ref = r.cells.externalRef ?? '';
  if (!ref) {
    const message = 'is required: a second import updates by it';
    report.errors.push({ row: r.row, column: 'externalRef', message });
    return;
  }
  if (seen.has(ref)) {
    report.errors.push({ row: r.row, column: 'externalRef', message: `repeats row ${seen.get(ref)}` });
    return;
  }
  seen.set(ref, r.row);
  await sql`SAVEPOINT import_row`.execute(ctx.trx);
  try {
    const { id, outcome } = await (kind === 'practitioners' ? importPractitioner : importPlacement)(ctx, r);
    await sql`RELEASE SAVEPOINT import_row`.execute(ctx.trx);
    report[outcome] += 1;
    report.items.push({ row: r.row, externalRef: ref, id, outcome });
    // A repeat of a practitioner's ref later in the file, or a placement excluding them, finds them.
    if (kind === 'practitioners' && outcome === 'created') refs.add(ref, id);
  } catch (error) {
    await sql`ROLLBACK TO SAVEPOINT import_row`.execute(ctx.trx);
    report.errors.push(...problemsOf(r.row, error));
  }
}
