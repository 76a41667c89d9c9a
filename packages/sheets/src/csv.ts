/**
 * CSV as Excel in France reads and writes it: `;` between fields (`,` and tab accepted on reading),
 * fields quoted with `"` when they hold a delimiter, a quote or a line break (quotes doubled inside),
 * records ended by CRLF (LF and CR accepted). Written as UTF-8 with a BOM, which Excel needs to read
 * accents right. A small state machine rather than a library (papaparse is 22 KB minified): we need
 * neither streaming nor type guessing, and every cell stays a string for the converters.
 */
import { decode, type Encoding } from "./text";

export type Delimiter = ";" | "," | "\t";

/** The delimiter of a file: the one that occurs most in its first record, outside quotes (`;` on a tie). */
export function detectDelimiter(text: string): Delimiter {
  const counts: Record<Delimiter, number> = { ";": 0, ",": 0, "\t": 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && (ch === ";" || ch === "," || ch === "\t")) counts[ch]++;
  }
  let best: Delimiter = ";";
  for (const d of [",", "\t"] as const) if (counts[d] > counts[best]) best = d;
  return best;
}

export interface CsvOptions {
  delimiter?: Delimiter;
  /** Stop with an error beyond this many records (a guard, not a business rule). */
  maxRecords?: number;
}

export class CsvTooLarge extends Error {
  override name = "CsvTooLarge";
}

/** Records of a CSV text; a quoted field may span lines. A trailing empty line is not a record. */
export function parseCsv(text: string, options: CsvOptions = {}): string[][] {
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const max = options.maxRecords ?? Number.POSITIVE_INFINITY;
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endRecord = () => {
    record.push(field);
    field = "";
    records.push(record);
    record = [];
    if (records.length > max) throw new CsvTooLarge(`More than ${max} records`);
  };
  while (i < text.length) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        continue;
      }
      field += ch;
      i++;
      continue;
    }
    if (ch === '"' && field === "") {
      quoted = true;
      i++;
    } else if (ch === delimiter) {
      record.push(field);
      field = "";
      i++;
    } else if (ch === "\r" || ch === "\n") {
      endRecord();
      i += ch === "\r" && text[i + 1] === "\n" ? 2 : 1;
    } else {
      field += ch;
      i++;
    }
  }
  if (field !== "" || record.length > 0 || quoted) endRecord();
  return records;
}

/** A CSV file's bytes: its encoding detected, its delimiter detected, its records. */
export function readCsv(
  bytes: Uint8Array,
  options: CsvOptions = {},
): { records: string[][]; encoding: Encoding; delimiter: Delimiter } {
  const { text, encoding } = decode(bytes);
  const delimiter = options.delimiter ?? detectDelimiter(text);
  return { records: parseCsv(text, { ...options, delimiter }), encoding, delimiter };
}

const BOM = "\ufeff";

function quote(value: string, delimiter: string): string {
  return value.includes(delimiter) || /["\r\n]/.test(value) || /^\s|\s$/.test(value)
    ? `"${value.replaceAll('"', '""')}"`
    : value;
}

/** What Excel in France opens as is: UTF-8 with a BOM, `;`, CRLF. */
export function writeCsv(
  records: readonly (readonly (string | number | boolean | null | undefined)[])[],
  delimiter: Delimiter = ";",
): Uint8Array {
  const lines = records.map((record) =>
    record
      .map((cell) => quote(cell === null || cell === undefined ? "" : String(cell), delimiter))
      .join(delimiter),
  );
  return new TextEncoder().encode(`${BOM}${lines.join("\r\n")}\r\n`);
}
