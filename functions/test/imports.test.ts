import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Jobs } from "@maillage/core";
import { readTable, readXlsx, writeXlsx } from "@maillage/sheets";
import { beforeAll, describe, expect, test } from "vitest";
import { as, type TestTenant, testApp, withTestTenant } from "../../test/harness";
import { CSV, JSON_TYPE, XLSX } from "../src/http/route";

const { app } = testApp();
const SAMPLES = resolve(import.meta.dirname, "../../packages/sheets/data/data-inclusion/samples");

const HEADER =
  "Référence;Pilier;Catégorie;Structure;Service;Description;Commune (code INSEE);Adresse;Accessibilité;Coût;Précisions sur le coût;Horaires;Capacité;Téléphone;Courriel;Site web;Publics;Vérifiée le";

const row = (
  ref: string,
  structure: string,
  overrides: Partial<Record<"commune" | "cost" | "verified" | "capacity" | "service", string>> = {},
) =>
  [
    ref,
    "Activités sociales",
    "Café associatif",
    structure,
    overrides.service ?? "Café du jeudi",
    "Un moment convivial",
    overrides.commune ?? "59350",
    "12 rue des Postes",
    "Accessible en fauteuil roulant",
    overrides.cost ?? "Gratuit",
    "",
    "Jeudi 14h-17h",
    overrides.capacity ?? "15",
    "03 20 12 34 56",
    "contact@lelien.example.org",
    "https://lelien.example.org",
    "Personnes isolées, Aidants",
    overrides.verified ?? "01/10/2025",
  ].join(";");

const csv = (...rows: string[]) => new TextEncoder().encode(`\ufeff${[HEADER, ...rows].join("\r\n")}\r\n`);

type Upload = { bytes: Uint8Array; type: string };
// biome-ignore lint/suspicious/noExplicitAny: job results and API bodies, read field by field in assertions
type Json = Record<string, any>;

async function upload(
  t: TestTenant,
  entity: "resources" | "link-workers",
  file: Upload,
  options: { dryRun?: boolean; key?: string; format?: string } = {},
) {
  const search = new URLSearchParams({
    dryRun: String(options.dryRun ?? true),
    ...(options.format ? { format: options.format } : {}),
  });
  const res = await app.request(`/api/territories/${t.territory.id}/${entity}/import?${search}`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${t.users.territory_lead.token}`,
      "content-type": file.type,
      ...(options.key ? { "idempotency-key": options.key } : {}),
    },
    body: file.bytes as Uint8Array<ArrayBuffer>,
  });
  const body = (await res.json()) as { jobId?: string; code?: string };
  return { status: res.status, body, location: res.headers.get("location") };
}

/** Uploads, waits for the job, answers its result. */
async function imported(
  t: TestTenant,
  entity: "resources" | "link-workers",
  file: Upload,
  options: Parameters<typeof upload>[3] = {},
) {
  const accepted = await upload(t, entity, file, options);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  await Jobs.idle();
  const job = await as(app, t.users.territory_lead).get(accepted.location ?? "");
  expect(job.status).toBe(200);
  expect(job.body.status, JSON.stringify(job.body)).toBe("succeeded");
  return { ...job.body.result, jobId: accepted.body.jobId, progress: job.body.progress } as Json;
}

async function catalogue(t: TestTenant) {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/resources?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.next;
  } while (cursor);
  return items.sort((a, b) => a.reference.localeCompare(b.reference));
}

async function download(t: TestTenant, path: string) {
  const res = await app.request(`/api/territories/${t.territory.id}/${path}`, {
    headers: { authorization: `Bearer ${t.users.territory_lead.token}` },
  });
  expect(res.status).toBe(200);
  return {
    type: res.headers.get("content-type") ?? "",
    bytes: new Uint8Array(await res.arrayBuffer()),
    disposition: res.headers.get("content-disposition"),
  };
}

let tenant: TestTenant;
beforeAll(async () => {
  tenant = await withTestTenant();
});

describe("templates", () => {
  test("CSV and XLSX templates: French headers, an example row that passes a dry run", async () => {
    const t = await withTestTenant();
    const csvTemplate = await download(t, "resources/template?format=csv");
    expect(csvTemplate.type).toMatch(/^text\/csv/);
    expect(csvTemplate.disposition).toContain("modele-ressources.csv");
    expect([...csvTemplate.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(readTable(csvTemplate.bytes, "csv")[0]?.cells.join(";")).toBe(HEADER);
    const xlsxTemplate = await download(t, "resources/template?format=xlsx");
    expect(xlsxTemplate.type).toBe(XLSX);
    expect(readXlsx(xlsxTemplate.bytes)[0]?.cells.join(";")).toBe(HEADER);
    for (const file of [
      { bytes: csvTemplate.bytes, type: CSV },
      { bytes: xlsxTemplate.bytes, type: XLSX },
    ]) {
      const report = await imported(t, "resources", file);
      expect(report).toMatchObject({ rows: 1, valid: 1, errors: [], wouldCreate: 1, wouldUpdate: 0 });
    }
    const workers = await download(t, "link-workers/template?format=csv");
    expect(readTable(workers.bytes, "csv")[0]?.cells).toContain("Formation en santé communautaire");
    const report = await imported(t, "link-workers", { bytes: workers.bytes, type: CSV });
    expect(report).toMatchObject({ rows: 1, valid: 1, errors: [] });
  });
});

describe("spreadsheet imports", () => {
  test("a dry run lists the bad row's line, column and French reason, and writes nothing", async () => {
    const file = csv(
      row("R-1", "Le Lien"),
      row("R-2", "Les Amis", { commune: "99999", capacity: "2,5" }),
      row("R-3", "La Halte"),
    );
    const report = await imported(tenant, "resources", { bytes: file, type: CSV });
    expect(report).toMatchObject({
      dryRun: true,
      committed: false,
      rows: 3,
      valid: 2,
      wouldCreate: 2,
      errorCount: 2,
    });
    expect(report.errors).toEqual([
      { line: 3, column: "Capacité", reason: "« 2,5 » n'est pas un nombre entier : écrivez par exemple 12." },
      {
        line: 3,
        column: "Commune (code INSEE)",
        reason: expect.stringContaining("Code INSEE inconnu de la grille de densité INSEE 2024"),
      },
    ]);
    expect(await catalogue(tenant)).toEqual([]);
  });

  test("commit is all-or-nothing; a retry with the same key creates nothing new; another file with it is a 409", async () => {
    const t = await withTestTenant();
    const bad = csv(row("R-1", "Le Lien"), row("R-2", "Les Amis", { cost: "Peut-être" }));
    const refused = await imported(
      t,
      "resources",
      { bytes: bad, type: CSV },
      { dryRun: false, key: "key-refused-0001" },
    );
    expect(refused).toMatchObject({ committed: false, valid: 1, errorCount: 1 });
    expect(refused.errors[0]).toMatchObject({ line: 3, column: "Coût" });
    expect(await catalogue(t)).toEqual([]);

    const noKey = await upload(t, "resources", { bytes: bad, type: CSV }, { dryRun: false });
    expect(noKey.status).toBe(400);

    const good = csv(row("R-1", "Le Lien"), row("R-2", "Les Amis"), row("", "Sans référence"));
    const done = await imported(
      t,
      "resources",
      { bytes: good, type: CSV },
      { dryRun: false, key: "key-commit-0001" },
    );
    expect(done).toMatchObject({ committed: true, created: 3, updated: 0, errors: [] });
    expect(done.progress).toEqual({ done: 4 + 2, total: 6 });
    const first = await catalogue(t);
    expect(first.map((r) => r.structureName).sort()).toEqual(["Le Lien", "Les Amis", "Sans référence"]);
    expect(first.find((r) => r.structureName === "Sans référence")?.reference).toMatch(/^RES-\d{4}$/);

    const again = await upload(
      t,
      "resources",
      { bytes: good, type: CSV },
      { dryRun: false, key: "key-commit-0001" },
    );
    expect(again.status).toBe(202);
    expect(again.body.jobId).toBe(done.jobId);
    await Jobs.idle();
    expect(await catalogue(t)).toEqual(first);

    const other = await upload(
      t,
      "resources",
      { bytes: csv(row("R-9", "Autre")), type: CSV },
      { dryRun: false, key: "key-commit-0001" },
    );
    expect(other.status).toBe(409);
    expect(other.body.code).toBe("batch.conflict");
  });

  test("re-importing an edited export updates rows by reference, without duplicates", async () => {
    const t = await withTestTenant();
    await imported(
      t,
      "resources",
      { bytes: csv(row("R-1", "Le Lien"), row("R-2", "Les Amis")), type: CSV },
      { dryRun: false, key: "first-import-1" },
    );
    const exported = await download(t, "resources/export?format=csv");
    const text = new TextDecoder()
      .decode(exported.bytes)
      .replace("Les Amis", "Les Amis du quartier")
      .replaceAll(";15;", ";20;");
    const edited = new TextEncoder().encode(text);
    const dry = await imported(t, "resources", { bytes: edited, type: CSV });
    expect(dry).toMatchObject({ wouldCreate: 0, wouldUpdate: 2, unchanged: 0 });
    const done = await imported(
      t,
      "resources",
      { bytes: edited, type: CSV },
      { dryRun: false, key: "second-import-1" },
    );
    expect(done).toMatchObject({ created: 0, updated: 2 });
    const after = await catalogue(t);
    expect(after).toHaveLength(2);
    expect(after.map((r) => [r.reference, r.structureName, r.capacity, r.version])).toEqual([
      ["R-1", "Le Lien", 20, 2],
      ["R-2", "Les Amis du quartier", 20, 2],
    ]);
    // A file without some columns leaves those fields as they are.
    const partial = new TextEncoder().encode(
      "Référence;Pilier;Catégorie;Structure;Commune (code INSEE);Coût\r\nR-1;Activités sociales;Café associatif;Le Lien;59350;Payant\r\n",
    );
    await imported(t, "resources", { bytes: partial, type: CSV }, { dryRun: false, key: "third-import-1" });
    const r1 = (await catalogue(t)).find((r) => r.reference === "R-1");
    expect(r1).toMatchObject({ cost: "paid", capacity: 20, schedule: "Jeudi 14h-17h" });
  });

  test("duplicate references in one file are errors on the later lines", async () => {
    const report = await imported(tenant, "resources", {
      bytes: csv(row("R-1", "Accueil"), row("r-1", "Bureau")),
      type: CSV,
    });
    expect(report.errors).toEqual([
      {
        line: 3,
        column: "Référence",
        reason: "La référence « r-1 » figure déjà ligne 2 : chaque ligne doit avoir sa propre référence.",
      },
    ]);
  });

  test("a Windows-1252 CSV (French Excel) imports with its accents intact", async () => {
    const t = await withTestTenant();
    const text = `${HEADER}\r\n${row("W-1", "Café l’Étape", { service: "Atelier tricot à Sète" })}\r\n`;
    const table: Record<string, number> = { "’": 0x92, "€": 0x80 };
    const bytes = Uint8Array.from(
      [...text].map((ch) => table[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)),
    );
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const done = await imported(
      t,
      "resources",
      { bytes, type: CSV },
      { dryRun: false, key: "windows-1252-1" },
    );
    expect(done).toMatchObject({ encoding: "windows-1252", created: 1, errors: [] });
    const [saved] = await catalogue(t);
    expect(saved).toMatchObject({
      structureName: "Café l’Étape",
      serviceName: "Atelier tricot à Sète",
      accessibility: ["wheelchair"],
      publics: ["isolated", "carers"],
      lastVerified: "2025-10-01",
    });
  });

  test("an XLSX file: dates as serial numbers, decimal commas, the rows' own line numbers", async () => {
    const t = await withTestTenant();
    const header = HEADER.split(";");
    const cells = (ref: string, structure: string, verified: number | string, capacity: number | string) =>
      row(ref, structure)
        .split(";")
        .map((c, i) => (header[i] === "Vérifiée le" ? verified : header[i] === "Capacité" ? capacity : c));
    const bytes = writeXlsx([
      {
        name: "Feuil1",
        header,
        rows: [cells("X-1", "Le Lien", 45931, 12), [], cells("X-2", "Les Amis", "hier", "3")],
      },
    ]);
    const report = await imported(t, "resources", { bytes, type: XLSX });
    expect(report.errors).toEqual([
      {
        line: 4,
        column: "Vérifiée le",
        reason: "« hier » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 01/10/2025.",
      },
    ]);
    const fixed = writeXlsx([
      {
        name: "Feuil1",
        header,
        rows: [cells("X-1", "Le Lien", 45931, 12), cells("X-2", "Les Amis", "02/10/2025", "3")],
      },
    ]);
    await imported(t, "resources", { bytes: fixed, type: XLSX }, { dryRun: false, key: "xlsx-commit-1" });
    expect((await catalogue(t)).map((r) => [r.reference, r.lastVerified, r.capacity])).toEqual([
      ["X-1", "2025-10-01", 12],
      ["X-2", "2025-10-02", 3],
    ]);
    const exported = await download(t, "resources/export?format=xlsx");
    expect(readXlsx(exported.bytes)[1]?.cells.slice(0, 4)).toEqual([
      "X-1",
      "Activités sociales",
      "Café associatif",
      "Le Lien",
    ]);
  });

  test("link workers: decimal-comma FTE, lists, booleans; re-import by reference", async () => {
    const t = await withTestTenant();
    const header =
      "Référence;Nom;Profil;Structure employeuse;ETP;Financement;Formation en santé communautaire;Supervision;Fréquence de supervision;Langues;Communes couvertes (codes INSEE);Actif depuis le";
    const file = (fte: string) =>
      new TextEncoder().encode(
        `${header}\r\nAL-1;Samir Benali;Médiateur·rice en santé;CPTS Lille Sud;${fte};ARS (FIR);oui;Individuelle;Mensuelle;fr, ar;59350 | 59299;01/09/2025\r\n`,
      );
    const done = await imported(
      t,
      "link-workers",
      { bytes: file("0,8"), type: CSV },
      { dryRun: false, key: "workers-import-1" },
    );
    expect(done).toMatchObject({ created: 1, errors: [] });
    const updated = await imported(t, "link-workers", { bytes: file("1 000,5"), type: CSV });
    expect(updated.errors).toEqual([
      { line: 2, column: "ETP", reason: "« 1 000,5 » est trop grand : 1 au maximum." },
    ]);
    await imported(
      t,
      "link-workers",
      { bytes: file("0,5"), type: CSV },
      { dryRun: false, key: "workers-import-2" },
    );
    const list = await as(app, t.users.territory_lead).get(`/api/territories/${t.territory.id}/link-workers`);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.items[0]).toMatchObject({
      reference: "AL-1",
      fte: 0.5,
      languages: ["fr", "ar"],
      communes: ["59350", "59299"],
      activeFrom: "2025-09-01",
      communityHealthTraining: true,
    });
    const dataInclusion = await upload(t, "link-workers", {
      bytes: new TextEncoder().encode("[]"),
      type: JSON_TYPE,
    });
    expect(dataInclusion.status).toBe(415);
  });
});

describe("data·inclusion", () => {
  const read = (name: string) => JSON.parse(readFileSync(resolve(SAMPLES, name), "utf8"));
  const json = (document: unknown): Upload => ({
    bytes: new TextEncoder().encode(JSON.stringify(document)),
    type: JSON_TYPE,
  });

  test("round trip: export the catalogue, import it into an empty territory → the same resources, field by field", async () => {
    const a = await withTestTenant();
    const rows = [
      row("R-1", "Le Lien"),
      row("R-2", "Le Lien", { service: "Atelier cuisine", cost: "Tarif réduit ou solidaire", capacity: "" }),
      "R-3;Protection sociale et accès aux droits;CAF;CAF du Nord;;;59350;;;Gratuit;;;;3230;;;Familles;",
      "R-4;Bénévolat;Plateforme de bénévolat;France Bénévolat;Missions;À distance, chaque semaine;59299;;À distance;Payant;10 € par an;;;;;;Tout public;15/01/2024",
    ];
    await imported(
      a,
      "resources",
      { bytes: csv(...rows), type: CSV },
      { dryRun: false, key: "round-trip-a-1" },
    );
    const before = await catalogue(a);
    expect(before).toHaveLength(4);
    const exported = await download(a, "resources/export?format=data-inclusion");
    expect(exported.type).toMatch(/^application\/json/);
    const document = JSON.parse(new TextDecoder().decode(exported.bytes));
    expect(document.services).toHaveLength(3);
    expect(document.structures.map((s: { nom: string }) => s.nom).sort()).toEqual([
      "CAF du Nord",
      "France Bénévolat",
      "Le Lien",
    ]);

    const b = await withTestTenant();
    const report = await imported(
      b,
      "resources",
      { bytes: exported.bytes, type: JSON_TYPE },
      { dryRun: false, key: "round-trip-b-1" },
    );
    expect(report).toMatchObject({ errors: [], created: 4 });
    const strip = ({ id: _i, version: _v, createdAt: _c, updatedAt: _u, ...rest }: Json) => rest;
    expect((await catalogue(b)).map(strip)).toEqual(before.map(strip));
  });

  test("the real samples import; v0 and unknown values are counted, never dropped silently", async () => {
    const t = await withTestTenant();
    const structures = read("structures.json");
    const services = read("services.json");
    const report = await imported(t, "resources", json({ structures, services }));
    // 29 services, and the 59 structures less the 9 that 9 services point to (some share one).
    const pointed = new Set(
      services.map((s: { source: string; structure_id: string }) => `${s.source}/${s.structure_id}`),
    );
    const alone = structures.filter(
      (s: { source: string; id: string }) => !pointed.has(`${s.source}/${s.id}`),
    ).length;
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(29 + alone);
    const unmapped = (field: string) => report.unmapped.filter((u: { field: string }) => u.field === field);
    const count = (field: string, value: string) =>
      report.unmapped.find((u: { field: string; value: string }) => u.field === field && u.value === value)
        ?.count;
    // Defect: 88 of the 107 thématiques are v0 values (numerique--*, bare categories, mobilite--financer-mon-projet-mobilite).
    const notV1 = unmapped("services.thematiques").filter((u: { value: string }) => !u.value.startsWith("("));
    expect(notV1.reduce((n: number, u: { count: number }) => n + u.count, 0)).toBe(88);
    expect(count("services.thematiques", "mobilite--financer-mon-projet-mobilite")).toBeGreaterThan(0);
    expect(count("services.thematiques", "numerique")).toBeGreaterThan(0);
    // Defect: v0 modes de mobilisation, publics, types and frais.
    expect(count("services.modes_mobilisation", "envoyer-un-mail")).toBeGreaterThan(0);
    expect(count("services.publics", "familles-enfants")).toBeGreaterThan(0);
    expect(count("services.type", "accueil")).toBe(7);
    expect(count("services.type", "financement")).toBe(3);
    expect(count("services.type", "autonomie")).toBe(3);
    expect(count("services.frais", "adhesion")).toBe(2);
    // Defect: v0 réseaux porteurs on two structures.
    for (const value of ["cci", "aptic", "conseiller-numerique"]) {
      expect(count("structures.reseaux_porteurs", value), value).toBeGreaterThan(0);
    }
    // Defect: the 1970-01-01 placeholder of mediation-numerique is not a verification date.
    expect(count("services.date_maj", "1970-01-01 (date fictive, non reprise)")).toBe(2);
    // Defect: 20 services point to structures not in the file.
    expect(
      count(
        "services.structure_id",
        "(structure absente du fichier : le nom du service tient lieu de structure)",
      ),
    ).toBe(20);
    // Fields v1 has and we do not carry are counted too.
    expect(count("services.conditions_acces", "(champ non repris dans Maillage)")).toBeGreaterThan(0);

    const done = await imported(t, "resources", json({ structures, services }), {
      dryRun: false,
      key: "samples-commit-1",
    });
    expect(done).toMatchObject({ committed: true, created: 29 + alone });
    const saved = await catalogue(t);
    // Defect: mixed telephone formats, all kept in a valid form.
    const visale = saved.find((r) => r.serviceName === "Garantie Visale");
    expect(visale).toMatchObject({
      structureName: "AGENCE ACTION LOGEMENT",
      commune: "75056",
      category: "housing",
      pillar: "rights",
      cost: "free",
      phone: "09 70 80 08 00",
    });
    expect(saved.some((r) => r.phone === "+33144691700")).toBe(true);
    expect(saved.some((r) => r.phone === "3949")).toBe(true);
    // Defect: descriptions mixing Markdown, <br> and <!-- -->: no HTML comment or tag is kept.
    expect(saved.filter((r) => /<!--|<br/i.test(r.description ?? ""))).toEqual([]);
    // Re-importing the same samples updates nothing and creates nothing.
    const again = await imported(t, "resources", json({ structures, services }));
    expect(again).toMatchObject({ wouldCreate: 0, wouldUpdate: 0, unchanged: 29 + alone });
  });

  test("a file that is not data·inclusion is one French error", async () => {
    const report = await imported(tenant, "resources", json({ hello: "world" }));
    expect(report.errors).toEqual([
      { line: 1, column: "", reason: expect.stringContaining("n'est pas un export data·inclusion") },
    ]);
    const broken = await imported(tenant, "resources", {
      bytes: new TextEncoder().encode("{pas du json"),
      type: JSON_TYPE,
    });
    expect(broken.errors[0].reason).toContain("n'est pas un JSON lisible");
  });
});
