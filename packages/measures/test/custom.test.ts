import { issuesOf as flatten } from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import {
  answersSchema,
  CustomMeasureDefinition,
  type CustomScore,
  change,
  customAnswersSchema,
  customInstrumentInfo,
  score,
} from "../src/index";
import { issuesOf, onlyIssue, repeat, withItem } from "./helpers";

const MOOD: CustomMeasureDefinition = {
  code: "mood-scale",
  label: "Échelle d'humeur du territoire",
  items: 5,
  min: 0,
  max: 4,
  direction: "lower_is_better",
  meaningfulChange: 2,
};
const BALANCE: CustomMeasureDefinition = {
  code: "balance",
  label: "Équilibre",
  items: 3,
  min: -2,
  max: 2,
  direction: "higher_is_better",
  meaningfulChange: null,
};
const mood = (items: readonly unknown[]) => ({
  instrument: "custom:mood-scale" as const,
  items: items as number[],
});
const moodTotal = (total: number): CustomScore => ({
  instrument: "custom:mood-scale",
  total,
  min: 0,
  max: 20,
  direction: "lower_is_better",
  meaningfulChange: 2,
});

const definitionIssues = (input: unknown) => {
  const result = v.safeParse(CustomMeasureDefinition, input);
  return result.success ? [] : flatten(result.issues);
};

describe("custom measure definition", () => {
  test("accepts a definition and defaults the meaningful change to null", () => {
    const { meaningfulChange: _, ...withoutChange } = MOOD;
    expect(v.parse(CustomMeasureDefinition, MOOD)).toEqual(MOOD);
    expect(v.parse(CustomMeasureDefinition, withoutChange).meaningfulChange).toBeNull();
  });

  test("refuses each wrong field at its path", () => {
    const cases: [Partial<Record<keyof CustomMeasureDefinition, unknown>>, string, string][] = [
      [{ code: "Mood" }, "code", "measure.definition.code"],
      [{ code: "-mood" }, "code", "measure.definition.code"],
      [{ code: "a".repeat(41) }, "code", "measure.definition.code"],
      [{ label: "a" }, "label", "name.too_short"],
      [{ items: 0 }, "items", "measure.definition.items"],
      [{ items: 41 }, "items", "measure.definition.items"],
      [{ items: 2.5 }, "items", "measure.definition.items"],
      [{ min: 1.5 }, "min", "measure.definition.bounds"],
      [{ max: 1_000_001 }, "max", "measure.definition.bounds"],
      [{ min: 4, max: 4 }, "max", "measure.definition.range"],
      [{ min: 5, max: 2 }, "max", "measure.definition.range"],
      [{ direction: "up" }, "direction", "choice.required"],
      [{ meaningfulChange: 0 }, "meaningfulChange", "measure.definition.meaningful_change"],
      [{ meaningfulChange: -1 }, "meaningfulChange", "measure.definition.meaningful_change"],
      // the total spans 5 × (4 − 0) = 20 points
      [{ meaningfulChange: 20.5 }, "meaningfulChange", "measure.definition.meaningful_change"],
    ];
    for (const [change, path, message] of cases) {
      expect(definitionIssues({ ...MOOD, ...change }), JSON.stringify(change)).toEqual([{ path, message }]);
    }
    expect(definitionIssues({ ...MOOD, meaningfulChange: 20 })).toEqual([]);
    expect(definitionIssues({ ...MOOD, items: 40 })).toEqual([]);
  });

  test("a field left out gets its own message", () => {
    const { items: _, ...withoutItems } = MOOD;
    expect(definitionIssues(withoutItems)).toEqual([{ path: "items", message: "measure.definition.items" }]);
  });
});

describe("custom measure score", () => {
  test("is the sum of the items, within items × min … items × max (hand-worked 0+1+2+3+4 = 10)", () => {
    expect(score(mood([0, 1, 2, 3, 4]), [MOOD])).toEqual({
      instrument: "custom:mood-scale",
      total: 10,
      min: 0,
      max: 20,
      direction: "lower_is_better",
      meaningfulChange: 2,
    });
    expect(score(mood(repeat(5, 0)), [MOOD]).total).toBe(0);
    expect(score(mood(repeat(5, 4)), [MOOD]).total).toBe(20);
  });

  test("handles a range below zero: 3 items −2…2 span −6…6", () => {
    const balance = (items: number[]) => ({ instrument: "custom:balance" as const, items });
    expect(score(balance([-2, 0, 2]), [MOOD, BALANCE])).toMatchObject({ total: 0, min: -6, max: 6 });
    expect(score(balance([-2, -2, -2]), [BALANCE]).total).toBe(-6);
    expect(onlyIssue(balance([-3, 0, 0]), [BALANCE])).toEqual({
      path: "items.0",
      message: "measure.item.range",
    });
  });

  test("refuses answers outside the definition's range, missing ones, and a wrong count", () => {
    for (const bad of [-1, 5, 2.5, "3"]) {
      expect(onlyIssue(mood(withItem([0, 1, 2, 3, 4], 4, bad)), [MOOD]), String(bad)).toEqual({
        path: "items.4",
        message: "measure.item.range",
      });
    }
    expect(onlyIssue(mood(withItem([0, 1, 2, 3, 4], 0, null)), [MOOD])).toEqual({
      path: "items.0",
      message: "measure.item.required",
    });
    expect(onlyIssue(mood([0, 1, 2, 3]), [MOOD])).toEqual({ path: "items", message: "measure.items.count" });
    expect(v.safeParse(customAnswersSchema(MOOD), mood([0, 1, 2, 3, 4])).success).toBe(true);
  });

  test("a custom instrument without its definition is unknown", () => {
    expect(onlyIssue(mood([0, 1, 2, 3, 4]))).toEqual({
      path: "instrument",
      message: "step.instrument.unknown",
    });
    expect(onlyIssue(mood([0, 1, 2, 3, 4]), [BALANCE])).toEqual({
      path: "instrument",
      message: "step.instrument.unknown",
    });
    expect(() => score(mood([0, 1, 2, 3, 4]))).toThrow();
  });

  test("refuses an invalid or duplicated definition (a programming error)", () => {
    expect(() => answersSchema([{ ...MOOD, min: 4, max: 0 }])).toThrow(RangeError);
    expect(() => answersSchema([MOOD, { ...MOOD, label: "Autre" }])).toThrow(RangeError);
    expect(issuesOf(mood([0, 1, 2, 3, 4]), [MOOD, BALANCE])).toEqual([]);
  });

  test("describes itself with the definition's facts", () => {
    expect(customInstrumentInfo(MOOD)).toMatchObject({
      instrument: "custom:mood-scale",
      name: MOOD.label,
      itemCount: 5,
      itemRange: { min: 0, max: 4 },
      totalRange: { min: 0, max: 20 },
      direction: "lower_is_better",
      changeRule: { meaningful: { points: 2 }, reliable: null },
    });
  });
});

describe("custom measure change", () => {
  test("follows the definition's direction and meaningful change (exactly 2 meaningful, 1 not)", () => {
    expect(change("custom:mood-scale", moodTotal(10), moodTotal(8))).toEqual({
      delta: -2,
      meaningful: true,
      reliable: null,
      improved: true,
    });
    expect(change("custom:mood-scale", moodTotal(10), moodTotal(9))).toEqual({
      delta: -1,
      meaningful: false,
      reliable: null,
      improved: true,
    });
    expect(change("custom:mood-scale", moodTotal(10), moodTotal(12))).toEqual({
      delta: 2,
      meaningful: true,
      reliable: null,
      improved: false,
    });
  });

  test("higher is better, and no meaningful flag without a meaningful change", () => {
    const before = score({ instrument: "custom:balance", items: [-2, 0, 0] }, [BALANCE]);
    const after = score({ instrument: "custom:balance", items: [2, 2, 0] }, [BALANCE]);
    expect(change("custom:balance", before, after)).toEqual({
      delta: 6,
      meaningful: null,
      reliable: null,
      improved: true,
    });
  });

  test("does not compare scores of different definitions, or outside the range", () => {
    expect(() =>
      change("custom:mood-scale", moodTotal(10), { ...moodTotal(8), meaningfulChange: 3 }),
    ).toThrow(TypeError);
    expect(() => change("custom:mood-scale", moodTotal(10), { ...moodTotal(8), max: 24 })).toThrow(TypeError);
    expect(() => change("custom:mood-scale", moodTotal(10), moodTotal(21))).toThrow(RangeError);
  });
});
