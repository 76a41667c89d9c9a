import { describe, expect, test } from "vitest";
import { setLocale } from "../i18n";
import {
  formatInterval,
  formatValue,
  periodName,
  periodWithCode,
  reasonText,
  targetOfText,
  targetToText,
  themeOf,
} from "./indicator-format";
import { describeIssue } from "./issues";
import {
  convertPeriod,
  isFuturePeriod,
  lastCompleteQuarter,
  monthsEndingWith,
  monthsOf,
  parsePeriodCode,
  shiftPeriod,
} from "./periods";

describe("period codes as the indicators read them", () => {
  test("the three kinds, and nothing else", () => {
    expect(parsePeriodCode("2026")).toEqual({ kind: "year", year: 2026, index: 0 });
    expect(parsePeriodCode("2026-Q3")).toEqual({ kind: "quarter", year: 2026, index: 3 });
    expect(parsePeriodCode("2026-09")).toEqual({ kind: "month", year: 2026, index: 9 });
    for (const bad of ["2025-Q5", "2025-13", "2025-1", "2025-01-01", "", "0999"])
      expect(parsePeriodCode(bad)).toBeUndefined();
  });

  test("previous and next cross the year", () => {
    expect(shiftPeriod("2026-Q1", -1)).toBe("2025-Q4");
    expect(shiftPeriod("2025-Q4", 1)).toBe("2026-Q1");
    expect(shiftPeriod("2026-01", -1)).toBe("2025-12");
    expect(shiftPeriod("2025-12", 1)).toBe("2026-01");
    expect(shiftPeriod("2026", -1)).toBe("2025");
  });

  test("the default is the last quarter that has ended", () => {
    expect(lastCompleteQuarter("2026-12-02")).toBe("2026-Q3");
    expect(lastCompleteQuarter("2026-10-01")).toBe("2026-Q3");
    expect(lastCompleteQuarter("2026-09-30")).toBe("2026-Q2");
    expect(lastCompleteQuarter("2026-02-15")).toBe("2025-Q4");
  });

  test("changing kind keeps the period's last month", () => {
    expect(convertPeriod("2026-Q3", "month")).toBe("2026-09");
    expect(convertPeriod("2026-08", "quarter")).toBe("2026-Q3");
    expect(convertPeriod("2026-Q3", "year")).toBe("2026");
    expect(convertPeriod("2026", "quarter")).toBe("2026-Q4");
    expect(monthsOf("2026-Q2")).toEqual(["2026-04", "2026-05", "2026-06"]);
  });

  test("a period that has not started has no next", () => {
    expect(isFuturePeriod("2026-Q4", "2026-12-02")).toBe(false);
    expect(isFuturePeriod("2027-Q1", "2026-12-02")).toBe(true);
    expect(isFuturePeriod("2027", "2026-12-02")).toBe(true);
  });

  test("trends read the 12 months that end with the period", () => {
    expect(monthsEndingWith("2026-Q3", 12)).toEqual({ from: "2025-10", to: "2026-09" });
    expect(monthsEndingWith("2026", 12)).toEqual({ from: "2026-01", to: "2026-12" });
  });
});

describe("figures read as their unit says", () => {
  const nbsp = /\u00a0/g;
  const plain = (text: string) =>
    text
      .replace(nbsp, " ")
      .replace(/\u202f/g, " ")
      .replace(/\u2212/g, "-");

  test("in French", () => {
    setLocale("fr");
    expect(plain(formatValue({ unit: "share", type: "proportion" }, 0.4213))).toBe("42,1 %");
    expect(plain(formatValue({ unit: "days", type: "median" }, 5))).toBe("5 j");
    expect(plain(formatValue({ unit: "days", type: "median" }, 5.5))).toBe("5,5 j");
    expect(plain(formatValue({ unit: "per_1000_inhabitants", type: "rate" }, 3.2456))).toBe("3,2 ‰");
    expect(plain(formatValue({ unit: "points", type: "mean_change" }, 2.4))).toBe("+2,4 pts");
    expect(plain(formatValue({ unit: "points", type: "mean" }, 48.25))).toBe("48,3 pts");
    expect(plain(formatValue({ unit: "ratio", type: "ratio" }, 0.8512))).toBe("0,85");
    expect(plain(formatValue({ unit: "people", type: "count" }, 152))).toBe("152 personnes");
    expect(plain(formatValue({ unit: "percent_change", type: "manual" }, -25))).toBe("-25,0 %");
    expect(plain(formatInterval({ unit: "share", type: "proportion" }, { low: 0.38, high: 0.463 }))).toBe(
      "IC 95 % : 38,0 – 46,3 %",
    );
    expect(periodName("2026-Q3")).toBe("3e trimestre 2026");
    expect(periodName("2026-Q1")).toBe("1er trimestre 2026");
    expect(periodName("2026-09")).toBe("septembre 2026");
    expect(periodWithCode("2026-Q3")).toBe("3e trimestre 2026 (2026-Q3)");
    expect(periodWithCode("2026")).toBe("2026");
    expect(reasonText("entry.missing")).toBe("aucune valeur saisie pour cette période");
    expect(reasonText("something.else")).toBe("donnée manquante");
  });

  test("a share's target is typed in percent", () => {
    setLocale("fr");
    expect(targetToText("share", 0.4)).toBe("40");
    expect(targetToText("days", 7.5)).toBe("7,5");
    expect(targetOfText("share", "42,5 %")).toBe(0.425);
    expect(targetOfText("days", "7")).toBe(7);
    expect(targetOfText("days", "sept")).toBe("sept");
  });

  test("in English", () => {
    setLocale("en");
    expect(plain(formatValue({ unit: "share", type: "proportion" }, 0.4213))).toBe("42.1%");
    expect(periodName("2026-Q3")).toBe("Q3 2026");
    setLocale("fr");
  });
});

describe("the indicators' message ids are translated once their pages load", () => {
  test("a locked period is named, with what to do", () => {
    setLocale("fr");
    expect(describeIssue({ path: "period", message: "period.locked", subject: "2026-Q1" }).text).toBe(
      "La période 2026-Q1 est verrouillée : déverrouillez-la d'abord, avec un motif.",
    );
    setLocale("en");
    expect(describeIssue({ path: "period", message: "period.locked", subject: "2026-Q1" }).text).toBe(
      "Period 2026-Q1 is locked: unlock it first, with a reason.",
    );
    setLocale("fr");
  });
});

describe("tiles sit in their theme", () => {
  const computed = { kind: "computed" };
  test("the catalogue's by code, a territory's own by what it measures", () => {
    expect(themeOf({ code: "DECLINE_RATE", unit: "share", level: "macro", source: computed })).toBe("funnel");
    expect(
      themeOf({ code: "DAYS_TO_FIRST_CONTACT_MEDIAN", unit: "days", level: "macro", source: computed }),
    ).toBe("delays");
    expect(themeOf({ code: "WEMWBS_MEAN_CHANGE", unit: "points", level: "micro", source: computed })).toBe(
      "wellbeing",
    );
    expect(
      themeOf({ code: "PEOPLE_PER_FTE", unit: "people_per_fte", level: "macro", source: computed }),
    ).toBe("capacity");
    expect(themeOf({ code: "ORIENTATIONS", unit: "orientations", level: "macro", source: computed })).toBe(
      "resources",
    );
    expect(
      themeOf({
        code: "GP_CONSULTATIONS_CHANGE",
        unit: "percent_change",
        level: "macro",
        source: { kind: "manual" },
      }),
    ).toBe("health");
    expect(themeOf({ code: "MY_OWN_DELAY", unit: "days", level: "macro", source: computed })).toBe("delays");
  });
});
