import * as v from "valibot";
import { CHOOSE_ONE } from "./messages";

/**
 * What a journey records about the person for equity analysis (DESIGN.md §3), and what the
 * territory's denominators are broken down by: the same codes on both sides, so that a share of
 * referrals can be set against a share of the population.
 */

/** Sex as recorded for the equity analysis; INSEE populations are published for `female` and `male`. */
export const sexes = ["female", "male", "unspecified"] as const;
export const Sex = v.picklist(sexes, CHOOSE_ONE);
export type Sex = v.InferOutput<typeof Sex>;
/** The sexes a population denominator is given for. */
export const populationSexes = ["female", "male"] as const;

/**
 * Age bands, in years at referral. Ten-year bands from 25 follow INSEE's population tables
 * (which can be summed into them from five-year bands); 18–24 is split out because young adults are
 * one of the national working group's target publics.
 */
export const ageBands = [
  "0-17",
  "18-24",
  "25-34",
  "35-44",
  "45-54",
  "55-64",
  "65-74",
  "75-84",
  "85+",
] as const;
export const AgeBand = v.picklist(ageBands, CHOOSE_ONE);
export type AgeBand = v.InferOutput<typeof AgeBand>;

/** Yes / no / not known: a QPV, living alone, a chronic condition are recorded only if the person says. */
export const triStates = ["yes", "no", "unknown"] as const;
export const TriState = v.picklist(triStates, CHOOSE_ONE);
export type TriState = v.InferOutput<typeof TriState>;

/** Precarity markers (coded, never free text). */
export const precarityMarkers = [
  "complementary_solidarity_cover",
  "no_health_cover",
  "no_stable_housing",
  "minimum_income",
  "unemployed",
] as const;
export const PrecarityMarker = v.picklist(precarityMarkers, CHOOSE_ONE);
export type PrecarityMarker = v.InferOutput<typeof PrecarityMarker>;

/** Psychological distress as assessed by the link worker. */
export const distressLevels = ["none", "mild", "moderate", "severe", "unknown"] as const;
export const DistressLevel = v.picklist(distressLevels, CHOOSE_ONE);
export type DistressLevel = v.InferOutput<typeof DistressLevel>;

/** Whether the person follows the standard pathway or the integrated one (pathway §2). */
export const tracks = ["standard", "integrated"] as const;
export const Track = v.picklist(tracks, CHOOSE_ONE);
export type Track = v.InferOutput<typeof Track>;
