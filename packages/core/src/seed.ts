import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import * as Actor from "./actor";
import { db, Keys, tableName } from "./db";
import * as Communes from "./geo/communes";
import * as Invitation from "./invitation";
import { Federations, Funders } from "./network";
import { seedCatalogue } from "./seed/catalogue";
import { seedDenominators } from "./seed/denominators";
import { seedIndicators } from "./seed/indicators";
import { seedJourneys } from "./seed/journeys";
import { seedPathways } from "./seed/pathway";
import * as Territory from "./territory";
import * as User from "./user";

/** Bumped when the stored data model changes: `npm start` then rebuilds the local demo table. */
export const MARKER_NAME = "demo-v6";
const MARKER = Keys.seedMarker(MARKER_NAME);

function populationOf(codes: string[]): number {
  return codes.reduce((sum, code) => sum + (Communes.describe(code).population ?? 0), 0);
}

/**
 * The demo: three territories (urban with priority neighbourhoods, rural, mixed), one federation
 * over two of them, one funder, one person per role (the lead holds two memberships, to show the
 * context switcher). Runs once per table: a marker item records that it ran.
 */
export async function demo(options: { journeys?: boolean } = {}): Promise<{ seeded: boolean }> {
  return Actor.provide({ type: "system", reason: "seed" }, async () => {
    const done = await db().send(
      new GetCommand({ TableName: tableName(), Key: MARKER, ConsistentRead: true }),
    );
    if (done.Item) return { seeded: false };
    const urbanCommunes = ["59350", "59299", "59368"];
    const urban = await Territory.create({
      name: "Lille Sud et Faubourgs",
      carrierType: "cpts",
      carrierName: "CPTS Lille Sud (démo)",
      communes: urbanCommunes,
      population: populationOf(urbanCommunes),
      priorityNeighbourhoods: ["Lille Sud", "Moulins", "Faubourg de Béthune"],
      programme: "article51",
      startDate: "2026-01-05",
      endDate: "2028-12-31",
    });
    const ruralCommunes = ["23001", "23002", "23003", "23004"];
    const rural = await Territory.create({
      name: "Creuse Sud-Ouest",
      carrierType: "msp",
      carrierName: "MSP d'Ahun (démo)",
      communes: ruralCommunes,
      population: populationOf(ruralCommunes),
      priorityNeighbourhoods: [],
      programme: "ami",
      startDate: "2026-03-02",
      endDate: null,
    });
    const mixedCommunes = ["12202", "12176", "12090", "12264"];
    const mixed = await Territory.create({
      name: "Rodez et Ségala",
      carrierType: "cls",
      carrierName: "Contrat local de santé Rodez Agglomération (démo)",
      communes: mixedCommunes,
      population: populationOf(mixedCommunes),
      priorityNeighbourhoods: ["Quatre-Saisons"],
      programme: "ami",
      startDate: "2026-09-01",
      endDate: "2027-08-31",
    });
    const federation = await Federations.create({
      name: "Fédération des liens sociaux (démo)",
      description: "Réseau de territoires pilotes de prescription sociale",
    });
    await Federations.attach(federation.id, urban.id);
    await Federations.attach(federation.id, rural.id);
    const funder = await Funders.create({ name: "ARS Hauts-de-France (démo)", funderType: "ars" });
    await Funders.attach(funder.id, urban.id);

    await User.create({ email: "operateur@example.org", displayName: "Olivia Opératrice" }, [
      { contextKind: "platform", contextId: "platform", role: "operator" },
    ]);
    const camille = await User.create(
      { email: "cheffe.projet@example.org", displayName: "Camille Cheffe de projet" },
      [
        { contextKind: "territory", contextId: urban.id, role: "territory_lead" },
        { contextKind: "territory", contextId: mixed.id, role: "territory_lead" },
      ],
    );
    const samir = await User.create(
      { email: "agent.liaison@example.org", displayName: "Samir Agent de liaison" },
      [{ contextKind: "territory", contextId: urban.id, role: "link_worker" }],
    );
    await User.create({ email: "federation@example.org", displayName: "Françoise Fédération" }, [
      { contextKind: "federation", contextId: federation.id, role: "federation" },
    ]);
    await User.create({ email: "financeur@example.org", displayName: "Farid Financeur" }, [
      { contextKind: "funder", contextId: funder.id, role: "funder" },
    ]);
    const rose = await User.create(
      { email: "cheffe.rurale@example.org", displayName: "Rose Cheffe de projet rurale" },
      [{ contextKind: "territory", contextId: rural.id, role: "territory_lead" }],
    );
    // Each territory's link workers and local catalogue (some resources unverified for months).
    await seedCatalogue({
      urban: { territoryId: urban.id, lead: camille, linkWorkerUserId: samir.id },
      rural: { territoryId: rural.id, lead: rose },
      mixed: { territoryId: mixed.id, lead: camille },
    });
    // Pathways (Creuse with an integrated track), referral routes, target groups, partner schemes.
    await seedPathways({
      lille: { territoryId: urban.id, lead: camille },
      creuse: { territoryId: rural.id, lead: rose },
      rodez: { territoryId: mixed.id, lead: camille },
    });
    // A synthetic, labelled cohort of journeys per territory (over the last 18 months), as each lead.
    // (Browser tests that record their own journeys skip it: `demo({ journeys: false })`.)
    if (options.journeys !== false) {
      await seedJourneys({
        lille: { territoryId: urban.id, lead: camille },
        creuse: { territoryId: rural.id, lead: rose },
        rodez: { territoryId: mixed.id, lead: camille },
      });
    }
    // Denominators from the communes' grid populations, split by a stated synthetic structure.
    await seedDenominators([
      { territoryId: urban.id, lead: camille, communes: urbanCommunes, qpvShare: 0.18 },
      { territoryId: rural.id, lead: rose, communes: ruralCommunes, qpvShare: 0 },
      { territoryId: mixed.id, lead: camille, communes: mixedCommunes, qpvShare: 0.04 },
    ]);
    // Economic figures and manual health-use values with their provenance; a past quarter locked
    // where the territory has its cohort (a browser test's own journeys must stay writable).
    const cohort = options.journeys !== false;
    await seedIndicators([
      { territoryId: urban.id, lead: camille, gpChange: -14, hospitalChange: -9, lock: cohort },
      { territoryId: rural.id, lead: rose, gpChange: -8, hospitalChange: -5, lock: cohort },
      { territoryId: mixed.id, lead: camille, gpChange: -11, hospitalChange: -6, lock: false },
    ]);
    // A pending invitation, so the operator's and the lead's follow-up lists show one.
    await Invitation.create(rural.id, {
      email: "nadia.nouvelle@example.org",
      displayName: "Nadia Nouvelle",
      role: "link_worker",
    });
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...MARKER, type: "seed", at: new Date().toISOString() },
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return { seeded: true };
  });
}

export { DEMO_EMAILS } from "./demo";
