/**
 * The column-mapping layer. An importable entity declares its columns once — French header, field
 * path, converter, required, example — and gets from that one declaration its template (CSV and XLSX),
 * its export, and the row parser of its imports, which returns each row's values or its issues
 * `{ line, column, reason }` (line as the spreadsheet shows it: the header is line 1; column: the
 * French header; reason: a French sentence).
 */
import type { Converter } from "./convert";
import { writeCsv } from "./csv";
import { normalize } from "./text";
import { type Cell, type OutCell, type SheetRow, writeXlsx } from "./xlsx";

export interface Column<T = unknown> {
  header: string;
  /** Dotted path in the row's values ("contact.phone"). */
  field: string;
  convert: Converter<T>;
  required?: boolean;
  /** The template's example, as a user would type it. */
  example: string;
  /** A French sentence for the template's help sheet. */
  help?: string;
  /** Other headers accepted for this column (older templates, common spellings). */
  aliases?: readonly string[];
}

/** Declares a column with its converter's type checked against its example's field. */
export const column = <T>(c: Column<T>): Column => c as Column;

export interface RowIssue {
  line: number;
  /** The column's French header ("" when the issue is about the whole row). */
  column: string;
  reason: string;
}

export interface ParsedRow {
  line: number;
  values: Record<string, unknown>;
}

export interface Unmapped {
  field: string;
  value: string;
  count: number;
}

export interface SheetResult {
  rows: ParsedRow[];
  issues: RowIssue[];
  /** Columns of the file that no declared column reads (their values are ignored, and said so). */
  unmapped: Unmapped[];
  /** Non-empty data rows of the file (valid or not). */
  count: number;
  /**
   * The rows with a cell that did not convert: what did convert, and the fields that did not (their
   * issues are in `issues`), so that a validator can still report the row's other problems.
   */
  invalid: (ParsedRow & { failed: string[] })[];
}

export function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let node = target;
  for (const key of keys.slice(0, -1)) {
    node[key] ??= {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys.at(-1) as string] = value;
}

export function getPath(source: unknown, path: string): unknown {
  let node = source;
  for (const key of path.split(".")) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

const isEmpty = (cell: Cell | undefined) =>
  cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
/** "Nom *" (required mark), "Nom (texte)" (a hint) and "nom" are the same header. */
const headerKey = (h: string) => normalize(h.replace(/\*|\(.*?\)/g, ""));

/**
 * Reads the rows of a sheet (the first row is its header) against the declared columns. Empty rows are
 * skipped; a value that does not convert is an issue of its cell; a missing required column is one
 * issue on line 1.
 */
export function parseSheet(rows: readonly SheetRow[], columns: readonly Column[]): SheetResult {
  const issues: RowIssue[] = [];
  const [head, ...body] = rows;
  if (!head)
    return {
      rows: [],
      issues: [
        { line: 1, column: "", reason: "Le fichier est vide : il lui faut au moins la ligne des en-têtes." },
      ],
      unmapped: [],
      count: 0,
      invalid: [],
    };
  const byKey = new Map<string, Column>();
  for (const c of columns) for (const h of [c.header, ...(c.aliases ?? [])]) byKey.set(headerKey(h), c);
  const positions = new Map<Column, number>();
  const ignored: { index: number; header: string }[] = [];
  head.cells.forEach((cell, index) => {
    const header = String(cell ?? "").trim();
    if (!header) return;
    const declared = byKey.get(headerKey(header));
    if (!declared) ignored.push({ index, header });
    else if (positions.has(declared)) {
      issues.push({
        line: head.line,
        column: declared.header,
        reason: `La colonne « ${declared.header} » figure deux fois : gardez-en une seule.`,
      });
    } else positions.set(declared, index);
  });
  for (const c of columns) {
    if (c.required && !positions.has(c)) {
      issues.push({
        line: head.line,
        column: c.header,
        reason: `La colonne obligatoire « ${c.header} » est absente : reprenez les en-têtes du modèle.`,
      });
    }
  }
  if (issues.length > 0) {
    return {
      rows: [],
      issues,
      unmapped: [],
      count: body.filter((r) => !r.cells.every(isEmpty)).length,
      invalid: [],
    };
  }
  const parsed: ParsedRow[] = [];
  const invalid: SheetResult["invalid"] = [];
  let count = 0;
  const ignoredCounts = ignored.map(() => 0);
  for (const row of body) {
    if (row.cells.every(isEmpty)) continue;
    count++;
    const values: Record<string, unknown> = {};
    const failed: string[] = [];
    for (const [c, index] of positions) {
      const cell = row.cells[index];
      if (isEmpty(cell)) {
        if (c.required) {
          failed.push(c.field);
          issues.push({
            line: row.line,
            column: c.header,
            reason: `La colonne « ${c.header} » est obligatoire : indiquez une valeur.`,
          });
        }
        continue;
      }
      const result = c.convert.parse(cell as Exclude<Cell, null>);
      if (result.ok) setPath(values, c.field, result.value);
      else {
        failed.push(c.field);
        issues.push({ line: row.line, column: c.header, reason: result.reason });
      }
    }
    ignored.forEach(({ index }, i) => {
      if (!isEmpty(row.cells[index])) ignoredCounts[i] = (ignoredCounts[i] ?? 0) + 1;
    });
    if (failed.length === 0) parsed.push({ line: row.line, values });
    else invalid.push({ line: row.line, values, failed });
  }
  const unmapped = ignored.map(({ header }, i) => ({
    field: header,
    value: "(colonne non reconnue, ignorée)",
    count: ignoredCounts[i] ?? 0,
  }));
  return { rows: parsed, issues, unmapped, count, invalid };
}

/** The cells of one record, for an export (XLSX keeps numbers and dates; CSV prints them French-style). */
function cellsOf(record: unknown, columns: readonly Column[], forCsv: boolean): OutCell[] {
  return columns.map((c) => {
    const value = getPath(record, c.field);
    if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) return null;
    return forCsv ? c.convert.text(value) : c.convert.write(value);
  });
}

export type SheetFormat = "csv" | "xlsx";

export function exportSheet(
  name: string,
  columns: readonly Column[],
  records: readonly unknown[],
  format: SheetFormat,
): Uint8Array {
  const header = columns.map((c) => c.header);
  if (format === "csv") return writeCsv([header, ...records.map((r) => cellsOf(r, columns, true) as Cell[])]);
  return writeXlsx([{ name, header, rows: records.map((r) => cellsOf(r, columns, false)) }]);
}

/**
 * The downloadable template: the headers and one example row (which imports as it is, so the template
 * itself passes a dry run); the XLSX adds an "Aide" sheet: per column, required or not, format, example.
 */
export function template(name: string, columns: readonly Column[], format: SheetFormat): Uint8Array {
  const header = columns.map((c) => c.header);
  const example = columns.map((c) => c.example);
  if (format === "csv") return writeCsv([header, example]);
  return writeXlsx([
    { name, header, rows: [example] },
    {
      name: "Aide",
      header: ["Colonne", "Obligatoire", "Format", "Exemple", "Précisions"],
      rows: columns.map((c) => [
        c.header,
        c.required ? "oui" : "non",
        c.convert.format,
        c.example,
        c.help ?? "",
      ]),
      widths: [28, 12, 50, 30, 60],
    },
  ]);
}
