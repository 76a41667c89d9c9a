import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  addDays,
  frenchDate,
  HEADERS,
  journeyRows,
  journeysCsv,
} from "../functions/test/fixtures/journey-file";
import {
  api,
  artifacts,
  expectLocator,
  type Harness,
  lilleId,
  PEOPLE,
  signIn,
  startHarness,
} from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

/** Every page of a list route, through its cursor. */
async function all<T>(page: Page, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `limit=200${cursor ? `&cursor=${cursor}` : ""}`;
    const answer: { items: T[]; next: string | null } = await api(page, `${path}?${query}`);
    items.push(...answer.items);
    cursor = answer.next;
  } while (cursor);
  return items;
}

/** The journeys the lead sees, by external reference. */
const journeyReferences = async (page: Page, territoryId: string) =>
  (await all<{ externalReference: string | null }>(page, `/api/territories/${territoryId}/journeys`)).map(
    (journey) => journey.externalReference ?? "",
  );

/** A figure of the report or of the result: the value of its « term ». */
const figure = (page: Page, within: string, term: string) =>
  page
    .locator(`${within} dl > div`)
    .filter({ has: page.locator("dt", { hasText: term }) })
    .locator("dd");

/** Today in France, as the API dates what has happened (ISO). */
const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

/**
 * Records, from the page itself, every state of the commit's progress (its label, its percentage and
 * the bar's value) as the console shows them while it polls the job: the test reads them afterwards,
 * without sampling the page itself (a poll of the test could miss a short step).
 */
const RECORD_PROGRESS = `(() => {
  const seen = (window.__progress = []);
  const read = () => {
    const bar = document.getElementById("import-commit-progress");
    if (!bar) return;
    const state = {
      label: (document.getElementById("import-commit-progress-label")?.textContent ?? "").trim(),
      text: (document.getElementById("import-commit-progress-text")?.textContent ?? "").replace(/\\s+/g, " ").trim(),
      value: Number(bar.value),
    };
    const last = seen.at(-1);
    if (!last || last.label !== state.label || last.text !== state.text || last.value !== state.value) seen.push(state);
  };
  new MutationObserver(read).observe(document.body, {
    subtree: true,
    childList: true,
    characterData: true,
    attributes: true,
  });
})()`;

interface ProgressState {
  label: string;
  text: string;
  value: number;
}

const ROWS = 1000;
/** How long a job over the whole file may take (the commit took about 30 s on a loaded 2-core machine). */
const JOB = { timeout: 60_000 };

describe("importing journeys", () => {
  test("a lead imports a 1,000-row file with errors, fixes it and commits with progress shown", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);

    // The file's references: a link worker and a resource of the territory, as their lists show them.
    const [worker] = await all<{ reference: string }>(page, `/api/territories/${territoryId}/link-workers`);
    const [resource] = await all<{ reference: string }>(page, `/api/territories/${territoryId}/resources`);
    expect(worker?.reference).toMatch(/^AL-\d+$/);
    expect(resource?.reference).toMatch(/^RES-\d+$/);
    const options = { prefix: "E2E", linkWorker: worker?.reference, resource: resource?.reference };
    const before = await journeyReferences(page, territoryId);
    expect(before.filter((reference) => reference.startsWith("E2E-"))).toEqual([]);

    // The lead's way in: the journeys list, then its import button.
    await page
      .getByRole("navigation", { name: "Rubriques du territoire" })
      .getByRole("link", { name: "Parcours", exact: true })
      .click();
    await page.waitForURL(`**/territoires/${territoryId}/parcours-individuels`);
    await page.getByRole("link", { name: "Importer des parcours" }).click();
    await page.waitForURL(`**/territoires/${territoryId}/parcours-individuels/importer`);
    await expectLocator(page.locator("main h1")).toHaveText("Importer des parcours");
    await expectLocator(
      page
        .getByRole("navigation", { name: "Fil d'Ariane" })
        .getByRole("link", { name: "Parcours individuels" }),
    ).toHaveAttribute("href", `/territoires/${territoryId}/parcours-individuels`);

    // The templates: the CSV's French headers are the columns the rows are written in; the XLSX downloads.
    const csvHref = await page.getByRole("link", { name: "Modèle CSV" }).getAttribute("href");
    const xlsxHref = await page.getByRole("link", { name: "Modèle Excel (XLSX)" }).getAttribute("href");
    expect(csvHref).toBe(`/api/territories/${territoryId}/journeys/template?format=csv`);
    expect(xlsxHref).toBe(`/api/territories/${territoryId}/journeys/template?format=xlsx`);
    const templates = await page.evaluate<{ csv: string; xlsx: string; xlsxBytes: number }, string[]>(
      async ([csv, xlsx]) => {
        const [a, b] = await Promise.all([fetch(csv ?? ""), fetch(xlsx ?? "")]);
        return {
          csv: await a.text(),
          xlsx: b.headers.get("content-type") ?? "",
          xlsxBytes: (await b.arrayBuffer()).byteLength,
        };
      },
      [csvHref ?? "", xlsxHref ?? ""],
    );
    expect((templates.csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "").split(";")).toEqual(HEADERS);
    expect(templates.xlsx).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    expect(templates.xlsxBytes).toBeGreaterThan(1000);

    // 1,000 rows, four of them wrong (rows i of the generator are the file's lines i + 1).
    const good = journeyRows(ROWS, options);
    const bad = good.map((row) => [...row]);
    const set = (i: number, cells: Record<string, string>) => {
      const row = bad[i - 1] as string[];
      for (const [header, value] of Object.entries(cells)) {
        expect(HEADERS, header).toContain(header);
        row[HEADERS.indexOf(header)] = value;
      }
    };
    // Row 5 reaches its evaluation (stage 5): dated a month from now, without an exit after it.
    set(5, {
      "Date de l'évaluation": frenchDate(addDays(today(), 30)),
      "Date de sortie": "",
      "Motif de sortie": "",
    });
    // Row 250 names a link worker: one the territory does not have.
    set(250, { "Agent de liaison": "AL-999" });
    // Row 500 has its baseline scores (stage 2): a 9 on a 1–5 scale.
    set(500, { "SWEMWBS initial — réponses": "2,3,9,2,3,2,2" });
    // Row 999 has a plan (stage 3): a phone number in a goal.
    set(999, { "Objectifs du plan": "Rejoindre un groupe de marche | Rappeler le 06 12 34 56 78" });
    const buffer = (rows: string[][]) => Buffer.from(journeysCsv(rows));

    const fileInput = page.getByLabel("Fichier à importer");
    await fileInput.setInputFiles({ name: "parcours.csv", mimeType: "text/csv", buffer: buffer(bad) });
    await expectLocator(page.getByText("Fichier choisi : parcours.csv (CSV)")).toBeVisible();
    await page.getByRole("button", { name: "Vérifier le fichier" }).click();
    await expectLocator(page.locator("#import-report-title"), JOB).toBeFocused();
    await expectLocator(page.locator("#import-check-progress-text")).toHaveText("Avancement : 100 %");
    await expectLocator(figure(page, ".report", "Lignes lues")).toHaveText("1 000");
    await expectLocator(figure(page, ".report", "Lignes valides")).toHaveText("996");
    await expectLocator(figure(page, ".report", "Erreurs")).toHaveText("4");
    await expectLocator(page.getByRole("heading", { name: "4 erreurs à corriger" })).toBeVisible();
    await expectLocator(
      page.getByText("Aucune ligne ne sera importée tant que le fichier contient des erreurs"),
    ).toBeVisible();
    const errors = page.locator("table.import-errors tbody tr");
    await expectLocator(errors).toHaveCount(4);
    const rowOf = (n: number) => errors.nth(n).locator("td");
    await expectLocator(rowOf(0)).toHaveTexts([
      "6",
      "Date de l'évaluation",
      "Cette date est dans le futur : n'enregistrez que ce qui a eu lieu.",
    ]);
    await expectLocator(rowOf(1)).toHaveTexts([
      "251",
      "Agent de liaison",
      /^« AL-999 » n'est la référence d'aucun agent de liaison du territoire/,
    ]);
    await expectLocator(rowOf(2)).toHaveTexts([
      "501",
      "SWEMWBS initial — réponses",
      "Réponse n° 3 : « 9 » hors de l'échelle : chaque réponse du SWEMWBS est un nombre entier de 1 à 5.",
    ]);
    await expectLocator(rowOf(3)).toHaveTexts([
      "1 000",
      "Objectifs du plan",
      /Cela ressemble à un numéro de téléphone/,
    ]);
    // Nothing to commit, and nothing written.
    await expectLocator(page.getByRole("button", { name: /^Importer \d/ })).toHaveCount(0);
    await page.screenshot({ path: join(artifacts, "journey-import-dry-run.png"), fullPage: true });
    expect(await journeyReferences(page, territoryId)).toHaveLength(before.length);

    // The fixed file (the rows without their errors): valid, 1,000 to create, still nothing written.
    await fileInput.setInputFiles({
      name: "parcours-corrige.csv",
      mimeType: "text/csv",
      buffer: buffer(good),
    });
    await page.getByRole("button", { name: "Vérifier le fichier" }).click();
    await expectLocator(page.locator("#import-report-title"), JOB).toBeFocused();
    await expectLocator(
      page
        .getByRole("status")
        .filter({ hasText: /^Le fichier est valide : 1\s000 lignes peuvent être importées\.$/ }),
    ).toBeVisible();
    await expectLocator(figure(page, ".report", "Erreurs")).toHaveText("0");
    await expectLocator(figure(page, ".report", "Fiches à créer")).toHaveText("1 000");
    await expectLocator(figure(page, ".report", "Fiches à mettre à jour")).toHaveText("0");
    await expectLocator(errors).toHaveCount(0);
    expect(await journeyReferences(page, territoryId)).toHaveLength(before.length);

    // The commit: its progress is shown while the job runs, up to 100 %.
    await page.evaluate(RECORD_PROGRESS);
    await page.getByRole("button", { name: /^Importer 1\s000 lignes$/ }).click();
    await expectLocator(page.locator("#import-commit-progress")).toBeVisible();
    await expectLocator(page.locator("#import-result-title"), JOB).toBeFocused();
    await expectLocator(page.locator("#import-commit-progress-label")).toHaveText("Enregistrement terminé");
    await expectLocator(page.locator("#import-commit-progress-text")).toHaveText("Avancement : 100 %");
    await expectLocator(page.locator("#import-commit-progress")).toHaveAttribute("value", "1");
    const progress = await page.evaluate<ProgressState[]>("window.__progress");
    const running = progress.filter((state) => state.label === "Import en cours…");
    expect(running.length, JSON.stringify(progress)).toBeGreaterThan(0);
    for (const state of running)
      expect(state.text).toMatch(/^(En attente de traitement…|Avancement : \d+(,\d)? %)$/);
    // A step between the start and the end was shown (the job reports every 25 rows; the page polls).
    expect(
      running.some((state) => state.value > 0 && state.value < 1),
      JSON.stringify(progress),
    ).toBe(true);
    const values = progress.map((state) => state.value);
    expect(values, "the bar never goes back").toEqual([...values].sort((a, b) => a - b));
    expect(progress.at(-1)).toEqual({
      label: "Enregistrement terminé",
      text: "Avancement : 100 %",
      value: 1,
    });

    await expectLocator(figure(page, ".result", "Fiches créées")).toHaveText("1 000");
    await expectLocator(figure(page, ".result", "Fiches mises à jour")).toHaveText("0");
    await expectLocator(
      page
        .getByRole("status")
        .filter({ hasText: /^Import terminé : 1\s000 fiches créées, 0 mises à jour\.$/ }),
    ).toBeVisible();
    await page.screenshot({ path: join(artifacts, "journey-import-result.png"), fullPage: true });

    // The journeys exist: 1,000 more, 800 with the file's references and 200 with a drawn PAR-… one.
    const after = await journeyReferences(page, territoryId);
    expect(after).toHaveLength(before.length + ROWS);
    const known = new Set(before);
    const imported = after.filter((reference) => !known.has(reference));
    expect(imported).toHaveLength(ROWS);
    expect(imported.filter((reference) => /^E2E-\d{5}$/.test(reference))).toHaveLength(800);
    expect(imported.filter((reference) => /^PAR-\d{5}$/.test(reference))).toHaveLength(200);

    await page.getByRole("link", { name: "Voir les parcours" }).click();
    await page.waitForURL(`**/territoires/${territoryId}/parcours-individuels`);
    expect(unexpectedErrors()).toEqual([]);
  }, 120_000);
});
