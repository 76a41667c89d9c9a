import { STALE_AFTER_MONTHS } from "@maillage/schema";

/**
 * "Today" for date-based rules (a resource is stale 6 months after its last verification). Core
 * functions take it as a parameter; when a caller gives none, it is `MAILLAGE_TODAY` (YYYY-MM-DD: a
 * fixed day for demos and browser tests) or the current day in France (Europe/Paris).
 */
export function today(now?: Date): string {
  if (!now) {
    const fixed = process.env.MAILLAGE_TODAY;
    if (fixed && /^\d{4}-\d{2}-\d{2}$/.test(fixed)) return fixed;
  }
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Paris",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now ?? new Date());
}

/** The day `months` months before `day` (YYYY-MM-DD), clamped to the month's last day (08-31 → 02-28). */
export function monthsBefore(day: string, months: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) - months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const pad = (n: number, width = 2) => String(n).padStart(width, "0");
  return `${pad(y, 4)}-${pad(m)}-${pad(Math.min(date, last))}`;
}

/** Verified before this day (or never): stale. */
export function staleCutoff(day: string): string {
  return monthsBefore(day, STALE_AFTER_MONTHS);
}

/** Never verified, or last verified more than 6 months before `day`. */
export function isStale(lastVerified: string | null, day: string): boolean {
  return lastVerified === null || lastVerified < staleCutoff(day);
}
