import { Batch, LinkWorkers, Resources } from "@maillage/core";
import type { FieldIssue } from "@maillage/schema";
import { decode, FileError, parseSheet, type RowIssue, readTable, type Unmapped } from "@maillage/sheets";
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

type Stored = { reference: string } & Record<string, unknown>;
interface Core {
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

const cores: Record<ImportInput["entity"], Core> = {
  resources: Resources as unknown as Core,
  "link-workers": LinkWorkers as unknown as Core,
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

function parseFile(input: ImportInput, bytes: Uint8Array): Parsed {
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
  const columns = input.entity === "resources" ? resourceColumns : linkWorkerColumns;
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
  rows: { values: Record<string, unknown>; existing: Stored | undefined }[];
}

async function check(input: ImportInput, bytes: Uint8Array): Promise<Checked> {
  const core = cores[input.entity];
  let parsed: Parsed;
  try {
    parsed = parseFile(input, bytes);
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
  const existing = await core.byReference();
  const seen = new Map<string, number>();
  const rows: Checked["rows"] = [];
  let wouldCreate = 0;
  let wouldUpdate = 0;
  let unchanged = 0;
  const now = new Date();
  for (const candidate of parsed.candidates) {
    const reference = typeof candidate.values.reference === "string" ? candidate.values.reference.trim() : "";
    const match = reference ? existing.get(reference.toUpperCase()) : undefined;
    const values: Record<string, unknown> = { ...candidate.values };
    if (match) for (const field of candidate.absent) values[field] ??= match[field];
    const result = core.validateRow(values);
    const failed = new Set(candidate.failed ?? []);
    const rowErrors: RowIssue[] = result.ok
      ? []
      : result.issues
          .map((issue) => issue.path.split(".")[0] ?? "")
          .map((field, i) => ({ field, issue: (result as { issues: FieldIssue[] }).issues[i] as FieldIssue }))
          .filter(({ field }) => !failed.has(field))
          .filter(({ field }, i, all) => all.findIndex((x) => x.field === field) === i)
          .map(({ field, issue }) => ({
            line: candidate.line,
            column: candidate.columnOf(field),
            reason: reasonOf(issue.message, candidate.columnOf(field)),
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
    const kind = match
      ? core.batchRows({ ...result.value, reference: match.reference }, match, now).kind
      : "create";
    if (kind === "create") wouldCreate++;
    else if (kind === "update") wouldUpdate++;
    else unchanged++;
    rows.push({ values: result.value, existing: match });
  }
  const order = new Map(parsed.candidates.map((c, i) => [c.line, i]));
  errors.sort((a, b) => a.line - b.line || (order.get(a.line) ?? 0) - (order.get(b.line) ?? 0));
  return {
    report: {
      rows: parsed.rows,
      valid: rows.length,
      errors: errors.slice(0, MAX_REPORTED_ERRORS),
      errorCount: errors.length,
      unmapped: parsed.unmapped.slice(0, MAX_REPORTED_UNMAPPED),
      wouldCreate,
      wouldUpdate,
      unchanged,
      ...(parsed.encoding ? { encoding: parsed.encoding } : {}),
    },
    rows,
  };
}

interface Plan {
  rows: Batch.Row[];
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The rows to stage, computed once per run and kept beside the file: a retried attempt stages the
 * same keys (the new records' ids and generated references), so a crash never leaves duplicates.
 */
async function planOf(
  input: ImportInput & { runId: string },
  checked: Checked,
  files: FileStore,
  tenantId: string,
): Promise<Plan> {
  const key = `${tenantId}/imports/${input.runId}.plan.json`;
  const kept = await files.get(key);
  if (kept) return JSON.parse(new TextDecoder().decode(kept)) as Plan;
  const core = cores[input.entity];
  const taken = new Set([
    ...(await core.byReference()).keys(),
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
  const plan: Plan = { rows: [], created: 0, updated: 0, unchanged: 0 };
  for (const row of checked.rows) {
    const reference = (row.values.reference as string | null) || (generated.shift() as string);
    const built = core.batchRows(
      { ...row.values, reference: row.existing?.reference ?? reference },
      row.existing,
      now,
    );
    plan.rows.push(...built.rows);
    if (built.kind === "create") plan.created++;
    else if (built.kind === "update") plan.updated++;
    else plan.unchanged++;
  }
  await files.put(key, new TextEncoder().encode(JSON.stringify(plan)), "application/json");
  return plan;
}

export async function runImport(
  tenantId: string,
  input: ImportInput,
  files: FileStore,
  progress: (done: number, total: number) => Promise<void>,
): Promise<Record<string, unknown>> {
  const bytes = await files.get(input.fileKey);
  if (!bytes) throw new Error("The uploaded file is missing");
  const checked = await check(input, bytes);
  const { report } = checked;
  if (input.dryRun || !input.runId || report.errorCount > 0) {
    await progress(report.rows, report.rows);
    return { dryRun: input.dryRun, committed: false, ...report };
  }
  const plan = await planOf({ ...input, runId: input.runId }, checked, files, tenantId);
  let reported = 0;
  const step = Math.max(25, Math.ceil(plan.rows.length / 40));
  const header = await Batch.runAll(
    {
      tenantId,
      runId: input.runId,
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
