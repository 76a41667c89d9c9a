/**
 * ONS4, the ONS personal well-being questions. Facts: shared/reference/measures.md §4 and SOURCES.md
 * §3. The four answers are read separately, each with its band: ONS publishes no composite score, so
 * they are never summed (the score has no total).
 */
import { message } from "@maillage/schema";
import * as v from "valibot";
import { type Change, type ChangeRule, type Direction, itemSchema, withKeys } from "./common";

/** The four questions, by their answer key. */
export const ons4Questions = ["life_satisfaction", "worthwhile", "happiness", "anxiety"] as const;
export type Ons4Question = (typeof ons4Questions)[number];

/**
 * Each answered on an 11-point scale, 0 ("not at all") to 10 ("completely"): ONS Personal well-being
 * in the UK QMI (https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/methodologies/personalwellbeingintheukqmi).
 */
export const ONS4_ANSWER_MIN = 0;
export const ONS4_ANSWER_MAX = 10;

/** Anxiety: higher is worse; the three others: higher is better (measures.md §4). */
export const ons4Directions: Readonly<Record<Ons4Question, Direction>> = {
  life_satisfaction: "higher_is_better",
  worthwhile: "higher_is_better",
  happiness: "higher_is_better",
  anxiety: "lower_is_better",
};

/** Happiness and anxiety are asked about yesterday (measures.md §4); the others' period is not in the reference. */
export const ons4ReferencePeriods: Readonly<Record<Ons4Question, string | null>> = {
  life_satisfaction: null,
  worthwhile: null,
  happiness: "yesterday",
  anxiety: "yesterday",
};

/**
 * Bands, each up to its highest rating (inclusive), from an ONS freedom-of-information response,
 * "A set of annual UK SWB score distributions" (ons.gov.uk, aboutus/transparencyandgovernance/
 * freedomofinformationfoi/asetofannualukswbscoredistributions), the one published source of the exact
 * numbers (SOURCES.md §3); they match DESIGN.md §3. Life satisfaction, worthwhile, happiness:
 * 0–4 low, 5–6 medium, 7–8 high, 9–10 very high.
 */
export const ons4Bands = ["low", "medium", "high", "very_high"] as const;
export type Ons4Band = (typeof ons4Bands)[number];
export const ONS4_BAND_UPPER: Readonly<Record<Ons4Band, number>> = {
  low: 4,
  medium: 6,
  high: 8,
  very_high: 10,
};

/** Anxiety (same ONS FOI response): 0–1 very low, 2–3 low, 4–5 medium, 6–10 high. */
export const ons4AnxietyBands = ["very_low", "low", "medium", "high"] as const;
export type Ons4AnxietyBand = (typeof ons4AnxietyBands)[number];
export const ONS4_ANXIETY_BAND_UPPER: Readonly<Record<Ons4AnxietyBand, number>> = {
  very_low: 1,
  low: 3,
  medium: 5,
  high: 10,
};

function bandOf<Band extends string>(
  value: number,
  bands: readonly Band[],
  upper: Readonly<Record<Band, number>>,
): Band {
  if (!Number.isInteger(value) || value < ONS4_ANSWER_MIN || value > ONS4_ANSWER_MAX) {
    throw new RangeError(`An ONS4 answer is a whole number from 0 to 10, got ${value}`);
  }
  const band = bands.find((b) => value <= upper[b]);
  if (band === undefined) throw new RangeError(`No band for ${value}`);
  return band;
}

/** The band of a life satisfaction, worthwhile or happiness answer (0–10). */
export const ons4Band = (value: number): Ons4Band => bandOf(value, ons4Bands, ONS4_BAND_UPPER);
/** The band of an anxiety answer (0–10). */
export const ons4AnxietyBand = (value: number): Ons4AnxietyBand =>
  bandOf(value, ons4AnxietyBands, ONS4_ANXIETY_BAND_UPPER);

const answer = itemSchema(ONS4_ANSWER_MIN, ONS4_ANSWER_MAX);
export const ons4AnswersObject = v.object({
  instrument: v.literal("ONS4"),
  answers: withKeys(
    ons4Questions,
    v.object(
      { life_satisfaction: answer, worthwhile: answer, happiness: answer, anxiety: answer },
      message("measure.item.required"),
    ),
  ),
});
/** `{ instrument: "ONS4", answers: { life_satisfaction, worthwhile, happiness, anxiety } }`, each 0–10. */
export const Ons4Answers = withKeys(["answers"], ons4AnswersObject);
export type Ons4Answers = v.InferOutput<typeof Ons4Answers>;

export interface Ons4Answer<Band extends string> {
  readonly value: number;
  readonly band: Band;
}

/** The four answers with their bands. Deliberately no total: ONS4 is never summed. */
export interface Ons4Score {
  readonly instrument: "ONS4";
  readonly life_satisfaction: Ons4Answer<Ons4Band>;
  readonly worthwhile: Ons4Answer<Ons4Band>;
  readonly happiness: Ons4Answer<Ons4Band>;
  readonly anxiety: Ons4Answer<Ons4AnxietyBand>;
}

/** Valid answers only (see `score`). */
export function scoreOns4(answers: Ons4Answers): Ons4Score {
  const { life_satisfaction, worthwhile, happiness, anxiety } = answers.answers;
  const positive = (value: number) => ({ value, band: ons4Band(value) });
  return {
    instrument: "ONS4",
    life_satisfaction: positive(life_satisfaction),
    worthwhile: positive(worthwhile),
    happiness: positive(happiness),
    anxiety: { value: anxiety, band: ons4AnxietyBand(anxiety) },
  };
}

/** No individual change threshold is verified for ONS4: change is read per question, without flags. */
export const ons4ChangeRules: Readonly<Record<Ons4Question, ChangeRule>> = {
  life_satisfaction: { direction: ons4Directions.life_satisfaction, meaningful: null, reliable: null },
  worthwhile: { direction: ons4Directions.worthwhile, meaningful: null, reliable: null },
  happiness: { direction: ons4Directions.happiness, meaningful: null, reliable: null },
  anxiety: { direction: ons4Directions.anxiety, meaningful: null, reliable: null },
};

/** A change per question (anxiety: lower is better). */
export type Ons4Change = Readonly<Record<Ons4Question, Change>>;
