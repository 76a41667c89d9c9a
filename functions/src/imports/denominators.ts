import {
  type AgeBand,
  ageBands,
  cellKey,
  completePopulation,
  type Denominators,
  type DenominatorsPreview,
  type ImportIssue,
  type MessageId,
  POPULATION_MAX,
  type PopulationCell,
  type PopulationSex,
  populationTotal,
} from "@maillage/schema";
import { type Cell, FileError, normalize, parseDecimal, readTable, writeCsv } from "@maillage/sheets";

/**
 * A file of denominators (CSV or XLSX), as a lead fills in the template: one row per sex and age band
 * (`sexe;tranche_age;population`), and an optional `qpv` row for the population living in a priority
 * neighbourhood. Read into the fields of a save, never saved: the console fills its form with them
 * and the lead saves. Every problem is reported with its line (header = 1) and column.
 */

export const HEADERS = { sex: "sexe", ageBand: "tranche_age", count: "population" } as const;
type Column = keyof typeof HEADERS;

/** Other spellings of the headers (compared without case, accents, `_`, `'` or spaces). */
const ALIASES: Record<Column, readonly string[]> = {
  sex: ["sexe", "sex"],
  ageBand: ["tranche_age", "tranche d'âge", "tranche d'age", "tranche", "age", "âge"],
  count: ["population", "effectif", "nombre", "habitants"],
};

/** How the template writes a sex, and what a file may write instead (INSEE codes 1 and 2 included). */
const SEX_WORDS: Record<PopulationSex, string> = { female: "femmes", male: "hommes" };
const SEXES: Record<string, PopulationSex | "qpv"> = {
  femmes: "female",
  femme: "female",
  f: "female",
  female: "female",
  women: "female",
  "2": "female",
  hommes: "male",
  homme: "male",
  h: "male",
  male: "male",
  men: "male",
  "1": "male",
  qpv: "qpv",
  "population qpv": "qpv",
  "quartiers prioritaires": "qpv",
};

/** The most problems a preview lists (`errorCount` counts them all). */
export const MAX_REPORTED = 200;

const key = (text: string) => normalize(text).replace(/['’_]/g, " ").replace(/\s+/g, "");

const text = (cell: Cell | undefined) => (cell === null || cell === undefined ? "" : String(cell).trim());

/** "0-17", "0 à 17 ans", "00–17", "85+", "85 ans et plus" → the age band; undefined if none. */
export function ageBandOf(cell: string): AgeBand | undefined {
  const compact = normalize(cell)
    .replace(/\bans?\b/g, "")
    .replace(/\s*(et|ou)\s*plus$/, "+")
    .replace(/\s*(a|à|–|—|-)\s*/g, "-")
    .replace(/\s+/g, "")
    .replace(/(^|-)0+(\d)/g, "$1$2");
  return ageBands.find((band) => band === compact);
}

function countOf(cell: Exclude<Cell, null>): { count: number } | { message: MessageId } {
  const n = parseDecimal(cell);
  if (n === undefined) return { message: "population.number" };
  if (!Number.isInteger(n)) return { message: "population.whole" };
  if (n < 0) return { message: "population.negative" };
  if (n > POPULATION_MAX) return { message: "population.too_large" };
  return { count: n };
}

export function previewDenominators(bytes: Uint8Array, format: "csv" | "xlsx"): DenominatorsPreview {
  const errors: ImportIssue[] = [];
  const result = (cells: PopulationCell[], qpvPopulation: number | null, rows: number) => ({
    population: completePopulation(cells),
    qpvPopulation,
    rows,
    errors: errors.slice(0, MAX_REPORTED),
    errorCount: errors.length,
  });
  let table: ReturnType<typeof readTable>;
  try {
    table = readTable(bytes, format);
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    errors.push({ line: 1, column: "", message: "denominators_import.unreadable" });
    return result([], null, 0);
  }
  const [head, ...body] = table;
  const positions = new Map<Column, number>();
  head?.cells.forEach((cell, index) => {
    const header = key(text(cell));
    for (const column of Object.keys(ALIASES) as Column[]) {
      if (!positions.has(column) && ALIASES[column].some((alias) => key(alias) === header)) {
        positions.set(column, index);
      }
    }
  });
  const missing = (Object.keys(HEADERS) as Column[]).filter((column) => !positions.has(column));
  const filled = body.filter((row) => row.cells.some((cell) => text(cell) !== ""));
  if (missing.length > 0) {
    for (const column of missing) {
      errors.push({ line: head?.line ?? 1, column: HEADERS[column], message: "denominators_import.columns" });
    }
    return result([], null, filled.length);
  }
  if (filled.length === 0) {
    errors.push({ line: head?.line ?? 1, column: "", message: "denominators_import.empty" });
    return result([], null, 0);
  }
  const at = (row: (typeof body)[number], column: Column) => row.cells[positions.get(column) ?? -1] ?? null;
  const cells = new Map<string, PopulationCell>();
  let qpv: { count: number | null; line: number } | undefined;
  for (const row of filled) {
    const issue = (column: Column, message: MessageId, value?: string) =>
      errors.push({
        line: row.line,
        column: HEADERS[column],
        message,
        ...(value !== undefined && value !== "" ? { value: value.slice(0, 60) } : {}),
      });
    const sexText = text(at(row, "sex"));
    const sex = SEXES[normalize(sexText)];
    const bandText = text(at(row, "ageBand"));
    const band = sex === "qpv" ? undefined : ageBandOf(bandText);
    const countCell = at(row, "count");
    const parsed = text(countCell) === "" ? { count: null } : countOf(countCell as Exclude<Cell, null>);
    if (!sex) issue("sex", "denominators_import.sex_unknown", sexText);
    if (sex !== "qpv" && !band) issue("ageBand", "denominators_import.age_band_unknown", bandText);
    if ("message" in parsed) issue("count", parsed.message, text(countCell));
    if (!sex || (sex !== "qpv" && !band) || "message" in parsed) continue;
    if (sex === "qpv") {
      if (qpv) issue("sex", "denominators_import.duplicate", sexText);
      else qpv = { count: parsed.count, line: row.line };
      continue;
    }
    const cell: PopulationCell = { sex, ageBand: band as AgeBand, count: parsed.count };
    if (cells.has(cellKey(cell))) issue("ageBand", "denominators_import.duplicate", bandText);
    else cells.set(cellKey(cell), cell);
  }
  const { total, complete } = populationTotal([...cells.values()]);
  if (total !== null && total > POPULATION_MAX) {
    errors.push({ line: head?.line ?? 1, column: HEADERS.count, message: "denominators.total_too_large" });
  }
  if (qpv && qpv.count !== null && complete && total !== null && qpv.count > total) {
    errors.push({ line: qpv.line, column: HEADERS.count, message: "denominators.qpv_over_total" });
  }
  errors.sort((a, b) => a.line - b.line);
  return result([...cells.values()], qpv?.count ?? null, filled.length);
}

/** The template: every cell and the QPV row, with the figures already saved (blank where none is). */
export function denominatorsTemplate(
  current: Pick<Denominators, "population" | "qpvPopulation">,
): Uint8Array {
  return writeCsv([
    [HEADERS.sex, HEADERS.ageBand, HEADERS.count],
    ...current.population.map((cell) => [SEX_WORDS[cell.sex], cell.ageBand, cell.count]),
    ["qpv", "", current.qpvPopulation],
  ]);
}
