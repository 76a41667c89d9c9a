import { describe, expect, test } from "vitest";
import { inPeriod, isCalendarDate, monthOf, PeriodError, parsePeriod, periodsOf } from "../src/index";

describe("parsePeriod", () => {
  test("a year: 1 January to 31 December, twelve months", () => {
    const year = parsePeriod("2025");
    expect(year).toMatchObject({ kind: "year", start: "2025-01-01", end: "2025-12-31" });
    expect(year.months).toHaveLength(12);
    expect(year.months[0]).toBe("2025-01");
    expect(year.months[11]).toBe("2025-12");
  });

  test("quarters: Q1 January–March … Q4 October–December", () => {
    expect(parsePeriod("2025-Q1")).toMatchObject({
      kind: "quarter",
      start: "2025-01-01",
      end: "2025-03-31",
      months: ["2025-01", "2025-02", "2025-03"],
    });
    expect(parsePeriod("2025-Q2")).toMatchObject({ start: "2025-04-01", end: "2025-06-30" });
    expect(parsePeriod("2025-Q3")).toMatchObject({ start: "2025-07-01", end: "2025-09-30" });
    expect(parsePeriod("2025-Q4")).toMatchObject({ start: "2025-10-01", end: "2025-12-31" });
  });

  test("months, February of leap and common years included", () => {
    expect(parsePeriod("2025-04")).toMatchObject({ kind: "month", start: "2025-04-01", end: "2025-04-30" });
    expect(parsePeriod("2024-02").end).toBe("2024-02-29");
    expect(parsePeriod("2025-02").end).toBe("2025-02-28");
    expect(parsePeriod("2000-02").end).toBe("2000-02-29");
    expect(parsePeriod("1900-02").end).toBe("1900-02-28");
    expect(parsePeriod("2024-Q1").end).toBe("2024-03-31");
  });

  test.each([
    "2025-Q5",
    "2025-Q0",
    "2025-13",
    "2025-00",
    "25",
    "2025-1",
    "2025-q1",
    "2025-01-01",
    "",
    " 2025",
    "0999",
  ])("refuses %j", (code) => {
    expect(() => parsePeriod(code)).toThrow(PeriodError);
  });
});

describe("dates in periods", () => {
  test("the first and the last day of a month, quarter and year are in it", () => {
    for (const [date, period] of [
      ["2025-01-01", "2025"],
      ["2025-12-31", "2025"],
      ["2025-01-01", "2025-Q1"],
      ["2025-03-31", "2025-Q1"],
      ["2025-04-01", "2025-Q2"],
      ["2025-06-30", "2025-Q2"],
      ["2025-01-31", "2025-01"],
      ["2025-02-01", "2025-02"],
    ] as const) {
      expect(inPeriod(date, period), `${date} in ${period}`).toBe(true);
    }
  });

  test("the day before and the day after are not", () => {
    expect(inPeriod("2024-12-31", "2025")).toBe(false);
    expect(inPeriod("2026-01-01", "2025")).toBe(false);
    expect(inPeriod("2025-04-01", "2025-Q1")).toBe(false);
    expect(inPeriod("2025-03-31", "2025-Q2")).toBe(false);
    expect(inPeriod("2025-02-01", "2025-01")).toBe(false);
  });

  test("the leap day is a date of February, Q1 and its year; 29 February of a common year is no date", () => {
    expect(inPeriod("2024-02-29", "2024-02")).toBe(true);
    expect(inPeriod("2024-02-29", "2024-Q1")).toBe(true);
    expect(inPeriod("2024-02-29", "2024")).toBe(true);
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2025-02-29")).toBe(false);
    expect(inPeriod("2025-02-29", "2025-02")).toBe(false);
    expect(() => monthOf("2025-02-29")).toThrow(RangeError);
  });

  test("a date's month, quarter and year", () => {
    expect(periodsOf("2025-03-31")).toEqual({ month: "2025-03", quarter: "2025-Q1", year: "2025" });
    expect(periodsOf("2025-10-01")).toEqual({ month: "2025-10", quarter: "2025-Q4", year: "2025" });
    expect(periodsOf("2024-02-29")).toEqual({ month: "2024-02", quarter: "2024-Q1", year: "2024" });
  });

  test("a date is in a period exactly when its month is one of the period's months", () => {
    for (const code of ["2024", "2024-Q1", "2024-02", "2025-Q4"]) {
      const period = parsePeriod(code);
      for (const date of [
        "2024-01-01",
        "2024-02-29",
        "2024-03-31",
        "2024-12-31",
        "2025-10-01",
        "2025-12-31",
      ]) {
        expect(inPeriod(date, period)).toBe(period.months.includes(monthOf(date)));
      }
    }
  });
});
