import { type FieldIssue, issuesOf, message, type standardMeasures } from "@maillage/schema";
import * as v from "valibot";
import {
  assessChange,
  type Change,
  difference,
  InvalidAnswersError,
  type Range,
  validated,
  withKeys,
} from "./common";
import {
  type CustomAnswers,
  type CustomInstrument,
  type CustomMeasureDefinition,
  type CustomScore,
  checkedDefinition,
  customAnswersObject,
  customChangeRule,
  customInstrument,
  scoreCustom,
} from "./custom";
import {
  ONS4_ANSWER_MAX,
  ONS4_ANSWER_MIN,
  type Ons4Answers,
  type Ons4Change,
  type Ons4Score,
  ons4AnswersObject,
  ons4ChangeRules,
  scoreOns4,
} from "./ons4";
import {
  SWEMWBS_RAW_MAX,
  SWEMWBS_RAW_MIN,
  type SwemwbsAnswers,
  type SwemwbsScore,
  scoreSwemwbs,
  swemwbsAnswersObject,
  swemwbsChangeRule,
  swemwbsMetric,
} from "./swemwbs";
import {
  scoreUcla3,
  UCLA3_TOTAL_MAX,
  UCLA3_TOTAL_MIN,
  type Ucla3Answers,
  type Ucla3Score,
  ucla3AnswersObject,
  ucla3ChangeRule,
} from "./ucla3";
import {
  scoreWemwbs,
  WEMWBS_TOTAL_MAX,
  WEMWBS_TOTAL_MIN,
  type WemwbsAnswers,
  type WemwbsScore,
  wemwbsAnswersObject,
  wemwbsChangeRule,
} from "./wemwbs";

export type StandardInstrument = (typeof standardMeasures)[number];
/** The measures scored here: codes as `MeasureCode` in @maillage/schema (pathway.ts). */
export type Instrument = StandardInstrument | CustomInstrument;

export type Answers = WemwbsAnswers | SwemwbsAnswers | Ons4Answers | Ucla3Answers | CustomAnswers;
export type Score = WemwbsScore | SwemwbsScore | Ons4Score | Ucla3Score | CustomScore;

/** The score of an instrument. */
export type ScoreOf<I extends Instrument> = I extends "WEMWBS"
  ? WemwbsScore
  : I extends "SWEMWBS"
    ? SwemwbsScore
    : I extends "ONS4"
      ? Ons4Score
      : I extends "UCLA3"
        ? Ucla3Score
        : CustomScore;

/** The change of an instrument: ONS4 per question, every other one on its score. */
export type ChangeOf<I extends Instrument> = I extends "ONS4" ? Ons4Change : Change;

/** Every top-level key an answer set may have, filled in when absent so it gets its own issue. */
const ANSWER_KEYS = ["items", "answers", "direct"];

/**
 * The schema of an answer set of any instrument, the territory's own measures included: the
 * instrument picks the shape (an unknown one: `step.instrument.unknown` at `instrument`); each missing
 * or invalid answer gets an issue at its path (`items.3`, `answers.anxiety`, `direct`) whose message
 * is a message id of @maillage/schema.
 */
export function answersSchema(customDefinitions: readonly CustomMeasureDefinition[] = []) {
  const codes = new Set<string>();
  const custom = customDefinitions.map((definition) => {
    const checked = checkedDefinition(definition);
    if (codes.has(checked.code)) throw new RangeError(`Custom measure "${checked.code}" is defined twice`);
    codes.add(checked.code);
    return customAnswersObject(checked);
  });
  return withKeys(
    ANSWER_KEYS,
    v.variant(
      "instrument",
      [wemwbsAnswersObject, swemwbsAnswersObject, ons4AnswersObject, ucla3AnswersObject, ...custom],
      message("step.instrument.unknown"),
    ),
  );
}

export type ParsedAnswers = { success: true; answers: Answers } | { success: false; issues: FieldIssue[] };

/** Checks an answer set (from a form or an API body) against its instrument. */
export function parseAnswers(
  input: unknown,
  customDefinitions: readonly CustomMeasureDefinition[] = [],
): ParsedAnswers {
  const result = v.safeParse(answersSchema(customDefinitions), input);
  return result.success
    ? { success: true, answers: result.output }
    : { success: false, issues: issuesOf(result.issues) };
}

/**
 * The score of a complete, valid answer set; pure and deterministic. Answers that do not pass
 * `answersSchema` (a missing item, a value out of range, an unknown instrument) are never scored:
 * InvalidAnswersError, with the issues. A custom measure needs its definition in `customDefinitions`.
 */
export function score<const A extends Answers>(
  answers: A,
  customDefinitions: readonly CustomMeasureDefinition[] = [],
): ScoreOf<A["instrument"]> {
  const valid = validated(answersSchema(customDefinitions), answers) as Answers;
  return scoreValid(valid, customDefinitions) as ScoreOf<A["instrument"]>;
}

function scoreValid(answers: Answers, customDefinitions: readonly CustomMeasureDefinition[]): Score {
  switch (answers.instrument) {
    case "WEMWBS":
      return scoreWemwbs(answers as WemwbsAnswers);
    case "SWEMWBS":
      return scoreSwemwbs(answers as SwemwbsAnswers);
    case "ONS4":
      return scoreOns4(answers as Ons4Answers);
    case "UCLA3":
      return scoreUcla3(answers as Ucla3Answers);
    default: {
      const definition = customDefinitions.find((d) => customInstrument(d) === answers.instrument);
      // answersSchema only accepts a custom instrument that has a definition.
      if (definition === undefined) throw new InvalidAnswersError([]);
      return scoreCustom(definition, answers as CustomAnswers);
    }
  }
}

function checkRange(value: number, range: Range, what: string): number {
  if (!Number.isFinite(value) || value < range.min || value > range.max) {
    throw new RangeError(`${what} must be from ${range.min} to ${range.max}, got ${value}`);
  }
  return value;
}

/**
 * The change from a baseline score to a follow-up score of the same instrument, with the instrument's
 * direction (UCLA3: lower is better; ONS4: per question, anxiety lower is better) and thresholds
 * (none for ONS4 and UCLA3, whose flags are null). SWEMWBS is read on the metric score. Two scores of
 * different instruments, or of different definitions of a custom measure, are not compared (TypeError).
 */
export function change<const I extends Instrument>(
  instrument: I,
  baseline: ScoreOf<I>,
  followUp: ScoreOf<I>,
): ChangeOf<I> {
  const before = baseline as Score;
  const after = followUp as Score;
  if (before.instrument !== instrument || after.instrument !== instrument) {
    throw new TypeError(
      `change(${instrument}) got scores of ${before.instrument} and ${after.instrument}: compare one instrument's scores`,
    );
  }
  return changeOf(before, after) as ChangeOf<I>;
}

function changeOf(before: Score, after: Score): Change | Ons4Change {
  switch (before.instrument) {
    case "WEMWBS": {
      const range = { min: WEMWBS_TOTAL_MIN, max: WEMWBS_TOTAL_MAX };
      const a = checkRange(before.total, range, "A WEMWBS total");
      const b = checkRange((after as WemwbsScore).total, range, "A WEMWBS total");
      return assessChange(difference(a, b), wemwbsChangeRule);
    }
    case "SWEMWBS": {
      const range = { min: swemwbsMetric(SWEMWBS_RAW_MIN), max: swemwbsMetric(SWEMWBS_RAW_MAX) };
      const a = checkRange(before.metric, range, "A SWEMWBS metric score");
      const b = checkRange((after as SwemwbsScore).metric, range, "A SWEMWBS metric score");
      return assessChange(difference(a, b), swemwbsChangeRule);
    }
    case "UCLA3": {
      const range = { min: UCLA3_TOTAL_MIN, max: UCLA3_TOTAL_MAX };
      const a = checkRange(before.total, range, "A UCLA 3-item total");
      const b = checkRange((after as Ucla3Score).total, range, "A UCLA 3-item total");
      return assessChange(difference(a, b), ucla3ChangeRule);
    }
    case "ONS4": {
      const range = { min: ONS4_ANSWER_MIN, max: ONS4_ANSWER_MAX };
      const next = after as Ons4Score;
      const question = (key: keyof Ons4Change) =>
        assessChange(
          difference(
            checkRange(before[key].value, range, `An ONS4 ${key} answer`),
            checkRange(next[key].value, range, `An ONS4 ${key} answer`),
          ),
          ons4ChangeRules[key],
        );
      return {
        life_satisfaction: question("life_satisfaction"),
        worthwhile: question("worthwhile"),
        happiness: question("happiness"),
        anxiety: question("anxiety"),
      };
    }
    default: {
      const next = after as CustomScore;
      if (
        before.min !== next.min ||
        before.max !== next.max ||
        before.direction !== next.direction ||
        before.meaningfulChange !== next.meaningfulChange
      ) {
        throw new TypeError(`The two scores of ${before.instrument} come from different definitions`);
      }
      const range = { min: before.min, max: before.max };
      const a = checkRange(before.total, range, `A ${before.instrument} total`);
      const b = checkRange(next.total, range, `A ${before.instrument} total`);
      return assessChange(difference(a, b), customChangeRule(before));
    }
  }
}
