import { describe, expect, test } from "vitest";
import {
  change,
  type Ons4Score,
  ons4AnxietyBand,
  ons4Band,
  ons4Directions,
  ons4Questions,
  score,
} from "../src/index";
import { issuesOf, onlyIssue } from "./helpers";

const ons4 = (answers: Record<string, unknown>) => ({
  instrument: "ONS4" as const,
  answers: answers as { life_satisfaction: number; worthwhile: number; happiness: number; anxiety: number },
});
const ANSWERS = { life_satisfaction: 7, worthwhile: 8, happiness: 4, anxiety: 6 };

describe("ONS4 bands (ONS FOI response)", () => {
  test("life satisfaction, worthwhile, happiness: 0–4 low, 5–6 medium, 7–8 high, 9–10 very high", () => {
    const expected = {
      0: "low",
      4: "low",
      5: "medium",
      6: "medium",
      7: "high",
      8: "high",
      9: "very_high",
      10: "very_high",
    };
    for (const [value, band] of Object.entries(expected)) expect(ons4Band(Number(value)), value).toBe(band);
  });

  test("anxiety: 0–1 very low, 2–3 low, 4–5 medium, 6–10 high", () => {
    const expected = {
      0: "very_low",
      1: "very_low",
      2: "low",
      3: "low",
      4: "medium",
      5: "medium",
      6: "high",
      10: "high",
    };
    for (const [value, band] of Object.entries(expected)) {
      expect(ons4AnxietyBand(Number(value)), value).toBe(band);
    }
  });

  test("every value 0–10 has exactly one band of each kind", () => {
    const positive = Array.from({ length: 11 }, (_, value) => ons4Band(value));
    const anxiety = Array.from({ length: 11 }, (_, value) => ons4AnxietyBand(value));
    expect(positive.join()).toBe("low,low,low,low,low,medium,medium,high,high,very_high,very_high");
    expect(anxiety.join()).toBe("very_low,very_low,low,low,medium,medium,high,high,high,high,high");
  });

  test("bands are only for whole answers from 0 to 10", () => {
    for (const value of [-1, 11, 4.5, Number.NaN]) {
      expect(() => ons4Band(value), String(value)).toThrow(RangeError);
      expect(() => ons4AnxietyBand(value), String(value)).toThrow(RangeError);
    }
  });
});

describe("ONS4 score", () => {
  test("reports each answer with its band (anxiety with its own bands), hand-worked", () => {
    expect(score(ons4(ANSWERS))).toEqual({
      instrument: "ONS4",
      life_satisfaction: { value: 7, band: "high" },
      worthwhile: { value: 8, band: "high" },
      happiness: { value: 4, band: "low" },
      anxiety: { value: 6, band: "high" },
    });
  });

  test("is never summed: the result has no total", () => {
    const result = score(ons4(ANSWERS));
    expect(Object.keys(result).sort()).toEqual([
      "anxiety",
      "happiness",
      "instrument",
      "life_satisfaction",
      "worthwhile",
    ]);
    expect("total" in result).toBe(false);
    // @ts-expect-error: Ons4Score has no total
    expect(result.total).toBeUndefined();
  });

  test("the edges 0 and 10 are valid answers", () => {
    const low = score(ons4({ life_satisfaction: 0, worthwhile: 0, happiness: 0, anxiety: 0 }));
    const high = score(ons4({ life_satisfaction: 10, worthwhile: 10, happiness: 10, anxiety: 10 }));
    expect([low.life_satisfaction.band, low.anxiety.band]).toEqual(["low", "very_low"]);
    expect([high.life_satisfaction.band, high.anxiety.band]).toEqual(["very_high", "high"]);
  });

  test("out-of-range answers are refused at `answers.<question>`", () => {
    for (const bad of [-1, 11, 2.5, "3"]) {
      expect(onlyIssue(ons4({ ...ANSWERS, anxiety: bad })), String(bad)).toEqual({
        path: "answers.anxiety",
        message: "measure.item.range",
      });
    }
  });

  test("a missing answer (null, or left out) is refused at its path", () => {
    expect(onlyIssue(ons4({ ...ANSWERS, worthwhile: null }))).toEqual({
      path: "answers.worthwhile",
      message: "measure.item.required",
    });
    const { anxiety: _, ...withoutAnxiety } = ANSWERS;
    expect(onlyIssue(ons4(withoutAnxiety))).toEqual({
      path: "answers.anxiety",
      message: "measure.item.required",
    });
    expect(issuesOf(ons4({}))).toEqual(
      ons4Questions.map((q) => ({ path: `answers.${q}`, message: "measure.item.required" })),
    );
    expect(onlyIssue({ instrument: "ONS4" })).toEqual({ path: "answers", message: "measure.item.required" });
  });
});

describe("ONS4 change", () => {
  const at = (answers: typeof ANSWERS): Ons4Score => score(ons4(answers));

  test("is per question, anxiety lower is better, with no meaningful or reliable flag", () => {
    const before = at({ life_satisfaction: 5, worthwhile: 6, happiness: 7, anxiety: 6 });
    const after = at({ life_satisfaction: 7, worthwhile: 6, happiness: 3, anxiety: 3 });
    expect(change("ONS4", before, after)).toEqual({
      life_satisfaction: { delta: 2, meaningful: null, reliable: null, improved: true },
      worthwhile: { delta: 0, meaningful: null, reliable: null, improved: false },
      happiness: { delta: -4, meaningful: null, reliable: null, improved: false },
      anxiety: { delta: -3, meaningful: null, reliable: null, improved: true },
    });
    expect(ons4Directions.anxiety).toBe("lower_is_better");
  });

  test("rising anxiety is not an improvement", () => {
    const before = at({ ...ANSWERS, anxiety: 2 });
    const after = at({ ...ANSWERS, anxiety: 5 });
    expect(change("ONS4", before, after).anxiety).toEqual({
      delta: 3,
      meaningful: null,
      reliable: null,
      improved: false,
    });
  });
});
