import type { Territory } from "@maillage/schema";
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

async function storedProfile(page: Page, territoryId: string): Promise<Territory> {
  const response = await page.request.get(`/api/territories/${territoryId}/profile`);
  expect(response.status()).toBe(200);
  return (await response.json()) as Territory;
}

describe("two people edit the same profile", () => {
  test("the second save is refused, explained, and the current version can be reloaded", async () => {
    const first = await harness.open();
    const second = await harness.open();
    await signIn(first.page, PEOPLE.lead);
    await first.page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
    await first.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    const territoryId = new URL(first.page.url()).pathname.split("/")[2] ?? "";
    const profilePath = `/territoires/${territoryId}/profil`;

    await signIn(second.page, PEOPLE.lead);
    for (const { page } of [first, second]) {
      await page.goto(profilePath);
      await page.getByRole("button", { name: "Enregistrer le profil" }).waitFor();
    }

    // The first person saves a new population.
    await first.page.getByLabel("Population", { exact: true }).fill("300000");
    await first.page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await first.page.getByRole("status").filter({ hasText: "Profil enregistré (version 2)." }).waitFor();

    // The second, still on version 1, adds a neighbourhood and saves.
    const qpv = second.page.getByLabel(/Quartiers prioritaires/);
    await qpv.fill("Lille Sud\nMoulins\nFaubourg de Béthune\nWazemmes");
    await second.page.getByRole("button", { name: "Enregistrer le profil" }).click();
    const alert = second.page.getByRole("alert").filter({
      hasText: "Ce profil a été modifié par quelqu'un d'autre pendant votre saisie",
    });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("La version actuelle est la version 2");
    await expect.poll(() => focused(second.page, "role")).toBe("alert");
    const differences = await alert.locator("tbody tr").allTextContents();
    expect(differences).toEqual([
      expect.stringMatching(/^Population\s*277911\s*300000$/),
      expect.stringMatching(/^Quartiers prioritaires.*Wazemmes.*Faubourg de Béthune$/),
    ]);
    expect(await second.page.getByRole("status").filter({ hasText: "Profil enregistré" }).count()).toBe(0);

    // The first person's change was not overwritten.
    const afterConflict = await storedProfile(first.page, territoryId);
    expect(afterConflict).toMatchObject({ version: 2, population: 300000 });
    expect(afterConflict.priorityNeighbourhoods).not.toContain("Wazemmes");

    // The second reloads the current version, redoes the change, and saves on top of it.
    await alert.getByRole("button", { name: "Recharger la version actuelle" }).click();
    await second.page.getByRole("status").filter({ hasText: "(version 2)" }).waitFor();
    expect(await second.page.getByLabel("Population", { exact: true }).inputValue()).toBe("300000");
    expect(await qpv.inputValue()).not.toContain("Wazemmes");
    await qpv.fill(`${await qpv.inputValue()}\nWazemmes`);
    await second.page.getByRole("button", { name: "Enregistrer le profil" }).click();
    await second.page.getByRole("status").filter({ hasText: "Profil enregistré (version 3)." }).waitFor();

    const final = await storedProfile(first.page, territoryId);
    expect(final).toMatchObject({ version: 3, population: 300000 });
    expect(final.priorityNeighbourhoods).toContain("Wazemmes");

    // The first person's reload shows both changes.
    await first.page.reload();
    await first.page.getByRole("button", { name: "Enregistrer le profil" }).waitFor();
    expect(await first.page.getByLabel(/Quartiers prioritaires/).inputValue()).toContain("Wazemmes");

    expect(first.unexpectedErrors()).toEqual([]);
    expect(second.unexpectedErrors([409])).toEqual([]);
  });
});
