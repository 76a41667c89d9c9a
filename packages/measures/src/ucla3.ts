/**
 * The UCLA 3-item loneliness scale (Hughes et al. 2004) with the direct question, together the ONS/GSS
 * harmonised loneliness measure for adults. Facts: shared/reference/measures.md §3 and SOURCES.md §3.
 * Only coded answers are stored, never the questions' wording.
 */
import { message } from "@maillage/schema";
import * as v from "valibot";
import { type ChangeRule, itemsSchema, sum, withKeys } from "./common";

/**
 * Three items, each coded hardly ever or never = 1, some of the time = 2, often = 3; total = their sum,
 * 3–9, higher is lonelier, no reverse-scored item. Sources: GSS harmonised principle on loneliness
 * (https://gss.civilservice.gov.uk/policy-store/loneliness-indicators/) for the answers;
 * `NCMlab/NCMLabOnlineTools` UCLAlonelinessJSON.js (values 1, 2, 3) and `jpoko/ccc-dashboard`
 * uls-detailed.md for the coding and the total.
 */
export const UCLA3_ITEM_COUNT = 3;
export const ucla3ItemCodes = { hardly_ever_or_never: 1, some_of_the_time: 2, often: 3 } as const;
export const UCLA3_ITEM_MIN = ucla3ItemCodes.hardly_ever_or_never;
export const UCLA3_ITEM_MAX = ucla3ItemCodes.often;
export const UCLA3_TOTAL_MIN = UCLA3_ITEM_COUNT * UCLA3_ITEM_MIN;
export const UCLA3_TOTAL_MAX = UCLA3_ITEM_COUNT * UCLA3_ITEM_MAX;

/**
 * The direct question's five answers, from most to least often (ONS 2018, "Loneliness - What
 * characteristics and circumstances are associated with feeling lonely?", ons.gov.uk).
 */
export const lonelinessFrequencies = [
  "often_always",
  "some_of_the_time",
  "occasionally",
  "hardly_ever",
  "never",
] as const;
export type LonelinessFrequency = (typeof lonelinessFrequencies)[number];
/**
 * The ONS headline indicator is the share answering "often/always" to the direct question (ONS 2018
 * article above: 5% of adults in England, 2016–17; ONS 2020 bulletin "Coronavirus and loneliness,
 * Great Britain: 3 April to 3 May 2020": 5.0%).
 */
export const ONS_HEADLINE_LONELINESS: LonelinessFrequency = "often_always";

/*
 * No "lonely" cut-off of the 3–9 total is offered: the 6–9 split found in secondary sources is a research
 * convention, not an ONS cut-off, and was not traced to a primary source (measures.md §3). The ONS
 * headline is the direct question.
 */

/** No individual change threshold is verified for the UCLA 3-item total; lower is better. */
export const ucla3ChangeRule: ChangeRule = { direction: "lower_is_better", meaningful: null, reliable: null };

export const ucla3AnswersObject = v.object({
  instrument: v.literal("UCLA3"),
  items: itemsSchema(UCLA3_ITEM_COUNT, UCLA3_ITEM_MIN, UCLA3_ITEM_MAX),
  direct: v.picklist(lonelinessFrequencies, message("measure.direct.required")),
});
/**
 * `{ instrument: "UCLA3", items: [3 answers, 1–3], direct }`: the ONS recommends asking all four
 * questions together, so the direct question is required too.
 */
export const Ucla3Answers = withKeys(["items", "direct"], ucla3AnswersObject);
export type Ucla3Answers = v.InferOutput<typeof Ucla3Answers>;

export interface Ucla3Score {
  readonly instrument: "UCLA3";
  /** 3–9, higher is lonelier. */
  readonly total: number;
  readonly direct: LonelinessFrequency;
  /** The ONS headline: the direct question answered "often/always". */
  readonly oftenOrAlwaysLonely: boolean;
}

/** Valid answers only (see `score`). */
export function scoreUcla3(answers: Ucla3Answers): Ucla3Score {
  return {
    instrument: "UCLA3",
    total: sum(answers.items),
    direct: answers.direct,
    oftenOrAlwaysLonely: answers.direct === ONS_HEADLINE_LONELINESS,
  };
}
