import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifacts, expectLocator, type Harness, PEOPLE, pageWidth, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

const EDITS = 25;
const PAGE = 20;

/** The lead's Lille territory id, from the workspaces page. */
async function lilleId(page: Page): Promise<string> {
  await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
  await page.waitForURL(/\/territoires\/ter_[^/]+$/);
  return new URL(page.url()).pathname.split("/")[2] ?? "";
}

/** Profile edits through the API, as the console sends them (same origin, session cookie). */
async function editPopulation(page: Page, territoryId: string, times: number): Promise<void> {
  await page.evaluate(`(async () => {
    const url = "/api/territories/${territoryId}/profile";
    for (let i = 0; i < ${times}; i++) {
      const p = await (await fetch(url)).json();
      const body = {
        name: p.name, carrierType: p.carrierType, carrierName: p.carrierName, communes: p.communes,
        population: p.population + 1, priorityNeighbourhoods: p.priorityNeighbourhoods,
        programme: p.programme, startDate: p.startDate, endDate: p.endDate, version: p.version,
      };
      const answer = await fetch(url, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (!answer.ok) throw new Error("edit " + i + ": " + answer.status);
    }
  })()`);
}

describe("the journal", () => {
  test("comes a page at a time, newest first, with 'Voir plus' until its start", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    await editPopulation(page, territoryId, EDITS);

    await page.goto(`/territoires/${territoryId}/journal`);
    const entries = page.locator("ol.journal > li");
    const more = page.getByRole("button", { name: "Voir plus" });
    await expectLocator(entries).toHaveCount(PAGE);
    await expectLocator(entries.first()).toContainText(`Population 277 ${911 + EDITS - 1}`);

    await more.click();
    // The first new entry takes the focus; the status says how many came.
    await expectLocator(page.locator(`#journal-entry-${PAGE}`)).toBeFocused();
    await expectLocator(page.getByRole("status").filter({ hasText: "de plus affichée" })).toBeVisible();
    while ((await more.count()) > 0) {
      const shown = await entries.count();
      await more.click();
      await expectLocator(page.locator(`#journal-entry-${shown}`)).toBeFocused();
    }
    await expectLocator(page.getByText("Début du journal")).toBeVisible();
    await page.screenshot({ path: join(artifacts, "journal.png") });

    // Every edit once, in order, and the territory's creation last.
    const texts = (await entries.allTextContents()).map((text) => text.replace(/\s+/g, " "));
    const edits = texts.filter((text) => text.includes("Modification du profil"));
    expect(edits).toHaveLength(EDITS);
    expect(new Set(edits).size).toBe(EDITS);
    expect(edits[0]).toContain(`→ devient 277 ${911 + EDITS}`);
    expect(edits.at(-1)).toContain("Population 277 911 → devient 277 912");
    expect(texts.at(-1)).toContain("Création du territoire");
    expect(unexpectedErrors()).toEqual([]);
  });

  test("fits a 390 px wide phone, as do the other pages", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await page.setViewportSize({ width: 390, height: 844 });
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    // Long values: every commune and neighbourhood of the territory in one change.
    await page.goto(`/territoires/${territoryId}/profil`);
    await page
      .getByLabel(/Quartiers prioritaires/)
      .fill(
        Array.from({ length: 12 }, (_, i) => `Quartier prioritaire numéro ${i + 1} du territoire`).join("\n"),
      );
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await page.getByRole("status").filter({ hasText: "Profil enregistré" }).waitFor();

    const pages = {
      journal: page.locator("ol.journal > li").first(),
      "": page.locator("table", { has: page.locator("caption", { hasText: "Communes couvertes" }) }),
      profil: page.getByRole("button", { name: "Enregistrer le profil" }),
      membres: page.getByRole("button", { name: "Créer l'invitation" }),
    };
    for (const [section, content] of Object.entries(pages)) {
      await page.goto(`/territoires/${territoryId}${section ? `/${section}` : ""}`);
      await expectLocator(content).toBeVisible();
      expect(await pageWidth(page), `/${section}`).toBeLessThanOrEqual(390);
      if (section === "journal")
        await page.screenshot({ path: join(artifacts, "journal-390.png"), fullPage: true });
    }
    expect(unexpectedErrors()).toEqual([]);
  });

  test("is for the territory's leads: a link worker is told so, and nothing is asked of the API", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const asked: string[] = [];
    page.on("request", (request) => {
      if (/\/api\/.*(\/audit|\/members)/.test(request.url())) asked.push(request.url());
    });
    await signIn(page, PEOPLE.linkWorker);
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    const territoryPath = new URL(page.url()).pathname;
    for (const section of ["journal", "membres"]) {
      await page.goto(`${territoryPath}/${section}`);
      await expectLocator(page.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
      await expectLocator(page.getByRole("alert")).toContainText("Chef·fe de projet");
      await expectLocator(page.locator("main form")).toHaveCount(0);
    }
    expect(asked).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });
});
