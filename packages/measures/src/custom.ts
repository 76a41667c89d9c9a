/**
 * A territory's own measure (DESIGN.md §3: "a territory may add its own measure with items, range and
 * direction"): `items` answers, each a whole number from `min` to `max`; score = their sum. Nothing
 * clinical is assumed: the optional meaningful change is the territory's own figure.
 */
import { CHOOSE_ONE, message } from "@maillage/schema";
import * as v from "valibot";
import {
  type ChangeRule,
  type Direction,
  directions,
  itemsSchema,
  type Range,
  sum,
  withKeys,
} from "./common";

export type CustomInstrument = `custom:${string}`;

/** The code after `custom:`, as `MeasureCode` in @maillage/schema (pathway.ts) accepts it. */
export const CUSTOM_CODE_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;
/** Items of a custom measure (product limit, not a clinical value). */
export const CUSTOM_MAX_ITEMS = 40;
/** Bound on an item's lowest and highest answers (product limit: keeps every sum a safe integer). */
export const CUSTOM_ANSWER_LIMIT = 1_000_000;

const code = message("measure.definition.code");
const itemCount = message("measure.definition.items");
const bounds = message("measure.definition.bounds");
const meaningful = message("measure.definition.meaningful_change");
const Bound = v.pipe(
  v.number(bounds),
  v.integer(bounds),
  v.minValue(-CUSTOM_ANSWER_LIMIT, bounds),
  v.maxValue(CUSTOM_ANSWER_LIMIT, bounds),
);

/**
 * The width of the total's range, items × (max − min); Infinity while the items or bounds are invalid
 * themselves (their own issues say so, and the meaningful change is not blamed for them).
 */
function totalSpan(d: { items: number; min: number; max: number }): number {
  const valid =
    Number.isInteger(d.items) &&
    d.items >= 1 &&
    d.items <= CUSTOM_MAX_ITEMS &&
    Number.isInteger(d.min) &&
    d.min < d.max;
  return valid ? d.items * (d.max - d.min) : Number.POSITIVE_INFINITY;
}

const definitionKeys = ["code", "label", "items", "min", "max", "direction", "meaningfulChange"] as const;

/**
 * `{ code, label, items (1–40), min, max (whole numbers, min < max), direction, meaningfulChange? }`.
 * `meaningfulChange` (points of the total, above 0, at most the total's range) is null when unset.
 */
export const CustomMeasureDefinition = v.pipe(
  withKeys(
    definitionKeys,
    v.object({
      code: v.pipe(v.string(code), v.regex(CUSTOM_CODE_PATTERN, code)),
      label: v.pipe(
        v.string(message("name.too_short")),
        v.trim(),
        v.minLength(2, message("name.too_short")),
        v.maxLength(120, message("name.too_long")),
      ),
      items: v.pipe(
        v.number(itemCount),
        v.integer(itemCount),
        v.minValue(1, itemCount),
        v.maxValue(CUSTOM_MAX_ITEMS, itemCount),
      ),
      min: Bound,
      max: Bound,
      direction: v.picklist(directions, CHOOSE_ONE),
      meaningfulChange: v.optional(v.nullable(v.pipe(v.number(meaningful), v.gtValue(0, meaningful))), null),
    }),
  ),
  v.forward(
    v.check((d) => d.min < d.max, message("measure.definition.range")),
    ["max"],
  ),
  v.forward(
    v.check((d) => d.meaningfulChange === null || d.meaningfulChange <= totalSpan(d), meaningful),
    ["meaningfulChange"],
  ),
);
export type CustomMeasureDefinition = v.InferOutput<typeof CustomMeasureDefinition>;

export const customInstrument = (definition: { code: string }): CustomInstrument =>
  `custom:${definition.code}`;

/** The total's range: items × min to items × max. */
export const customTotalRange = (definition: CustomMeasureDefinition): Range => ({
  min: definition.items * definition.min,
  max: definition.items * definition.max,
});

/** A definition that passes its schema, or a RangeError (a programming error: definitions are stored valid). */
export function checkedDefinition(definition: CustomMeasureDefinition): CustomMeasureDefinition {
  const result = v.safeParse(CustomMeasureDefinition, definition);
  if (!result.success) {
    const paths = result.issues.map((issue) => `${v.getDotPath(issue) ?? ""} ${issue.message}`);
    throw new RangeError(
      `Invalid custom measure definition "${String(definition?.code)}": ${paths.join(", ")}`,
    );
  }
  return result.output;
}

export function customAnswersObject(definition: CustomMeasureDefinition) {
  return v.object({
    instrument: v.literal(customInstrument(definition)),
    items: itemsSchema(definition.items, definition.min, definition.max),
  });
}
/** `{ instrument: "custom:<code>", items: [one answer per item, min–max] }`, for one definition. */
export const customAnswersSchema = (definition: CustomMeasureDefinition) =>
  withKeys(["items"], customAnswersObject(checkedDefinition(definition)));
export interface CustomAnswers {
  instrument: CustomInstrument;
  items: number[];
}

export interface CustomScore {
  readonly instrument: CustomInstrument;
  readonly total: number;
  /** The total's range (items × min … items × max). */
  readonly min: number;
  readonly max: number;
  readonly direction: Direction;
  /** The territory's meaningful change in points (null: none set), kept so a change reads the same rule. */
  readonly meaningfulChange: number | null;
}

/** Valid answers of this definition only (see `score`). */
export function scoreCustom(definition: CustomMeasureDefinition, answers: CustomAnswers): CustomScore {
  const range = customTotalRange(definition);
  return {
    instrument: customInstrument(definition),
    total: sum(answers.items),
    min: range.min,
    max: range.max,
    direction: definition.direction,
    meaningfulChange: definition.meaningfulChange,
  };
}

/** The territory's meaningful change, if set; no reliable-change rule (none is known for a local measure). */
export const customChangeRule = (rule: {
  direction: Direction;
  meaningfulChange: number | null;
}): ChangeRule => ({
  direction: rule.direction,
  meaningful:
    rule.meaningfulChange === null
      ? null
      : { points: rule.meaningfulChange, basis: "Set by the territory for its own measure" },
  reliable: null,
});
