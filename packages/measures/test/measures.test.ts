import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { isMessageId, MeasureCode, messageTexts, standardMeasures } from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import {
  type Answers,
  answersSchema,
  change,
  InvalidAnswersError,
  infoOf,
  instrumentInfo,
  parseAnswers,
  type Score,
  SWEMWBS_RELIABLE_CHANGE,
  SwemwbsAnswers,
  score,
  Ucla3Answers,
  WARWICK_EDINBURGH_LICENCE,
  WEMWBS_RELIABLE_CHANGE,
} from "../src/index";
import { issuesOf, onlyIssue, repeat } from "./helpers";

const WEMWBS = { instrument: "WEMWBS", items: repeat(14, 3) } as const;

describe("answers of any instrument", () => {
  test("an unknown or missing instrument is refused at `instrument`", () => {
    for (const instrument of ["PHQ9", "wemwbs", "custom:", undefined, 3]) {
      expect(onlyIssue({ instrument, items: repeat(14, 3) }), String(instrument)).toEqual({
        path: "instrument",
        message: "step.instrument.unknown",
      });
    }
    expect(onlyIssue(null)).toEqual({ path: "", message: "step.instrument.unknown" });
    expect(onlyIssue("WEMWBS")).toEqual({ path: "", message: "step.instrument.unknown" });
  });

  test("every issue's message is a message id of @maillage/schema", () => {
    const inputs: unknown[] = [
      { instrument: "WEMWBS", items: [0, null, "3", 2.5] },
      { instrument: "WEMWBS", items: [null, 6, "3", 2.5, -1, 1, 1, 1, 1, 1, 1, 1, 1, 1] },
      { instrument: "ONS4", answers: { life_satisfaction: 11 } },
      { instrument: "UCLA3", items: [0, 0, 0], direct: "no" },
      { instrument: "X" },
    ];
    const messages = inputs.flatMap((input) => issuesOf(input).map((issue) => issue.message));
    expect(messages.length).toBeGreaterThan(8);
    for (const message of messages) expect(isMessageId(message), message).toBe(true);
    for (const id of [
      "measure.items.count",
      "measure.item.required",
      "measure.item.range",
      "measure.direct.required",
    ] as const) {
      expect(messageTexts[id]).toMatch(/^[A-Z]/);
    }
  });

  test("answers sent as JSON (undefined answers dropped or turned to null) get the same issues", () => {
    const body = JSON.parse(
      JSON.stringify({
        instrument: "UCLA3",
        items: [1, undefined, 3],
        direct: undefined,
      }),
    );
    expect(issuesOf(body)).toEqual([
      { path: "items.1", message: "measure.item.required" },
      { path: "direct", message: "measure.direct.required" },
    ]);
  });

  test("the per-instrument schemas give the same paths as the combined one", () => {
    const ucla = v.safeParse(Ucla3Answers, { instrument: "UCLA3", items: [1, 2] });
    expect(ucla.issues?.map((issue) => [v.getDotPath(issue), issue.message])).toEqual([
      ["items", "measure.items.count"],
      ["direct", "measure.direct.required"],
    ]);
    const swemwbs = v.safeParse(SwemwbsAnswers, { instrument: "SWEMWBS", items: [1, 2, 3, 4, 5, 1, null] });
    expect(swemwbs.issues?.map((issue) => [v.getDotPath(issue), issue.message])).toEqual([
      ["items.6", "measure.item.required"],
    ]);
  });

  test("parseAnswers keeps only the coded answers", () => {
    const parsed = parseAnswers({ ...WEMWBS, note: "free text is not kept" });
    expect(parsed).toEqual({ success: true, answers: { instrument: "WEMWBS", items: repeat(14, 3) } });
    expect(v.safeParse(answersSchema(), WEMWBS).success).toBe(true);
  });

  test("the instruments are the pathway's standard measure codes", () => {
    expect(Object.keys(instrumentInfo)).toEqual([...standardMeasures]);
    for (const code of [...standardMeasures, "custom:mood-scale"]) {
      expect(v.safeParse(MeasureCode, code).success, code).toBe(true);
    }
  });
});

describe("score", () => {
  test("is pure and deterministic: same answers, same score, input untouched", () => {
    const answers = Object.freeze({
      instrument: "WEMWBS" as const,
      items: Object.freeze(repeat(14, 4)) as number[],
    });
    const first = score(answers);
    expect(score(answers)).toEqual(first);
    expect(first).toEqual({ instrument: "WEMWBS", total: 56 });
    expect(answers.items).toEqual(repeat(14, 4));
  });

  test("throws InvalidAnswersError with every issue, never a partial score", () => {
    const bad = { instrument: "UCLA3", items: [1, null, 9] } as unknown as Answers;
    expect(() => score(bad)).toThrow(InvalidAnswersError);
    try {
      score(bad);
      expect.unreachable();
    } catch (error) {
      expect((error as InvalidAnswersError).issues).toEqual([
        { path: "items.1", message: "measure.item.required" },
        { path: "items.2", message: "measure.item.range" },
        { path: "direct", message: "measure.direct.required" },
      ]);
    }
  });
});

describe("change", () => {
  test("refuses scores of another instrument", () => {
    const wemwbs: Score = { instrument: "WEMWBS", total: 40 };
    const ucla: Score = { instrument: "UCLA3", total: 5, direct: "never", oftenOrAlwaysLonely: false };
    expect(() => change("WEMWBS", wemwbs as never, ucla as never)).toThrow(TypeError);
    expect(() => change("UCLA3", wemwbs as never, wemwbs as never)).toThrow(TypeError);
  });
});

describe("instrument facts", () => {
  test("ranges, directions and reference periods", () => {
    expect(instrumentInfo.WEMWBS).toMatchObject({
      itemCount: 14,
      itemRange: { min: 1, max: 5 },
      totalRange: { min: 14, max: 70 },
      direction: "higher_is_better",
      referencePeriod: "last 2 weeks",
    });
    expect(instrumentInfo.SWEMWBS).toMatchObject({
      itemCount: 7,
      itemRange: { min: 1, max: 5 },
      totalRange: { min: 7, max: 35 },
      scoreRange: { min: 7, max: 35 },
      direction: "higher_is_better",
    });
    expect(instrumentInfo.ONS4).toMatchObject({
      itemCount: 4,
      itemRange: { min: 0, max: 10 },
      totalRange: null,
      scoreRange: null,
      changeRule: null,
    });
    expect(instrumentInfo.UCLA3).toMatchObject({
      itemCount: 3,
      itemRange: { min: 1, max: 3 },
      totalRange: { min: 3, max: 9 },
      direction: "lower_is_better",
      changeRule: { meaningful: null, reliable: null },
    });
    expect(instrumentInfo.WEMWBS.changeRule?.reliable?.points).toBe(WEMWBS_RELIABLE_CHANGE);
    expect(instrumentInfo.SWEMWBS.changeRule?.reliable?.points).toBe(SWEMWBS_RELIABLE_CHANGE);
    expect(infoOf("UCLA3")).toBe(instrumentInfo.UCLA3);
    expect(infoOf("custom:unknown")).toBeUndefined();
  });

  test("WEMWBS and SWEMWBS carry the owners' registration requirement", () => {
    for (const info of [instrumentInfo.WEMWBS, instrumentInfo.SWEMWBS]) {
      expect(info.licence).toBe(WARWICK_EDINBURGH_LICENCE);
    }
    for (const owner of [
      "NHS Health Scotland",
      "University of Warwick",
      "University of Edinburgh",
      "register",
    ]) {
      expect(WARWICK_EDINBURGH_LICENCE).toContain(owner);
    }
    expect(WARWICK_EDINBURGH_LICENCE).toContain("never stored or shown");
  });

  test("the package uses no Node module in its sources (browser-safe)", () => {
    const dir = resolve(import.meta.dirname, "../src");
    for (const file of readdirSync(dir)) {
      expect(readFileSync(resolve(dir, file), "utf8"), file).not.toMatch(/from "node:|require\(/);
    }
  });
});
