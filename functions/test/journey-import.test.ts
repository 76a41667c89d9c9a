import { Actor, Clock, Jobs, Journeys } from "@maillage/core";
import { instrumentInfo, lonelinessFrequencies, ons4Questions } from "@maillage/measures";
import { readTable, readXlsx, writeXlsx } from "@maillage/sheets";
import { SCALES } from "@maillage/sheets/entities";
import { beforeAll, describe, expect, test } from "vitest";
import { as, type TestTenant, testApp, testConfig, withTestTenant } from "../../test/harness";
import { fileStore } from "../src/files";
import { CSV, XLSX } from "../src/http/route";
import { runImport } from "../src/imports/engine";
import type { ImportInput } from "../src/imports/spec";
import {
  addDays,
  EXAMPLE,
  frenchDate,
  HEADERS,
  journeyRow,
  journeyRows,
  journeysCsv,
  prepareJourneyTerritory,
} from "./fixtures/journey-file";

const { app } = testApp();
const files = fileStore(testConfig().config.files);

// biome-ignore lint/suspicious/noExplicitAny: job results and API bodies, read field by field in assertions
type Json = Record<string, any>;
type Upload = { bytes: Uint8Array; type: string };

const row = journeyRow;
const csv = journeysCsv;

const asLead = <T>(t: TestTenant, fn: () => Promise<T>) =>
  Actor.provide(
    {
      type: "user",
      userId: t.users.territory_lead.id,
      displayName: "Cheffe de projet",
      contextKind: "territory",
      contextId: t.territory.id,
      role: "territory_lead",
    },
    fn,
  );

/** A territory ready for the template's example: GP and nurse routes, AL-001, RES-0001. */
async function setUp() {
  const t = await withTestTenant();
  const { worker, resource } = await prepareJourneyTerritory(t.territory.id, t.users.territory_lead.id);
  expect(worker.reference).toBe("AL-001");
  expect(resource.reference).toBe("RES-0001");
  return { t, workerId: worker.id, resourceId: resource.id };
}

async function upload(
  t: TestTenant,
  file: Upload,
  options: { dryRun?: boolean; key?: string; format?: string } = {},
) {
  const search = new URLSearchParams({
    dryRun: String(options.dryRun ?? true),
    ...(options.format ? { format: options.format } : {}),
  });
  const res = await app.request(`/api/territories/${t.territory.id}/journeys/import?${search}`, {
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

/** Uploads, waits for the job, answers its result (and its progress). */
async function imported(t: TestTenant, file: Upload, options: Parameters<typeof upload>[2] = {}) {
  const accepted = await upload(t, file, options);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(202);
  await Jobs.idle();
  const job = await as(app, t.users.territory_lead).get(accepted.location ?? "");
  expect(job.status).toBe(200);
  expect(job.body.status, JSON.stringify(job.body)).toBe("succeeded");
  return { ...job.body.result, jobId: accepted.body.jobId, progress: job.body.progress } as Json;
}

/** Every journey the lead sees, through the list route (all pages). */
async function journeys(t: TestTenant): Promise<Json[]> {
  const items: Json[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/journeys?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.next;
  } while (cursor);
  return items;
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

const french = frenchDate;

/** Fifty varied journeys: every funnel stage reached, some declined, every 5th without a reference. */
const fiftyRows = () => journeyRows(50);

describe("the journeys' columns", () => {
  test("the scales' counts and ranges are @maillage/measures' own", () => {
    for (const scale of SCALES) {
      const info = instrumentInfo[scale.code];
      expect([scale.items, scale.min, scale.max]).toEqual([
        info.itemCount,
        info.itemRange.min,
        info.itemRange.max,
      ]);
    }
    expect(SCALES.find((s) => s.code === "ONS4")?.questions?.map((q) => q.key)).toEqual([...ons4Questions]);
    expect(SCALES.find((s) => s.code === "UCLA3")?.direct?.map((d) => d.value)).toEqual([
      ...lonelinessFrequencies,
    ]);
  });
});

describe("journey imports", () => {
  let fixture: Awaited<ReturnType<typeof setUp>>;
  beforeAll(async () => {
    fixture = await setUp();
  });

  test("templates: French headers; the example row passes a dry run and commits as one complete journey", async () => {
    const { t, resourceId } = await setUp();
    const csvTemplate = await download(t, "journeys/template?format=csv");
    expect(csvTemplate.type).toMatch(/^text\/csv/);
    expect(csvTemplate.disposition).toContain("modele-parcours.csv");
    expect([...csvTemplate.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const header = readTable(csvTemplate.bytes, "csv")[0]?.cells ?? [];
    expect(header.slice(0, 6)).toEqual([
      "Référence",
      "Agent de liaison",
      "Tranche d'âge",
      "Sexe",
      "Commune (code INSEE)",
      "QPV",
    ]);
    expect(header).toContain("SWEMWBS initial — réponses");
    expect(header).toContain("UCLA3 suivi — question directe");
    const xlsxTemplate = await download(t, "journeys/template?format=xlsx");
    expect(xlsxTemplate.type).toBe(XLSX);
    expect(xlsxTemplate.disposition).toContain("modele-parcours.xlsx");
    expect(readXlsx(xlsxTemplate.bytes)[0]?.cells).toEqual(header);
    for (const file of [
      { bytes: csvTemplate.bytes, type: CSV },
      { bytes: xlsxTemplate.bytes, type: XLSX },
    ]) {
      const report = await imported(t, file);
      expect(report).toMatchObject({ rows: 1, valid: 1, errors: [], wouldCreate: 1, wouldUpdate: 0 });
    }
    const done = await imported(
      t,
      { bytes: xlsxTemplate.bytes, type: XLSX },
      { dryRun: false, key: "template-commit-1" },
    );
    expect(done).toMatchObject({ committed: true, created: 1, errors: [] });
    const [listed] = await journeys(t);
    expect(listed).toMatchObject({
      externalReference: "PAR-00001",
      status: "completed",
      route: "gp",
      linkWorkerId: expect.stringMatching(/^lwk_/),
      person: {
        ageBand: "65-74",
        sex: "female",
        commune: "59350",
        qpv: "yes",
        precarity: ["complementary_solidarity_cover"],
        livesAlone: "yes",
        distress: "mild",
        targetGroups: ["isolated"],
      },
      milestones: {
        referral: "2025-03-03",
        firstContact: "2025-03-10",
        initialInterview: "2025-03-17",
        plan: "2025-03-17",
        firstOrientation: "2025-03-24",
        firstActivity: "2025-03-24",
        firstFollowUp: "2025-04-21",
        evaluation: "2025-06-30",
        exit: "2025-06-30",
      },
    });
    const detail = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/journeys/${listed?.id}`,
    );
    expect(detail.status).toBe(200);
    expect(detail.body.events.map((e: Json) => e.type)).toEqual([
      "referral",
      "first_contact",
      "initial_interview",
      "plan",
      "orientation",
      "follow_up",
      "evaluation",
      "exit",
    ]);
    expect(detail.body.events[0]).toMatchObject({
      route: "gp",
      prescriber: "gp",
      reasons: ["loneliness", "physical_inactivity"],
      snomed: true,
    });
    expect(detail.body.events[3]).toMatchObject({
      pillars: ["social", "health"],
      goals: [
        { pillar: "social", label: "Rejoindre un groupe de marche" },
        { pillar: "health", label: "Reprendre une activité physique" },
      ],
    });
    expect(detail.body.events[4]).toMatchObject({ resourceId, attendance: "attended" });
    const scores = Object.fromEntries(
      detail.body.measures.map((m: Json) => [`${m.instrument} ${m.timepoint}`, m.score]),
    );
    expect(Object.keys(scores).sort()).toEqual([
      "ONS4 baseline",
      "ONS4 follow_up",
      "SWEMWBS baseline",
      "SWEMWBS follow_up",
      "UCLA3 baseline",
      "UCLA3 follow_up",
      "WEMWBS baseline",
      "WEMWBS follow_up",
    ]);
    expect(scores["SWEMWBS baseline"]).toMatchObject({ raw: 17, metric: 16.88 });
    expect(scores["UCLA3 baseline"]).toMatchObject({ total: 8, direct: "some_of_the_time" });
    expect(scores["ONS4 follow_up"]).toMatchObject({ anxiety: { value: 4, band: "medium" } });
  });

  test("a good file of 50 rows commits: every journey visible, one audit summary, progress to the end", async () => {
    const { t } = fixture;
    const file = csv(fiftyRows());
    const dry = await imported(t, { bytes: file, type: CSV });
    expect(dry.errors).toEqual([]);
    expect(dry).toMatchObject({ dryRun: true, rows: 50, valid: 50, wouldCreate: 50, encoding: "utf-8" });
    expect(await journeys(t)).toEqual([]);

    const done = await imported(t, { bytes: file, type: CSV }, { dryRun: false, key: "fifty-rows-0001" });
    expect(done).toMatchObject({ committed: true, created: 50, updated: 0, errors: [] });
    expect(done.progress.done).toBe(done.progress.total);
    const seen = await journeys(t);
    expect(seen).toHaveLength(50);
    const references = seen.map((j) => j.externalReference as string);
    expect(new Set(references).size).toBe(50);
    expect(references.filter((r) => r.startsWith("LOT-"))).toHaveLength(40);
    expect(references.filter((r) => /^PAR-\d{5}$/.test(r))).toHaveLength(10);
    expect(new Set(seen.map((j) => j.code)).size).toBe(50);
    const statuses = new Set(seen.map((j) => j.status));
    for (const status of [
      "referred",
      "contacted",
      "interviewed",
      "planned",
      "active",
      "completed",
      "declined",
    ]) {
      expect(statuses, status).toContain(status);
    }
    expect(seen.find((j) => j.externalReference === "LOT-00004")).toMatchObject({
      route: "health_professional:nurse",
      person: { ageBand: "85+", sex: "male" },
    });

    const trail = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/audit?limit=100`,
    );
    const summaries = trail.body.items.filter((e: Json) => e.action === "journey.import");
    expect(summaries).toHaveLength(1);
    expect(summaries[0]).toMatchObject({
      entity: done.runId,
      entityLabel: "50 lignes (csv)",
      summary: { kind: "import.journeys" },
    });
  });

  test("every error is listed by line, column and French reason, and nothing is written", async () => {
    const { t } = await setUp();
    const future = french(addDays(Clock.today(), 30));
    const file = csv([
      row({ Référence: "E-1" }),
      row({ Référence: "E-2", "Date du premier contact": "31/02/2025" }),
      row({ Référence: "E-3", "Date de l'évaluation": future, "Date de sortie": "", "Motif de sortie": "" }),
      row({ Référence: "E-4", "Date du premier contact": "01/03/2025" }),
      row({ Référence: "E-5", "Agent de liaison": "AL-999" }),
      row({ Référence: "E-6", "SWEMWBS initial — réponses": "2,3,9,2,3,2,2" }),
      row({
        Référence: "E-7",
        "Objectifs du plan": "Rejoindre un groupe de marche | Rappeler le 06 12 34 56 78",
      }),
      row({ Référence: "E-8", "Commune (code INSEE)": "99999" }),
      row({ Référence: "E-9", "Motif de sortie": "Peut-être", "SWEMWBS suivi — réponses": "3,3,4" }),
    ]);
    const report = await imported(t, { bytes: file, type: CSV });
    expect(report).toMatchObject({ rows: 9, valid: 1, errorCount: 9 });
    expect(report.errors).toEqual([
      {
        line: 3,
        column: "Date du premier contact",
        reason: "« 31/02/2025 » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 01/10/2025.",
      },
      {
        line: 4,
        column: "Date de l'évaluation",
        reason: "Cette date est dans le futur : n'enregistrez que ce qui a eu lieu.",
      },
      {
        line: 5,
        column: "Date du premier contact",
        reason: "Cette date précède la date d'orientation : rien ne peut avoir lieu avant.",
      },
      {
        line: 6,
        column: "Agent de liaison",
        reason: expect.stringContaining(
          "« AL-999 » n'est la référence d'aucun agent de liaison du territoire",
        ),
      },
      {
        line: 7,
        column: "SWEMWBS initial — réponses",
        reason:
          "Réponse n° 3 : « 9 » hors de l'échelle : chaque réponse du SWEMWBS est un nombre entier de 1 à 5.",
      },
      {
        line: 8,
        column: "Objectifs du plan",
        reason: expect.stringContaining("Cela ressemble à un numéro de téléphone"),
      },
      {
        line: 9,
        column: "Commune (code INSEE)",
        reason: expect.stringContaining("Code INSEE inconnu de la grille de densité INSEE 2024"),
      },
      {
        line: 10,
        column: "Motif de sortie",
        reason: expect.stringContaining("« Peut-être » ne fait pas partie des valeurs possibles"),
      },
      {
        line: 10,
        column: "SWEMWBS suivi — réponses",
        reason: expect.stringContaining("3 réponses au lieu de 7"),
      },
    ]);
    // A commit of the same file writes nothing, and says why.
    const refused = await imported(t, { bytes: file, type: CSV }, { dryRun: false, key: "errors-commit-1" });
    expect(refused).toMatchObject({ committed: false, errorCount: 9 });
    expect(await journeys(t)).toEqual([]);
  });

  test("the same Idempotency-Key again: the same job, no duplicate; a retried attempt completes without one", async () => {
    const { t } = await setUp();
    const file = csv([row({ Référence: "K-1" }), row({ Référence: "" }), row({ Référence: "K-3" })]);
    const first = await imported(t, { bytes: file, type: CSV }, { dryRun: false, key: "retry-key-0001" });
    expect(first).toMatchObject({ committed: true, created: 3 });
    const before = await journeys(t);
    expect(before).toHaveLength(3);

    const again = await upload(t, { bytes: file, type: CSV }, { dryRun: false, key: "retry-key-0001" });
    expect(again.status).toBe(202);
    expect(again.body.jobId).toBe(first.jobId);
    await Jobs.idle();
    expect(await journeys(t)).toEqual(before);

    // A worker retrying the attempt (its lease expired): the kept plan, the same keys, nothing new.
    const result = await Actor.provide(
      { type: "system", reason: "test-retry", tenantId: t.territory.id },
      async () => {
        const job = await Jobs.JobEntity.get([t.territory.id, first.jobId], { consistent: true });
        return runImport(t.territory.id, job?.input as unknown as ImportInput, files, async () => undefined);
      },
    );
    expect(result).toMatchObject({ committed: true, created: 3 });
    expect(await journeys(t)).toEqual(before);

    const other = await upload(
      t,
      { bytes: csv([row({ Référence: "K-9" })]), type: CSV },
      { dryRun: false, key: "retry-key-0001" },
    );
    expect(other.status).toBe(409);
  });

  test("a second import of the same file updates by reference: nothing created, nothing duplicated", async () => {
    const { t } = await setUp();
    const file = csv([
      row({ Référence: "U-1" }),
      row({ Référence: "U-2", "Date de sortie": "", "Motif de sortie": "" }),
    ]);
    await imported(t, { bytes: file, type: CSV }, { dryRun: false, key: "update-first-01" });
    const before = await journeys(t);
    expect(before).toHaveLength(2);

    const same = await imported(t, { bytes: file, type: CSV });
    expect(same).toMatchObject({ wouldCreate: 0, wouldUpdate: 0, unchanged: 2, errors: [] });
    const again = await imported(t, { bytes: file, type: CSV }, { dryRun: false, key: "update-second-1" });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await journeys(t)).toEqual(before);

    // An edited file: the row's journey is updated in place (same id and code), the other unchanged.
    const edited = csv([
      row({ Référence: "u-1", "Détresse psychologique": "Modérée" }),
      row({ Référence: "U-2", "Date de sortie": "", "Motif de sortie": "" }),
    ]);
    const updated = await imported(
      t,
      { bytes: edited, type: CSV },
      { dryRun: false, key: "update-third-01" },
    );
    expect(updated).toMatchObject({ created: 0, updated: 1, unchanged: 1 });
    const after = await journeys(t);
    expect(after).toHaveLength(2);
    const u1 = after.find((j) => j.externalReference?.toUpperCase() === "U-1");
    const was = before.find((j) => j.externalReference === "U-1");
    expect(u1).toMatchObject({ id: was?.id, code: was?.code, version: 2, person: { distress: "moderate" } });
  });

  test("routes, declines and scores without their date: each reason names what to fix", async () => {
    const { t } = fixture;
    const report = await imported(t, {
      bytes: csv([
        row({ Référence: "R-1", "Voie d'orientation": "Hôpital" }),
        row({ Référence: "R-2", "Voie d'orientation": "Travailleur social" }),
        row({
          Référence: "R-3",
          "Date de sortie": "05/03/2025",
          "Motif de sortie": "Refus",
          "Date du premier contact": "",
          "Mode du premier contact": "",
          "Date de l'entretien initial": "",
          "Durée de l'entretien (min)": "",
          "Date du plan": "",
          "Piliers du plan": "",
          "Objectifs du plan": "",
          "Date de la première orientation": "",
          Ressource: "",
          Participation: "",
          "Date du premier suivi": "",
          "Date de l'évaluation": "",
          ...Object.fromEntries(
            HEADERS.filter((h) => /^(SWEMWBS|WEMWBS|UCLA3|ONS4) /.test(h)).map((h) => [h, ""]),
          ),
        }),
        row({ Référence: "R-4", "ONS4 initial — date": "" }),
      ]),
      type: CSV,
    });
    expect(report.errors).toEqual([
      {
        line: 2,
        column: "Voie d'orientation",
        reason:
          "« Hôpital » n'est pas une voie d'orientation : voies activées dans le territoire : Médecin généraliste, Infirmier·ère.",
      },
      {
        line: 3,
        column: "Voie d'orientation",
        reason:
          "Cette voie d'orientation n'est pas activée dans les voies d'orientation du territoire : voies activées : Médecin généraliste, Infirmier·ère.",
      },
      {
        line: 4,
        column: "Motif de refus",
        reason: "Un refus va avec son motif : indiquez le motif de refus.",
      },
      {
        line: 5,
        column: "ONS4 initial — date",
        reason:
          "Des réponses au ONS4 initial supposent sa date de passation : indiquez-la (JJ/MM/AAAA), ou videz les réponses.",
      },
    ]);
  });

  test("a file with some columns only: defaults for a new journey, the stored values kept on update", async () => {
    const { t } = await setUp();
    const headers = [
      "Référence",
      "Tranche d'âge",
      "Sexe",
      "Date d'orientation",
      "Voie d'orientation",
      "Prescripteur",
      "Motifs",
    ];
    const first = await imported(
      t,
      {
        bytes: csv(
          [["P-1", "45-54", "Homme", "02/02/2025", "Médecin généraliste", "Psychologue", "Deuil"]],
          headers,
        ),
        type: CSV,
      },
      { dryRun: false, key: "partial-file-001" },
    );
    expect(first).toMatchObject({ created: 1, errors: [] });
    const [created] = await journeys(t);
    expect(created).toMatchObject({
      status: "referred",
      track: "standard",
      linkWorkerId: null,
      person: {
        ageBand: "45-54",
        sex: "male",
        commune: null,
        qpv: "unknown",
        precarity: [],
        distress: "unknown",
      },
    });
    // Without its « Sexe » column, a later file leaves the person's sex as it is.
    const later = headers.filter((h) => h !== "Sexe");
    const second = await imported(
      t,
      { bytes: csv([["P-1", "55-64", "02/02/2025", "gp", "Psychologue", "Deuil"]], later), type: CSV },
      { dryRun: false, key: "partial-file-002" },
    );
    expect(second).toMatchObject({ created: 0, updated: 1 });
    const [updated] = await journeys(t);
    expect(updated).toMatchObject({ id: created?.id, person: { ageBand: "55-64", sex: "male" } });
  });

  test("an XLSX file made from the template: dates as serial numbers, the rows' own line numbers", async () => {
    const { t } = await setUp();
    const template = await download(t, "journeys/template?format=xlsx");
    const [head, example] = readXlsx(template.bytes);
    const headers = (head?.cells ?? []).map(String);
    const at = (name: string) => headers.indexOf(name);
    const filled = (reference: string, referral: number | string) => {
      const cells = [...(example?.cells ?? [])] as (string | number | boolean | null)[];
      cells[at("Référence")] = reference;
      cells[at("Date d'orientation")] = referral;
      return cells;
    };
    // 45719 is 2025-03-03 in Excel's 1900 date system.
    const bytes = writeXlsx([
      { name: "Parcours", header: headers, rows: [filled("X-1", 45719), [], filled("X-2", "hier")] },
    ]);
    const report = await imported(t, { bytes, type: XLSX });
    expect(report.errors).toEqual([
      {
        line: 4,
        column: "Date d'orientation",
        reason: "« hier » n'est pas une date : écrivez-la JJ/MM/AAAA, par exemple 01/10/2025.",
      },
    ]);
    const fixed = writeXlsx([
      { name: "Parcours", header: headers, rows: [filled("X-1", 45719), filled("X-2", "03/03/2025")] },
    ]);
    const done = await imported(t, { bytes: fixed, type: XLSX }, { dryRun: false, key: "xlsx-journeys-1" });
    expect(done).toMatchObject({ created: 2, errors: [] });
    expect((await journeys(t)).map((j) => [j.externalReference, j.milestones.referral]).sort()).toEqual([
      ["X-1", "2025-03-03"],
      ["X-2", "2025-03-03"],
    ]);
  });

  test("a link worker cannot import journeys; a file without a required column is one error", async () => {
    const { t } = fixture;
    const res = await app.request(`/api/territories/${t.territory.id}/journeys/import?dryRun=true`, {
      method: "POST",
      headers: { authorization: `Bearer ${t.users.link_worker.token}`, "content-type": CSV },
      body: csv([row()]) as Uint8Array<ArrayBuffer>,
    });
    expect(res.status).toBe(403);
    const headers = HEADERS.filter((h) => h !== "Motifs");
    const report = await imported(t, {
      bytes: csv([headers.map((h) => EXAMPLE[h] ?? "")], headers),
      type: CSV,
    });
    expect(report.errors).toEqual([
      {
        line: 1,
        column: "Motifs",
        reason: "La colonne obligatoire « Motifs » est absente : reprenez les en-têtes du modèle.",
      },
    ]);
    expect(await asLead(t, () => Journeys.byReference())).toBeDefined();
  });
});
