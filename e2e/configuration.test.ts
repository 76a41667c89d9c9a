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

const sections = (page: Page) => page.getByRole("navigation", { name: "Rubriques du territoire" });

/** Signs in as the lead and opens one of Lille Sud et Faubourgs' sections; answers the territory's path. */
async function openLille(page: Page, section?: string): Promise<string> {
  await signIn(page, PEOPLE.lead);
  await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
  await page.waitForURL(/\/territoires\/ter_[^/]+$/);
  const base = new URL(page.url()).pathname;
  if (section) await sections(page).getByRole("link", { name: section }).click();
  return base;
}

const step = (page: Page, index: number) => page.locator("ol.steps > li").nth(index);

describe("the lead configures the pathway", () => {
  test("renames a step, sets a delay, reorders, adds an integrated track with a marker and an override; it is saved, reloaded and in the history", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const sent: unknown[] = [];
    page.on("request", (request) => {
      if (request.method() === "PUT" && request.url().endsWith("/pathway")) sent.push(request.postDataJSON());
    });
    await openLille(page, "Parcours-type");
    const save = page.getByRole("button", { name: "Enregistrer le parcours" });
    await save.waitFor();
    // The seed saved Lille's pathway once: it is no longer the national default.
    await expectLocator(page.getByText("Version 1", { exact: true })).toBeVisible();
    await expectLocator(page.getByText(/suit encore le parcours national par défaut/)).toHaveCount(0);
    expect(await page.getByRole("radio", { name: /^Coordination/ }).isChecked()).toBe(true);

    // Rename the second step and set the third one's delay.
    await step(page, 1).getByLabel("Nom de l'étape").fill("Orienter vers l'agent de liaison");
    await expectLocator(step(page, 1).locator(".step__legend")).toContainText(
      "Étape 2 : Orienter vers l'agent de liaison",
    );
    await step(page, 2)
      .getByLabel(/Délai cible/)
      .fill("10");

    // Reorder with buttons (no drag): the moved step keeps the focus and the move is announced.
    const up = page.getByRole("button", { name: "Monter l'étape « Suivre et ajuster »" });
    await up.click();
    await expectLocator(page.getByRole("status").filter({ hasText: "déplacée" })).toHaveText(
      "Étape « Suivre et ajuster » déplacée en position 4 sur 6.",
    );
    await expectLocator(up).toBeFocused();
    await page.keyboard.press("Enter");
    await expectLocator(page.getByRole("status").filter({ hasText: "déplacée" })).toHaveText(
      "Étape « Suivre et ajuster » déplacée en position 3 sur 6.",
    );
    await page.getByRole("button", { name: "Descendre l'étape « Suivre et ajuster »" }).click();
    await page.getByRole("button", { name: "Descendre l'étape « Suivre et ajuster »" }).click();
    await expectLocator(page.locator("ol.steps .step__legend")).toHaveTexts([
      "Étape 1 : Repérer",
      "Étape 2 : Orienter vers l'agent de liaison",
      "Étape 3 : Co-construire",
      "Étape 4 : Soutenir",
      "Étape 5 : Suivre et ajuster",
      "Étape 6 : Évaluer",
    ]);

    // The integrated track: one marker, and an override of the renamed step with a partner scheme.
    await page
      .getByLabel("Définir un parcours intégré pour les personnes présentant des critères de vulnérabilité")
      .check();
    await page.getByLabel("Nom du parcours intégré").fill("Parcours intégré Lille Sud");
    await page.getByRole("checkbox", { name: "Sans logement" }).check();
    await page.getByLabel("Adapter l'étape « Orienter vers l'agent de liaison »").check();
    const override = page.locator(".override").filter({ hasText: "Orienter vers l'agent de liaison" });
    await override.getByLabel("Délai cible (jours)").fill("3");
    await override.getByRole("checkbox", { name: "DAC Métropole lilloise" }).check();
    await override.getByLabel("Ce qui change pour la personne").fill("Premier contact conjoint avec le DAC.");

    await save.click();
    await expectLocator(page.getByRole("status").filter({ hasText: "Parcours enregistré" })).toHaveText(
      "Parcours enregistré (version 2).",
    );
    // The whole list went with its version; stored steps keep their ids.
    expect(sent).toHaveLength(1);
    const body = sent[0] as { version: number; steps: { id?: string }[]; integratedTrack: unknown };
    expect(body.version).toBe(1);
    expect(body.steps).toHaveLength(6);
    expect(body.steps.every((s) => typeof s.id === "string")).toBe(true);

    await page.reload();
    await save.waitFor();
    await expectLocator(page.getByText("Version 2", { exact: true })).toBeVisible();
    await expectLocator(step(page, 1).getByLabel("Nom de l'étape")).toHaveValue(
      "Orienter vers l'agent de liaison",
    );
    await expectLocator(step(page, 2).getByLabel(/Délai cible/)).toHaveValue("10");
    expect(await page.getByRole("checkbox", { name: "Sans logement" }).isChecked()).toBe(true);
    const reloaded = page.locator(".override").filter({ hasText: "Orienter vers l'agent de liaison" });
    await expectLocator(reloaded.getByLabel("Délai cible (jours)")).toHaveValue("3");
    expect(await reloaded.getByRole("checkbox", { name: "DAC Métropole lilloise" }).isChecked()).toBe(true);
    await page.screenshot({ path: join(artifacts, "pathway.png"), fullPage: true });

    // The page's history names steps and schemes, never ids.
    const history = page.getByRole("region", { name: "Historique" });
    await history.getByRole("button", { name: "Afficher l'historique" }).click();
    const latest = history.locator("ol.journal > li").first();
    await expectLocator(latest).toContainText("Modification du parcours-type");
    await expectLocator(latest).toContainText("Camille Cheffe de projet");
    const lines = latest.locator(".changes li");
    await expectLocator(lines.filter({ hasText: "· Nom" })).toHaveText(
      "Étape « Orienter vers l'agent de liaison » · Nom Orienter → devient Orienter vers l'agent de liaison",
    );
    await expectLocator(lines.filter({ hasText: "Co-construire » · Délai cible" })).toHaveText(
      "Étape « Co-construire » · Délai cible 14 jours → devient 10 jours",
    );
    await expectLocator(lines.filter({ hasText: /^Parcours intégré/ })).toContainText("Sans logement");
    await expectLocator(lines.filter({ hasText: /^Parcours intégré/ })).toContainText(
      "DAC Métropole lilloise",
    );
    const text = (await history.textContent()) ?? "";
    expect(text).not.toMatch(/(stp|sch|usr|ter)_[0-9A-Z]{10}/);
    // The seed's first save is there too, under it.
    await expectLocator(history.locator("ol.journal > li")).toHaveCount(2);

    // The territory's journal renders the same entry the same way.
    await sections(page).getByRole("link", { name: "Journal" }).click();
    const inJournal = page.locator("ol.journal > li").first();
    await expectLocator(inJournal).toContainText("Modification du parcours-type · Parcours-type");
    await expectLocator(inJournal.locator(".changes li").filter({ hasText: "· Nom" })).toHaveText(
      "Étape « Orienter vers l'agent de liaison » · Nom Orienter → devient Orienter vers l'agent de liaison",
    );
    expect((await page.locator("ol.journal").textContent()) ?? "").not.toMatch(/(stp|sch)_[0-9A-Z]{10}/);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("every issue is shown before anything is sent, the cross-field rules of the shared schema included", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "PUT") sent.push(request.url());
    });
    await openLille(page, "Parcours-type");
    const save = page.getByRole("button", { name: "Enregistrer le parcours" });
    await save.waitFor();
    await step(page, 3).getByLabel("Nom de l'étape").fill("Repérer");
    await step(page, 4)
      .getByLabel(/Délai cible/)
      .fill("dix");
    await save.click();
    // The schema first (the delay), then, once the shape is right, `pathwayIssues` (the duplicate name).
    const summary = page.locator(".error-summary");
    await expectLocator(summary.locator("li")).toHaveTexts([
      "Étape 5 : Suivre et ajuster · Délai cible : Saisissez un nombre entier de jours, de 0 à 365",
    ]);
    await expectLocator(summary).toBeFocused();
    await summary.getByRole("link").click();
    await expectLocator(step(page, 4).getByLabel(/Délai cible/)).toBeFocused();
    await page.keyboard.press("Control+A");
    await page.keyboard.type("20");
    await save.click();
    await expectLocator(summary.locator("li")).toHaveTexts([
      "Étape 4 : Repérer · Nom de l'étape : Deux étapes actives portent ce nom : donnez-leur des noms distincts",
    ]);
    await expectLocator(step(page, 3).getByLabel("Nom de l'étape")).toHaveAttribute("aria-invalid", "true");

    // A new step can be added, and removed again while unsaved; a stored one only retired.
    await page.getByRole("button", { name: "Ajouter une étape" }).click();
    await expectLocator(step(page, 6).getByLabel("Nom de l'étape")).toBeFocused();
    await expectLocator(step(page, 6)).toContainText("Nouvelle, pas encore enregistrée");
    await page.getByRole("button", { name: "Supprimer la nouvelle étape « sans nom »" }).click();
    await expectLocator(page.locator("ol.steps > li")).toHaveCount(6);
    await page.getByRole("button", { name: "Retirer l'étape « Repérer »" }).first().click();
    await expectLocator(step(page, 0)).toContainText("Retirée");
    expect(sent).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });
});

describe("what others see", () => {
  test("a link worker reads the pathway, without a save button nor the history", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.linkWorker);
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    await sections(page).getByRole("link", { name: "Parcours-type" }).click();
    await page.getByText("Vous le consultez en lecture seule").waitFor();
    await expectLocator(page.getByRole("heading", { level: 3, name: "Co-construire" })).toBeVisible();
    await expectLocator(page.getByRole("button", { name: "Enregistrer le parcours" })).toHaveCount(0);
    await expectLocator(page.getByRole("textbox")).toHaveCount(0);
    await expectLocator(page.getByRole("heading", { name: "Historique" })).toHaveCount(0);
    // Referral routes and partner schemes too, read-only.
    await sections(page).getByRole("link", { name: "Orientations et publics" }).click();
    await page.getByText("Vous les consultez en lecture seule").waitFor();
    await expectLocator(page.getByRole("button", { name: /Enregistrer/ })).toHaveCount(0);
    await sections(page).getByRole("link", { name: "Dispositifs partenaires" }).click();
    await page.getByRole("link", { name: "CPTS Lille Sud" }).waitFor();
    await expectLocator(page.getByRole("button", { name: "Ajouter le dispositif" })).toHaveCount(0);
    expect(unexpectedErrors()).toEqual([]);
  });
});

describe("referral routes and partner schemes", () => {
  test("the lead opens a route, adds a scheme with its contact, retires it, and reads its history", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await openLille(page, "Orientations et publics");
    const saveRoutes = page.getByRole("button", { name: "Enregistrer les orientations et publics" });
    await saveRoutes.waitFor();
    await page.getByRole("checkbox", { name: "Sage-femme" }).check();
    await page.getByLabel("Description : Sage-femme").fill("Suivi post-natal, PMI de Lille Sud.");
    await saveRoutes.click();
    await expectLocator(page.getByRole("status").filter({ hasText: "enregistrés" })).toHaveText(
      "Orientations et publics enregistrés (version 2).",
    );
    const history = page.getByRole("region", { name: "Historique" });
    await history.getByRole("button", { name: "Afficher l'historique" }).click();
    await expectLocator(history.locator("ol.journal > li").first().locator(".changes li").first()).toHaveText(
      "Voie « Sage-femme » · Ouverte Non → devient Oui",
    );

    await sections(page).getByRole("link", { name: "Dispositifs partenaires" }).click();
    const add = page.getByRole("button", { name: "Ajouter le dispositif" });
    await add.waitFor();
    await page
      .getByLabel("Type de dispositif")
      .selectOption({ label: "PTSM (projet territorial de santé mentale)" });
    await page.getByLabel("Nom du dispositif").fill("PTSM du Nord");
    await page.getByLabel("Structure porteuse").fill("ARS Hauts-de-France (démo)");
    await page.getByLabel(/Téléphone de la structure/).fill("12");
    await add.click();
    await expectLocator(page.locator(".error-summary li")).toHaveTexts([/^Téléphone de la structure : /]);
    await page.getByLabel(/Téléphone de la structure/).fill("03 53 01 10 09");
    await add.click();
    await expectLocator(page.getByRole("status").filter({ hasText: "ajouté" })).toContainText(
      "Dispositif « PTSM du Nord » ajouté.",
    );
    await expectLocator(page.getByRole("table").getByRole("link", { name: "PTSM du Nord" })).toBeVisible();
    await page.getByRole("table").getByRole("link", { name: "PTSM du Nord" }).click();
    await page.getByRole("button", { name: "Retirer ce dispositif" }).click();
    await expectLocator(page.getByRole("status").filter({ hasText: "Dispositif retiré" })).toBeVisible();
    await expectLocator(page.getByRole("button", { name: "Réactiver ce dispositif" })).toBeVisible();
    const schemeHistory = page.getByRole("region", { name: "Historique" });
    await schemeHistory.getByRole("button", { name: "Afficher l'historique" }).click();
    await expectLocator(schemeHistory.locator("ol.journal > li h3")).toHaveTexts([
      "Dispositif partenaire retiré",
      "Dispositif partenaire ajouté",
    ]);
    expect(unexpectedErrors()).toEqual([]);
  });
});

describe("the configuration completeness panel", () => {
  test("lists what is done and what is still to do, in words, each with a link", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const base = await openLille(page);
    const panel = page.getByRole("region", { name: "Configuration du pilote" });
    await panel.waitFor();
    const stale = await page.request.get(
      `/api${base.replace("/territoires", "/territories")}/resources?stale=true&limit=1`,
    );
    const hasStale = ((await stale.json()) as { items: unknown[] }).items.length > 0;
    const item = (id: string) => panel.locator(`#completeness-${id}`);
    await expectLocator(item("pathway")).toContainText("Fait");
    await expectLocator(item("route")).toContainText("Fait");
    await expectLocator(item("group")).toContainText("Fait");
    await expectLocator(item("scheme")).toContainText("Fait");
    await expectLocator(item("link-worker")).toContainText("Fait");
    await expectLocator(item("resource")).toContainText("Fait");
    await expectLocator(item("communes")).toContainText("Fait");
    await expectLocator(item("fresh")).toContainText(hasStale ? "À faire" : "Fait");
    await expectLocator(panel.getByRole("status")).toHaveText(
      hasStale ? "1 élément sur 8 reste à compléter." : "Configuration complète : le pilote peut démarrer.",
    );
    expect(await item("link-worker").getByRole("link").getAttribute("href")).toBe(`${base}/agents`);
    expect(await item("fresh").getByRole("link").getAttribute("href")).toBe(`${base}/ressources`);
    await page.screenshot({ path: join(artifacts, "completeness.png"), fullPage: true });

    // A link worker's overview does not show the lead's to-do list.
    const other = await harness.open();
    await signIn(other.page, PEOPLE.linkWorker);
    await other.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    await other.page.getByRole("heading", { name: "Équipe" }).waitFor();
    await expectLocator(other.page.getByRole("region", { name: "Configuration du pilote" })).toHaveCount(0);
    expect(unexpectedErrors()).toEqual([]);
    expect(other.unexpectedErrors()).toEqual([]);
  });
});
