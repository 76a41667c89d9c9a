/**
 * WEMWBS, the Warwick-Edinburgh Mental Wellbeing Scale (14 items). Facts: shared/reference/measures.md
 * §1 and SOURCES.md §2. The items' wording is copyrighted: it is never stored or shown here, only the
 * coded answers (1–5) in item order.
 */
import * as v from "valibot";
import { type ChangeRule, itemsSchema, sum, withKeys } from "./common";

/**
 * 14 items, each coded 1 to 5. Sources: Warwick, "Collect, score, analyse and interpret WEMWBS"
 * (https://warwick.ac.uk/fac/sci/med/research/platform/wemwbs/using/howto); Scottish Government,
 * SSCQ 2022 §1.8 "Mental Wellbeing Scoring"; CamCOPS `server/camcops_server/tasks/wemwbs.py`
 * (commit 032ae0ae11f8e66e89a4a8d9913a62784b3a0e5f: N_QUESTIONS = 14, MINQSCORE = 1, MAXQSCORE = 5).
 */
export const WEMWBS_ITEM_COUNT = 14;
export const WEMWBS_ITEM_MIN = 1;
export const WEMWBS_ITEM_MAX = 5;
/** The score is the plain sum of the items, 14–70, higher is better (same sources; no transformation). */
export const WEMWBS_TOTAL_MIN = WEMWBS_ITEM_COUNT * WEMWBS_ITEM_MIN;
export const WEMWBS_TOTAL_MAX = WEMWBS_ITEM_COUNT * WEMWBS_ITEM_MAX;
/** "Ratings are over the last 2 weeks" (CamCOPS wemwbs.py, same commit). */
export const WEMWBS_REFERENCE_PERIOD = "last 2 weeks";

/**
 * Standard error of measurement of the WEMWBS total, 2.4 to 3.1 points: Maheswaran et al. 2012,
 * Health Qual Life Outcomes 10:156, doi:10.1186/1477-7525-10-156 (abstract; 12 intervention studies).
 */
export const WEMWBS_SEM_LOWER = 2.4;
export const WEMWBS_SEM_UPPER = 3.1;
/** Maheswaran et al. 2012 (same doi): 2.77 × SEM is the threshold of a statistically important change for one person. */
export const WEMWBS_RELIABLE_SEM_MULTIPLIER = 2.77;
/**
 * "Reliable" change: 2.77 × the upper SEM, 2.77 × 3.1 = 8.587 points. This is arithmetic from the
 * published range (the paper quotes no figure in points); the upper bound is taken to be conservative.
 * Since totals are whole numbers, a change of 9 points or more is reliable. Rounded to 3 decimals, the
 * precision of the product, so that floating point can never move the threshold.
 */
export const WEMWBS_RELIABLE_CHANGE =
  Math.round(WEMWBS_RELIABLE_SEM_MULTIPLIER * WEMWBS_SEM_UPPER * 1000) / 1000;
/**
 * A RULE OF THUMB, not an official threshold: no Warwick statement that "a change of 3 points is
 * meaningful" was found (measures.md §1, SOURCES.md §2: "Not verified"). 3 points is roughly 1 SEM of
 * Maheswaran et al. 2012 (SEM 2.4–3.1, doi:10.1186/1477-7525-10-156); DESIGN.md §3 asks for it.
 */
export const WEMWBS_MEANINGFUL_CHANGE_RULE_OF_THUMB = 3;

export const wemwbsChangeRule: ChangeRule = {
  direction: "higher_is_better",
  meaningful: {
    points: WEMWBS_MEANINGFUL_CHANGE_RULE_OF_THUMB,
    basis:
      "Rule of thumb (not an official threshold): about 1 SEM of Maheswaran et al. 2012, doi:10.1186/1477-7525-10-156",
  },
  reliable: {
    points: WEMWBS_RELIABLE_CHANGE,
    basis: "2.77 × SEM 3.1 (upper bound of 2.4–3.1), Maheswaran et al. 2012, doi:10.1186/1477-7525-10-156",
  },
};

export const wemwbsAnswersObject = v.object({
  instrument: v.literal("WEMWBS"),
  items: itemsSchema(WEMWBS_ITEM_COUNT, WEMWBS_ITEM_MIN, WEMWBS_ITEM_MAX),
});
/** `{ instrument: "WEMWBS", items: [14 answers, 1–5, in item order] }`. */
export const WemwbsAnswers = withKeys(["items"], wemwbsAnswersObject);
export type WemwbsAnswers = v.InferOutput<typeof WemwbsAnswers>;

export interface WemwbsScore {
  readonly instrument: "WEMWBS";
  /** 14–70. */
  readonly total: number;
}

/** Valid answers only (see `score`). */
export function scoreWemwbs(answers: WemwbsAnswers): WemwbsScore {
  return { instrument: "WEMWBS", total: sum(answers.items) };
}
