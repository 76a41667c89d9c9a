/**
 * SWEMWBS, the Short Warwick-Edinburgh Mental Wellbeing Scale (7 of the 14 WEMWBS items). Facts:
 * shared/reference/measures.md §2 and SOURCES.md §1–§2. The items' wording is copyrighted: it is never
 * stored or shown here, only the coded answers (1–5) in item order.
 */
import * as v from "valibot";
import { type ChangeRule, itemsSchema, sum, withKeys } from "./common";

/**
 * 7 items, each coded 1 to 5; raw score = their sum, 7–35. Sources: Warwick scoring guidance
 * (https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto); Scottish Government SSCQ
 * 2022 §1.8 (range 7–35); CamCOPS `wemwbs.py` (commit 032ae0ae11f8e66e89a4a8d9913a62784b3a0e5f:
 * N_QUESTIONS = 7, MINQSCORE = 1, MAXQSCORE = 5).
 */
export const SWEMWBS_ITEM_COUNT = 7;
export const SWEMWBS_ITEM_MIN = 1;
export const SWEMWBS_ITEM_MAX = 5;
export const SWEMWBS_RAW_MIN = SWEMWBS_ITEM_COUNT * SWEMWBS_ITEM_MIN;
export const SWEMWBS_RAW_MAX = SWEMWBS_ITEM_COUNT * SWEMWBS_ITEM_MAX;
/**
 * "Ratings are over the last 2 weeks": the SWEMWBS task of CamCOPS `wemwbs.py` (same commit), which
 * shows the same text as its WEMWBS task.
 */
export const SWEMWBS_REFERENCE_PERIOD = "last 2 weeks";

/**
 * Raw score → metric score, the Rasch conversion table (Stewart-Brown et al. 2009, Health Qual Life
 * Outcomes 7:15; Warwick's "SWEMWBS raw score to metric score conversion table"). Copied from
 * shared/reference/swemwbs-conversion.csv, kept byte for byte in `data/swemwbs-conversion.csv`
 * (a test checks every value). SOURCES.md §1: checked against six independent public copies, which
 * all agree; one outlier gives 25.99 for raw 29 (26.02 kept); the Warwick PDF itself was not read.
 * Valid for complete 7-item answers only: a partial sum is never converted.
 */
export const SWEMWBS_METRIC_BY_RAW: Readonly<Record<number, number>> = Object.freeze({
  7: 7.0,
  8: 9.51,
  9: 11.25,
  10: 12.4,
  11: 13.33,
  12: 14.08,
  13: 14.75,
  14: 15.32,
  15: 15.84,
  16: 16.36,
  17: 16.88,
  18: 17.43,
  19: 17.98,
  20: 18.59,
  21: 19.25,
  22: 19.98,
  23: 20.73,
  24: 21.54,
  25: 22.35,
  26: 23.21,
  27: 24.11,
  28: 25.03,
  29: 26.02,
  30: 27.03,
  31: 28.13,
  32: 29.31,
  33: 30.7,
  34: 32.55,
  35: 35.0,
});

/** The metric score of a raw score (a whole number from 7 to 35). */
export function swemwbsMetric(raw: number): number {
  const metric = Number.isInteger(raw) ? SWEMWBS_METRIC_BY_RAW[raw] : undefined;
  if (metric === undefined) {
    throw new RangeError(`A SWEMWBS raw score is a whole number from 7 to 35, got ${raw}`);
  }
  return metric;
}

/**
 * Standard error of measurement, in metric points, and 2.77 × SEM, the threshold of a statistically
 * important change for one person: Shah et al. 2018, Health Qual Life Outcomes 16:239,
 * doi:10.1186/s12955-018-1060-2 (abstract: "1 SEM = 1.03", "2.77 SEM = 2.87"; a change of 1 to 3 points
 * meets thresholds for statistically important change, depending on the standard used). 2.87 is the
 * paper's own figure (2.77 × 1.03 = 2.85: the published SEM is rounded), so it is kept as published.
 * The authors say anchor-based studies are still needed to confirm a minimally important change.
 */
export const SWEMWBS_SEM = 1.03;
export const SWEMWBS_RELIABLE_CHANGE = 2.87;

/** On the metric score: "meaningful" at 1 SEM, "reliable" at 2.77 SEM (Shah et al. 2018). */
export const swemwbsChangeRule: ChangeRule = {
  direction: "higher_is_better",
  meaningful: {
    points: SWEMWBS_SEM,
    basis:
      "1 SEM, the lower standard of a statistically important change (not confirmed as minimally important), Shah et al. 2018, doi:10.1186/s12955-018-1060-2",
  },
  reliable: {
    points: SWEMWBS_RELIABLE_CHANGE,
    basis: "2.77 SEM, Shah et al. 2018, doi:10.1186/s12955-018-1060-2",
  },
};

export const swemwbsAnswersObject = v.object({
  instrument: v.literal("SWEMWBS"),
  items: itemsSchema(SWEMWBS_ITEM_COUNT, SWEMWBS_ITEM_MIN, SWEMWBS_ITEM_MAX),
});
/** `{ instrument: "SWEMWBS", items: [7 answers, 1–5, in item order] }`: all 7 are required. */
export const SwemwbsAnswers = withKeys(["items"], swemwbsAnswersObject);
export type SwemwbsAnswers = v.InferOutput<typeof SwemwbsAnswers>;

export interface SwemwbsScore {
  readonly instrument: "SWEMWBS";
  /** Sum of the 7 items, 7–35. */
  readonly raw: number;
  /** The Rasch metric score (7.00–35.00), the one to compare and to read change on. */
  readonly metric: number;
}

/** Valid answers only (see `score`). */
export function scoreSwemwbs(answers: SwemwbsAnswers): SwemwbsScore {
  const raw = sum(answers.items);
  return { instrument: "SWEMWBS", raw, metric: swemwbsMetric(raw) };
}
