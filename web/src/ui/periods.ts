/**
 * Period codes as the indicators use them (docs/indicators.md §3): `YYYY`, `YYYY-Qn`, `YYYY-MM`. The
 * arithmetic the dashboard needs (previous, next, the last complete quarter, changing kind), on civil
 * dates only: no time zone is involved. The engine's `parsePeriod` is the reference; this copy keeps
 * the console's first download free of the engine.
 */

export type PeriodKind = "month" | "quarter" | "year";

export interface PeriodParts {
  kind: PeriodKind;
  year: number;
  /** The quarter (1–4) or the month (1–12); 0 for a year. */
  index: number;
}

const PATTERN = /^(\d{4})(?:-(?:Q([1-4])|(0[1-9]|1[0-2])))?$/;
const pad = (n: number) => String(n).padStart(2, "0");

export function parsePeriodCode(code: string): PeriodParts | undefined {
  const match = PATTERN.exec(code);
  if (!match || Number(match[1]) < 1000) return undefined;
  const year = Number(match[1]);
  if (match[2]) return { kind: "quarter", year, index: Number(match[2]) };
  if (match[3]) return { kind: "month", year, index: Number(match[3]) };
  return { kind: "year", year, index: 0 };
}

export function periodCode(parts: PeriodParts): string {
  if (parts.kind === "year") return String(parts.year);
  return parts.kind === "quarter" ? `${parts.year}-Q${parts.index}` : `${parts.year}-${pad(parts.index)}`;
}

export const periodKindOf = (code: string): PeriodKind | undefined => parsePeriodCode(code)?.kind;

/** The period `delta` periods of the same kind away (−1: the previous one). */
export function shiftPeriod(code: string, delta: number): string {
  const p = parsePeriodCode(code);
  if (!p) return code;
  if (p.kind === "year") return String(p.year + delta);
  const size = p.kind === "quarter" ? 4 : 12;
  const zero = p.year * size + (p.index - 1) + delta;
  return periodCode({ kind: p.kind, year: Math.floor(zero / size), index: (zero % size) + 1 });
}

/** The months `YYYY-MM` of a period, in order. */
export function monthsOf(code: string): string[] {
  const p = parsePeriodCode(code);
  if (!p) return [];
  const [first, count] =
    p.kind === "year" ? [1, 12] : p.kind === "quarter" ? [(p.index - 1) * 3 + 1, 3] : [p.index, 1];
  return Array.from({ length: count }, (_, i) => `${p.year}-${pad(first + i)}`);
}

/** The same moment as a period of another kind: the one that holds the period's last month. */
export function convertPeriod(code: string, kind: PeriodKind): string {
  const last = monthsOf(code).at(-1);
  if (!last) return code;
  const year = Number(last.slice(0, 4));
  const month = Number(last.slice(5, 7));
  if (kind === "year") return String(year);
  if (kind === "quarter") return `${year}-Q${Math.ceil(month / 3)}`;
  return last;
}

/** The last quarter that has ended on `today` (`YYYY-MM-DD`): on 2 December 2026, 2026-Q3. */
export function lastCompleteQuarter(today: string): string {
  const year = Number(today.slice(0, 4));
  const quarter = Math.ceil(Number(today.slice(5, 7)) / 3);
  return shiftPeriod(`${year}-Q${quarter}`, -1);
}

/** Whether the period has not started yet on `today`. */
export function isFuturePeriod(code: string, today: string): boolean {
  const first = monthsOf(code)[0];
  return first === undefined || first > today.slice(0, 7);
}

/** `count` months ending with the period's last month (the API reads at most 36). */
export function monthsEndingWith(code: string, count: number): { from: string; to: string } {
  const to = monthsOf(code).at(-1) ?? code;
  return { from: shiftPeriod(to, -(count - 1)), to };
}
