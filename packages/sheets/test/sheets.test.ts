import { unzipSync, zipSync } from "fflate";
import { describe, expect, test } from "vitest";
import {
  boolean,
  choice,
  column,
  date,
  decimal,
  decode,
  detectDelimiter,
  exportSheet,
  FileError,
  integer,
  isoToSerial,
  list,
  parseCsv,
  parseDate,
  parseDecimal,
  parseSheet,
  readCsv,
  readTable,
  readXlsx,
  serialToIso,
  template,
  text,
  writeCsv,
  writeXlsx,
} from "../src";

const win1252 = (s: string) =>
  Uint8Array.from(
    [...s].map((ch) => ({ é: 0xe9, è: 0xe8, ê: 0xea, à: 0xe0, ç: 0xe7, "’": 0x92 })[ch] ?? ch.charCodeAt(0)),
  );

describe("encodings", () => {
  test("UTF-8 with a BOM: the BOM is dropped", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("Isère;Sète")]);
    expect(decode(bytes)).toEqual({ text: "Isère;Sète", encoding: "utf-8" });
  });
  test("UTF-8 without a BOM", () => {
    expect(decode(new TextEncoder().encode("Ardèche"))).toEqual({ text: "Ardèche", encoding: "utf-8" });
  });
  test("Windows-1252 (French Excel's CSV): accents intact, not « Is�re »", () => {
    const { text: decoded, encoding } = decode(win1252("Isère;Café l’Entraide;Crèche"));
    expect(encoding).toBe("windows-1252");
    expect(decoded).toBe("Isère;Café l’Entraide;Crèche");
  });
  test("UTF-16 LE with a BOM (Excel's « Texte Unicode »)", () => {
    const body = Buffer.from("Nom\tCommune\r\nÉpicerie\tLille", "utf16le");
    const { records } = readCsv(new Uint8Array([0xff, 0xfe, ...body]));
    expect(records).toEqual([
      ["Nom", "Commune"],
      ["Épicerie", "Lille"],
    ]);
  });
});

describe("CSV", () => {
  test("delimiters: `;` by default, `,` and tab detected, outside quotes", () => {
    expect(detectDelimiter("a;b;c\n1;2;3")).toBe(";");
    expect(detectDelimiter("a,b,c\n")).toBe(",");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter('"x,y,z";b\n')).toBe(";");
    expect(detectDelimiter("seul")).toBe(";");
  });
  test("quoted multi-line fields, doubled quotes, CRLF/LF/CR", () => {
    const csv =
      'Nom;Description\r\n"Café ""Le Lien""";"Ligne 1\r\nLigne 2; avec point-virgule"\nB;x\rC;y\r\n';
    expect(parseCsv(csv)).toEqual([
      ["Nom", "Description"],
      ['Café "Le Lien"', "Ligne 1\r\nLigne 2; avec point-virgule"],
      ["B", "x"],
      ["C", "y"],
    ]);
  });
  test("a record per row as the spreadsheet shows it: line numbers count records, not text lines", () => {
    const rows = readTable(new TextEncoder().encode('A;B\n"1\n2\n3";x\nsecond;y\n'), "csv");
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3]);
  });
  test("written as Excel in France opens it: BOM, `;`, CRLF, quotes where needed", () => {
    const bytes = writeCsv([
      ["Nom", "Note"],
      ["Café; bar", 'Dit "oui"'],
      ["Deux\nlignes", 0.8],
    ]);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text).toBe('Nom;Note\r\n"Café; bar";"Dit ""oui"""\r\n"Deux\nlignes";0.8\r\n');
    expect(readCsv(bytes).records).toEqual([
      ["Nom", "Note"],
      ["Café; bar", 'Dit "oui"'],
      ["Deux\nlignes", "0.8"],
    ]);
  });
  test("a file over the row cap is refused in French", () => {
    const big = new TextEncoder().encode(`A\n${"x\n".repeat(20_001)}`);
    expect(() => readTable(big, "csv")).toThrow(FileError);
  });
});

describe("cell conversions", () => {
  test("decimal commas and thousands separators (space, NBSP, narrow NBSP)", () => {
    expect(parseDecimal("0,8")).toBe(0.8);
    expect(parseDecimal("1 234,5")).toBe(1234.5);
    expect(parseDecimal("1\u00a0234,5")).toBe(1234.5);
    expect(parseDecimal("1\u202f234,5")).toBe(1234.5);
    expect(parseDecimal("1.234,5")).toBe(1234.5);
    expect(parseDecimal("0.8")).toBe(0.8);
    expect(parseDecimal(" 12 ")).toBe(12);
    expect(parseDecimal(0.5)).toBe(0.5);
    expect(parseDecimal("0,8,1")).toBeUndefined();
    expect(parseDecimal("abc")).toBeUndefined();
    expect(decimal({ max: 1 }).parse("1,5")).toEqual({
      ok: false,
      reason: "« 1,5 » est trop grand : 1 au maximum.",
    });
    expect(integer().parse("2,5")).toMatchObject({ ok: false });
    expect(integer().parse("1 200")).toEqual({ ok: true, value: 1200 });
  });
  test("Excel serial dates (1900 system, with its fictional 29/02/1900)", () => {
    expect(serialToIso(45931)).toBe("2025-10-01");
    expect(serialToIso(1)).toBe("1900-01-01");
    expect(serialToIso(59)).toBe("1900-02-28");
    expect(serialToIso(60)).toBeUndefined();
    expect(serialToIso(61)).toBe("1900-03-01");
    expect(serialToIso(45931.75)).toBe("2025-10-01");
    for (const iso of ["1900-01-01", "1900-02-28", "1900-03-01", "2025-10-01", "2026-02-28"]) {
      expect(serialToIso(isoToSerial(iso))).toBe(iso);
    }
  });
  test("dates as text: JJ/MM/AAAA, AAAA-MM-JJ, with a time, or a serial saved as text", () => {
    expect(parseDate("01/10/2025")).toBe("2025-10-01");
    expect(parseDate("1/9/2025")).toBe("2025-09-01");
    expect(parseDate("01.10.2025")).toBe("2025-10-01");
    expect(parseDate("2025-10-01")).toBe("2025-10-01");
    expect(parseDate("01/10/2025 00:00")).toBe("2025-10-01");
    expect(parseDate("2025-10-01T00:00:00Z")).toBe("2025-10-01");
    expect(parseDate("45931")).toBe("2025-10-01");
    expect(parseDate(45931)).toBe("2025-10-01");
    expect(parseDate("31/02/2025")).toBeUndefined();
    expect(parseDate("10/2025")).toBeUndefined();
    expect(date().parse("demain")).toEqual({
      ok: false,
      reason: "« demain » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 01/10/2025.",
    });
  });
  test("booleans: oui/non, vrai/faux, x", () => {
    const b = boolean();
    for (const yes of ["oui", "OUI", "Vrai", "x", "X", "1", true])
      expect(b.parse(yes)).toEqual({ ok: true, value: true });
    for (const no of ["non", "Faux", "0", false]) expect(b.parse(no)).toEqual({ ok: true, value: false });
    expect(b.parse("peut-être")).toMatchObject({ ok: false });
  });
  test("lists separated by `,`, `;` or `|`; choices by label or code, accents ignored", () => {
    const pillar = choice([
      { value: "rights", label: "Accès aux droits" },
      { value: "health", label: "Santé" },
    ]);
    expect(list(pillar).parse("accès aux droits; SANTE | health")).toEqual({
      ok: true,
      value: ["rights", "health"],
    });
    expect(list(text()).parse("a, b|c;d")).toEqual({ ok: true, value: ["a", "b", "c", "d"] });
    expect(pillar.parse("Sport")).toEqual({
      ok: false,
      reason: "« Sport » ne fait pas partie des valeurs possibles : Accès aux droits, Santé.",
    });
  });
});

const columns = [
  column({ header: "Référence", field: "reference", convert: text({ max: 40 }), example: "R-001" }),
  column({
    header: "Nom",
    field: "name",
    convert: text({ max: 120 }),
    required: true,
    example: "Café des aidants",
  }),
  column({ header: "ETP", field: "fte", convert: decimal({ min: 0, max: 1 }), example: "0,8" }),
  column({ header: "Vérifié le", field: "verified", convert: date(), example: "01/10/2025" }),
  column({ header: "Gratuit", field: "cost.free", convert: boolean(), example: "oui" }),
  column({ header: "Langues", field: "languages", convert: list(text({ max: 2 })), example: "fr, en" }),
];

describe("column mapping", () => {
  test("rows become values by field path; bad cells are issues with line, French header and reason", () => {
    const csv = new TextEncoder().encode(
      "Nom *;ETP;Vérifié le;Gratuit;Colonne perso\nCafé;0,8;45931;x;truc\n;2;hier;oui;\n\nAtelier;;;;bidule\n",
    );
    const result = parseSheet(readTable(csv, "csv"), columns);
    expect(result.rows).toEqual([
      { line: 2, values: { name: "Café", fte: 0.8, verified: "2025-10-01", cost: { free: true } } },
      { line: 5, values: { name: "Atelier" } },
    ]);
    expect(result.count).toBe(3);
    expect(result.issues).toEqual([
      { line: 3, column: "Nom", reason: "La colonne « Nom » est obligatoire : indiquez une valeur." },
      { line: 3, column: "ETP", reason: "« 2 » est trop grand : 1 au maximum." },
      {
        line: 3,
        column: "Vérifié le",
        reason: "« hier » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 01/10/2025.",
      },
    ]);
    expect(result.unmapped).toEqual([
      { field: "Colonne perso", value: "(colonne non reconnue, ignorée)", count: 2 },
    ]);
  });
  test("a missing required column is one issue on line 1", () => {
    const result = parseSheet(readTable(new TextEncoder().encode("ETP\n0,5\n"), "csv"), columns);
    expect(result.issues).toEqual([
      {
        line: 1,
        column: "Nom",
        reason: "La colonne obligatoire « Nom » est absente : reprenez les en-têtes du modèle.",
      },
    ]);
  });
  test("the CSV template: the French headers and an example row that imports as it is", () => {
    const bytes = template("Ressources", columns, "csv");
    const rows = readTable(bytes, "csv");
    expect(rows[0]?.cells).toEqual(["Référence", "Nom", "ETP", "Vérifié le", "Gratuit", "Langues"]);
    const parsed = parseSheet(rows, columns);
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows[0]?.values).toEqual({
      reference: "R-001",
      name: "Café des aidants",
      fte: 0.8,
      verified: "2025-10-01",
      cost: { free: true },
      languages: ["fr", "en"],
    });
  });
  test("the XLSX template: same headers, and a help sheet", () => {
    const bytes = template("Ressources", columns, "xlsx");
    expect(readXlsx(bytes)[0]?.cells).toEqual([
      "Référence",
      "Nom",
      "ETP",
      "Vérifié le",
      "Gratuit",
      "Langues",
    ]);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toContain("xl/worksheets/sheet2.xml");
    expect(new TextDecoder().decode(files["xl/workbook.xml"])).toContain('name="Aide"');
  });
});

describe("XLSX", () => {
  const records = [
    {
      reference: "R-1",
      name: 'Café <des> & "aidants"',
      fte: 0.8,
      verified: "2025-10-01",
      cost: { free: true },
      languages: ["fr", "en"],
    },
    {
      reference: "R-2",
      name: "Ligne 1\nLigne 2",
      fte: 1,
      verified: "1900-03-01",
      cost: { free: false },
      languages: [],
    },
  ];
  test("round trip: export → read → parse gives the same records; dates are date cells, numbers numbers", () => {
    const bytes = exportSheet("Ressources", columns, records, "xlsx");
    const rows = readXlsx(bytes);
    expect(rows[1]?.cells).toEqual(["R-1", 'Café <des> & "aidants"', 0.8, 45931, "oui", "fr, en"]);
    const parsed = parseSheet(rows, columns);
    expect(parsed.issues).toEqual([]);
    expect(parsed.rows.map((r) => r.values)).toEqual([
      records[0],
      { reference: "R-2", name: "Ligne 1 Ligne 2", fte: 1, verified: "1900-03-01", cost: { free: false } },
    ]);
    const sheet = new TextDecoder().decode(unzipSync(bytes)["xl/worksheets/sheet1.xml"]);
    expect(sheet).toContain('<c r="A1" s="1" t="inlineStr">');
    expect(sheet).toContain('<c r="D2" s="2"><v>45931</v></c>');
    expect(sheet).toMatch(/<col min="1" max="1" width="\d+" customWidth="1"\/>/);
  });
  test("the CSV export prints French numbers and dates", () => {
    const text = new TextDecoder().decode(exportSheet("R", columns, records, "csv"));
    expect(text).toContain('R-1;"Café <des> & ""aidants""";0,8;01/10/2025;oui;fr, en\r\n');
  });
  test("reads shared strings, rich text, booleans, sparse cells and the rows' own numbers", () => {
    const enc = new TextEncoder();
    const bytes = zipSync({
      "xl/workbook.xml": enc.encode(
        '<workbook xmlns:r="r"><sheets><sheet name="Données" sheetId="7" r:id="rId3"/></sheets></workbook>',
      ),
      "xl/_rels/workbook.xml.rels": enc.encode(
        '<Relationships><Relationship Id="rId3" Type="x/worksheet" Target="/xl/worksheets/data.xml"/><Relationship Id="rId9" Type="x/sharedStrings" Target="strings.xml"/></Relationships>',
      ),
      "xl/strings.xml": enc.encode(
        '<sst><si><t>Nom</t></si><si><r><t>Caf</t></r><r><rPr><b/></rPr><t xml:space="preserve">é &amp; co</t></r><rPh><t>ignored</t></rPh></si></sst>',
      ),
      "xl/worksheets/data.xml": enc.encode(
        '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="b"><v>1</v></c></row><row r="4"><c r="B4" t="s"><v>1</v></c><c r="C4"><v>45931</v></c><c r="D4" t="str"><v>x</v></c></row><row r="5"><c r="A5"/></row></sheetData></worksheet>',
      ),
    });
    expect(readXlsx(bytes)).toEqual([
      { line: 1, cells: ["Nom", null, true] },
      { line: 4, cells: [null, "Café & co", 45931, "x"] },
    ]);
  });
  test("zip bombs: a part declaring more than the cap is refused before it is inflated", () => {
    const bytes = zipSync({
      "xl/workbook.xml": new TextEncoder().encode(
        '<workbook><sheets><sheet r:id="rId1"/></sheets></workbook>',
      ),
      "xl/worksheets/sheet1.xml": new Uint8Array(2 * 1024 * 1024),
    });
    expect(() => readXlsx(bytes, { maxPartBytes: 1024 * 1024 })).toThrow(/too large/);
    expect(() => readXlsx(new TextEncoder().encode("pas un zip"))).toThrow(/XLSX/);
    expect(() => readTable(new TextEncoder().encode("pas un zip"), "xlsx")).toThrow(FileError);
  });
  test("the same content gives the same bytes (a stable file hash)", () => {
    const sheet = { name: "A", header: ["x"], rows: [["y"]] };
    expect(writeXlsx([sheet])).toEqual(writeXlsx([sheet]));
  });
});
