import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifacts, expectLocator, type Harness, heading, PEOPLE, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

describe("each demo person sees what their role allows", () => {
  test("the sign-in page says it is the local demo and lists the people with their roles", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await page.goto("/");
    await page.waitForURL("**/connexion");
    expect(await heading(page)).toBe("Connexion de démonstration");
    // What Maillage is for, before anything else.
    await expectLocator(page.locator("main .lead").first()).toContainText(
      "Maillage aide les territoires pilotes de prescription sociale",
    );
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("fr");
    expect(await page.getByText(/n'existe que pour la démonstration/).count()).toBe(1);
    const people = page.locator(".people button");
    await people.first().waitFor();
    expect(await people.count()).toBe(6);
    const camille = page.getByRole("button", { name: /Camille Cheffe de projet/ });
    expect(await camille.textContent()).toContain("cheffe.projet@example.org");
    expect(await camille.textContent()).toContain("Chef·fe de projet");
    // On a fresh load, the first Tab reaches the skip link, which leads to the main content.
    await page.reload();
    await people.first().waitFor();
    await page.keyboard.press("Tab");
    expect(await page.locator(":focus").textContent()).toBe("Aller au contenu");
    await page.keyboard.press("Enter");
    expect(await page.locator("main:focus").count()).toBe(1);
    expect(await page.title()).toBe("Connexion de démonstration · Maillage");
    // The signed-out visit to "/" was answered 401 by /api/me: the browser logs it, the console redirects.
    expect(unexpectedErrors([401])).toEqual([]);
  });

  test("the operator sees the directory of the three territories", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    expect(await heading(page)).toBe("Espace opérateur");
    const territories = page.locator("table", {
      has: page.locator("caption", { hasText: "Territoires pilotes" }),
    });
    await territories.locator("tbody tr").first().waitFor();
    expect(await territories.locator("tbody th").allTextContents()).toEqual([
      "Creuse Sud-Ouest",
      "Lille Sud et Faubourgs",
      "Rodez et Ségala",
    ]);
    const federations = page.locator("table", { has: page.locator("caption", { hasText: "Fédérations" }) });
    expect(await federations.locator("tbody th").allTextContents()).toEqual([
      "Fédération des liens sociaux (démo)",
    ]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("the lead with two territories gets the context switcher, then the overview", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    expect(new URL(page.url()).pathname).toBe("/");
    expect(await heading(page)).toBe("Vos espaces de travail");
    const workspaces = page.locator(".workspaces a");
    expect(await workspaces.count()).toBe(2);
    expect(await page.locator("#context-switcher option:not([disabled])").allTextContents()).toEqual([
      expect.stringContaining("Lille Sud et Faubourgs"),
      expect.stringContaining("Rodez et Ségala"),
    ]);

    await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    await page.locator("table caption", { hasText: "Communes couvertes" }).waitFor();
    expect(await heading(page)).toBe("Lille Sud et Faubourgs");
    // Focus moves to the new page's h1, so that screen readers announce it.
    await expect.poll(() => page.locator("main h1:focus").count()).toBe(1);
    const communes = page.locator("table", {
      has: page.locator("caption", { hasText: "Communes couvertes" }),
    });
    expect(await communes.locator("tbody tr").count()).toBe(3);
    expect(await communes.locator("tbody td code").allTextContents()).toEqual(["59350", "59299", "59368"]);
    expect(await communes.textContent()).toContain("Dense");
    const sections = page.getByRole("navigation", { name: "Rubriques du territoire" });
    expect(await sections.getByRole("link").allTextContents()).toEqual([
      "Vue d'ensemble",
      "Parcours",
      "Indicateurs",
      "Profil",
      "Parcours-type",
      "Orientations et publics",
      "Dénominateurs",
      "Dispositifs partenaires",
      "Agents de liaison",
      "Ressources",
      "Membres",
      "Journal",
      "Paramètres des indicateurs",
      "Périodes et saisies",
    ]);
    expect(await page.getByText("Fédération des liens sociaux (démo)").count()).toBe(1);
    expect(await page.getByText("ARS Hauts-de-France (démo)").count()).toBe(1);
    await page.screenshot({ path: join(artifacts, "overview.png"), fullPage: true });

    // The header's switcher changes territory.
    await page.locator("#context-switcher").selectOption({ label: "Rodez et Ségala · Chef·fe de projet" });
    await page.getByRole("button", { name: "Changer" }).click();
    await expect.poll(() => heading(page)).toBe("Rodez et Ségala");
    expect(unexpectedErrors()).toEqual([]);
  });

  test("the link worker sees the overview and a read-only profile, and no members page", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.linkWorker);
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    expect(await heading(page)).toBe("Lille Sud et Faubourgs");
    const sections = page.getByRole("navigation", { name: "Rubriques du territoire" });
    // Every member reads the configuration (pathway, referrals, schemes, link workers, resources).
    expect(await sections.getByRole("link").allTextContents()).toEqual([
      "Vue d'ensemble",
      "Parcours",
      "Indicateurs",
      "Profil",
      "Parcours-type",
      "Orientations et publics",
      "Dénominateurs",
      "Dispositifs partenaires",
      "Agents de liaison",
      "Ressources",
    ]);
    expect(await page.getByRole("link", { name: "Membres" }).count()).toBe(0);

    await sections.getByRole("link", { name: "Profil" }).click();
    await page.getByText("Vous le consultez en lecture seule").waitFor();
    expect(await page.locator("main form").count()).toBe(0);
    expect(await page.locator("main input, main select, main textarea").count()).toBe(0);
    expect(await page.locator("dl").textContent()).toContain("Faubourg de Béthune");

    // Typing the lead's address anyway: the API refuses, the console says so.
    const territoryPath = new URL(page.url()).pathname.replace(/\/profil$/, "");
    await page.goto(`${territoryPath}/membres`);
    await page.getByRole("heading", { name: "Accès refusé" }).waitFor();
    // A territory they are not a member of does not exist for them.
    await page.goto("/territoires/ter_01ARZ3NDEKTSV4RRFFQ69G5FAV");
    await page.getByRole("heading", { name: "Introuvable" }).waitFor();
    expect(unexpectedErrors([403, 404])).toEqual([]);
  });

  test("each page offers only what the active role may do", async () => {
    // The operator's forms, by role: only the operator gets them (and the directory).
    for (const person of [PEOPLE.lead, PEOPLE.linkWorker, PEOPLE.federation, PEOPLE.funder]) {
      const { page, context, unexpectedErrors } = await harness.open();
      const asked: string[] = [];
      page.on("request", (request) => {
        if (request.url().includes("/api/operator")) asked.push(request.url());
      });
      await signIn(page, person);
      await page.goto("/operateur");
      await expectLocator(page.getByRole("heading", { name: "Accès refusé" })).toBeVisible();
      await expectLocator(page.getByRole("alert")).toContainText("« Opérateur »");
      await expectLocator(page.locator("main form")).toHaveCount(0);
      await expectLocator(page.locator("main input, main select, main textarea")).toHaveCount(0);
      expect(asked, person).toEqual([]);
      expect(unexpectedErrors(), person).toEqual([]);
      await context.close();
    }

    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.operator);
    await page.waitForURL("**/operateur");
    // Territory, federation and funder creation, two attachments, the first lead's invitation.
    await expectLocator(page.locator("main form")).toHaveCount(6);

    // A lead edits the profile and invites; a link worker reads.
    const lead = await harness.open();
    await signIn(lead.page, PEOPLE.ruralLead);
    await lead.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    const creuse = new URL(lead.page.url()).pathname;
    await lead.page.goto(`${creuse}/profil`);
    await expectLocator(lead.page.locator("main form")).toHaveCount(1);
    await lead.page.goto(`${creuse}/membres`);
    await expectLocator(lead.page.locator("main form")).toHaveCount(1);
    expect(unexpectedErrors()).toEqual([]);
    expect(lead.unexpectedErrors()).toEqual([]);
  });

  test("the federation sees its two territories side by side", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.federation);
    await page.waitForURL(/\/federations\/fed_/);
    expect(await heading(page)).toBe("Fédération — Fédération des liens sociaux (démo)");
    await page.locator("tbody tr").first().waitFor();
    expect(await page.locator("tbody th").allTextContents()).toEqual([
      "Creuse Sud-Ouest",
      "Lille Sud et Faubourgs",
    ]);
    expect(await page.getByText(/Seules des données agrégées sont présentées/).count()).toBe(1);
    expect(await page.locator("thead th").allTextContents()).toEqual([
      "Territoire",
      "Programme",
      "Structure porteuse",
      "Population",
      "Communes",
      "Début",
      "Fin",
    ]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("the funder sees the one territory it funds", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.funder);
    await page.waitForURL(/\/financeurs\/fun_/);
    expect(await heading(page)).toBe("Financeur — ARS Hauts-de-France (démo)");
    await page.locator("tbody tr").first().waitFor();
    expect(await page.locator("tbody th").allTextContents()).toEqual(["Lille Sud et Faubourgs"]);
    expect(await page.locator("tbody tr").first().textContent()).toContain("Article 51");
    expect(unexpectedErrors()).toEqual([]);
  });

  test("the rural lead goes straight to her only territory; the console switches to English and back", async () => {
    const { context, page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.ruralLead);
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    expect(await heading(page)).toBe("Creuse Sud-Ouest");
    await page.getByText("Rural", { exact: true }).first().waitFor();

    await page.getByRole("button", { name: "English" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("heading", { name: "Pilot territory profile" }).waitFor();
    await page.reload();
    await page.getByRole("heading", { name: "Pilot territory profile" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    await page.getByRole("button", { name: "Français" }).click();
    await page.getByRole("heading", { name: "Profil du territoire pilote" }).waitFor();
    expect(await page.locator("html").getAttribute("lang")).toBe("fr");

    // The session ends behind the console's back: the next API answer (401) leads to the sign-in page.
    await context.clearCookies();
    await page
      .getByRole("navigation", { name: "Rubriques du territoire" })
      .getByRole("link", { name: "Profil" })
      .click();
    await page.waitForURL("**/connexion");
    await page.getByText("Votre session a expiré ou vous n'êtes pas connecté·e.").waitFor();

    await signIn(page, PEOPLE.ruralLead);
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL("**/connexion");
    expect(await page.getByText("Votre session a expiré").count()).toBe(0);
    await page.goto("/");
    await page.waitForURL("**/connexion");
    expect(unexpectedErrors([401])).toEqual([]);
  });
});
