import { densityLabel, formatDate, formatNumber, label, locale } from "../i18n";
import { ti } from "../i18n/indicators";
import { parsePeriodCode } from "./periods";

/**
 * How an indicator's figures read (docs/indicators.md): a value by its unit ("42,1 %", "5 j",
 * "3,2 ‰", "+2,4 pts"), its 95 % interval, its numerator and denominator, its target and whether it
 * is met, in words. Shares travel as fractions (0.421) and show as percentages; a percentage change
 * (manual health-use figures) travels as a percentage (−25).
 */

interface Figure {
  readonly unit: string;
  readonly type: string;
}

const tag = () => (locale() === "fr" ? "fr-FR" : "en-GB");
const NBSP = "\u00a0";

function fixed(value: number, digits: number, signed = false): string {
  return new Intl.NumberFormat(tag(), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    ...(signed ? { signDisplay: "exceptZero" as const } : {}),
  }).format(value);
}

/** Days: whole when whole (a median of whole days), else one decimal. */
const days = (value: number) => fixed(value, Number.isInteger(value) ? 0 : 1);

/** The number alone, without its unit, as the unit wants it. */
function bare(figure: Figure, value: number): string {
  switch (figure.unit) {
    case "share":
      return fixed(value * 100, 1);
    case "days":
      return days(value);
    case "per_1000_inhabitants":
      // A small territory's rate: 0,26 ‰ rather than 0,3 ‰.
      return fixed(value, Math.abs(value) < 1 ? 2 : 1);
    case "people_per_fte":
      return fixed(value, 1);
    case "points":
      return fixed(value, 1, figure.type === "mean_change");
    case "percent_change":
      return fixed(value, 1, true);
    case "ratio":
      return fixed(value, 2);
    default:
      return Number.isInteger(value) ? formatNumber(value) : fixed(value, 1);
  }
}

/** The unit's symbol after a number ("%", "j", "‰"…); empty for a ratio. */
export function unitSymbol(unit: string, value?: number): string {
  const u = ti().indicators.units;
  switch (unit) {
    case "share":
    case "percent_change":
      return "%";
    case "days":
      return u.days;
    case "per_1000_inhabitants":
      return "‰";
    case "points":
      return u.points;
    case "people_per_fte":
      return u.peoplePerFte;
    case "people":
      return u.people(value ?? 2);
    case "orientations":
      return u.orientations(value ?? 2);
    default:
      return "";
  }
}

/** French puts a no-break space before every unit, "%" included; English writes "42.1%". */
const withUnit = (number: string, symbol: string) => {
  if (!symbol) return number;
  const tight = locale() === "en" && (symbol === "%" || symbol === "‰");
  return `${number}${tight ? "" : NBSP}${symbol}`;
};

/** "42,1 %", "5 j", "3,2 ‰", "+2,4 pts", "12,5 pers./ETP", "0,85", "152 personnes". */
export function formatValue(figure: Figure, value: number): string {
  return withUnit(bare(figure, value), unitSymbol(figure.unit, value));
}

/** "38,0 – 46,3 %": both limits, the unit once. */
export function formatRange(figure: Figure, low: number, high: number): string {
  return withUnit(`${bare(figure, low)} – ${bare(figure, high)}`, unitSymbol(figure.unit, high));
}

/** "IC 95 % : 38,0 – 46,3 %". */
export function formatInterval(figure: Figure, interval: { low: number; high: number }): string {
  return ti().indicators.tile.interval(formatRange(figure, interval.low, interval.high));
}

/** A target as typed in the settings: a share in percent, anything else as it is. */
export function targetToText(unit: string, value: number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const shown = unit === "share" ? Math.round(value * 100 * 1000) / 1000 : value;
  return String(shown).replace(".", locale() === "fr" ? "," : ".");
}

/** What a target input holds, back to the stored figure (a share from percent); text that is no number stays text. */
export function targetOfText(unit: string, text: string): number | string {
  const compact = text.replace(/[\s\u00a0\u202f%]/g, "").replace(",", ".");
  if (!/^[-+]?\d+(\.\d+)?$/.test(compact)) return text;
  const value = Number(compact);
  return unit === "share" ? Math.round(value * 1000) / 100000 : value;
}

/** "3e trimestre 2026", "septembre 2026", "2026". */
export function periodName(code: string): string {
  const p = parsePeriodCode(code);
  if (!p) return code;
  if (p.kind === "year") return String(p.year);
  if (p.kind === "quarter") return ti().indicators.period.quarterName(p.index, p.year);
  const date = new Date(Date.UTC(p.year, p.index - 1, 1));
  return new Intl.DateTimeFormat(tag(), { month: "long", year: "numeric", timeZone: "UTC" }).format(date);
}

/** "3e trimestre 2026 (2026-Q3)": the name and the code the API and exports use. */
export const periodWithCode = (code: string) => {
  const name = periodName(code);
  return name === code ? code : `${name} (${code})`;
};

/** Why a figure is not computable, in words. */
export function reasonText(reason: string | null): string {
  const reasons = ti().indicators.reasons;
  if (reason && Object.hasOwn(reasons, reason)) return reasons[reason as keyof typeof reasons];
  return reasons.unknown;
}

/** A group of a disaggregation, as people name it. */
export function groupLabel(dimension: string, group: string): string {
  const v = ti().indicators.views;
  if (group === "unknown" && dimension !== "qpv") return v.unknownGroup;
  switch (dimension) {
    case "sex":
      return label("sexes", group);
    case "ageBand":
      return label("ageBands", group);
    case "qpv":
      return v.qpvGroups[group as keyof typeof v.qpvGroups] ?? group;
    case "rurality":
      return densityLabel(group === "1" ? 1 : group === "2" ? 2 : group === "3" ? 3 : null);
    case "route":
      return label("referralRouteKinds", group);
    case "precarity":
      return v.precarityGroups[group as keyof typeof v.precarityGroups] ?? group;
    case "track":
      return label("tracks", group);
    case "pillar":
      return label("pillars", group);
    default:
      return group;
  }
}

export function dimensionLabel(dimension: string): string {
  const names = ti().indicators.views.dimensions;
  return Object.hasOwn(names, dimension) ? names[dimension as keyof typeof names] : dimension;
}

/** A calendar date, or the day of an instant in France: « 15 janvier 2026 ». */
export function dateOf(iso: string): string {
  if (iso.length <= 10) return formatDate(iso);
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatDate(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(date));
}

/** Euros, to the euro: "12 500 €". */
export function formatEuros(value: number): string {
  return new Intl.NumberFormat(tag(), {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  }).format(value);
}

/** The themes tiles are grouped by, in the dashboard's order. */
export type Theme = "funnel" | "delays" | "wellbeing" | "capacity" | "resources" | "health";
export const THEMES: readonly Theme[] = ["funnel", "delays", "wellbeing", "capacity", "resources", "health"];

const CAPACITY = new Set(["CASELOAD_VS_CAPACITY", "PEOPLE_PER_FTE"]);
const RESOURCES = new Set(["ORIENTATIONS", "ORIENTATIONS_ATTENDED_SHARE"]);
const HEALTH = new Set(["GP_CONSULTATIONS_CHANGE", "UNPLANNED_HOSPITAL_USE_CHANGE"]);

/**
 * The theme a tile sits in: the catalogue's by code, a territory's own indicator by what it measures
 * (delays in days, well-being in points or at the micro level, capacity, resources, entered figures).
 */
export function themeOf(result: {
  code: string;
  unit: string;
  level: string;
  source: { kind: string };
}): Theme {
  if (CAPACITY.has(result.code)) return "capacity";
  if (RESOURCES.has(result.code)) return "resources";
  if (HEALTH.has(result.code)) return "health";
  if (result.unit === "days") return "delays";
  if (result.level === "micro" || result.unit === "points") return "wellbeing";
  if (result.unit === "people_per_fte" || result.unit === "ratio") return "capacity";
  if (result.unit === "orientations") return "resources";
  if (result.unit === "percent_change" || result.source.kind !== "computed") return "health";
  return "funnel";
}
