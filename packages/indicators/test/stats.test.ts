import { describe, expect, test } from "vitest";
import {
  chiSquareQuantile,
  gammaP,
  gammaQuantile,
  garwood,
  quantile,
  studentTInterval,
  studentTQuantile,
  wilson,
  woolfOddsRatio,
  Z_95,
} from "../src/index";

/** Rounds to `digits` decimals, as the published tables print them. */
const round = (x: number | undefined, digits: number) => Number((x ?? Number.NaN).toFixed(digits));

describe("Wilson score interval", () => {
  // Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
  // methods. Stat Med 1998;17:857–872, worked examples (method 3, score without continuity correction).
  test.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])("%i/%i → %f–%f (Newcombe 1998)", (r, n, low, high) => {
    const interval = wilson(r, n);
    expect(interval?.method).toBe("wilson");
    expect(round(interval?.low, 4)).toBe(low);
    expect(round(interval?.high, 4)).toBe(high);
  });

  test("stays within [0, 1], is exactly 0 / 1 at the edges, and is null without a denominator", () => {
    expect(wilson(0, 1)).toMatchObject({ low: 0 });
    expect(wilson(1, 1)).toMatchObject({ high: 1 });
    expect(wilson(5, 5)?.high).toBe(1);
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, 2)).toBeNull();
  });

  test("uses the exact 97.5th normal percentile", () => {
    expect(Z_95).toBeCloseTo(1.96, 2);
  });
});

describe("Exact Poisson (Garwood) interval", () => {
  test("0 events: 0 to 3.689 (epitools pois.exact documentation: 'pois.exact returns 3.689')", () => {
    const interval = garwood(0);
    expect(interval?.low).toBe(0);
    expect(round(interval?.high, 3)).toBe(3.689);
    // −ln(0.025): the upper limit for 0 events has a closed form.
    expect(interval?.high).toBeCloseTo(-Math.log(0.025), 12);
  });

  test("10 events: 4.80 to 18.39 (calculatorhub.com Poisson confidence interval calculator, Garwood method)", () => {
    const interval = garwood(10);
    expect(round(interval?.low, 2)).toBe(4.8);
    expect(round(interval?.high, 2)).toBe(18.39);
  });

  test("15 events: 8.40 to 24.74 via χ²(30; 0.025) = 16.791 and χ²(32; 0.975) = 49.48 (Statology worked example)", () => {
    expect(round(chiSquareQuantile(0.025, 30), 3)).toBe(16.791);
    expect(round(chiSquareQuantile(0.975, 32), 2)).toBe(49.48);
    const interval = garwood(15);
    expect(round(interval?.low, 2)).toBe(8.4);
    expect(round(interval?.high, 2)).toBe(24.74);
  });

  test("137 events over 24.19893 (R poisson.test help example, Welsh nickel workers): rate 4.753125 to 6.692709", () => {
    const interval = garwood(137);
    expect(round((interval?.low ?? 0) / 24.19893, 6)).toBe(4.753125);
    expect(round((interval?.high ?? 0) / 24.19893, 6)).toBe(6.692709);
  });

  test("refuses what is not a count", () => {
    expect(garwood(-1)).toBeNull();
    expect(garwood(1.5)).toBeNull();
  });
});

describe("Gamma, chi-square and t functions", () => {
  test("P(1, x) = 1 − e^−x and the gamma quantile inverts it", () => {
    for (const x of [0.1, 1, 3.7, 12]) expect(gammaP(1, x)).toBeCloseTo(1 - Math.exp(-x), 14);
    for (const [p, a] of [
      [0.025, 0.5],
      [0.5, 3],
      [0.975, 11],
      [0.025, 1000],
    ] as const) {
      expect(gammaP(a, gammaQuantile(p, a))).toBeCloseTo(p, 12);
    }
  });

  // NIST/SEMATECH e-Handbook of Statistical Methods, §1.3.6.7.2, upper critical values of Student's t (α = 0.025).
  test.each([
    [1, 12.706],
    [2, 4.303],
    [5, 2.571],
    [10, 2.228],
    [30, 2.042],
    [100, 1.984],
  ])("t(0.975; %i) = %f (NIST table)", (df, t) => {
    expect(round(studentTQuantile(0.975, df), 3)).toBe(t);
  });

  test("the t interval of a mean: 6, 3, −2 → 2.333 ± 4.303 × 2.333", () => {
    // mean 7/3, s² = (49 − 49/3)/2 = 16.333, se = √(16.333/3) = 2.3333, t(0.975; 2) = 4.302653
    const interval = studentTInterval(3, 7, 49);
    expect(interval?.low).toBeCloseTo(7 / 3 - 4.302653 * Math.sqrt(49 / 9), 5);
    expect(interval?.high).toBeCloseTo(7 / 3 + 4.302653 * Math.sqrt(49 / 9), 5);
    expect(studentTInterval(1, 5, 25)).toBeNull();
  });
});

describe("Woolf odds ratio", () => {
  // Wahi M, Pezzullo J. Biostatistics For Dummies, 2nd ed. (Wiley), ch. 13, Figure 13-2: obesity
  // (exposure) and hypertension, a = 14, b = 7, c = 12, d = 27: OR 4.50, SE(ln OR) 0.5785,
  // 95% CI 1.45 to 14.0; R epitools oddsratio.wald gives 1.448095 to 13.98389.
  test("14/7 against 12/27: OR 4.5, 95% CI 1.448095–13.98389", () => {
    const result = woolfOddsRatio(14, 7, 12, 27);
    expect(result?.value).toBe(4.5);
    expect(Math.sqrt(1 / 14 + 1 / 7 + 1 / 12 + 1 / 27)).toBeCloseTo(0.5785, 4);
    expect(round(result?.interval.low, 6)).toBe(1.448095);
    expect(round(result?.interval.high, 5)).toBe(13.98389);
    expect(result?.interval.method).toBe("woolf");
  });

  test("a zero cell gives no estimate (no Haldane correction)", () => {
    expect(woolfOddsRatio(0, 5, 3, 4)).toBeNull();
    expect(woolfOddsRatio(2, 0, 3, 4)).toBeNull();
    expect(woolfOddsRatio(2, 5, 0, 4)).toBeNull();
    expect(woolfOddsRatio(2, 5, 3, 0)).toBeNull();
  });
});

describe("Quantiles (Hyndman & Fan definition 2)", () => {
  const of = (values: number[]) => {
    const counts = new Map<number, number>();
    for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
    return counts;
  };

  test("median: the middle value, or the mean of the two middle values", () => {
    expect(quantile(of([7]), 0.5)).toBe(7);
    expect(quantile(of([3, 10]), 0.5)).toBe(6.5);
    expect(quantile(of([14, 0, 2, 7, 1, 10, 2, 7, 4]), 0.5)).toBe(4);
    expect(quantile(of([1, 2, 3, 4]), 0.5)).toBe(2.5);
  });

  test("90th percentile: the ⌈0.9n⌉-th value, averaged when 0.9n is whole", () => {
    // n = 9: 0.9 × 9 = 8.1 → 9th value; n = 10: 0.9 × 10 = 9 → mean of 9th and 10th.
    expect(quantile(of([14, 0, 2, 7, 1, 10, 2, 7, 4]), 0.9)).toBe(14);
    expect(quantile(of([1, 2, 3, 4, 5, 6, 7, 8, 9, 20]), 0.9)).toBe(14.5);
    expect(quantile(of([19, 23, 36]), 0.9)).toBe(36);
  });

  test("no value: null", () => {
    expect(quantile(new Map(), 0.5)).toBeNull();
  });
});
