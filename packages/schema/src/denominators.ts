import * as v from "valibot";
import type { FieldIssue } from "./errors";
import { CHOOSE_ONE, type MessageId, message } from "./messages";
import { AgeBand, ageBands, populationSexes } from "./person";
import { Website } from "./resources";

/**
 * A territory's denominators (DESIGN.md §4): its population by sex and age band, the part of it living
 * in a priority neighbourhood (QPV), with their source and year, entered by the lead; and the
 * rurality of each of its communes, read from the INSEE density grid. Rates per 1,000 inhabitants and
 * equity ratios divide by these.
 */

/** The most a count may be: the profile's own bound on a territory's population. */
export const POPULATION_MAX = 20_000_000;
export const SOURCE_YEAR_MIN = 1990;
/** Figures are published for past years; next year's projections are the latest a source can give. */
export const maxSourceYear = (now = new Date()) => now.getUTCFullYear() + 1;

/** Where the communes' rurality and population come from, as every view states it. */
export const DENSITY_GRID_SOURCE = "INSEE, grille communale de densité 2024 (populations municipales 2021)";

export const PopulationSex = v.picklist(populationSexes, CHOOSE_ONE);
export type PopulationSex = v.InferOutput<typeof PopulationSex>;

/** A number of inhabitants: whole, 0 or more, at most 20,000,000. */
export const PopulationCount = v.pipe(
  v.number(message("population.number")),
  v.integer(message("population.whole")),
  v.minValue(0, message("population.negative")),
  v.maxValue(POPULATION_MAX, message("population.too_large")),
);

/** One cell of the sex × age band grid; `count` null: not entered. */
export const PopulationCell = v.object({
  sex: PopulationSex,
  ageBand: AgeBand,
  count: v.nullable(PopulationCount),
});
export type PopulationCell = v.InferOutput<typeof PopulationCell>;

const YEAR = message("source.year_range");

/** Where the figures come from: "INSEE, recensement de la population 2021, populations légales". */
export const DenominatorSource = v.object({
  label: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, message("source.label_required")),
    v.maxLength(200, message("text.too_long")),
  ),
  year: v.pipe(
    v.number(YEAR),
    v.integer(YEAR),
    v.minValue(SOURCE_YEAR_MIN, YEAR),
    v.check((year) => year <= maxSourceYear(), YEAR),
  ),
  url: v.optional(Website),
});
export type DenominatorSource = v.InferOutput<typeof DenominatorSource>;

/** Every cell, in order: female then male, each by age band. */
export const populationCellKeys: readonly { sex: PopulationSex; ageBand: AgeBand }[] =
  populationSexes.flatMap((sex) => ageBands.map((ageBand) => ({ sex, ageBand })));

/** "female.0-17": one cell's key (unique in the grid; audit fields are `population.<key>`). */
export const cellKey = (cell: { sex: string; ageBand: string }) => `${cell.sex}.${cell.ageBand}`;

/** A commune of the territory as the density grid describes it (read only). */
export const DenominatorCommune = v.object({
  code: v.string(),
  name: v.string(),
  /** INSEE's 3-level density (dens3): 1 dense, 2 intermediate density, 3 rural. */
  rurality: v.picklist([1, 2, 3]),
  /** The grid's municipal population (PMUN21). */
  population: v.number(),
});
export type DenominatorCommune = v.InferOutput<typeof DenominatorCommune>;

/**
 * What the territory's denominators read as. Always complete: every sex × age band cell, in the order
 * of `populationCellKeys` (null until entered). `totalPopulation` is the sum of the cells entered
 * (null when none is), `complete` says whether every cell is; `communesPopulation`, the sum of the
 * communes' grid populations, is a hint to compare the total with, never a rule. `version` 0: never
 * saved.
 */
export const Denominators = v.object({
  population: v.array(PopulationCell),
  qpvPopulation: v.nullable(PopulationCount),
  source: v.nullable(DenominatorSource),
  totalPopulation: v.nullable(v.number()),
  complete: v.boolean(),
  communes: v.array(DenominatorCommune),
  communesPopulation: v.number(),
  /** The statement of the communes' source: `DENSITY_GRID_SOURCE`. */
  communesSource: v.string(),
  version: v.number(),
  updatedAt: v.nullable(v.string()),
});
export type Denominators = v.InferOutput<typeof Denominators>;

/** A lead's save: the cells entered (those left out are not entered), QPV population, source, version read. */
export const DenominatorsUpdate = v.object({
  population: v.pipe(
    v.array(PopulationCell),
    v.maxLength(populationCellKeys.length, message("denominators.cells_too_many")),
  ),
  qpvPopulation: v.nullable(PopulationCount),
  source: v.nullable(DenominatorSource),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type DenominatorsUpdate = v.InferOutput<typeof DenominatorsUpdate>;

/** The sum of the cells entered, and whether every cell of the grid is. */
export function populationTotal(cells: readonly Pick<PopulationCell, "sex" | "ageBand" | "count">[]): {
  total: number | null;
  complete: boolean;
} {
  const entered = new Map<string, number>();
  for (const cell of cells) if (cell.count !== null) entered.set(cellKey(cell), cell.count);
  if (entered.size === 0) return { total: null, complete: false };
  const total = [...entered.values()].reduce((sum, count) => sum + count, 0);
  return { total, complete: populationCellKeys.every((key) => entered.has(cellKey(key))) };
}

/**
 * The rules across fields: each cell at most once (reported on the repeated one); a source as soon as
 * a figure is entered; a total within the bound; and, once every cell is entered (the total is then
 * known), a QPV population no larger than it.
 */
export function denominatorsIssues(update: DenominatorsUpdate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  update.population.forEach((cell, index) => {
    const key = cellKey(cell);
    if (seen.has(key)) {
      issues.push({ path: `population.${index}.ageBand`, message: message("denominators.cell_duplicate") });
    }
    seen.add(key);
  });
  if (issues.length > 0) return issues;
  const { total, complete } = populationTotal(update.population);
  if (total !== null && total > POPULATION_MAX) {
    issues.push({ path: "population", message: message("denominators.total_too_large") });
  }
  if (complete && total !== null && update.qpvPopulation !== null && update.qpvPopulation > total) {
    issues.push({ path: "qpvPopulation", message: message("denominators.qpv_over_total") });
  }
  if ((total !== null || update.qpvPopulation !== null) && update.source === null) {
    issues.push({ path: "source.label", message: message("source.label_required") });
  }
  return issues;
}

/** The complete grid from what was saved (or nothing): every cell, in order, null when not entered. */
export function completePopulation(
  saved: readonly Pick<PopulationCell, "sex" | "ageBand" | "count">[] | undefined,
): PopulationCell[] {
  const counts = new Map((saved ?? []).map((cell) => [cellKey(cell), cell.count]));
  return populationCellKeys.map((key) => ({ ...key, count: counts.get(cellKey(key)) ?? null }));
}

/** One problem of an imported file: its line as the spreadsheet shows it (header = 1), its column. */
export const ImportIssue = v.object({
  line: v.number(),
  /** The column's header ("" when the issue is about the whole row or file). */
  column: v.string(),
  /** A message id (messages.ts). */
  message: v.string(),
  /** The cell as it was read, when the issue is about it. */
  value: v.optional(v.string()),
});
export type ImportIssue = Omit<v.InferOutput<typeof ImportIssue>, "message"> & { message: MessageId };

/** What a file of denominators reads as (nothing is saved): the figures it gives, and its problems. */
export const DenominatorsPreview = v.object({
  population: v.array(PopulationCell),
  qpvPopulation: v.nullable(PopulationCount),
  /** Data rows read (empty rows left out). */
  rows: v.number(),
  /** Every problem, the first 200 (`errorCount` counts them all). */
  errors: v.array(ImportIssue),
  errorCount: v.number(),
});
export type DenominatorsPreview = Omit<v.InferOutput<typeof DenominatorsPreview>, "errors"> & {
  errors: ImportIssue[];
};
