import type { IndicatorResult } from "./finalise";
import { parsePeriod } from "./period";
import type { Economics } from "./settings";

/**
 * Economic estimates (DESIGN.md §4), from the territory's own figures only: the cost per person
 * supported from its link workers' FTE and the costs it enters, and the costs avoided from its
 * manual health-use changes and the unit costs and frequencies it enters. Each estimate says how it is
 * computed and from what, so that a reader can redo it; a missing figure makes it not computable.
 */
export interface EconomicInput {
  readonly key: string;
  readonly label: { readonly fr: string; readonly en: string };
  readonly value: number | null;
  readonly source: string | null;
}

export interface EconomicEstimate {
  readonly code: "COST_PER_PERSON_SUPPORTED" | "AVOIDED_GP_COST" | "AVOIDED_HOSPITAL_COST";
  readonly label: { readonly fr: string; readonly en: string };
  readonly status: "estimate" | "not_computable";
  /** Euros, rounded to the euro. */
  readonly value: number | null;
  /** `economics.missing:<field>`, `entry.missing`, `people.none`; null for an estimate. */
  readonly reason: string | null;
  readonly formula: { readonly fr: string; readonly en: string };
  readonly inputs: readonly EconomicInput[];
  readonly assumptions: string | null;
}

const find = (results: readonly IndicatorResult[], code: string) => results.find((r) => r.code === code);

const LABELS = {
  people: {
    fr: "Personnes accompagnées sur la période (premier contact)",
    en: "People supported (first contact)",
  },
  fte: { fr: "ETP d'agents de liaison", en: "Link-worker FTE" },
  months: { fr: "Mois de la période", en: "Months in the period" },
  linkWorkerAnnualCostPerFte: {
    fr: "Coût annuel d'un ETP d'agent de liaison (€)",
    en: "Annual cost per link-worker FTE (€)",
  },
  otherAnnualCosts: { fr: "Autres coûts annuels du dispositif (€)", en: "Other annual costs (€)" },
  gpConsultationUnitCost: {
    fr: "Coût d'une consultation de médecine générale (€)",
    en: "Cost of a GP consultation (€)",
  },
  gpConsultationsPerPersonYear: {
    fr: "Consultations de médecine générale par personne et par an, avant l'accompagnement",
    en: "GP consultations per person and year, before support",
  },
  gpChange: { fr: "Évolution observée des consultations (%)", en: "Observed change in consultations (%)" },
  unplannedHospitalUnitCost: {
    fr: "Coût d'un recours hospitalier non programmé (€)",
    en: "Cost of an unplanned hospital use (€)",
  },
  unplannedHospitalUsesPerPersonYear: {
    fr: "Recours hospitaliers non programmés par personne et par an, avant l'accompagnement",
    en: "Unplanned hospital uses per person and year, before support",
  },
  hospitalChange: {
    fr: "Évolution observée des recours hospitaliers (%)",
    en: "Observed change in hospital use (%)",
  },
} as const;

type Key = keyof typeof LABELS;

function estimate(
  code: EconomicEstimate["code"],
  label: EconomicEstimate["label"],
  formula: EconomicEstimate["formula"],
  inputs: EconomicInput[],
  economics: Economics,
  compute: (values: Record<string, number>) => number | string,
): EconomicEstimate {
  const base = { code, label, formula, inputs, assumptions: economics.assumptions };
  const missing = inputs.find((i) => i.value === null);
  if (missing) {
    const reason =
      missing.key === "gpChange" || missing.key === "hospitalChange"
        ? "entry.missing"
        : missing.key === "people" || missing.key === "fte"
          ? "input.missing"
          : `economics.missing:${missing.key}`;
    return { ...base, status: "not_computable", value: null, reason };
  }
  const values = Object.fromEntries(inputs.map((i) => [i.key, i.value as number]));
  const result = compute(values);
  if (typeof result === "string") return { ...base, status: "not_computable", value: null, reason: result };
  return { ...base, status: "estimate", value: Math.round(result), reason: null };
}

/** The economic estimates of a period, from its indicator results and the territory's figures. */
export function economicsOf(
  results: readonly IndicatorResult[],
  economics: Economics,
  period: string,
): EconomicEstimate[] {
  const months = parsePeriod(period).months.length;
  const perFte = find(results, "PEOPLE_PER_FTE");
  const gp = find(results, "GP_CONSULTATIONS_CHANGE");
  const hospital = find(results, "UNPLANNED_HOSPITAL_USE_CHANGE");
  const own = (key: Exclude<Key, "people" | "fte" | "months" | "gpChange" | "hospitalChange">) => ({
    key,
    label: LABELS[key],
    value: economics[key],
    source: economics.source,
  });
  const people = {
    key: "people",
    label: LABELS.people,
    value: perFte?.numerator ?? null,
    source: "PEOPLE_PER_FTE",
  };
  const monthsInput = { key: "months", label: LABELS.months, value: months, source: period };
  const entered = (key: "gpChange" | "hospitalChange", result: IndicatorResult | undefined) => ({
    key,
    label: LABELS[key],
    value: result?.status === "manual" || result?.status === "imported" ? result.value : null,
    source: result?.provenance?.source ?? null,
  });
  return [
    estimate(
      "COST_PER_PERSON_SUPPORTED",
      { fr: "Coût par personne accompagnée (estimation)", en: "Cost per person supported (estimate)" },
      {
        fr: "(ETP × coût annuel d'un ETP + autres coûts annuels) × mois de la période / 12 ÷ personnes accompagnées",
        en: "(FTE × annual cost per FTE + other annual costs) × months / 12 ÷ people supported",
      },
      [
        people,
        { key: "fte", label: LABELS.fte, value: perFte?.denominator ?? null, source: "PEOPLE_PER_FTE" },
        own("linkWorkerAnnualCostPerFte"),
        own("otherAnnualCosts"),
        monthsInput,
      ],
      economics,
      (x) =>
        (x.people as number) > 0
          ? (((x.fte as number) * (x.linkWorkerAnnualCostPerFte as number) + (x.otherAnnualCosts as number)) *
              (x.months as number)) /
            12 /
            (x.people as number)
          : "people.none",
    ),
    estimate(
      "AVOIDED_GP_COST",
      { fr: "Coûts de médecine générale évités (estimation)", en: "GP costs avoided (estimate)" },
      {
        fr: "personnes accompagnées × consultations par personne et par an × mois / 12 × (− évolution observée %) / 100 × coût d'une consultation",
        en: "people supported × consultations per person-year × months / 12 × (− observed change %) / 100 × cost per consultation",
      },
      [
        people,
        own("gpConsultationsPerPersonYear"),
        monthsInput,
        entered("gpChange", gp),
        own("gpConsultationUnitCost"),
      ],
      economics,
      (x) =>
        (((x.people as number) * (x.gpConsultationsPerPersonYear as number) * (x.months as number)) / 12) *
        (-(x.gpChange as number) / 100) *
        (x.gpConsultationUnitCost as number),
    ),
    estimate(
      "AVOIDED_HOSPITAL_COST",
      {
        fr: "Coûts hospitaliers non programmés évités (estimation)",
        en: "Unplanned hospital costs avoided (estimate)",
      },
      {
        fr: "personnes accompagnées × recours par personne et par an × mois / 12 × (− évolution observée %) / 100 × coût d'un recours",
        en: "people supported × uses per person-year × months / 12 × (− observed change %) / 100 × cost per use",
      },
      [
        people,
        own("unplannedHospitalUsesPerPersonYear"),
        monthsInput,
        entered("hospitalChange", hospital),
        own("unplannedHospitalUnitCost"),
      ],
      economics,
      (x) =>
        (((x.people as number) * (x.unplannedHospitalUsesPerPersonYear as number) * (x.months as number)) /
          12) *
        (-(x.hospitalChange as number) / 100) *
        (x.unplannedHospitalUnitCost as number),
    ),
  ];
}
