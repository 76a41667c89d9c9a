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

async function openDenominators(page: Page, person: string): Promise<void> {
  await signIn(page, person);
  // The lead holds two territories and chooses; the link worker's one territory is home.
  if (person === PEOPLE.lead) await page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
  await page.waitForURL(/\/territoires\/ter_[^/]+$/);
  await sections(page).getByRole("link", { name: "Dénominateurs" }).click();
  await page.waitForURL(/\/denominateurs$/);
}

const BANDS = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"];
const bandLabel = (band: string) => (band === "85+" ? "85 ans et plus" : `${band.replace("-", " à ")} ans`);
/** The figures of the file: women 10 000, 10 100…, men 9 000, 9 100… */
const women = (i: number) => 10_000 + i * 100;
const men = (i: number) => 9_000 + i * 100;
const TOTAL = BANDS.reduce((sum, _, i) => sum + women(i) + men(i), 0);

/** A `;`-separated CSV as Excel in France saves it: UTF-8 with a BOM, CRLF line ends. */
const csv = (rows: string[][]) =>
  Buffer.from(`\uFEFF${rows.map((row) => row.join(";")).join("\r\n")}\r\n`, "utf8");

/** As the page shows it, white space collapsed (French groups digits with a narrow no-break space). */
const frenchNumber = (n: number) => new Intl.NumberFormat("fr-FR").format(n).replace(/\s/g, " ");

describe("territory denominators", () => {
  test("the lead reads a file with errors (by line and column), then a good one: the grid fills, is saved, and is there after a reload", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await openDenominators(page, PEOPLE.lead);
    await expectLocator(page.locator("main h1")).toHaveText("Dénominateurs — Lille Sud et Faubourgs");
    // The demo's figures, saved once by the seed, and the communes as the density grid describes them.
    await expectLocator(page.locator("#denominators-version")).toHaveText("Version 1");
    await expectLocator(page.getByText("Grille communale de densité INSEE 2024")).toBeVisible();
    const communes = page.locator("table", {
      has: page.locator("caption", { hasText: "Communes du territoire" }),
    });
    await expectLocator(communes.locator("tbody tr")).toHaveCount(3);
    await expectLocator(communes.locator("tbody tr").first()).toContainText("Lille");
    await expectLocator(communes.locator("tbody tr").first()).toContainText("Dense");

    const fileInput = page.getByLabel("Fichier à lire");
    const header = ["sexe", "tranche_age", "population"];
    const bad = csv([
      header,
      ["femmes", "0-17", "10000"],
      ["autres", "18-24", "12"],
      ["hommes", "25-34", "-5"],
    ]);
    await fileInput.setInputFiles({ name: "denominateurs.csv", mimeType: "text/csv", buffer: bad });
    await page.getByRole("button", { name: "Lire le fichier" }).click();
    const errors = page.locator("table.import-errors tbody tr");
    await expectLocator(errors).toHaveCount(2);
    await expectLocator(errors.nth(0).locator("td")).toHaveTexts(["3", "sexe", /^« autres » : sexe inconnu/]);
    await expectLocator(errors.nth(1).locator("td")).toHaveTexts([
      "4",
      "population",
      "La population ne peut pas être négative",
    ]);
    await expectLocator(page.getByText("Le formulaire n'a pas été modifié.")).toBeVisible();
    const firstCell = page.getByLabel("Femmes, 0 à 17 ans", { exact: true });
    expect(await firstCell.inputValue()).not.toBe("10000");

    const good = csv([
      header,
      ...BANDS.map((band, i) => ["femmes", band, String(women(i))]),
      ...BANDS.map((band, i) => ["hommes", band === "85+" ? "85 ans et plus" : band, String(men(i))]),
      ["qpv", "", "31 000"],
    ]);
    await fileInput.setInputFiles({ name: "denominateurs-corrige.csv", mimeType: "text/csv", buffer: good });
    await page.getByRole("button", { name: "Lire le fichier" }).click();
    await expectLocator(
      page.getByText("Le formulaire est rempli avec les 19 lignes du fichier"),
    ).toBeVisible();
    await expectLocator(firstCell).toHaveValue("10000");
    await expectLocator(page.getByLabel("Hommes, 85 ans et plus", { exact: true })).toHaveValue(
      String(men(8)),
    );
    await expectLocator(page.getByLabel("Population vivant en QPV")).toHaveValue("31000");
    await expectLocator(page.locator("#denominators-total")).toHaveText(frenchNumber(TOTAL));
    await page.screenshot({ path: join(artifacts, "denominators-filled.png"), fullPage: true });

    // The source is the lead's to name: the demo's synthetic label is replaced.
    await page
      .getByLabel("Intitulé de la source")
      .fill("INSEE, recensement de la population 2021, populations légales");
    await page.getByLabel("Année des chiffres").fill("2021");
    await page.getByRole("button", { name: "Enregistrer les dénominateurs" }).click();
    await expectLocator(page.locator(".status-message")).toHaveText("Dénominateurs enregistrés (version 2).");

    await page.reload();
    await expectLocator(page.locator("#denominators-version")).toHaveText("Version 2");
    await expectLocator(page.getByLabel("Femmes, 0 à 17 ans", { exact: true })).toHaveValue("10000");
    for (const [i, band] of BANDS.entries()) {
      await expectLocator(page.getByLabel(`Hommes, ${bandLabel(band)}`, { exact: true })).toHaveValue(
        String(men(i)),
      );
    }
    await expectLocator(page.getByLabel("Population vivant en QPV")).toHaveValue("31000");
    await expectLocator(page.getByLabel("Intitulé de la source")).toHaveValue(
      "INSEE, recensement de la population 2021, populations légales",
    );
    await expectLocator(page.locator("#denominators-total")).toHaveText(frenchNumber(TOTAL));

    // The history names each cell as the grid does.
    await page.getByRole("button", { name: "Afficher l'historique" }).click();
    const latest = page.locator("#denominators-history-content ol.journal > li").first();
    await expectLocator(latest).toContainText("Modification des dénominateurs");
    await expectLocator(
      latest.locator(".changes li").filter({ hasText: "Femmes, 0 à 17 ans" }),
    ).toContainText("10 000");
    await expectLocator(
      latest.locator(".changes li").filter({ hasText: "Population vivant en QPV" }),
    ).toContainText("31 000");
    expect(unexpectedErrors()).toEqual([]);
  });

  test("every issue of the grid is in the summary, each leading to its cell; QPV over the total is refused", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await openDenominators(page, PEOPLE.lead);
    await page.getByLabel("Femmes, 18 à 24 ans", { exact: true }).fill("12,5");
    await page.getByLabel("Hommes, 0 à 17 ans", { exact: true }).fill("beaucoup");
    await page.getByRole("button", { name: "Enregistrer les dénominateurs" }).click();
    const summary = page.locator(".error-summary");
    await expectLocator(summary).toBeFocused();
    await expectLocator(summary.locator("li")).toHaveTexts([
      /^Femmes, 18 à 24 ans : Saisissez un nombre entier/,
      /^Hommes, 0 à 17 ans : Saisissez un nombre/,
    ]);
    await summary.getByRole("link", { name: /^Hommes, 0 à 17 ans/ }).click();
    await expectLocator(page.getByLabel("Hommes, 0 à 17 ans", { exact: true })).toBeFocused();

    await page.getByLabel("Femmes, 18 à 24 ans", { exact: true }).fill("12");
    await page.getByLabel("Hommes, 0 à 17 ans", { exact: true }).fill("40");
    await page.getByLabel("Population vivant en QPV").fill("9999999");
    await page.getByRole("button", { name: "Enregistrer les dénominateurs" }).click();
    await expectLocator(summary.locator("li")).toHaveTexts([
      /^La population vivant en QPV ne peut pas dépasser la population totale/,
    ]);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("a link worker reads the grid and the communes, with nothing to edit", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await openDenominators(page, PEOPLE.linkWorker);
    await expectLocator(page.getByText("Vous les consultez en lecture seule.")).toBeVisible();
    const grid = page.locator("table", {
      has: page.locator("caption", { hasText: "Population par sexe et tranche d'âge" }),
    });
    await expectLocator(grid.locator("tbody tr")).toHaveCount(9);
    expect(await page.locator("main input").count()).toBe(0);
    expect(await page.getByRole("button", { name: "Enregistrer les dénominateurs" }).count()).toBe(0);
    await expectLocator(page.getByText("Grille communale de densité INSEE 2024")).toBeVisible();
    expect(unexpectedErrors()).toEqual([]);
  });
});
