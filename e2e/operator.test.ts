import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, heading, PEOPLE, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

describe("the operator sets up a new pilot", () => {
  test("creates a territory and a federation, attaches them, and invites the first lead", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    const createTerritory = page.locator("#create-territory");

    await createTerritory.getByRole("button", { name: "Créer le territoire" }).click();
    const summary = createTerritory.locator(".error-summary");
    await summary.waitFor();
    expect(await summary.locator("li").count()).toBeGreaterThanOrEqual(5);

    await createTerritory.getByLabel("Nom du territoire pilote").fill("Pays de Morlaix");
    await createTerritory.getByLabel("Type de structure porteuse").selectOption("cpts");
    await createTerritory.getByLabel(/Nom de la structure porteuse/).fill("CPTS du Pays de Morlaix");
    await createTerritory.getByLabel("Communes (codes INSEE)").fill("29151");
    await createTerritory.getByLabel("Population", { exact: true }).fill("15000");
    await createTerritory.getByLabel("Programme").selectOption("ami");
    await createTerritory.getByLabel("Date de début").fill("2027-01-04");
    await createTerritory.getByRole("button", { name: "Créer le territoire" }).click();
    await createTerritory
      .getByRole("status")
      .filter({ hasText: "Territoire « Pays de Morlaix » créé." })
      .waitFor();
    const directory = page.locator("table", {
      has: page.locator("caption", { hasText: "Territoires pilotes" }),
    });
    await directory.getByText("Pays de Morlaix").waitFor();

    const createFederation = page.locator("#create-federation");
    await createFederation.getByLabel("Nom", { exact: true }).fill("Réseau breton (démo)");
    await createFederation.getByRole("button", { name: "Créer la fédération" }).click();
    await createFederation.getByRole("status").filter({ hasText: "créée" }).waitFor();

    const attach = page.locator("#attach form").first();
    await attach
      .getByLabel("Fédération")
      .locator("option", { hasText: "Réseau breton (démo)" })
      .waitFor({ state: "attached" });
    await attach.getByLabel("Fédération").selectOption({ label: "Réseau breton (démo)" });
    await attach.getByLabel("Territoire pilote").selectOption({ label: "Pays de Morlaix" });
    await attach.getByRole("button", { name: "Rattacher" }).click();
    await attach.getByRole("status").filter({ hasText: "est rattaché à" }).waitFor();
    await attach.getByRole("button", { name: "Rattacher" }).click();
    await attach.locator(".error-summary").getByText("Ce territoire est déjà rattaché.").waitFor();

    const invite = page.locator("#invite");
    await invite.getByLabel("Territoire pilote").selectOption({ label: "Pays de Morlaix" });
    await invite.getByLabel("Nom et prénom").fill("Yann Le Gall");
    await invite.getByLabel("Adresse e-mail").fill("yann.legall@example.org");
    await invite.getByRole("button", { name: "Créer l'invitation" }).click();
    const link = await invite.getByLabel(/Lien d'invitation/).inputValue();
    expect(link).toContain("/invitation#token=");

    const newLead = await harness.open();
    await newLead.page.goto(link);
    await newLead.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    expect(await heading(newLead.page)).toBe("Pays de Morlaix");
    await newLead.page.getByText("Réseau breton (démo)").waitFor();
    expect(await newLead.page.locator(".subnav .tag").textContent()).toBe("Chef·fe de projet");

    expect(unexpectedErrors([409])).toEqual([]);
    expect(newLead.unexpectedErrors()).toEqual([]);
  });
});
