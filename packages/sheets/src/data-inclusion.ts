/**
 * data·inclusion (schema v1, `structure` / `service`) ↔ the resource catalogue, through one mapping
 * table per list: `thematiques` → our categories (and so pillars), `frais` → cost, `publics` → publics,
 * `modes_accueil` → accessibility, `reseaux_porteurs` → categories (structures without a service).
 *
 * Import: each service becomes a resource (its structure gives the name and fills missing contact
 * details); each structure that no service of the file points to becomes a resource itself. Values
 * outside the v1 lists (v0 words, unknown values), v1 values without an equivalent here, and fields we
 * do not carry are counted in `unmapped`: never dropped silently.
 *
 * Export: valid v1 records (`source: "maillage"`, the resource's reference as `id`), plus a
 * `maillage` object on each record with what v1 cannot say (category, accessibility, capacity…), which
 * our own import reads back so that export → import gives the same resources. The v1 schemas do not
 * forbid extra properties; other consumers ignore it.
 */
import { createHash } from "node:crypto";
import { type Pillar, pillarOf, type ResourceCategory, resourceCategories } from "@maillage/schema";
import type { RowIssue, Unmapped } from "./columns";

// ——— the v1 lists (schema v1.0.8, packages/sheets/data/data-inclusion, from shared/reference) ———

const V1_THEMATIQUE_CATEGORIES = {
  "choisir-un-metier": "employment",
  "creer-une-entreprise": "employment",
  "difficultes-administratives-ou-juridiques": "legal_access",
  "difficultes-financieres": "social_services",
  "equipement-et-alimentation": "food_aid",
  famille: "social_services",
  "lecture-ecriture-calcul": "social_centre",
  "logement-hebergement": "housing",
  mobilite: "other_rights",
  numerique: "digital_inclusion",
  "preparer-sa-candidature": "employment",
  remobilisation: "other_social",
  sante: "prevention",
  "se-former": "employment",
  "souvrir-a-linternational": "employment",
  "trouver-un-emploi": "employment",
} as const satisfies Record<string, ResourceCategory>;

/**
 * The one table: every v1 thématique → our category (its pillar follows). A value absent from this
 * table but with a known prefix (`numerique--…`, or the bare category of v0 `numerique`) takes its
 * category's; the value is still reported as not v1.
 */
export const THEMATIQUES: Record<string, ResourceCategory> = {
  "choisir-un-metier--confirmer-son-choix-de-metier": "employment",
  "choisir-un-metier--connaitre-les-opportunites-demploi": "employment",
  "choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite": "employment",
  "choisir-un-metier--identifier-ses-points-forts-et-ses-competences": "employment",
  "creer-une-entreprise--definir-son-projet-de-creation-dentreprise": "employment",
  "creer-une-entreprise--developper-son-entreprise": "employment",
  "creer-une-entreprise--structurer-son-projet-de-creation-dentreprise": "employment",
  "difficultes-administratives-ou-juridiques--accompagnement-aux-demarches-administratives":
    "france_services",
  "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-a-la-citoyennete": "legal_access",
  "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits": "legal_access",
  "difficultes-administratives-ou-juridiques--beneficier-dune-mesure-daccompagnement-adapte":
    "social_services",
  "difficultes-administratives-ou-juridiques--connaitre-ses-droits-face-a-une-discrimination": "legal_access",
  "difficultes-administratives-ou-juridiques--prendre-en-compte-une-problematique-judiciaire": "legal_access",
  "difficultes-financieres--acquerir-une-autonomie-budgetaire": "social_services",
  "difficultes-financieres--ameliorer-sa-gestion-budgetaire": "social_services",
  "difficultes-financieres--mettre-en-place-une-mesure-de-protection-financiere": "social_services",
  "difficultes-financieres--prevenir-une-degradation-de-la-situation-financiere": "ccas",
  "difficultes-financieres--situation-dendettement-surendettement": "social_services",
  "equipement-et-alimentation--aide-menagere": "medico_social",
  "equipement-et-alimentation--alimentation": "food_aid",
  "equipement-et-alimentation--electromenager": "other_rights",
  "equipement-et-alimentation--habillement": "other_rights",
  "famille--garde-denfants": "caf",
  "famille--prise-en-charge-personne-dependante": "medico_social",
  "famille--soutien-a-la-parentalite-et-a-leducation": "social_centre",
  "famille--soutien-aidants": "carers_support",
  "famille--surmonter-conflits-separation-violence": "social_services",
  "lecture-ecriture-calcul--maitriser-le-calcul": "skills_exchange",
  "lecture-ecriture-calcul--maitriser-le-francais": "social_centre",
  "logement-hebergement--acheter-un-logement": "housing",
  "logement-hebergement--changer-de-logement": "housing",
  "logement-hebergement--louer-un-logement": "housing",
  "logement-hebergement--rechercher-une-solution-dhebergement-temporaire": "housing",
  "logement-hebergement--reduire-les-impayes-de-loyer": "housing",
  "logement-hebergement--se-maintenir-dans-le-logement": "housing",
  "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement": "housing",
  "mobilite--acceder-a-un-vehicule": "other_rights",
  "mobilite--entretenir-reparer-son-vehicule": "other_rights",
  "mobilite--etre-accompagne-dans-son-parcours-mobilite": "other_rights",
  "mobilite--financer-ma-mobilite": "other_rights",
  "mobilite--mobilite-douce-partagee-collective": "other_rights",
  "mobilite--preparer-un-permis": "other_rights",
  "numerique--acceder-a-des-services-en-ligne": "digital_inclusion",
  "numerique--acceder-a-une-connexion-internet": "digital_inclusion",
  "numerique--acquerir-un-equipement": "digital_inclusion",
  "numerique--maitriser-les-fondamentaux-du-numerique": "digital_inclusion",
  "preparer-sa-candidature--developper-son-reseau": "employment",
  "preparer-sa-candidature--organiser-ses-demarches-de-recherche-demploi": "employment",
  "preparer-sa-candidature--realiser-un-cv-et-ou-une-lettre-de-motivation": "employment",
  "preparer-sa-candidature--valoriser-ses-competences": "employment",
  "remobilisation--activites-sportives-et-culturelles": "sport_leisure",
  "remobilisation--benevolat-action-citoyenne": "civic_participation",
  "remobilisation--bien-etre-confiance-en-soi": "peer_support",
  "remobilisation--lien-social": "other_social",
  "sante--acces-aux-soins": "prevention",
  "sante--addictions": "addiction",
  "sante--constituer-un-dossier-mdph-invalidite": "medico_social",
  "sante--sante-mentale": "mental_health",
  "sante--sante-sexuelle": "prevention",
  "se-former--monter-son-dossier-de-formation": "employment",
  "se-former--trouver-sa-formation": "employment",
  "souvrir-a-linternational--connaitre-les-opportunites-demploi-a-letranger": "employment",
  "souvrir-a-linternational--sinformer-sur-les-aides-pour-travailler-a-letranger": "employment",
  "souvrir-a-linternational--sorganiser-suite-a-son-retour-en-france": "employment",
  "trouver-un-emploi--convaincre-un-recruteur-en-entretien": "employment",
  "trouver-un-emploi--faire-des-candidatures-spontanees": "employment",
  "trouver-un-emploi--maintien-dans-lemploi": "employment",
  "trouver-un-emploi--repondre-a-des-offres-demploi": "employment",
  "trouver-un-emploi--suivre-ses-candidatures-et-relancer-les-employeurs": "employment",
};

/** v0 category names that v1 renamed (bare categories of the samples). */
const V0_CATEGORIES: Record<string, ResourceCategory> = {
  "acces-aux-droits-et-citoyennete": "legal_access",
  "accompagnement-social-et-professionnel-personnalise": "employment",
  "creation-activite": "employment",
  "apprendre-francais": "social_centre",
  handicap: "medico_social",
  "gestion-financiere": "social_services",
  sante: "prevention",
};

/** Structures without a service: their network says what they are. */
export const RESEAUX: Record<string, ResourceCategory> = {
  caf: "caf",
  cpam: "cpam",
  cnam: "cpam",
  "mutualite-sociale-agricole": "msa",
  "ccas-cias": "ccas",
  communes: "ccas",
  "france-service": "france_services",
  msap: "france_services",
  "maisons-des-solidarites": "social_services",
  departements: "social_services",
  "delegataire-conseil-departemental": "social_services",
  "points-justice": "legal_access",
  cidff: "legal_access",
  "points-conseil-budget": "social_services",
  cresus: "social_services",
  "action-logement": "housing",
  siao: "housing",
  chrs: "housing",
  "residences-fjt": "housing",
  "france-travail": "employment",
  "mission-locale": "employment",
  "cap-emploi-reseau-cheops": "employment",
  "maisons-de-l-emploi": "employment",
  plie: "employment",
  "conseillers-numeriques": "digital_inclusion",
  "espaces-publics-numeriques": "digital_inclusion",
  "aidants-connect": "digital_inclusion",
  "banques-alimentaires": "food_aid",
  "restos-du-coeur": "food_aid",
  "secours-populaire": "food_aid",
  mdph: "medico_social",
  "maison-departementale-de-lautonomie": "medico_social",
  esat: "medico_social",
  csapa: "addiction",
  caarud: "addiction",
  cmp: "mental_health",
  mjc: "social_centre",
  fcsf: "social_centre",
  "unis-cite": "volunteering_solidarity",
  "croix-rouge": "volunteering_solidarity",
};

export const FRAIS = { gratuit: "free", payant: "paid" } as const;
export const PUBLICS: Record<string, string | null> = {
  actifs: null,
  "beneficiaires-des-minimas-sociaux": "precarity",
  "demandeurs-emploi": null,
  etudiants: null,
  familles: "families",
  femmes: null,
  jeunes: "young_people",
  "personnes-en-situation-de-handicap": "disability",
  "personnes-en-situation-durgence": "precarity",
  "personnes-en-situation-juridique-specifique": null,
  "personnes-exilees": null,
  "residents-qpv-frr": null,
  seniors: "seniors",
  "tous-publics": "all",
};
const V1_MODES_ACCUEIL = new Set(["a-distance", "en-presentiel"]);
const V1_TYPES = new Set([
  "accompagnement",
  "aide-financiere",
  "aide-materielle",
  "atelier",
  "formation",
  "information",
]);
const V1_MODES_MOBILISATION = new Set([
  "envoyer-un-courriel",
  "se-presenter",
  "telephoner",
  "utiliser-lien-mobilisation",
]);
const V1_MOBILISABLE_PAR = new Set(["professionnels", "usagers"]);

/** Export: our category → the v1 thématique that says it best (imports map it back, see the test). */
export const CATEGORY_THEMATIQUE: Record<ResourceCategory, string> = Object.fromEntries(
  resourceCategories.map((category) => {
    const exact = Object.entries(THEMATIQUES).find(([, c]) => c === category)?.[0];
    const byPillar: Record<Pillar, string> = {
      rights: "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits",
      health: "sante--acces-aux-soins",
      social: "remobilisation--lien-social",
      volunteering: "remobilisation--benevolat-action-citoyenne",
    };
    return [category, exact ?? byPillar[pillarOf(category)]];
  }),
) as Record<ResourceCategory, string>;

export const CATEGORY_RESEAU: Partial<Record<ResourceCategory, string>> = {
  caf: "caf",
  cpam: "cpam",
  msa: "mutualite-sociale-agricole",
  ccas: "ccas-cias",
  france_services: "france-service",
};

// ——— import ———

type Json = Record<string, unknown>;

export interface ImportedRecord {
  /** Where the record is in the file, for the report: "services", 3 (1-based). */
  line: number;
  /** "services[3] · code_insee"-style prefix of the report's column. */
  list: "structures" | "services";
  values: Record<string, unknown>;
}

export interface DataInclusionImport {
  records: ImportedRecord[];
  issues: RowIssue[];
  unmapped: Unmapped[];
}

const str = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);
const arr = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** A reference from a record's source and id: readable when it fits, hashed otherwise. */
export function referenceOf(source: string, id: string): string {
  if (source === "maillage" && /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(id)) return id;
  const readable = `${source}-${id}`.replace(/[^A-Za-z0-9._-]/g, "-");
  if (/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/.test(readable)) return readable;
  const hash = createHash("sha256").update(`${source}\u0000${id}`).digest("hex").slice(0, 16);
  return `${source.replace(/[^A-Za-z0-9]/g, "").slice(0, 20) || "di"}-${hash}`;
}

const PHONE = /^(?:(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}|[1-9]\d{3})$/;
/** Telephone numbers come as "09 70 80 08 00", "+33144691700", "3949", "01.44.69.17.00", "33 1 44…". */
export function phoneOf(raw: string | null): string | null | undefined {
  if (raw === null) return null;
  const s = raw.trim();
  if (PHONE.test(s)) return s;
  const digits = s.replace(/[^\d+]/g, "");
  if (/^0[1-9]\d{8}$/.test(digits) || /^\+33[1-9]\d{8}$/.test(digits) || /^[1-9]\d{3}$/.test(digits)) {
    return digits;
  }
  return undefined;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL_OK = (s: string) => /^https?:\/\/[^\s]+$/.test(s) && s.length <= 300;

/** Descriptions mix Markdown, `<br>` and `<!-- -->`: comments and tags out, line breaks kept. */
export function cleanText(raw: string): string {
  return raw
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<\/?[a-z][^>]*>/gi, "")
    .replace(/\r\n?/g, "\n")
    .replace(/[^\S\n]+/g, " ")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** 1970-01-01 and other dates before the schema existed are placeholders, not verifications. */
const PLACEHOLDER_BEFORE = "2000-01-01";

class Counter {
  private counts = new Map<string, Unmapped>();
  add(field: string, value: string): void {
    const key = `${field}\u0000${value}`;
    const entry = this.counts.get(key) ?? { field, value, count: 0 };
    entry.count++;
    this.counts.set(key, entry);
  }
  list(): Unmapped[] {
    return [...this.counts.values()].sort((a, b) => a.field.localeCompare(b.field) || b.count - a.count);
  }
}

const SERVICE_FIELDS = new Set([
  "source",
  "structure_id",
  "id",
  "nom",
  "description",
  "thematiques",
  "frais",
  "frais_precisions",
  "publics",
  "adresse",
  "complement_adresse",
  "code_postal",
  "commune",
  "code_insee",
  "latitude",
  "longitude",
  "telephone",
  "courriel",
  "modes_accueil",
  "horaires_accueil",
  "date_maj",
  "maillage",
]);
const STRUCTURE_FIELDS = new Set([
  "source",
  "id",
  "nom",
  "description",
  "adresse",
  "complement_adresse",
  "code_postal",
  "commune",
  "code_insee",
  "latitude",
  "longitude",
  "telephone",
  "courriel",
  "site_web",
  "horaires_accueil",
  "reseaux_porteurs",
  "date_maj",
  "maillage",
]);

function truncate(text: string | null, max: number, field: string, counter: Counter): string | null {
  if (text === null || text.length <= max) return text;
  counter.add(field, `(texte tronqué à ${max} caractères)`);
  return `${text.slice(0, max - 1)}…`;
}

/** `{ structures, services }`, or a bare array of either (told apart by `structure_id`). */
export function splitDocument(document: unknown): { structures: Json[]; services: Json[] } | undefined {
  const objects = (list: unknown) =>
    Array.isArray(list)
      ? list.filter((x): x is Json => typeof x === "object" && x !== null && !Array.isArray(x))
      : [];
  if (Array.isArray(document)) {
    const items = objects(document);
    return {
      structures: items.filter((x) => !("structure_id" in x)),
      services: items.filter((x) => "structure_id" in x),
    };
  }
  if (typeof document === "object" && document !== null) {
    const d = document as Json;
    if (!Array.isArray(d.structures) && !Array.isArray(d.services)) return undefined;
    return { structures: objects(d.structures), services: objects(d.services) };
  }
  return undefined;
}

export function importDataInclusion(document: unknown): DataInclusionImport {
  const split = splitDocument(document);
  if (!split) {
    return {
      records: [],
      issues: [
        {
          line: 1,
          column: "",
          reason:
            "Ce fichier n'est pas un export data·inclusion : attendu un objet { structures, services } ou une liste de structures ou de services.",
        },
      ],
      unmapped: [],
    };
  }
  const counter = new Counter();
  const issues: RowIssue[] = [];
  const records: ImportedRecord[] = [];
  const key = (source: unknown, id: unknown) => `${String(source)}\u0000${String(id)}`;
  const structures = new Map(split.structures.map((s) => [key(s.source, s.id), s]));
  const withServices = new Set(split.services.map((s) => key(s.source, s.structure_id)));

  const countOthers = (record: Json, known: Set<string>, list: string) => {
    for (const [field, value] of Object.entries(record)) {
      if (
        known.has(field) ||
        value === null ||
        value === undefined ||
        (Array.isArray(value) && value.length === 0)
      )
        continue;
      counter.add(`${list}.${field}`, "(champ non repris dans Maillage)");
    }
  };

  /** The first specific category of a list (an "other_…" one only when there is nothing else). */
  const best = (categories: (ResourceCategory | undefined)[]) => {
    const known = categories.filter((c): c is ResourceCategory => c !== undefined);
    return known.find((c) => !c.startsWith("other_")) ?? known[0];
  };
  const categoryFrom = (thematiques: string[], reseaux: string[], list: string): ResourceCategory => {
    for (const t of thematiques) if (!THEMATIQUES[t]) counter.add(`${list}.thematiques`, t);
    const prefix = (t: string) => t.split("--")[0] ?? "";
    const found =
      best(thematiques.map((t) => THEMATIQUES[t])) ??
      best(
        thematiques.map(
          (t) =>
            (V1_THEMATIQUE_CATEGORIES as Record<string, ResourceCategory>)[prefix(t)] ??
            V0_CATEGORIES[prefix(t)],
        ),
      ) ??
      best(reseaux.map((r) => RESEAUX[r]));
    if (!found) {
      counter.add(`${list}.thematiques`, "(aucune thématique reconnue : catégorie « Autre (droits) »)");
      return "other_rights";
    }
    return found;
  };

  const commonValues = (record: Json, structure: Json | undefined, list: string) => {
    const date = str(record.date_maj);
    let lastVerified: string | null = date && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
    if (lastVerified && lastVerified < PLACEHOLDER_BEFORE) {
      counter.add(`${list}.date_maj`, `${lastVerified} (date fictive, non reprise)`);
      lastVerified = null;
    }
    const rawPhone = str(record.telephone) ?? str(structure?.telephone);
    const phone = phoneOf(rawPhone);
    if (phone === undefined) counter.add(`${list}.telephone`, "(format non reconnu, non repris)");
    const rawEmail = str(record.courriel) ?? str(structure?.courriel);
    const email = rawEmail && EMAIL.test(rawEmail) && rawEmail.length <= 254 ? rawEmail : null;
    if (rawEmail && !email) counter.add(`${list}.courriel`, "(adresse invalide, non reprise)");
    const rawSite = str(record.site_web) ?? str(structure?.site_web);
    const website = rawSite && URL_OK(rawSite) ? rawSite : null;
    if (rawSite && !website) counter.add(`${list}.site_web`, "(adresse web invalide, non reprise)");
    const street = str(record.adresse) ?? str(structure?.adresse);
    const complement = str(record.adresse)
      ? str(record.complement_adresse)
      : str(structure?.complement_adresse);
    const address = truncate(
      [street, complement].filter(Boolean).join(", ") || null,
      200,
      `${list}.adresse`,
      counter,
    );
    const schedule = truncate(
      str(record.horaires_accueil) ?? str(structure?.horaires_accueil),
      300,
      `${list}.horaires_accueil`,
      counter,
    );
    const commune = str(record.code_insee) ?? str(structure?.code_insee);
    return { lastVerified, phone: phone ?? null, email, website, address, schedule, commune };
  };

  split.services.forEach((service, index) => {
    const line = index + 1;
    const structure = structures.get(key(service.source, service.structure_id));
    const source = str(service.source) ?? "inconnu";
    const id = str(service.id);
    const nom = str(service.nom);
    if (!id || !nom) {
      issues.push({
        line,
        column: `services · ${!id ? "id" : "nom"}`,
        reason: "Champ obligatoire de data·inclusion absent : ce service ne peut pas être importé.",
      });
      return;
    }
    countOthers(service, SERVICE_FIELDS, "services");
    if (!structure)
      counter.add(
        "services.structure_id",
        "(structure absente du fichier : le nom du service tient lieu de structure)",
      );
    const thematiques = arr(service.thematiques);
    const category = categoryFrom(thematiques, arr(structure?.reseaux_porteurs), "services");
    const frais = str(service.frais);
    let cost: string = "paid";
    if (frais && frais in FRAIS) cost = FRAIS[frais as keyof typeof FRAIS];
    else if (frais === "adhesion" || frais === "pass-numerique") {
      counter.add("services.frais", frais);
      cost = "reduced";
    } else if (frais === "gratuit-sous-conditions") {
      counter.add("services.frais", frais);
      cost = "free";
    } else counter.add("services.frais", frais ?? "(absent : « Payant » retenu)");
    const publics: string[] = [];
    for (const p of arr(service.publics)) {
      const mapped = PUBLICS[p];
      if (mapped === undefined) counter.add("services.publics", p);
      else if (mapped === null) counter.add("services.publics", `${p} (sans équivalent)`);
      else if (!publics.includes(mapped)) publics.push(mapped);
    }
    const accessibility: string[] = [];
    for (const m of arr(service.modes_accueil)) {
      if (!V1_MODES_ACCUEIL.has(m)) counter.add("services.modes_accueil", m);
      else if (m === "a-distance") accessibility.push("remote");
    }
    const typeValue = str(service.type);
    if (typeValue && !V1_TYPES.has(typeValue)) counter.add("services.type", typeValue);
    for (const m of arr(service.modes_mobilisation))
      if (!V1_MODES_MOBILISATION.has(m)) counter.add("services.modes_mobilisation", m);
    for (const m of arr(service.mobilisable_par))
      if (!V1_MOBILISABLE_PAR.has(m)) counter.add("services.mobilisable_par", m);
    const description = str(service.description);
    const common = commonValues(service, structure, "services");
    const values: Record<string, unknown> = {
      reference: referenceOf(source, id),
      pillar: pillarOf(category),
      category,
      structureName: truncate(str(structure?.nom) ?? nom, 160, "services.structure", counter),
      serviceName: truncate(nom, 160, "services.nom", counter),
      description: truncate(
        description ? cleanText(description) : null,
        2000,
        "services.description",
        counter,
      ),
      commune: common.commune,
      address: common.address,
      accessibility,
      cost,
      costDetail: truncate(str(service.frais_precisions), 160, "services.frais_precisions", counter),
      schedule: common.schedule,
      capacity: null,
      phone: common.phone,
      email: common.email,
      website: common.website,
      publics,
      lastVerified: common.lastVerified,
    };
    records.push({ line, list: "services", values: withExtension(values, service.maillage) });
  });

  split.structures.forEach((structure, index) => {
    const line = index + 1;
    const reseaux = arr(structure.reseaux_porteurs);
    for (const r of reseaux) if (!V1_RESEAUX.has(r)) counter.add("structures.reseaux_porteurs", r);
    if (withServices.has(key(structure.source, structure.id))) return;
    const source = str(structure.source) ?? "inconnu";
    const id = str(structure.id);
    const nom = str(structure.nom);
    if (!id || !nom) {
      issues.push({
        line,
        column: `structures · ${!id ? "id" : "nom"}`,
        reason: "Champ obligatoire de data·inclusion absent : cette structure ne peut pas être importée.",
      });
      return;
    }
    countOthers(structure, STRUCTURE_FIELDS, "structures");
    const category = categoryFrom([], reseaux, "structures");
    const description = str(structure.description);
    const common = commonValues(structure, undefined, "structures");
    counter.add("structures.frais", "(la structure ne dit pas son coût : « Payant » retenu)");
    const values: Record<string, unknown> = {
      reference: referenceOf(source, id),
      pillar: pillarOf(category),
      category,
      structureName: truncate(nom, 160, "structures.nom", counter),
      serviceName: null,
      description: truncate(
        description ? cleanText(description) : null,
        2000,
        "structures.description",
        counter,
      ),
      commune: common.commune,
      address: common.address,
      accessibility: [],
      cost: "paid",
      costDetail: null,
      schedule: common.schedule,
      capacity: null,
      phone: common.phone,
      email: common.email,
      website: common.website,
      publics: [],
      lastVerified: common.lastVerified,
    };
    records.push({ line, list: "structures", values: withExtension(values, structure.maillage) });
  });
  return { records, issues, unmapped: counter.list() };
}

/** What our own export says beyond v1 wins over the mapping (same resources after a round trip). */
function withExtension(values: Record<string, unknown>, extension: unknown): Record<string, unknown> {
  if (typeof extension !== "object" || extension === null || Array.isArray(extension)) return values;
  return { ...values, ...(extension as Record<string, unknown>) };
}

/** The v1 réseaux porteurs (108 values, v1.0.8), for telling v0 or unknown values apart. */
const V1_RESEAUX = new Set(
  "60000-rebonds aci action-logement adie afpa agefiph ai aidants-connect alliance-villes-emploi anlci apprentis-dauteuil ase banques-alimentaires caarud cada caf campus-connecte cap-emploi-reseau-cheops cava ccas-cias chambres-consulaires chantier-ecole chrs chu cidff cmp cms cnam collectif-emploi communes conseillers-numeriques coorace cpam cph creches-avip crepi cresus croix-rouge csapa delegataire-conseil-departemental departements duo-for-a-job ea eatt ecoles-de-la-deuxieme-chance egee ei eiti emmaus epide esat espaces-publics-numeriques etcld etti fabrique-de-territoire face fcsf federation-des-acteurs-de-la-solidarite federation-professionnelle-femmes france-active france-service france-travail french-tech geiq grandes-ecoles-du-numerique huda hup inae initiative-france konexio la-cravate-solidaire la-poste les-premieres maison-departementale-de-lautonomie maisons-de-l-emploi maisons-des-solidarites mdph mission-locale mjc mobin msap mutualite-sociale-agricole nqt pimms-mediation pjj plie points-conseil-budget points-justice positive-planet regions reseau-app reseau-bge reseau-entreprendre reseau-information-jeunesse residences-fjt ressourceries restos-du-coeur secours-populaire siao simplon singa snc spip tous-tes-possibles unaf unea unis-cite wimoov".split(
    " ",
  ),
);

// ——— export ———

/** A resource as the export reads it (the stored fields). */
export interface ExportedResource {
  reference: string;
  pillar: string;
  category: string;
  structureName: string;
  serviceName: string | null;
  description: string | null;
  commune: string;
  address: string | null;
  accessibility: string[];
  cost: string;
  costDetail: string | null;
  schedule: string | null;
  capacity: number | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  publics: string[];
  lastVerified: string | null;
  updatedAt: string;
}

const nom = (name: string) => (name.length >= 3 ? name : name.padEnd(3, ".")).slice(0, 150);
const describe = (text: string | null) => (text && text.length >= 5 ? text.slice(0, 10_000) : null);
const V1_PUBLIC_OF: Record<string, string> = {
  families: "familles",
  seniors: "seniors",
  disability: "personnes-en-situation-de-handicap",
  all: "tous-publics",
  young_people: "jeunes",
  precarity: "beneficiaires-des-minimas-sociaux",
};

/** The extension: the resource's own fields, read back by `importDataInclusion`. */
const extensionOf = (r: ExportedResource) => ({
  reference: r.reference,
  pillar: r.pillar,
  category: r.category,
  structureName: r.structureName,
  serviceName: r.serviceName,
  description: r.description,
  address: r.address,
  accessibility: r.accessibility,
  cost: r.cost,
  costDetail: r.costDetail,
  schedule: r.schedule,
  capacity: r.capacity,
  publics: r.publics,
  lastVerified: r.lastVerified,
});

export function exportDataInclusion(resources: readonly ExportedResource[]): {
  structures: Json[];
  services: Json[];
} {
  const structures: Json[] = [];
  const services: Json[] = [];
  const groups = new Map<string, Json>();
  const dateOf = (r: ExportedResource) => r.lastVerified ?? r.updatedAt.slice(0, 10);
  const base = (r: ExportedResource) => ({
    adresse: r.address,
    code_insee: r.commune,
    telephone: r.phone,
    courriel: r.email,
    horaires_accueil: r.schedule,
  });
  for (const r of resources) {
    const reseau = CATEGORY_RESEAU[r.category as ResourceCategory];
    if (r.serviceName === null) {
      structures.push({
        source: "maillage",
        id: r.reference,
        nom: nom(r.structureName),
        description: describe(r.description),
        ...base(r),
        site_web: r.website,
        reseaux_porteurs: reseau ? [reseau] : null,
        date_maj: dateOf(r),
        maillage: extensionOf(r),
      });
      continue;
    }
    const groupKey = `${r.structureName}\u0000${r.commune}\u0000${r.address ?? ""}`;
    let structure = groups.get(groupKey);
    if (!structure) {
      const id = `S-${createHash("sha256").update(groupKey).digest("hex").slice(0, 12)}`;
      structure = {
        source: "maillage",
        id,
        nom: nom(r.structureName),
        description: null,
        ...base(r),
        site_web: r.website,
        reseaux_porteurs: reseau ? [reseau] : null,
        date_maj: dateOf(r),
      };
      groups.set(groupKey, structure);
      structures.push(structure);
    } else if (dateOf(r) > String(structure.date_maj)) structure.date_maj = dateOf(r);
    const publics = [...new Set(r.publics.map((p) => V1_PUBLIC_OF[p]).filter((p): p is string => !!p))];
    services.push({
      source: "maillage",
      structure_id: structure.id,
      id: r.reference,
      nom: nom(r.serviceName),
      description: describe(r.description) ?? `${r.serviceName} — ${r.structureName}`.padEnd(5, "."),
      thematiques: [CATEGORY_THEMATIQUE[r.category as ResourceCategory] ?? CATEGORY_THEMATIQUE.other_rights],
      frais: r.cost === "free" ? "gratuit" : "payant",
      frais_precisions:
        r.cost === "reduced"
          ? ["Tarif réduit ou solidaire", r.costDetail].filter(Boolean).join(" : ")
          : r.costDetail,
      publics: publics.length ? publics : null,
      modes_accueil: r.accessibility.includes("remote") ? ["a-distance"] : ["en-presentiel"],
      ...base(r),
      date_maj: dateOf(r),
      maillage: extensionOf(r),
    });
  }
  return { structures, services };
}
