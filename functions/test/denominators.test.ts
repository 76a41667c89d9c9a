import { ageBands, DENSITY_GRID_SOURCE, populationCellKeys } from "@maillage/schema";
import { writeXlsx } from "@maillage/sheets";
import { describe, expect, test } from "vitest";
import { as, RawBody, type TestTenant, testApp, withTestTenant } from "../../test/harness";
import { previewDenominators } from "../src/imports/denominators";

const { app } = testApp();

type Change = { field: string; before: unknown; after: unknown };
type Entry = { action: string; entity: string; entityType: string; userId: string; changes: Change[] };
type Cell = { sex: string; ageBand: string; count: number | null };

function client(t: TestTenant, role: "territory_lead" | "link_worker" = "territory_lead") {
  const user = as(app, t.users[role]);
  const base = `/api/territories/${t.territory.id}/denominators`;
  return {
    get: () => user.get(base),
    put: (body: unknown) => user.put(base, body),
    preview: (body: string | Uint8Array, type = "text/csv", search = "") =>
      user.send("POST", `${base}/import${search}`, new RawBody(type, body)),
    template: () => user.get(`${base}/template.csv`),
    history: async (): Promise<Entry[]> =>
      (
        await as(app, t.users.territory_lead).get(
          `/api/territories/${t.territory.id}/audit?entity=denominators`,
        )
      ).body.items,
  };
}

const issuesOf = (res: { body: { issues?: { path: string; message: string }[] } }) => res.body.issues ?? [];

/** Every cell, with a count from its position (female 0-17 = 1000, female 18-24 = 1010…). */
const fullGrid = (base = 1000): Cell[] =>
  populationCellKeys.map((key, index) => ({ ...key, count: base + index * 10 }));

const SOURCE = { label: "INSEE, recensement de la population 2021, populations légales", year: 2021 };

/** A `;`-separated CSV as Excel in France saves it: UTF-8 with a BOM, CRLF line ends. */
const csv = (rows: string[][]) => `\uFEFF${rows.map((row) => row.join(";")).join("\r\n")}\r\n`;

describe("denominators", () => {
  test("version 0, every cell not entered, and the communes with their rurality from the density grid", async () => {
    const t = await withTestTenant();
    const res = await client(t).get();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      qpvPopulation: null,
      source: null,
      totalPopulation: null,
      complete: false,
      version: 0,
      updatedAt: null,
      communesSource: DENSITY_GRID_SOURCE,
    });
    expect(res.body.population).toHaveLength(2 * ageBands.length);
    expect(res.body.population[0]).toEqual({ sex: "female", ageBand: "0-17", count: null });
    expect(res.body.population.at(-1)).toEqual({ sex: "male", ageBand: "85+", count: null });
    // The harness's territory: Lille and Hem, both dense (INSEE grid 2024, municipal populations 2021).
    expect(res.body.communes).toEqual([
      { code: "59350", name: "Lille", rurality: 1, population: 236_710 },
      { code: "59299", name: "Hem", rurality: 1, population: 18_713 },
    ]);
    expect(res.body.communesPopulation).toBe(255_423);
    expect(DENSITY_GRID_SOURCE).toContain("grille communale de densité 2024");
  });

  test("a lead saves and reads back; the total is derived; the audit entry names each change; unchanged writes nothing", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const grid = fullGrid();
    const body = {
      population: grid,
      qpvPopulation: 4_200,
      source: { ...SOURCE, url: "https://www.insee.fr/fr/statistiques/7739582" },
      version: 0,
    };
    const saved = await lead.put(body);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({
      population: grid,
      qpvPopulation: 4_200,
      source: body.source,
      totalPopulation: grid.reduce((sum, cell) => sum + (cell.count ?? 0), 0),
      complete: true,
      version: 1,
    });
    const read = await lead.get();
    expect(read.body).toEqual(saved.body);
    // The link worker reads them too.
    expect((await client(t, "link_worker").get()).body).toEqual(saved.body);

    const [entry, ...others] = await lead.history();
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      action: "denominators.update",
      entityType: "denominators",
      userId: t.users.territory_lead.id,
    });
    expect(entry?.changes).toHaveLength(18 + 4);
    expect(entry?.changes).toContainEqual({ field: "population.female.0-17", before: null, after: 1000 });
    expect(entry?.changes).toContainEqual({ field: "population.male.85+", before: null, after: 1170 });
    expect(entry?.changes).toContainEqual({ field: "qpvPopulation", before: null, after: 4200 });
    expect(entry?.changes).toContainEqual({ field: "source.year", before: null, after: 2021 });

    // The document sent back as read writes nothing.
    const same = await lead.put({ ...body, population: read.body.population, version: 1 });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    expect(await lead.history()).toHaveLength(1);

    // One cell cleared (left out), the URL dropped: only those are audited.
    const next = await lead.put({
      population: grid.filter((cell) => !(cell.sex === "male" && cell.ageBand === "85+")),
      qpvPopulation: 4_200,
      source: SOURCE,
      version: 1,
    });
    expect(next.status).toBe(200);
    expect(next.body).toMatchObject({ version: 2, complete: false });
    expect(next.body.population.at(-1)).toEqual({ sex: "male", ageBand: "85+", count: null });
    expect((await lead.history())[0]?.changes).toEqual([
      { field: "population.male.85+", before: 1170, after: null },
      { field: "source.url", before: "https://www.insee.fr/fr/statistiques/7739582", after: null },
    ]);
  });

  test("a link worker reads but may not save (403), and nothing is written", async () => {
    const t = await withTestTenant();
    const res = await client(t, "link_worker").put({
      population: fullGrid(),
      qpvPopulation: null,
      source: SOURCE,
      version: 0,
    });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("auth.forbidden");
    const preview = await client(t, "link_worker").preview(csv([["sexe", "tranche_age", "population"]]));
    expect(preview.status).toBe(403);
    expect((await client(t).get()).body.version).toBe(0);
    expect(await client(t).history()).toEqual([]);
  });

  test("a save from an older version answers 409 with the stored document, and writes nothing", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const first = await lead.put({ population: fullGrid(), qpvPopulation: 100, source: SOURCE, version: 0 });
    expect(first.status).toBe(200);
    const stale = await lead.put({
      population: fullGrid(2000),
      qpvPopulation: 100,
      source: SOURCE,
      version: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("denominators.version_conflict");
    expect(stale.body.current).toMatchObject({ version: 1, population: fullGrid() });
    const ahead = await lead.put({
      population: fullGrid(2000),
      qpvPopulation: 100,
      source: SOURCE,
      version: 7,
    });
    expect(ahead.status).toBe(409);
    expect((await lead.get()).body.population).toEqual(fullGrid());
    expect(await lead.history()).toHaveLength(1);
  });

  test("400 with field paths: negative, not whole, too large, QPV over the total, no source, bad year, duplicate", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const numbers = await lead.put({
      population: [
        { sex: "female", ageBand: "0-17", count: -1 },
        { sex: "female", ageBand: "18-24", count: 12.5 },
        { sex: "male", ageBand: "25-34", count: 20_000_001 },
        { sex: "unspecified", ageBand: "35-44", count: 10 },
        { sex: "male", ageBand: "90+", count: 10 },
      ],
      qpvPopulation: -3,
      source: { label: " ", year: 1989, url: "ftp://insee.fr" },
      version: 0,
    });
    expect(numbers.status).toBe(400);
    expect(issuesOf(numbers)).toEqual([
      { path: "population.0.count", message: "population.negative" },
      { path: "population.1.count", message: "population.whole" },
      { path: "population.2.count", message: "population.too_large" },
      { path: "population.3.sex", message: "choice.required" },
      { path: "population.4.ageBand", message: "choice.required" },
      { path: "qpvPopulation", message: "population.negative" },
      { path: "source.label", message: "source.label_required" },
      { path: "source.year", message: "source.year_range" },
      { path: "source.url", message: "url.format" },
    ]);

    const nextYear = new Date().getUTCFullYear() + 2;
    const year = await lead.put({
      population: [],
      qpvPopulation: null,
      source: { label: "INSEE", year: nextYear },
      version: 0,
    });
    expect(issuesOf(year)).toEqual([{ path: "source.year", message: "source.year_range" }]);

    const qpv = await lead.put({
      population: fullGrid(),
      qpvPopulation: 1_000_000,
      source: SOURCE,
      version: 0,
    });
    expect(qpv.status).toBe(400);
    expect(issuesOf(qpv)).toEqual([{ path: "qpvPopulation", message: "denominators.qpv_over_total" }]);

    const noSource = await lead.put({
      population: fullGrid(),
      qpvPopulation: null,
      source: null,
      version: 0,
    });
    expect(issuesOf(noSource)).toEqual([{ path: "source.label", message: "source.label_required" }]);
    const qpvOnly = await lead.put({ population: [], qpvPopulation: 12, source: null, version: 0 });
    expect(issuesOf(qpvOnly)).toEqual([{ path: "source.label", message: "source.label_required" }]);

    const duplicate = await lead.put({
      population: [
        { sex: "female", ageBand: "0-17", count: 10 },
        { sex: "female", ageBand: "0-17", count: 11 },
      ],
      qpvPopulation: null,
      source: SOURCE,
      version: 0,
    });
    expect(issuesOf(duplicate)).toEqual([
      { path: "population.1.ageBand", message: "denominators.cell_duplicate" },
    ]);

    expect(await lead.history()).toEqual([]);
    // Nothing entered and no source is valid: unchanged from version 0, so nothing is written.
    const nothing = await lead.put({ population: [], qpvPopulation: null, source: null, version: 0 });
    expect(nothing.status).toBe(200);
    expect(nothing.body.version).toBe(0);
    expect(await lead.history()).toEqual([]);
  });

  test("import preview of a good CSV (`;`, UTF-8 BOM, French headers, a qpv row): the figures, nothing saved", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const rows = fullGrid().map((cell) => [
      cell.sex === "female" ? "Femmes" : "Hommes",
      cell.ageBand === "85+" ? "85 ans et plus" : cell.ageBand,
      String(cell.count),
    ]);
    const res = await lead.preview(
      csv([["Sexe", "Tranche d'âge", "Population"], ...rows, ["qpv", "", "3 500"]]),
    );
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      population: fullGrid(),
      qpvPopulation: 3500,
      rows: 19,
      errors: [],
      errorCount: 0,
    });
    expect((await lead.get()).body.version).toBe(0);
    expect(await lead.history()).toEqual([]);

    // `,`-separated, no BOM, some cells left blank: those are not entered.
    const comma = await lead.preview("sexe,tranche_age,population\nfemmes,0-17,120\nhommes,0-17,\n");
    expect(comma.body.errors).toEqual([]);
    expect(comma.body.population[0]).toEqual({ sex: "female", ageBand: "0-17", count: 120 });
    expect(comma.body.population[9]).toEqual({ sex: "male", ageBand: "0-17", count: null });
    expect(comma.body.qpvPopulation).toBeNull();
  });

  test("import preview reports every problem by line and column, and keeps the good rows", async () => {
    const t = await withTestTenant();
    const res = await client(t).preview(
      csv([
        ["sexe", "tranche_age", "population"],
        ["femmes", "0-17", "1200"],
        ["autre", "18-24", "10"],
        ["hommes", "18-29", "10"],
        ["hommes", "25-34", "-4"],
        ["hommes", "35-44", "12,5"],
        ["femmes", "0-17", "1300"],
        ["qpv", "", "beaucoup"],
        ["hommes", "45-54", "900"],
      ]),
    );
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([
      { line: 3, column: "sexe", message: "denominators_import.sex_unknown", value: "autre" },
      { line: 4, column: "tranche_age", message: "denominators_import.age_band_unknown", value: "18-29" },
      { line: 5, column: "population", message: "population.negative", value: "-4" },
      { line: 6, column: "population", message: "population.whole", value: "12,5" },
      { line: 7, column: "tranche_age", message: "denominators_import.duplicate", value: "0-17" },
      { line: 8, column: "population", message: "population.number", value: "beaucoup" },
    ]);
    expect(res.body.errorCount).toBe(6);
    expect(res.body.rows).toBe(8);
    const entered = res.body.population.filter((cell: Cell) => cell.count !== null);
    expect(entered).toEqual([
      { sex: "female", ageBand: "0-17", count: 1200 },
      { sex: "male", ageBand: "45-54", count: 900 },
    ]);

    const headers = await client(t).preview(
      csv([
        ["sexe", "age_band", "nombre"],
        ["femmes", "0-17", "1"],
      ]),
    );
    expect(headers.body.errors).toEqual([
      { line: 1, column: "tranche_age", message: "denominators_import.columns" },
    ]);
    const empty = await client(t).preview(
      csv([
        ["sexe", "tranche_age", "population"],
        ["", "", ""],
      ]),
    );
    expect(empty.body.errors).toEqual([{ line: 1, column: "", message: "denominators_import.empty" }]);

    const over = fullGrid().map((cell) => [
      cell.sex === "female" ? "femmes" : "hommes",
      cell.ageBand,
      String(cell.count),
    ]);
    const qpv = await client(t).preview(
      csv([["sexe", "tranche_age", "population"], ...over, ["qpv", "", "999999"]]),
    );
    expect(qpv.body.errors).toEqual([
      { line: 20, column: "population", message: "denominators.qpv_over_total" },
    ]);
  });

  test("import preview of an XLSX file; a file that is not one; the wrong media type", async () => {
    const t = await withTestTenant();
    const xlsx = writeXlsx([
      {
        name: "Population",
        header: ["sexe", "tranche_age", "population"],
        rows: [
          ["femmes", "65-74", 4100],
          ["hommes", "65-74", 3600],
          ["qpv", null, 800],
        ],
      },
    ]);
    const type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const res = await client(t).preview(xlsx, type, "?format=xlsx");
    expect(res.status).toBe(200);
    expect(res.body.errors).toEqual([]);
    expect(res.body.qpvPopulation).toBe(800);
    expect(res.body.population.filter((cell: Cell) => cell.count !== null)).toEqual([
      { sex: "female", ageBand: "65-74", count: 4100 },
      { sex: "male", ageBand: "65-74", count: 3600 },
    ]);
    const broken = await client(t).preview("not a zip", type);
    expect(broken.body.errors).toEqual([{ line: 1, column: "", message: "denominators_import.unreadable" }]);
    const mismatch = await client(t).preview("sexe;tranche_age;population\r\n", "text/csv", "?format=xlsx");
    expect(mismatch.status).toBe(400);
    expect(issuesOf(mismatch).map((issue) => issue.path)).toEqual(["format"]);
  });

  test("the template lists every cell and the qpv row with the figures saved, and previews back to them", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const blank = await lead.template();
    expect(blank.status).toBe(200);
    expect(blank.headers.get("content-type")).toContain("text/csv");
    expect(blank.headers.get("content-disposition")).toContain("denominateurs.csv");
    const lines = blank.text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines[0]).toBe("sexe;tranche_age;population");
    expect(lines[1]).toBe("femmes;0-17;");
    expect(lines.at(-1)).toBe("qpv;;");
    expect(lines).toHaveLength(1 + 18 + 1);

    await lead.put({ population: fullGrid(), qpvPopulation: 321, source: SOURCE, version: 0 });
    const filled = await client(t, "link_worker").template();
    expect(filled.status).toBe(200);
    const preview = previewDenominators(new TextEncoder().encode(filled.text), "csv");
    expect(preview).toMatchObject({ population: fullGrid(), qpvPopulation: 321, errors: [] });
  });

  test("another territory's denominators are out of reach (404, as for any unknown territory)", async () => {
    const a = await withTestTenant();
    const b = await withTestTenant();
    await client(b).put({ population: fullGrid(), qpvPopulation: null, source: SOURCE, version: 0 });
    const res = await as(app, a.users.territory_lead).get(`/api/territories/${b.territory.id}/denominators`);
    expect(res.status).toBe(404);
    expect((await client(a).get()).body.version).toBe(0);
  });
});
