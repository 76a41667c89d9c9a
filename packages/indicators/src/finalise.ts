import type { Denominators } from "@maillage/schema";
import { ALL, type Cell, VALUE_SCALE } from "./cells";
import {
  type Dimension,
  type Direction,
  dimensionGroups,
  type IndicatorDefinition,
  type IndicatorType,
  type InputKey,
  type Level,
} from "./definitions";
import { parsePeriod } from "./period";
import { garwood, type Interval, quantile, studentTInterval, wilson, woolfOddsRatio } from "./stats";

/** A link worker as the capacity indicators read them, at the time of the period. */
export interface LinkWorkerInput {
  readonly fte: number;
  /** The number of people they can follow at once (null: not stated). */
  readonly caseloadCapacity: number | null;
  /** The number of people they follow now. */
  readonly openCaseload: number;
}

/** Who or what a manual or imported figure comes from. */
export interface Provenance {
  readonly source: string;
  readonly enteredBy?: string | null;
  readonly enteredAt?: string | null;
  readonly note?: string | null;
}

/** A figure entered by hand (or imported) for one indicator and one period. */
export interface ManualEntry {
  readonly code: string;
  readonly period: string;
  readonly value: number;
  readonly provenance: Provenance;
}

/** What `finalise` reads besides the cells. */
export interface FinaliseContext {
  readonly denominators?: Pick<Denominators, "population" | "qpvPopulation" | "communes"> | null;
  readonly linkWorkers?: readonly LinkWorkerInput[];
  readonly entries?: readonly ManualEntry[];
  /** Named numbers targets can refer to (the pathway's delays: `referralToFirstContactDays`…). */
  readonly parameters?: Readonly<Record<string, number>>;
}

export const valueStatuses = ["computed", "not_computable", "manual", "imported"] as const;
export type ValueStatus = (typeof valueStatuses)[number];

/** One figure: computed (value, numerator, denominator, interval) or not computable (all null, a reason). */
export interface GroupValue {
  readonly status: ValueStatus;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly interval: Interval | null;
  /** Why the figure is not computable (`denominator.empty`, `population.unknown`…); null otherwise. */
  readonly reason: string | null;
}

export interface OddsRatioValue {
  readonly status: "computed" | "not_computable" | "reference";
  /** The odds of the group against the reference's (1 for the reference itself). */
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly reference: string;
  readonly reason: string | null;
}

export interface IndicatorResult extends GroupValue {
  readonly code: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly level: Level;
  readonly type: IndicatorType;
  readonly unit: string;
  readonly period: string;
  readonly target: number | null;
  readonly direction: Direction | null;
  /** Whether the value meets its target in its direction (null: no target, direction or value). */
  readonly meetsTarget: boolean | null;
  /** Manual and imported figures: where they come from. */
  readonly provenance: Provenance | null;
  readonly disaggregations: Readonly<Record<string, Readonly<Record<string, GroupValue>>>>;
  /** Proportions with odds ratios: each group's against the stated reference group, per dimension. */
  readonly oddsRatio: Readonly<Record<string, Readonly<Record<string, OddsRatioValue>>>> | null;
}

interface Sum {
  numerator: number;
  denominator: number;
  sumSquares: number;
  histogram: Map<number, number>;
}

const notComputable = (
  reason: string,
  numerator: number | null = null,
  denominator: number | null = null,
): GroupValue => ({
  status: "not_computable",
  value: null,
  numerator,
  denominator,
  interval: null,
  reason,
});

const computed = (
  value: number,
  numerator: number | null,
  denominator: number | null,
  interval: Interval | null,
): GroupValue => ({
  status: "computed",
  value,
  numerator,
  denominator,
  interval,
  reason: null,
});

/** The population of a group, or null when the denominators do not give it completely. */
export function populationOf(
  denominators: FinaliseContext["denominators"],
  dimension: Dimension | typeof ALL,
  group: string,
): number | null {
  if (!denominators) return null;
  const cells = denominators.population;
  const sumOf = (keep: (cell: (typeof cells)[number]) => boolean, expected: number) => {
    const chosen = cells.filter(keep);
    if (chosen.length !== expected || chosen.some((cell) => cell.count === null)) return null;
    return chosen.reduce((total, cell) => total + (cell.count as number), 0);
  };
  const ages = dimensionGroups.ageBand.length;
  const total = sumOf(() => true, 2 * ages);
  switch (dimension) {
    case ALL:
      return total;
    case "sex":
      return group === "female" || group === "male" ? sumOf((cell) => cell.sex === group, ages) : null;
    case "ageBand":
      return sumOf((cell) => cell.ageBand === group, 2);
    case "qpv": {
      const qpv = denominators.qpvPopulation;
      if (group === "yes") return qpv;
      return group === "no" && qpv !== null && total !== null ? total - qpv : null;
    }
    case "rurality": {
      const communes = denominators.communes.filter((commune) => String(commune.rurality) === group);
      return communes.length === 0 ? null : communes.reduce((sum, commune) => sum + commune.population, 0);
    }
    default:
      return null;
  }
}

/** A figure passed in (link workers): null when there is none to add up. */
export function inputOf(context: FinaliseContext, key: InputKey): number | null {
  const workers = context.linkWorkers ?? [];
  const stated = workers.filter((worker) => worker.caseloadCapacity !== null);
  switch (key) {
    case "link_worker_fte":
      return workers.length === 0 ? null : workers.reduce((sum, worker) => sum + worker.fte, 0);
    case "caseload_capacity":
      return stated.length === 0
        ? null
        : stated.reduce((sum, worker) => sum + (worker.caseloadCapacity as number), 0);
    case "open_caseload":
      // Only link workers with a stated capacity: the caseload is set against that capacity.
      return stated.length === 0 ? null : stated.reduce((sum, worker) => sum + worker.openCaseload, 0);
  }
}

function valueOfSum(
  d: IndicatorDefinition,
  sum: Sum | undefined,
  context: FinaliseContext,
  dimension: Dimension | typeof ALL,
  group: string,
): GroupValue {
  const s = sum ?? { numerator: 0, denominator: 0, sumSquares: 0, histogram: new Map() };
  switch (d.type) {
    case "count":
      return computed(s.numerator, s.numerator, null, null);
    case "rate": {
      const population = populationOf(context.denominators, dimension, group);
      if (population === null || population <= 0)
        return notComputable("population.unknown", s.numerator, population);
      const per = d.per ?? 1;
      const limits = garwood(s.numerator);
      return computed(
        (s.numerator / population) * per,
        s.numerator,
        population,
        limits && {
          low: (limits.low / population) * per,
          high: (limits.high / population) * per,
          method: "garwood",
        },
      );
    }
    case "proportion":
    case "threshold_share":
      if (s.denominator <= 0) return notComputable("denominator.empty", s.numerator, s.denominator);
      return computed(
        s.numerator / s.denominator,
        s.numerator,
        s.denominator,
        wilson(s.numerator, s.denominator),
      );
    case "mean":
    case "mean_change": {
      if (s.denominator <= 0) return notComputable("denominator.empty", null, s.denominator);
      const sum = s.numerator / VALUE_SCALE;
      return computed(
        sum / s.denominator,
        sum,
        s.denominator,
        studentTInterval(s.denominator, sum, s.sumSquares / (VALUE_SCALE * VALUE_SCALE)),
      );
    }
    case "median":
    case "percentile": {
      const value = quantile(s.histogram, d.type === "median" ? 0.5 : (d.percentile as number));
      if (value === null || s.denominator <= 0)
        return notComputable("denominator.empty", null, s.denominator);
      return computed(value, null, s.denominator, null);
    }
    case "ratio": {
      const numerator = d.numerator?.kind === "input" ? inputOf(context, d.numerator.key) : s.numerator;
      const denominator = d.denominator?.kind === "input" ? inputOf(context, d.denominator.key) : null;
      if (numerator === null || denominator === null || denominator <= 0)
        return notComputable("input.missing", numerator, denominator);
      return computed(numerator / denominator, numerator, denominator, null);
    }
  }
}

function oddsRatios(
  d: IndicatorDefinition,
  groups: Readonly<Record<string, Readonly<Record<string, GroupValue>>>>,
): IndicatorResult["oddsRatio"] {
  if (!d.oddsRatio || d.type !== "proportion") return null;
  const result: Record<string, Record<string, OddsRatioValue>> = {};
  for (const [dimension, reference] of Object.entries(d.oddsRatio)) {
    const values = groups[dimension];
    if (!values) continue;
    const ref = values[reference];
    const c = ref?.numerator ?? 0;
    const dd = (ref?.denominator ?? 0) - c;
    const byGroup: Record<string, OddsRatioValue> = {};
    for (const [group, value] of Object.entries(values)) {
      if (group === reference) {
        byGroup[group] = { status: "reference", value: 1, low: null, high: null, reference, reason: null };
        continue;
      }
      const a = value.numerator ?? 0;
      const b = (value.denominator ?? 0) - a;
      const or = woolfOddsRatio(a, b, c, dd);
      byGroup[group] = or
        ? {
            status: "computed",
            value: or.value,
            low: or.interval.low,
            high: or.interval.high,
            reference,
            reason: null,
          }
        : {
            status: "not_computable",
            value: null,
            low: null,
            high: null,
            reference,
            reason: "odds_ratio.zero_cell",
          };
    }
    result[dimension] = byGroup;
  }
  return result;
}

function targetOf(d: IndicatorDefinition, context: FinaliseContext): number | null {
  if (!d.target) return null;
  if ("value" in d.target) return d.target.value;
  return context.parameters?.[d.target.parameter] ?? null;
}

function meets(value: number | null, target: number | null, direction: Direction | null): boolean | null {
  if (value === null || target === null || direction === null) return null;
  return direction === "higher_is_better" ? value >= target : value <= target;
}

const groupKey = (dimension: string, group: string) => `${dimension}|${group}`;

/**
 * The values of the enabled definitions for a period, from cells (any months: those of the period
 * are read, so stored monthly cells give quarters and years), the territory's denominators and the
 * figures passed in. Pure and deterministic; one result per enabled definition, in order.
 */
export function finalise(
  definitions: readonly IndicatorDefinition[],
  cells: readonly Cell[],
  context: FinaliseContext,
  periodCode: string,
): IndicatorResult[] {
  const period = parsePeriod(periodCode);
  const months = new Set(period.months);
  const sums = new Map<string, Map<string, Sum>>();
  for (const cell of cells) {
    if (!months.has(cell.month)) continue;
    const byGroup = sums.get(cell.indicator) ?? new Map<string, Sum>();
    sums.set(cell.indicator, byGroup);
    const key = groupKey(cell.dimension, cell.group);
    const sum = byGroup.get(key) ?? { numerator: 0, denominator: 0, sumSquares: 0, histogram: new Map() };
    byGroup.set(key, sum);
    sum.numerator += cell.numerator;
    sum.denominator += cell.denominator;
    sum.sumSquares += cell.sumSquares ?? 0;
    for (const [value, count] of Object.entries(cell.histogram ?? {})) {
      const number = Number(value);
      sum.histogram.set(number, (sum.histogram.get(number) ?? 0) + count);
    }
  }

  return definitions
    .filter((d) => d.enabled)
    .map((d): IndicatorResult => {
      const target = targetOf(d, context);
      const base = {
        code: d.code,
        label: d.label,
        level: d.level,
        type: d.type,
        unit: d.unit,
        period: period.code,
        target,
        direction: d.direction,
      };
      const disaggregations: Record<string, Record<string, GroupValue>> = {};
      if (!d.periods.includes(period.kind)) {
        return {
          ...base,
          ...notComputable("period.not_supported"),
          meetsTarget: null,
          provenance: null,
          disaggregations,
          oddsRatio: null,
        };
      }
      if (d.source.kind !== "computed") {
        const entry = (context.entries ?? []).find((e) => e.code === d.code && e.period === period.code);
        const value: GroupValue = entry
          ? {
              status: d.source.kind,
              value: entry.value,
              numerator: null,
              denominator: null,
              interval: null,
              reason: null,
            }
          : notComputable("entry.missing");
        return {
          ...base,
          ...value,
          meetsTarget: meets(value.value, target, d.direction),
          provenance: entry?.provenance ?? null,
          disaggregations,
          oddsRatio: null,
        };
      }
      const byGroup = sums.get(d.code);
      const overall = valueOfSum(d, byGroup?.get(groupKey(ALL, ALL)), context, ALL, ALL);
      for (const dimension of d.disaggregations) {
        const values: Record<string, GroupValue> = {};
        for (const group of dimensionGroups[dimension]) {
          values[group] = valueOfSum(d, byGroup?.get(groupKey(dimension, group)), context, dimension, group);
        }
        disaggregations[dimension] = values;
      }
      return {
        ...base,
        ...overall,
        meetsTarget: meets(overall.value, target, d.direction),
        provenance: null,
        disaggregations,
        oddsRatio: oddsRatios(d, disaggregations),
      };
    });
}
