import { swemwbsChangeRule, wemwbsChangeRule } from "@maillage/measures";
import { referralRouteKinds } from "@maillage/schema";
import * as v from "valibot";
import {
  type Dimension,
  type IndicatorDefinition,
  type IndicatorDefinitionInput,
  IndicatorDefinitionShape,
  type JourneyFilter,
} from "./definitions";
import { TARGET_PARAMETERS } from "./targets";

/**
 * The default catalogue (DESIGN.md §4): the indicators every territory starts with, each with a
 * one-line rationale and its source. Territories enable or disable them, set targets, and add their
 * own from the same blocks (definitions are data). Sources, by short name:
 * - seed 001: the French national working group on social prescribing (DGS, DGOS, DGCS, CNAM, CMG,
 *   INSERM…), final recommendations: 7 "evaluation at two levels (macro/micro)", 9 "traceability and
 *   proof of impact", the 6-step pathway, the 4 pillars and the health-use figures;
 * - seed 000: Bu et al. 2025, the English national roll-out study (decline rates and odds by group,
 *   rural under-representation, non-clinical routes);
 * - DESIGN.md §3 (the funnel) and §4 (indicators, equity).
 */

const GROUP_001 =
  "Groupe de travail national sur la prescription sociale (DGS, DGOS, DGCS, ARS Île-de-France, CNAM, CMG, INSERM…), recommandations finales (seed 001)";
const BU_2025 =
  "Bu F, Burton A, Launders N, et al. National roll-out of social prescribing in England's primary care system: a longitudinal observational study using CPRD data. Lancet Public Health 2025, doi:10.1016/s2468-2667(25)00217-8 (seed 000)";
const DESIGN = "Maillage DESIGN.md";

const EQUITY: Dimension[] = ["sex", "ageBand", "qpv", "rurality", "route", "precarity"];
const PERSON: Dimension[] = ["sex", "ageBand", "qpv", "rurality", "precarity"];
const NON_CLINICAL = ["social_worker", "community_organisation", "self_referral"];

const referred = (where: JourneyFilter[] = []) => ({
  kind: "journeys" as const,
  anchor: "referral" as const,
  where,
});
const reached = (
  milestone: "firstContact" | "initialInterview" | "plan" | "firstActivity",
): JourneyFilter => ({
  kind: "reached",
  milestone,
});
const exited = (reason: "completed" | "declined" | "lost_to_follow_up" | "redirected"): JourneyFilter => ({
  kind: "exit",
  reasons: [reason],
});

/** A funnel share: among the journeys referred in the period (cohort view), those meeting `filter`. */
const funnel = (filter: JourneyFilter) => ({ numerator: referred([filter]), denominator: referred() });

const computed = { kind: "computed" as const };

const definitions: IndicatorDefinitionInput[] = [
  {
    code: "REFERRALS",
    label: { fr: "Personnes orientées vers l'agent de liaison", en: "People referred to the link worker" },
    level: "macro",
    type: "count",
    unit: "people",
    numerator: referred(),
    disaggregations: [...EQUITY, "track"],
    direction: null,
    source: computed,
    rationale:
      "The volume of referrals is the first figure of a pilot and the base of every funnel share; the English roll-out was followed against a national referral target.",
    citation: `${BU_2025}: about 1.3 million people referred in 2023, 27–52% above target; ${GROUP_001}, recommendation 9.`,
  },
  {
    code: "REFERRALS_PER_1000",
    label: { fr: "Orientations pour 1 000 habitants", en: "Referrals per 1,000 inhabitants" },
    level: "macro",
    type: "rate",
    unit: "per_1000_inhabitants",
    numerator: referred(),
    denominator: { kind: "population" },
    per: 1000,
    disaggregations: ["sex", "ageBand", "qpv", "rurality"],
    direction: "higher_is_better",
    source: computed,
    rationale:
      "Referrals per 1,000 inhabitants compare reach across territories and, by group, set who is referred against who lives there (equity of access).",
    citation: `${DESIGN} §2 (macro indicators) and §4 (equity); ${BU_2025}: rural residents 13% of referrals against 17% of the population in 2023.`,
  },
  {
    code: "NON_CLINICAL_ROUTE_SHARE",
    label: {
      fr: "Part des orientations par une voie non clinique (travail social, association, auto-orientation)",
      en: "Share of referrals through a non-clinical route (social worker, community organisation, self-referral)",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    numerator: referred([{ kind: "group", dimension: "route", in: NON_CLINICAL }]),
    denominator: referred([{ kind: "group", dimension: "route", in: [...referralRouteKinds] }]),
    disaggregations: PERSON,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "Young adults, deprived groups and minorities reach social prescribing more often through non-clinical routes; the French model should value them so as not to underestimate reach.",
    citation: `${BU_2025} (lessons for France, point 3 "diversify referral routes", seed 000).`,
  },
  {
    code: "QPV_REFERRAL_SHARE",
    label: {
      fr: "Part des personnes orientées résidant en quartier prioritaire (QPV)",
      en: "Share of referred people living in a priority neighbourhood (QPV)",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    numerator: referred([{ kind: "group", dimension: "qpv", in: ["yes"] }]),
    denominator: referred([{ kind: "group", dimension: "qpv", in: ["yes", "no"] }]),
    disaggregations: ["sex", "ageBand", "route"],
    direction: null,
    source: computed,
    rationale:
      "To be read against the QPV share of the population: the English roll-out raised the share of patients from the most deprived half of areas from 23% to 42%.",
    citation: `${BU_2025}; ${DESIGN} §4 (equity: share of referrals against share of population).`,
  },
  {
    code: "RURAL_REFERRAL_SHARE",
    label: {
      fr: "Part des personnes orientées résidant en commune rurale",
      en: "Share of referred people living in a rural commune",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    numerator: referred([{ kind: "group", dimension: "rurality", in: ["3"] }]),
    denominator: referred([{ kind: "group", dimension: "rurality", in: ["1", "2", "3"] }]),
    disaggregations: ["sex", "ageBand", "route"],
    direction: null,
    source: computed,
    rationale:
      "Rural residents stayed under-represented in England (13% of referrals against 17% of the population), possibly for want of community resources.",
    citation: `${BU_2025}; rurality from the INSEE 2024 density grid (DESIGN.md §3).`,
  },
  {
    code: "PRECARITY_REFERRAL_SHARE",
    label: {
      fr: "Part des personnes orientées présentant un marqueur de précarité",
      en: "Share of referred people with a precarity marker",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    numerator: referred([{ kind: "group", dimension: "precarity", in: ["any_marker"] }]),
    denominator: referred(),
    disaggregations: ["sex", "ageBand", "qpv", "rurality", "route"],
    direction: null,
    source: computed,
    rationale:
      "People in precarity are one of the target publics; reaching them is the test of a pilot that means to reduce health inequalities.",
    citation: `${GROUP_001}, recommendation 2d (target publics) and 10 (reducing inequalities).`,
  },
  {
    code: "CONTACTED_SHARE",
    label: { fr: "Part des personnes orientées contactées", en: "Share of referred people contacted" },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(reached("firstContact")),
    disaggregations: EQUITY,
    direction: "higher_is_better",
    source: computed,
    rationale: "The first step of the funnel: in England 90% of referrals reached a link worker.",
    citation: `${DESIGN} §3 (the funnel); ${GROUP_001}, step 2 "Orienter" of the 6-step pathway.`,
  },
  {
    code: "UPTAKE_RATE",
    label: {
      fr: "Taux d'adhésion : part des personnes orientées ayant eu l'entretien initial",
      en: "Uptake: share of referred people who had the initial interview",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(reached("initialInterview")),
    disaggregations: EQUITY,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "Uptake is measured at the initial interview, where the person takes up the offer and the well-being plan is co-built; it is the funnel's interview step.",
    citation: `${GROUP_001}, step 3 "Co-construire" (initial interview of about 60 minutes); ${DESIGN} §2 (uptake and decline rates).`,
  },
  {
    code: "DECLINE_RATE",
    label: { fr: "Taux de refus", en: "Decline rate" },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(exited("declined")),
    disaggregations: EQUITY,
    oddsRatio: { sex: "male", ageBand: "25-34", qpv: "no", rurality: "1", route: "gp" },
    direction: "lower_is_better",
    source: computed,
    rationale:
      "Declines fell in England from 22% (2019) to 11–12% (2023) but varied by group (women 21% lower odds than men, older people more likely to decline): odds ratios by group find who declines.",
    citation: `${BU_2025}; SNOMED CT 871711000000103 "social prescribing declined" (DESIGN.md §3).`,
  },
  {
    code: "PLAN_SHARE",
    label: {
      fr: "Part des personnes orientées ayant un plan de bien-être",
      en: "Share of referred people with a well-being plan",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(reached("plan")),
    disaggregations: EQUITY,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "A co-built plan starting from what matters to the person is the core of the link worker's role.",
    citation: `${GROUP_001}, step 3 of the pathway and "the link worker, pivotal actor".`,
  },
  {
    code: "ACTIVITY_SHARE",
    label: {
      fr: "Part des personnes orientées ayant commencé une activité",
      en: "Share of referred people who started an activity",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(reached("firstActivity")),
    disaggregations: EQUITY,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "Where people are lost: in England only 38% of referrals reached an activity, against 90% a link worker.",
    citation: `${DESIGN} §3 (the funnel); ${GROUP_001}, step 4 "Soutenir".`,
  },
  {
    code: "COMPLETED_SHARE",
    label: {
      fr: "Part des personnes orientées ayant terminé leur parcours",
      en: "Share of referred people who completed their journey",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(exited("completed")),
    disaggregations: EQUITY,
    direction: "higher_is_better",
    source: computed,
    rationale: "Completion closes the pathway with its evaluation step (well-being and pathway).",
    citation: `${GROUP_001}, step 6 "Évaluer" and recommendation 2c (structured follow-up and continuous evaluation).`,
  },
  {
    code: "LOST_TO_FOLLOW_UP_SHARE",
    label: {
      fr: "Part des personnes orientées perdues de vue",
      en: "Share of referred people lost to follow-up",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(exited("lost_to_follow_up")),
    disaggregations: EQUITY,
    direction: "lower_is_better",
    source: computed,
    rationale:
      "People lost along the way are the funnel's silent exits; sustained engagement is one of the national lessons.",
    citation: `${BU_2025} (lessons for France, point 4); ${DESIGN} §3.`,
  },
  {
    code: "REDIRECTED_SHARE",
    label: {
      fr: "Part des personnes orientées réorientées vers un autre dispositif",
      en: "Share of referred people redirected to another service",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    ...funnel(exited("redirected")),
    disaggregations: EQUITY,
    direction: null,
    source: computed,
    rationale:
      "Redirections show the articulation with existing schemes (DAC, CLSM, CPTS…) and needs beyond social prescribing.",
    citation: `${GROUP_001}, recommendation 5 (articulate with existing schemes).`,
  },
  {
    code: "DAYS_TO_FIRST_CONTACT_MEDIAN",
    label: {
      fr: "Délai médian entre l'orientation et le premier contact (jours)",
      en: "Median days from referral to first contact",
    },
    level: "macro",
    type: "median",
    unit: "days",
    numerator: { ...referred(), value: { kind: "delay", from: "referral", to: "firstContact" } },
    disaggregations: EQUITY,
    target: { parameter: TARGET_PARAMETERS.referralToFirstContactDays },
    direction: "lower_is_better",
    source: computed,
    rationale: "Each funnel transition is dated so that delays can be set against the pathway's targets.",
    citation: `${DESIGN} §3 (delays against the territory's targets); target: step 2 of the territory's pathway.`,
  },
  {
    code: "DAYS_TO_FIRST_CONTACT_P90",
    label: {
      fr: "Délai entre l'orientation et le premier contact, 90e centile (jours)",
      en: "90th percentile of days from referral to first contact",
    },
    level: "macro",
    type: "percentile",
    unit: "days",
    numerator: { ...referred(), value: { kind: "delay", from: "referral", to: "firstContact" } },
    percentile: 0.9,
    disaggregations: EQUITY,
    target: { parameter: TARGET_PARAMETERS.referralToFirstContactDays },
    direction: "lower_is_better",
    source: computed,
    rationale:
      "The 90th percentile shows the long waits a median hides: nine people in ten were contacted within it.",
    citation: `${DESIGN} §3; target: step 2 of the territory's pathway.`,
  },
  {
    code: "DAYS_TO_FIRST_ACTIVITY_MEDIAN",
    label: {
      fr: "Délai médian entre l'orientation et la première activité (jours)",
      en: "Median days from referral to first activity",
    },
    level: "macro",
    type: "median",
    unit: "days",
    numerator: { ...referred(), value: { kind: "delay", from: "referral", to: "firstActivity" } },
    disaggregations: EQUITY,
    target: { parameter: TARGET_PARAMETERS.referralToFirstActivityDays },
    direction: "lower_is_better",
    source: computed,
    rationale:
      "The time it takes a referral to become an activity the person attends, against the pathway's steps 2 to 4.",
    citation: `${DESIGN} §3; target: steps 2 + 3 + 4 of the territory's pathway.`,
  },
  {
    code: "DAYS_TO_FIRST_ACTIVITY_P90",
    label: {
      fr: "Délai entre l'orientation et la première activité, 90e centile (jours)",
      en: "90th percentile of days from referral to first activity",
    },
    level: "macro",
    type: "percentile",
    unit: "days",
    numerator: { ...referred(), value: { kind: "delay", from: "referral", to: "firstActivity" } },
    percentile: 0.9,
    disaggregations: EQUITY,
    target: { parameter: TARGET_PARAMETERS.referralToFirstActivityDays },
    direction: "lower_is_better",
    source: computed,
    rationale: "The long waits to a first activity, which a median hides.",
    citation: `${DESIGN} §3; target: steps 2 + 3 + 4 of the territory's pathway.`,
  },
  {
    code: "WEMWBS_BASELINE_MEAN",
    label: { fr: "Score WEMWBS moyen à l'entrée", en: "Mean WEMWBS score at baseline" },
    level: "micro",
    type: "mean",
    unit: "points",
    numerator: { ...referred(), value: { kind: "measure", measure: "WEMWBS", of: "baseline" } },
    disaggregations: PERSON,
    direction: null,
    source: computed,
    rationale:
      "Well-being at entry describes who the pilot serves and is the base its changes are read from.",
    citation: `${GROUP_001}, step 6 (evaluate well-being) and recommendation 7 (micro level); WEMWBS 14–70 (DESIGN.md §3).`,
  },
  {
    code: "WEMWBS_MEAN_CHANGE",
    label: {
      fr: "Évolution moyenne du score WEMWBS (suivi − entrée)",
      en: "Mean WEMWBS change (follow-up − baseline)",
    },
    level: "micro",
    type: "mean_change",
    unit: "points",
    numerator: {
      ...referred([{ kind: "has_measure", measure: "WEMWBS", timepoints: ["baseline", "follow_up"] }]),
      value: { kind: "measure", measure: "WEMWBS", of: "change" },
    },
    disaggregations: PERSON,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "Well-being change is the micro indicator the national group asks for, over people with both measures.",
    citation: `${GROUP_001}, recommendation 7 (micro level: well-being change); ${DESIGN} §2.`,
  },
  {
    code: "WEMWBS_MEANINGFUL_SHARE",
    label: {
      fr: "Part des personnes dont le score WEMWBS s'améliore d'au moins 3 points (règle empirique)",
      en: "Share of people whose WEMWBS improves by at least 3 points (rule of thumb)",
    },
    level: "micro",
    type: "threshold_share",
    unit: "share",
    numerator: {
      ...referred([{ kind: "has_measure", measure: "WEMWBS", timepoints: ["baseline", "follow_up"] }]),
      value: { kind: "measure", measure: "WEMWBS", of: "change" },
    },
    threshold: { kind: "improvement", threshold: "meaningful" },
    disaggregations: PERSON,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "A mean hides how many people change: this counts individual improvements beyond the measurement error.",
    citation: `Threshold: ${wemwbsChangeRule.meaningful?.basis ?? ""} (@maillage/measures); ${DESIGN} §3.`,
  },
  {
    code: "SWEMWBS_MEAN_CHANGE",
    label: {
      fr: "Évolution moyenne du score SWEMWBS (suivi − entrée)",
      en: "Mean SWEMWBS change (follow-up − baseline)",
    },
    level: "micro",
    type: "mean_change",
    unit: "points",
    numerator: {
      ...referred([{ kind: "has_measure", measure: "SWEMWBS", timepoints: ["baseline", "follow_up"] }]),
      value: { kind: "measure", measure: "SWEMWBS", of: "change" },
    },
    disaggregations: PERSON,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "The short scale the default pathway takes at the interview and the evaluation; change on its metric score.",
    citation: `${GROUP_001}, recommendation 7; SWEMWBS metric score (Rasch conversion, DESIGN.md §3).`,
  },
  {
    code: "SWEMWBS_MEANINGFUL_SHARE",
    label: {
      fr: "Part des personnes dont le score SWEMWBS s'améliore d'au moins 1 erreur type de mesure",
      en: "Share of people whose SWEMWBS improves by at least 1 SEM",
    },
    level: "micro",
    type: "threshold_share",
    unit: "share",
    numerator: {
      ...referred([{ kind: "has_measure", measure: "SWEMWBS", timepoints: ["baseline", "follow_up"] }]),
      value: { kind: "measure", measure: "SWEMWBS", of: "change" },
    },
    threshold: { kind: "improvement", threshold: "meaningful" },
    disaggregations: PERSON,
    direction: "higher_is_better",
    source: computed,
    rationale: "Individual improvements beyond the SWEMWBS measurement error, rather than a mean.",
    citation: `Threshold: ${swemwbsChangeRule.meaningful?.basis ?? ""} (@maillage/measures).`,
  },
  {
    code: "LONELY_BASELINE_SHARE",
    label: {
      fr: "Part des personnes se sentant seules souvent ou tout le temps à l'entrée",
      en: "Share of people feeling lonely often or always at baseline",
    },
    level: "micro",
    type: "proportion",
    unit: "share",
    numerator: referred([
      { kind: "measure_value", measure: "LONELY_OFTEN", timepoint: "baseline", op: "=", value: 1 },
    ]),
    denominator: referred([{ kind: "has_measure", measure: "LONELY_OFTEN", timepoints: ["baseline"] }]),
    disaggregations: PERSON,
    direction: null,
    source: computed,
    rationale:
      "Isolated people are the first target public; the national headline of loneliness is the share answering often/always.",
    citation: `ONS headline loneliness indicator (direct question, often/always; @maillage/measures ONS_HEADLINE_LONELINESS); ${GROUP_001}, target publics.`,
  },
  {
    code: "LONELY_FOLLOW_UP_SHARE",
    label: {
      fr: "Part des personnes se sentant seules souvent ou tout le temps au suivi",
      en: "Share of people feeling lonely often or always at follow-up",
    },
    level: "micro",
    type: "proportion",
    unit: "share",
    numerator: referred([
      { kind: "measure_value", measure: "LONELY_OFTEN", timepoint: "follow_up", op: "=", value: 1 },
    ]),
    denominator: referred([
      { kind: "has_measure", measure: "LONELY_OFTEN", timepoints: ["baseline", "follow_up"] },
    ]),
    disaggregations: PERSON,
    direction: "lower_is_better",
    source: computed,
    rationale:
      "Loneliness change, over the people asked at both times (paired), so that it compares with their baseline.",
    citation: `ONS headline loneliness indicator; ${DESIGN} §2 (micro: loneliness change).`,
  },
  {
    code: "UCLA3_MEAN_CHANGE",
    label: {
      fr: "Évolution moyenne du score de solitude UCLA à 3 items (suivi − entrée)",
      en: "Mean UCLA 3-item loneliness change (follow-up − baseline)",
    },
    level: "micro",
    type: "mean_change",
    unit: "points",
    numerator: {
      ...referred([{ kind: "has_measure", measure: "UCLA3", timepoints: ["baseline", "follow_up"] }]),
      value: { kind: "measure", measure: "UCLA3", of: "change" },
    },
    disaggregations: PERSON,
    direction: "lower_is_better",
    source: computed,
    rationale:
      "Loneliness on the 3–9 scale, lower is better; no individual threshold is verified, so only the mean change is given.",
    citation: `${DESIGN} §3 (UCLA 3-item); ${GROUP_001}, recommendation 7.`,
  },
  {
    code: "ONS4_LIFE_SATISFACTION_MEAN_CHANGE",
    label: {
      fr: "Évolution moyenne de la satisfaction de vie (ONS4, 0–10)",
      en: "Mean change in life satisfaction (ONS4, 0–10)",
    },
    level: "micro",
    type: "mean_change",
    unit: "points",
    numerator: {
      ...referred([
        { kind: "has_measure", measure: "ONS4_LIFE_SATISFACTION", timepoints: ["baseline", "follow_up"] },
      ]),
      value: { kind: "measure", measure: "ONS4_LIFE_SATISFACTION", of: "change" },
    },
    disaggregations: PERSON,
    direction: "higher_is_better",
    source: computed,
    rationale:
      "ONS4 questions are read separately, never summed: life satisfaction is the one most often reported.",
    citation: `${DESIGN} §3 (ONS4, four questions analysed separately).`,
  },
  {
    code: "CASELOAD_VS_CAPACITY",
    label: {
      fr: "File active des agents de liaison rapportée à leur capacité",
      en: "Link workers' open caseload against their capacity",
    },
    level: "macro",
    type: "ratio",
    unit: "ratio",
    numerator: { kind: "input", key: "open_caseload" },
    denominator: { kind: "input", key: "caseload_capacity" },
    target: { value: 1 },
    direction: "lower_is_better",
    source: computed,
    rationale:
      "Link-worker capacity is a macro indicator: above 1, link workers follow more people than they can.",
    citation: `${GROUP_001}, recommendation 3 (professionalise and fund the link worker); ${DESIGN} §2.`,
  },
  {
    code: "PEOPLE_PER_FTE",
    label: {
      fr: "Nouvelles personnes accompagnées par ETP d'agent de liaison",
      en: "New people supported per link-worker FTE",
    },
    level: "macro",
    type: "ratio",
    unit: "people_per_fte",
    numerator: { kind: "journeys", anchor: "firstContact", where: [] },
    denominator: { kind: "input", key: "link_worker_fte" },
    direction: null,
    source: computed,
    rationale:
      "People first contacted in the period per full-time equivalent: the workload behind the cost per person supported.",
    citation: `${DESIGN} §4 (economic indicators: cost per person supported from link-worker FTE); ${GROUP_001}, recommendation 3.`,
  },
  {
    code: "ORIENTATIONS",
    label: {
      fr: "Ressources mobilisées : orientations vers une ressource, par pilier",
      en: "Resources mobilised: orientations to a resource, by pillar",
    },
    level: "macro",
    type: "count",
    unit: "orientations",
    numerator: { kind: "orientations", where: [] },
    disaggregations: ["pillar"],
    direction: null,
    source: computed,
    rationale:
      "Which of the four pillars (rights, health promotion, social activities, volunteering) the pilot mobilises.",
    citation: `${GROUP_001}, "the 4 pillars" and recommendation 2a (local resources).`,
  },
  {
    code: "ORIENTATIONS_ATTENDED_SHARE",
    label: {
      fr: "Part des orientations vers une ressource suivies d'une participation",
      en: "Share of orientations to a resource that were attended",
    },
    level: "macro",
    type: "proportion",
    unit: "share",
    numerator: { kind: "orientations", where: [{ kind: "attendance", in: ["attended"] }] },
    denominator: { kind: "orientations", where: [{ kind: "attendance", in: ["attended", "not_attended"] }] },
    disaggregations: ["pillar"],
    direction: "higher_is_better",
    source: computed,
    rationale:
      "An orientation counts when the person goes: by pillar, where the offer fits and where it does not.",
    citation: `${GROUP_001}, step 4 "Soutenir"; ${DESIGN} §3 (orientations, attended or not).`,
  },
  {
    code: "GP_CONSULTATIONS_CHANGE",
    label: {
      fr: "Évolution des consultations de médecine générale des personnes accompagnées (%)",
      en: "Change in GP consultations of the people supported (%)",
    },
    level: "macro",
    type: "mean_change",
    unit: "percent_change",
    numerator: null,
    periods: ["quarter", "year"],
    direction: "lower_is_better",
    source: {
      kind: "manual",
      provenance:
        "Entered by the territory from health-insurance (CPAM/SNDS) or GP-practice data, with its method",
    },
    rationale:
      "Studies report GP consultations down 20–40%; the territory enters its own observed change, never an invented one.",
    citation: `${GROUP_001}, main lessons (GP consultations −20 to −40%, return of 3–4 per unit invested); ${DESIGN} §4.`,
  },
  {
    code: "UNPLANNED_HOSPITAL_USE_CHANGE",
    label: {
      fr: "Évolution des recours hospitaliers non programmés des personnes accompagnées (%)",
      en: "Change in unplanned hospital use of the people supported (%)",
    },
    level: "macro",
    type: "mean_change",
    unit: "percent_change",
    numerator: null,
    periods: ["quarter", "year"],
    direction: "lower_is_better",
    source: {
      kind: "manual",
      provenance: "Entered by the territory from hospital or health-insurance (SNDS) data, with its method",
    },
    rationale:
      "Studies report unplanned hospital use down 15–25%; entered by the territory from its own data.",
    citation: `${GROUP_001}, main lessons (unplanned hospital use −15 to −25%); ${DESIGN} §4.`,
  },
];

/** The default catalogue, checked and with its defaults filled in (enabled, every period kind…). */
export const defaultCatalogue: readonly IndicatorDefinition[] = Object.freeze(
  v.parse(v.array(IndicatorDefinitionShape), definitions),
);

/** The default catalogue's codes, in order. */
export const defaultCodes: readonly string[] = defaultCatalogue.map((d) => d.code);
