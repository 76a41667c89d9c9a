import * as v from "valibot";

/**
 * Periods (docs/indicators.md §3). A period is a calendar year `YYYY`, a quarter `YYYY-Qn` (Q1 =
 * January–March) or a month `YYYY-MM`. Dates are the civil dates the product stores (`YYYY-MM-DD`,
 * already Europe/Paris calendar days: no time zone is involved, so no arithmetic on instants is
 * done). A period runs from its first day to its last day, both included; a date belongs to a period
 * exactly when its month is one of the period's months, which is what lets monthly rollups add up to
 * quarters and years.
 */

export const periodKinds = ["month", "quarter", "year"] as const;
export type PeriodKind = (typeof periodKinds)[number];

const PATTERN = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;
const DATE = /^(\d{4})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;

export const PeriodCode = v.pipe(
  v.string("period.invalid"),
  v.regex(PATTERN, "period.invalid"),
  v.check((code) => Number(code.slice(0, 4)) >= 1000, "period.invalid"),
);

export interface Period {
  readonly code: string;
  readonly kind: PeriodKind;
  /** First day, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day, `YYYY-MM-DD` (29 February in a leap year's February). */
  readonly end: string;
  /** Its months, `YYYY-MM`, in order. */
  readonly months: readonly string[];
}

export class PeriodError extends Error {
  readonly code = "period.invalid";
  constructor(input: string) {
    super(`Not a period (YYYY, YYYY-Qn or YYYY-MM): ${JSON.stringify(input)}`);
    this.name = "PeriodError";
  }
}

/** Gregorian leap years: divisible by 4, except centuries not divisible by 400. */
export const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const pad = (n: number) => String(n).padStart(2, "0");

/** Reads a period code, or throws a PeriodError. */
export function parsePeriod(code: string): Period {
  if (!v.is(PeriodCode, code)) throw new PeriodError(code);
  const match = PATTERN.exec(code) as RegExpExecArray;
  const year = Number(match[1]);
  const [kind, first, count]: [PeriodKind, number, number] = match[2]
    ? ["quarter", (Number(match[2]) - 1) * 3 + 1, 3]
    : match[3]
      ? ["month", Number(match[3]), 1]
      : ["year", 1, 12];
  const months = Array.from({ length: count }, (_, i) => `${year}-${pad(first + i)}`);
  const last = first + count - 1;
  return {
    code,
    kind,
    start: `${year}-${pad(first)}-01`,
    end: `${year}-${pad(last)}-${pad(daysInMonth(year, last))}`,
    months,
  };
}

/** Whether `date` is a real calendar date `YYYY-MM-DD` (so 2025-02-29 is not). */
export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  return Number(match[3]) <= daysInMonth(Number(match[1]), Number(match[2]));
}

/** The month `YYYY-MM` of a calendar date; throws on anything else. */
export function monthOf(date: string): string {
  if (!isCalendarDate(date))
    throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
  return date.slice(0, 7);
}

/** Whether a calendar date falls in the period, its first and last days included. */
export function inPeriod(date: string, period: Period | string): boolean {
  const { start, end } = typeof period === "string" ? parsePeriod(period) : period;
  return isCalendarDate(date) && date >= start && date <= end;
}

/** The month, quarter and year a date belongs to. */
export function periodsOf(date: string): { month: string; quarter: string; year: string } {
  const month = monthOf(date);
  const year = date.slice(0, 4);
  return { month, quarter: `${year}-Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`, year };
}
