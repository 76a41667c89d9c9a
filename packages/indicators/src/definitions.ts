import {
  type ChangeRule,
  ons4ChangeRules,
  swemwbsChangeRule,
  ucla3ChangeRule,
  wemwbsChangeRule,
} from "@maillage/measures";
import {
  ageBands,
  declineReasons,
  exitReasons,
  journeyStatuses,
  pillars,
  referralRouteKinds,
  sexes,
  targetGroups,
  tracks,
  triStates,
} from "@maillage/schema";
import * as v from "valibot";
import { periodKinds } from "./period";

/**
 * Indicator definitions (DESIGN.md §4; docs/indicators.md §2) are DATA: plain JSON objects built from
 * a few blocks, so that a territory can enable or disable one, set its target, or add its own from
 * the same blocks without code. `IndicatorDefinition` checks the shape; `definitionIssues` the rules
 * across fields (which blocks each type takes). Messages are codes, as everywhere in the product.
 */

export const levels = ["micro", "macro"] as const;
export type Level = (typeof levels)[number];

/**
 * What the value is: a count; a rate per N inhabitants (`per`); a proportion (numerator among the
 * denominator); the mean, median or a percentile of a value per journey; the mean change of a measure
 * (follow-up − baseline); the share of journeys whose value reaches a threshold; a ratio of two
 * figures (no interval: it may exceed 1).
 */
export const indicatorTypes = [
  "count",
  "rate",
  "proportion",
  "mean",
  "median",
  "percentile",
  "mean_change",
  "threshold_share",
  "ratio",
] as const;
export type IndicatorType = (typeof indicatorTypes)[number];

/** The funnel's dates of a journey (`JourneySummary.milestones`). */
export const milestoneKeys = [
  "referral",
  "firstContact",
  "initialInterview",
  "plan",
  "firstOrientation",
  "firstActivity",
  "firstFollowUp",
  "evaluation",
  "exit",
] as const;
export type MilestoneKey = (typeof milestoneKeys)[number];

/** Disaggregation dimensions. `pillar` applies to orientations to resources, the others to journeys. */
export const dimensions = [
  "sex",
  "ageBand",
  "qpv",
  "rurality",
  "route",
  "precarity",
  "track",
  "pillar",
] as const;
export type Dimension = (typeof dimensions)[number];
export const journeyDimensions: readonly Dimension[] = [
  "sex",
  "ageBand",
  "qpv",
  "rurality",
  "route",
  "precarity",
  "track",
];
export const orientationDimensions: readonly Dimension[] = ["pillar"];
/** The dimensions the territory's denominators give a population for (a rate can be broken down by them). */
export const populationDimensions: readonly Dimension[] = ["sex", "ageBand", "qpv", "rurality"];

/**
 * Every group of each dimension, in display order. Rurality is INSEE's 3-level density (1 dense,
 * 2 intermediate, 3 rural); route is the route's kind (`health_professional:nurse` → `health_professional`);
 * precarity is whether any precarity marker is recorded.
 */
export const dimensionGroups: Readonly<Record<Dimension, readonly string[]>> = {
  sex: sexes,
  ageBand: ageBands,
  qpv: triStates,
  rurality: ["1", "2", "3", "unknown"],
  route: [...referralRouteKinds, "unknown"],
  precarity: ["any_marker", "no_marker"],
  track: tracks,
  pillar: pillars,
};

export const comparisons = ["<", "<=", "=", ">=", ">"] as const;
export type Comparison = (typeof comparisons)[number];

export const timepoints = ["baseline", "follow_up"] as const;

/**
 * An outcome key of `JourneySummary.outcomes`: `WEMWBS`, `SWEMWBS` (metric score), `UCLA3`,
 * `LONELY_OFTEN` (1 often/always, else 0), `ONS4_<QUESTION>`, `custom:<code>`.
 */
export const MeasureKey = v.pipe(
  v.string("indicator.measure.unknown"),
  v.regex(
    /^(WEMWBS|SWEMWBS|UCLA3|LONELY_OFTEN|ONS4_(LIFE_SATISFACTION|WORTHWHILE|HAPPINESS|ANXIETY)|custom:[a-z0-9][a-z0-9_-]{0,39})$/,
    "indicator.measure.unknown",
  ),
);

/**
 * The change rules (direction, meaningful and reliable thresholds) of the measures that have one,
 * from @maillage/measures: never retyped here.
 */
export const changeRules: Readonly<Record<string, ChangeRule>> = {
  WEMWBS: wemwbsChangeRule,
  SWEMWBS: swemwbsChangeRule,
  UCLA3: ucla3ChangeRule,
  ONS4_LIFE_SATISFACTION: ons4ChangeRules.life_satisfaction,
  ONS4_WORTHWHILE: ons4ChangeRules.worthwhile,
  ONS4_HAPPINESS: ons4ChangeRules.happiness,
  ONS4_ANXIETY: ons4ChangeRules.anxiety,
};

const Milestone = v.picklist(milestoneKeys, "indicator.milestone.unknown");
const Op = v.picklist(comparisons, "indicator.comparison.unknown");
const Timepoint = v.picklist(timepoints, "indicator.timepoint.unknown");
/** A group of a dimension (`dimensionGroups`: checked across fields); the longest is 19 characters. */
const Group = v.pipe(v.string(), v.maxLength(60, "indicator.group.unknown"));
const list = <T extends v.GenericSchema<unknown, string>>(item: T) =>
  v.pipe(
    v.array(item),
    v.minLength(1, "indicator.values.empty"),
    v.check((values) => new Set(values).size === values.length, "indicator.values.duplicate"),
  );

/** A condition on a journey; a block's conditions all apply (and). */
export const JourneyFilter = v.variant("kind", [
  /** The milestone is dated (the stage was reached, whenever). */
  v.object({ kind: v.literal("reached"), milestone: Milestone }),
  v.object({ kind: v.literal("not_reached"), milestone: Milestone }),
  /** Exited with one of these reasons (and, for declines, one of these decline reasons if given). */
  v.object({
    kind: v.literal("exit"),
    reasons: list(v.picklist(exitReasons, "indicator.exit_reason.unknown")),
    declineReasons: v.optional(list(v.picklist(declineReasons, "indicator.decline_reason.unknown"))),
  }),
  v.object({ kind: v.literal("status"), in: list(v.picklist(journeyStatuses, "indicator.status.unknown")) }),
  /** The journey's group on a disaggregation dimension is one of these (`dimensionGroups`). */
  v.object({
    kind: v.literal("group"),
    dimension: v.picklist(dimensions, "indicator.dimension.unknown"),
    in: list(Group),
  }),
  v.object({
    kind: v.literal("target_group"),
    in: list(v.picklist(targetGroups, "indicator.target_group.unknown")),
  }),
  /** The measure has a value at each of these timepoints. */
  v.object({ kind: v.literal("has_measure"), measure: MeasureKey, timepoints: list(Timepoint) }),
  v.object({
    kind: v.literal("measure_value"),
    measure: MeasureKey,
    timepoint: Timepoint,
    op: Op,
    value: v.number(),
  }),
  /** Follow-up − baseline (rounded to 2 decimals, as @maillage/measures does) compared with a value. */
  v.object({ kind: v.literal("change"), measure: MeasureKey, op: Op, value: v.number() }),
  /**
   * Improved (in the instrument's better direction) by at least its meaningful or reliable threshold
   * (`changeRules`): only for measures that have that threshold.
   */
  v.object({
    kind: v.literal("improvement"),
    measure: MeasureKey,
    threshold: v.picklist(["meaningful", "reliable"], "indicator.threshold.unknown"),
  }),
  /** Days from one milestone to another (both dated) compared with a value. */
  v.object({ kind: v.literal("delay"), from: Milestone, to: Milestone, op: Op, value: v.number() }),
]);
export type JourneyFilter = v.InferOutput<typeof JourneyFilter>;

/** What a journey contributes to a mean, median, percentile or threshold: days between two milestones, or a measure. */
export const ValueBlock = v.variant("kind", [
  v.object({ kind: v.literal("delay"), from: Milestone, to: Milestone }),
  v.object({
    kind: v.literal("measure"),
    measure: MeasureKey,
    of: v.picklist(["baseline", "follow_up", "change"], "indicator.value.unknown"),
  }),
]);
export type ValueBlock = v.InferOutput<typeof ValueBlock>;

export const OrientationFilter = v.variant("kind", [
  v.object({
    kind: v.literal("attendance"),
    in: list(v.picklist(["attended", "not_attended", "pending"], "indicator.attendance.unknown")),
  }),
  v.object({ kind: v.literal("pillar"), in: list(v.picklist(pillars, "indicator.pillar.unknown")) }),
]);
export type OrientationFilter = v.InferOutput<typeof OrientationFilter>;

/** The figures the engine is given rather than computes (link workers, at the time of the period). */
export const inputKeys = ["link_worker_fte", "caseload_capacity", "open_caseload"] as const;
export type InputKey = (typeof inputKeys)[number];

/**
 * The blocks numerators and denominators are built from:
 * - `journeys`: the journeys whose `anchor` milestone falls in the period (by default the referral:
 *   the cohort view) and that meet every filter; with a `value`, what each contributes;
 * - `orientations`: orientations to resources dated in the period, meeting every filter;
 * - `population`: the territory's population (by group when disaggregated);
 * - `input`: a figure passed in (link workers' FTE, caseload capacity, open caseload).
 */
export const JourneysBlock = v.object({
  kind: v.literal("journeys"),
  anchor: v.optional(Milestone, "referral"),
  where: v.optional(v.array(JourneyFilter), []),
  value: v.optional(ValueBlock),
});
export const Block = v.variant("kind", [
  JourneysBlock,
  v.object({ kind: v.literal("orientations"), where: v.optional(v.array(OrientationFilter), []) }),
  v.object({ kind: v.literal("population") }),
  v.object({ kind: v.literal("input"), key: v.picklist(inputKeys, "indicator.input.unknown") }),
]);
export type Block = v.InferOutput<typeof Block>;
export type JourneysBlock = v.InferOutput<typeof JourneysBlock>;

export const Threshold = v.variant("kind", [
  v.object({ kind: v.literal("compare"), op: Op, value: v.number() }),
  /** Improved by at least the instrument's threshold (the value must be a measure's change). */
  v.object({
    kind: v.literal("improvement"),
    threshold: v.picklist(["meaningful", "reliable"], "indicator.threshold.unknown"),
  }),
]);
export type Threshold = v.InferOutput<typeof Threshold>;

/** A fixed target, or one read from the parameters passed to the engine (the pathway's delays). */
export const Target = v.union([
  v.object({ value: v.number() }),
  v.object({ parameter: v.pipe(v.string(), v.regex(/^[a-zA-Z][a-zA-Z0-9_]{0,59}$/)) }),
]);
export type Target = v.InferOutput<typeof Target>;

export const directions = ["higher_is_better", "lower_is_better"] as const;
export type Direction = (typeof directions)[number];

const Text = (max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(2, "text.too_short"), v.maxLength(max, "text.too_long"));

/** Where the figure comes from: computed from journeys, entered by hand (with who/where from), or imported. */
export const Source = v.variant("kind", [
  v.object({ kind: v.literal("computed") }),
  v.object({ kind: v.literal("manual"), provenance: Text(200) }),
  v.object({ kind: v.literal("imported"), from: Text(200) }),
]);
export type Source = v.InferOutput<typeof Source>;

export const units = [
  "people",
  "orientations",
  "per_1000_inhabitants",
  "share",
  "days",
  "points",
  "ratio",
  "people_per_fte",
  "percent_change",
] as const;

export const IndicatorCode = v.pipe(
  v.string("indicator.code.format"),
  v.regex(/^[A-Z][A-Z0-9_]{1,59}$/, "indicator.code.format"),
);

export const IndicatorDefinitionShape = v.object({
  code: IndicatorCode,
  label: v.object({ fr: Text(160), en: Text(160) }),
  level: v.picklist(levels, "indicator.level.unknown"),
  type: v.picklist(indicatorTypes, "indicator.type.unknown"),
  unit: v.picklist(units, "indicator.unit.unknown"),
  numerator: v.nullable(Block),
  denominator: v.optional(v.nullable(Block), null),
  /** Rates: per how many inhabitants (1000). */
  per: v.optional(v.nullable(v.pipe(v.number(), v.gtValue(0))), null),
  /** Percentiles: which one, strictly between 0 and 1 (0.9). */
  percentile: v.optional(v.nullable(v.pipe(v.number(), v.gtValue(0), v.ltValue(1))), null),
  threshold: v.optional(v.nullable(Threshold), null),
  disaggregations: v.optional(
    v.pipe(
      v.array(v.picklist(dimensions, "indicator.dimension.unknown")),
      v.check((values) => new Set(values).size === values.length, "indicator.values.duplicate"),
    ),
    [],
  ),
  /** Proportions: the reference group of each dimension odds ratios are given against. */
  oddsRatio: v.optional(
    v.nullable(v.record(v.picklist(dimensions, "indicator.dimension.unknown"), Group)),
    null,
  ),
  periods: v.optional(
    v.pipe(v.array(v.picklist(periodKinds, "period.kind.unknown")), v.minLength(1, "indicator.values.empty")),
    [...periodKinds],
  ),
  target: v.optional(v.nullable(Target), null),
  direction: v.nullable(v.picklist(directions, "indicator.direction.unknown")),
  source: Source,
  /** One line: why the indicator is worth following. */
  rationale: Text(400),
  /** Where the rationale comes from. */
  citation: Text(600),
  enabled: v.optional(v.boolean(), true),
});

export type IndicatorDefinition = v.InferOutput<typeof IndicatorDefinitionShape>;
export type IndicatorDefinitionInput = v.InferInput<typeof IndicatorDefinitionShape>;

export interface DefinitionIssue {
  readonly path: string;
  readonly message: string;
}

const VALUE_TYPES: readonly IndicatorType[] = [
  "mean",
  "median",
  "percentile",
  "mean_change",
  "threshold_share",
];

/** The rules across fields of one (well-shaped) definition: which blocks each type takes, and so on. */
export function definitionIssues(d: IndicatorDefinition): DefinitionIssue[] {
  const issues: DefinitionIssue[] = [];
  const at = (path: string, message: string) => issues.push({ path, message });
  const num = d.numerator;
  const den = d.denominator;

  if (d.source.kind !== "computed") {
    if (num !== null) at("numerator", "indicator.numerator.not_applicable");
    if (den !== null) at("denominator", "indicator.denominator.not_applicable");
    if (d.disaggregations.length > 0) at("disaggregations", "indicator.disaggregations.not_applicable");
    return issues;
  }
  if (num === null) {
    at("numerator", "indicator.numerator.required");
    return issues;
  }
  const valued = num.kind === "journeys" && num.value !== undefined;
  switch (d.type) {
    case "count":
      if (!(num.kind === "journeys" || num.kind === "orientations") || valued)
        at("numerator", "indicator.numerator.kind");
      if (den !== null) at("denominator", "indicator.denominator.not_applicable");
      break;
    case "rate":
      if (num.kind !== "journeys" || valued) at("numerator", "indicator.numerator.kind");
      if (den?.kind !== "population") at("denominator", "indicator.denominator.kind");
      if (d.per === null) at("per", "indicator.per.required");
      break;
    case "proportion":
      if (!(num.kind === "journeys" || num.kind === "orientations") || valued)
        at("numerator", "indicator.numerator.kind");
      else if (den === null || den.kind !== num.kind || (den.kind === "journeys" && den.value !== undefined))
        at("denominator", "indicator.denominator.kind");
      else if (num.kind === "journeys" && den.kind === "journeys" && num.anchor !== den.anchor)
        at("numerator.anchor", "indicator.anchor.mismatch");
      break;
    case "ratio":
      if (!((num.kind === "journeys" && !valued) || num.kind === "input"))
        at("numerator", "indicator.numerator.kind");
      if (den?.kind !== "input") at("denominator", "indicator.denominator.kind");
      if (d.disaggregations.length > 0) at("disaggregations", "indicator.disaggregations.not_applicable");
      break;
    default:
      if (!valued) at("numerator.value", "indicator.value.required");
      if (den !== null) at("denominator", "indicator.denominator.not_applicable");
  }
  if (VALUE_TYPES.includes(d.type) && num.kind === "journeys" && num.value) {
    const value = num.value;
    if (d.type === "mean_change" && !(value.kind === "measure" && value.of === "change"))
      at("numerator.value", "indicator.value.change_required");
    if (d.type === "percentile" && d.percentile === null) at("percentile", "indicator.percentile.required");
    if (d.type === "threshold_share") {
      if (d.threshold === null) at("threshold", "indicator.threshold.required");
      else if (d.threshold.kind === "improvement") {
        if (!(value.kind === "measure" && value.of === "change"))
          at("threshold", "indicator.value.change_required");
        else if (!changeRules[value.measure]?.[d.threshold.threshold])
          at("threshold", "indicator.threshold.none_for_measure");
      }
    }
  }
  if (d.type !== "threshold_share" && d.threshold !== null)
    at("threshold", "indicator.threshold.not_applicable");
  if (d.type !== "percentile" && d.percentile !== null)
    at("percentile", "indicator.percentile.not_applicable");
  if (d.type !== "rate" && d.per !== null) at("per", "indicator.per.not_applicable");

  const allowed =
    num.kind === "orientations"
      ? orientationDimensions
      : d.type === "rate"
        ? populationDimensions
        : num.kind === "journeys"
          ? journeyDimensions
          : [];
  d.disaggregations.forEach((dimension, index) => {
    if (!allowed.includes(dimension)) at(`disaggregations.${index}`, "indicator.dimension.not_applicable");
  });

  for (const [block, path] of [
    [num, "numerator"],
    [den, "denominator"],
  ] as const) {
    if (block?.kind !== "journeys") continue;
    block.where.forEach((filter, index) => {
      const where = `${path}.where.${index}`;
      if (filter.kind === "group") {
        if (!journeyDimensions.includes(filter.dimension))
          at(`${where}.dimension`, "indicator.dimension.not_applicable");
        else if (filter.in.some((group) => !dimensionGroups[filter.dimension].includes(group)))
          at(`${where}.in`, "indicator.group.unknown");
      }
      if (filter.kind === "improvement" && !changeRules[filter.measure]?.[filter.threshold])
        at(`${where}.threshold`, "indicator.threshold.none_for_measure");
    });
  }

  if (d.oddsRatio !== null) {
    if (d.type !== "proportion") at("oddsRatio", "indicator.odds_ratio.not_applicable");
    for (const [dimension, reference] of Object.entries(d.oddsRatio) as [Dimension, string][]) {
      if (!d.disaggregations.includes(dimension))
        at(`oddsRatio.${dimension}`, "indicator.odds_ratio.not_disaggregated");
      else if (!dimensionGroups[dimension].includes(reference))
        at(`oddsRatio.${dimension}`, "indicator.group.unknown");
    }
  }
  return issues;
}

/** A definition checked for its shape and its cross-field rules (the console and the API share it). */
export const IndicatorDefinition = v.pipe(
  IndicatorDefinitionShape,
  v.check((d) => definitionIssues(d).length === 0, "indicator.definition.inconsistent"),
);

/**
 * Parses a list of definitions (e.g. a territory's catalogue): every issue with its path
 * (`3.numerator.kind`), and codes unique across the list.
 */
export function parseDefinitions(
  input: unknown,
): { success: true; output: IndicatorDefinition[] } | { success: false; issues: DefinitionIssue[] } {
  const shaped = v.safeParse(v.array(IndicatorDefinitionShape), input);
  if (!shaped.success) {
    return {
      success: false,
      issues: shaped.issues.map((issue) => ({
        path: (issue.path ?? []).map((item) => String(item.key)).join("."),
        message: issue.message,
      })),
    };
  }
  const issues: DefinitionIssue[] = [];
  const seen = new Set<string>();
  shaped.output.forEach((definition, index) => {
    if (seen.has(definition.code))
      issues.push({ path: `${index}.code`, message: "indicator.code.duplicate" });
    seen.add(definition.code);
    for (const issue of definitionIssues(definition))
      issues.push({ ...issue, path: `${index}.${issue.path}` });
  });
  return issues.length > 0 ? { success: false, issues } : { success: true, output: shaped.output };
}
