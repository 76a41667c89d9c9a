import { join } from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { artifacts, expectLocator, type Harness, PEOPLE, signIn, startHarness } from "./harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.stop();
});

/** A day before today in France, as a date input takes it (the funnel refuses future dates). */
function daysAgo(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - days);
  return date.toISOString().slice(0, 10);
}

const subnav = (page: Page) => page.getByRole("navigation", { name: "Rubriques du territoire" });
const region = (page: Page, name: string) => page.getByRole("region", { name, exact: true });
const status = (page: Page, text: string | RegExp) => page.getByRole("status").filter({ hasText: text });
/** The value of a « term » of a description list within `scope`. */
const figure = (scope: Locator, term: string) =>
  scope
    .locator("dl > div")
    .filter({ has: scope.page().locator("dt").getByText(term, { exact: true }) })
    .locator("dd");

/** Records the next step of the journey: its type, date, then whatever `fill` enters. */
async function recordStep(
  page: Page,
  type: string,
  label: string,
  date: string,
  fill?: () => Promise<unknown>,
) {
  const events = region(page, "Étapes du parcours");
  await events.getByLabel("Étape", { exact: true }).selectOption(type);
  await events.getByLabel("Date", { exact: true }).fill(date);
  await fill?.();
  await events.getByRole("button", { name: `Enregistrer l'étape « ${label} »` }).click();
  await expectLocator(status(page, `Étape enregistrée : ${label}`)).toBeVisible();
}

/** Enters a SWEMWBS administration: its time point, date and the seven coded answers. */
async function recordSwemwbs(page: Page, timepoint: string, date: string, answers: (number | "")[]) {
  const measure = region(page, "SWEMWBS (bien-être mental, 7 items)");
  await measure.getByLabel("Temps de mesure").selectOption(timepoint);
  await measure.getByLabel("Date de passation").fill(date);
  for (const [index, answer] of answers.entries()) {
    await measure.getByLabel(`Item ${index + 1}`, { exact: true }).fill(String(answer));
  }
  await measure
    .getByRole("button", { name: "Enregistrer la mesure SWEMWBS (bien-être mental, 7 items)" })
    .click();
}

describe("journeys", () => {
  test("a link worker records a journey through every step, and sees its status, delays and score change", async () => {
    const { page, unexpectedErrors } = await harness.open();
    await signIn(page, PEOPLE.linkWorker);
    await page.waitForURL(/\/territoires\/ter_[^/]+$/);
    const territoryId = new URL(page.url()).pathname.split("/")[2] ?? "";

    await subnav(page).getByRole("link", { name: "Parcours", exact: true }).click();
    await page.waitForURL(`**/territoires/${territoryId}/parcours-individuels`);
    await expectLocator(page.locator("main h1")).toHaveText("Parcours individuels — Lille Sud et Faubourgs");
    await expectLocator(page.locator("main .notice").first()).toContainText(
      "N'y inscrivez jamais de nom, d'adresse, de numéro de téléphone, d'adresse e-mail ni de numéro de sécurité sociale (NIR)",
    );
    await expectLocator(region(page, "Partage des parcours")).toContainText(
      "Vous voyez les parcours qui vous sont attribués.",
    );

    // --- The referral: coded attributes only; the link worker records it for themself.
    await page.getByRole("link", { name: "Nouveau parcours" }).click();
    await page.waitForURL(`**/parcours-individuels/nouveau`);
    // A link worker records journeys for themself: their own record, already chosen.
    const worker = page.getByLabel("Agent de liaison", { exact: true });
    await expectLocator(worker.locator("option")).toHaveTexts(["Choisir…", "Samir Agent de liaison"]);
    expect(await worker.inputValue()).toMatch(/^lwk_/);
    await page.getByLabel("Sexe").selectOption("female");
    await page.getByLabel("Commune de résidence (code INSEE)").fill("99999");
    await page.getByLabel("Vit seul·e").selectOption("yes");
    await page.getByLabel("Complémentaire santé solidaire (C2S)").check();
    await page.getByLabel("Date d'orientation").fill(daysAgo(60));
    await page.getByLabel("Voie d'orientation").selectOption("gp");
    await page.getByLabel("Type de prescripteur").selectOption("gp");
    await page.getByRole("button", { name: "Enregistrer le parcours" }).click();

    // What the shared schema refuses, all at once, before anything is sent.
    const summary = page.locator(".error-summary");
    await expectLocator(summary.locator("h2")).toHaveText("Le formulaire contient 2 erreurs");
    await expectLocator(summary.locator("li")).toHaveTexts([
      "Tranche d'âge : Choisissez une option dans la liste « Tranche d'âge »",
      "Motifs d'orientation : Choisissez au moins un motif d'orientation",
    ]);
    await expectLocator(summary).toBeFocused();
    await expectLocator(summary.locator("a").first()).toHaveAttribute("href", "#journey-person-ageBand");
    await expectLocator(page.getByLabel("Tranche d'âge")).toHaveAttribute("aria-invalid", "true");

    // What only the server knows (the INSEE grid): its issue lands on the commune's field.
    await page.getByLabel("Tranche d'âge").selectOption("65-74");
    await page.getByLabel("Isolement, solitude").check();
    await page.getByLabel(/^Enregistrer le code SNOMED CT 871731000000106/).check();
    await page.getByRole("button", { name: "Enregistrer le parcours" }).click();
    await expectLocator(summary.locator("li")).toHaveTexts([
      /^Commune de résidence \(code INSEE\) : Code INSEE inconnu/,
    ]);
    await expectLocator(page.locator("#journey-person-commune-error")).toContainText("Code INSEE inconnu");

    await page.getByLabel("Commune de résidence (code INSEE)").fill("59350");
    await page.getByRole("button", { name: "Enregistrer le parcours" }).click();
    await page.waitForURL(/\/parcours-individuels\/jrn_[0-9A-Z]{26}$/);
    const journeyUrl = new URL(page.url()).pathname;
    await expectLocator(page.locator("main h1")).toHaveText(/^Parcours [0-9A-Z]{3}-[0-9A-Z]{3}$/);
    const code = ((await page.locator("main h1").textContent()) ?? "").replace("Parcours ", "").trim();
    await expectLocator(status(page, `Parcours ${code} enregistré.`)).toBeVisible();
    const situation = region(page, "Situation");
    await expectLocator(figure(situation, "Statut")).toHaveText("Orienté·e");
    await expectLocator(figure(situation, "Agent de liaison")).toHaveText("Samir Agent de liaison");
    await expectLocator(figure(situation, "Commune de résidence (code INSEE)")).toHaveText("59350 (Dense)");
    const events = region(page, "Étapes du parcours");
    const steps = events.locator("li.steps-view__step");
    await expectLocator(steps.locator("h3")).toHaveTexts([/^Orientation · /]);
    await expectLocator(steps.first()).toContainText(
      "871731000000106 (orientation vers un service de prescription sociale)",
    );

    // --- First contact (4 days: the target is 5) and the initial interview (16 days: the target is 14).
    await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("first_contact");
    await recordStep(page, "first_contact", "Premier contact", daysAgo(56), () =>
      events.getByLabel("Modalité").selectOption("phone"),
    );
    await expectLocator(figure(situation, "Statut")).toHaveText("Premier contact établi");
    await recordStep(page, "initial_interview", "Entretien initial", daysAgo(40), async () => {
      await events.getByLabel("Modalité").selectOption("in_person");
      await events.getByLabel("Durée (minutes)").fill("60");
    });
    await expectLocator(figure(situation, "Statut")).toHaveText("Entretien initial réalisé");

    // --- The SWEMWBS baseline: an unanswered item is named before anything is sent; the server scores.
    const swemwbs = region(page, "SWEMWBS (bien-être mental, 7 items)");
    await expectLocator(region(page, "Mesures de bien-être")).toContainText(
      "seules les réponses (un chiffre par item) sont saisies ici, jamais le texte des questions",
    );
    await recordSwemwbs(page, "baseline", daysAgo(40), [3, 3, 3, 3, 3, 3, ""]);
    await expectLocator(swemwbs.locator(".error-summary li")).toHaveTexts([
      "Item 7 : Répondez à cet item : une mesure ne se calcule qu'à partir de réponses complètes",
    ]);
    await expectLocator(swemwbs.locator(".error-summary a")).toHaveAttribute(
      "href",
      "#measure-SWEMWBS-form-item-6",
    );
    await swemwbs.getByLabel("Item 7", { exact: true }).fill("3");
    await swemwbs
      .getByRole("button", { name: "Enregistrer la mesure SWEMWBS (bien-être mental, 7 items)" })
      .click();
    await expectLocator(status(page, "Score brut 21 sur 35, score métrique 19,25")).toBeVisible();
    await expectLocator(swemwbs.locator("tbody tr")).toHaveTexts([
      /^Mesure initiale.*Co-construire.*Score brut 21 sur 35, score métrique 19,25$/,
    ]);

    // --- The plan (its pillar checked from the goal), then an orientation whose attendance is edited.
    await recordStep(page, "plan", "Plan de bien-être", daysAgo(38), async () => {
      await events.getByLabel("Objectif 1 : pilier").selectOption("social");
      await events.getByLabel("Objectif 1 : libellé").fill("Rejoindre un atelier de jardinage");
    });
    await expectLocator(figure(situation, "Statut")).toHaveText("Plan de bien-être établi");
    await expectLocator(steps.nth(3)).toContainText("Rejoindre un atelier de jardinage");
    await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("orientation");
    await recordStep(page, "orientation", "Orientation vers une ressource", daysAgo(35), async () => {
      await events.getByLabel("Ressource").selectOption({ index: 1 });
    });
    const attendance = events.getByLabel(/^Participation à « /);
    await expectLocator(attendance).toHaveValue("pending");
    await attendance.selectOption("attended");
    await events.getByRole("button", { name: /^Enregistrer la participation/ }).click();
    await expectLocator(status(page, /^Participation à « .+ » enregistrée : A participé/)).toBeVisible();
    await expectLocator(figure(situation, "Statut")).toHaveText("Activité commencée");

    // --- Follow-up, evaluation with the SWEMWBS follow-up, and the exit.
    await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("follow_up");
    await recordStep(page, "follow_up", "Suivi", daysAgo(20), () =>
      events.getByLabel("Modalité").selectOption("phone"),
    );
    await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("evaluation");
    await recordStep(page, "evaluation", "Évaluation", daysAgo(5));
    await expectLocator(swemwbs.getByLabel("Temps de mesure")).toHaveValue("follow_up");
    await recordSwemwbs(page, "follow_up", daysAgo(5), [4, 4, 4, 4, 4, 4, 3]);
    await expectLocator(status(page, "Score brut 27 sur 35, score métrique 24,11")).toBeVisible();
    await expectLocator(page.locator("#measure-SWEMWBS-change")).toContainText(
      "Évolution entre la mesure initiale et le dernier suivi : +4,86 points, amélioration ; changement significatif",
    );
    await recordStep(page, "exit", "Sortie", daysAgo(2), () =>
      events.getByLabel("Motif de sortie").selectOption("completed"),
    );
    await expectLocator(figure(situation, "Statut")).toHaveText("Mené à terme");
    await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("reopen");
    await expectLocator(steps.locator("h3")).toHaveTexts([
      /^Orientation · /,
      /^Premier contact · /,
      /^Entretien initial · /,
      /^Plan de bien-être · /,
      /^Orientation vers une ressource · /,
      /^Suivi · /,
      /^Évaluation · /,
      /^Sortie · /,
    ]);

    // --- The delays against the Lille pathway's targets, the late one said in words.
    const delays = region(page, "Délais par étape").locator("tbody tr");
    await expectLocator(delays).toHaveTexts([
      /^Repérer\s*Orientation\s*—\s*Point de départ$/,
      /^Orienter\s*Premier contact\s*4 j \(cible 5 j\)\s*Dans les délais$/,
      /^Co-construire\s*Entretien initial\s*16 j \(cible 14 j\)\s*En retard de 2 j$/,
      /^Soutenir\s*Orientation vers une ressource\s*5 j \(cible 30 j\)\s*Dans les délais$/,
      /^Suivre et ajuster\s*Suivi\s*15 j \(cible 30 j\)\s*Dans les délais$/,
      /^Évaluer\s*Évaluation\s*15 j \(cible 120 j\)\s*Dans les délais$/,
    ]);
    const milestones = region(page, "Jalons");
    await expectLocator(figure(milestones, "Première activité suivie")).toHaveText(/ \d{4}$/);
    await expectLocator(figure(milestones, "Sortie")).toHaveText(/ \d{4}$/);
    await page.screenshot({ path: join(artifacts, "journey.png"), fullPage: true });

    // --- The list shows it, completed; the status filter keeps it.
    await page
      .getByRole("navigation", { name: "Fil d'Ariane" })
      .getByRole("link", { name: "Parcours individuels" })
      .click();
    const row = page.getByRole("row", { name: new RegExp(code) });
    await expectLocator(row).toContainText("Mené à terme");
    await expectLocator(row).toContainText("Samir Agent de liaison");
    await expectLocator(row).toContainText("65 à 74 ans");
    await page.getByLabel("Statut").selectOption("completed");
    await page.getByRole("button", { name: "Filtrer", exact: true }).click();
    await page.waitForURL(/status=completed/);
    await expectLocator(row).toBeVisible();
    await page.getByRole("link", { name: code }).click();
    await page.waitForURL(`**${journeyUrl}`);
    expect(unexpectedErrors([400])).toEqual([]);
  });

  test("a lead shares journeys with the team; a stale write is refused and the journey reloaded; then reassigns and deletes", async () => {
    const first = await harness.open();
    const second = await harness.open();
    await signIn(first.page, PEOPLE.lead);
    await first.page.getByRole("link", { name: /Lille Sud et Faubourgs/ }).click();
    await first.page.waitForURL(/\/territoires\/ter_[^/]+$/);
    const territoryId = new URL(first.page.url()).pathname.split("/")[2] ?? "";
    const base = `/territoires/${territoryId}/parcours-individuels`;
    await signIn(second.page, PEOPLE.lead);

    // A journey of its own, recorded through the API as an import would (same origin, same session).
    const journey = await first.page.evaluate(
      async ({ territoryId, date }) => {
        const workers = (await (await fetch(`/api/territories/${territoryId}/link-workers`)).json()) as {
          items: { id: string }[];
        };
        const response = await fetch(`/api/territories/${territoryId}/journeys`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            person: {
              ageBand: "35-44",
              sex: "male",
              commune: null,
              qpv: "unknown",
              precarity: [],
              livesAlone: "no",
              chronicCondition: "yes",
              psychiatricComorbidity: "unknown",
              distress: "mild",
              targetGroups: [],
            },
            linkWorkerId: workers.items[0]?.id,
            events: [{ type: "referral", date, route: "gp", prescriber: "gp", reasons: ["low_mood"] }],
          }),
        });
        return (await response.json()) as { id: string; code: string };
      },
      { territoryId, date: daysAgo(10) },
    );
    expect(journey.code).toMatch(/^[0-9A-Z]{3}-[0-9A-Z]{3}$/);

    // Sharing: the lead opens every journey to the whole team.
    await first.page.goto(base);
    const sharing = region(first.page, "Partage des parcours");
    await sharing.getByLabel("Toute l'équipe voit tous les parcours du territoire").check();
    await sharing.getByRole("button", { name: "Enregistrer le partage" }).click();
    await expectLocator(
      status(first.page, "Partage enregistré : toute l'équipe voit tous les parcours."),
    ).toBeVisible();

    // Two tabs on the journey: the second records the first contact, the first one's write is stale.
    for (const { page } of [first, second]) {
      await page.goto(`${base}/${journey.id}`);
      await expectLocator(page.locator("main h1")).toHaveText(`Parcours ${journey.code}`);
    }
    await recordStep(second.page, "first_contact", "Premier contact", daysAgo(8), () =>
      region(second.page, "Étapes du parcours").getByLabel("Modalité").selectOption("phone"),
    );
    const events = region(first.page, "Étapes du parcours");
    await events.getByLabel("Date", { exact: true }).fill(daysAgo(9));
    await events.getByLabel("Modalité").selectOption("video");
    await events.getByRole("button", { name: "Enregistrer l'étape « Premier contact »" }).click();
    const alert = first.page
      .getByRole("alert")
      .filter({ hasText: "Le parcours a été modifié par quelqu'un d'autre pendant votre saisie" });
    await expectLocator(alert).toContainText(
      "Rien n'a été enregistré. La version actuelle du parcours (version 2)",
    );
    await expectLocator(alert).toBeFocused();
    // The current journey is shown: one first contact, the other's; the form offers what comes next.
    await expectLocator(events.locator("li.steps-view__step h3")).toHaveTexts([
      /^Orientation · /,
      /^Premier contact · /,
    ]);
    await expectLocator(events.locator("li.steps-view__step").nth(1)).toContainText("Téléphone");
    await expectLocator(figure(region(first.page, "Situation"), "Statut")).toHaveText(
      "Premier contact établi",
    );
    await expectLocator(events.getByLabel("Étape", { exact: true })).toHaveValue("initial_interview");

    // Lead only: reassign, then delete after a confirmation.
    const lead = region(first.page, "Attribution et suppression");
    const assignee = lead.getByLabel("Agent de liaison qui suit le parcours");
    await assignee.selectOption({ index: 2 });
    const name = (await assignee.locator("option:checked").textContent())?.trim() ?? "";
    await lead.getByRole("button", { name: "Attribuer le parcours" }).click();
    await expectLocator(
      status(first.page, `Parcours attribué : ${name} (version 3 du parcours).`),
    ).toBeVisible();
    await expectLocator(figure(region(first.page, "Situation"), "Agent de liaison")).toHaveText(name);

    await lead.getByRole("button", { name: `Supprimer le parcours ${journey.code}` }).click();
    const confirm = lead.getByRole("group", {
      name: `Supprimer définitivement le parcours ${journey.code}, ses étapes et ses mesures ?`,
    });
    await expectLocator(
      confirm.getByRole("button", { name: `Oui, supprimer ${journey.code}` }),
    ).toBeFocused();
    await confirm.getByRole("button", { name: `Oui, supprimer ${journey.code}` }).click();
    await first.page.waitForURL(`**${base}`);
    await expectLocator(status(first.page, `Parcours ${journey.code} supprimé.`)).toBeVisible();
    await expectLocator(first.page.getByRole("link", { name: journey.code })).toHaveCount(0);

    expect(first.unexpectedErrors([409])).toEqual([]);
    expect(second.unexpectedErrors()).toEqual([]);
  });
});
