/**
 * XLSX without a spreadsheet library: an XLSX file is a zip of XML parts, and we need the first sheet's
 * cell values only (read) and one or two plain sheets with a bold header (write). fflate (8 KB
 * minified for what we use) unzips and zips; the XML is read with a few regular expressions over the
 * parts a sheet needs (workbook, its relationships, shared strings, the sheet).
 *
 * Zip bombs: only the parts we read are inflated, each into a buffer of the size its directory entry
 * declares, refused beyond `maxPartBytes` (and the sum beyond `maxTotalBytes`). fflate writes no more
 * than that buffer holds, so a part that lies about its size is truncated (and then fails to parse),
 * never inflated without bound.
 */
import { unzipSync, zipSync } from "fflate";

export type Cell = string | number | boolean | null;

export interface XlsxLimits {
  maxPartBytes?: number;
  maxTotalBytes?: number;
  maxEntries?: number;
  maxRows?: number;
}

export class XlsxError extends Error {
  override name = "XlsxError";
}

const DEFAULT_LIMITS: Required<XlsxLimits> = {
  maxPartBytes: 64 * 1024 * 1024,
  maxTotalBytes: 96 * 1024 * 1024,
  maxEntries: 2000,
  maxRows: 100_000,
};

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, name: string) => {
    if (name[0] !== "#") return ENTITIES[name] ?? "";
    const code = name[1] === "x" ? Number.parseInt(name.slice(2), 16) : Number.parseInt(name.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : "";
  });
}

function escapeXml(text: string): string {
  return (
    text
      // Characters XML 1.0 cannot hold at all.
      // biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;")
  );
}

const attr = (tag: string, name: string) =>
  new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
    .exec(tag)
    ?.slice(1)
    .find((v) => v !== undefined);

/** The text of `<t>` elements of a string item, leaving out phonetic runs (`<rPh>`). */
function textOf(xml: string): string {
  const withoutPhonetic = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, "");
  let out = "";
  for (const m of withoutPhonetic.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) {
    out += unescapeXml(m[1] ?? "");
  }
  return out;
}

/** "BC12" → column index 54 (0-based). */
function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

export function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = base.split("/").slice(0, -1);
  for (const piece of target.split("/")) {
    if (piece === "..") parts.pop();
    else if (piece !== ".") parts.push(piece);
  }
  return parts.join("/");
}

export interface SheetRow {
  /** The row number the spreadsheet shows (1 = the first row). */
  line: number;
  cells: Cell[];
}

/** The first sheet of an XLSX file, row by row (empty rows left out), with the rows' own numbers. */
export function readXlsx(bytes: Uint8Array, limits: XlsxLimits = {}): SheetRow[] {
  const { maxPartBytes, maxTotalBytes, maxEntries, maxRows } = { ...DEFAULT_LIMITS, ...limits };
  const unzip = (names: (name: string) => boolean) => {
    let entries = 0;
    let total = 0;
    try {
      return unzipSync(bytes, {
        filter: (file) => {
          if (++entries > maxEntries) throw new XlsxError("Too many entries in the file");
          if (!names(file.name)) return false;
          if (file.originalSize > maxPartBytes) throw new XlsxError(`Part ${file.name} is too large`);
          total += file.originalSize;
          if (total > maxTotalBytes) throw new XlsxError("The file is too large once uncompressed");
          return true;
        },
      });
    } catch (error) {
      if (error instanceof XlsxError) throw error;
      throw new XlsxError("Not a readable XLSX file");
    }
  };
  const decoder = new TextDecoder();
  const meta = unzip((name) => name === "xl/workbook.xml" || name === "xl/_rels/workbook.xml.rels");
  const workbook = meta["xl/workbook.xml"];
  if (!workbook) throw new XlsxError("Not an XLSX file (no workbook)");
  const workbookXml = decoder.decode(workbook);
  const relsXml = meta["xl/_rels/workbook.xml.rels"]
    ? decoder.decode(meta["xl/_rels/workbook.xml.rels"])
    : "";
  const relations = [...relsXml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({
    id: attr(m[0], "Id"),
    type: attr(m[0], "Type") ?? "",
    target: attr(m[0], "Target") ?? "",
  }));
  const firstSheet = /<(?:\w+:)?sheet\b[^>]*>/.exec(workbookXml)?.[0];
  const sheetRel = firstSheet ? (attr(firstSheet, "r:id") ?? attr(firstSheet, "\\w+:id")) : undefined;
  const sheetTarget = relations.find((r) => r.id === sheetRel)?.target;
  const sheetPath = sheetTarget ? resolveTarget("xl/workbook.xml", sheetTarget) : "xl/worksheets/sheet1.xml";
  const stringsTarget = relations.find((r) => r.type.endsWith("/sharedStrings"))?.target;
  const stringsPath = stringsTarget
    ? resolveTarget("xl/workbook.xml", stringsTarget)
    : "xl/sharedStrings.xml";
  const parts = unzip((name) => name === sheetPath || name === stringsPath);
  const sheet = parts[sheetPath];
  if (!sheet) throw new XlsxError("The workbook has no readable first sheet");
  const shared = parts[stringsPath]
    ? [
        ...decoder
          .decode(parts[stringsPath])
          .matchAll(/<(?:\w+:)?si\b[^>]*>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\b[^>]*\/>/g),
      ].map((m) => textOf(m[1] ?? ""))
    : [];
  const rows: SheetRow[] = [];
  const sheetXml = decoder.decode(sheet);
  let nextLine = 1;
  for (const rowMatch of sheetXml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const r = Number(attr(rowMatch[1] ?? "", "r"));
    const line = Number.isInteger(r) && r > 0 ? r : nextLine;
    nextLine = line + 1;
    const cells: Cell[] = [];
    let nextColumn = 0;
    for (const c of (rowMatch[2] ?? "").matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const attrs = c[1] ?? "";
      const ref = attr(attrs, "r");
      const column = ref ? columnIndex(ref) : nextColumn;
      nextColumn = column + 1;
      if (column < 0 || column > 16_383) continue;
      const body = c[2] ?? "";
      const type = attr(attrs, "t") ?? "n";
      const raw = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
      let value: Cell = null;
      if (type === "inlineStr") value = textOf(body);
      else if (raw === undefined) value = null;
      else if (type === "s") value = shared[Number(raw)] ?? null;
      else if (type === "b") value = raw.trim() === "1";
      else if (type === "str" || type === "d") value = unescapeXml(raw);
      else if (type === "e") value = null;
      else {
        const n = Number(raw);
        value = raw.trim() !== "" && Number.isFinite(n) ? n : unescapeXml(raw);
      }
      while (cells.length < column) cells.push(null);
      cells[column] = value;
    }
    while (cells.length > 0 && (cells.at(-1) === null || cells.at(-1) === "")) cells.pop();
    if (cells.length === 0) continue;
    rows.push({ line, cells });
    if (rows.length > maxRows) throw new XlsxError(`More than ${maxRows} rows`);
  }
  return rows;
}

/** A cell to write: a value, and whether it is a date (an Excel serial shown as JJ/MM/AAAA). */
export type OutCell = Cell | undefined | { date: number };

export interface OutSheet {
  name: string;
  /** The first row, written bold and frozen. */
  header: readonly string[];
  rows: readonly (readonly OutCell[])[];
  /** Column widths in characters (default: from the header and the first rows). */
  widths?: readonly number[];
}

const CONTENT_TYPES = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join("")}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

/** Style 0: default; 1: bold (header); 2: a date shown as JJ/MM/AAAA (built-in format 14, localised by Excel). */
const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function cellXml(ref: string, cell: OutCell, style = 0): string {
  const s = style ? ` s="${style}"` : "";
  if (cell === null || cell === undefined || cell === "") return "";
  if (typeof cell === "object") return `<c r="${ref}" s="2"><v>${cell.date}</v></c>`;
  if (typeof cell === "number") return Number.isFinite(cell) ? `<c r="${ref}"${s}><v>${cell}</v></c>` : "";
  if (typeof cell === "boolean") return `<c r="${ref}"${s} t="b"><v>${cell ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${escapeXml(cell)}</t></is></c>`;
}

const widthOf = (cell: OutCell) =>
  cell === null || cell === undefined
    ? 0
    : typeof cell === "object"
      ? 10
      : (String(cell).split("\n")[0]?.length ?? 0);

function sheetXml(sheet: OutSheet): string {
  const widths =
    sheet.widths ??
    sheet.header.map((h, i) =>
      Math.min(60, Math.max(10, h.length + 2, ...sheet.rows.slice(0, 50).map((r) => widthOf(r[i]) + 2))),
    );
  const cols = widths
    .map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w}" customWidth="1"/>`)
    .join("");
  const rows = [sheet.header as readonly OutCell[], ...sheet.rows].map((row, r) => {
    const cells = row.map((cell, c) => cellXml(`${columnName(c)}${r + 1}`, cell, r === 0 ? 1 : 0)).join("");
    return `<row r="${r + 1}">${cells}</row>`;
  });
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ""}<sheetData>${rows.join("")}</sheetData></worksheet>`;
}

/** A workbook of plain sheets: inline strings, a bold frozen header row, column widths. */
export function writeXlsx(sheets: readonly OutSheet[]): Uint8Array {
  const enc = new TextEncoder();
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
    .map(
      (s, i) =>
        `<sheet name="${escapeXml(s.name.replace(/[\\/?*[\]:]/g, " ").slice(0, 31))}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`,
    )
    .join("")}</sheets></workbook>`;
  const rels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      "",
    )}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": enc.encode(CONTENT_TYPES(sheets.length)),
    "_rels/.rels": enc.encode(ROOT_RELS),
    "xl/workbook.xml": enc.encode(workbook),
    "xl/_rels/workbook.xml.rels": enc.encode(rels),
    "xl/styles.xml": enc.encode(STYLES),
  };
  sheets.forEach((sheet, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = enc.encode(sheetXml(sheet));
  });
  // A fixed date keeps the output deterministic (same content → same bytes → same file hash).
  return zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}
