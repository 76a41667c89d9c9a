import type { Denominators } from "@maillage/schema";
import { describe, expect, test } from "vitest";
import {
  compute,
  defaultCatalogue,
  equityOf,
  FUNNEL_CODES,
  funnelOf,
  garwood,
  type IndicatorJourney,
  trendOf,
  wilson,
} from "../src/index";
import { DENOMINATORS, INPUT, journey } from "./fixture";

const Z = 1.959963984540054;
const q1 = compute(defaultCatalogue, INPUT, "2025-Q1");
const without = (...codes: string[]) => defaultCatalogue.filter((d) => !codes.includes(d.code));
const noNaN = (value: unknown) => expect(JSON.stringify(value)).not.toMatch(/NaN|Infinity/);

describe("the funnel's counts are over one cohort", () => {
  test("every stage past the first is the numerator of a share over the referrals of the period", () => {
    const byCode = new Map(defaultCatalogue.map((d) => [d.code, d]));
    const cohort = byCode.get("REFERRALS")?.numerator;
    expect(cohort).toMatchObject({ kind: "journeys", anchor: "referral", where: [] });
    for (const [key, code] of Object.entries(FUNNEL_CODES)) {
      if (key === "referred") continue;
      const d = byCode.get(code);
      expect(d?.type).toBe("proportion");
      expect(d?.denominator).toEqual(cohort);
      expect(d?.numerator).toMatchObject({ kind: "journeys", anchor: "referral" });
    }
  });
});

describe("funnelOf", () => {
  // Fixture 2025-Q1 (test/fixture.ts): J1–J10 referred; contacted all but J5; interview J1 J3 J6 J7 J9;
  // plan J1 J3 J6 J7; activity J1 J3 J7; completed J1 J7.
  test("the 2025-Q1 cohort, stage by stage, with shares, conversions and drop-offs", () => {
    const funnel = funnelOf(q1);
    expect(funnel.period).toBe("2025-Q1");
    expect(funnel.stages.map((s) => [s.key, s.code, s.count, s.dropOff])).toEqual([
      ["referred", "REFERRALS", 10, null],
      ["contacted", "CONTACTED_SHARE", 9, 1],
      ["interviewed", "UPTAKE_RATE", 5, 4],
      ["plan", "PLAN_SHARE", 4, 1],
      ["activity", "ACTIVITY_SHARE", 3, 1],
      ["completed", "COMPLETED_SHARE", 2, 1],
    ]);
    expect(funnel.stages.map((s) => s.share)).toEqual([1, 0.9, 0.5, 0.4, 0.3, 0.2]);
    expect(funnel.stages.map((s) => s.conversion)).toEqual([null, 0.9, 5 / 9, 0.8, 0.75, 2 / 3]);
    expect(funnel.stages.every((s) => s.reason === null)).toBe(true);
  });

  test("delays against the pathway's targets: first contact 4 and 14 days (7 target), activity 23 and 36 (51)", () => {
    const [contact, activity] = funnelOf(q1).delays;
    expect(contact).toMatchObject({ key: "first_contact", from: "referred", to: "contacted" });
    expect(contact?.median).toEqual({
      code: "DAYS_TO_FIRST_CONTACT_MEDIAN",
      status: "computed",
      value: 4,
      n: 9,
      target: 7,
      meetsTarget: true,
      reason: null,
    });
    expect(contact?.p90).toMatchObject({ value: 14, n: 9, target: 7, meetsTarget: false });
    expect(activity).toMatchObject({ key: "first_activity", from: "referred", to: "activity" });
    expect(activity?.median).toMatchObject({ value: 23, n: 3, target: 51, meetsTarget: true });
    expect(activity?.p90).toMatchObject({ value: 36, n: 3, target: 51, meetsTarget: true });
  });

  test("without REFERRALS, the cohort is CONTACTED_SHARE's denominator", () => {
    const [referred] = funnelOf(compute(without("REFERRALS"), INPUT, "2025-Q1")).stages;
    expect(referred).toMatchObject({ key: "referred", code: "CONTACTED_SHARE", count: 10, share: 1 });
  });

  test("a disabled stage is left out, and the next one converts from the stage before it", () => {
    const stages = funnelOf(compute(without("PLAN_SHARE", "DAYS_TO_FIRST_ACTIVITY_P90"), INPUT, "2025-Q1"));
    expect(stages.stages.map((s) => s.key)).toEqual([
      "referred",
      "contacted",
      "interviewed",
      "activity",
      "completed",
    ]);
    expect(stages.stages[3]).toMatchObject({ key: "activity", count: 3, conversion: 3 / 5, dropOff: 2 });
    expect(stages.delays[1]?.p90).toBeNull();
    const none = funnelOf(
      compute(
        without(...defaultCatalogue.filter((d) => d.code.startsWith("DAYS")).map((d) => d.code)),
        INPUT,
        "2025-Q1",
      ),
    );
    expect(none.delays).toEqual([]);
  });

  test("a month with no referral: counts of 0, shares and conversions null, never NaN", () => {
    const funnel = funnelOf(compute(defaultCatalogue, INPUT, "2024-06"));
    expect(funnel.stages.map((s) => s.count)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(funnel.stages.every((s) => s.share === null && s.conversion === null)).toBe(true);
    expect(funnel.stages.slice(1).every((s) => s.dropOff === 0)).toBe(true);
    expect(funnel.delays[0]?.median).toMatchObject({
      status: "not_computable",
      value: null,
      reason: "denominator.empty",
    });
    noNaN(funnel);
  });

  test("no results at all", () => {
    expect(funnelOf([])).toEqual({ period: null, stages: [], delays: [] });
  });
});

describe("equityOf, on the 2025-Q1 fixture", () => {
  const equity = equityOf(q1);
  const dimension = (name: string) => equity.dimensions.find((d) => d.dimension === name);

  test("dimensions: those with a population, then the other decline breakdowns", () => {
    expect(equity.dimensions.map((d) => d.dimension)).toEqual([
      "sex",
      "ageBand",
      "qpv",
      "rurality",
      "route",
      "precarity",
    ]);
    expect(dimension("route")?.representation).toBeNull();
    expect(dimension("route")?.decline?.length).toBeGreaterThan(0);
    expect(equity.rate).toMatchObject({ status: "computed", value: 0.5 });
    expect(equity.decline).toMatchObject({ status: "computed", value: 0.3 });
  });

  test("sex: women 6 of the 9 referrals with a population (10,400 of 20,000 inhabitants), men 3 (9,600)", () => {
    const [female, male, unspecified] = dimension("sex")?.representation ?? [];
    expect(female).toMatchObject({
      group: "female",
      status: "computed",
      referrals: 6,
      referralShare: 6 / 9,
      population: 10_400,
      populationShare: 0.52,
      underReached: false,
      overReached: false,
    });
    expect(female?.rate).toBeCloseTo((6 / 10_400) * 1000, 12);
    const limits = garwood(6);
    expect(female?.interval?.low).toBeCloseTo(((limits?.low ?? 0) / 10_400) * 1000, 12);
    expect(male).toMatchObject({
      referrals: 3,
      referralShare: 3 / 9,
      population: 9_600,
      populationShare: 0.48,
    });
    // J7's sex is not specified: a referral counted, but no population to set it against.
    expect(unspecified).toEqual({
      group: "unspecified",
      status: "not_computable",
      reason: "population.unknown",
      referrals: 1,
      referralShare: null,
      population: null,
      populationShare: null,
      rate: null,
      interval: null,
      underReached: false,
      overReached: false,
    });
  });

  test("rurality: dense 5, intermediate 2, rural 2 of 9 against 60%, 25% and 15% of the population", () => {
    const groups = dimension("rurality")?.representation ?? [];
    expect(
      groups.map((g) => [g.group, g.referrals, g.referralShare, g.population, g.populationShare]),
    ).toEqual([
      ["1", 5, 5 / 9, 12_000, 0.6],
      ["2", 2, 2 / 9, 5_000, 0.25],
      ["3", 2, 2 / 9, 3_000, 0.15],
      ["unknown", 1, null, null, null],
    ]);
  });

  test("declines by sex: women 2/6, men 1/3 (the reference), unspecified 0/1 with no odds ratio", () => {
    const [female, male, unspecified] = dimension("sex")?.decline ?? [];
    expect(female).toMatchObject({ group: "female", value: 2 / 6, numerator: 2, denominator: 6 });
    expect(female?.interval).toEqual(wilson(2, 6));
    // (2 × 2) / (4 × 1) = 1, SE = √(1/2 + 1/4 + 1 + 1/2) = 1.5: not significant either way.
    expect(female?.oddsRatio?.value).toBe(1);
    expect(female?.oddsRatio?.low).toBeCloseTo(Math.exp(-Z * 1.5), 9);
    expect(female).toMatchObject({ significantlyHigher: false, significantlyLower: false });
    expect(male?.oddsRatio).toMatchObject({ status: "reference", value: 1 });
    expect(male).toMatchObject({ significantlyHigher: false, significantlyLower: false });
    expect(unspecified?.oddsRatio).toMatchObject({
      status: "not_computable",
      reason: "odds_ratio.zero_cell",
    });
  });

  test("a group with nobody keeps its reason", () => {
    const [youngest] = dimension("ageBand")?.decline ?? [];
    expect(youngest).toMatchObject({
      group: "0-17",
      status: "not_computable",
      reason: "denominator.empty",
      value: null,
      interval: null,
    });
    noNaN(equity);
  });

  test("without the two indicators there is nothing to show", () => {
    expect(equityOf(compute(without("REFERRALS_PER_1000", "DECLINE_RATE"), INPUT, "2025-Q1"))).toEqual({
      period: null,
      rate: null,
      decline: null,
      dimensions: [],
    });
  });
});

describe("equityOf, on a cohort large enough to be significant", () => {
  /*
   * 200 referrals in January 2025 over 20,000 inhabitants (overall 10 per 1,000): 150 dense (12,000
   * inhabitants), 45 intermediate (5,000), 5 rural (3,000). 100 women, 40 of whom declined; 100 men,
   * 20 of whom declined (men are the odds ratio's reference).
   */
  const journeys: IndicatorJourney[] = Array.from({ length: 200 }, (_, i) => {
    const female = i % 2 === 0;
    const declined = female ? i % 10 < 8 && i < 100 : i < 40;
    return journey({
      person: { sex: female ? "female" : "male", ageBand: "45-54", qpv: "no" },
      rurality: i < 150 ? 1 : i < 195 ? 2 : 3,
      ...(declined ? { status: "declined" as const, exitReason: "declined" as const } : {}),
      milestones: { referral: "2025-01-10", ...(declined ? { exit: "2025-01-12" } : {}) },
    });
  });
  const bands = [1000, 1000, 1000, 1000, 2000, 1000, 1000, 1000, 1000];
  const ages = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"] as const;
  const denominators: Pick<Denominators, "population" | "qpvPopulation" | "communes"> = {
    ...DENOMINATORS,
    population: (["female", "male"] as const).flatMap((sex) =>
      ages.map((ageBand, i) => ({ sex, ageBand, count: bands[i] as number })),
    ),
    qpvPopulation: 2000,
  };
  const results = compute(defaultCatalogue, { journeys, denominators }, "2025-01");
  const equity = equityOf(results);
  const dimension = (name: string) => equity.dimensions.find((d) => d.dimension === name);

  test("the cohort is as described", () => {
    expect(equity.rate?.value).toBe(10);
    const sex = dimension("sex")?.decline ?? [];
    expect(sex.slice(0, 2).map((g) => [g.numerator, g.denominator])).toEqual([
      [40, 100],
      [20, 100],
    ]);
  });

  test("rural 5 per 3,000 (upper limit 11.67/3,000 = 3.9 per 1,000) is under-reached; dense 150/12,000 over", () => {
    const [dense, intermediate, rural] = dimension("rurality")?.representation ?? [];
    expect(rural?.rate).toBeCloseTo(5 / 3, 12);
    expect(rural?.interval?.high).toBeCloseTo((11.668 / 3000) * 1000, 3);
    expect(rural).toMatchObject({
      referralShare: 5 / 200,
      populationShare: 0.15,
      underReached: true,
      overReached: false,
    });
    // Dense: 12.5 per 1,000, Garwood lower limit for 150 events ≈ 126.9, so 10.6 per 1,000 > 10.
    expect(dense).toMatchObject({ underReached: false, overReached: true });
    expect(dense?.interval?.low).toBeGreaterThan(10);
    // Intermediate: 9 per 1,000, its interval contains 10.
    expect(intermediate).toMatchObject({ underReached: false, overReached: false });
  });

  test("women's odds of declining: (40 × 80) / (60 × 20) = 8/3, 95% CI 1.42–5.02, significantly higher", () => {
    const [female, male] = dimension("sex")?.decline ?? [];
    const se = Math.sqrt(1 / 40 + 1 / 60 + 1 / 20 + 1 / 80);
    expect(female?.oddsRatio?.value).toBeCloseTo(8 / 3, 12);
    expect(female?.oddsRatio?.low).toBeCloseTo(Math.exp(Math.log(8 / 3) - Z * se), 9);
    expect(female?.oddsRatio?.low).toBeCloseTo(1.417, 3);
    expect(female?.oddsRatio?.high).toBeCloseTo(5.02, 2);
    expect(female).toMatchObject({ value: 0.4, significantlyHigher: true, significantlyLower: false });
    expect(male).toMatchObject({ value: 0.2, significantlyHigher: false, significantlyLower: false });
    expect(equity.decline?.value).toBe(0.3);
  });
});

describe("trendOf", () => {
  const months = ["2025-01", "2025-02", "2025-03"].map((period) => ({
    period,
    results: compute(defaultCatalogue, INPUT, period),
  }));

  test("CONTACTED_SHARE month by month: January 4/4, February 2/3 (J5 never contacted), March 3/3", () => {
    const trend = trendOf(months, "CONTACTED_SHARE");
    expect(trend.code).toBe("CONTACTED_SHARE");
    expect(trend.label?.fr).toBe("Part des personnes orientées contactées");
    expect(trend.unit).toBe("share");
    expect(trend.points).toEqual([
      {
        period: "2025-01",
        status: "computed",
        value: 1,
        interval: wilson(4, 4),
        numerator: 4,
        denominator: 4,
        target: null,
        reason: null,
      },
      {
        period: "2025-02",
        status: "computed",
        value: 2 / 3,
        interval: wilson(2, 3),
        numerator: 2,
        denominator: 3,
        target: null,
        reason: null,
      },
      {
        period: "2025-03",
        status: "computed",
        value: 1,
        interval: wilson(3, 3),
        numerator: 3,
        denominator: 3,
        target: null,
        reason: null,
      },
    ]);
  });

  test("a period without the indicator is a null point with its reason, in the order given", () => {
    const trend = trendOf(
      [
        { period: "2024-12", results: compute(without("DAYS_TO_FIRST_CONTACT_MEDIAN"), INPUT, "2024-12") },
        ...months,
      ],
      "DAYS_TO_FIRST_CONTACT_MEDIAN",
    );
    expect(trend.points.map((p) => [p.period, p.value, p.reason])).toEqual([
      ["2024-12", null, "indicator.missing"],
      // January: J1 2, J2 4, J7 14, J10 7 → median (4 + 7) / 2; February: J3 1, J8 0 → 0.5; March: J4 2, J6 10, J9 7 → 7.
      ["2025-01", 5.5, null],
      ["2025-02", 0.5, null],
      ["2025-03", 7, null],
    ]);
    expect(trend.points[1]?.target).toBe(7);
    expect(trendOf([], "X")).toEqual({ code: "X", label: null, unit: null, points: [] });
  });
});

describe("equityOf, with referrals whose group has no population", () => {
  /*
   * 150 referrals over 20,000 inhabitants (10,000 women, 10,000 men): 50 women, 50 men and 50 whose
   * sex is not stated. Against all 150 (7.5 per 1,000), women and men (5 per 1,000 each, upper limits
   * about 6.6) would both look under-reached; against the 100 of known sex (5 per 1,000), neither is.
   */
  const journeys: IndicatorJourney[] = Array.from({ length: 150 }, (_, i) =>
    journey({
      person: { sex: i < 50 ? "female" : i < 100 ? "male" : "unspecified", ageBand: "45-54", qpv: "no" },
      milestones: { referral: "2025-01-10" },
    }),
  );
  const ages = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"] as const;
  const denominators: Pick<Denominators, "population" | "qpvPopulation" | "communes"> = {
    ...DENOMINATORS,
    population: (["female", "male"] as const).flatMap((sex) =>
      ages.map((ageBand, i) => ({ sex, ageBand, count: i === 4 ? 2000 : 1000 })),
    ),
    qpvPopulation: 2000,
  };
  const equity = equityOf(compute(defaultCatalogue, { journeys, denominators }, "2025-01"));

  test("two groups of equal rates are not both under-reached", () => {
    expect(equity.rate?.value).toBe(7.5);
    const [female, male] = equity.dimensions.find((d) => d.dimension === "sex")?.representation ?? [];
    expect(female).toMatchObject({ rate: 5, referralShare: 0.5, underReached: false, overReached: false });
    expect(male).toMatchObject({ rate: 5, referralShare: 0.5, underReached: false, overReached: false });
    expect(female?.interval?.high).toBeLessThan(7.5);
  });
});
