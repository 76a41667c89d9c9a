import { describe, expect, test } from "vitest";
import {
  change,
  type LonelinessFrequency,
  lonelinessFrequencies,
  ONS_HEADLINE_LONELINESS,
  score,
  UCLA3_TOTAL_MAX,
  UCLA3_TOTAL_MIN,
  type Ucla3Score,
  ucla3ItemCodes,
} from "../src/index";
import { onlyIssue, withItem } from "./helpers";

const ucla3 = (items: readonly unknown[], direct: unknown = "some_of_the_time") => ({
  instrument: "UCLA3" as const,
  items: items as number[],
  direct: direct as LonelinessFrequency,
});
const total = (value: number): Ucla3Score => ({
  instrument: "UCLA3",
  total: value,
  direct: "occasionally",
  oftenOrAlwaysLonely: false,
});

describe("UCLA 3-item score", () => {
  test("codes hardly ever or never = 1, some of the time = 2, often = 3", () => {
    expect(ucla3ItemCodes).toEqual({ hardly_ever_or_never: 1, some_of_the_time: 2, often: 3 });
  });

  test("is the sum of the three items: bounds 3 and 9, hand-worked 1+2+3 = 6", () => {
    expect(score(ucla3([1, 1, 1])).total).toBe(3);
    expect(score(ucla3([3, 3, 3])).total).toBe(9);
    expect(score(ucla3([1, 2, 3])).total).toBe(6);
    expect([UCLA3_TOTAL_MIN, UCLA3_TOTAL_MAX]).toEqual([3, 9]);
  });

  test("the ONS headline flag is the direct question answered often/always, and only that", () => {
    expect(ONS_HEADLINE_LONELINESS).toBe("often_always");
    expect(score(ucla3([1, 1, 1], "often_always"))).toEqual({
      instrument: "UCLA3",
      total: 3,
      direct: "often_always",
      oftenOrAlwaysLonely: true,
    });
    for (const direct of lonelinessFrequencies.filter((d) => d !== "often_always")) {
      expect(score(ucla3([3, 3, 3], direct)).oftenOrAlwaysLonely, direct).toBe(false);
    }
    expect(lonelinessFrequencies).toEqual([
      "often_always",
      "some_of_the_time",
      "occasionally",
      "hardly_ever",
      "never",
    ]);
  });

  test("offers no cut-off of the total (a 6–9 split is a research convention, not ONS)", () => {
    expect(Object.keys(score(ucla3([3, 3, 3]))).sort()).toEqual([
      "direct",
      "instrument",
      "oftenOrAlwaysLonely",
      "total",
    ]);
  });

  test("refuses out-of-range items at their path, and a wrong count at `items`", () => {
    for (const bad of [0, 4, 2.5, -1, "3"]) {
      expect(onlyIssue(ucla3(withItem([2, 2, 2], 1, bad))), String(bad)).toEqual({
        path: "items.1",
        message: "measure.item.range",
      });
    }
    expect(onlyIssue(ucla3(withItem([2, 2, 2], 2, null)))).toEqual({
      path: "items.2",
      message: "measure.item.required",
    });
    expect(onlyIssue(ucla3([2, 2]))).toEqual({ path: "items", message: "measure.items.count" });
    expect(onlyIssue(ucla3([2, 2, 2, 2]))).toEqual({ path: "items", message: "measure.items.count" });
  });

  test("requires the direct question, with one of its five answers", () => {
    for (const bad of [null, undefined, "sometimes", "often", 1]) {
      expect(onlyIssue({ instrument: "UCLA3", items: [2, 2, 2], direct: bad }), String(bad)).toEqual({
        path: "direct",
        message: "measure.direct.required",
      });
    }
    expect(onlyIssue({ instrument: "UCLA3", items: [2, 2, 2] })).toEqual({
      path: "direct",
      message: "measure.direct.required",
    });
  });
});

describe("UCLA 3-item change", () => {
  test("lower is better: a fall of the total is an improvement, with no threshold flags", () => {
    expect(change("UCLA3", total(7), total(4))).toEqual({
      delta: -3,
      meaningful: null,
      reliable: null,
      improved: true,
    });
    expect(change("UCLA3", total(4), total(7))).toEqual({
      delta: 3,
      meaningful: null,
      reliable: null,
      improved: false,
    });
    expect(change("UCLA3", total(5), total(5)).improved).toBe(false);
  });

  test("refuses totals outside 3–9", () => {
    expect(() => change("UCLA3", total(2), total(5))).toThrow(RangeError);
    expect(() => change("UCLA3", total(5), total(10))).toThrow(RangeError);
  });
});
