import { Batch, LinkWorkers, Resources, Rollups } from "@maillage/core";
import { type Cell, combine } from "@maillage/indicators";
import type { FieldIssue } from "@maillage/schema";
import {
  type Column,
  decode,
  FileError,
  parseSheet,
  type RowIssue,
  readTable,
  type Unmapped,
} from "@maillage/sheets";
import { importDataInclusion } from "@maillage/sheets/data-inclusion";
import { linkWorkerColumns, reasonOf, resourceColumns } from "@maillage/sheets/entities";
import type { FileStore } from "../files";
import { IMPORTABLE, type ImportInput, MAX_REPORTED_ERRORS, MAX_REPORTED_UNMAPPED } from "./spec";

/**
 * The import job: parse the file, validate every row (the entity's own validator, then the checks
 * across rows), and either report (dry run) or, only when no row has an error, write every row through
 * the batch path under the run id derived from the Idempotency-Key. All or nothing: with one error,
 * a commit writes nothing and answers the dry run's report.
 */

/** One issue of a row: the column's field, and the message id (or the French sentence) it gets. */
export interface FieldError {
  field: string;
  message: string;
  /** Said as it is (a sentence the validator built); otherwise `reasonOf(message, header)`. */
  reason?: string;
}

export type Validated = { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldError[] };

/**
 * What the engine needs of an entity, for one run: made once per run by its factory (which may read
 * what every row is checked against, e.g. a journey's pathway, routes and link workers), then used
 * for every row of the file. `S` is a stored record, matched by its upper-cased reference.
 */
export interface Core<S = unknown> {
  /** The spreadsheet's columns (CSV and XLSX). */
  columns: readonly Column[];
  /** The territory's records by upper-cased reference. */
  existing: ReadonlyMap<string, S>;
  referenceOf(stored: S): string;
  /**
   * One row's converted cells (by field) → the value to write, or every issue by column. `absent`:
   * the fields of columns the file does not have; `failed`: fields whose cell did not convert (their
   * issues are reported already); `match`: the record of the row's reference.
   */
  validateRow(
    values: Record<string, unknown>,
    row: { absent: readonly string[]; failed: readonly string[]; match: S | undefined },
  ): Validated;
  reserveReferences(count: number): Promise<string[]>;
  batchRows(
    value: Record<string, unknown>,
    reference: string,
    existing: S | undefined,
    now: Date,
  ): Promise<{ rows: Batch.Row[]; kind: "create" | "update" | "unchanged"; rollup?: RollupChange }>;
}

/** What a row changes in the territory's rollups (journeys): cells to add, open caseloads by link worker. */
export interface RollupChange {
  cells: Cell[];
  caseloads: [string, number][];
}

type Stored = { reference: string } & Record<string, unknown>;
interface Referenced {
  validateRow(
    raw: Record<string, unknown>,
  ): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] };
  byReference(): Promise<Map<string, Stored>>;
  reserveReferences(count: number): Promise<string[]>;
  batchRows(
    row: Record<string, unknown> & { reference: string },
    existing: Stored | undefined,
    now: Date,
  ): { rows: Batch.Row[]; kind: "create" | "update" | "unchanged" };
}

/**
 * Resources and link workers: a row is a record's fields; a column absent from the file keeps the
 * record's value; an issue belongs to the column of its path's first field.
 */
function referenced(module: Referenced, columns: readonly Column[]): () => Promise<Core<Stored>> {
  return async () => ({
    columns,
    existing: await module.byReference(),
    referenceOf: (stored) => stored.reference,
    validateRow(values, { absent, match }) {
      const filled: Record<string, unknown> = { ...values };
      if (match) for (const field of absent) filled[field] ??= match[field];
      const result = module.validateRow(filled);
      if (result.ok) return result;
      return {
        ok: false,
        issues: result.issues.map((issue) => ({
          field: issue.path.split(".")[0] ?? "",
          message: issue.message,
        })),
      };
    },
    reserveReferences: (count) => module.reserveReferences(count),
    batchRows: async (value, reference, existing, now) =>
      module.batchRows({ ...value, reference }, existing, now),
  });
}

const cores: Record<ImportInput["entity"], () => Promise<Core>> = {
  resources: referenced(Resources as unknown as Referenced, resourceColumns) as () => Promise<Core>,
  "link-workers": referenced(LinkWorkers as unknown as Referenced, linkWorkerColumns) as () => Promise<Core>,
  journeys: async () => {
    const { journeyCore } = await import("./journeys");
    return (await journeyCore()) as Core;
  },
};

export interface Report {
  /** Data rows read from the file (empty rows left out). */
  rows: number;
  valid: number;
  /** Every row error (the first 500; `errorCount` has them all). */
  errors: RowIssue[];
  errorCount: number;
  unmapped: Unmapped[];
  wouldCreate: number;
  wouldUpdate: number;
  unchanged: number;
  encoding?: string;
}

interface Candidate {
  line: number;
  /** The report's column for a field (French header, or `services · code_insee`). */
  columnOf: (field: string) => string;
  values: Record<string, unknown>;
  /** Fields the file says nothing about (a column absent from a spreadsheet): kept from the record. */
  absent: readonly string[];
  /** Fields whose cell did not convert (already reported): the row is checked for its other errors. */
  failed?: readonly string[];
}

interface Parsed {
  candidates: Candidate[];
  rows: number;
  errors: RowIssue[];
  unmapped: Unmapped[];
  encoding?: string;
}

/** Our field → the data·inclusion field a report names. */
const DATA_INCLUSION_FIELD: Record<string, string> = {
  reference: "id",
  pillar: "thematiques",
  category: "thematiques",
  structureName: "nom",
  serviceName: "nom",
  description: "description",
  commune: "code_insee",
  address: "adresse",
  accessibility: "modes_accueil",
  cost: "frais",
  costDetail: "frais_precisions",
  schedule: "horaires_accueil",
  phone: "telephone",
  email: "courriel",
  website: "site_web",
  publics: "publics",
  lastVerified: "date_maj",
};

function parseFile(input: ImportInput, bytes: Uint8Array, columns: readonly Column[]): Parsed {
  if (input.format === "data-inclusion") {
    let document: unknown;
    try {
      document = JSON.parse(decode(bytes).text);
    } catch {
      throw new FileError(
        "Ce fichier n'est pas un JSON lisible : exportez-le à nouveau depuis data·inclusion.",
      );
    }
    const imported = importDataInclusion(document);
    return {
      candidates: imported.records.map((record) => ({
        line: record.line,
        columnOf: (field) => `${record.list} · ${DATA_INCLUSION_FIELD[field] ?? field}`,
        values: record.values,
        absent: [],
      })),
      rows: imported.records.length + imported.issues.length,
      errors: imported.issues,
      unmapped: imported.unmapped,
    };
  }
  const table = readTable(bytes, input.format);
  const sheet = parseSheet(table, columns);
  const headerOf = new Map(columns.map((c) => [c.field, c.header]));
  const header = new Set((table[0]?.cells ?? []).map((cell) => String(cell ?? "").trim()).filter(Boolean));
  const present = new Set(
    columns
      .filter((c) => [c.header, ...(c.aliases ?? [])].some((h) => [...header].some((x) => sameHeader(x, h))))
      .map((c) => c.field),
  );
  const absent = columns.map((c) => c.field).filter((f) => !present.has(f) && f !== "reference");
  const encoding = input.format === "csv" ? decode(bytes.subarray(0, 4096)).encoding : undefined;
  return {
    candidates: [...sheet.rows, ...sheet.invalid]
      .map(
        (row): Candidate => ({
          line: row.line,
          columnOf: (field: string) => headerOf.get(field) ?? field,
          values: row.values,
          absent,
          ...("failed" in row ? { failed: row.failed as string[] } : {}),
        }),
      )
      .sort((a, b) => a.line - b.line),
    rows: sheet.count,
    errors: sheet.issues,
    unmapped: sheet.unmapped,
    ...(encoding ? { encoding } : {}),
  };
}

const norm = (h: string) =>
  h
    .replace(/\*|\(.*?\)/g, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
const sameHeader = (a: string, b: string) => norm(a) === norm(b);

interface Checked {
  report: Report;
  /** The valid rows, in the file's order, with the record they update. */
  rows: { values: Record<string, unknown>; existing: unknown }[];
}

/** At most this many records read at once to tell an update from an unchanged row. */
const MATCH_CONCURRENCY = 16;

async function check(input: ImportInput, bytes: Uint8Array, core: Core): Promise<Checked> {
  let parsed: Parsed;
  try {
    parsed = parseFile(input, bytes, core.columns);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    parsed = {
      candidates: [],
      rows: 0,
      errors: [{ line: 1, column: "", reason: error.reason }],
      unmapped: [],
    };
  }
  const errors = [...parsed.errors];
  const seen = new Map<string, number>();
  const rows: Checked["rows"] = [];
  for (const candidate of parsed.candidates) {
    const reference = typeof candidate.values.reference === "string" ? candidate.values.reference.trim() : "";
    const match = reference ? core.existing.get(reference.toUpperCase()) : undefined;
    const failed = new Set(candidate.failed ?? []);
    const result = core.validateRow(candidate.values, {
      absent: candidate.absent,
      failed: [...failed],
      match,
    });
    const rowErrors: RowIssue[] = result.ok
      ? []
      : result.issues
          .filter(({ field }) => !failed.has(field))
          .filter(({ field }, i, all) => all.findIndex((x) => x.field === field) === i)
          .map(({ field, message, reason }) => ({
            line: candidate.line,
            column: field ? candidate.columnOf(field) : "",
            reason: reason ?? reasonOf(message, candidate.columnOf(field)),
          }));
    if (reference) {
      const first = seen.get(reference.toUpperCase());
      if (first !== undefined) {
        rowErrors.push({
          line: candidate.line,
          column: candidate.columnOf("reference"),
          reason: `La référence « ${reference} » figure déjà ligne ${first} : chaque ligne doit avoir sa propre référence.`,
        });
      } else seen.set(reference.toUpperCase(), candidate.line);
    }
    if (rowErrors.length > 0 || !result.ok || failed.size > 0) {
      errors.push(...rowErrors);
      continue;
    }
    rows.push({ values: result.value, existing: match });
  }
  // A row that matches a record updates it, or changes nothing: its rows tell (several reads at once).
  const now = new Date();
  const kinds = await pooled(rows, MATCH_CONCURRENCY, async (row) =>
    row.existing === undefined
      ? "create"
      : (await core.batchRows(row.values, core.referenceOf(row.existing), row.existing, now)).kind,
  );
  const order = new Map(parsed.candidates.map((c, i) => [c.line, i]));
  errors.sort((a, b) => a.line - b.line || (order.get(a.line) ?? 0) - (order.get(b.line) ?? 0));
  return {
    report: {
      rows: parsed.rows,
      valid: rows.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
      unmapped: parsed.unmapped.slice(0, MAX_REPORTED_UNMAPPED),
      wouldCreate: kinds.filter((k) => k === "create").length,
      wouldUpdate: kinds.filter((k) => k === "update").length,
      unchanged: kinds.filter((k) => k === "unchanged").length,
      ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
    },
    rows,
  };
}

/** `fn` over `items` with at most `limit` calls in flight; results in the items' order. */
async function pooled<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

interface Plan {
  rows: Batch.Row[];
  /** The run's change to the rollups, added once it is switched on (`Rollups.applyRun`). */
  rollup?: RollupChange;
  created: number;
  updated: number;
  unchanged: number;
  /** The report of the check the plan was made from (a retried attempt answers it again). */
  report?: Report;
}

const planKey = (tenantId: string, runId: string) => `${tenantId}/imports/${runId}.plan.json`;

async function keptPlan(files: FileStore, tenantId: string, runId: string): Promise<Plan | undefined> {
  const kept = await files.get(planKey(tenantId, runId));
  return kept ? (JSON.parse(new TextDecoder().decode(kept)) as Plan) : undefined;
}

/**
 * The rows to stage, computed once per run and kept beside the file: a retried attempt stages the
 * same keys (the new records' ids and generated references), so a crash never leaves duplicates.
 */
async function planOf(
  input: ImportInput & { runId: string },
  checked: Checked,
  core: Core,
  files: FileStore,
  tenantId: string,
): Promise<Plan> {
  const kept = await keptPlan(files, tenantId, input.runId);
  if (kept) return kept;
  const taken = new Set([
    ...core.existing.keys(),
    ...checked.rows.map((r) => String(r.values.reference ?? "").toUpperCase()).filter(Boolean),
  ]);
  const missing = checked.rows.filter((r) => !r.values.reference).length;
  const generated: string[] = [];
  while (generated.length < missing) {
    for (const reference of await core.reserveReferences(missing - generated.length)) {
      if (!taken.has(reference.toUpperCase())) generated.push(reference);
    }
  }
  const now = new Date();
  const plan: Plan = { rows: [], created: 0, updated: 0, unchanged: 0, report: checked.report };
  const cells: Cell[] = [];
  const caseloads = new Map<string, number>();
  let rollups = false;
  for (const row of checked.rows) {
    const reference = row.existing
      ? core.referenceOf(row.existing)
      : (row.values.reference as string | null) || (generated.shift() as string);
    const built = await core.batchRows(row.values, reference, row.existing, now);
    for (const r of built.rows) plan.rows.push(r);
    if (built.rollup) {
      rollups = true;
      for (const cell of built.rollup.cells) cells.push(cell);
      for (const [id, n] of built.rollup.caseloads) caseloads.set(id, (caseloads.get(id) ?? 0) + n);
    }
    if (built.kind === "create") plan.created++;
    else if (built.kind === "update") plan.updated++;
    else plan.unchanged++;
  }
  if (rollups) plan.rollup = { cells: combine(cells), caseloads: [...caseloads].filter(([, n]) => n !== 0) };
  await files.put(
    planKey(tenantId, input.runId),
    new TextEncoder().encode(JSON.stringify(plan)),
    "application/json",
  );
  return plan;
}

/** The report of a file that would change locked periods: one error naming them, nothing written. */
function lockedReport(report: Report, periods: readonly string[]): Report {
  const list = [...periods].sort().join(", ");
  const error: RowIssue = {
    line: 1,
    column: "",
    reason: `Ce fichier modifierait les chiffres de période${periods.length > 1 ? "s" : ""} verrouillée${periods.length > 1 ? "s" : ""} (${list}) : rien n'a été importé. Déverrouillez-l${periods.length > 1 ? "es" : "a"} d'abord, avec un motif, ou retirez les lignes qui la concernent.`,
  };
  return { ...report, valid: 0, errors: [error, ...report.errors], errorCount: report.errorCount + 1 };
}

export async function runImport(
  tenantId: string,
  input: ImportInput,
  files: FileStore,
  progress: (done: number, total: number) => Promise<void>,
): Promise<Record<string, unknown>> {
  const bytes = await files.get(input.fileKey);
  if (!bytes) throw new Error("The uploaded file is missing");
  // A retried commit (a crash, a lost worker) goes on with the plan it made: the same rows, the same
  // report, without checking the file again against records its own staged rows now shadow.
  let plan = input.runId && !input.dryRun ? await keptPlan(files, tenantId, input.runId) : undefined;
  let report = plan?.report;
  if (!plan || !report) {
    const core = await cores[input.entity]();
    const checked = await check(input, bytes, core);
    report = checked.report;
    if (input.dryRun || !input.runId || report.errorCount > 0) {
      await progress(report.rows, report.rows);
      return { dryRun: input.dryRun, committed: false, ...report };
    }
    plan = await planOf({ ...input, runId: input.runId }, checked, core, files, tenantId);
  }
  const runId = input.runId as string;
  let reported = 0;
  const step = Math.max(25, Math.ceil(plan.rows.length / 40));
  // Rows that would change a locked period are refused before anything is staged: a report the
  // wizard shows (which periods, what to do), not a failed job retried for nothing.
  if (plan.rollup) {
    const locked = Rollups.lockedBy(await Rollups.lockedMonthsOf(tenantId), plan.rollup.cells);
    if (locked.length > 0) {
      await progress(report.rows, report.rows);
      return { dryRun: false, committed: false, ...lockedReport(report, locked) };
    }
    await Rollups.beginRun(tenantId, runId, plan.rollup.cells);
  }
  const header = await Batch.runAll(
    {
      tenantId,
      runId,
      kind: IMPORTABLE[input.entity].kind,
      fileHash: input.fileHash,
      action: IMPORTABLE[input.entity].action,
      label: `${report.rows} lignes (${input.format})`,
    },
    plan.rows,
    async (done, total) => {
      if (done - reported >= step || done === total) {
        reported = done;
        await progress(done, total);
      }
    },
  );
  if (plan.rollup) await Rollups.applyRun(tenantId, runId, plan.rollup.cells, new Map(plan.rollup.caseloads));
  return {
    dryRun: false,
    committed: true,
    ...report,
    created: plan.created,
    updated: plan.updated,
    unchanged: plan.unchanged,
    runId: header.id,
  };
}
