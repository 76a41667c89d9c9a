import { readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HEADERS, journeyRows, journeysCsv } from "../functions/test/fixtures/journey-file";
import {
  api,
  artifacts,
  expectAccessible,
  expectLocator,
  type Harness,
  lilleId,
  PEOPLE,
  pageWidth,
  signIn,
  startHarness,
} from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

// --- The journeys file and what its rows say the figures are -------------------------------------

const ROWS = 1000;
/** How long a job over the whole file may take (the commit took about 30 s on a loaded 2-core machine). */
const JOB = { timeout: 60_000 };
/** The charts come after the figures: their views, then their chunk. */
const CHARTS = { timeout: 15_000 };

/** The file the lead imports: built once, with the territory's link worker and resource references. */
let rows: string[][] = [];
const cell = (row: string[], header: string) => row[HEADERS.indexOf(header)] ?? "";
/** "02/01/2023" → "2023-01-02". */
const isoOf = (french: string) => `${french.slice(6, 10)}-${french.slice(3, 5)}-${french.slice(0, 2)}`;
const referralOf = (row: string[]) => isoOf(cell(row, "Date d'orientation"));
const quarterOf = (iso: string) => `${iso.slice(0, 4)}-Q${Math.ceil(Number(iso.slice(5, 7)) / 3)}`;

/** The rows referred in a period (a year "2023" or a quarter "2024-Q4"). */
const referredIn = (period: string) =>
  rows.filter((row) =>
    period.includes("-Q") ? quarterOf(referralOf(row)) === period : referralOf(row).startsWith(period),
  );

/** The funnel's stages, as the console names them, and which rows reached each (by their cells). */
const STAGES: [string, (row: string[]) => boolean][] = [
  ["Orientées", () => true],
  ["Contactées", (row) => cell(row, "Date du premier contact") !== ""],
  ["Entretien initial", (row) => cell(row, "Date de l'entretien initial") !== ""],
  ["Plan de bien-être", (row) => cell(row, "Date du plan") !== ""],
  ["Première activité", (row) => cell(row, "Participation") === "oui"],
  ["Accompagnement mené à terme", (row) => cell(row, "Motif de sortie") === "Parcours mené à terme"],
];

/** The file's sexes, as the console shows them. */
const SEXES: Record<string, string> = { F: "Femme", Homme: "Homme", "Non précisé": "Non précisé" };

// --- French figures, as the page shows them (white space collapsed) ---------------------------------

const collapse = (text: string) => text.replace(/\s+/g, " ").trim();
const frenchNumber = (n: number) => collapse(new Intl.NumberFormat("fr-FR").format(n));
const frenchShare = (x: number) =>
  collapse(
    new Intl.NumberFormat("fr-FR", {
      style: "percent",
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }).format(x),
  );
const people = (n: number) => `${frenchNumber(n)} ${n < 2 ? "personne" : "personnes"}`;

/** The funnel table of these rows: stage, people, share of the referred, of the previous stage, lost. */
function expectedFunnel(cohort: string[][]): string[][] {
  const counts = STAGES.map(([, reached]) => cohort.filter(reached).length);
  return STAGES.map(([name], i) => {
    const count = counts[i] ?? 0;
    const previous = i === 0 ? null : (counts[i - 1] ?? 0);
    return [
      name,
      frenchNumber(count),
      frenchShare(count / (counts[0] ?? 1)),
      previous === null ? "—" : frenchShare(count / previous),
      previous === null ? "—" : frenchNumber(previous - count),
    ];
  });
}

// --- The page --------------------------------------------------------------------------------------

const sections = (page: Page) => page.getByRole("navigation", { name: "Rubriques du territoire" });
const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
const dashboardUrl = (territoryId: string, period: string) =>
  `/territoires/${territoryId}/indicateurs?periode=${period}`;

/** The cells of a table's body, row by row (white space collapsed). */
const cellsOf = (table: Locator) =>
  table
    .locator("tbody tr")
    .evaluateAll((trs: { children: ArrayLike<{ textContent: string | null }> }[]) =>
      trs.map((tr) => Array.from(tr.children, (c) => (c.textContent ?? "").replace(/\s+/g, " ").trim())),
    );

/** Polls a table until its body holds `expected` (each row cut to the expected row's length). */
async function expectCells(table: Locator, expected: string[][]) {
  await expect
    .poll(async () => (await cellsOf(table)).map((row, i) => row.slice(0, expected[i]?.length ?? 0)), {
      timeout: 15_000,
      interval: 200,
      message: `${table}`,
    })
    .toEqual(expected);
}

const tileValue = (page: Page, code: string) =>
  page.locator("li.tile", { has: page.locator(`#indicateur-${code}-label`) }).locator(".tile__value");
const funnelTable = (page: Page, period: string) =>
  region(page, "Entonnoir").getByRole("table", {
    name: new RegExp(`^Entonnoir de la cohorte orientée sur .*\\(?${period}\\)?$`),
  });
const equityTable = (page: Page, dimension: string, period: string) =>
  region(page, "Équité").getByRole("table", { name: new RegExp(`^Équité par ${dimension}, .*${period}`) });
/** A chart, by the start of its accessible name (its SVG's title, then its description). */
const chart = (scope: Page | Locator, title: string) =>
  scope.getByRole("img", { name: new RegExp(`^${title.replace(/[()]/g, "\\$&")}`) });

/** Every chart of the page is an `svg[role=img]` with a non-empty title: their titles. */
const chartTitles = (page: Page) =>
  page
    .locator("main svg[role=img]")
    .evaluateAll((svgs: { querySelector(s: string): { textContent: string | null } | null }[]) =>
      svgs.map((svg) => (svg.querySelector(":scope > title")?.textContent ?? "").trim()),
    );

/** The lead imports the file through the wizard: the check, then the commit, to the end. */
async function importJourneys(page: Page, territoryId: string) {
  await sections(page).getByRole("link", { name: "Parcours", exact: true }).click();
  await page.waitForURL(`**/territoires/${territoryId}/parcours-individuels`);
  await page.getByRole("link", { name: "Importer des parcours" }).click();
  await page.waitForURL(`**/territoires/${territoryId}/parcours-individuels/importer`);
  await page.getByLabel("Fichier à importer").setInputFiles({
    name: "parcours.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(journeysCsv(rows)),
  });
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expectLocator(page.locator("#import-report-title"), JOB).toBeFocused();
  await expectLocator(
    status(page, /^Le fichier est valide : 1\s000 lignes peuvent être importées\.$/),
  ).toBeVisible();
  await page.getByRole("button", { name: /^Importer 1\s000 lignes$/ }).click();
  await expectLocator(page.locator("#import-result-title"), JOB).toBeFocused();
  await expectLocator(
    status(page, /^Import terminé : 1\s000 fiches créées, 0 mises à jour\.$/),
  ).toBeVisible();
}

/** The dashboard's figures a refused change must leave alone: REFERRALS and the funnel table. */
async function figures(page: Page, period: string) {
  const table = funnelTable(page, period);
  await expectLocator(table.locator("tbody tr")).toHaveCount(STAGES.length);
  return {
    referrals: collapse((await tileValue(page, "REFERRALS").textContent()) ?? ""),
    funnel: await cellsOf(table),
  };
}

const FRENCH_MONTHS = [
  "janvier",
  "février",
  "mars",
  "avril",
  "mai",
  "juin",
  "juillet",
  "août",
  "septembre",
  "octobre",
  "novembre",
  "décembre",
];
/** "25 novembre 2024" or "1er décembre 2024" → "2024-11-25". */
function isoOfLongDate(text: string): string {
  const match = /^(\d{1,2})(?:er)? (\p{L}+) (\d{4})$/u.exec(collapse(text));
  const month = FRENCH_MONTHS.indexOf(match?.[2] ?? "") + 1;
  expect(match && month > 0, `a French date: ${text}`).toBeTruthy();
  return `${match?.[3]}-${String(month).padStart(2, "0")}-${(match?.[1] ?? "").padStart(2, "0")}`;
}
const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

// --- The chart chunk, as the build named it ---------------------------------------------------------

const ASSETS = resolve(import.meta.dirname, "..", "web", "dist", "assets");
/** web/src/ui/chart.tsx (with @maillage/charts): `chart-<hash>.js`, not chart-texts-… nor dashboard-charts-…. */
function chartChunk(): string {
  const chunks = readdirSync(ASSETS).filter((name) => /^chart-[A-Za-z0-9_-]{8}\.js$/.test(name));
  expect(chunks, "one chart chunk in web/dist/assets").toHaveLength(1);
  return chunks[0] ?? "";
}

describe("indicators", () => {
  test("the charts are lazy: the home page does not load their chunk, the dashboard does", async () => {
    const chunk = chartChunk();
    const { page, unexpectedErrors } = await harness.open();
    const requested: string[] = [];
    page.on("request", (request) => requested.push(new URL(request.url()).pathname));
    const charts = () => requested.filter((path) => path === `/assets/${chunk}`);

    await signIn(page, PEOPLE.lead);
    await expectLocator(page.getByRole("link", { name: /Lille Sud et Faubourgs/ })).toBeVisible();
    await page.waitForLoadState("networkidle");
    expect(
      requested.some((path) => path.startsWith("/assets/")),
      "the console's assets",
    ).toBe(true);
    expect(charts(), "no chart chunk on the home page").toEqual([]);
    expect(requested.filter((path) => /\/dashboard-views-/.test(path))).toEqual([]);

    // The console's own navigation: the territory, then its indicators.
    await lilleId(page);
    await sections(page).getByRole("link", { name: "Indicateurs", exact: true }).click();
    await page.waitForURL(/\/indicateurs$/);
    await expectLocator(
      chart(region(page, "Équité"), "Part des orientations et de la population, par sexe"),
      CHARTS,
    ).toBeVisible();
    expect(charts(), "the chart chunk, once").toHaveLength(1);
    expect(unexpectedErrors()).toEqual([]);
  });

  test("a lead's 2023 dashboard: nothing to compute, then, after importing 1,000 journeys, the rows' figures", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    const [worker] = (
      await api<{ items: { reference: string }[] }>(page, `/api/territories/${territoryId}/link-workers`)
    ).items;
    const [resource] = (
      await api<{ items: { reference: string }[] }>(page, `/api/territories/${territoryId}/resources`)
    ).items;
    rows = journeyRows(ROWS, { prefix: "E2E", linkWorker: worker?.reference, resource: resource?.reference });

    // The year 2023, chosen with the period form.
    await sections(page).getByRole("link", { name: "Indicateurs", exact: true }).click();
    await page.waitForURL(/\/indicateurs$/);
    await expectLocator(page.locator("main h1")).toHaveText("Indicateurs — Lille Sud et Faubourgs");
    await page.getByLabel("Type de période").selectOption("year");
    await page.getByLabel("Année", { exact: true }).selectOption("2023");
    await page.getByRole("button", { name: "Afficher", exact: true }).click();
    await page.waitForURL(/\/indicateurs\?periode=2023$/);
    await expectLocator(page.locator("#period-picker-title")).toHaveText("Période affichée : 2023");

    // No journey yet: 0 referred; the funnel has nothing to draw, the equity charts nothing to compute.
    await expectLocator(tileValue(page, "REFERRALS")).toHaveText("0 personne");
    const funnel = region(page, "Entonnoir");
    await expectLocator(
      funnel.getByText("Les indicateurs de l'entonnoir ne sont pas activés, ou personne n'a été orienté."),
    ).toBeVisible();
    await expectLocator(funnel.getByRole("table")).toHaveCount(0);
    await expectLocator(funnel.getByRole("img")).toHaveCount(0);
    const equity = region(page, "Équité");
    for (const title of ["Part des orientations et de la population, par sexe", "Taux de refus par sexe"]) {
      await expectLocator(
        equity.locator("figure", { has: chart(page, title) }).locator("figcaption"),
      ).toHaveText(`${title} Aucune valeur calculable.`);
    }
    await expectCells(equityTable(page, "sexe", "2023"), [
      ["Femme", "0", "—"],
      ["Homme", "0", "—"],
      ["Non précisé", "0", "—"],
    ]);

    await importJourneys(page, territoryId);

    // The same year: the figures the rows give.
    await page.goto(dashboardUrl(territoryId, "2023"));
    const cohort = referredIn("2023");
    expect(cohort.length).toBeGreaterThan(0);
    expect(cohort.length).toBeLessThan(ROWS);
    await expectLocator(tileValue(page, "REFERRALS")).toHaveText(people(cohort.length));
    await expectCells(funnelTable(page, "2023"), expectedFunnel(cohort));

    // Equity by sex: each group's referrals, and its share of the referrals of the groups whose
    // population is known (women and men: « Non précisé » has no population, hence no share).
    const bySex = (file: string) => cohort.filter((row) => cell(row, "Sexe") === file).length;
    const withPopulation = bySex("F") + bySex("Homme");
    await expectCells(
      equityTable(page, "sexe", "2023"),
      Object.entries(SEXES).map(([file, shown]) => [
        shown,
        frenchNumber(bySex(file)),
        file === "Non précisé" ? "—" : frenchShare(bySex(file) / withPopulation),
      ]),
    );

    // The charts: an image with a title each, the funnel's, equity's and the trend's among them.
    await expectLocator(chart(funnel, "Entonnoir de la cohorte orientée"), CHARTS).toBeVisible();
    await expectLocator(chart(equity, "Part des orientations et de la population, par sexe")).toBeVisible();
    await expectLocator(chart(equity, "Taux de refus par sexe")).toBeVisible();
    await expectLocator(
      chart(region(page, "Tendances"), "Personnes orientées vers l'agent de liaison"),
    ).toBeVisible();
    const titles = await chartTitles(page);
    expect(titles.length).toBeGreaterThanOrEqual(4);
    expect(
      titles.filter((title) => title === ""),
      JSON.stringify(titles),
    ).toEqual([]);
    await page.screenshot({ path: join(artifacts, "indicators-2023.png"), fullPage: true });
    expect(unexpectedErrors()).toEqual([]);
  }, 150_000);

  test("a locked quarter keeps its snapshot and refuses a journey change; unlocked with a reason, the change goes through", async () => {
    expect(rows, "the journeys are imported (previous test)").toHaveLength(ROWS);
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);
    const journeys = `/territoires/${territoryId}/parcours-individuels`;

    // A journey at its first contact, the most recently referred: its next step would change the funnel.
    await page.goto(journeys);
    await page.getByLabel("Statut").selectOption("contacted");
    await page.getByRole("button", { name: "Filtrer", exact: true }).click();
    await page.waitForURL(/status=contacted/);
    const first = page.locator("table tbody tr").first();
    await expectLocator(first).toContainText("Premier contact établi");
    const code = collapse((await first.locator("th").textContent()) ?? "");
    const referral = isoOfLongDate((await first.locator("td").first().textContent()) ?? "");
    const quarter = quarterOf(referral);
    const [year, q] = quarter.split("-Q");
    const quarterName = `${q === "1" ? "1er" : `${q}e`} trimestre ${year} (${quarter})`;
    const journeyHref = (await first.getByRole("link", { name: code }).getAttribute("href")) ?? "";
    expect(journeyHref).toMatch(new RegExp(`^${journeys}/`));

    // The lead locks the quarter.
    await page.goto(dashboardUrl(territoryId, quarter));
    await page.getByRole("link", { name: "Périodes et saisies" }).first().click();
    await page.waitForURL(/\/indicateurs\/periodes$/);
    await expectLocator(page.locator("main h1")).toHaveText("Périodes et saisies — Lille Sud et Faubourgs");
    const locked = region(page, "Périodes verrouillées");
    await expectLocator(locked.getByText("Aucune période n'est verrouillée.")).toBeVisible();
    await page.getByLabel("Période à verrouiller").fill(quarter);
    await page.getByLabel(/^Motif ou commentaire/).fill("Chiffres vérifiés en comité de pilotage");
    await page.getByRole("button", { name: "Verrouiller la période" }).click();
    await expectLocator(
      status(page, `${quarterName} est verrouillée : ses chiffres sont figés.`),
    ).toBeVisible();
    await expectCells(locked.getByRole("table"), [[quarterName]]);
    const lockRow = locked.locator("tbody tr td");
    await expectLocator(lockRow.nth(0)).toHaveText(/ \d{4} à \d{2}:\d{2}$/);
    await expectLocator(lockRow.nth(1)).toHaveText("Camille Cheffe de projet");
    await expectLocator(lockRow.nth(2)).toHaveText("Chiffres vérifiés en comité de pilotage");

    // The quarter's dashboard: locked, from the snapshot, with the rows' figures.
    await page.goto(dashboardUrl(territoryId, quarter));
    const banner = page.locator("#period-lock");
    await expectLocator(banner).toContainText(
      /Période verrouillée le .+ par Camille Cheffe de projet — chiffres figés\./,
    );
    await expectLocator(banner).toContainText("Motif : Chiffres vérifiés en comité de pilotage");
    await expectLocator(banner).toContainText(
      /Ces chiffres sont ceux de l'instantané pris au verrouillage, le .+ : ils ne changent plus\./,
    );
    const cohort = referredIn(quarter);
    await expectLocator(tileValue(page, "REFERRALS")).toHaveText(people(cohort.length));
    await expectCells(funnelTable(page, quarter), expectedFunnel(cohort));
    const before = await figures(page, quarter);
    await page.screenshot({ path: join(artifacts, "indicators-locked.png"), fullPage: true });

    // The journey's next step, its initial interview ten days after the referral: refused, the period named.
    const interview = async () => {
      const events = region(page, "Étapes du parcours");
      await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("initial_interview");
      await events.getByLabel("Date", { exact: true }).fill(addDays(referral, 10));
      await events.getByLabel("Modalité").selectOption("in_person");
      await events.getByLabel("Durée (minutes)").fill("45");
      await events.getByRole("button", { name: "Enregistrer l'étape « Entretien initial »" }).click();
      return events;
    };
    await page.goto(journeys);
    await page.getByRole("link", { name: code }).click();
    await page.waitForURL(`**${journeyHref}`);
    await expectLocator(page.locator("main h1")).toHaveText(`Parcours ${code}`);
    const events = await interview();
    const refusal = events.locator(".error-summary");
    await expectLocator(refusal).toBeFocused();
    await expectLocator(refusal).toContainText(
      `Cette modification changerait les chiffres de la période verrouillée ${quarter} : la cheffe ou le chef de projet doit d'abord la déverrouiller, avec un motif.`,
    );
    await page.reload();
    await expectLocator(page.locator("main h1")).toHaveText(`Parcours ${code}`);
    const situation = region(page, "Situation");
    await expectLocator(
      situation
        .locator("dl > div")
        .filter({ hasText: /^Statut/ })
        .locator("dd"),
    ).toHaveText("Premier contact établi");

    // The figures did not move.
    await page.goto(dashboardUrl(territoryId, quarter));
    await expectLocator(page.locator("#period-lock")).toBeVisible();
    expect(await figures(page, quarter)).toEqual(before);

    // Unlocked, with a reason.
    await page.goto(`/territoires/${territoryId}/indicateurs/periodes`);
    await page.getByRole("button", { name: `Déverrouiller ${quarterName}` }).click();
    const reason = page.getByLabel(`Motif du déverrouillage de ${quarterName}`);
    await expectLocator(reason).toBeFocused();
    await reason.fill("Un entretien initial oublié à saisir");
    await page.getByRole("button", { name: "Confirmer le déverrouillage" }).click();
    await expectLocator(status(page, `${quarterName} est déverrouillée.`)).toBeVisible();
    await expectLocator(locked.getByText("Aucune période n'est verrouillée.")).toBeVisible();

    // The same step now goes through, and the quarter's live figures count it.
    await page.goto(journeyHref);
    await expectLocator(page.locator("main h1")).toHaveText(`Parcours ${code}`);
    await interview();
    await expectLocator(status(page, /^Étape enregistrée : Entretien initial/)).toBeVisible();
    await expectLocator(
      region(page, "Situation")
        .locator("dl > div")
        .filter({ hasText: /^Statut/ })
        .locator("dd"),
    ).toHaveText("Entretien initial réalisé");

    await page.goto(dashboardUrl(territoryId, quarter));
    await expectLocator(page.getByText(/^Chiffres calculés le /)).toBeVisible();
    await expectLocator(page.locator("#period-lock")).toHaveCount(0);
    await expectLocator(tileValue(page, "REFERRALS")).toHaveText(before.referrals);
    const interviewed = before.funnel.find((row) => row[0] === "Entretien initial")?.[1] ?? "";
    await expectLocator(
      funnelTable(page, quarter)
        .getByRole("row", { name: /^Entretien initial / })
        .locator("td")
        .first(),
    ).toHaveText(frenchNumber(Number(interviewed.replace(/\s/g, "")) + 1));
    expect(unexpectedErrors([409])).toEqual([]);
  }, 90_000);

  test("the dashboard (charts loaded) and the periods page are accessible; the dashboard fits 390 px", async () => {
    expect(rows, "the journeys are imported").toHaveLength(ROWS);
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.lead);
    const territoryId = await lilleId(page);

    await page.goto(dashboardUrl(territoryId, "2023"));
    await expectLocator(
      chart(region(page, "Entonnoir"), "Entonnoir de la cohorte orientée"),
      CHARTS,
    ).toBeVisible();
    await expectLocator(
      chart(region(page, "Tendances"), "Personnes orientées vers l'agent de liaison"),
    ).toBeVisible();
    // A chart's data, opened.
    await region(page, "Entonnoir").locator("details.chart__data > summary").click();
    await expectAccessible(page);

    await page.goto(`/territoires/${territoryId}/indicateurs/periodes`);
    await expectLocator(page.getByRole("button", { name: "Verrouiller la période" })).toBeVisible();
    await expectAccessible(page);

    await page.setViewportSize({ width: 390, height: 844 });
    for (const path of [
      dashboardUrl(territoryId, "2023"),
      `/territoires/${territoryId}/indicateurs/periodes`,
    ]) {
      await page.goto(path);
      await expectLocator(page.locator("main h1")).toContainText("Lille Sud et Faubourgs");
      if (path.includes("periode=")) {
        await expectLocator(chart(region(page, "Équité"), "Taux de refus par sexe"), CHARTS).toBeVisible();
        await expectLocator(chart(region(page, "Tendances"), "Personnes orientées")).toBeVisible();
        await expectLocator(page.getByRole("button", { name: "Afficher", exact: true })).toBeVisible();
      }
      expect(await pageWidth(page), path).toBeLessThanOrEqual(390);
    }
    await page.goto(dashboardUrl(territoryId, "2023"));
    await expectLocator(chart(region(page, "Entonnoir"), "Entonnoir"), CHARTS).toBeVisible();
    await page.screenshot({ path: join(artifacts, "indicators-390.png"), fullPage: true });
    expect(await pageWidth(page)).toBeLessThanOrEqual(390);
    expect(unexpectedErrors()).toEqual([]);
  }, 60_000);
});
