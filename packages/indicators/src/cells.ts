import type { Dimension, IndicatorDefinition, JourneysBlock } from "./definitions";
import {
  groupOf,
  type IndicatorJourney,
  journeyValue,
  matchesAll,
  type OrientationRecord,
  orientationMatches,
  reaches,
} from "./journeys";
import { isCalendarDate, monthOf } from "./period";

/**
 * Additive cells (docs/indicators.md §5). A cell is what journeys (or orientations) of one month add
 * to one indicator, overall (`dimension` and `group` "all") or for one group of one dimension:
 * - `numerator`: a count (journeys counted, or those meeting a proportion's numerator) or, for means,
 *   the sum of the values in hundredths (`VALUE_SCALE`);
 * - `denominator`: how many journeys (orientations) are in the base, or carry a value;
 * - `sumSquares`: the sum of the squared values in hundredths (means: for their interval);
 * - `histogram`: how many journeys have each value (medians and percentiles, read exactly).
 * Cells of the same key add up field by field (`combine`), so a month's cells can be stored and
 * updated on every write (add the journey's new contributions, add `negate` of its old ones), and a
 * quarter or a year is the sum of its months. Every field is a whole number (values are kept in
 * hundredths, the precision of the measures' scores), so cells add up exactly, in any order.
 */
export interface Cell {
  readonly month: string;
  readonly indicator: string;
  readonly dimension: Dimension | "all";
  readonly group: string;
  readonly numerator: number;
  readonly denominator: number;
  readonly sumSquares?: number;
  readonly histogram?: Readonly<Record<string, number>>;
}

export const ALL = "all";

/** Means are summed in hundredths: whole numbers, so that sums never depend on their order. */
export const VALUE_SCALE = 100;

/** `2025-03|DECLINE_RATE|sex|female`: a cell's key (its month, indicator, dimension and group). */
export const cellKey = (cell: Pick<Cell, "month" | "indicator" | "dimension" | "group">) =>
  `${cell.month}|${cell.indicator}|${cell.dimension}|${cell.group}`;

type Contribution = Omit<Cell, "month" | "indicator" | "dimension" | "group">;

const computedJourneys = (d: IndicatorDefinition): JourneysBlock | null =>
  d.enabled && d.source.kind === "computed" && d.numerator?.kind === "journeys" ? d.numerator : null;

/** What one journey contributes to one definition (null: nothing), before it is spread over its groups. */
function contributionOf(
  d: IndicatorDefinition,
  block: JourneysBlock,
  journey: IndicatorJourney,
): Contribution | null {
  switch (d.type) {
    case "count":
    case "rate":
    case "ratio":
      return matchesAll(journey, block.where) ? { numerator: 1, denominator: 0 } : null;
    case "proportion": {
      const base = d.denominator?.kind === "journeys" ? d.denominator : null;
      if (!base || !matchesAll(journey, base.where)) return null;
      return { numerator: matchesAll(journey, block.where) ? 1 : 0, denominator: 1 };
    }
    default: {
      if (!block.value || !matchesAll(journey, block.where)) return null;
      const value = journeyValue(journey, block.value);
      if (value === null) return null;
      if (d.type === "threshold_share") {
        const met = d.threshold !== null && reaches(journey, block.value, value, d.threshold);
        return { numerator: met ? 1 : 0, denominator: 1 };
      }
      if (d.type === "median" || d.type === "percentile") {
        return { numerator: 0, denominator: 1, histogram: { [String(value)]: 1 } };
      }
      const scaled = Math.round(value * VALUE_SCALE);
      return { numerator: scaled, denominator: 1, sumSquares: scaled * scaled };
    }
  }
}

/** The block whose anchor places a journey in a month: the denominator's for a proportion. */
const anchorBlock = (d: IndicatorDefinition, block: JourneysBlock): JourneysBlock =>
  d.type === "proportion" && d.denominator?.kind === "journeys" ? d.denominator : block;

function spread(
  d: IndicatorDefinition,
  month: string,
  contribution: Contribution,
  groupOfDimension: (dimension: Dimension) => string,
): Cell[] {
  return [
    { month, indicator: d.code, dimension: ALL, group: ALL, ...contribution },
    ...d.disaggregations.map((dimension) => ({
      month,
      indicator: d.code,
      dimension,
      group: groupOfDimension(dimension),
      ...contribution,
    })),
  ];
}

/** Receives one contribution of a journey (or orientation) to one definition in one month. */
type Sink = (
  d: IndicatorDefinition,
  month: string,
  contribution: Contribution,
  groupOfDimension: (dimension: Dimension) => string,
) => void;

/** Dates repeat across journeys and definitions: each is checked once. */
const checkedDates = new Map<string, boolean>();
function validDate(date: string): boolean {
  let valid = checkedDates.get(date);
  if (valid === undefined) {
    valid = isCalendarDate(date);
    if (checkedDates.size > 100_000) checkedDates.clear();
    checkedDates.set(date, valid);
  }
  return valid;
}

function eachContribution(
  definitions: readonly IndicatorDefinition[],
  journey: IndicatorJourney,
  sink: Sink,
) {
  const cache = new Map<Dimension, string>();
  const groups = (dimension: Dimension) => {
    let group = cache.get(dimension);
    if (group === undefined) {
      group = groupOf(journey, dimension);
      cache.set(dimension, group);
    }
    return group;
  };
  for (const d of definitions) {
    const block = computedJourneys(d);
    if (!block) continue;
    const date = journey.milestones[anchorBlock(d, block).anchor];
    if (date === null || !validDate(date)) continue;
    const contribution = contributionOf(d, block, journey);
    if (contribution) sink(d, date.slice(0, 7), contribution, groups);
  }
}

function eachOrientationContribution(
  definitions: readonly IndicatorDefinition[],
  orientations: readonly OrientationRecord[],
  sink: Sink,
) {
  for (const d of definitions) {
    if (!d.enabled || d.source.kind !== "computed" || d.numerator?.kind !== "orientations") continue;
    const numerator = d.numerator;
    const base = d.type === "proportion" && d.denominator?.kind === "orientations" ? d.denominator : null;
    for (const orientation of orientations) {
      if (!isCalendarDate(orientation.date)) continue;
      const inNumerator = numerator.where.every((f) => orientationMatches(orientation, f));
      let contribution: Contribution | null;
      if (d.type === "proportion") {
        if (!base?.where.every((f) => orientationMatches(orientation, f))) continue;
        contribution = { numerator: inNumerator ? 1 : 0, denominator: 1 };
      } else contribution = inNumerator ? { numerator: 1, denominator: 0 } : null;
      if (contribution) sink(d, monthOf(orientation.date), contribution, () => orientation.pillar);
    }
  }
}

/**
 * What one journey contributes to every enabled computed definition: cells keyed by the month of
 * the definition's anchor milestone (the referral by default), overall and for the journey's group on
 * each of the definition's dimensions. Pure: the same journey always gives the same cells.
 */
export function contributions(
  definitions: readonly IndicatorDefinition[],
  journey: IndicatorJourney,
): Cell[] {
  const cells: Cell[] = [];
  eachContribution(definitions, journey, (d, month, contribution, groups) => {
    for (const cell of spread(d, month, contribution, groups)) cells.push(cell);
  });
  return cells;
}

/** What orientations to resources contribute (each by its own date; `pillar` is their one dimension). */
export function orientationContributions(
  definitions: readonly IndicatorDefinition[],
  orientations: readonly OrientationRecord[],
): Cell[] {
  const cells: Cell[] = [];
  eachOrientationContribution(definitions, orientations, (d, month, contribution, groups) => {
    for (const cell of spread(d, month, contribution, groups)) cells.push(cell);
  });
  return cells;
}

type MutableCell = {
  month: string;
  indicator: string;
  dimension: Cell["dimension"];
  group: string;
  numerator: number;
  denominator: number;
  sumSquares?: number;
  histogram?: Record<string, number>;
};

/**
 * Adds contributions straight into sums, without a cell per journey and group: what `compute` does
 * for a whole territory (the same sums as `combine(contributions(…))`, in a fraction of the time).
 */
export class Totals {
  /** By month and indicator, then by dimension and group. */
  private readonly sums = new Map<string, Map<string, MutableCell>>();

  private readonly sink: Sink = (d, month, contribution, groups) => {
    const outer = `${month}|${d.code}`;
    let inner = this.sums.get(outer);
    if (!inner) {
      inner = new Map();
      this.sums.set(outer, inner);
    }
    add(inner, month, d.code, ALL, ALL, contribution);
    for (const dimension of d.disaggregations)
      add(inner, month, d.code, dimension, groups(dimension), contribution);
  };

  journey(definitions: readonly IndicatorDefinition[], journey: IndicatorJourney): this {
    eachContribution(definitions, journey, this.sink);
    return this;
  }

  orientations(
    definitions: readonly IndicatorDefinition[],
    orientations: readonly OrientationRecord[],
  ): this {
    eachOrientationContribution(definitions, orientations, this.sink);
    return this;
  }

  cells(): Cell[] {
    return combine([...this.sums.values()].flatMap((inner) => [...inner.values()]));
  }
}

function add(
  inner: Map<string, MutableCell>,
  month: string,
  indicator: string,
  dimension: Cell["dimension"],
  group: string,
  c: Contribution,
) {
  const key = dimension === ALL ? ALL : `${dimension}|${group}`;
  let sum = inner.get(key);
  if (!sum) {
    sum = { month, indicator, dimension, group, numerator: 0, denominator: 0 };
    inner.set(key, sum);
  }
  sum.numerator += c.numerator;
  sum.denominator += c.denominator;
  if (c.sumSquares !== undefined) sum.sumSquares = (sum.sumSquares ?? 0) + c.sumSquares;
  if (c.histogram) {
    sum.histogram ??= {};
    for (const value in c.histogram)
      sum.histogram[value] = (sum.histogram[value] ?? 0) + (c.histogram[value] as number);
  }
}

const isEmpty = (cell: Cell) =>
  cell.numerator === 0 &&
  cell.denominator === 0 &&
  (cell.sumSquares ?? 0) === 0 &&
  Object.keys(cell.histogram ?? {}).length === 0;

/**
 * Adds up cells of the same key (any order, any grouping: the sum is associative), drops the cells
 * that come to nothing (a journey's contributions added then negated), and returns them sorted by key.
 */
export function combine(cells: readonly Cell[]): Cell[] {
  const sums = new Map<
    string,
    {
      numerator: number;
      denominator: number;
      sumSquares?: number;
      histogram?: Record<string, number>;
    } & Omit<Cell, "numerator" | "denominator" | "sumSquares" | "histogram">
  >();
  for (const cell of cells) {
    const key = cellKey(cell);
    let sum = sums.get(key);
    if (!sum) {
      sum = {
        month: cell.month,
        indicator: cell.indicator,
        dimension: cell.dimension,
        group: cell.group,
        numerator: 0,
        denominator: 0,
      };
      sums.set(key, sum);
    }
    sum.numerator += cell.numerator;
    sum.denominator += cell.denominator;
    if (cell.sumSquares !== undefined) sum.sumSquares = (sum.sumSquares ?? 0) + cell.sumSquares;
    if (cell.histogram) {
      sum.histogram ??= {};
      const histogram = sum.histogram;
      for (const [value, count] of Object.entries(cell.histogram)) {
        const total = (histogram[value] ?? 0) + count;
        if (total === 0) delete histogram[value];
        else histogram[value] = total;
      }
    }
  }
  return [...sums.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, cell]) => cell)
    .filter((cell) => !isEmpty(cell));
}

/** The cells to add to take contributions away (a journey's old cells, before its new ones are added). */
export function negate(cells: readonly Cell[]): Cell[] {
  return cells.map((cell) => ({
    ...cell,
    numerator: -cell.numerator || 0,
    denominator: -cell.denominator || 0,
    ...(cell.sumSquares !== undefined ? { sumSquares: -cell.sumSquares || 0 } : {}),
    ...(cell.histogram
      ? {
          histogram: Object.fromEntries(
            Object.entries(cell.histogram).map(([value, count]) => [value, -count]),
          ),
        }
      : {}),
  }));
}
