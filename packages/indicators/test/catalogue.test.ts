import { describe, expect, test } from "vitest";
import {
  compute,
  defaultCatalogue,
  defaultCodes,
  type GroupValue,
  type IndicatorResult,
  wilson,
} from "../src/index";
import { INPUT, J } from "./fixture";

const results = compute(defaultCatalogue, INPUT, "2025-Q1");
const byCode = new Map(results.map((r) => [r.code, r]));
const r = (code: string): IndicatorResult => {
  const result = byCode.get(code);
  if (!result) throw new Error(`No result for ${code}`);
  return result;
};
const group = (code: string, dimension: string, name: string): GroupValue => {
  const value = r(code).disaggregations[dimension]?.[name];
  if (!value) throw new Error(`No group ${dimension}.${name} for ${code}`);
  return value;
};

/** A computed proportion n/d with its Wilson interval. */
const share = (n: number, d: number) => ({
  status: "computed",
  value: n / d,
  numerator: n,
  denominator: d,
  interval: wilson(n, d),
  reason: null,
});
const notComputable = (reason: string) => ({ status: "not_computable", value: null, interval: null, reason });

test("the catalogue is computed for every one of its indicators, in order", () => {
  expect(results.map((x) => x.code)).toEqual(defaultCodes);
});

describe("referrals (2025-Q1: J1–J10; J11 is referred on 2024-12-31, J12 on 2025-04-01)", () => {
  test("REFERRALS: 10, by sex, route kind, track and month", () => {
    expect(r("REFERRALS")).toMatchObject({ status: "computed", value: 10, numerator: 10, interval: null });
    // F: J1 J3 J5 J6 J9 J10; M: J2 J4 J8; unspecified: J7
    expect(group("REFERRALS", "sex", "female").value).toBe(6);
    expect(group("REFERRALS", "sex", "male").value).toBe(3);
    expect(group("REFERRALS", "sex", "unspecified").value).toBe(1);
    // gp: J1 J2 J6 J9; one each for the others; J10 has no route
    expect(group("REFERRALS", "route", "gp").value).toBe(4);
    expect(group("REFERRALS", "route", "health_professional").value).toBe(1);
    expect(group("REFERRALS", "route", "unknown").value).toBe(1);
    expect(group("REFERRALS", "track", "integrated").value).toBe(1);
    expect(group("REFERRALS", "precarity", "any_marker").value).toBe(2);
    // A group nobody is in is a count of 0 (a figure), not "not computable".
    expect(group("REFERRALS", "ageBand", "85+")).toMatchObject({ status: "computed", value: 0 });
    const month = (code: string) =>
      compute(defaultCatalogue, INPUT, code).find((x) => x.code === "REFERRALS")?.value;
    expect([month("2025-01"), month("2025-02"), month("2025-03"), month("2025-04")]).toEqual([4, 3, 3, 1]);
    expect([month("2024"), month("2024-Q4"), month("2024-12"), month("2025")]).toEqual([1, 1, 1, 11]);
  });

  test("REFERRALS_PER_1000: 10 / 20,000 × 1,000 = 0.5, exact Poisson limits, by group against its population", () => {
    const rate = r("REFERRALS_PER_1000");
    expect(rate).toMatchObject({ status: "computed", value: 0.5, numerator: 10, denominator: 20_000 });
    // Garwood limits for 10 events, 4.795389 and 18.390356, per 20 thousand inhabitants.
    expect(rate.interval?.method).toBe("garwood");
    expect(rate.interval?.low).toBeCloseTo(4.795389 / 20, 6);
    expect(rate.interval?.high).toBeCloseTo(18.390356 / 20, 6);
    expect(group("REFERRALS_PER_1000", "sex", "female").value).toBeCloseTo((6 / 10_400) * 1000, 12);
    expect(group("REFERRALS_PER_1000", "sex", "male").value).toBeCloseTo((3 / 9_600) * 1000, 12);
    // Nobody's population is "unspecified": not computable, never a division by zero.
    expect(group("REFERRALS_PER_1000", "sex", "unspecified")).toMatchObject({
      ...notComputable("population.unknown"),
      numerator: 1,
    });
    // QPV: J3 J4 J10 over 2,500; not in a QPV: 6 over 20,000 − 2,500.
    expect(group("REFERRALS_PER_1000", "qpv", "yes").value).toBeCloseTo(1.2, 12);
    expect(group("REFERRALS_PER_1000", "qpv", "no").value).toBeCloseTo((6 / 17_500) * 1000, 12);
    expect(group("REFERRALS_PER_1000", "qpv", "unknown").status).toBe("not_computable");
    // Rurality from the communes: dense J1 J3 J4 J8 J9 / 12,000; intermediate J5 J10 / 5,000; rural J2 J7 / 3,000.
    expect(group("REFERRALS_PER_1000", "rurality", "1").value).toBeCloseTo((5 / 12_000) * 1000, 12);
    expect(group("REFERRALS_PER_1000", "rurality", "2").value).toBeCloseTo(0.4, 12);
    expect(group("REFERRALS_PER_1000", "rurality", "3").value).toBeCloseTo((2 / 3_000) * 1000, 12);
    expect(group("REFERRALS_PER_1000", "rurality", "unknown").status).toBe("not_computable");
    // 25–34: J1 J4 over 1,200 + 1,200; 85+: none of 600, a rate of 0 with an upper limit of 3.689/600.
    expect(group("REFERRALS_PER_1000", "ageBand", "25-34").value).toBeCloseTo((2 / 2_400) * 1000, 12);
    const oldest = group("REFERRALS_PER_1000", "ageBand", "85+");
    expect(oldest).toMatchObject({ status: "computed", value: 0, denominator: 600 });
    expect(oldest.interval?.high).toBeCloseTo((3.688879 / 600) * 1000, 5);
  });

  test("rates are not computable without a complete population grid", () => {
    const partial = {
      ...INPUT.denominators,
      population:
        INPUT.denominators?.population.map((cell, i) => (i === 0 ? { ...cell, count: null } : cell)) ?? [],
    } as typeof INPUT.denominators;
    const [rate] = compute(
      defaultCatalogue.filter((d) => d.code === "REFERRALS_PER_1000"),
      { ...INPUT, denominators: partial },
      "2025-Q1",
    );
    expect(rate).toMatchObject(notComputable("population.unknown"));
    expect(rate?.disaggregations.sex?.female?.status).toBe("not_computable");
    expect(rate?.disaggregations.sex?.male?.status).toBe("computed");
    expect(compute(defaultCatalogue, { journeys: INPUT.journeys }, "2025-Q1")[1]?.status).toBe(
      "not_computable",
    );
  });

  test("NON_CLINICAL_ROUTE_SHARE: social worker J7, community J4, self J3 among the 9 with a route = 3/9", () => {
    expect(r("NON_CLINICAL_ROUTE_SHARE")).toMatchObject(share(3, 9));
    // Wilson for 3/9, as the formula gives it (checked against Newcombe's examples in stats.test.ts).
    expect(r("NON_CLINICAL_ROUTE_SHARE").interval?.low).toBeCloseTo(0.120584, 6);
    expect(r("NON_CLINICAL_ROUTE_SHARE").interval?.high).toBeCloseTo(0.645798, 6);
    // Women with a route: J1 J3 J5 J6 J9, one (J3) non-clinical; J7, the one unspecified, is.
    expect(group("NON_CLINICAL_ROUTE_SHARE", "sex", "female")).toMatchObject(share(1, 5));
    expect(group("NON_CLINICAL_ROUTE_SHARE", "sex", "unspecified")).toMatchObject(share(1, 1));
  });

  test("QPV_REFERRAL_SHARE: J3 J4 J10 among the 9 whose QPV status is known", () => {
    expect(r("QPV_REFERRAL_SHARE")).toMatchObject(share(3, 9));
  });

  test("RURAL_REFERRAL_SHARE: J2 J7 among the 9 whose commune is known", () => {
    expect(r("RURAL_REFERRAL_SHARE")).toMatchObject(share(2, 9));
  });

  test("PRECARITY_REFERRAL_SHARE: J3 J4 of 10", () => {
    expect(r("PRECARITY_REFERRAL_SHARE")).toMatchObject(share(2, 10));
  });
});

describe("funnel (cohort of the referrals of 2025-Q1)", () => {
  test("CONTACTED_SHARE: all but J5 = 9/10 (J4, referred 31 March and contacted 2 April, counts)", () => {
    expect(r("CONTACTED_SHARE")).toMatchObject(share(9, 10));
    expect(group("CONTACTED_SHARE", "route", "gp")).toMatchObject(share(4, 4));
    expect(group("CONTACTED_SHARE", "route", "health_professional")).toMatchObject(share(0, 1));
  });

  test("UPTAKE_RATE: initial interview J1 J3 J6 J7 J9 = 5/10", () => {
    expect(r("UPTAKE_RATE")).toMatchObject(share(5, 10));
  });

  test("DECLINE_RATE: J2 J5 J9 = 3/10, by group, with Woolf odds ratios against the stated references", () => {
    expect(r("DECLINE_RATE")).toMatchObject(share(3, 10));
    expect(group("DECLINE_RATE", "sex", "female")).toMatchObject(share(2, 6));
    expect(group("DECLINE_RATE", "sex", "male")).toMatchObject(share(1, 3));
    expect(group("DECLINE_RATE", "sex", "unspecified")).toMatchObject(share(0, 1));
    // Nobody aged 0–17 was referred: not computable, never 0 or NaN.
    expect(group("DECLINE_RATE", "ageBand", "0-17")).toMatchObject({
      ...notComputable("denominator.empty"),
      denominator: 0,
    });

    const or = r("DECLINE_RATE").oddsRatio;
    // Women 2 declined / 4 not, men (reference) 1 / 2: OR = (2 × 2)/(4 × 1) = 1; SE = √(1/2 + 1/4 + 1 + 1/2) = 1.5.
    expect(or?.sex?.male).toEqual({
      status: "reference",
      value: 1,
      low: null,
      high: null,
      reference: "male",
      reason: null,
    });
    expect(or?.sex?.female?.value).toBe(1);
    expect(or?.sex?.female?.low).toBeCloseTo(Math.exp(-1.959964 * 1.5), 5);
    expect(or?.sex?.female?.high).toBeCloseTo(Math.exp(1.959964 * 1.5), 4);
    expect(or?.sex?.unspecified).toMatchObject({
      status: "not_computable",
      value: null,
      reason: "odds_ratio.zero_cell",
    });
    // Rural J2 declined / J7 not, against dense J9 / J1 J3 J4 J8: OR = (1 × 4)/(1 × 1) = 4, SE = √3.25.
    expect(or?.rurality?.["3"]?.value).toBe(4);
    expect(or?.rurality?.["3"]?.low).toBeCloseTo(Math.exp(Math.log(4) - 1.959964 * Math.sqrt(3.25)), 5);
    expect(or?.rurality?.["3"]?.high).toBeCloseTo(Math.exp(Math.log(4) + 1.959964 * Math.sqrt(3.25)), 2);
    expect(or?.rurality?.["2"]?.value).toBe(4);
    // The 25–34 reference (J1, J4) has no decline: every age odds ratio has a zero cell.
    expect(Object.values(or?.ageBand ?? {}).filter((x) => x.status === "computed")).toEqual([]);
    // QPV residents (J3 J4 J10) did not decline: zero cell; health professional J5 always declined: zero cell.
    expect(or?.qpv?.yes?.status).toBe("not_computable");
    expect(or?.route?.health_professional?.status).toBe("not_computable");
    expect(r("UPTAKE_RATE").oddsRatio).toBeNull();
  });

  test("PLAN_SHARE: J1 J3 J6 J7 = 4/10 (J6's plan on 5 April counts in its March cohort)", () => {
    expect(r("PLAN_SHARE")).toMatchObject(share(4, 10));
  });

  test("ACTIVITY_SHARE: J1 J3 J7 = 3/10", () => {
    expect(r("ACTIVITY_SHARE")).toMatchObject(share(3, 10));
  });

  test("COMPLETED_SHARE: J1 J7 = 2/10; LOST_TO_FOLLOW_UP_SHARE: J6 = 1/10; REDIRECTED_SHARE: J8 = 1/10", () => {
    expect(r("COMPLETED_SHARE")).toMatchObject(share(2, 10));
    expect(r("LOST_TO_FOLLOW_UP_SHARE")).toMatchObject(share(1, 10));
    expect(r("REDIRECTED_SHARE")).toMatchObject(share(1, 10));
  });
});

describe("delays (days from referral, cohort of the referral)", () => {
  // To first contact: J1 2, J2 4, J3 1, J4 2, J6 10, J7 14, J8 0, J9 7, J10 7 → 0 1 2 2 4 7 7 10 14.
  test("DAYS_TO_FIRST_CONTACT_MEDIAN: the 5th of 9 = 4 days, within the 7-day target", () => {
    expect(r("DAYS_TO_FIRST_CONTACT_MEDIAN")).toMatchObject({
      status: "computed",
      value: 4,
      denominator: 9,
      target: 7,
      direction: "lower_is_better",
      meetsTarget: true,
    });
    // Women: J1 2, J3 1, J6 10, J9 7, J10 7 → 1 2 7 7 10, median 7; men: J2 4, J4 2, J8 0 → 2.
    expect(group("DAYS_TO_FIRST_CONTACT_MEDIAN", "sex", "female").value).toBe(7);
    expect(group("DAYS_TO_FIRST_CONTACT_MEDIAN", "sex", "male").value).toBe(2);
    expect(group("DAYS_TO_FIRST_CONTACT_MEDIAN", "sex", "unspecified").value).toBe(14);
  });

  test("DAYS_TO_FIRST_CONTACT_P90: 0.9 × 9 = 8.1 → the 9th = 14 days, over the target", () => {
    expect(r("DAYS_TO_FIRST_CONTACT_P90")).toMatchObject({ value: 14, target: 7, meetsTarget: false });
    // Women: 0.9 × 5 = 4.5 → the 5th of 1 2 7 7 10.
    expect(group("DAYS_TO_FIRST_CONTACT_P90", "sex", "female").value).toBe(10);
  });

  // To first activity: J1 19 (1–20 Jan), J3 23 (10 Feb–5 Mar), J7 36 (15 Jan–20 Feb).
  test("DAYS_TO_FIRST_ACTIVITY_MEDIAN = 23 and _P90 = 36 (0.9 × 3 = 2.7 → 3rd), both within 51 days", () => {
    expect(r("DAYS_TO_FIRST_ACTIVITY_MEDIAN")).toMatchObject({
      value: 23,
      denominator: 3,
      target: 51,
      meetsTarget: true,
    });
    expect(r("DAYS_TO_FIRST_ACTIVITY_P90")).toMatchObject({ value: 36, target: 51, meetsTarget: true });
  });

  test("a target parameter that is not passed leaves the target unknown", () => {
    const [median] = compute(
      defaultCatalogue.filter((d) => d.code === "DAYS_TO_FIRST_CONTACT_MEDIAN"),
      { ...INPUT, parameters: {} },
      "2025-Q1",
    );
    expect(median).toMatchObject({ value: 4, target: null, meetsTarget: null });
  });
});

describe("outcomes (cohort of the referral)", () => {
  test("WEMWBS_BASELINE_MEAN: (40 + 35 + 30 + 50)/4 = 38.75, t interval on 3 df", () => {
    const mean = r("WEMWBS_BASELINE_MEAN");
    expect(mean).toMatchObject({ status: "computed", value: 38.75, numerator: 155, denominator: 4 });
    // s² = (40² + 35² + 30² + 50² − 155²/4)/3 = 218.75/3; half-width t(0.975; 3) 3.182446 × √(s²/4).
    expect(mean.interval?.method).toBe("student_t");
    expect(mean.interval?.low).toBeCloseTo(38.75 - 3.182446 * Math.sqrt(218.75 / 3 / 4), 4);
    expect(mean.interval?.high).toBeCloseTo(38.75 + 3.182446 * Math.sqrt(218.75 / 3 / 4), 4);
    // One person (J7, unspecified): a mean of 50 without an interval; no man has a baseline.
    expect(group("WEMWBS_BASELINE_MEAN", "sex", "unspecified")).toMatchObject({ value: 50, interval: null });
    expect(group("WEMWBS_BASELINE_MEAN", "sex", "male")).toMatchObject(notComputable("denominator.empty"));
  });

  test("WEMWBS_MEAN_CHANGE: (+6 + 3 − 2)/3 over J1 J6 J7 (J3 has no follow-up)", () => {
    const change = r("WEMWBS_MEAN_CHANGE");
    expect(change.value).toBeCloseTo(7 / 3, 12);
    expect(change).toMatchObject({ numerator: 7, denominator: 3 });
    expect(change.interval?.low).toBeCloseTo(-7.70619, 4);
    expect(change.interval?.high).toBeCloseTo(12.372856, 4);
  });

  test("WEMWBS_MEANINGFUL_SHARE: +6 and +3 (exactly the rule-of-thumb threshold) improve, −2 does not: 2/3", () => {
    expect(r("WEMWBS_MEANINGFUL_SHARE")).toMatchObject(share(2, 3));
  });

  test("SWEMWBS_MEAN_CHANGE: (+2.29 + 1.39 − 0.86)/3 = 0.94; SWEMWBS_MEANINGFUL_SHARE (≥ 1.03): 2/3", () => {
    expect(r("SWEMWBS_MEAN_CHANGE").value).toBeCloseTo(0.94, 12);
    expect(r("SWEMWBS_MEAN_CHANGE").denominator).toBe(3);
    expect(r("SWEMWBS_MEANINGFUL_SHARE")).toMatchObject(share(2, 3));
  });

  test("LONELY_BASELINE_SHARE: J1 J3 of J1 J3 J7 = 2/3; LONELY_FOLLOW_UP_SHARE (paired J1 J7): 0/2", () => {
    expect(r("LONELY_BASELINE_SHARE")).toMatchObject(share(2, 3));
    expect(r("LONELY_FOLLOW_UP_SHARE")).toMatchObject({ ...share(0, 2), value: 0 });
    expect(r("LONELY_FOLLOW_UP_SHARE").interval?.high).toBeCloseTo(0.65762, 5);
  });

  test("UCLA3_MEAN_CHANGE: (−2 + 0)/2 = −1, t(0.975; 1) = 12.706 × s/√2 = 12.706", () => {
    const change = r("UCLA3_MEAN_CHANGE");
    expect(change).toMatchObject({ value: -1, denominator: 2, direction: "lower_is_better" });
    expect(change.interval?.low).toBeCloseTo(-13.706205, 5);
    expect(change.interval?.high).toBeCloseTo(11.706205, 5);
  });

  test("ONS4_LIFE_SATISFACTION_MEAN_CHANGE: (+3 + 0)/2 = 1.5", () => {
    expect(r("ONS4_LIFE_SATISFACTION_MEAN_CHANGE")).toMatchObject({ value: 1.5, denominator: 2 });
  });
});

describe("link workers and resources", () => {
  test("CASELOAD_VS_CAPACITY: (30 + 25)/(40 + 20), the worker with no stated capacity left out", () => {
    expect(r("CASELOAD_VS_CAPACITY")).toMatchObject({
      value: 55 / 60,
      numerator: 55,
      denominator: 60,
      interval: null,
      target: 1,
      meetsTarget: true,
    });
  });

  test("PEOPLE_PER_FTE: first contacts in Q1 (all but J4, J5, J12; J11 included) / 2.3 FTE", () => {
    expect(r("PEOPLE_PER_FTE")).toMatchObject({ value: 9 / 2.3, numerator: 9, denominator: 2.3 });
    const [none] = compute(
      defaultCatalogue.filter((d) => d.code === "PEOPLE_PER_FTE"),
      { ...INPUT, linkWorkers: [] },
      "2025-Q1",
    );
    expect(none).toMatchObject(notComputable("input.missing"));
  });

  test("ORIENTATIONS: 5 in Q1 (social 2, health, rights, volunteering 1 each)", () => {
    expect(r("ORIENTATIONS")).toMatchObject({ value: 5 });
    expect(group("ORIENTATIONS", "pillar", "social").value).toBe(2);
    expect(group("ORIENTATIONS", "pillar", "health").value).toBe(1);
    expect(group("ORIENTATIONS", "pillar", "rights").value).toBe(1);
    expect(group("ORIENTATIONS", "pillar", "volunteering").value).toBe(1);
  });

  test("ORIENTATIONS_ATTENDED_SHARE: 3 of the 4 whose outcome is known; volunteering (pending only) not computable", () => {
    expect(r("ORIENTATIONS_ATTENDED_SHARE")).toMatchObject(share(3, 4));
    expect(group("ORIENTATIONS_ATTENDED_SHARE", "pillar", "social")).toMatchObject(share(2, 2));
    expect(group("ORIENTATIONS_ATTENDED_SHARE", "pillar", "rights")).toMatchObject({
      ...share(0, 1),
      value: 0,
    });
    expect(group("ORIENTATIONS_ATTENDED_SHARE", "pillar", "volunteering")).toMatchObject(
      notComputable("denominator.empty"),
    );
  });
});

describe("manual indicators", () => {
  test("GP_CONSULTATIONS_CHANGE returns the entered value with its provenance", () => {
    expect(r("GP_CONSULTATIONS_CHANGE")).toMatchObject({
      status: "manual",
      value: -25,
      interval: null,
      provenance: {
        source: "CPAM de la Gironde, extraction SNDS",
        enteredBy: "usr_lead",
        enteredAt: "2025-04-15",
      },
    });
  });

  test("UNPLANNED_HOSPITAL_USE_CHANGE has no entry: not computable", () => {
    expect(r("UNPLANNED_HOSPITAL_USE_CHANGE")).toMatchObject({
      ...notComputable("entry.missing"),
      provenance: null,
    });
  });

  test("an entry counts for its own period only; a month is not a period they are kept for", () => {
    const manual = defaultCatalogue.filter((d) => d.source.kind === "manual");
    expect(compute(manual, INPUT, "2025")[0]).toMatchObject(notComputable("entry.missing"));
    expect(compute(manual, INPUT, "2025-01")[0]).toMatchObject(notComputable("period.not_supported"));
  });
});

describe("periods in the engine", () => {
  const one = (code: string, period: string, journeys = INPUT.journeys) =>
    compute(
      defaultCatalogue.filter((d) => d.code === code),
      { ...INPUT, journeys },
      period,
    )[0] as IndicatorResult;

  test("a referral in March contacted in April: in March's cohort for the share contacted and the delay", () => {
    // March cohort: J4 (contacted 2 April), J6, J9: all contacted; delays 2, 10, 7 → median 7.
    expect(one("CONTACTED_SHARE", "2025-03")).toMatchObject(share(3, 3));
    expect(one("DAYS_TO_FIRST_CONTACT_MEDIAN", "2025-03")).toMatchObject({ value: 7, denominator: 3 });
    // April's cohort is J12 alone, never contacted: 0/1, and no delay at all.
    expect(one("CONTACTED_SHARE", "2025-04")).toMatchObject({ ...share(0, 1), value: 0 });
    expect(one("DAYS_TO_FIRST_CONTACT_MEDIAN", "2025-04")).toMatchObject(notComputable("denominator.empty"));
    // People supported are counted by their first contact instead: J4 in April, J11 in January.
    expect(one("PEOPLE_PER_FTE", "2025-04")).toMatchObject({ numerator: 1 });
    expect(one("PEOPLE_PER_FTE", "2025-01")).toMatchObject({ numerator: 4 });
  });

  test("a referral on 29 February counts in February, Q1 and the year", () => {
    const leap = [{ ...J.J1, milestones: { ...J.J1.milestones, referral: "2024-02-29" } }];
    for (const period of ["2024-02", "2024-Q1", "2024"]) expect(one("REFERRALS", period, leap).value).toBe(1);
    for (const period of ["2024-03", "2024-Q2", "2025"]) expect(one("REFERRALS", period, leap).value).toBe(0);
  });

  test("an invalid period is refused", () => {
    expect(() => compute(defaultCatalogue, INPUT, "2025-Q5")).toThrow("period");
  });
});

describe("edge cases", () => {
  test("a single person: every figure is defined or not computable, never NaN", () => {
    const single = compute(defaultCatalogue, { ...INPUT, journeys: [J.J7] }, "2025-Q1");
    const of = (code: string) => single.find((x) => x.code === code) as IndicatorResult;
    expect(of("REFERRALS").value).toBe(1);
    expect(of("UPTAKE_RATE")).toMatchObject(share(1, 1));
    expect(of("UPTAKE_RATE").interval?.low).toBeCloseTo(0.206549, 6);
    expect(of("DECLINE_RATE")).toMatchObject({ ...share(0, 1), value: 0 });
    expect(of("WEMWBS_MEAN_CHANGE")).toMatchObject({ value: -2, interval: null });
    expect(of("DAYS_TO_FIRST_CONTACT_MEDIAN").value).toBe(14);
    expect(of("DAYS_TO_FIRST_CONTACT_P90").value).toBe(14);
    expect(JSON.stringify(single)).not.toMatch(/NaN|Infinity/);
    expect(single.flatMap(numbers).every(Number.isFinite)).toBe(true);
  });

  test("no journey at all: counts are 0, everything else not computable", () => {
    const empty = compute(defaultCatalogue, { journeys: [] }, "2025-Q1");
    for (const result of empty) {
      if (result.type === "count") expect(result).toMatchObject({ status: "computed", value: 0 });
      else expect(result, result.code).toMatchObject({ status: "not_computable", value: null });
    }
    expect(empty.flatMap(numbers).every(Number.isFinite)).toBe(true);
  });

  test("disabled definitions are left out", () => {
    const catalogue = defaultCatalogue.map((d) => (d.code === "REFERRALS" ? { ...d, enabled: false } : d));
    const values = compute(catalogue, INPUT, "2025-Q1");
    expect(values).toHaveLength(defaultCatalogue.length - 1);
    expect(values.some((x) => x.code === "REFERRALS")).toBe(false);
  });

  test("the engine is deterministic: the same input gives the same output", () => {
    expect(compute(defaultCatalogue, INPUT, "2025-Q1")).toEqual(results);
    // Cells hold whole numbers (values in hundredths): the order of the journeys changes nothing.
    const reversed = compute(
      defaultCatalogue,
      { ...INPUT, journeys: [...INPUT.journeys].reverse() },
      "2025-Q1",
    );
    expect(reversed).toEqual(results);
  });
});

/** Every number anywhere in a result. */
function numbers(value: unknown): number[] {
  if (typeof value === "number") return [value];
  if (value && typeof value === "object") return Object.values(value).flatMap(numbers);
  return [];
}
