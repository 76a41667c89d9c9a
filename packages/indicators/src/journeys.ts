import type { Change } from "@maillage/measures";
import { assessChange } from "@maillage/measures";
import { daysBetween, type JourneyPerson, type JourneySummary, referralRouteKinds } from "@maillage/schema";
import {
  type Comparison,
  changeRules,
  type Dimension,
  type JourneyFilter,
  type OrientationFilter,
  type Threshold,
  type ValueBlock,
} from "./definitions";

/**
 * What the engine reads of a journey: a `JourneySummary` will do (only these fields are read). The
 * summary is what every write already produces, so contributions can be recomputed on each write.
 */
export type IndicatorJourney = Pick<
  JourneySummary,
  "rurality" | "track" | "status" | "route" | "exitReason" | "declineReason" | "milestones"
> & {
  person: Pick<JourneyPerson, "sex" | "ageBand" | "qpv" | "precarity" | "targetGroups">;
  outcomes?: JourneySummary["outcomes"];
};

/** One orientation to a resource, as the engine reads it (`attended` null: not known yet). */
export interface OrientationRecord {
  readonly date: string;
  readonly pillar: string;
  readonly attended: boolean | null;
}

const ROUTE_KINDS: readonly string[] = referralRouteKinds;

/** A route key's kind (`health_professional:nurse` → `health_professional`); `unknown` when none or not known. */
export function routeKindOf(route: string | null): string {
  if (route === null) return "unknown";
  const kind = route.split(":")[0] as string;
  return ROUTE_KINDS.includes(kind) ? kind : "unknown";
}

/** The journey's group on a dimension (`dimensionGroups`). */
export function groupOf(journey: IndicatorJourney, dimension: Dimension): string {
  switch (dimension) {
    case "sex":
      return journey.person.sex;
    case "ageBand":
      return journey.person.ageBand;
    case "qpv":
      return journey.person.qpv;
    case "rurality":
      return journey.rurality === null ? "unknown" : String(journey.rurality);
    case "route":
      return routeKindOf(journey.route);
    case "precarity":
      return journey.person.precarity.length > 0 ? "any_marker" : "no_marker";
    case "track":
      return journey.track;
    case "pillar":
      return "unknown";
  }
}

export function compare(value: number, op: Comparison, target: number): boolean {
  switch (op) {
    case "<":
      return value < target;
    case "<=":
      return value <= target;
    case "=":
      return value === target;
    case ">=":
      return value >= target;
    case ">":
      return value > target;
  }
}

type Outcome = { baseline: number | null; followUp: number | null };
const outcome = (journey: IndicatorJourney, measure: string): Outcome | undefined =>
  journey.outcomes?.[measure];

/**
 * Follow-up − baseline rounded to 2 decimals (the precision of the SWEMWBS metric score), as
 * @maillage/measures reads a change, so that 23.21 − 20.34 is never just under a threshold.
 */
export function changeOf(baseline: number, followUp: number): number {
  const raw = followUp - baseline;
  return (Math.sign(raw) * Math.round(Math.abs(raw) * 100)) / 100 || 0;
}

function change(journey: IndicatorJourney, measure: string): number | null {
  const entry = outcome(journey, measure);
  if (!entry || entry.baseline === null || entry.followUp === null) return null;
  return changeOf(entry.baseline, entry.followUp);
}

function assessed(journey: IndicatorJourney, measure: string): Change | null {
  const rule = changeRules[measure];
  const delta = change(journey, measure);
  return rule && delta !== null ? assessChange(delta, rule) : null;
}

function improvedBy(
  journey: IndicatorJourney,
  measure: string,
  threshold: "meaningful" | "reliable",
): boolean {
  const result = assessed(journey, measure);
  return result?.improved === true && result[threshold] === true;
}

function delay(
  journey: IndicatorJourney,
  from: keyof IndicatorJourney["milestones"],
  to: keyof IndicatorJourney["milestones"],
) {
  const start = journey.milestones[from];
  const end = journey.milestones[to];
  return start && end ? daysBetween(start, end) : null;
}

export function matches(journey: IndicatorJourney, filter: JourneyFilter): boolean {
  switch (filter.kind) {
    case "reached":
      return journey.milestones[filter.milestone] !== null;
    case "not_reached":
      return journey.milestones[filter.milestone] === null;
    case "exit":
      return (
        journey.exitReason !== null &&
        (filter.reasons as readonly string[]).includes(journey.exitReason) &&
        (filter.declineReasons === undefined ||
          (journey.declineReason !== null &&
            (filter.declineReasons as readonly string[]).includes(journey.declineReason)))
      );
    case "status":
      return (filter.in as readonly string[]).includes(journey.status);
    case "group":
      return filter.in.includes(groupOf(journey, filter.dimension));
    case "target_group":
      return journey.person.targetGroups.some((group) => (filter.in as readonly string[]).includes(group));
    case "has_measure": {
      const entry = outcome(journey, filter.measure);
      return (
        entry !== undefined &&
        filter.timepoints.every((t) => (t === "baseline" ? entry.baseline : entry.followUp) !== null)
      );
    }
    case "measure_value": {
      const entry = outcome(journey, filter.measure);
      const value = entry ? (filter.timepoint === "baseline" ? entry.baseline : entry.followUp) : null;
      return value !== null && compare(value, filter.op, filter.value);
    }
    case "change": {
      const delta = change(journey, filter.measure);
      return delta !== null && compare(delta, filter.op, filter.value);
    }
    case "improvement":
      return improvedBy(journey, filter.measure, filter.threshold);
    case "delay": {
      const days = delay(journey, filter.from, filter.to);
      return days !== null && compare(days, filter.op, filter.value);
    }
  }
}

export const matchesAll = (journey: IndicatorJourney, filters: readonly JourneyFilter[]) =>
  filters.every((filter) => matches(journey, filter));

/** The journey's value for a value block (null: it has none, e.g. no follow-up yet). */
export function journeyValue(journey: IndicatorJourney, block: ValueBlock): number | null {
  if (block.kind === "delay") return delay(journey, block.from, block.to);
  if (block.of === "change") return change(journey, block.measure);
  const entry = outcome(journey, block.measure);
  if (!entry) return null;
  return block.of === "baseline" ? entry.baseline : entry.followUp;
}

/** Whether a journey's value reaches a threshold (the value block is given to read improvements). */
export function reaches(
  journey: IndicatorJourney,
  block: ValueBlock,
  value: number,
  threshold: Threshold,
): boolean {
  if (threshold.kind === "compare") return compare(value, threshold.op, threshold.value);
  return block.kind === "measure" && improvedBy(journey, block.measure, threshold.threshold);
}

const attendanceOf = (orientation: OrientationRecord) =>
  orientation.attended === null ? "pending" : orientation.attended ? "attended" : "not_attended";

export function orientationMatches(orientation: OrientationRecord, filter: OrientationFilter): boolean {
  if (filter.kind === "attendance")
    return (filter.in as readonly string[]).includes(attendanceOf(orientation));
  return (filter.in as readonly string[]).includes(orientation.pillar);
}
