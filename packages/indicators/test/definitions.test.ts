import { defaultPathway } from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import {
  compute,
  defaultCatalogue,
  definitionIssues,
  IndicatorDefinition,
  type IndicatorDefinitionInput,
  IndicatorDefinitionShape,
  parseDefinitions,
  pathwayParameters,
} from "../src/index";
import { INPUT } from "./fixture";

const base: IndicatorDefinitionInput = {
  code: "LOCAL_GP_CONTACTED_7D",
  label: {
    fr: "Part des orientations par un médecin contactées sous 7 jours",
    en: "Share of GP referrals contacted within 7 days",
  },
  level: "macro",
  type: "proportion",
  unit: "share",
  numerator: {
    kind: "journeys",
    where: [{ kind: "delay", from: "referral", to: "firstContact", op: "<=", value: 7 }],
  },
  denominator: { kind: "journeys", where: [{ kind: "group", dimension: "route", in: ["gp"] }] },
  disaggregations: ["sex"],
  target: { value: 0.8 },
  direction: "higher_is_better",
  source: { kind: "computed" },
  rationale: "A local indicator built from the same blocks as the catalogue's.",
  citation: "Territory steering committee, 2025.",
};
const parsed = (input: unknown) => v.parse(IndicatorDefinitionShape, input);
const issuesOf = (changes: Record<string, unknown>) => definitionIssues(parsed({ ...base, ...changes }));

describe("the default catalogue", () => {
  test("has at least 25 indicators, unique codes, each with a rationale and its source", () => {
    expect(defaultCatalogue.length).toBeGreaterThanOrEqual(25);
    expect(new Set(defaultCatalogue.map((d) => d.code)).size).toBe(defaultCatalogue.length);
    for (const d of defaultCatalogue) {
      expect(d.rationale.length, d.code).toBeGreaterThan(20);
      expect(d.citation.length, d.code).toBeGreaterThan(20);
      expect(d.label.fr, d.code).not.toBe(d.label.en);
      expect(definitionIssues(d), d.code).toEqual([]);
    }
  });

  test("is data: it survives a JSON round trip and parses back to itself", () => {
    const json = JSON.parse(JSON.stringify(defaultCatalogue));
    const result = parseDefinitions(json);
    expect(result.success).toBe(true);
    if (result.success) expect(result.output).toEqual(defaultCatalogue);
  });

  test("covers both levels, every type and manual sources", () => {
    const types = new Set(defaultCatalogue.map((d) => d.type));
    for (const type of [
      "count",
      "rate",
      "proportion",
      "mean",
      "median",
      "percentile",
      "mean_change",
      "threshold_share",
      "ratio",
    ]) {
      expect(types.has(type as never), type).toBe(true);
    }
    expect(new Set(defaultCatalogue.map((d) => d.level))).toEqual(new Set(["micro", "macro"]));
    expect(defaultCatalogue.filter((d) => d.source.kind === "manual").map((d) => d.code)).toEqual([
      "GP_CONSULTATIONS_CHANGE",
      "UNPLANNED_HOSPITAL_USE_CHANGE",
    ]);
  });
});

describe("a territory's own indicator, from the same blocks", () => {
  test("is valid and computed: GP referrals contacted within 7 days (J1 2, J2 4, J6 10, J9 7 → 3/4)", () => {
    const result = parseDefinitions([base]);
    expect(result.success).toBe(true);
    if (!result.success) return;
    const [value] = compute(result.output, INPUT, "2025-Q1");
    expect(value).toMatchObject({
      status: "computed",
      value: 0.75,
      numerator: 3,
      denominator: 4,
      target: 0.8,
      meetsTarget: false,
    });
    // Women referred by a GP: J1 (2 days), J6 (10), J9 (7) → 2/3.
    expect(value?.disaggregations.sex?.female).toMatchObject({ numerator: 2, denominator: 3 });
  });

  test("a territory adjusts a target or disables an indicator by editing data", () => {
    const edited = defaultCatalogue.map((d) =>
      d.code === "DECLINE_RATE"
        ? { ...d, target: { value: 0.12 } }
        : d.code === "REFERRALS"
          ? { ...d, enabled: false }
          : d,
    );
    expect(parseDefinitions(JSON.parse(JSON.stringify(edited))).success).toBe(true);
    const values = compute(edited, INPUT, "2025-Q1");
    expect(values.find((x) => x.code === "DECLINE_RATE")).toMatchObject({
      value: 0.3,
      target: 0.12,
      meetsTarget: false,
    });
    expect(values.some((x) => x.code === "REFERRALS")).toBe(false);
  });
});

describe("definition rules", () => {
  test("each type takes its own blocks", () => {
    expect(issuesOf({ type: "rate", per: 1000 })).toContainEqual({
      path: "denominator",
      message: "indicator.denominator.kind",
    });
    expect(issuesOf({ type: "rate", denominator: { kind: "population" } })).toContainEqual({
      path: "per",
      message: "indicator.per.required",
    });
    expect(issuesOf({ type: "median" })).toContainEqual({
      path: "numerator.value",
      message: "indicator.value.required",
    });
    expect(issuesOf({ type: "count" })).toContainEqual({
      path: "denominator",
      message: "indicator.denominator.not_applicable",
    });
    expect(issuesOf({ denominator: { kind: "population" } })).toContainEqual({
      path: "denominator",
      message: "indicator.denominator.kind",
    });
    expect(issuesOf({ denominator: { kind: "journeys", anchor: "exit" } })).toContainEqual({
      path: "numerator.anchor",
      message: "indicator.anchor.mismatch",
    });
    expect(
      issuesOf({
        type: "percentile",
        denominator: null,
        numerator: { kind: "journeys", value: { kind: "delay", from: "referral", to: "firstContact" } },
      }),
    ).toContainEqual({ path: "percentile", message: "indicator.percentile.required" });
  });

  test("thresholds an instrument does not have are refused", () => {
    const ucla = { kind: "journeys", value: { kind: "measure", measure: "UCLA3", of: "change" } };
    expect(
      issuesOf({
        type: "threshold_share",
        denominator: null,
        numerator: ucla,
        threshold: { kind: "improvement", threshold: "meaningful" },
      }),
    ).toEqual([{ path: "threshold", message: "indicator.threshold.none_for_measure" }]);
    expect(
      issuesOf({
        numerator: {
          kind: "journeys",
          where: [{ kind: "improvement", measure: "ONS4_ANXIETY", threshold: "reliable" }],
        },
      }),
    ).toContainEqual({
      path: "numerator.where.0.threshold",
      message: "indicator.threshold.none_for_measure",
    });
  });

  test("disaggregations and odds ratios must fit the blocks", () => {
    expect(issuesOf({ disaggregations: ["pillar"] })).toContainEqual({
      path: "disaggregations.0",
      message: "indicator.dimension.not_applicable",
    });
    expect(issuesOf({ oddsRatio: { qpv: "no" } })).toContainEqual({
      path: "oddsRatio.qpv",
      message: "indicator.odds_ratio.not_disaggregated",
    });
    expect(issuesOf({ oddsRatio: { sex: "woman" } })).toContainEqual({
      path: "oddsRatio.sex",
      message: "indicator.group.unknown",
    });
    expect(
      issuesOf({
        denominator: { kind: "journeys", where: [{ kind: "group", dimension: "route", in: ["doctor"] }] },
      }),
    ).toContainEqual({ path: "denominator.where.0.in", message: "indicator.group.unknown" });
  });

  test("manual indicators have no blocks", () => {
    expect(issuesOf({ source: { kind: "manual", provenance: "CPAM" } })).toContainEqual({
      path: "numerator",
      message: "indicator.numerator.not_applicable",
    });
  });

  test("shapes are checked too, with paths; codes are unique in a list", () => {
    const result = parseDefinitions([{ ...base, code: "bad code", level: "meso" }]);
    expect(result.success).toBe(false);
    if (!result.success) {
      expect(result.issues).toContainEqual({ path: "0.code", message: "indicator.code.format" });
      expect(result.issues).toContainEqual({ path: "0.level", message: "indicator.level.unknown" });
    }
    const twice = parseDefinitions([base, base]);
    expect(twice).toEqual({
      success: false,
      issues: [{ path: "1.code", message: "indicator.code.duplicate" }],
    });
    expect(v.is(IndicatorDefinition, parsed({ ...base, type: "rate" }))).toBe(false);
    expect(v.is(IndicatorDefinition, parsed(base))).toBe(true);
  });
});

test("pathwayParameters adds up the default pathway's step targets from the referral (7; 7 + 14 + 30)", () => {
  const pathway = defaultPathway();
  expect(pathwayParameters(pathway)).toEqual({
    referralToFirstContactDays: 7,
    referralToFirstActivityDays: 51,
  });
  const retired = { ...pathway, steps: pathway.steps.map((s, i) => (i === 2 ? { ...s, retired: true } : s)) };
  expect(pathwayParameters(retired)).toEqual({ referralToFirstContactDays: 7 });
});
