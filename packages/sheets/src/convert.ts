/**
 * Cell converters: what French spreadsheets really contain, turned into stored values, and back.
 * Each converter parses one non-empty cell (a string from a CSV, a string, number or boolean from an
 * XLSX) into a value or a French sentence saying what is wrong and how to write it; `format` gives the
 * cell an export writes (a number stays a number for XLSX; the CSV writer prints it French-style).
 */
import { normalize } from "./text";
import type { Cell } from "./xlsx";

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface Converter<T = unknown> {
  /** A short French description of the expected format (the template's help sheet). */
  format: string;
  parse(cell: Exclude<Cell, null>): Parsed<T>;
  /** The cell of an export: text, a number, or a date (Excel serial). */
  write(value: T): Cell | { date: number };
  /** How the CSV export prints it (French: decimal comma, JJ/MM/AAAA). */
  text(value: T): string;
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (reason: string): Parsed<never> => ({ ok: false, reason });
const shown = (cell: Exclude<Cell, null>) => {
  const s = String(cell);
  return `« ${s.length > 40 ? `${s.slice(0, 40)}…` : s} »`;
};

export function text(options: { max?: number; multiline?: boolean } = {}): Converter<string> {
  const max = options.max ?? 500;
  return {
    format: `texte, ${max} caractères au maximum`,
    parse(cell) {
      const value = String(cell)
        .replace(/\r\n?/g, "\n")
        .replace(options.multiline ? /[^\S\n]+/g : /\s+/g, " ")
        .trim();
      if (value.length > max) return fail(`Ce texte compte ${value.length} caractères : ${max} au maximum.`);
      return ok(value);
    },
    write: (value) => value,
    text: (value) => value,
  };
}

const SPACES = /[\s\u00a0\u202f']/g;

/** "0,8", "1 234,5" (space, no-break space or narrow no-break space between thousands), "0.8", 1234.5. */
export function parseDecimal(cell: Exclude<Cell, null>): number | undefined {
  if (typeof cell === "number") return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === "boolean") return undefined;
  let s = cell.replace(SPACES, "");
  if (/^[+-]?\d{1,3}(\.\d{3})+,\d+$/.test(s)) s = s.replace(/\./g, ""); // 1.234,5
  if (/^[+-]?\d{1,3}(,\d{3})+\.\d+$/.test(s)) s = s.replace(/,/g, ""); // 1,234.5 (English)
  s = s.replace(",", ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(s)) return undefined;
  return Number(s);
}

const frenchNumber = (n: number) => String(n).replace(".", ",");

export function decimal(options: { min?: number; max?: number } = {}): Converter<number> {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = options;
  return {
    format: "nombre, virgule décimale (par exemple 0,8)",
    parse(cell) {
      const n = parseDecimal(cell);
      if (n === undefined)
        return fail(`${shown(cell)} n'est pas un nombre : écrivez par exemple 0,8 ou 1 234,5.`);
      if (n < min) return fail(`${shown(cell)} est trop petit : ${frenchNumber(min)} au minimum.`);
      if (n > max) return fail(`${shown(cell)} est trop grand : ${frenchNumber(max)} au maximum.`);
      return ok(n);
    },
    write: (value) => value,
    text: frenchNumber,
  };
}

export function integer(options: { min?: number; max?: number } = {}): Converter<number> {
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = options;
  return {
    format: "nombre entier",
    parse(cell) {
      const n = parseDecimal(cell);
      if (n === undefined || !Number.isInteger(n)) {
        return fail(`${shown(cell)} n'est pas un nombre entier : écrivez par exemple 12.`);
      }
      if (n < min) return fail(`${shown(cell)} est trop petit : ${min} au minimum.`);
      if (n > max) return fail(`${shown(cell)} est trop grand : ${max} au maximum.`);
      return ok(n);
    },
    write: (value) => value,
    text: String,
  };
}

const DAY_MS = 86_400_000;
/** Excel's day 0 in its 1900 date system, shifted by one for Lotus 1-2-3's fictional 29 February 1900. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Excel serial number (1900 system) → "YYYY-MM-DD"; serial 60 is the 29/02/1900 that never was. */
export function serialToIso(serial: number): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return undefined;
  const days = Math.floor(serial);
  if (days === 60) return undefined;
  const ms = days < 60 ? EXCEL_EPOCH + (days + 1) * DAY_MS : EXCEL_EPOCH + days * DAY_MS;
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoToSerial(iso: string): number {
  const days = Math.round((Date.parse(`${iso}T00:00:00Z`) - EXCEL_EPOCH) / DAY_MS);
  return days < 61 ? days - 1 : days;
}

function validDate(y: number, m: number, d: number): string | undefined {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return undefined;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** "01/10/2025", "1/10/25"? no: a year has 4 digits. "2025-10-01", "01-10-2025", "01.10.2025", 45931. */
export function parseDate(cell: Exclude<Cell, null>): string | undefined {
  if (typeof cell === "number") return serialToIso(cell);
  if (typeof cell === "boolean") return undefined;
  const s = cell.trim().replace(/[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/, "");
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  // A serial number saved as text (a CSV written from a sheet whose dates lost their format).
  if (/^\d{4,6}([.,]\d+)?$/.test(s)) return serialToIso(Number(s.replace(",", ".")));
  return undefined;
}

const frenchDate = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

export function date(): Converter<string> {
  return {
    format: "date JJ/MM/AAAA (ou AAAA-MM-JJ)",
    parse(cell) {
      const iso = parseDate(cell);
      return iso
        ? ok(iso)
        : fail(`${shown(cell)} n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 01/10/2025.`);
    },
    write: (value) => ({ date: isoToSerial(value) }),
    text: frenchDate,
  };
}

const TRUE = new Set(["oui", "o", "vrai", "x", "1", "true", "yes", "y"]);
const FALSE = new Set(["non", "n", "faux", "0", "false", "no", "-"]);

export function boolean(): Converter<boolean> {
  return {
    format: "oui ou non",
    parse(cell) {
      if (typeof cell === "boolean") return ok(cell);
      const s = normalize(String(cell));
      if (TRUE.has(s)) return ok(true);
      if (FALSE.has(s)) return ok(false);
      return fail(`${shown(cell)} : répondez oui ou non.`);
    },
    write: (value) => (value ? "oui" : "non"),
    text: (value) => (value ? "oui" : "non"),
  };
}

export interface Option<T extends string = string> {
  value: T;
  label: string;
}

/** One of a list, written as its French label or its code (accents and case ignored). */
export function choice<T extends string>(options: readonly Option<T>[]): Converter<T> {
  const byKey = new Map<string, T>();
  for (const o of options) {
    byKey.set(normalize(o.value), o.value);
    byKey.set(normalize(o.label), o.value);
  }
  const labels = options.map((o) => o.label);
  const listed = labels.length <= 12 ? labels.join(", ") : `${labels.slice(0, 12).join(", ")}…`;
  return {
    format: `une valeur parmi : ${labels.join(", ")}`,
    parse(cell) {
      const value = byKey.get(normalize(String(cell)));
      return value ? ok(value) : fail(`${shown(cell)} ne fait pas partie des valeurs possibles : ${listed}.`);
    },
    write: (value) => options.find((o) => o.value === value)?.label ?? value,
    text: (value) => options.find((o) => o.value === value)?.label ?? value,
  };
}

/** Several values in one cell, separated by `,`, `;` or `|` (or line breaks). */
export function list<T>(item: Converter<T>, options: { max?: number } = {}): Converter<T[]> {
  const max = options.max ?? 200;
  return {
    format: `liste séparée par des virgules (${item.format})`,
    parse(cell) {
      const parts = (typeof cell === "string" ? cell.split(/[,;|\n]/) : [cell])
        .map((p) => (typeof p === "string" ? p.trim() : p))
        .filter((p) => p !== "");
      if (parts.length > max) return fail(`Cette liste compte ${parts.length} éléments : ${max} au maximum.`);
      const values: T[] = [];
      for (const part of parts) {
        const parsed = item.parse(part);
        if (!parsed.ok) return parsed;
        if (!values.includes(parsed.value)) values.push(parsed.value);
      }
      return ok(values);
    },
    write: (values) => values.map((v) => item.text(v)).join(", "),
    text: (values) => values.map((v) => item.text(v)).join(", "),
  };
}
