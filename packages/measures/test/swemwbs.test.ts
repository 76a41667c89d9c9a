import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, test } from "vitest";
import {
  assessChange,
  change,
  InvalidAnswersError,
  SWEMWBS_ITEM_COUNT,
  SWEMWBS_METRIC_BY_RAW,
  SWEMWBS_RAW_MAX,
  SWEMWBS_RAW_MIN,
  SWEMWBS_RELIABLE_CHANGE,
  SWEMWBS_SEM,
  type SwemwbsScore,
  score,
  swemwbsChangeRule,
  swemwbsMetric,
} from "../src/index";
import { onlyIssue, repeat, withItem } from "./helpers";

/** The repository's copy of the conversion table (never the workplace's shared folder). */
const CSV = readFileSync(resolve(import.meta.dirname, "../data/swemwbs-conversion.csv"), "utf8");
const rows = CSV.trimEnd()
  .split("\n")
  .slice(1)
  .map((line) => {
    const [raw, metric] = line.split(",");
    return { raw: Number(raw), metric: Number(metric), text: metric };
  });

const swemwbs = (items: readonly unknown[]) => ({ instrument: "SWEMWBS" as const, items: items as number[] });
/** 7 answers, 1–5, that sum to `raw`. */
const answersSumming = (raw: number) => {
  const items = repeat(7, 1);
  let left = raw - 7;
  for (let i = 0; i < 7 && left > 0; i++) {
    const add = Math.min(4, left);
    items[i] = 1 + add;
    left -= add;
  }
  return items;
};
const metricScore = (raw: number): SwemwbsScore => ({
  instrument: "SWEMWBS",
  raw,
  metric: swemwbsMetric(raw),
});

describe("SWEMWBS conversion table", () => {
  test("the repository CSV has its header and 29 rows, raw 7 to 35", () => {
    expect(CSV.startsWith("raw,metric\n")).toBe(true);
    expect(rows).toHaveLength(29);
    expect(rows.map((row) => row.raw)).toEqual(Array.from({ length: 29 }, (_, i) => 7 + i));
  });

  test("every one of the 29 CSV values equals the embedded constant", () => {
    for (const { raw, metric, text } of rows) {
      expect(SWEMWBS_METRIC_BY_RAW[raw], `raw ${raw}`).toBe(metric);
      expect(SWEMWBS_METRIC_BY_RAW[raw]?.toFixed(2), `raw ${raw}`).toBe(text);
      expect(swemwbsMetric(raw)).toBe(metric);
    }
    expect(Object.keys(SWEMWBS_METRIC_BY_RAW).map(Number)).toEqual(rows.map((row) => row.raw));
  });

  test("the constant runs from 7.00 to 35.00, strictly increasing, and keeps 26.02 at raw 29", () => {
    expect(swemwbsMetric(7)).toBe(7);
    expect(swemwbsMetric(29)).toBe(26.02);
    expect(swemwbsMetric(35)).toBe(35);
    for (let raw = 8; raw <= 35; raw++) expect(swemwbsMetric(raw)).toBeGreaterThan(swemwbsMetric(raw - 1));
  });

  test("converts whole raw scores from 7 to 35 only", () => {
    for (const raw of [6, 36, 0, -7, 20.5, Number.NaN])
      expect(() => swemwbsMetric(raw), String(raw)).toThrow(RangeError);
  });

  test("scoring any complete answer set gives the table's metric score for its raw sum (all 29)", () => {
    for (const { raw, metric } of rows) {
      expect(score(swemwbs(answersSumming(raw))), `raw ${raw}`).toEqual({
        instrument: "SWEMWBS",
        raw,
        metric,
      });
    }
  });
});

describe("SWEMWBS answers", () => {
  test("hand-worked: 4+3+4+3+3+4+3 = 24 → 21.54", () => {
    expect(score(swemwbs([4, 3, 4, 3, 3, 4, 3]))).toEqual({ instrument: "SWEMWBS", raw: 24, metric: 21.54 });
    expect([SWEMWBS_ITEM_COUNT, SWEMWBS_RAW_MIN, SWEMWBS_RAW_MAX]).toEqual([7, 7, 35]);
  });

  test("a missing item is refused: never a partial conversion", () => {
    const partial = withItem([4, 3, 4, 3, 3, 4, 3], 2, null);
    expect(onlyIssue(swemwbs(partial))).toEqual({ path: "items.2", message: "measure.item.required" });
    expect(() => score(swemwbs(partial))).toThrow(InvalidAnswersError);
    expect(onlyIssue(swemwbs([4, 3, 4, 3, 3, 4]))).toEqual({ path: "items", message: "measure.items.count" });
    expect(onlyIssue(swemwbs([4, 3, 4, 3, 3, 4, 3, 3]))).toEqual({
      path: "items",
      message: "measure.items.count",
    });
  });

  test("out-of-range answers are refused at their path", () => {
    for (const bad of [0, 6, 2.5, -1, "3"]) {
      expect(onlyIssue(swemwbs(withItem(repeat(7, 3), 6, bad))), String(bad)).toEqual({
        path: "items.6",
        message: "measure.item.range",
      });
    }
  });
});

describe("SWEMWBS change (on the metric score)", () => {
  test("thresholds are the published figures of Shah et al. 2018: SEM 1.03, 2.77 SEM 2.87", () => {
    expect(SWEMWBS_SEM).toBe(1.03);
    expect(SWEMWBS_RELIABLE_CHANGE).toBe(2.87); // the paper's figure, not 2.77 × 1.03 = 2.85
    expect(swemwbsChangeRule.meaningful?.points).toBe(1.03);
    expect(swemwbsChangeRule.reliable?.points).toBe(2.87);
    expect(swemwbsChangeRule.reliable?.basis).toContain("doi:10.1186/s12955-018-1060-2");
  });

  test("meaningful from exactly 1 SEM (1.03), reliable from exactly 2.87, either way", () => {
    const epsilon = 1e-9;
    expect(assessChange(1.03, swemwbsChangeRule).meaningful).toBe(true);
    expect(assessChange(1.03 - epsilon, swemwbsChangeRule).meaningful).toBe(false);
    expect(assessChange(-1.03, swemwbsChangeRule).meaningful).toBe(true);
    expect(assessChange(2.87, swemwbsChangeRule).reliable).toBe(true);
    expect(assessChange(2.87 + epsilon, swemwbsChangeRule).reliable).toBe(true);
    expect(assessChange(2.87 - epsilon, swemwbsChangeRule).reliable).toBe(false);
    expect(assessChange(-2.87, swemwbsChangeRule).reliable).toBe(true);
  });

  test("between table scores: 0.99 not meaningful, 1.04 meaningful, 2.83 not reliable, 2.89 reliable", () => {
    // raw 28 → 29: 25.03 → 26.02
    expect(change("SWEMWBS", metricScore(28), metricScore(29))).toEqual({
      delta: 0.99,
      meaningful: false,
      reliable: false,
      improved: true,
    });
    // raw 14 → 16: 15.32 → 16.36; in floating point 16.36 − 15.32 = 1.0399999999999991
    expect(change("SWEMWBS", metricScore(14), metricScore(16))).toEqual({
      delta: 1.04,
      meaningful: true,
      reliable: false,
      improved: true,
    });
    // raw 9 → 12: 11.25 → 14.08
    expect(change("SWEMWBS", metricScore(9), metricScore(12))).toMatchObject({
      delta: 2.83,
      reliable: false,
    });
    // raw 8 → 10: 9.51 → 12.40
    expect(change("SWEMWBS", metricScore(8), metricScore(10))).toMatchObject({ delta: 2.89, reliable: true });
  });

  test("a change of exactly 2.87 that floating point puts just under (12.87 − 10 = 2.8699…) is reliable", () => {
    const at = (metric: number): SwemwbsScore => ({ instrument: "SWEMWBS", raw: 10, metric });
    expect(12.87 - 10).toBeLessThan(2.87);
    expect(change("SWEMWBS", at(10), at(12.87))).toMatchObject({ delta: 2.87, reliable: true });
    expect(change("SWEMWBS", at(12.87), at(10))).toMatchObject({
      delta: -2.87,
      reliable: true,
      improved: false,
    });
  });

  test("a fall is not an improvement; change is read on the metric score, not the raw one", () => {
    expect(change("SWEMWBS", metricScore(10), metricScore(8))).toEqual({
      delta: -2.89,
      meaningful: true,
      reliable: true,
      improved: false,
    });
    // raw 7 → 8 is 1 raw point but 2.51 metric points.
    expect(change("SWEMWBS", metricScore(7), metricScore(8)).delta).toBe(2.51);
  });

  test("refuses metric scores outside 7–35", () => {
    const at = (metric: number): SwemwbsScore => ({ instrument: "SWEMWBS", raw: 10, metric });
    expect(() => change("SWEMWBS", at(6.99), at(20))).toThrow(RangeError);
    expect(() => change("SWEMWBS", at(20), at(35.01))).toThrow(RangeError);
  });
});
