import { type FieldIssue, issuesOf, message } from "@maillage/schema";
import * as v from "valibot";

/** Which way a score improves. */
export const directions = ["higher_is_better", "lower_is_better"] as const;
export type Direction = (typeof directions)[number];

/** Inclusive bounds. */
export interface Range {
  readonly min: number;
  readonly max: number;
}

/** A change threshold, in points of the score it applies to, with where it comes from. */
export interface Threshold {
  readonly points: number;
  readonly basis: string;
}

/** How a change between two scores is read. A null threshold: none is verified, so no flag is given. */
export interface ChangeRule {
  readonly direction: Direction;
  readonly meaningful: Threshold | null;
  readonly reliable: Threshold | null;
}

/**
 * A change from baseline to follow-up. `delta` is follow-up minus baseline. `meaningful` and `reliable`
 * say whether the size of the change, either way, reaches the instrument's threshold (null: the
 * instrument has none). `improved` says whether it went the better way (false for no change).
 */
export interface Change {
  readonly delta: number;
  readonly meaningful: boolean | null;
  readonly reliable: boolean | null;
  readonly improved: boolean;
}

/** Reads a change of `delta` points against a rule. */
export function assessChange(delta: number, rule: ChangeRule): Change {
  if (!Number.isFinite(delta)) throw new RangeError(`A change must be a finite number, got ${delta}`);
  const size = Math.abs(delta);
  return {
    delta,
    meaningful: rule.meaningful === null ? null : size >= rule.meaningful.points,
    reliable: rule.reliable === null ? null : size >= rule.reliable.points,
    improved: rule.direction === "higher_is_better" ? delta > 0 : delta < 0,
  };
}

/**
 * Follow-up minus baseline, rounded to 2 decimals (the precision of the SWEMWBS metric score), so that
 * binary floating point never puts a change of exactly a threshold just under it (23.21 − 20.34).
 * Whole-number scores are unchanged.
 */
export function difference(baseline: number, followUp: number): number {
  const raw = followUp - baseline;
  return (Math.sign(raw) * Math.round(Math.abs(raw) * 100)) / 100 || 0;
}

/** One coded answer: required, then a whole number from min to max (one issue, at the item's path). */
export function itemSchema(min: number, max: number) {
  const range = message("measure.item.range");
  return v.pipe(
    v.nonNullish(v.number(range), message("measure.item.required")),
    v.check((value) => Number.isInteger(value) && value >= min && value <= max, range),
  );
}

/**
 * The coded answers of a scale, in item order: exactly `count` of them (checked first, so a wrong
 * count is the only issue), then each one (issues at `items.<index>`).
 */
export function itemsSchema(count: number, min: number, max: number) {
  const wrongCount = message("measure.items.count");
  return v.pipe(v.array(v.unknown(), wrongCount), v.length(count, wrongCount), v.array(itemSchema(min, max)));
}

/**
 * Gives a plain object every one of `keys` (undefined when absent) before `schema` reads it, so that
 * an answer left out of a JSON body gets the entry's own message ("measure.item.required") at its own
 * path, rather than valibot's generic missing-key issue.
 */
export function withKeys<const TSchema extends v.GenericSchema>(keys: readonly string[], schema: TSchema) {
  return v.pipe(
    v.unknown(),
    v.transform((input: unknown) => fillKeys(input, keys)),
    schema,
  );
}

export function fillKeys(input: unknown, keys: readonly string[]): unknown {
  if (typeof input !== "object" || input === null || Array.isArray(input)) return input;
  const filled: Record<string, unknown> = { ...input };
  for (const key of keys) if (!Object.hasOwn(filled, key)) filled[key] = undefined;
  return filled;
}

/** Answers that do not pass their schema: `score` never scores them (no partial score). */
export class InvalidAnswersError extends Error {
  readonly issues: FieldIssue[];
  constructor(issues: FieldIssue[]) {
    super(
      `Invalid answers: ${issues.map((issue) => `${issue.path || "(answers)"} ${issue.message}`).join(", ")}`,
    );
    this.name = "InvalidAnswersError";
    this.issues = issues;
  }
}

/** The output of `schema`, or an InvalidAnswersError with every issue. */
export function validated<const TSchema extends v.GenericSchema>(
  schema: TSchema,
  input: unknown,
): v.InferOutput<TSchema> {
  const result = v.safeParse(schema, input);
  if (!result.success) throw new InvalidAnswersError(issuesOf(result.issues));
  return result.output;
}

export const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
