import {
  DEFAULT_STEP_IDS,
  defaultPathway,
  type PartnerSchemeCreate,
  type ReferralRoute,
  type StepInput,
  type TargetGroupCode,
} from "@maillage/schema";
import * as Actor from "../actor";
import * as Journeys from "../journeys";
import * as Pathway from "../pathway";
import { PartnerSchemes, Referrals } from "../referrals";

/** A demo territory and the lead who configures it (the audit trail names them). */
export interface SeedTerritory {
  territoryId: string;
  lead: { id: string; displayName: string };
}

/**
 * The demo territories' configuration, as their leads would enter it: partner schemes, referral
 * routes and target groups, and the pathway (the rural one with an integrated track). Structures are
 * fictitious ("démo"); phone numbers are in the ranges ARCEP reserves for fiction (03 53 01, 05 36 49).
 */
export async function seedPathways(territories: {
  lille: SeedTerritory;
  creuse: SeedTerritory;
  rodez: SeedTerritory;
}): Promise<void> {
  await asLead(territories.lille, lille);
  await asLead(territories.creuse, creuse);
  await asLead(territories.rodez, rodez);
}

function asLead(territory: SeedTerritory, configure: () => Promise<void>): Promise<void> {
  return Actor.provide(
    {
      type: "user",
      userId: territory.lead.id,
      displayName: territory.lead.displayName,
      contextKind: "territory",
      contextId: territory.territoryId,
      role: "territory_lead",
    },
    configure,
  );
}

const [IDENTIFY, ORIENT, CO_BUILD, SUPPORT, FOLLOW, EVALUATE] = DEFAULT_STEP_IDS;

function contact(structureName: string, contactRole: string, phone: string, email: string) {
  return { structureName, contactRole, contactName: "", phone, email };
}

async function addSchemes(schemes: PartnerSchemeCreate[]): Promise<string[]> {
  const ids: string[] = [];
  for (const scheme of schemes) ids.push((await PartnerSchemes.create(scheme)).id);
  return ids;
}

type Route = Pick<ReferralRoute, "kind" | "description"> & Partial<ReferralRoute>;

async function setReferrals(routes: Route[], groups: [TargetGroupCode, string][]): Promise<void> {
  await Referrals.update({
    routes: routes.map((route) => ({ professionalType: null, label: "", enabled: true, ...route })),
    targetGroups: groups.map(([group, description]) => ({ group, enabled: true, description })),
    version: 0,
  });
}

/** The default steps with some fields changed, by step id. */
function steps(changes: Record<string, Partial<StepInput>>): StepInput[] {
  return defaultPathway().steps.map((step) => ({ ...step, ...changes[step.id] }));
}

async function lille(): Promise<void> {
  await addSchemes([
    {
      kind: "cpts",
      name: "CPTS Lille Sud",
      description: "Structure porteuse : repérage par les médecins et infirmiers de la CPTS, staff mensuel.",
      contact: contact(
        "CPTS Lille Sud (démo)",
        "Coordinatrice",
        "03 53 01 10 01",
        "contact@cpts-lille-sud.example.org",
      ),
    },
    {
      kind: "cls",
      name: "CLS de la Ville de Lille",
      description: "Axe santé mentale et isolement du contrat local de santé ; comité de pilotage commun.",
      contact: contact(
        "Ville de Lille, direction santé (démo)",
        "Coordinateur CLS",
        "03 53 01 10 02",
        "cls@lille.example.org",
      ),
    },
    {
      kind: "dac",
      name: "DAC Métropole lilloise",
      description: "Appui pour les situations complexes ; orientations croisées.",
      contact: contact(
        "DAC Métropole lilloise (démo)",
        "Accueil",
        "03 53 01 10 03",
        "accueil@dac-metropole.example.org",
      ),
    },
    {
      kind: "clsm",
      name: "CLSM de Lille",
      description: "Cellule de concertation pour les personnes en souffrance psychique.",
      contact: contact(
        "Conseil local de santé mentale de Lille (démo)",
        "Coordinatrice",
        "03 53 01 10 04",
        "clsm@lille.example.org",
      ),
    },
    {
      kind: "mas",
      name: "Mission accompagnement santé",
      description:
        "Accès aux droits et aux soins (complémentaire santé solidaire) pour les personnes orientées.",
      contact: contact(
        "CPAM de Lille-Douai (démo)",
        "Conseiller MAS",
        "03 53 01 10 05",
        "mas@cpam-lille.example.org",
      ),
    },
  ]);
  await setReferrals(
    [
      { kind: "gp", description: "Fiche d'orientation par messagerie sécurisée de santé." },
      {
        kind: "health_professional",
        professionalType: "nurse",
        description: "Infirmiers libéraux et Asalée.",
      },
      {
        kind: "health_professional",
        professionalType: "pharmacist",
        description: "Pharmacies de Lille Sud et de Moulins.",
      },
      { kind: "health_professional", professionalType: "psychiatrist", description: "CMP du secteur." },
      { kind: "social_worker", description: "CCAS et services sociaux du Département." },
      { kind: "community_organisation", description: "Centres sociaux et maisons de quartier." },
      { kind: "self_referral", description: "Permanence le mardi après-midi au centre social." },
    ],
    [
      ["isolated", "Personnes âgées isolées et familles monoparentales."],
      ["psychological_distress", ""],
      ["precarity", "Habitants des quartiers prioritaires."],
      ["young_people", "16–25 ans suivis par la mission locale."],
    ],
  );
  await Pathway.update({
    continuityModel: "coordination",
    steps: steps({
      [ORIENT]: { targetDelayDays: 5 },
      [CO_BUILD]: { instruments: ["SWEMWBS", "UCLA3"] },
      [EVALUATE]: { targetDelayDays: 120, instruments: ["SWEMWBS", "UCLA3"] },
    }),
    integratedTrack: null,
    version: 0,
  });
}

async function creuse(): Promise<void> {
  const [msp, , dac, msa] = await addSchemes([
    {
      kind: "msp",
      name: "MSP d'Ahun",
      description: "Structure porteuse : l'infirmière de coordination co-anime l'entretien initial.",
      contact: contact(
        "Maison de santé d'Ahun (démo)",
        "Infirmière de coordination",
        "05 36 49 20 01",
        "coordination@msp-ahun.example.org",
      ),
    },
    {
      kind: "cpts",
      name: "CPTS Creuse Sud-Ouest",
      description: "Relais auprès des médecins et infirmiers libéraux du territoire.",
      contact: contact(
        "CPTS Creuse Sud-Ouest (démo)",
        "Chargée de mission",
        "05 36 49 20 02",
        "contact@cpts-creuse-so.example.org",
      ),
    },
    {
      kind: "dac",
      name: "DAC de la Creuse",
      description: "Parcours complexes : premier contact conjoint sur le parcours intégré.",
      contact: contact("DAC 23 (démo)", "Accueil", "05 36 49 20 03", "accueil@dac23.example.org"),
    },
    {
      kind: "msa",
      name: "MSA du Limousin",
      description: "Travailleurs sociaux MSA : mal-être agricole, aide au répit.",
      contact: contact(
        "MSA du Limousin (démo)",
        "Service d'action sanitaire et sociale",
        "05 36 49 20 04",
        "ass@msa-limousin.example.org",
      ),
    },
  ]);
  if (!msp || !dac || !msa) throw new Error("Seed: partner schemes not created");
  await setReferrals(
    [
      { kind: "gp", description: "Médecins de la MSP et du canton." },
      {
        kind: "health_professional",
        professionalType: "nurse",
        description: "Infirmiers libéraux, souvent les premiers à repérer l'isolement.",
      },
      { kind: "health_professional", professionalType: "pharmacist", description: "" },
      { kind: "social_worker", description: "Assistantes sociales du Département et de la MSA." },
      { kind: "hospital", description: "Service social du centre hospitalier de Guéret." },
      { kind: "community_organisation", description: "Associations d'aide à domicile, foyers ruraux." },
    ],
    [
      ["isolated", "Personnes âgées isolées dans les hameaux."],
      ["chronic_disease", ""],
      ["precarity", ""],
      ["psychological_distress", "Dont mal-être des exploitants agricoles."],
    ],
  );
  const base = steps({
    [ORIENT]: {
      targetDelayDays: 10,
      description:
        "Le prescripteur oriente la personne vers l'agent de liaison, qui l'appelle sous 10 jours.",
    },
    [CO_BUILD]: { targetDelayDays: 21, expectedDurationMinutes: 75 },
    [SUPPORT]: { targetDelayDays: 45 },
  });
  const visit: StepInput = {
    name: "Aller vers (visite à domicile)",
    description: "Première rencontre au domicile quand la personne ne peut pas se déplacer.",
    responsibleActor: "link_worker",
    targetDelayDays: 7,
    expectedDurationMinutes: 60,
    instruments: [],
    retired: false,
  };
  const orientIndex = base.findIndex((step) => step.id === ORIENT);
  await Pathway.update({
    continuityModel: "coordination",
    steps: [...base.slice(0, orientIndex + 1), visit, ...base.slice(orientIndex + 1)],
    integratedTrack: {
      name: "Parcours intégré",
      description:
        "Pour les personnes vivant avec une maladie chronique et cumulant d'autres fragilités : la MSP, le DAC et la MSA interviennent dès l'orientation (étude CAPP, Bruxelles).",
      markers: ["no_housing", "no_health_cover", "psychiatric_comorbidity"],
      markerRule: "any",
      overrides: [
        {
          stepId: ORIENT as string,
          responsibleActor: "partner_scheme",
          targetDelayDays: 3,
          expectedDurationMinutes: null,
          partnerSchemeIds: [dac],
          note: "Premier contact conjoint avec le DAC sous 3 jours.",
        },
        {
          stepId: CO_BUILD as string,
          responsibleActor: null,
          targetDelayDays: 7,
          expectedDurationMinutes: 90,
          partnerSchemeIds: [msp, dac],
          note: "Entretien initial avec l'infirmière de coordination de la MSP.",
        },
        {
          stepId: SUPPORT as string,
          responsibleActor: null,
          targetDelayDays: null,
          expectedDurationMinutes: null,
          partnerSchemeIds: [msa],
          note: "Accompagnement social par la MSA pour les exploitants agricoles.",
        },
        {
          stepId: FOLLOW as string,
          responsibleActor: null,
          targetDelayDays: 15,
          expectedDurationMinutes: null,
          partnerSchemeIds: [],
          note: "Suivi rapproché : tous les quinze jours.",
        },
      ],
    },
    version: 0,
  });
}

async function rodez(): Promise<void> {
  // The territory's own measure (a demo scale, labelled as such): a pilot may add one beside the
  // validated instruments; its scale is fixed once saved.
  await Journeys.updateSettings({
    sharing: "assigned",
    customMeasures: [
      {
        code: "pouvoir-agir",
        label: "Pouvoir d'agir ressenti (échelle du territoire, démo)",
        items: 5,
        min: 1,
        max: 4,
        direction: "higher_is_better",
        meaningfulChange: 3,
      },
    ],
    version: 0,
  });
  await addSchemes([
    {
      kind: "cls",
      name: "CLS Rodez Agglomération",
      description: "Structure porteuse : fiche action « lien social et santé mentale ».",
      contact: contact(
        "Rodez Agglomération, service santé (démo)",
        "Coordinatrice CLS",
        "05 36 49 30 01",
        "cls@rodez-agglo.example.org",
      ),
    },
    {
      kind: "cpts",
      name: "CPTS du Grand Rodez",
      description: "Diffusion de la fiche d'orientation auprès des professionnels de santé.",
      contact: contact(
        "CPTS du Grand Rodez (démo)",
        "Coordinateur",
        "05 36 49 30 02",
        "contact@cpts-grand-rodez.example.org",
      ),
    },
    {
      kind: "clsm",
      name: "CLSM de Rodez",
      description: "Situations de souffrance psychique : cellule de coordination mensuelle.",
      contact: contact(
        "Conseil local de santé mentale de Rodez (démo)",
        "Coordinatrice",
        "05 36 49 30 03",
        "clsm@rodez.example.org",
      ),
    },
    {
      kind: "sophia",
      name: "Sophia (Assurance maladie)",
      description: "Accompagnement des personnes diabétiques ou asthmatiques orientées.",
      contact: contact(
        "CPAM de l'Aveyron (démo)",
        "Service prévention",
        "05 36 49 30 04",
        "prevention@cpam-aveyron.example.org",
      ),
    },
  ]);
  await setReferrals(
    [
      { kind: "gp", description: "" },
      { kind: "health_professional", professionalType: "nurse", description: "" },
      {
        kind: "health_professional",
        professionalType: "midwife",
        description: "Suivi post-natal : isolement des jeunes mères.",
      },
      { kind: "health_professional", professionalType: "pharmacist", description: "" },
      { kind: "social_worker", description: "" },
      { kind: "hospital", description: "Centre hospitalier de Rodez, équipe de liaison." },
    ],
    [
      ["isolated", ""],
      ["chronic_disease", "En lien avec le programme Sophia."],
      ["young_people", "Quartier des Quatre-Saisons."],
    ],
  );
  await Pathway.update({
    continuityModel: "linkage",
    steps: steps({
      [IDENTIFY]: {
        description: "Un professionnel de santé ou du social repère la personne et lui présente la démarche.",
      },
      [CO_BUILD]: { instruments: ["ONS4"] },
      [EVALUATE]: { instruments: ["ONS4"] },
    }),
    integratedTrack: null,
    version: 0,
  });
}
