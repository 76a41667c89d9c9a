import { describe, expect, test } from "vitest";
import {
  assessChange,
  change,
  InvalidAnswersError,
  score,
  WEMWBS_ITEM_COUNT,
  WEMWBS_MEANINGFUL_CHANGE_RULE_OF_THUMB,
  WEMWBS_RELIABLE_CHANGE,
  WEMWBS_RELIABLE_SEM_MULTIPLIER,
  WEMWBS_SEM_LOWER,
  WEMWBS_SEM_UPPER,
  WEMWBS_TOTAL_MAX,
  WEMWBS_TOTAL_MIN,
  type WemwbsScore,
  wemwbsChangeRule,
} from "../src/index";
import { issuesOf, onlyIssue, repeat, withItem } from "./helpers";

const wemwbs = (items: readonly unknown[]) => ({ instrument: "WEMWBS" as const, items: items as number[] });
const total = (value: number): WemwbsScore => ({ instrument: "WEMWBS", total: value });
// 3+4+2+5+1+3+4+4+2+3+5+1+2+3 = 42
const ANSWERS = [3, 4, 2, 5, 1, 3, 4, 4, 2, 3, 5, 1, 2, 3];

describe("WEMWBS score", () => {
  test("is the plain sum of the 14 items (hand-worked: 42)", () => {
    expect(score(wemwbs(ANSWERS))).toEqual({ instrument: "WEMWBS", total: 42 });
  });

  test("spans 14 (every item 1) to 70 (every item 5)", () => {
    expect(score(wemwbs(repeat(14, 1))).total).toBe(14);
    expect(score(wemwbs(repeat(14, 5))).total).toBe(70);
    expect([WEMWBS_ITEM_COUNT, WEMWBS_TOTAL_MIN, WEMWBS_TOTAL_MAX]).toEqual([14, 14, 70]);
  });

  test("refuses an out-of-range or non-numeric answer at the item's path", () => {
    for (const bad of [0, 6, 2.5, -1, "3", Number.NaN, Number.POSITIVE_INFINITY, true, [3], {}]) {
      expect(onlyIssue(wemwbs(withItem(ANSWERS, 3, bad))), String(bad)).toEqual({
        path: "items.3",
        message: "measure.item.range",
      });
    }
    expect(onlyIssue(wemwbs(withItem(ANSWERS, 0, 0)))).toEqual({
      path: "items.0",
      message: "measure.item.range",
    });
    expect(onlyIssue(wemwbs(withItem(ANSWERS, 13, 6)))).toEqual({
      path: "items.13",
      message: "measure.item.range",
    });
    expect(onlyIssue(wemwbs(withItem(ANSWERS, 5, "3")))).toEqual({
      path: "items.5",
      message: "measure.item.range",
    });
  });

  test("refuses a missing answer (null, or left out) as required, at the item's path", () => {
    expect(onlyIssue(wemwbs(withItem(ANSWERS, 7, null)))).toEqual({
      path: "items.7",
      message: "measure.item.required",
    });
    expect(onlyIssue(wemwbs(withItem(ANSWERS, 1, undefined)))).toEqual({
      path: "items.1",
      message: "measure.item.required",
    });
    const holes: unknown[] = [...ANSWERS];
    delete holes[2];
    expect(issuesOf(wemwbs(holes))).toEqual([{ path: "items.2", message: "measure.item.required" }]);
  });

  test("reports every bad item, not only the first", () => {
    const items = withItem(withItem(ANSWERS, 0, null), 9, 7);
    expect(issuesOf(wemwbs(items))).toEqual([
      { path: "items.0", message: "measure.item.required" },
      { path: "items.9", message: "measure.item.range" },
    ]);
  });

  test("refuses a wrong number of items (13, 15, none) at `items`", () => {
    for (const items of [ANSWERS.slice(0, 13), [...ANSWERS, 3], []]) {
      expect(onlyIssue(wemwbs(items))).toEqual({ path: "items", message: "measure.items.count" });
    }
    expect(onlyIssue({ instrument: "WEMWBS" })).toEqual({ path: "items", message: "measure.items.count" });
    expect(onlyIssue({ instrument: "WEMWBS", items: "3,4,2" })).toEqual({
      path: "items",
      message: "measure.items.count",
    });
  });

  test("score never scores invalid answers", () => {
    const attempt = () => score(wemwbs(withItem(ANSWERS, 4, 9)));
    expect(attempt).toThrow(InvalidAnswersError);
    try {
      attempt();
    } catch (error) {
      expect((error as InvalidAnswersError).issues).toEqual([
        { path: "items.4", message: "measure.item.range" },
      ]);
    }
  });
});

describe("WEMWBS change", () => {
  test("the thresholds are the named constants: rule of thumb 3, reliable 2.77 × 3.1 = 8.587", () => {
    expect(WEMWBS_MEANINGFUL_CHANGE_RULE_OF_THUMB).toBe(3);
    expect([WEMWBS_SEM_LOWER, WEMWBS_SEM_UPPER, WEMWBS_RELIABLE_SEM_MULTIPLIER]).toEqual([2.4, 3.1, 2.77]);
    expect(WEMWBS_RELIABLE_CHANGE).toBe(8.587);
    expect(wemwbsChangeRule.meaningful?.points).toBe(3);
    expect(wemwbsChangeRule.meaningful?.basis).toMatch(/^Rule of thumb \(not an official threshold\)/);
    expect(wemwbsChangeRule.reliable?.points).toBe(WEMWBS_RELIABLE_CHANGE);
    expect(wemwbsChangeRule.reliable?.basis).toContain("doi:10.1186/1477-7525-10-156");
  });

  test("meaningful (rule of thumb) from exactly 3 points either way, not at 2.99", () => {
    expect(assessChange(3, wemwbsChangeRule).meaningful).toBe(true);
    expect(assessChange(-3, wemwbsChangeRule).meaningful).toBe(true);
    expect(assessChange(2.99, wemwbsChangeRule).meaningful).toBe(false);
    expect(assessChange(-2.99, wemwbsChangeRule).meaningful).toBe(false);
  });

  test("reliable from exactly 8.587 points, not just under it", () => {
    const epsilon = 1e-9;
    expect(assessChange(WEMWBS_RELIABLE_CHANGE, wemwbsChangeRule).reliable).toBe(true);
    expect(assessChange(WEMWBS_RELIABLE_CHANGE + epsilon, wemwbsChangeRule).reliable).toBe(true);
    expect(assessChange(WEMWBS_RELIABLE_CHANGE - epsilon, wemwbsChangeRule).reliable).toBe(false);
    expect(assessChange(-(WEMWBS_RELIABLE_CHANGE - epsilon), wemwbsChangeRule).reliable).toBe(false);
  });

  test("between two totals: +3 meaningful, +2 not, +8 not reliable, +9 reliable", () => {
    expect(change("WEMWBS", total(40), total(43))).toEqual({
      delta: 3,
      meaningful: true,
      reliable: false,
      improved: true,
    });
    expect(change("WEMWBS", total(40), total(42))).toEqual({
      delta: 2,
      meaningful: false,
      reliable: false,
      improved: true,
    });
    expect(change("WEMWBS", total(40), total(48)).reliable).toBe(false);
    expect(change("WEMWBS", total(40), total(49))).toEqual({
      delta: 9,
      meaningful: true,
      reliable: true,
      improved: true,
    });
  });

  test("higher is better: a fall is flagged by size but is not an improvement", () => {
    expect(change("WEMWBS", total(49), total(40))).toEqual({
      delta: -9,
      meaningful: true,
      reliable: true,
      improved: false,
    });
    expect(change("WEMWBS", total(40), total(40))).toEqual({
      delta: 0,
      meaningful: false,
      reliable: false,
      improved: false,
    });
  });

  test("refuses totals outside 14–70", () => {
    expect(() => change("WEMWBS", total(13), total(40))).toThrow(RangeError);
    expect(() => change("WEMWBS", total(40), total(71))).toThrow(RangeError);
  });

  test("works from scored answers", () => {
    const before = score(wemwbs(ANSWERS)); // 42
    const after = score(wemwbs(withItem(withItem(ANSWERS, 4, 4), 11, 4))); // 42 + 3 + 3 = 48
    expect(after.total).toBe(48);
    expect(change("WEMWBS", before, after)).toMatchObject({ delta: 6, meaningful: true, reliable: false });
  });
});
