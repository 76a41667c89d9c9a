import { renderSvg, summaryOf, tableOf } from "@maillage/charts";
import { type EquityView, type FunnelView, trendOf } from "@maillage/indicators";
import { describe, expect, test } from "vitest";
import {
  declineChart,
  equityChart,
  funnelChart,
  groupLabel,
  periodLabel,
  trendChart,
} from "./dashboard-charts";

const stage = (key: FunnelView["stages"][number]["key"], count: number | null, previous: number | null) => ({
  key,
  code: key,
  count,
  share: count === null ? null : count / 200,
  conversion: count === null || previous === null ? null : count / previous,
  dropOff: count === null || previous === null ? null : previous - count,
  reason: count === null ? "period.not_supported" : null,
});

const funnel: FunnelView = {
  period: "2025-Q1",
  stages: [
    stage("referred", 200, null),
    stage("contacted", 180, 200),
    stage("interviewed", null, 180),
    stage("activity", 76, null),
  ],
  delays: [],
};

const interval = (low: number, high: number) => ({ low, high, method: "wilson" as const });
const equity: EquityView = {
  period: "2025-01",
  rate: { status: "computed", value: 10, interval: null, reason: null },
  decline: { status: "computed", value: 0.3, interval: interval(0.24, 0.37), reason: null },
  dimensions: [
    {
      dimension: "rurality",
      representation: [
        { group: "1", referrals: 150, referralShare: 0.75, population: 12_000, populationShare: 0.6 },
        { group: "3", referrals: 5, referralShare: 0.025, population: 3_000, populationShare: 0.15 },
        { group: "unknown", referrals: 1, referralShare: null, population: null, populationShare: null },
      ].map((g) => ({
        ...g,
        status: g.population === null ? "not_computable" : "computed",
        reason: g.population === null ? "population.unknown" : null,
        rate: null,
        interval: null,
        underReached: g.group === "3",
        overReached: g.group === "1",
      })),
      decline: null,
    },
    {
      dimension: "sex",
      representation: null,
      decline: [
        { group: "female", value: 0.4, interval: interval(0.31, 0.5), significantlyHigher: true },
        { group: "male", value: 0.2, interval: interval(0.13, 0.29), significantlyHigher: false },
        { group: "unspecified", value: null, interval: null, significantlyHigher: false },
      ].map((g) => ({
        ...g,
        status: g.value === null ? "not_computable" : "computed",
        reason: g.value === null ? "denominator.empty" : null,
        numerator: null,
        denominator: null,
        oddsRatio: null,
        significantlyLower: false,
      })),
    },
  ],
};

describe("dashboard charts", () => {
  test("funnel: stages in French, a stage that is not computable left out", () => {
    const chart = funnelChart(funnel, "fr");
    expect(chart.stages.map((s) => [s.label, s.count])).toEqual([
      ["Orientées", 200],
      ["Contactées", 180],
      ["Première activité", 76],
    ]);
    expect(chart.description).toBe(
      "Sur 200 personnes orientées, 76 ont atteint l'étape « Première activité » (38\u00a0%).",
    );
    expect(renderSvg(chart)).toContain(">76 (non calculable)</text>");
    expect(JSON.parse(JSON.stringify(chart))).toEqual(chart);
  });

  test("equity: referral share against population share, the under-reached group flagged", () => {
    const chart = equityChart(equity, "rurality", "fr");
    expect(chart.categories).toEqual([
      { key: "1", label: "Dense", flagged: false },
      { key: "3", label: "Rural", flagged: true },
      { key: "unknown", label: "Non renseigné", flagged: false },
    ]);
    expect(chart.series.map((s) => s.values)).toEqual([
      [0.75, 0.025, null],
      [0.6, 0.15, null],
    ]);
    expect(chart.description).toBe("Significativement sous-représentés : Rural.");
    expect(tableOf(chart).rows[1]).toEqual(["▲ Rural", "2,5\u00a0%", "15\u00a0%"]);
    expect(equityChart(equity, "sex", "fr").categories).toEqual([]);
  });

  test("declines: rates with intervals against the territory's rate", () => {
    const chart = declineChart(equity, "sex", "en");
    expect(chart.title).toBe("Decline rate by sex");
    expect(chart.categories.map((c) => [c.label, c.flagged])).toEqual([
      ["Female", true],
      ["Male", false],
      ["Not specified", false],
    ]);
    expect(chart.series[0]?.intervals).toEqual([{ low: 0.31, high: 0.5 }, { low: 0.13, high: 0.29 }, null]);
    expect(chart.reference).toEqual({ value: 0.3, label: "Whole territory" });
    expect(summaryOf(chart)).toBe(
      "Decline rate: highest Female (40%), lowest Male (20%). ▲: Female (Declines significantly more often than the reference group (odds ratio)).",
    );
  });

  test("trend: months labelled as French writes them, the unit of the indicator, the target as a line", () => {
    const result = (value: number | null) => ({
      code: "DAYS_TO_FIRST_CONTACT_MEDIAN",
      label: { fr: "Délai médian", en: "Median delay" },
      level: "macro" as const,
      type: "median" as const,
      unit: "days",
      period: "",
      status: value === null ? ("not_computable" as const) : ("computed" as const),
      value,
      numerator: null,
      denominator: null,
      interval: null,
      reason: null,
      target: 7,
      direction: "lower_is_better" as const,
      meetsTarget: null,
      provenance: null,
      disaggregations: {},
      oddsRatio: null,
    });
    const trend = trendOf(
      [
        { period: "2025-01", results: [result(4)] },
        { period: "2025-02", results: [result(null)] },
        { period: "2025-03", results: [result(6.5)] },
      ],
      "DAYS_TO_FIRST_CONTACT_MEDIAN",
    );
    const chart = trendChart(trend, "Délai médian", "fr", 7);
    expect(chart.x.map((x) => x.label)).toEqual(["janv. 2025", "févr. 2025", "mars 2025"]);
    expect(chart.format).toEqual({ style: "decimal", maximumFractionDigits: 1, unit: "j" });
    expect(chart.target).toEqual({ value: 7, label: "Objectif" });
    expect(tableOf(chart).rows).toEqual([
      ["janv. 2025", "4\u00a0j"],
      ["févr. 2025", "non calculable"],
      ["mars 2025", "6,5\u00a0j"],
    ]);
    expect(trendChart(trend, "Délai médian", "fr").target).toBeUndefined();
  });

  test("labels of groups and periods", () => {
    expect(groupLabel("ageBand", "85+", "fr")).toBe("85 ans et plus");
    expect(groupLabel("qpv", "yes", "fr")).toBe("En QPV");
    expect(groupLabel("rurality", "2", "en")).toBe("Intermediate density");
    expect(groupLabel("route", "unknown", "fr")).toBe("Non renseigné");
    expect(periodLabel("2025-Q3", "fr")).toBe("T3 2025");
    expect(periodLabel("2025-09", "en")).toBe("Sept 2025");
    expect(periodLabel("2025", "fr")).toBe("2025");
  });
});
