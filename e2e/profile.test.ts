import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectLocator, type Harness, PEOPLE, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

/** Signs in as the lead and opens the profile of Lille Sud et Faubourgs. */
async function openLilleProfile(page: Page): Promise<string> {
  await signIn(page, PEOPLE.lead);
  await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
  await page.waitForURL(/\/territoires\/ter_[^/]+$/);
  await page
    .getByRole("navigation", { name: "Rubriques du territoire" })
    .getByRole("link", { name: "Profil" })
    .click();
  await page.getByRole("button", { name: "Enregistrer le profil" }).waitFor();
  return new URL(page.url()).pathname;
}

/** The error text of a field, through its aria-describedby. */
async function fieldError(page: Page, label: string | RegExp) {
  const control = page.getByLabel(label, { exact: typeof label === "string" });
  await expectLocator(control).toHaveAttribute("aria-invalid", "true");
  const describedBy = (await control.getAttribute("aria-describedby")) ?? "";
  return page.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`);
}

describe("the lead edits the territory profile", () => {
  test("population and a priority neighbourhood are saved and still there after a reload", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const path = await openLilleProfile(page);
    expect(path).toMatch(/\/profil$/);
    const population = page.getByLabel("Population", { exact: true });
    const qpv = page.getByLabel(/Quartiers prioritaires/);
    await expectLocator(population).toHaveValue("277911");

    await population.fill("281500");
    await qpv.fill("Lille Sud\nMoulins\nFaubourg de Béthune\nBois Blancs");
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await expectLocator(page.getByRole("status").filter({ hasText: "Profil enregistré" })).toHaveText(
      "Profil enregistré (version 2).",
    );

    await page.reload();
    await page.getByRole("button", { name: "Enregistrer le profil" }).waitFor();
    await expectLocator(population).toHaveValue("281500");
    expect((await qpv.inputValue()).split("\n")).toEqual([
      "Lille Sud",
      "Moulins",
      "Faubourg de Béthune",
      "Bois Blancs",
    ]);
    await expectLocator(page.getByText("Version 2")).toHaveCount(1);

    // Saving again without a change changes nothing: no new version, no empty journal entry.
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await expectLocator(page.getByRole("status").filter({ hasText: "Aucune modification" })).toBeVisible();
    await expectLocator(page.getByText("Version 2")).toHaveCount(1);

    // The overview and the journal follow; the journal names fields, never ids or versions.
    const sections = page.getByRole("navigation", { name: "Rubriques du territoire" });
    await sections.getByRole("link", { name: "Vue d'ensemble" }).click();
    await page.getByText("281 500").waitFor();
    await expectLocator(page.getByText("Bois Blancs")).toHaveCount(1);
    await sections.getByRole("link", { name: "Journal" }).click();
    const entries = page.locator("ol.journal > li");
    const latest = entries.first();
    await expectLocator(latest).toContainText("Modification du profil");
    await expectLocator(latest).toContainText("Camille Cheffe de projet");
    await expectLocator(latest.locator(".changes li")).toHaveTexts([
      /^Population 277 911 → devient 281 500$/,
      /^Quartiers prioritaires.*Bois Blancs$/,
    ]);
    // One entry for the one real change, on top of the seed's.
    await expectLocator(entries.filter({ hasText: "Modification du profil" })).toHaveCount(1);
    const journal = (await page.locator("ol.journal").textContent()) ?? "";
    expect(journal).not.toMatch(/(usr|ter|inv|fed|fun)_[0-9A-Z]{10}/);
    expect(journal).not.toContain("Version");
    expect(journal).not.toMatch(/—\s*→\s*devient\s*—/);
    expect(journal).not.toMatch(
      /\b1 (janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre)/,
    );
    expect(unexpectedErrors()).toEqual([]);
  });

  test("every schema issue is shown in one pass, in helpful French, before anything is sent", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "PUT") sent.push(request.url());
    });
    await openLilleProfile(page);
    await page.getByLabel("Nom du territoire pilote").fill("L");
    await page.getByLabel("Communes (codes INSEE)").fill("59350, 5935, 59368");
    await page.getByLabel("Population", { exact: true }).fill("12,5 habitants");
    await page.getByLabel(/Date de fin/).fill("2025-01-01");
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();

    const summary = page.locator(".error-summary");
    await expectLocator(summary.locator("h2")).toHaveText("Le formulaire contient 4 erreurs");
    await expectLocator(summary).toBeFocused();
    await expectLocator(summary.locator("li")).toHaveTexts([
      "Le nom doit comporter au moins 2 caractères",
      /^« 5935 » n'est pas un code INSEE : un code de commune compte 5 caractères/,
      "Saisissez un nombre, par exemple 12 500",
      "La date de fin doit être égale ou postérieure à la date de début",
    ]);
    await expectLocator(await fieldError(page, "Population")).toHaveText(
      "Saisissez un nombre, par exemple 12 500",
    );
    // The summary's link leads to the field.
    await summary.getByRole("link", { name: /5935/ }).click();
    await expectLocator(page.getByLabel("Communes (codes INSEE)")).toBeFocused();
    expect(sent).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("an unknown INSEE code is reported by the API on its field, in French", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await openLilleProfile(page);
    const communes = page.getByLabel("Communes (codes INSEE)");
    const save = page.getByRole("button", { name: "Enregistrer le profil" });

    await communes.fill("59350 99999");
    await save.click();
    await expectLocator(await fieldError(page, "Communes (codes INSEE)")).toContainText(
      "Code INSEE inconnu : 99999",
    );
    await expectLocator(page.locator(".error-summary li")).toHaveCount(1);

    // Nothing was saved.
    await page.reload();
    await save.waitFor();
    await expectLocator(communes).toHaveValue("59350, 59299, 59368");
    expect(unexpectedErrors([400])).toEqual([]);
  });

  test("a session that expires during an edit keeps what was typed, for after sign-in", async () => {
    const { context, page, unexpectedErrors } = await harness.open();
    const path = await openLilleProfile(page);
    await page.getByLabel("Population", { exact: true }).fill("290000");
    await page.getByLabel(/Quartiers prioritaires/).fill("Lille Sud\nWazemmes");

    // The session ends behind the console's back; the save is answered 401.
    await context.clearCookies();
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await page.waitForURL("**/connexion");
    await page.getByText("Votre session a expiré").waitFor();

    await page.getByRole("button", { name: new RegExp(PEOPLE.lead) }).click();
    await page.waitForURL((url) => url.pathname === path);
    await expectLocator(page.getByLabel("Population", { exact: true })).toHaveValue("290000");
    await expectLocator(page.getByLabel(/Quartiers prioritaires/)).toHaveValue("Lille Sud\nWazemmes");
    await expectLocator(
      page.getByRole("status").filter({ hasText: "Votre saisie a été conservée" }),
    ).toBeVisible();

    // Nothing was saved meanwhile; saving now does it.
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await expectLocator(page.getByRole("status").filter({ hasText: "Profil enregistré" })).toContainText(
      "Profil enregistré",
    );
    await page.reload();
    await expectLocator(page.getByLabel("Population", { exact: true })).toHaveValue("290000");
    expect(unexpectedErrors([401])).toEqual([]);
  });
});
