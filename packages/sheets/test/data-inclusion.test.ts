import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { pillarOf, type ResourceCategory, resourceCategories } from "@maillage/schema";
import { describe, expect, test } from "vitest";
import {
  CATEGORY_THEMATIQUE,
  cleanText,
  type ExportedResource,
  exportDataInclusion,
  importDataInclusion,
  phoneOf,
  referenceOf,
  THEMATIQUES,
} from "../src/data-inclusion";

const REFERENCE = resolve(import.meta.dirname, "../data/data-inclusion");
const load = (name: string) => JSON.parse(readFileSync(resolve(REFERENCE, name), "utf8"));
const values = (name: string) => (load(name) as { value: string }[]).map((x) => x.value);

// biome-ignore lint/suspicious/noExplicitAny: a JSON Schema document, walked by key
type Schema = Record<string, any>;

/**
 * The subset of JSON Schema (draft 2020-12) that the data·inclusion v1 schemas use: type, required,
 * properties, anyOf, $ref to $defs, enum, const, pattern, min/maxLength, minItems, uniqueItems,
 * minimum, format (date, email, uri). Returns the failing paths.
 */
function validate(schema: Schema, root: Schema, value: unknown, path = ""): string[] {
  if (schema.$ref)
    return validate(root.$defs[String(schema.$ref).split("/").at(-1) as string], root, value, path);
  if (schema.anyOf) {
    const branches = (schema.anyOf as Schema[]).map((s) => validate(s, root, value, path));
    return branches.some((b) => b.length === 0) ? [] : (branches[0] ?? [`${path}: anyOf`]);
  }
  const errors: string[] = [];
  const fail = (why: string) => errors.push(`${path || "(root)"}: ${why}`);
  if (schema.const !== undefined && value !== schema.const) fail("const");
  if (schema.enum && !schema.enum.includes(value)) fail(`enum (${String(value)})`);
  const type = schema.type;
  if (type === "null" && value !== null) fail("null");
  if (type === "string") {
    if (typeof value !== "string") return [`${path}: string`];
    if (schema.minLength !== undefined && [...value].length < schema.minLength) fail("minLength");
    if (schema.maxLength !== undefined && [...value].length > schema.maxLength) fail("maxLength");
    if (schema.pattern && !new RegExp(schema.pattern, "u").test(value)) fail("pattern");
    if (schema.format === "date" && !(/^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))))
      fail("date");
    if (schema.format === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) fail("email");
    if (schema.format === "uri" && !URL.canParse(value)) fail("uri");
  }
  if (type === "number" && typeof value !== "number") fail("number");
  if (type === "integer" && !Number.isInteger(value)) fail("integer");
  if (
    (type === "number" || type === "integer") &&
    schema.minimum !== undefined &&
    (value as number) < schema.minimum
  )
    fail("minimum");
  if (type === "array") {
    if (!Array.isArray(value)) return [`${path}: array`];
    if (schema.minItems !== undefined && value.length < schema.minItems) fail("minItems");
    if (schema.uniqueItems && new Set(value.map((x) => JSON.stringify(x))).size !== value.length)
      fail("uniqueItems");
    value.forEach((item, i) => {
      errors.push(...validate(schema.items ?? {}, root, item, `${path}[${i}]`));
    });
  }
  if (type === "object" || schema.properties) {
    if (typeof value !== "object" || value === null) return [`${path}: object`];
    for (const name of schema.required ?? []) if (!(name in value)) fail(`required ${name}`);
    for (const [name, sub] of Object.entries(schema.properties ?? {})) {
      const v = (value as Record<string, unknown>)[name];
      if (v !== undefined) errors.push(...validate(sub as Schema, root, v, `${path}.${name}`));
    }
  }
  return errors;
}

const structureSchema = load("structure.json");
const serviceSchema = load("service.json");

const resource = (overrides: Partial<ExportedResource>): ExportedResource => ({
  reference: "R-1",
  pillar: "social",
  category: "cafe",
  structureName: "Le Lien",
  serviceName: "Café du jeudi",
  description: null,
  commune: "59350",
  address: "12 rue des Postes",
  accessibility: [],
  cost: "free",
  costDetail: null,
  schedule: null,
  capacity: null,
  phone: null,
  email: null,
  website: null,
  publics: [],
  lastVerified: null,
  updatedAt: "2026-03-02T10:00:00.000Z",
  ...overrides,
});

describe("the mapping table", () => {
  test("covers every v1 thématique, each to a category of ours", () => {
    const v1 = values("thematiques.json");
    expect(v1).toHaveLength(69);
    expect(Object.keys(THEMATIQUES).sort()).toEqual([...v1].sort());
    for (const category of Object.values(THEMATIQUES)) expect(resourceCategories).toContain(category);
  });
  test("every category exports as a v1 thématique whose mapping keeps its pillar", () => {
    const v1 = new Set(values("thematiques.json"));
    for (const category of resourceCategories as ResourceCategory[]) {
      const thematique = CATEGORY_THEMATIQUE[category];
      expect(v1.has(thematique), category).toBe(true);
      expect(pillarOf(THEMATIQUES[thematique] as ResourceCategory), category).toBe(pillarOf(category));
    }
  });
  test("references: readable when the id fits, a stable hash otherwise; ours kept as they are", () => {
    expect(referenceOf("cd35", "1018")).toBe("cd35-1018");
    expect(referenceOf("maillage", "RES-0042")).toBe("RES-0042");
    const long = referenceOf(
      "dora",
      "005d3060-c322-4ec5-bd70-a60f054d3b81-07cd638d-725d-49e5-8338-3b5e0edd1031",
    );
    expect(long).toMatch(/^dora-[0-9a-f]{16}$/);
    expect(
      referenceOf("dora", "005d3060-c322-4ec5-bd70-a60f054d3b81-07cd638d-725d-49e5-8338-3b5e0edd1031"),
    ).toBe(long);
  });
  test("defect: telephone numbers in mixed formats", () => {
    expect(phoneOf("09 70 80 08 00")).toBe("09 70 80 08 00");
    expect(phoneOf("+33144691700")).toBe("+33144691700");
    expect(phoneOf("3949")).toBe("3949");
    expect(phoneOf("01.44.69.17.00")).toBe("01.44.69.17.00");
    expect(phoneOf("01 44 69 17 00 (standard)")).toBe("0144691700");
    expect(phoneOf("appeler la mairie")).toBeUndefined();
  });
  test("defect: descriptions mixing Markdown, <br> and <!-- -->", () => {
    expect(cleanText("## Titre<br>ligne <!-- note interne -->deux<br/>\r\n\r\n\r\nfin")).toBe(
      "## Titre\nligne deux\n\nfin",
    );
  });
});

describe("export", () => {
  test("valid v1 structures and services: required fields, lists, formats", () => {
    const document = exportDataInclusion([
      resource({}),
      resource({
        reference: "R-2",
        serviceName: "Atelier",
        cost: "reduced",
        costDetail: "2 €",
        publics: ["families", "isolated"],
        accessibility: ["remote"],
        email: "contact@lelien.example.org",
        website: "https://lelien.example.org",
        lastVerified: "2025-10-01",
      }),
      resource({
        reference: "R-3",
        serviceName: null,
        structureName: "CAF",
        category: "caf",
        pillar: "rights",
        phone: "3230",
      }),
      resource({ reference: "R-4", serviceName: "Ab", structureName: "Xy", description: "Court" }),
    ]);
    expect(document.structures).toHaveLength(3);
    expect(document.services).toHaveLength(3);
    for (const s of document.structures) expect(validate(structureSchema, structureSchema, s)).toEqual([]);
    for (const s of document.services) expect(validate(serviceSchema, serviceSchema, s)).toEqual([]);
    expect(document.services[1]).toMatchObject({
      frais: "payant",
      frais_precisions: "Tarif réduit ou solidaire : 2 €",
      publics: ["familles"],
      modes_accueil: ["a-distance"],
      date_maj: "2025-10-01",
    });
    expect(document.structures.find((s) => s.id === "R-3")).toMatchObject({
      reseaux_porteurs: ["caf"],
      date_maj: "2026-03-02",
    });
  });
  test("the validator finds what is wrong (its control)", () => {
    const errors = validate(serviceSchema, serviceSchema, {
      source: "x",
      id: "1",
      structure_id: "2",
      nom: "ab",
      description: "x",
      date_maj: "hier",
      frais: "adhesion",
    });
    expect(errors.join(" ")).toMatch(/nom: minLength.*/);
    expect(errors.join(" ")).toContain("date");
    expect(errors.join(" ")).toContain("frais");
  });
  test("export → import gives back every field", () => {
    const resources = [
      resource({ capacity: 12, publics: ["carers"], accessibility: ["wheelchair"] }),
      resource({ reference: "R-3", serviceName: null }),
    ];
    const back = importDataInclusion(JSON.parse(JSON.stringify(exportDataInclusion(resources))));
    const { updatedAt: _u, ...first } = resources[0] as ExportedResource;
    expect(back.records.map((r) => r.values.reference)).toEqual(["R-1", "R-3"]);
    expect(back.records[0]?.values).toMatchObject(first);
  });
});

describe("the real samples", () => {
  const structures = load("samples/structures.json");
  const services = load("samples/services.json");
  const result = importDataInclusion({ structures, services });
  const count = (field: string, value: string) =>
    result.unmapped.find((u) => u.field === field && u.value === value)?.count;

  test("every service and every structure without a service becomes a record, none refused", () => {
    expect(result.issues).toEqual([]);
    expect(result.records.filter((r) => r.list === "services")).toHaveLength(29);
    expect(result.records.length).toBeGreaterThan(29);
  });
  test("defect: v0 thématiques (numerique--*, bare categories) are counted, and still give a category", () => {
    expect(count("services.thematiques", "numerique")).toBe(6);
    const numerique = result.records.find(
      (r) =>
        (services as { thematiques: string[] }[])[r.line - 1]?.thematiques?.includes("numerique") &&
        r.list === "services",
    );
    expect(numerique?.values.category).toBe("digital_inclusion");
  });
  test("defect: v0 réseaux porteurs cci, aptic, conseiller-numerique", () => {
    for (const value of ["cci", "aptic", "conseiller-numerique"])
      expect(count("structures.reseaux_porteurs", value), value).toBeGreaterThan(0);
  });
  test("defect: v0 modes_mobilisation, publics, type and frais", () => {
    expect(count("services.modes_mobilisation", "envoyer-un-mail")).toBe(13);
    expect(count("services.modes_mobilisation", "completer-le-formulaire-dadhesion")).toBe(9);
    expect(count("services.publics", "familles-enfants")).toBe(6);
    expect(count("services.type", "accueil")).toBe(7);
    expect(count("services.frais", "adhesion")).toBe(2);
  });
  test("defect: the 1970-01-01 placeholder is not a verification date", () => {
    expect(count("services.date_maj", "1970-01-01 (date fictive, non reprise)")).toBe(2);
    expect(result.records.filter((r) => r.values.lastVerified === "1970-01-01")).toEqual([]);
  });
  test("defect: services whose structure is not in the file", () => {
    expect(
      count(
        "services.structure_id",
        "(structure absente du fichier : le nom du service tient lieu de structure)",
      ),
    ).toBe(20);
  });
  test("defect: descriptions cut short or too long for us are said to be truncated", () => {
    expect(result.records.every((r) => String(r.values.description ?? "").length <= 2000)).toBe(true);
    expect(count("services.description", "(texte tronqué à 2000 caractères)")).toBeGreaterThan(0);
  });
});
