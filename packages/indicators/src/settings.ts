import * as v from "valibot";
import { defaultCatalogue } from "./catalogue";
import {
  IndicatorCode,
  type IndicatorDefinition,
  IndicatorDefinitionShape,
  parseDefinitions,
  Target,
} from "./definitions";
import { PeriodCode, parsePeriod } from "./period";

/**
 * What a territory sets about its indicators (`GET`/`PUT …/indicator-settings`): which catalogue
 * indicators it follows and against which targets, its own indicators built from the same blocks,
 * and the costs its economic estimates divide or multiply by. The product never supplies a cost or an
 * effect size: every figure of `economics` is entered by the territory, with where it comes from.
 */

const Text = (min: number, max: number) =>
  v.pipe(v.string(), v.trim(), v.minLength(min, "text.too_short"), v.maxLength(max, "text.too_long"));

/** A catalogue indicator as the territory follows it: on or off, and its own target (null: none). */
export const IndicatorOverride = v.object({
  enabled: v.optional(v.boolean()),
  target: v.optional(v.nullable(Target)),
});
export type IndicatorOverride = v.InferOutput<typeof IndicatorOverride>;

const Money = v.nullable(
  v.pipe(
    v.number("economics.amount"),
    v.finite("economics.amount"),
    v.minValue(0, "economics.amount"),
    v.maxValue(100_000_000, "economics.amount"),
  ),
);
const PerPerson = v.nullable(
  v.pipe(
    v.number("economics.frequency"),
    v.finite("economics.frequency"),
    v.minValue(0, "economics.frequency"),
    v.maxValue(365, "economics.frequency"),
  ),
);

/**
 * The territory's own figures for its economic estimates (euros; frequencies per person and year).
 * Every one is optional: an estimate that needs a missing one is not computable, never guessed.
 */
export const Economics = v.object({
  /** What one full-time link worker costs a year, employer's charges included. */
  linkWorkerAnnualCostPerFte: v.optional(Money, null),
  /** The scheme's other yearly costs (coordination, premises, tools, training). */
  otherAnnualCosts: v.optional(Money, null),
  /** What one GP consultation costs the health insurance. */
  gpConsultationUnitCost: v.optional(Money, null),
  /** GP consultations per person supported and year before support (the territory's own data). */
  gpConsultationsPerPersonYear: v.optional(PerPerson, null),
  /** What one unplanned hospital use (emergency visit or stay) costs. */
  unplannedHospitalUnitCost: v.optional(Money, null),
  /** Unplanned hospital uses per person supported and year before support. */
  unplannedHospitalUsesPerPersonYear: v.optional(PerPerson, null),
  /** Where these figures come from (required as soon as one is entered). */
  source: v.optional(v.nullable(Text(2, 300)), null),
  /** The territory's own assumptions, shown beside every estimate. */
  assumptions: v.optional(v.nullable(Text(2, 1000)), null),
});
export type Economics = v.InferOutput<typeof Economics>;

export const emptyEconomics: Economics = v.parse(Economics, {});

const ECONOMIC_FIGURES = [
  "linkWorkerAnnualCostPerFte",
  "otherAnnualCosts",
  "gpConsultationUnitCost",
  "gpConsultationsPerPersonYear",
  "unplannedHospitalUnitCost",
  "unplannedHospitalUsesPerPersonYear",
] as const;

const EconomicsChecked = v.pipe(
  Economics,
  v.forward(
    v.check(
      (e) => e.source !== null || ECONOMIC_FIGURES.every((field) => e[field] === null),
      "economics.source_required",
    ),
    ["source"],
  ),
);

export const IndicatorSettings = v.object({
  overrides: v.record(IndicatorCode, IndicatorOverride),
  custom: v.array(IndicatorDefinitionShape),
  economics: Economics,
  version: v.number(),
  updatedAt: v.nullable(v.string()),
});
export type IndicatorSettings = v.InferOutput<typeof IndicatorSettings>;

export const IndicatorSettingsUpdate = v.object({
  overrides: v.optional(
    v.pipe(
      v.record(IndicatorCode, IndicatorOverride),
      v.check(
        (overrides) => Object.keys(overrides).every((code) => defaultCodeSet.has(code)),
        "indicator.code.unknown",
      ),
    ),
    {},
  ),
  /** Checked for their shape here, then across fields and against the catalogue by `parseCustom`. */
  custom: v.optional(
    v.pipe(v.array(IndicatorDefinitionShape), v.maxLength(40, "indicator.values.too_many")),
    [],
  ),
  economics: v.optional(EconomicsChecked, {}),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type IndicatorSettingsUpdate = v.InferOutput<typeof IndicatorSettingsUpdate>;

const defaultCodeSet = new Set(defaultCatalogue.map((d) => d.code));

export const emptySettings: IndicatorSettings = {
  overrides: {},
  custom: [],
  economics: emptyEconomics,
  version: 0,
  updatedAt: null,
};

/** A territory's own indicators, checked (shape, cross-field rules, codes not the catalogue's). */
export function parseCustom(
  input: readonly unknown[],
):
  | { success: true; output: IndicatorDefinition[] }
  | { success: false; issues: { path: string; message: string }[] } {
  const parsed = parseDefinitions(input);
  if (!parsed.success) return parsed;
  const issues = parsed.output.flatMap((d, index) =>
    defaultCodeSet.has(d.code) ? [{ path: `${index}.code`, message: "indicator.code.taken" }] : [],
  );
  return issues.length > 0 ? { success: false, issues } : parsed;
}

/** The definitions a territory's dashboard shows: the catalogue with its overrides, then its own. */
export function effectiveDefinitions(settings: Pick<IndicatorSettings, "overrides" | "custom">) {
  return [
    ...defaultCatalogue.map((d) => {
      const o = settings.overrides[d.code];
      if (!o) return d;
      return {
        ...d,
        ...(o.enabled !== undefined ? { enabled: o.enabled } : {}),
        ...(o.target !== undefined ? { target: o.target } : {}),
      };
    }),
    ...settings.custom,
  ];
}

/**
 * The definitions rollups are kept for: every computed one, enabled or not, so that turning an
 * indicator on or changing a target never needs a recount. Only a change to a territory's own
 * computed indicators does (a rebuild).
 */
export function rollupDefinitions(settings: Pick<IndicatorSettings, "custom">): IndicatorDefinition[] {
  return [...defaultCatalogue, ...settings.custom]
    .filter((d) => d.source.kind === "computed")
    .map((d) => (d.enabled ? d : { ...d, enabled: true }));
}

/** A figure entered for one manual (or imported) indicator and one period, with its provenance. */
export const ManualValueWrite = v.object({
  period: PeriodCode,
  value: v.pipe(v.number("value.number"), v.finite("value.number")),
  /** Where the figure comes from: "CPAM de la Creuse, extraction SNIIRAM du 2026-01-15". */
  source: Text(2, 300),
  /** The date of the figure (its extraction, its report). */
  asOf: v.pipe(v.string("date.format"), v.isoDate("date.format")),
  note: v.optional(v.nullable(Text(2, 500)), null),
  /** 0 for a first entry for this period; the current version to replace it. */
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type ManualValueWrite = v.InferOutput<typeof ManualValueWrite>;

export const ManualValue = v.object({
  code: v.string(),
  period: v.string(),
  value: v.number(),
  source: v.string(),
  asOf: v.string(),
  note: v.nullable(v.string()),
  enteredBy: v.string(),
  enteredByName: v.nullable(v.string()),
  enteredAt: v.string(),
  version: v.number(),
});
export type ManualValue = v.InferOutput<typeof ManualValue>;

export const PeriodLockBody = v.object({
  reason: v.optional(v.nullable(Text(2, 500)), null),
});
export const PeriodUnlockBody = v.object({
  /** Why figures already checked must change: kept in the audit trail. */
  reason: Text(5, 500),
});

export const PeriodLock = v.object({
  period: v.string(),
  lockedAt: v.string(),
  lockedBy: v.string(),
  lockedByName: v.nullable(v.string()),
  reason: v.nullable(v.string()),
});
export type PeriodLock = v.InferOutput<typeof PeriodLock>;

/** The months a set of locks covers. */
export function lockedMonths(locks: Iterable<string>): Map<string, string> {
  const months = new Map<string, string>();
  for (const period of locks) for (const month of parsePeriod(period).months) months.set(month, period);
  return months;
}
