import type { Dimension } from "./definitions";
import type { GroupValue, IndicatorResult, OddsRatioValue, ValueStatus } from "./finalise";
import type { Interval } from "./stats";

/**
 * The dashboard's views (DESIGN.md §3–4): the funnel, equity and trends, read from the engine's
 * results as plain data. Pure; a figure that is missing or not computable stays null with its reason,
 * never NaN.
 */

type Results = readonly IndicatorResult[];

const find = (results: Results, code: string) => results.find((r) => r.code === code);
const ratio = (a: number | null | undefined, b: number | null | undefined) =>
  a === null || a === undefined || b === null || b === undefined || b <= 0 ? null : a / b;

export const funnelStages = [
  "referred",
  "contacted",
  "interviewed",
  "plan",
  "activity",
  "completed",
] as const;
export type FunnelStageKey = (typeof funnelStages)[number];

/**
 * Where each stage's count comes from. Past the first stage, the numerator of a share whose
 * denominator is the cohort referred in the period (the catalogue's `funnel()` shares), so every
 * stage counts the same people: those referred in the period, whenever they reached the stage.
 */
export const FUNNEL_CODES: Readonly<Record<FunnelStageKey, string>> = {
  referred: "REFERRALS",
  contacted: "CONTACTED_SHARE",
  interviewed: "UPTAKE_RATE",
  plan: "PLAN_SHARE",
  activity: "ACTIVITY_SHARE",
  completed: "COMPLETED_SHARE",
};

export interface FunnelStage {
  readonly key: FunnelStageKey;
  /** The indicator the count was read from. */
  readonly code: string;
  /** People of the cohort who reached the stage (null: not computable, see `reason`). */
  readonly count: number | null;
  /** Of the first stage's count. */
  readonly share: number | null;
  /** Of the previous stage's count (null for the first stage). */
  readonly conversion: number | null;
  /** The previous stage's count minus this one's (null for the first stage). */
  readonly dropOff: number | null;
  readonly reason: string | null;
}

/** A delay figure (median or 90th percentile, in days) against its target. */
export interface DelayFigure {
  readonly code: string;
  readonly status: ValueStatus;
  readonly value: number | null;
  /** The journeys with the delay. */
  readonly n: number | null;
  readonly target: number | null;
  readonly meetsTarget: boolean | null;
  readonly reason: string | null;
}

export interface FunnelDelay {
  readonly key: "first_contact" | "first_activity";
  readonly from: FunnelStageKey;
  readonly to: FunnelStageKey;
  readonly median: DelayFigure | null;
  readonly p90: DelayFigure | null;
}

export interface FunnelView {
  readonly period: string | null;
  /** In pathway order; a stage whose indicator is not among the results (disabled) is left out. */
  readonly stages: readonly FunnelStage[];
  readonly delays: readonly FunnelDelay[];
}

const DELAYS = [
  { key: "first_contact", from: "referred", to: "contacted", code: "DAYS_TO_FIRST_CONTACT" },
  { key: "first_activity", from: "referred", to: "activity", code: "DAYS_TO_FIRST_ACTIVITY" },
] as const;

function delayFigure(result: IndicatorResult | undefined): DelayFigure | null {
  if (!result) return null;
  const { code, status, value, denominator, target, meetsTarget, reason } = result;
  return { code, status, value, n: denominator, target, meetsTarget, reason };
}

/** The funnel of the period's cohort: referred → contacted → interview → plan → activity → completed. */
export function funnelOf(results: Results): FunnelView {
  const counted: { key: FunnelStageKey; code: string; count: number | null; reason: string | null }[] = [];
  for (const key of funnelStages) {
    const code = FUNNEL_CODES[key];
    const result = find(results, code);
    if (key === "referred") {
      // The REFERRALS count, or else the cohort every funnel share is over.
      const cohort = find(results, FUNNEL_CODES.contacted);
      if (result?.status === "computed") counted.push({ key, code, count: result.value, reason: null });
      else if (cohort && cohort.denominator !== null)
        counted.push({ key, code: cohort.code, count: cohort.denominator, reason: null });
      else if (result || cohort)
        counted.push({ key, code, count: null, reason: (result ?? cohort)?.reason ?? null });
      continue;
    }
    if (!result) continue;
    counted.push({
      key,
      code,
      count: result.numerator,
      reason: result.numerator === null ? result.reason : null,
    });
  }
  const first = counted[0]?.count;
  const stages = counted.map((stage, i): FunnelStage => {
    const previous = i === 0 ? null : (counted[i - 1]?.count ?? null);
    return {
      ...stage,
      share: ratio(stage.count, first),
      conversion: ratio(stage.count, previous),
      dropOff: previous === null || stage.count === null ? null : previous - stage.count,
    };
  });
  const delays = DELAYS.flatMap(({ code, ...delay }): FunnelDelay[] => {
    const median = delayFigure(find(results, `${code}_MEDIAN`));
    const p90 = delayFigure(find(results, `${code}_P90`));
    return median || p90 ? [{ ...delay, median, p90 }] : [];
  });
  return { period: results[0]?.period ?? null, stages, delays };
}

/** An overall figure: the value the groups are read against. */
export interface OverallFigure {
  readonly status: ValueStatus;
  readonly value: number | null;
  readonly interval: Interval | null;
  readonly reason: string | null;
}

/** A group's referrals set against its population (REFERRALS_PER_1000 by group). */
export interface Representation {
  readonly group: string;
  readonly status: ValueStatus;
  readonly reason: string | null;
  readonly referrals: number | null;
  /** Of the referrals of the dimension's groups that have a population. */
  readonly referralShare: number | null;
  readonly population: number | null;
  /** Of the population of the dimension's groups. */
  readonly populationShare: number | null;
  /** Referrals per 1,000 inhabitants of the group, with its exact Poisson (Garwood) interval. */
  readonly rate: number | null;
  readonly interval: Interval | null;
  /** The whole interval is below the overall rate: significantly fewer referrals than the territory's. */
  readonly underReached: boolean;
  /** The whole interval is above the overall rate. */
  readonly overReached: boolean;
}

/** A group's decline rate (DECLINE_RATE by group) and its odds of declining against the reference. */
export interface Decline {
  readonly group: string;
  readonly status: ValueStatus;
  readonly reason: string | null;
  readonly value: number | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  /** Wilson interval. */
  readonly interval: Interval | null;
  readonly oddsRatio: OddsRatioValue | null;
  /** The odds ratio's lower limit is above 1. */
  readonly significantlyHigher: boolean;
  /** The odds ratio's upper limit is below 1. */
  readonly significantlyLower: boolean;
}

export interface EquityDimension {
  readonly dimension: Dimension;
  /** For the dimensions with a population (sex, age band, QPV, rurality); null for the others. */
  readonly representation: readonly Representation[] | null;
  /** Null when DECLINE_RATE is not among the results or not broken down by the dimension. */
  readonly decline: readonly Decline[] | null;
}

export interface EquityView {
  readonly period: string | null;
  /** REFERRALS_PER_1000 overall (null: not among the results). */
  readonly rate: OverallFigure | null;
  /** DECLINE_RATE overall. */
  readonly decline: OverallFigure | null;
  readonly dimensions: readonly EquityDimension[];
}

const overall = (result: IndicatorResult | undefined): OverallFigure | null =>
  result
    ? { status: result.status, value: result.value, interval: result.interval, reason: result.reason }
    : null;

/**
 * A group is under- (over-) reached when its rate's interval lies below (above) the rate of the
 * dimension's groups that have a population, together: referrals whose group has none (sex not
 * stated, QPV unknown) are left out of both sides, so that two groups cannot both be under-reached.
 */
function representation(
  groups: Readonly<Record<string, GroupValue>>,
  overallRate: IndicatorResult | undefined,
): Representation[] {
  const entries = Object.entries(groups);
  const counted = entries.filter(([, g]) => g.status === "computed");
  const referrals = counted.reduce((sum, [, g]) => sum + (g.numerator ?? 0), 0);
  const population = counted.reduce((sum, [, g]) => sum + (g.denominator ?? 0), 0);
  // The rate's unit (per 1,000 inhabitants…), read from the overall figure.
  const per =
    overallRate?.value != null && overallRate.numerator && overallRate.denominator
      ? (overallRate.value * overallRate.denominator) / overallRate.numerator
      : null;
  const rate = per !== null && population > 0 ? (referrals / population) * per : null;
  return entries.map(([group, g]) => {
    const computed = g.status === "computed";
    const interval = computed ? g.interval : null;
    return {
      group,
      status: g.status,
      reason: g.reason,
      referrals: g.numerator,
      referralShare: computed ? ratio(g.numerator, referrals) : null,
      population: computed ? g.denominator : null,
      populationShare: computed ? ratio(g.denominator, population) : null,
      rate: computed ? g.value : null,
      interval,
      underReached: interval !== null && rate !== null && interval.high < rate,
      overReached: interval !== null && rate !== null && interval.low > rate,
    };
  });
}

function declines(
  groups: Readonly<Record<string, GroupValue>>,
  odds: Readonly<Record<string, OddsRatioValue>> | undefined,
): Decline[] {
  return Object.entries(groups).map(([group, g]) => {
    const or = odds?.[group] ?? null;
    const computed = or?.status === "computed";
    return {
      group,
      status: g.status,
      reason: g.reason,
      value: g.value,
      numerator: g.numerator,
      denominator: g.denominator,
      interval: g.interval,
      oddsRatio: or,
      significantlyHigher: computed && or.low !== null && or.low > 1,
      significantlyLower: computed && or.high !== null && or.high < 1,
    };
  });
}

/**
 * Equity (DESIGN.md §4): for each dimension, who is referred against who lives there, and who
 * declines. Representation comes from REFERRALS_PER_1000 by group, declines from DECLINE_RATE by
 * group with its odds ratios; dimensions in the order the definitions break them down.
 */
export function equityOf(results: Results): EquityView {
  const rate = find(results, "REFERRALS_PER_1000");
  const decline = find(results, "DECLINE_RATE");
  const dimensions = [
    ...new Set([...Object.keys(rate?.disaggregations ?? {}), ...Object.keys(decline?.disaggregations ?? {})]),
  ] as Dimension[];
  return {
    period: (rate ?? decline)?.period ?? null,
    rate: overall(rate),
    decline: overall(decline),
    dimensions: dimensions.map((dimension) => {
      const groups = rate?.disaggregations[dimension];
      const declined = decline?.disaggregations[dimension];
      return {
        dimension,
        representation: groups ? representation(groups, rate) : null,
        decline: declined ? declines(declined, decline?.oddsRatio?.[dimension]) : null,
      };
    }),
  };
}

export interface TrendPoint {
  readonly period: string;
  readonly status: ValueStatus;
  readonly value: number | null;
  readonly interval: Interval | null;
  readonly numerator: number | null;
  readonly denominator: number | null;
  readonly target: number | null;
  /** `indicator.missing` when the period's results do not have the indicator. */
  readonly reason: string | null;
}

export interface TrendView {
  readonly code: string;
  /** From the first period that has the indicator (null if none has). */
  readonly label: IndicatorResult["label"] | null;
  readonly unit: string | null;
  readonly points: readonly TrendPoint[];
}

/** One indicator across periods (months, usually), in the order given. */
export function trendOf(
  series: readonly { readonly period: string; readonly results: Results }[],
  code: string,
): TrendView {
  let label: TrendView["label"] = null;
  let unit: string | null = null;
  const points = series.map(({ period, results }): TrendPoint => {
    const result = find(results, code);
    if (!result)
      return {
        period,
        status: "not_computable",
        value: null,
        interval: null,
        numerator: null,
        denominator: null,
        target: null,
        reason: "indicator.missing",
      };
    label ??= result.label;
    unit ??= result.unit;
    const { status, value, interval, numerator, denominator, target, reason } = result;
    return { period, status, value, interval, numerator, denominator, target, reason };
  });
  return { code, label, unit, points };
}
