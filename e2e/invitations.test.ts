import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { expectLocator, type Harness, heading, PEOPLE, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

describe("invitations", () => {
  test("a lead invites a link worker, who follows the link and lands in the territory", async () => {
    const lead = await harness.open();
    await signIn(lead.page, PEOPLE.lead);
    await lead.page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
    await lead.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    await lead.page
      .getByRole("navigation", { name: "Rubriques du territoire" })
      .getByRole("link", { name: "Membres" })
      .click();
    expect(await heading(lead.page)).toBe("Membres — Lille Sud et Faubourgs");
    const memberList = lead.page.getByRole("region", { name: "Personnes ayant accès au territoire" });
    const members = memberList.locator("table tbody tr");
    await members.first().waitFor();
    expect(await members.count()).toBe(2);

    // Empty form: the summary lists both fields.
    await lead.page.getByRole("button", { name: "Créer l'invitation" }).click();
    await lead.page.locator(".error-summary").getByText("Le formulaire contient 2 erreurs").waitFor();

    await lead.page.getByLabel("Nom et prénom").fill("Nina Nouvelle");
    await lead.page.getByLabel("Adresse e-mail").fill("nina.nouvelle@example.org");
    await lead.page.getByLabel("Rôle").selectOption("link_worker");
    await lead.page.getByRole("button", { name: "Créer l'invitation" }).click();
    await lead.page
      .getByRole("status")
      .filter({ hasText: "Invitation créée pour nina.nouvelle@example.org." })
      .waitFor();
    const link = await lead.page.getByLabel(/Lien d'invitation/).inputValue();
    expect(link).toMatch(new RegExp(`^${harness.baseUrl}/invitation#token=.{20,}`));

    const invited = await harness.open();
    await invited.page.goto(link);
    await invited.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    expect(await heading(invited.page)).toBe("Lille Sud et Faubourgs");
    expect(await invited.page.locator(".user").textContent()).toContain("Nina Nouvelle");
    expect(await invited.page.locator(".subnav .tag").textContent()).toBe("Agent de liaison");

    // The same link cannot be used twice.
    const again = await harness.open();
    await again.page.goto(link);
    await again.page.getByText("Ce lien d'invitation n'est pas valide ou a expiré.").waitFor();

    await lead.page.reload();
    await members.nth(2).waitFor();
    expect(await memberList.locator("table tbody").textContent()).toContain("Nina Nouvelle");
    // The invitation, followed up on the same page, is now accepted.
    const invitations = lead.page.getByRole("table", { name: /^Invitations/ });
    await expectLocator(invitations.getByRole("row", { name: /Nina Nouvelle/ })).toContainText("acceptée");
    await lead.page
      .getByRole("navigation", { name: "Rubriques du territoire" })
      .getByRole("link", { name: "Journal" })
      .click();
    const entries = lead.page.locator("ol.journal > li");
    await expectLocator(entries.first()).toBeVisible();
    // Newest first, each naming whom it is about.
    await expectLocator(lead.page.locator("ol.journal .journal__action").first()).toHaveText(
      "Invitation acceptée · Nina Nouvelle",
    );
    const actions = await lead.page.locator("ol.journal .journal__action").allTextContents();
    expect(actions[1]).toBe("Invitation créée · Nina Nouvelle");
    expect(await lead.page.locator("ol.journal").textContent()).not.toMatch(/(usr|inv|ter)_[0-9A-Z]{10}/);

    expect(lead.unexpectedErrors()).toEqual([]);
    expect(invited.unexpectedErrors()).toEqual([]);
    expect(again.unexpectedErrors([400])).toEqual([]);
  });

  test("a link without its token says so", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await page.goto("/invitation");
    await page.getByText("Ce lien d'invitation est incomplet.").waitFor();
    expect(unexpectedErrors()).toEqual([]);
  });

  test("a malformed link says it is malformed, without asking the server", async () => {
    const { page, unexpectedErrors } = await harness.open();
    const asked: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/api/invitations")) asked.push(request.url());
    });
    await page.goto("/invitation#token=abc");
    await expectLocator(page.getByRole("alert")).toContainText("Ce lien d'invitation est mal formé");
    expect(await page.getByText("Le serveur n'a pas pu répondre").count()).toBe(0);
    expect(asked).toEqual([]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("a well-formed but unknown token is said to be invalid or expired", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await page.goto(`/invitation#token=${"x".repeat(43)}`);
    await expectLocator(page.getByRole("alert")).toContainText(
      "Ce lien d'invitation n'est pas valide ou a expiré.",
    );
    expect(await page.getByText("Le serveur n'a pas pu répondre").count()).toBe(0);
    expect(unexpectedErrors([400])).toEqual([]);
  });
});
