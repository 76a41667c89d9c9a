import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { focused, type Harness, PEOPLE, signIn, startHarness } from "./harness";

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

describe("the lead edits the territory profile", () => {
  test("population and a priority neighbourhood are saved and still there after a reload", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const path = await openLilleProfile(page);
    expect(path).toMatch(/\/profil$/);
    const population = page.getByLabel("Population", { exact: true });
    const qpv = page.getByLabel(/Quartiers prioritaires/);
    expect(await population.inputValue()).toBe("277911");

    await population.fill("281500");
    await qpv.fill("Lille Sud\nMoulins\nFaubourg de Béthune\nBois Blancs");
    await page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await page.getByRole("status").filter({ hasText: "Profil enregistré (version 2)." }).waitFor();

    await page.reload();
    await page.getByRole("button", { name: "Enregistrer le profil" }).waitFor();
    expect(await population.inputValue()).toBe("281500");
    expect((await qpv.inputValue()).split("\n")).toEqual([
      "Lille Sud",
      "Moulins",
      "Faubourg de Béthune",
      "Bois Blancs",
    ]);
    expect(await page.getByText("Version 2").count()).toBe(1);

    // The overview and the journal follow.
    const sections = page.getByRole("navigation", { name: "Rubriques du territoire" });
    await sections.getByRole("link", { name: "Vue d'ensemble" }).click();
    await page.getByText("281 500").waitFor();
    expect(await page.getByText("Bois Blancs").count()).toBe(1);
    await sections.getByRole("link", { name: "Journal" }).click();
    const latest = page.locator("table.journal tbody tr").first();
    await latest.waitFor();
    expect(await latest.textContent()).toContain("Modification du profil");
    expect(await latest.textContent()).toContain("Camille Cheffe de projet");
    expect(await latest.locator(".changes li").allTextContents()).toEqual([
      expect.stringMatching(/^Population\s+277\s911\s+→\s+devient\s+281\s500$/),
      expect.stringMatching(/Quartiers prioritaires.*Bois Blancs$/),
      expect.stringMatching(/^Version\s+1\s+→\s+devient\s+2$/),
    ]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("a malformed INSEE code is caught before sending, an unknown one by the API, both on the field", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await openLilleProfile(page);
    const communes = page.getByLabel("Communes (codes INSEE)");
    const save = page.getByRole("button", { name: "Enregistrer le profil" });

    await communes.fill("59350, 5935, 59368");
    await save.click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    await expect.poll(() => focused(page, "class")).toBe("error-summary");
    expect(await summary.textContent()).toContain("Le formulaire contient 1 erreur");
    expect(await communes.getAttribute("aria-invalid")).toBe("true");
    const describedBy = (await communes.getAttribute("aria-describedby")) ?? "";
    const fieldError = page.locator(`[id="${describedBy.split(" ").find((id) => id.endsWith("-error"))}"]`);
    expect(await fieldError.textContent()).toBe(
      "« 5935 » : Code INSEE attendu : 5 caractères, par exemple 75056",
    );
    // The summary's link leads to the field.
    await summary.getByRole("link").click();
    await expect.poll(() => focused(page, "id")).toBe(await communes.getAttribute("id"));

    await communes.fill("59350 99999");
    await save.click();
    await page.getByText("Code INSEE inconnu : 99999").first().waitFor();
    expect(await fieldError.textContent()).toContain("Code INSEE inconnu : 99999");
    expect(await communes.getAttribute("aria-invalid")).toBe("true");

    // End before start: the schema's cross-field rule lands on the end date.
    await communes.fill("59350, 59299, 59368");
    await page.getByLabel(/Date de fin/).fill("2025-01-01");
    await save.click();
    await page
      .getByText("La date de fin doit être égale ou postérieure à la date de début")
      .first()
      .waitFor();
    expect(await page.getByLabel(/Date de fin/).getAttribute("aria-invalid")).toBe("true");
    expect(await communes.getAttribute("aria-invalid")).toBeNull();

    // Nothing was saved.
    await page.reload();
    await save.waitFor();
    expect(await communes.inputValue()).toBe("59350, 59299, 59368");
    expect(unexpectedErrors([400])).toEqual([]);
  });
});
