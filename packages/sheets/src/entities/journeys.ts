import {
  type EnumLabels,
  type EventType,
  enumLabels,
  type FieldIssue,
  referralRouteKeys,
  routeKey,
} from "@maillage/schema";
import { type Column, column } from "../columns";
import { boolean, type Converter, date, integer, type Parsed, text } from "../convert";
import { normalize } from "../text";
import type { Cell } from "../xlsx";
import { reasonOf } from "./reasons";

/**
 * The journeys' spreadsheet: one row per journey (parcours individuel), its person's coded attributes,
 * the date of each funnel step it reached (an empty date: the step did not happen) and its baseline and
 * follow-up scores. Nothing in it names the person (DESIGN.md §3): the row's reference is the pilot's
 * own pseudonymous key, the goals are short labels checked like the console's.
 *
 * `journeyOf` turns a row's converted cells into a JourneyCreate-shaped value (events in funnel order,
 * link worker and resource references resolved to ids) and keeps which column each part came from, so
 * that `journeyIssues` can put every issue of the journey's validation (`events.3.date`,
 * `measures.1.answers.items.4`, `person.commune`) on its row's column, with a French reason.
 */

// ---------------------------------------------------------------------------------------------------
// Converters of coded values: the French label (as @maillage/schema labels.ts writes it), the code,
// and the usual spellings of a spreadsheet (no accents, no inclusive endings, no precision in brackets).

type Labelled = keyof EnumLabels;
type CodeOf<N extends Labelled> = Extract<keyof EnumLabels[N], string>;

const fail = (reason: string): Parsed<never> => ({ ok: false, reason });
const shown = (cell: Exclude<Cell, null>) => {
  const s = String(cell).trim();
  return `« ${s.length > 40 ? `${s.slice(0, 40)}…` : s} »`;
};

/** How two spellings are compared: `normalize`, plus typographic apostrophes and dashes. */
const keyOf = (s: string) =>
  normalize(s.replace(/[’‘ʼ`´]/g, "'").replace(/[‐‑‒–—−]/g, "-")).replace(/\s*-\s*/g, "-");

/** A label and its plain forms: "Perdu·e de vue" → "Perdu de vue"; "Service de santé mentale (CMP…)" → "Service de santé mentale". */
function formsOf(label: string): string[] {
  const forms = [label, label.replace(/·\p{L}+/gu, ""), label.replace(/\s*\([^)]*\)/g, "")];
  forms.push(forms[2]?.replace(/·\p{L}+/gu, "") ?? "");
  return [...new Set(forms.map(keyOf).filter(Boolean))];
}

interface Lookup<T extends string> {
  get(cell: string): T | undefined;
  label(value: T): string;
  labels: string[];
}

function lookupOf<N extends Labelled>(name: N, aliases: Record<string, CodeOf<N>> = {}): Lookup<CodeOf<N>> {
  const labels = enumLabels.fr[name] as unknown as Record<CodeOf<N>, string>;
  const byKey = new Map<string, CodeOf<N>>();
  for (const value of Object.keys(labels) as CodeOf<N>[]) byKey.set(keyOf(value), value);
  for (const [value, label] of Object.entries(labels) as [CodeOf<N>, string][]) {
    for (const form of formsOf(label)) if (!byKey.has(form)) byKey.set(form, value);
  }
  for (const [alias, value] of Object.entries(aliases)) byKey.set(keyOf(alias), value);
  return {
    get: (cell) => byKey.get(keyOf(cell)),
    label: (value) => labels[value] ?? value,
    labels: Object.values(labels),
  };
}

const listed = (labels: readonly string[]) =>
  labels.length <= 12 ? labels.join(", ") : `${labels.slice(0, 12).join(", ")}…`;

function coded<T extends string>(lookup: Lookup<T>): Converter<T> {
  return {
    format: `une valeur parmi : ${lookup.labels.join(", ")}`,
    parse(cell) {
      const value = lookup.get(String(cell));
      return value
        ? { ok: true, value }
        : fail(`${shown(cell)} ne fait pas partie des valeurs possibles : ${listed(lookup.labels)}.`);
    },
    write: (value) => lookup.label(value),
    text: (value) => lookup.label(value),
  };
}

/**
 * Several coded values in one cell, separated by `|`, `;` or line breaks, or by commas — a label may
 * hold a comma ("Isolement, solitude"): the longest run of comma-separated pieces that is a label wins.
 */
function codedList<T extends string>(lookup: Lookup<T>): Converter<T[]> {
  return {
    format: `liste séparée par des « | » (ou des virgules) de valeurs parmi : ${lookup.labels.join(" | ")}`,
    parse(cell) {
      const values: T[] = [];
      for (const part of String(cell).split(/[|;\n]/)) {
        const pieces = part
          .split(",")
          .map((p) => p.trim())
          .filter(Boolean);
        let i = 0;
        while (i < pieces.length) {
          let end = pieces.length;
          let value: T | undefined;
          for (; end > i; end--) {
            value = lookup.get(pieces.slice(i, end).join(", "));
            if (value) break;
          }
          if (!value) {
            return fail(
              `« ${pieces[i]} » ne fait pas partie des valeurs possibles : ${listed(lookup.labels)}.`,
            );
          }
          if (!values.includes(value)) values.push(value);
          i = end;
        }
      }
      return { ok: true, value: values };
    },
    write: (values) => values.map(lookup.label).join(" | "),
    text: (values) => values.map(lookup.label).join(" | "),
  };
}

const YES = ["o", "y", "yes", "vrai", "1", "x"];
const NO = ["n", "no", "faux", "0"];
const UNKNOWN = ["?", "nsp", "ne sait pas", "inconnu", "non renseigne", "nr", "unknown"];
const all = <T extends string>(words: readonly string[], value: T) =>
  Object.fromEntries(words.map((w) => [w, value])) as Record<string, T>;

const LISTS = {
  sexes: lookupOf("sexes", {
    f: "female",
    femmes: "female",
    feminin: "female",
    "2": "female",
    h: "male",
    m: "male",
    hommes: "male",
    masculin: "male",
    "1": "male",
    ...all(UNKNOWN, "unspecified"),
  }),
  ageBands: lookupOf("ageBands", {
    "< 18": "0-17",
    "moins de 18": "0-17",
    "0 a 17 ans": "0-17",
    "85 +": "85+",
    "85 et plus": "85+",
    "plus de 85 ans": "85+",
  }),
  triStates: lookupOf("triStates", { ...all(YES, "yes"), ...all(NO, "no"), ...all(UNKNOWN, "unknown") }),
  precarityMarkers: lookupOf("precarityMarkers", {
    c2s: "complementary_solidarity_cover",
    css: "complementary_solidarity_cover",
    "cmu-c": "complementary_solidarity_cover",
    "minimum social": "minimum_income",
    rsa: "minimum_income",
  }),
  distressLevels: lookupOf("distressLevels", {
    "non evaluee": "unknown",
    inconnue: "unknown",
    ...all(UNKNOWN, "unknown"),
  }),
  targetGroups: lookupOf("targetGroups", {
    "personnes en precarite": "precarity",
    precarite: "precarity",
    jeunes: "young_people",
    "maladie chronique": "chronic_disease",
    isolement: "isolated",
    "souffrance psychique": "psychological_distress",
  }),
  tracks: lookupOf("tracks", {
    principal: "standard",
    integre: "integrated",
    "parcours standard": "standard",
  }),
  prescriberTypes: lookupOf("prescriberTypes", { medecin: "gp", mg: "gp", "auto-orientation": "self" }),
  referralReasons: lookupOf("referralReasons", { isolement: "loneliness", solitude: "loneliness" }),
  contactModes: lookupOf("contactModes", {
    tel: "phone",
    telephonique: "phone",
    presentiel: "in_person",
    "face a face": "in_person",
    domicile: "home_visit",
    visio: "video",
  }),
  attendances: lookupOf("attendances", {
    oui: "attended",
    non: "not_attended",
    "en attente": "pending",
    "a venir": "pending",
  }),
  exitReasons: lookupOf("exitReasons", {
    termine: "completed",
    "mene a terme": "completed",
    refus: "declined",
    refuse: "declined",
    "perdu de vue": "lost_to_follow_up",
    reoriente: "redirected",
  }),
  declineReasons: lookupOf("declineReasons"),
  redirectTargets: lookupOf("redirectTargets", { cmp: "mental_health_service" }),
  pillars: lookupOf("pillars", {
    droits: "rights",
    sante: "health",
    "activite sociale": "social",
    "activites sociales": "social",
  }),
};

/** Goals: short labels separated by `|` (a label may hold a comma). Each is checked like the console's. */
function goals(): Converter<string[]> {
  return {
    format: "objectifs séparés par des « | », chacun un court libellé (120 caractères au maximum)",
    parse(cell) {
      const parts = String(cell)
        .split(/[|\n]/)
        .map((p) => p.replace(/\s+/g, " ").trim())
        .filter(Boolean);
      return { ok: true, value: parts };
    },
    write: (values) => values.join(" | "),
    text: (values) => values.join(" | "),
  };
}

/** Coded answers of a scale, in item order: whole numbers separated by commas (or `;`, spaces). */
function answers(scale: Scale): Converter<number[]> {
  const hint = `écrivez les ${scale.items} réponses en chiffres, séparées par des virgules, par exemple ${scale.example}`;
  return {
    format: `${scale.items} nombres entiers de ${scale.min} à ${scale.max}, séparés par des virgules (par exemple ${scale.example})`,
    parse(cell) {
      if (typeof cell === "boolean") return fail(`${shown(cell)} n'est pas une réponse : ${hint}.`);
      if (typeof cell === "number") {
        return Number.isInteger(cell)
          ? { ok: true, value: [cell] }
          : fail(`${shown(cell)} n'est pas une liste de réponses : ${hint}.`);
      }
      const parts = cell.split(/[,;|/\s]+/).filter(Boolean);
      const values: number[] = [];
      for (const part of parts) {
        if (!/^[+-]?\d+$/.test(part)) return fail(`« ${part} » n'est pas une réponse : ${hint}.`);
        values.push(Number(part));
      }
      return { ok: true, value: values };
    },
    write: (values) => values.join(","),
    text: (values) => values.join(","),
  };
}

// ---------------------------------------------------------------------------------------------------
// The scales and their columns. Counts and ranges are @maillage/measures' (instrumentInfo; a test checks
// that they agree): the sheets package stays free of the scoring code.

export interface Scale {
  code: "SWEMWBS" | "WEMWBS" | "UCLA3" | "ONS4";
  items: number;
  min: number;
  max: number;
  example: string;
  followUpExample: string;
  /** ONS4: the four answers, in the column's order, and their French names. */
  questions?: readonly { key: string; name: string }[];
  /** UCLA3: the direct question's answers (ONS), most often first. */
  direct?: readonly { value: string; label: string }[];
}

export const SCALES: readonly Scale[] = [
  { code: "SWEMWBS", items: 7, min: 1, max: 5, example: "2,3,3,2,3,2,2", followUpExample: "3,3,4,3,3,3,3" },
  {
    code: "WEMWBS",
    items: 14,
    min: 1,
    max: 5,
    example: "3,3,2,3,3,2,3,3,2,3,3,2,3,3",
    followUpExample: "4,3,3,4,3,3,4,3,3,4,3,3,4,3",
  },
  {
    code: "UCLA3",
    items: 3,
    min: 1,
    max: 3,
    example: "3,2,3",
    followUpExample: "2,2,1",
    direct: [
      { value: "often_always", label: "Souvent ou toujours" },
      { value: "some_of_the_time", label: "Parfois" },
      { value: "occasionally", label: "Occasionnellement" },
      { value: "hardly_ever", label: "Rarement" },
      { value: "never", label: "Jamais" },
    ],
  },
  {
    code: "ONS4",
    items: 4,
    min: 0,
    max: 10,
    example: "5,6,5,6",
    followUpExample: "7,7,6,4",
    questions: [
      { key: "life_satisfaction", name: "satisfaction" },
      { key: "worthwhile", name: "sens" },
      { key: "happiness", name: "bonheur" },
      { key: "anxiety", name: "anxiété" },
    ],
  },
];

const TIMEPOINTS = [
  { code: "baseline", word: "initial", field: "Baseline" },
  { code: "follow_up", word: "suivi", field: "FollowUp" },
] as const;

export interface MeasureSlot {
  scale: Scale;
  timepoint: (typeof TIMEPOINTS)[number]["code"];
  dateField: string;
  answersField: string;
  directField: string | null;
  label: string;
}

export const MEASURE_SLOTS: readonly MeasureSlot[] = SCALES.flatMap((scale) =>
  TIMEPOINTS.map((t) => {
    const prefix = `${scale.code.toLowerCase()}${t.field}`;
    return {
      scale,
      timepoint: t.code,
      dateField: `${prefix}Date`,
      answersField: `${prefix}Answers`,
      directField: scale.direct ? `${prefix}Direct` : null,
      label: `${scale.code} ${t.word}`,
    };
  }),
);

function directConverter(options: readonly { value: string; label: string }[]): Converter<string> {
  const byKey = new Map<string, string>();
  for (const o of options) {
    byKey.set(keyOf(o.value), o.value);
    byKey.set(keyOf(o.label), o.value);
  }
  byKey.set(keyOf("souvent"), "often_always");
  byKey.set(keyOf("toujours"), "often_always");
  const labels = options.map((o) => o.label);
  const label = (value: string) => options.find((o) => o.value === value)?.label ?? value;
  return {
    format: `une valeur parmi : ${labels.join(", ")}`,
    parse(cell) {
      const value = byKey.get(keyOf(String(cell)));
      return value
        ? { ok: true, value }
        : fail(`${shown(cell)} ne fait pas partie des réponses possibles : ${labels.join(", ")}.`);
    },
    write: label,
    text: label,
  };
}

/** "SWEMWBS initial — date", also written with a hyphen or without the dash. */
const scoreAliases = (header: string) => [header.replace(" — ", " - "), header.replace(" — ", " ")];

function measureColumns(slot: MeasureSlot): Column[] {
  const { scale } = slot;
  const follow = slot.timepoint === "follow_up";
  const columns: Column[] = [
    column({
      header: `${slot.label} — date`,
      field: slot.dateField,
      convert: date(),
      example: follow ? "30/06/2025" : "17/03/2025",
      aliases: scoreAliases(`${slot.label} — date`),
      help: `Date de passation du ${scale.code} ${follow ? "de suivi" : "initial"} ; vide si la mesure n'a pas été passée.`,
    }),
    column({
      header: `${slot.label} — réponses`,
      field: slot.answersField,
      convert: answers(scale),
      example: follow ? scale.followUpExample : scale.example,
      aliases: scoreAliases(`${slot.label} — réponses`),
      help: scale.questions
        ? `Les ${scale.items} réponses (de ${scale.min} à ${scale.max}) dans l'ordre ${scale.questions.map((q) => q.name).join(", ")}, séparées par des virgules. Jamais additionnées.`
        : `Les ${scale.items} réponses codées (de ${scale.min} à ${scale.max}) dans l'ordre des items, séparées par des virgules : jamais le libellé des questions.`,
    }),
  ];
  if (scale.direct && slot.directField) {
    columns.push(
      column({
        header: `${slot.label} — question directe`,
        field: slot.directField,
        convert: directConverter(scale.direct),
        example: follow ? "Occasionnellement" : "Parfois",
        aliases: scoreAliases(`${slot.label} — question directe`),
        help: "Réponse à la question directe sur la fréquence du sentiment de solitude (obligatoire avec les trois items).",
      }),
    );
  }
  return columns;
}

// ---------------------------------------------------------------------------------------------------
// The columns.

const DATE_HELP = "Vide si l'étape n'a pas eu lieu. JJ/MM/AAAA, jamais dans le futur ni avant l'orientation.";

export const journeyColumns: readonly Column[] = [
  column({
    header: "Référence",
    field: "reference",
    convert: text({ max: 40 }),
    example: "PAR-00001",
    help: "Votre clé du parcours, jamais le nom de la personne : une nouvelle importation met à jour le parcours de même référence (ses étapes et ses mesures deviennent celles de la ligne). Laissez vide pour un nouveau parcours : une référence PAR-00001… lui est attribuée.",
  }),
  column({
    header: "Agent de liaison",
    field: "linkWorker",
    convert: text({ max: 40 }),
    example: "AL-001",
    help: "La référence de l'agent de liaison qui suit la personne (liste des agents de liaison, colonne Référence). Vide : non attribué (à la mise à jour, l'attribution est conservée).",
  }),
  column({
    header: "Tranche d'âge",
    field: "ageBand",
    convert: coded(LISTS.ageBands),
    required: true,
    example: "65 à 74 ans",
    help: "Âge à l'orientation : 65 à 74 ans, ou 65-74.",
  }),
  column({
    header: "Sexe",
    field: "sex",
    convert: coded(LISTS.sexes),
    example: "Femme",
    help: "Vide : non précisé.",
  }),
  column({
    header: "Commune (code INSEE)",
    field: "commune",
    convert: text({ max: 20 }),
    example: "59350",
    aliases: ["Commune", "Code INSEE"],
    help: "Le code INSEE de la commune de résidence (5 caractères), pas son code postal. Vide : non connue.",
  }),
  column({
    header: "QPV",
    field: "qpv",
    convert: coded(LISTS.triStates),
    example: "Oui",
    help: "Réside dans un quartier prioritaire de la politique de la ville. Vide : non connu.",
  }),
  column({
    header: "Précarité",
    field: "precarity",
    convert: codedList(LISTS.precarityMarkers),
    example: "Complémentaire santé solidaire (C2S)",
    help: "Aucun, un ou plusieurs critères, séparés par des « | ».",
  }),
  column({
    header: "Vit seul·e",
    field: "livesAlone",
    convert: coded(LISTS.triStates),
    example: "Oui",
    aliases: ["Vit seul", "Vit seule"],
    help: "Oui, Non ou Non connu (vide : non connu).",
  }),
  column({
    header: "Maladie chronique",
    field: "chronicCondition",
    convert: coded(LISTS.triStates),
    example: "Non",
    help: "Oui, Non ou Non connu (vide : non connu).",
  }),
  column({
    header: "Comorbidité psychiatrique",
    field: "psychiatricComorbidity",
    convert: coded(LISTS.triStates),
    example: "Non",
    help: "Oui, Non ou Non connu (vide : non connu).",
  }),
  column({
    header: "Détresse psychologique",
    field: "distress",
    convert: coded(LISTS.distressLevels),
    example: "Légère",
    help: "Telle qu'évaluée par l'agent de liaison. Vide : non évaluée.",
  }),
  column({
    header: "Publics cibles",
    field: "targetGroups",
    convert: codedList(LISTS.targetGroups),
    example: "Personnes isolées",
    help: "Aucun, un ou plusieurs publics, séparés par des « | ».",
  }),
  column({
    header: "Parcours",
    field: "track",
    convert: coded(LISTS.tracks),
    example: "",
    help: "Parcours principal ou intégré. Vide : proposé d'après les critères de vulnérabilité du parcours intégré du territoire.",
  }),
  column({
    header: "Date d'orientation",
    field: "referralDate",
    convert: date(),
    required: true,
    example: "03/03/2025",
    help: "Le début du parcours : aucune autre date ne la précède.",
  }),
  column({
    header: "Voie d'orientation",
    field: "route",
    convert: text({ max: 120 }),
    required: true,
    example: "Médecin généraliste",
    help: "Une voie activée dans les voies d'orientation du territoire, par son libellé (Médecin généraliste, Infirmier·ère, Travailleur social…) ou sa clé (gp, health_professional:nurse).",
  }),
  column({
    header: "Prescripteur",
    field: "prescriber",
    convert: coded(LISTS.prescriberTypes),
    required: true,
    example: "Médecin généraliste",
  }),
  column({
    header: "Motifs",
    field: "reasons",
    convert: codedList(LISTS.referralReasons),
    required: true,
    example: "Isolement, solitude | Inactivité physique",
    help: "Un ou plusieurs motifs d'orientation, séparés par des « | ».",
  }),
  column({
    header: "SNOMED",
    field: "snomed",
    convert: boolean(),
    example: "oui",
    help: "Oui : l'orientation porte le code SNOMED CT 871731000000106 (et un refus, le code 871711000000103).",
  }),
  column({
    header: "Date du premier contact",
    field: "firstContactDate",
    convert: date(),
    example: "10/03/2025",
    help: DATE_HELP,
  }),
  column({
    header: "Mode du premier contact",
    field: "firstContactMode",
    convert: coded(LISTS.contactModes),
    example: "Téléphone",
    help: "Vide : téléphone.",
  }),
  column({
    header: "Date de l'entretien initial",
    field: "interviewDate",
    convert: date(),
    example: "17/03/2025",
    help: `${DATE_HELP} L'entretien est enregistré en personne.`,
  }),
  column({
    header: "Durée de l'entretien (min)",
    field: "interviewMinutes",
    convert: integer({ min: 1, max: 480 }),
    example: "60",
    aliases: ["Durée de l'entretien"],
    help: "En minutes entières, de 1 à 480 ; obligatoire avec la date de l'entretien.",
  }),
  column({
    header: "Date du plan",
    field: "planDate",
    convert: date(),
    example: "17/03/2025",
    help: DATE_HELP,
  }),
  column({
    header: "Piliers du plan",
    field: "planPillars",
    convert: codedList(LISTS.pillars),
    example: "Activités sociales | Promotion de la santé et médico-social",
    help: "Un ou plusieurs piliers, séparés par des « | » ; obligatoire avec la date du plan.",
  }),
  column({
    header: "Objectifs du plan",
    field: "planGoals",
    convert: goals(),
    example: "Rejoindre un groupe de marche | Reprendre une activité physique",
    help: "Séparés par des « | », chacun un court libellé sans nom, adresse ni numéro de téléphone. Chaque objectif va au pilier de même rang (ou écrivez « Pilier : objectif ») ; vide : un objectif par pilier, nommé par le pilier.",
  }),
  column({
    header: "Date de la première orientation",
    field: "orientationDate",
    convert: date(),
    example: "24/03/2025",
    help: `${DATE_HELP} L'orientation vers une ressource du catalogue.`,
  }),
  column({
    header: "Ressource",
    field: "resource",
    convert: text({ max: 40 }),
    example: "RES-0001",
    help: "La référence de la ressource du catalogue (colonne Référence des ressources) ; obligatoire avec la date de la première orientation.",
  }),
  column({
    header: "Participation",
    field: "attendance",
    convert: coded(LISTS.attendances),
    example: "oui",
    help: "oui (a participé), non (n'a pas participé) ou en attente ; vide : en attente.",
  }),
  column({
    header: "Date du premier suivi",
    field: "followUpDate",
    convert: date(),
    example: "21/04/2025",
    help: `${DATE_HELP} Le suivi est enregistré par téléphone.`,
  }),
  column({
    header: "Date de l'évaluation",
    field: "evaluationDate",
    convert: date(),
    example: "30/06/2025",
    help: DATE_HELP,
  }),
  column({
    header: "Date de sortie",
    field: "exitDate",
    convert: date(),
    example: "30/06/2025",
    help: `${DATE_HELP} Rien n'est daté après la sortie.`,
  }),
  column({
    header: "Motif de sortie",
    field: "exitReason",
    convert: coded(LISTS.exitReasons),
    example: "Parcours mené à terme",
    help: "Obligatoire avec la date de sortie.",
  }),
  column({
    header: "Motif de refus",
    field: "declineReason",
    convert: coded(LISTS.declineReasons),
    example: "",
    help: "Avec un refus seulement (et alors obligatoire).",
  }),
  column({
    header: "Réorientation vers",
    field: "redirectTarget",
    convert: coded(LISTS.redirectTargets),
    example: "",
    help: "Avec une réorientation seulement (et alors obligatoire).",
  }),
  ...MEASURE_SLOTS.flatMap(measureColumns),
];

const headerOf = new Map(journeyColumns.map((c) => [c.field, c.header]));
export const journeyHeader = (field: string) => headerOf.get(field) ?? field;

// ---------------------------------------------------------------------------------------------------
// Referral routes, by what a cell may say: the route's key, its kind's or professional type's label,
// the territory's own label of an "other professional" route.

export interface RouteLookup {
  keys: ReadonlyMap<string, string>;
  /** The enabled routes' labels (for a reason). */
  enabled: readonly string[];
}

export function routeLookup(
  routes: readonly { kind: string; professionalType: string | null; label: string; enabled: boolean }[],
): RouteLookup {
  const keys = new Map<string, string>();
  const enabled: string[] = [];
  const kinds = enumLabels.fr.referralRouteKinds as Record<string, string>;
  const types = enumLabels.fr.healthProfessionalTypes as Record<string, string>;
  for (const route of routes) {
    const key = routeKey(route);
    const label =
      route.label.trim() ||
      (route.professionalType ? (types[route.professionalType] ?? key) : (kinds[route.kind] ?? key));
    keys.set(keyOf(key), key);
    for (const form of [
      ...formsOf(label),
      ...formsOf(route.professionalType ? (types[route.professionalType] ?? "") : (kinds[route.kind] ?? "")),
    ]) {
      if (form && !keys.has(form)) keys.set(form, key);
    }
    if (route.enabled) enabled.push(label);
  }
  return { keys, enabled };
}

/** Every route the product knows, all enabled (a territory that accepts them all: tests and tools). */
export const knownRoutes = referralRouteKeys.map((route) => ({ ...route, label: "", enabled: true }));

// ---------------------------------------------------------------------------------------------------
// A row → a journey (JourneyCreate-shaped), and its issues → the row's columns.

export interface JourneyLookups {
  /** Link workers' ids by upper-cased reference. */
  linkWorkers: ReadonlyMap<string, string>;
  /** Resources' ids by upper-cased reference. */
  resources: ReadonlyMap<string, string>;
  routes: RouteLookup;
}

/** An issue of a row's cell: the column's field, a French sentence, and the message id it says. */
export interface CellIssue {
  field: string;
  reason: string;
  message: string;
}

type Funnel = Exclude<EventType, "reopen">;

/** Which column each event field comes from (a field not listed: the event's date column). */
const EVENT_FIELDS: Record<Funnel, Record<string, string> & { date: string }> = {
  referral: {
    date: "referralDate",
    route: "route",
    prescriber: "prescriber",
    reasons: "reasons",
    snomed: "snomed",
  },
  first_contact: { date: "firstContactDate", mode: "firstContactMode" },
  initial_interview: { date: "interviewDate", durationMinutes: "interviewMinutes" },
  plan: { date: "planDate", pillars: "planPillars", goals: "planGoals" },
  orientation: { date: "orientationDate", resourceId: "resource", attendance: "attendance" },
  follow_up: { date: "followUpDate" },
  evaluation: { date: "evaluationDate" },
  exit: {
    date: "exitDate",
    reason: "exitReason",
    declineReason: "declineReason",
    redirectTarget: "redirectTarget",
    snomed: "snomed",
  },
};

const PERSON_FIELDS = [
  "ageBand",
  "sex",
  "commune",
  "qpv",
  "precarity",
  "livesAlone",
  "chronicCondition",
  "psychiatricComorbidity",
  "distress",
  "targetGroups",
] as const;

/** The fields that hold a date (a cell that did not convert there makes the row's funnel incomplete). */
export const DATE_FIELDS: ReadonlySet<string> = new Set([
  ...Object.values(EVENT_FIELDS).map((f) => f.date),
  ...MEASURE_SLOTS.map((s) => s.dateField),
]);

/** An id no record has: stands for a reference already reported unknown, so the rest is still checked. */
const NO_RESOURCE = "res_00000000000000000000000000";

export interface JourneyRow {
  /** JourneyCreate-shaped: `checkDraft` parses and checks it. */
  journey: {
    person: Record<string, unknown>;
    linkWorkerId: string | null;
    track: string | null;
    externalReference: string | null;
    events: Record<string, unknown>[];
    measures: Record<string, unknown>[];
  };
  /** The funnel step of each of `journey.events`, and the scale and time point of each measure. */
  events: Funnel[];
  measures: MeasureSlot[];
  /** What the cells say that is wrong before the journey is checked (unknown references, a detail without its date). */
  issues: Pick<CellIssue, "field" | "reason">[];
}

const needsDate = (field: string, dateField: string) => ({
  field,
  reason: `Une valeur dans « ${journeyHeader(field)} » suppose une date dans « ${journeyHeader(dateField)} » : indiquez la date, ou videz cette cellule.`,
});

/**
 * The journey of one row (its cells converted, by field; an empty cell absent). Events in funnel order,
 * one per date column filled; measures per scale and time point whose date or answers are filled.
 */
export function journeyOf(
  values: Record<string, unknown>,
  lookups: JourneyLookups,
  /** Fields whose cell did not convert (reported already): a date among them says nothing of its step's details. */
  failed: ReadonlySet<string> = new Set(),
): JourneyRow {
  const issues: JourneyRow["issues"] = [];
  const has = (field: string) => values[field] !== undefined && values[field] !== null;
  const str = (field: string) => (typeof values[field] === "string" ? (values[field] as string).trim() : "");

  const person: Record<string, unknown> = {
    ageBand: values.ageBand,
    sex: values.sex ?? "unspecified",
    commune: str("commune") || null,
    qpv: values.qpv ?? "unknown",
    precarity: values.precarity ?? [],
    livesAlone: values.livesAlone ?? "unknown",
    chronicCondition: values.chronicCondition ?? "unknown",
    psychiatricComorbidity: values.psychiatricComorbidity ?? "unknown",
    distress: values.distress ?? "unknown",
    targetGroups: values.targetGroups ?? [],
  };

  let linkWorkerId: string | null = null;
  const worker = str("linkWorker");
  if (worker) {
    linkWorkerId = lookups.linkWorkers.get(worker.toUpperCase()) ?? null;
    if (!linkWorkerId) {
      issues.push({
        field: "linkWorker",
        reason: `« ${worker} » n'est la référence d'aucun agent de liaison du territoire : indiquez sa référence telle que la liste des agents de liaison l'affiche (par exemple AL-001), ou laissez vide.`,
      });
    }
  }

  const events: Record<string, unknown>[] = [];
  const types: Funnel[] = [];
  const add = (type: Funnel, event: Record<string, unknown>) => {
    events.push({ type, date: values[EVENT_FIELDS[type].date], ...event });
    types.push(type);
  };
  const detailsWithoutDate = (type: Funnel, fields: readonly string[]) => {
    if (failed.has(EVENT_FIELDS[type].date)) return;
    for (const field of fields) if (has(field)) issues.push(needsDate(field, EVENT_FIELDS[type].date));
  };

  if (has("referralDate")) {
    const cell = str("route");
    let route = cell;
    if (cell) {
      const key = lookups.routes.keys.get(keyOf(cell));
      if (key) route = key;
      else {
        issues.push({
          field: "route",
          reason: `« ${cell} » n'est pas une voie d'orientation : ${
            lookups.routes.enabled.length > 0
              ? `voies activées dans le territoire : ${lookups.routes.enabled.join(", ")}.`
              : "aucune voie n'est encore activée dans les voies d'orientation du territoire."
          }`,
        });
      }
    }
    add("referral", {
      route,
      prescriber: values.prescriber,
      reasons: values.reasons ?? [],
      snomed: values.snomed === true,
    });
  }

  if (has("firstContactDate")) add("first_contact", { mode: values.firstContactMode ?? "phone" });
  else detailsWithoutDate("first_contact", ["firstContactMode"]);

  if (has("interviewDate")) {
    if (!has("interviewMinutes")) {
      issues.push({
        field: "interviewMinutes",
        reason: "Indiquez la durée de l'entretien initial en minutes entières, de 1 à 480 (par exemple 60).",
      });
    }
    add("initial_interview", { mode: "in_person", durationMinutes: values.interviewMinutes ?? 60 });
  } else detailsWithoutDate("initial_interview", ["interviewMinutes"]);

  if (has("planDate")) {
    const pillars = (values.planPillars as string[] | undefined) ?? [];
    const labels = (values.planGoals as string[] | undefined) ?? [];
    const goals =
      labels.length > 0
        ? labels.map((label, i) => {
            const [, prefix = "", rest = ""] = /^([^:]{2,60}?)\s*:\s*(.+)$/.exec(label) ?? [];
            const pillar = prefix ? LISTS.pillars.get(prefix) : undefined;
            return pillar
              ? { pillar, label: rest.trim() }
              : { pillar: pillars.length > 0 ? pillars[i % pillars.length] : undefined, label };
          })
        : pillars.map((pillar) => ({ pillar, label: pillarLabel(pillar) }));
    add("plan", { pillars, goals });
  } else detailsWithoutDate("plan", ["planPillars", "planGoals"]);

  if (has("orientationDate")) {
    const reference = str("resource");
    let resourceId = NO_RESOURCE;
    if (!reference) {
      issues.push({
        field: "resource",
        reason:
          "Indiquez la ressource vers laquelle la personne est orientée, par sa référence dans le catalogue (par exemple RES-0001).",
      });
    } else {
      const found = lookups.resources.get(reference.toUpperCase());
      if (found) resourceId = found;
      else {
        issues.push({
          field: "resource",
          reason: `« ${reference} » n'est la référence d'aucune ressource du catalogue du territoire : indiquez sa référence telle que le catalogue l'affiche (par exemple RES-0001).`,
        });
      }
    }
    add("orientation", { resourceId, attendance: values.attendance ?? "pending" });
  } else detailsWithoutDate("orientation", ["resource", "attendance"]);

  if (has("followUpDate")) add("follow_up", { mode: "phone", note: "" });
  if (has("evaluationDate")) add("evaluation", {});

  if (has("exitDate")) {
    if (!has("exitReason")) {
      issues.push({
        field: "exitReason",
        reason: `Une date de sortie va avec son motif : ${LISTS.exitReasons.labels.join(", ")}.`,
      });
    } else {
      add("exit", {
        reason: values.exitReason,
        declineReason: values.declineReason ?? null,
        redirectTarget: values.redirectTarget ?? null,
        snomed: values.snomed === true && values.exitReason === "declined",
      });
    }
  } else detailsWithoutDate("exit", ["exitReason", "declineReason", "redirectTarget"]);

  const measures: Record<string, unknown>[] = [];
  const slots: MeasureSlot[] = [];
  for (const slot of MEASURE_SLOTS) {
    const given = [slot.answersField, slot.directField].filter((f): f is string => !!f && has(f));
    if (!has(slot.dateField)) {
      if (given.length > 0 && !failed.has(slot.dateField)) {
        issues.push({
          field: slot.dateField,
          reason: `Des réponses au ${slot.label} supposent sa date de passation : indiquez-la (JJ/MM/AAAA), ou videz les réponses.`,
        });
      }
      continue;
    }
    const items = values[slot.answersField] as number[] | undefined;
    let answers: Record<string, unknown>;
    if (slot.scale.questions) {
      if (items && items.length !== slot.scale.items) {
        issues.push({ field: slot.answersField, reason: countReason(slot.scale, items.length) });
        continue;
      }
      answers = {
        answers: items
          ? Object.fromEntries(slot.scale.questions.map((q, i) => [q.key, items[i]]))
          : undefined,
      };
    } else {
      answers = { items };
      if (slot.directField) answers.direct = values[slot.directField];
    }
    measures.push({
      instrument: slot.scale.code,
      timepoint: slot.timepoint,
      date: values[slot.dateField],
      stepId: null,
      answers,
    });
    slots.push(slot);
  }

  return {
    journey: {
      person,
      linkWorkerId,
      track: (values.track as string | undefined) ?? null,
      externalReference: str("reference") || null,
      events,
      measures,
    },
    events: types,
    measures: slots,
    issues,
  };
}

const pillarLabel = (pillar: string) => LISTS.pillars.label(pillar as CodeOf<"pillars">);

function countReason(scale: Scale, given: number): string {
  const order = scale.questions ? ` (${scale.questions.map((q) => q.name).join(", ")})` : "";
  return `${given} réponse${given > 1 ? "s" : ""} au lieu de ${scale.items} : donnez les ${scale.items} réponses du ${scale.code}${order}, de ${scale.min} à ${scale.max}, séparées par des virgules (par exemple ${scale.example}).`;
}

/** The column of a path of the journey (`""`: the row as a whole). */
export function fieldOf(row: JourneyRow, path: string): string {
  const [head, index, sub, next] = path.split(".");
  switch (head) {
    case "person":
      return (PERSON_FIELDS as readonly string[]).includes(index ?? "") ? (index as string) : "";
    case "linkWorkerId":
      return "linkWorker";
    case "track":
      return "track";
    case "externalReference":
      return "reference";
    case "events": {
      const type = index === undefined ? "referral" : row.events[Number(index)];
      if (!type) return "referralDate";
      const fields = EVENT_FIELDS[type];
      return (sub && fields[sub]) || fields.date;
    }
    case "measures": {
      const slot = row.measures[Number(index)];
      if (!slot) return "";
      if (sub !== "answers") return slot.dateField;
      return next === "direct" && slot.directField ? slot.directField : slot.answersField;
    }
    default:
      return "";
  }
}

/** The reason of an issue on a measure's answers, with the item's number and the scale's range. */
function answerReason(row: JourneyRow, path: string, messageId: string): string | undefined {
  const [, index, , group, item] = path.split(".");
  const slot = row.measures[Number(index)];
  if (!slot) return undefined;
  const { scale } = slot;
  const answers = (row.journey.measures[Number(index)]?.answers ?? {}) as Record<string, unknown>;
  if (messageId === "measure.items.count") {
    const given = Array.isArray(answers.items) ? answers.items.length : 0;
    return given === 0
      ? `Indiquez les ${scale.items} réponses du ${slot.label}, de ${scale.min} à ${scale.max}, séparées par des virgules (par exemple ${scale.example}), ou videz sa date.`
      : countReason(scale, given);
  }
  if (group === "direct") return undefined;
  if (messageId !== "measure.item.range" && messageId !== "measure.item.required") return undefined;
  const position = scale.questions
    ? scale.questions.findIndex((q) => q.key === item)
    : Number.isInteger(Number(item))
      ? Number(item)
      : -1;
  if (position < 0) return undefined;
  const name = scale.questions ? ` (${scale.questions[position]?.name})` : "";
  const values = scale.questions
    ? (answers.answers as Record<string, unknown> | undefined)?.[item as string]
    : (answers.items as unknown[] | undefined)?.[position];
  return `Réponse n° ${position + 1}${name}${values === undefined ? "" : ` : « ${values} »`} hors de l'échelle : chaque réponse du ${scale.code} est un nombre entier de ${scale.min} à ${scale.max}.`;
}

/**
 * The issues of a row's journey (from `checkDraft`) on its columns, with their French reasons. `routes`
 * names the enabled referral routes in the reason of a route that is not one of them.
 */
export function journeyIssues(
  row: JourneyRow,
  issues: readonly FieldIssue[],
  routes?: RouteLookup,
): CellIssue[] {
  return issues.map((issue) => {
    const field = fieldOf(row, issue.path);
    const header = field ? journeyHeader(field) : "";
    let reason: string | undefined;
    if (issue.path.startsWith("measures.")) reason = answerReason(row, issue.path, issue.message);
    if (issue.message === "referral.route.unknown" && routes) {
      reason =
        routes.enabled.length > 0
          ? `Cette voie d'orientation n'est pas activée dans les voies d'orientation du territoire : voies activées : ${routes.enabled.join(", ")}.`
          : "Aucune voie d'orientation n'est encore activée dans le territoire : activez-les dans le paramétrage (voies d'orientation) avant d'importer.";
    }
    return { field, message: issue.message, reason: reason ?? reasonOf(issue.message, header) };
  });
}
