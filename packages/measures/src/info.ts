import type { ChangeRule, Direction, Range } from "./common";
import { type CustomMeasureDefinition, customChangeRule, customInstrument, customTotalRange } from "./custom";
import type { Instrument, StandardInstrument } from "./measures";
import { ONS4_ANSWER_MAX, ONS4_ANSWER_MIN, ons4Questions } from "./ons4";
import {
  SWEMWBS_ITEM_COUNT,
  SWEMWBS_ITEM_MAX,
  SWEMWBS_ITEM_MIN,
  SWEMWBS_RAW_MAX,
  SWEMWBS_RAW_MIN,
  SWEMWBS_REFERENCE_PERIOD,
  swemwbsChangeRule,
  swemwbsMetric,
} from "./swemwbs";
import {
  UCLA3_ITEM_COUNT,
  UCLA3_ITEM_MAX,
  UCLA3_ITEM_MIN,
  UCLA3_TOTAL_MAX,
  UCLA3_TOTAL_MIN,
  ucla3ChangeRule,
} from "./ucla3";
import {
  WEMWBS_ITEM_COUNT,
  WEMWBS_ITEM_MAX,
  WEMWBS_ITEM_MIN,
  WEMWBS_REFERENCE_PERIOD,
  WEMWBS_TOTAL_MAX,
  WEMWBS_TOTAL_MIN,
  wemwbsChangeRule,
} from "./wemwbs";

/**
 * WEMWBS and SWEMWBS are "jointly owned by NHS Health Scotland, the University of Warwick and the
 * University of Edinburgh" (WEMWBS User guide v2, May 2015); Warwick asks users to register (SOURCES.md
 * §2). Commercial licence terms were not verified.
 */
export const WARWICK_EDINBURGH_LICENCE =
  "WEMWBS and SWEMWBS are jointly owned by NHS Health Scotland, the University of Warwick and the " +
  "University of Edinburgh: register with the owners (through the University of Warwick) before use, " +
  "and use only the official French translation. Commercial licence terms were not verified. The item " +
  "wording is copyrighted: it is never stored or shown, only coded answers and scores.";

/** What the product knows of an instrument. */
export interface InstrumentInfo {
  readonly instrument: Instrument;
  readonly name: string;
  /** Items (ONS4: questions), answered in this order. */
  readonly itemCount: number;
  /** Each item's coded answers, whole numbers. */
  readonly itemRange: Range;
  /** The sum of the items; null for ONS4, which is never summed. */
  readonly totalRange: Range | null;
  /** The score change is read on (SWEMWBS: the metric score); null for ONS4 (per question). */
  readonly scoreRange: Range | null;
  /** Null for ONS4: per question (`ons4Directions`: anxiety lower is better). */
  readonly direction: Direction | null;
  /** The period the answers are about, where the reference material states it (ONS4: per question). */
  readonly referencePeriod: string | null;
  /** A condition of use recorded in the reference material; null: none recorded (not checked). */
  readonly licence: string | null;
  /** Null for ONS4: per question (`ons4ChangeRules`, no thresholds). */
  readonly changeRule: ChangeRule | null;
}

export const instrumentInfo: Readonly<Record<StandardInstrument, InstrumentInfo>> = {
  WEMWBS: {
    instrument: "WEMWBS",
    name: "Warwick-Edinburgh Mental Wellbeing Scale",
    itemCount: WEMWBS_ITEM_COUNT,
    itemRange: { min: WEMWBS_ITEM_MIN, max: WEMWBS_ITEM_MAX },
    totalRange: { min: WEMWBS_TOTAL_MIN, max: WEMWBS_TOTAL_MAX },
    scoreRange: { min: WEMWBS_TOTAL_MIN, max: WEMWBS_TOTAL_MAX },
    direction: "higher_is_better",
    referencePeriod: WEMWBS_REFERENCE_PERIOD,
    licence: WARWICK_EDINBURGH_LICENCE,
    changeRule: wemwbsChangeRule,
  },
  SWEMWBS: {
    instrument: "SWEMWBS",
    name: "Short Warwick-Edinburgh Mental Wellbeing Scale",
    itemCount: SWEMWBS_ITEM_COUNT,
    itemRange: { min: SWEMWBS_ITEM_MIN, max: SWEMWBS_ITEM_MAX },
    totalRange: { min: SWEMWBS_RAW_MIN, max: SWEMWBS_RAW_MAX },
    scoreRange: { min: swemwbsMetric(SWEMWBS_RAW_MIN), max: swemwbsMetric(SWEMWBS_RAW_MAX) },
    direction: "higher_is_better",
    referencePeriod: SWEMWBS_REFERENCE_PERIOD,
    licence: WARWICK_EDINBURGH_LICENCE,
    changeRule: swemwbsChangeRule,
  },
  ONS4: {
    instrument: "ONS4",
    name: "ONS personal well-being questions",
    itemCount: ons4Questions.length,
    itemRange: { min: ONS4_ANSWER_MIN, max: ONS4_ANSWER_MAX },
    totalRange: null,
    scoreRange: null,
    direction: null,
    referencePeriod: null,
    licence: null,
    changeRule: null,
  },
  UCLA3: {
    instrument: "UCLA3",
    name: "UCLA 3-item Loneliness Scale, with the ONS direct loneliness question",
    itemCount: UCLA3_ITEM_COUNT,
    itemRange: { min: UCLA3_ITEM_MIN, max: UCLA3_ITEM_MAX },
    totalRange: { min: UCLA3_TOTAL_MIN, max: UCLA3_TOTAL_MAX },
    scoreRange: { min: UCLA3_TOTAL_MIN, max: UCLA3_TOTAL_MAX },
    direction: "lower_is_better",
    referencePeriod: null,
    licence: null,
    changeRule: ucla3ChangeRule,
  },
};

/** The same facts for a territory's own measure. */
export function customInstrumentInfo(definition: CustomMeasureDefinition): InstrumentInfo {
  const total = customTotalRange(definition);
  return {
    instrument: customInstrument(definition),
    name: definition.label,
    itemCount: definition.items,
    itemRange: { min: definition.min, max: definition.max },
    totalRange: total,
    scoreRange: total,
    direction: definition.direction,
    referencePeriod: null,
    licence: null,
    changeRule: customChangeRule(definition),
  };
}

/** The facts of an instrument; a custom one needs its definition (undefined without it). */
export function infoOf(
  instrument: string,
  customDefinitions: readonly CustomMeasureDefinition[] = [],
): InstrumentInfo | undefined {
  if (Object.hasOwn(instrumentInfo, instrument)) return instrumentInfo[instrument as StandardInstrument];
  const definition = customDefinitions.find((d) => customInstrument(d) === instrument);
  return definition === undefined ? undefined : customInstrumentInfo(definition);
}
