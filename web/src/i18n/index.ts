import { type EnumName, enumLabel, type Locale, type Role } from "@maillage/schema";
import { createEffect, createRoot, createSignal } from "solid-js";
import { catalogue } from "./catalogue";
import { common } from "./common";
import { configuration } from "./configuration";
import { denominators } from "./denominators";
import { followUp } from "./follow-up";
import { issues } from "./issues";
import { journal } from "./journal";
import { journeys } from "./journeys";
import { network } from "./network";
import { operator } from "./operator";
import { session } from "./session";
import { territory } from "./territory";

export type { IssueContext } from "./issues";
export type { Locale };

/** One dictionary per feature; each one checks that French and English have the same keys. */
const features = [
  common,
  issues,
  session,
  territory,
  journal,
  operator,
  network,
  followUp,
  configuration,
  catalogue,
  denominators,
  journeys,
] as const;

type Feature = (typeof features)[number];
type Merged<U> = (U extends unknown ? (part: U) => void : never) extends (part: infer I) => void ? I : never;
export type Dictionary = Merged<Feature["fr"]>;

function merge(locale: Locale): Dictionary {
  const merged: Record<string, unknown> = {};
  for (const feature of features) {
    for (const [key, value] of Object.entries(feature[locale])) {
      if (key in merged) throw new Error(`Two dictionaries define "${key}"`);
      merged[key] = value;
    }
  }
  return merged as Dictionary;
}

const dictionaries: Record<Locale, Dictionary> = { fr: merge("fr"), en: merge("en") };
const STORAGE_KEY = "maillage.locale";

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
}

/** The current dictionary: `t().profile.save`. */
export const t = () => dictionaries[locale()];

createRoot(() => {
  createEffect(() => {
    if (typeof document !== "undefined") document.documentElement.lang = locale();
  });
});

const tag = () => (locale() === "fr" ? "fr-FR" : "en-GB");

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(tag()).format(value);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(tag(), { style: "percent", maximumFractionDigits: 1 }).format(value);
}

/** French writes the first day of a month as an ordinal: « 1er septembre », not « 1 septembre ». */
function formatParts(format: Intl.DateTimeFormat, date: Date): string {
  return format
    .formatToParts(date)
    .map((part) => (part.type === "day" && part.value === "1" && locale() === "fr" ? "1er" : part.value))
    .join("");
}

/** A calendar date (YYYY-MM-DD), shown without any time-zone shift: « 1er septembre 2026 ». */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return formatParts(new Intl.DateTimeFormat(tag(), { dateStyle: "long", timeZone: "UTC" }), date);
}

/** An instant, in the person's time zone: « 1er septembre 2026 à 08:05 ». */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatParts(
    new Intl.DateTimeFormat(tag(), {
      day: "numeric",
      month: "long",
      year: "numeric",
      hour: "2-digit",
      minute: "2-digit",
    }),
    date,
  );
}

export function densityLabel(density: 1 | 2 | 3 | null): string {
  const labels = t().density;
  if (density === 1) return labels.dense;
  if (density === 2) return labels.intermediate;
  if (density === 3) return labels.rural;
  return labels.unknown;
}

export function roleLabel(role: Role): string {
  return t().roles[role];
}

/** The label of a closed-list value that arrives as a plain string (the value itself if unknown). */
export function label(list: EnumName, value: string): string {
  return enumLabel(locale(), list, value);
}
