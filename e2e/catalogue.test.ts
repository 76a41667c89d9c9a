import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifacts, expectLocator, type Harness, PEOPLE, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

/** The lead's Lille territory id, from the workspaces page. */
async function lilleId(page: Page): Promise<string> {
  await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
  await page.waitForURL(/\/territoires\/ter_[^/]+$/);
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

const subnav = (page: Page) => page.getByRole("navigation", { name: "Rubriques du territoire" });

describe("link workers", () => {
  test("the lead adds one: every error in one pass on a bad FTE, then the profile is saved with 0,8", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    await subnav(page).getByRole("link", { name: "Agents de liaison" }).click();
    await page.waitForURL(`**/territoires/${territoryId}/agents`);
    await expectLocator(page.locator("main table tbody tr").first()).toBeVisible();
    await page.getByRole("link", { name: "Ajouter un agent de liaison" }).click();

    await page.getByLabel("Nom et prénom").fill("Lina Essai");
    await page.getByLabel("Profil", { exact: true }).selectOption("health_mediator");
    await page.getByLabel("Temps de travail (ETP)").fill("1,5");
    await page.getByLabel("Source de financement").selectOption("ars");
    await page.getByLabel("Formé·e en santé communautaire").selectOption("no");
    await page.getByLabel("Supervision", { exact: true }).selectOption("group");
    await page.getByLabel("Fréquence de la supervision").selectOption("monthly");
    await page.getByLabel("Langues parlées").fill("fr, ar");
    await page.getByLabel(/^Communes couvertes/).fill("59350");
    await page.getByRole("button", { name: "Ajouter l'agent de liaison" }).click();

    // The employer left empty and the FTE out of range: both at once, before anything is sent.
    const summary = page.locator(".error-summary");
    await expectLocator(summary.locator("h2")).toHaveText("Le formulaire contient 2 erreurs");
    await expectLocator(summary.locator("li")).toHaveTexts([
      "Le nom doit comporter au moins 2 caractères",
      "L'ETP doit être supérieur à 0 et au plus égal à 1, par exemple 0,8",
    ]);
    await expectLocator(summary).toBeFocused();
    // Each line leads to its field: the employer's, then the FTE's.
    await expectLocator(summary.locator("a").first()).toHaveAttribute("href", "#link-worker-employer");
    await expectLocator(summary.locator("a").nth(1)).toHaveAttribute("href", "#link-worker-fte");
    await expectLocator(page.locator("#link-worker-fte-error")).toContainText("par exemple 0,8");
    await expectLocator(page.getByLabel("Temps de travail (ETP)")).toHaveAttribute("aria-invalid", "true");

    await page.getByLabel("Structure employeuse").fill("CCAS de Lille");
    await page.getByLabel("Temps de travail (ETP)").fill("0,8");
    await page.getByRole("button", { name: "Ajouter l'agent de liaison" }).click();
    await page.waitForURL(/\/agents\/lwk_[0-9A-Z]{26}$/);
    await expectLocator(page.locator("main h1")).toHaveText("Lina Essai");
    await expectLocator(
      page.getByRole("status").filter({ hasText: "Agent de liaison « Lina Essai » ajouté." }),
    ).toBeVisible();
    await expectLocator(page.getByLabel("Temps de travail (ETP)")).toHaveValue("0,8");
    await expectLocator(page.getByLabel("Capacité de suivi")).toHaveValue("");

    // Its history, as the journal shows entries.
    await page.getByRole("button", { name: "Afficher l'historique" }).click();
    const entry = page.locator("#link-worker-history-entry-0");
    await expectLocator(entry).toContainText("Agent de liaison ajouté");
    await expectLocator(entry).toContainText("Temps de travail (ETP) 0,8");
    await expectLocator(entry).toContainText("Profil Médiateur·rice en santé");

    await page
      .getByRole("navigation", { name: "Fil d'Ariane" })
      .getByRole("link", { name: "Agents de liaison" })
      .click();
    await expectLocator(page.getByRole("row", { name: /Lina Essai/ })).toContainText("0,8");
    await page.screenshot({ path: join(artifacts, "link-workers.png"), fullPage: true });
    expect(unexpectedErrors()).toEqual([]);
  });
});

describe("the resource catalogue", () => {
  test("filters by pillar and stale, kept in the URL, and a stale resource is marked verified", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    await subnav(page).getByRole("link", { name: "Ressources" }).click();
    await page.waitForURL(`**/territoires/${territoryId}/ressources`);
    const rows = page.locator("main table tbody tr");
    await expectLocator(rows.first()).toBeVisible();

    await page.getByLabel("Pilier").selectOption("social");
    await page.getByLabel("Vérification").selectOption("true");
    await page.getByRole("button", { name: "Filtrer", exact: true }).click();
    await page.waitForURL(/pillar=social/);
    expect(new URL(page.url()).searchParams.get("stale")).toBe("true");
    await expectLocator(page.locator("#resources-count")).toContainText("affichée");
    const count = await rows.count();
    expect(count).toBeGreaterThan(0);
    for (const row of await rows.all()) {
      await expectLocator(row).toContainText("Activités sociales");
      await expectLocator(row.locator(".tag--stale")).toHaveText("À vérifier");
    }

    const first = rows.first();
    const name = (await first.locator("th").textContent())?.trim() ?? "";
    await first.getByRole("button", { name: `Marquer comme vérifiée : ${name}` }).click();
    await expectLocator(
      page.getByRole("status").filter({ hasText: `« ${name} » marquée comme vérifiée le` }),
    ).toBeVisible();
    // It stays where it was, without its badge, until the list is read again.
    await expectLocator(first.locator(".tag--stale")).toHaveCount(0);
    await page.screenshot({ path: join(artifacts, "resources.png"), fullPage: true });

    // The filters are in the URL: a reload shows the same filtered list, without the verified one.
    await page.reload();
    await expectLocator(page.getByLabel("Pilier")).toHaveValue("social");
    await expectLocator(page.getByLabel("Vérification")).toHaveValue("true");
    await expectLocator(rows).toHaveCount(count - 1);
    await expectLocator(page.getByRole("link", { name })).toHaveCount(0);

    // Its page: the form with the new version, and its history says it was verified.
    await page.getByRole("link", { name: "Effacer les filtres" }).click();
    await page.getByRole("link", { name }).click();
    await page.waitForURL(/\/ressources\/res_[0-9A-Z]{26}$/);
    await expectLocator(page.locator("main h1")).toHaveText(name);
    await expectLocator(page.getByLabel("Pilier")).toHaveValue("social");
    await page.getByRole("button", { name: "Afficher l'historique" }).click();
    await expectLocator(page.locator("#resource-history-entry-0")).toContainText(
      "Ressource marquée comme vérifiée",
    );
    await page.getByLabel("Horaires").fill("Mardi et jeudi, 14 h – 17 h");
    await page.getByRole("button", { name: "Enregistrer la ressource" }).click();
    await expectLocator(page.getByRole("status").filter({ hasText: "Ressource enregistrée" })).toBeVisible();
    await expectLocator(page.locator("#resource-history-entry-0")).toContainText("Horaires");
    expect(unexpectedErrors()).toEqual([]);
  });
});

describe("a link worker", () => {
  test("reads the link workers and the catalogue, with nothing to edit", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.linkWorker);
    // One workspace: the territory is home.
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    const territoryId = new URL(page.url()).pathname.split("/")[2] ?? "";
    await subnav(page).getByRole("link", { name: "Ressources" }).click();
    await page.waitForURL(`**/territoires/${territoryId}/ressources`);
    await expectLocator(page.locator("main table tbody tr").first()).toBeVisible();
    await expectLocator(page.getByText("Seul·e un·e chef·fe de projet peut ajouter")).toBeVisible();
    await expectLocator(page.getByRole("button", { name: /Marquer comme vérifiée/ })).toHaveCount(0);
    await expectLocator(page.getByRole("link", { name: "Ajouter une ressource" })).toHaveCount(0);

    await subnav(page).getByRole("link", { name: "Agents de liaison" }).click();
    await page.getByRole("link", { name: "Samir Agent de liaison" }).click();
    await page.waitForURL(/\/agents\/lwk_/);
    await expectLocator(page.locator("main dl")).toContainText("Compte lié");
    await expectLocator(page.locator("main form")).toHaveCount(0);
    await expectLocator(page.getByRole("button", { name: "Afficher l'historique" })).toHaveCount(0);
    expect(unexpectedErrors()).toEqual([]);
  });
});

/** A figure of a report or a result: the value of its « term ». */
const figure = (page: Page, within: string, term: string) =>
  page
    .locator(`${within} dl > div`)
    .filter({ has: page.locator("dt", { hasText: term }) })
    .locator("dd");

/** A `;`-separated CSV as Excel in France saves it: UTF-8 with a BOM, CRLF line ends. */
function csv(rows: string[][]): Buffer {
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return Buffer.from(`\uFEFF${rows.map((row) => row.map(cell).join(";")).join("\r\n")}\r\n`, "utf8");
}

describe("importing resources", () => {
  test("a bad row is reported with its line, column and reason; the fixed file commits once, even when retried", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    await page.goto(`/territoires/${territoryId}/ressources`);
    await page.getByRole("link", { name: "Importer un fichier" }).click();
    await page.waitForURL(`**/territoires/${territoryId}/ressources/import`);

    // The template's French headers, as the lead downloads them.
    const href = await page.getByRole("link", { name: "Modèle CSV" }).getAttribute("href");
    const template = await page.evaluate<string, string>(
      async (url) => (await fetch(url)).text(),
      href ?? "",
    );
    const headers = (template.replace(/^\uFEFF/, "").split(/\r?\n/)[0] ?? "").split(";");
    expect(headers).toContain("Commune (code INSEE)");
    const row = (values: Record<string, string>) => headers.map((header) => values[header] ?? "");
    const garden = {
      Pilier: "Activités sociales",
      Catégorie: "Nature et jardinage",
      Structure: "Jardin partagé Essai E2E",
      "Commune (code INSEE)": "59350",
      Coût: "Gratuit",
      Publics: "Personnes isolées",
    };
    const walk = {
      Pilier: "Promotion de la santé et médico-social",
      Catégorie: "Activité physique adaptée",
      Structure: "Marche douce Essai E2E",
      Service: "Marche du mardi",
      "Commune (code INSEE)": "5935",
      Coût: "Tarif réduit ou solidaire",
    };
    const bad = csv([headers, row(garden), row(walk)]);
    const fixed = csv([headers, row(garden), row({ ...walk, "Commune (code INSEE)": "59350" })]);

    const fileInput = page.getByLabel("Fichier à importer");
    await fileInput.setInputFiles({ name: "ressources.csv", mimeType: "text/csv", buffer: bad });
    await page.getByRole("button", { name: "Vérifier le fichier" }).click();
    await expectLocator(page.locator("#import-report-title")).toBeFocused();
    const errors = page.locator("table.import-errors tbody tr");
    await expectLocator(errors).toHaveCount(1);
    await expectLocator(errors.locator("td")).toHaveTexts([
      "3",
      "Commune (code INSEE)",
      /^Ce n'est pas un code INSEE/,
    ]);
    await expectLocator(
      page.getByText("Aucune ligne ne sera importée tant que le fichier contient des erreurs"),
    ).toBeVisible();
    await expectLocator(page.getByRole("button", { name: /^Importer \d+ lignes?$/ })).toHaveCount(0);
    await page.screenshot({ path: join(artifacts, "import-dry-run.png"), fullPage: true });

    // The fixed file: valid, 2 to create.
    await fileInput.setInputFiles({ name: "ressources-corrige.csv", mimeType: "text/csv", buffer: fixed });
    await page.getByRole("button", { name: "Vérifier le fichier" }).click();
    await expectLocator(
      page.getByText("Le fichier est valide : 2 lignes peuvent être importées."),
    ).toBeVisible();
    await expectLocator(figure(page, ".report", "Fiches à créer")).toHaveText("2");

    // The first commit reaches the server, but its answer is lost: the lead tries again, with the same key.
    const keys: string[] = [];
    await page.route(/\/resources\/import\?.*dryRun=false/, async (route) => {
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      if (keys.length === 1) {
        await route.fetch();
        await route.abort("failed");
      } else await route.continue();
    });
    await page.getByRole("button", { name: "Importer 2 lignes" }).click();
    await expectLocator(
      page.getByRole("alert").filter({ hasText: "Réessayer est sans risque" }),
    ).toBeVisible();
    await page.getByRole("button", { name: "Réessayer l'import" }).click();
    await expectLocator(page.locator("#import-result-title")).toBeFocused();
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(keys[1]).toBe(keys[0]);
    await expectLocator(page.locator("#import-commit-progress-text")).toHaveText("Avancement : 100 %");
    await expectLocator(figure(page, ".result", "Fiches créées")).toHaveText("2");
    await expectLocator(
      page.getByRole("status").filter({ hasText: "Import terminé : 2 fiches créées" }),
    ).toBeVisible();
    await page.screenshot({ path: join(artifacts, "import-result.png"), fullPage: true });

    // Two resources, not four; and committing the same file with the same key once more adds nothing.
    const search = `/territoires/${territoryId}/ressources?q=${encodeURIComponent("Essai E2E")}`;
    await page.goto(search);
    const count = page.locator("#resources-count");
    await expectLocator(count).toHaveText("2 ressources affichées");
    const again = await page.evaluate<
      { status: number; location: string | null },
      { body: string; key: string; url: string }
    >(
      async ({ body, key, url }) => {
        const answer = await fetch(url, {
          method: "POST",
          headers: { "content-type": "text/csv", "idempotency-key": key },
          body: Uint8Array.from(atob(body), (c) => c.charCodeAt(0)),
        });
        return { status: answer.status, location: answer.headers.get("location") };
      },
      {
        body: fixed.toString("base64"),
        key: keys[0] ?? "",
        url: `/api/territories/${territoryId}/resources/import?format=csv&dryRun=false`,
      },
    );
    expect(again.status).toBe(202);
    await page.goto(search);
    await expectLocator(count).toHaveText("2 ressources affichées");
    expect(unexpectedErrors().filter((error) => !error.includes("net::ERR_FAILED"))).toEqual([]);
  });
});
