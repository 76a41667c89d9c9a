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

const LILLE = "Lille Sud et Faubourgs";
const CREUSE = "Creuse Sud-Ouest";
const RODEZ = "Rodez et Ségala";
const FEDERATION = "Fédération des liens sociaux (démo)";
const FUNDER = "ARS Hauts-de-France (démo)";

/** The operator's directory, then one of its names. */
async function openFromDirectory(page: Page, caption: string, name: string) {
  if (new URL(page.url()).pathname !== "/operateur") {
    await page.getByRole("navigation", { name: "Fil d'Ariane" }).getByRole("link").click();
  }
  const table = page.getByRole("table", { name: caption });
  await table.getByRole("link", { name, exact: true }).click();
}

describe("the operator follows up what they created", () => {
  test("a territory's readers: detach a funder (confirmed), which then no longer sees it; attach it back", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    await openFromDirectory(page, "Territoires pilotes", LILLE);
    await page.waitForURL(/\/operateur\/territoires\/ter_[^/]+$/);
    await expectLocator(page.locator("main h1")).toHaveText(`Territoire pilote — ${LILLE}`);
    await expectLocator(page.locator("main h1")).toBeFocused();

    const federations = page.getByRole("list", { name: "Fédérations" });
    const funders = page.getByRole("list", { name: "Financeurs" });
    await expectLocator(federations.getByRole("link")).toHaveTexts([FEDERATION]);
    await expectLocator(funders.getByRole("link")).toHaveTexts([FUNDER]);

    // Cancelling gives the focus back and changes nothing.
    const detachFederation = page.getByRole("button", {
      name: `Détacher ${LILLE} de la fédération ${FEDERATION}`,
    });
    await detachFederation.click();
    await expectLocator(page.getByRole("button", { name: /^Oui, détacher/ })).toBeFocused();
    await page.keyboard.press("Escape");
    await expectLocator(detachFederation).toBeFocused();
    await expectLocator(federations.getByRole("link")).toHaveTexts([FEDERATION]);

    await page.getByRole("button", { name: `Détacher ${LILLE} du financeur ${FUNDER}` }).click();
    const group = page.getByRole("group", { name: /^Détacher .* \?/ });
    await expectLocator(group).toContainText("Ce que le territoire y publiait sera retiré.");
    const confirm = group.getByRole("button", { name: `Oui, détacher ${LILLE} du financeur ${FUNDER}` });
    await expectLocator(confirm).toBeFocused();
    await page.screenshot({ path: join(artifacts, "follow-up-territory.png"), fullPage: true });
    await confirm.click();
    await expectLocator(page.getByRole("status").filter({ hasText: "est détaché" })).toHaveText(
      `${LILLE} est détaché du financeur ${FUNDER}.`,
    );
    await expectLocator(page.getByText("Aucun financeur n'est rattaché à ce territoire.")).toBeVisible();
    await expectLocator(page.getByRole("heading", { name: "Financeurs", level: 3 })).toBeFocused();
    // The funder can be attached again from here.
    await expectLocator(page.locator("#attach-funder-ownerId option", { hasText: FUNDER })).toHaveCount(1);

    // The funder's page, from the directory: no territory left.
    await openFromDirectory(page, "Financeurs", FUNDER);
    await page.waitForURL(/\/operateur\/financeurs\/fun_[^/]+$/);
    await expectLocator(page.locator("main h1")).toHaveText(`Financeur — ${FUNDER}`);
    await expectLocator(page.getByText("Aucun territoire n'est rattaché pour le moment.")).toBeVisible();
    const funderPath = new URL(page.url()).pathname.replace("/operateur", "");

    // The funder's own view no longer lists it either.
    const funder = await harness.open();
    await signIn(funder.page, PEOPLE.funder);
    await funder.page.waitForURL(`**${funderPath}`);
    await expectLocator(
      funder.page.getByText("Aucun territoire n'est rattaché pour le moment."),
    ).toBeVisible();
    expect(await funder.page.getByText(LILLE).count()).toBe(0);

    // Attached back from the funder's page: the territory is listed there, as a link to its page.
    await page.getByLabel("Territoire pilote").selectOption({ label: LILLE });
    await page.getByRole("button", { name: "Rattacher" }).click();
    await expectLocator(page.getByRole("status").filter({ hasText: "est rattaché" })).toHaveText(
      `« ${LILLE} » est rattaché à « ${FUNDER} ».`,
    );
    const territories = page.getByRole("list", { name: "Territoires rattachés" });
    await expectLocator(territories.getByRole("link")).toHaveTexts([LILLE]);
    await funder.page.reload();
    await expectLocator(funder.page.getByRole("table").getByRole("rowheader")).toHaveTexts([LILLE]);

    await territories.getByRole("link", { name: LILLE }).click();
    await expectLocator(page.locator("main h1")).toHaveText(`Territoire pilote — ${LILLE}`);
    await expectLocator(funders.getByRole("link")).toHaveTexts([FUNDER]);

    expect(unexpectedErrors()).toEqual([]);
    expect(funder.unexpectedErrors()).toEqual([]);
  });

  test("a territory's invitations: the seeded one pending, then a first lead invited", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    await openFromDirectory(page, "Territoires pilotes", CREUSE);
    await expectLocator(page.locator("main h1")).toHaveText(`Territoire pilote — ${CREUSE}`);

    const invitations = page.getByRole("table", { name: /^Invitations/ });
    const rows = invitations.locator("tbody tr");
    await expectLocator(rows).toHaveCount(1);
    await expectLocator(rows.first()).toContainText("Nadia Nouvelle");
    await expectLocator(rows.first().locator(".tag")).toHaveText("en attente");
    await expectLocator(rows.first()).toContainText(/envoyée le (1er|\d+) /);

    const invite = page.getByRole("region", { name: "Inviter un·e chef·fe de projet" });
    await invite.getByLabel("Nom et prénom").fill("Léa Limousin");
    await invite.getByLabel("Adresse e-mail").fill("lea.limousin@example.org");
    await invite.getByRole("button", { name: "Créer l'invitation" }).click();
    await expectLocator(invite.getByRole("status").filter({ hasText: "Invitation créée" })).toHaveText(
      "Invitation créée pour lea.limousin@example.org.",
    );
    // Newest first, pending, as a project lead.
    await expectLocator(rows).toHaveCount(2);
    await expectLocator(rows.first()).toContainText("Léa Limousin");
    await expectLocator(rows.first()).toContainText("Chef·fe de projet");
    await expectLocator(rows.first().locator(".tag")).toHaveText("en attente");

    expect(unexpectedErrors()).toEqual([]);
  });

  test("a territory's invitations come 20 a page, then 'Voir plus'", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    await openFromDirectory(page, "Territoires pilotes", RODEZ);
    await expectLocator(page.locator("main h1")).toHaveText(`Territoire pilote — ${RODEZ}`);
    await expectLocator(page.getByText("Aucune invitation pour le moment.")).toBeVisible();

    // 21 invitations, through the API as the console sends them.
    const territoryId = new URL(page.url()).pathname.split("/")[3] ?? "";
    await page.evaluate(`(async () => {
      for (let i = 1; i <= 21; i++) {
        const answer = await fetch("/api/operator/territories/${territoryId}/invitations", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "chef" + i + "@example.org", displayName: "Chef " + i, role: "territory_lead" }),
        });
        if (!answer.ok) throw new Error("invitation " + i + ": " + answer.status);
      }
    })()`);
    await page.reload();
    const rows = page.getByRole("table", { name: /^Invitations/ }).locator("tbody tr");
    await expectLocator(rows).toHaveCount(20);
    await expectLocator(rows.first().getByRole("rowheader")).toHaveText("Chef 21");
    await page.getByRole("button", { name: "Voir plus" }).click();
    await expectLocator(rows).toHaveCount(21);
    await expectLocator(page.getByRole("status").filter({ hasText: "de plus affichée" })).toHaveText(
      "1 invitation de plus affichée.",
    );
    await expectLocator(rows.nth(20).getByRole("rowheader")).toHaveText("Chef 1");
    await expectLocator(rows.nth(20).getByRole("rowheader")).toBeFocused();
    await expectLocator(page.getByText("Toutes les invitations sont affichées.")).toBeVisible();
    expect(await page.getByRole("button", { name: "Voir plus" }).count()).toBe(0);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("the lead sees the territory's pending invitation on the members page", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.ruralLead);
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    await page
      .getByRole("navigation", { name: "Rubriques du territoire" })
      .getByRole("link", { name: "Membres" })
      .click();
    const invitations = page.getByRole("table", { name: /^Invitations/ });
    const nadia = invitations.getByRole("row", { name: /Nadia Nouvelle/ });
    await expectLocator(nadia).toContainText("nadia.nouvelle@example.org");
    await expectLocator(nadia).toContainText("Agent de liaison");
    await expectLocator(nadia.locator(".tag")).toHaveText("en attente");
    await expectLocator(nadia).toContainText(/jusqu'au \d/);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("the follow-up pages are the operator's: others are refused, and nothing is asked of the API", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/operator")) asked.push(request.url());
    });
    await signIn(page, PEOPLE.lead);
    for (const path of [
      "/operateur/territoires/ter_01ARZ3NDEKTSV4RRFFQ69G5FAV",
      "/operateur/federations/fed_01ARZ3NDEKTSV4RRFFQ69G5FAV",
      "/operateur/financeurs/fun_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    ]) {
      await page.goto(path);
      await expectLocator(page.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
    }
    expect(asked).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("an unknown territory is said to be not found", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    await page.goto("/operateur/territoires/ter_01ARZ3NDEKTSV4RRFFQ69G5FAV");
    await expectLocator(page.getByRole("heading", { name: "Introuvable" })).toBeVisible();
    expect(unexpectedErrors([404])).toEqual([]);
  });
});
