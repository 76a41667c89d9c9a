import {
  type AgeBand,
  DEFAULT_STEP_IDS,
  type declineReasons,
  type JourneyCreate,
  type Pillar,
  type PrecarityMarker,
  type prescriberTypes,
  type redirectTargets,
  type referralReasons,
  routeKey,
  type Sex,
  type TargetGroupCode,
  type TriState,
} from "@maillage/schema";
import * as Actor from "../actor";
import * as Batch from "../batch";
import * as Clock from "../clock";
import { write } from "../db";
import * as Communes from "../geo/communes";
import * as Journeys from "../journeys";
import * as LinkWorkers from "../link-workers";
import * as Pathway from "../pathway";
import { Referrals } from "../referrals";
import * as Resources from "../resources";
import * as Rollups from "../rollups";
import * as Territory from "../territory";
import type { SeedTerritory } from "./pathway";

type PrescriberType = (typeof prescriberTypes)[number];
type ReferralReason = (typeof referralReasons)[number];
type DeclineReason = (typeof declineReasons)[number];
type RedirectTarget = (typeof redirectTargets)[number];

/**
 * The demo's synthetic cohort: a few hundred pseudonymous journeys per demo territory over the last
 * 18 months, drawn from a seeded PRNG (mulberry32, one fixed seed per territory) so that the same
 * "today" always gives the same people, events and answers. Nobody in it exists: every journey
 * carries an external reference `DEMO-0001`…, the import run is labelled "Cohorte synthétique
 * (démo)", and free text is limited to generic goal labels from a fixed list.
 *
 * Shares and delays follow the English national roll-out study (Bu et al. 2025, The Lancet Public
 * Health, doi:10.1016/s2468-2667(25)00217-8; seed 000) and DESIGN.md §3:
 * - about two thirds of the people referred are women (seed 000: "environ deux tiers");
 * - about one referral in nine is declined (seed 000: 11–12 % in 2023); women decline less (odds
 *   ratio 21 % lower, so men's odds are ×1/0.79 ≈ 1.27) and older people more (seed 000 gives no
 *   figure: odds ×1.2 at 65–74, ×1.5 at 75–84, ×1.6 at 85+ are this seed's assumptions);
 * - 90 % of referrals reach a link worker, 38 % an activity (DESIGN.md §3, the English figures);
 * - non-clinical routes (social worker, community organisation, self-referral) are a minority, taken
 *   more often by young adults and by people in precarity (seed 000, "voies non cliniques").
 * Everything else (delays, attribute mixes, score changes) is a stated assumption below, chosen to
 * look like a pilot's first year and a half, not taken from a source.
 */

export type CohortKey = "lille" | "creuse" | "rodez";

/** The run every demo cohort is written by (one per territory: run ids are scoped by tenant). */
export const DEMO_RUN_ID = "run_0000000000000000000000DEM0";
export const DEMO_RUN_LABEL = "Cohorte synthétique (démo)";
export const DEMO_REFERENCE_PREFIX = "DEMO-";
/** How far back the first referral may go. */
export const COHORT_MONTHS = 18;

interface Profile {
  size: number;
  /** Weights of the age bands 18-24 … 85+ (no minors in the demo). */
  ages: [number, number, number, number, number, number, number, number];
  /** Share of people living in a QPV, by commune (communes not listed: none). */
  qpv: Record<string, number>;
  /** Multiplier of the precarity markers' base rates. */
  precarity: number;
  /** Share of first meetings held at home (the rural territory goes to people: "aller vers"). */
  homeVisit: number;
}

const PROFILES: Record<CohortKey, Profile> = {
  // The urban territory: younger, three priority neighbourhoods (Lille Sud, Moulins, Faubourg de
  // Béthune: Lille; Hem's QPVs), about a quarter of the people referred living in a QPV.
  lille: {
    size: 350,
    ages: [7, 10, 11, 14, 16, 18, 16, 8],
    qpv: { "59350": 0.36, "59299": 0.35 },
    precarity: 1.25,
    homeVisit: 0.08,
  },
  // The rural one: older, no QPV, more home visits.
  creuse: {
    size: 120,
    ages: [3, 5, 7, 12, 17, 22, 22, 12],
    qpv: {},
    precarity: 0.9,
    homeVisit: 0.3,
  },
  // The mixed one: Quatre-Saisons (Onet-le-Château) is its QPV.
  rodez: {
    size: 150,
    ages: [6, 8, 10, 13, 17, 20, 18, 8],
    qpv: { "12176": 0.35 },
    precarity: 1,
    homeVisit: 0.15,
  },
};

const AGE_BANDS: AgeBand[] = ["18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"];

// ---------------------------------------------------------------------------------------------------
// A small deterministic PRNG.

/** mulberry32 (Tommy Ettinger's public-domain generator): 32-bit state, uniform in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** FNV-1a of a string: the seed of a territory's stream. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

class Random {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = mulberry32(hash(seed));
  }
  uniform(): number {
    return this.next();
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next();
    const w = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * w);
  }
  /** Days, log-normal around `median` (sigma on the log scale), at least `min`. */
  delay(median: number, sigma: number, min = 0): number {
    return Math.max(min, Math.round(median * Math.exp(this.normal(0, sigma))));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0);
    let draw = this.next() * total;
    for (const [value, weight] of entries) {
      draw -= Math.max(0, weight);
      if (draw < 0) return value;
    }
    return (entries.at(-1) as readonly [T, number])[0];
  }
  /** Up to `count` distinct items, each drawn by weight. */
  some<T>(entries: readonly (readonly [T, number])[], count: number): T[] {
    const left = [...entries];
    const chosen: T[] = [];
    while (chosen.length < count && left.some(([, w]) => w > 0)) {
      const value = this.weighted(left);
      chosen.push(value);
      left.splice(
        left.findIndex(([item]) => item === value),
        1,
      );
    }
    return chosen;
  }
}

// ---------------------------------------------------------------------------------------------------
// Days as numbers (UTC day index): no time zone, no wall clock.

const dayOf = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
const isoOf = (day: number) => new Date(day * 86_400_000).toISOString().slice(0, 10);
/** 0 Sunday … 6 Saturday (day 0, 1970-01-01, was a Thursday). */
const weekdayOf = (day: number) => (((day + 4) % 7) + 7) % 7;
/** The same day, or the Monday after a weekend (people are seen on working days). */
function workingDay(day: number): number {
  const weekday = weekdayOf(day);
  return weekday === 6 ? day + 2 : weekday === 0 ? day + 1 : day;
}

// ---------------------------------------------------------------------------------------------------
// What a cohort is drawn against: the territory as it is configured (read once, in a fixed order so
// that the draw does not depend on the ids the seed happened to give).

export interface CohortContext {
  /** The last day any event may fall on (YYYY-MM-DD). */
  today: string;
  communes: { code: string; population: number }[];
  /** Enabled referral route keys ("gp", "health_professional:nurse"). */
  routes: string[];
  /** Enabled target groups. */
  targetGroups: TargetGroupCode[];
  linkWorkers: {
    id: string;
    capacity: number;
    communes: string[];
    activeFrom: string | null;
    activeTo: string | null;
  }[];
  resources: { id: string; pillar: Pillar; commune: string }[];
  /** The pathway's active steps, in order, with the instruments each one names. */
  steps: { id: string; instruments: string[]; expectedDurationMinutes: number | null }[];
}

/** Reads the cohort's context as the actor (a lead of the territory). */
export async function cohortContext(today: string): Promise<CohortContext> {
  const [profile, referrals, pathway, linkWorkers, resources] = await Promise.all([
    Territory.get(),
    Referrals.get(),
    Pathway.get(),
    allPages((cursor) => LinkWorkers.list({ limit: 200, cursor })),
    allPages((cursor) => Resources.list({ limit: 200, cursor })),
  ]);
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return {
    today,
    communes: [...profile.communes]
      .sort(byText)
      .map((code) => ({ code, population: Communes.describe(code).population ?? 0 })),
    routes: referrals.routes
      .filter((r) => r.enabled)
      .map(routeKey)
      .sort(byText),
    targetGroups: referrals.targetGroups.filter((g) => g.enabled).map((g) => g.group),
    linkWorkers: linkWorkers
      .map((w) => ({
        id: w.id,
        name: w.name,
        capacity: w.caseloadCapacity ?? 20,
        communes: [...w.communes],
        activeFrom: w.activeFrom,
        activeTo: w.activeTo,
      }))
      .sort((a, b) => byText(a.name, b.name))
      .map(({ name: _name, ...worker }) => worker),
    resources: resources
      .map((r) => ({
        id: r.id,
        pillar: r.pillar,
        commune: r.commune,
        label: `${r.pillar} ${r.structureName} ${r.serviceName ?? ""}`,
      }))
      .sort((a, b) => byText(a.label, b.label))
      .map(({ label: _label, ...resource }) => resource),
    steps: pathway.steps
      .filter((s) => !s.retired)
      .map((s) => ({
        id: s.id,
        instruments: [...s.instruments],
        expectedDurationMinutes: s.expectedDurationMinutes,
      })),
  };
}

async function allPages<T>(read: (cursor?: string) => Promise<{ items: T[]; next: string | null }>) {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await read(cursor);
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

// ---------------------------------------------------------------------------------------------------
// The people.

type Person = JourneyCreate["person"];
type Event = JourneyCreate["events"][number];
type Measure = NonNullable<JourneyCreate["measures"]>[number];

const tri = (random: Random, yes: number, unknown = 0.04): TriState =>
  random.chance(unknown) ? "unknown" : random.chance(yes) ? "yes" : "no";

function drawPerson(random: Random, profile: Profile, ctx: CohortContext) {
  // Seed 000: about two thirds women; a few people do not say.
  const sex = random.weighted<Sex>([
    ["female", 65],
    ["male", 33.5],
    ["unspecified", 1.5],
  ]);
  const ageIndex = random.weighted(profile.ages.map((w, i) => [i, w] as const));
  const ageBand = AGE_BANDS[ageIndex] as AgeBand;
  const older = ageIndex >= 5;
  const young = ageIndex <= 1;
  // Communes by population, dampened (square root) so that the small ones appear; 2 % not known.
  const commune = random.chance(0.02)
    ? null
    : random.weighted(ctx.communes.map((c) => [c.code, Math.sqrt(Math.max(c.population, 1))] as const));
  const qpvShare = commune ? (profile.qpv[commune] ?? 0) : 0;
  const qpv: TriState =
    commune === null || random.chance(0.05) ? "unknown" : random.chance(qpvShare) ? "yes" : "no";
  const deprived = qpv === "yes" ? 1.8 : 1;
  const k = profile.precarity * deprived;
  const working = ageIndex <= 4;
  const precarity: PrecarityMarker[] = [];
  if (random.chance(0.16 * k)) precarity.push("complementary_solidarity_cover");
  else if (random.chance(0.025 * k)) precarity.push("no_health_cover");
  if (random.chance(0.03 * k)) precarity.push("no_stable_housing");
  if (working && random.chance(0.1 * k)) precarity.push("minimum_income");
  if (working && random.chance(0.14 * k)) precarity.push("unemployed");
  // Living alone ~40 % overall (more with age); a chronic condition ~55 % (more with age).
  const livesAlone = tri(random, ageIndex >= 6 ? 0.65 : older ? 0.48 : young ? 0.27 : 0.33);
  const chronicCondition = tri(
    random,
    ageIndex >= 6 ? 0.75 : older ? 0.68 : ageIndex >= 3 ? 0.52 : 0.25,
    0.05,
  );
  const psychiatricComorbidity = tri(random, 0.1, 0.1);
  const distress = random.weighted<Person["distress"]>([
    ["none", 20],
    ["mild", 34],
    ["moderate", 31],
    ["severe", young ? 11 : 7],
    ["unknown", 8],
  ]);
  const enabled = new Set(ctx.targetGroups);
  const groups: TargetGroupCode[] = [];
  const add = (group: TargetGroupCode, when: boolean) => {
    if (when && enabled.has(group)) groups.push(group);
  };
  add("isolated", livesAlone === "yes" || (older && random.chance(0.3)));
  add("psychological_distress", distress === "moderate" || distress === "severe");
  add("chronic_disease", chronicCondition === "yes");
  add("precarity", precarity.length > 0 || qpv === "yes");
  add("young_people", ageBand === "18-24");
  const person: Person = {
    ageBand,
    sex,
    commune,
    qpv,
    precarity,
    livesAlone,
    chronicCondition,
    psychiatricComorbidity,
    distress,
    targetGroups: groups,
  };
  return { person, ageIndex, older, young, deprived: precarity.length > 0 || qpv === "yes" };
}

type Drawn = ReturnType<typeof drawPerson>;

/** Route weights before the territory's own set: most referrals are clinical (GPs first). */
const ROUTE_WEIGHTS: Record<string, { weight: number; prescriber: PrescriberType; clinical: boolean }> = {
  gp: { weight: 50, prescriber: "gp", clinical: true },
  "health_professional:nurse": { weight: 10, prescriber: "nurse", clinical: true },
  "health_professional:pharmacist": { weight: 4, prescriber: "pharmacist", clinical: true },
  "health_professional:psychiatrist": { weight: 4, prescriber: "psychiatrist", clinical: true },
  "health_professional:psychologist": { weight: 3, prescriber: "psychologist", clinical: true },
  "health_professional:midwife": { weight: 3, prescriber: "midwife", clinical: true },
  "health_professional:physiotherapist": { weight: 2, prescriber: "physiotherapist", clinical: true },
  hospital: { weight: 6, prescriber: "hospital_team", clinical: true },
  social_worker: { weight: 9, prescriber: "social_worker", clinical: false },
  community_organisation: { weight: 7, prescriber: "community_worker", clinical: false },
  self_referral: { weight: 4, prescriber: "self", clinical: false },
};

function drawRoute(random: Random, drawn: Drawn, ctx: CohortContext) {
  const entries = ctx.routes.map((key) => {
    const known = ROUTE_WEIGHTS[key] ?? { weight: 2, prescriber: "other" as const, clinical: true };
    let weight = known.weight;
    // Seed 000: young adults and deprived groups come more often by non-clinical routes.
    if (!known.clinical && drawn.young) weight *= 2;
    if (!known.clinical && drawn.deprived) weight *= 1.8;
    if (key === "health_professional:midwife" && (drawn.person.sex !== "female" || drawn.ageIndex > 2))
      weight = 0;
    if (key === "health_professional:psychiatrist" && drawn.person.distress !== "severe") weight /= 3;
    return [key, weight] as const;
  });
  const route = random.weighted(entries);
  const prescriber: PrescriberType = ROUTE_WEIGHTS[route]?.prescriber ?? "other";
  return { route, prescriber };
}

function drawReasons(random: Random, drawn: Drawn): ReferralReason[] {
  const p = drawn.person;
  const weights: [ReferralReason, number][] = [
    ["loneliness", p.livesAlone === "yes" ? 8 : 3],
    ["low_mood", p.distress === "moderate" || p.distress === "severe" ? 7 : 3],
    ["anxiety_stress", p.distress === "none" ? 1 : 4],
    ["physical_inactivity", p.chronicCondition === "yes" ? 5 : 3],
    ["long_term_condition", p.chronicCondition === "yes" ? 5 : 0.5],
    ["weight_nutrition", 1.5],
    ["sleep", 1.5],
    ["bereavement", drawn.older ? 3 : 0.8],
    ["carer_strain", drawn.ageIndex >= 3 && drawn.ageIndex <= 6 ? 1.5 : 0.5],
    ["financial_difficulty", p.precarity.length > 0 ? 5 : 0.8],
    ["housing", p.precarity.includes("no_stable_housing") ? 8 : 0.4],
    ["employment", p.precarity.includes("unemployed") ? 5 : 0.3],
    ["rights_access", p.precarity.length > 0 ? 4 : 1],
    ["digital_exclusion", drawn.older ? 2 : 0.5],
    ["other", 0.5],
  ];
  const count = random.weighted([
    [1, 35],
    [2, 45],
    [3, 20],
  ] as const);
  return random.some(weights, count);
}

// ---------------------------------------------------------------------------------------------------
// The funnel: each person's fate, as shares of all referrals. Declines come from a logistic model
// (below); the other fates are split so that about 91 % would be contacted, 80 % interviewed, 72 %
// get a plan and 47 % reach an activity; referrals too recent to have got that far are cut by today,
// which leaves about 88 %, 74 %, 66 % and 38 %: DESIGN.md §3's 90 % and 38 %. About 10 % are lost to
// follow-up and 5 % redirected; the others who stop before an activity stay open at their stage
// (waiting lists, people not called back yet).

type Fate =
  | "declined_before_contact"
  | "declined_at_contact"
  | "declined_after_interview"
  | "lost_before_contact"
  | "stalled_referred"
  | "redirected_after_contact"
  | "lost_after_contact"
  | "stalled_contacted"
  | "redirected_after_interview"
  | "lost_after_interview"
  | "stalled_interviewed"
  | "completed_without_activity"
  | "lost_after_plan"
  | "redirected_after_plan"
  | "stalled_planned"
  | "activity";

/** Of all referrals, in % (those who do not decline: 89). */
const FATES: [Fate, number][] = [
  ["lost_before_contact", 3],
  ["stalled_referred", 1],
  ["redirected_after_contact", 2.5],
  ["lost_after_contact", 1.5],
  ["stalled_contacted", 3],
  ["redirected_after_interview", 2],
  ["lost_after_interview", 1],
  ["stalled_interviewed", 2.5],
  ["completed_without_activity", 18.5],
  ["lost_after_plan", 2],
  ["redirected_after_plan", 1],
  ["stalled_planned", 4],
  ["activity", 47],
];

/** Seed 000: 11–12 % of referrals declined in 2023. */
const DECLINE_SHARE = 0.11;
/** Seed 000: women's odds of declining 21 % lower than men's (1 / 0.79 ≈ 1.27). */
const MALE_DECLINE_ODDS = 1 / 0.79;
/** Older people decline more (seed 000, no figure given): this seed's assumption, by age band index. */
const AGE_DECLINE_ODDS = [1, 1, 1, 1, 1, 1.2, 1.5, 1.6];

const expit = (x: number) => 1 / (1 + Math.exp(-x));

/** The intercept that gives `DECLINE_SHARE` over the territory's sex and age mix. */
function declineIntercept(profile: Profile): number {
  const ages = profile.ages.map((w) => w / profile.ages.reduce((a, b) => a + b, 0));
  const mean = (b0: number) =>
    ages.reduce((sum, share, i) => {
      const age = Math.log(AGE_DECLINE_ODDS[i] ?? 1);
      return sum + share * (0.665 * expit(b0 + age) + 0.335 * expit(b0 + age + Math.log(MALE_DECLINE_ODDS)));
    }, 0);
  let low = -6;
  let high = 2;
  for (let i = 0; i < 40; i++) {
    const mid = (low + high) / 2;
    if (mean(mid) < DECLINE_SHARE) low = mid;
    else high = mid;
  }
  return (low + high) / 2;
}

function drawFate(random: Random, drawn: Drawn, intercept: number): Fate {
  const male = drawn.person.sex === "male" ? Math.log(MALE_DECLINE_ODDS) : 0;
  const age = Math.log(AGE_DECLINE_ODDS[drawn.ageIndex] ?? 1);
  if (random.chance(expit(intercept + male + age))) {
    // When they decline: before the link worker reaches them, on the first call, after the interview.
    return random.weighted<Fate>([
      ["declined_before_contact", 42],
      ["declined_at_contact", 40],
      ["declined_after_interview", 18],
    ]);
  }
  return random.weighted(FATES);
}

const DECLINE_REASONS: [DeclineReason, number][] = [
  ["not_interested", 34],
  ["no_time", 14],
  ["health_worsened", 12],
  ["already_supported", 15],
  ["practical_barrier", 14],
  ["moved_away", 4],
  ["other", 7],
];

function redirectTarget(random: Random, drawn: Drawn): RedirectTarget {
  return random.weighted<RedirectTarget>([
    ["mental_health_service", drawn.person.distress === "severe" ? 12 : 2],
    ["social_services", drawn.deprived ? 6 : 2],
    ["other_scheme", 3],
    ["gp", 2],
    ["hospital", 0.5],
    ["other", 1],
  ]);
}

/** Generic, short goal labels by pillar: never anything about a particular person. */
const GOALS: Record<Pillar, string[]> = {
  rights: [
    "Faire valoir ses droits à la complémentaire santé solidaire",
    "Mettre à jour son dossier auprès de la CAF",
    "Être accompagné dans ses démarches en ligne",
    "Rencontrer une assistante sociale",
    "Faire le point sur ses droits",
    "Trouver une aide pour le transport",
  ],
  health: [
    "Reprendre une activité physique adaptée",
    "Marcher deux fois par semaine",
    "Participer à un programme d'éducation thérapeutique",
    "Retrouver un meilleur sommeil",
    "Prendre soin de son alimentation",
    "Parler de son mal-être à un professionnel",
  ],
  social: [
    "Rejoindre un atelier collectif",
    "Sortir de chez soi au moins une fois par semaine",
    "Participer à un groupe de parole",
    "Reprendre une activité artistique",
    "Jardiner avec d'autres",
    "Retrouver le plaisir de chanter",
  ],
  volunteering: [
    "S'engager comme bénévole dans une association",
    "Découvrir une mission de bénévolat",
    "Partager un savoir-faire avec d'autres",
  ],
};

function drawGoals(random: Random, drawn: Drawn, reasons: ReferralReason[], ctx: CohortContext) {
  const has = (r: ReferralReason) => reasons.includes(r);
  const offered = new Set(ctx.resources.map((r) => r.pillar));
  const weights: [Pillar, number][] = (
    [
      [
        "rights",
        has("financial_difficulty") || has("rights_access") || has("housing") || has("employment") ? 8 : 1.5,
      ],
      ["health", has("physical_inactivity") || has("long_term_condition") || has("sleep") ? 7 : 2.5],
      ["social", has("loneliness") || has("low_mood") || has("bereavement") ? 8 : 3],
      ["volunteering", drawn.ageIndex >= 3 && drawn.ageIndex <= 5 ? 2 : 0.7],
    ] as [Pillar, number][]
  ).filter(([pillar]) => offered.size === 0 || offered.has(pillar));
  const count = random.weighted([
    [1, 35],
    [2, 45],
    [3, 20],
  ] as const);
  const pillars = random.some(weights, count);
  const goals = pillars.map((pillar) => ({ pillar, label: random.pick(GOALS[pillar]) }));
  return { goals, pillars };
}

function drawResource(random: Random, pillars: Pillar[], commune: string | null, ctx: CohortContext) {
  const inPlan = ctx.resources.filter((r) => pillars.includes(r.pillar));
  const pool = inPlan.length > 0 ? inPlan : ctx.resources;
  if (pool.length === 0) return null;
  return random.weighted(pool.map((r) => [r.id, r.commune === commune ? 3 : 1] as const));
}

function drawLinkWorker(random: Random, commune: string | null, referral: string, ctx: CohortContext) {
  const active = ctx.linkWorkers.filter(
    (w) => (!w.activeFrom || w.activeFrom <= referral) && (!w.activeTo || w.activeTo >= referral),
  );
  const workers = active.length > 0 ? active : ctx.linkWorkers;
  const covering = workers.filter((w) => commune !== null && w.communes.includes(commune));
  const pool = covering.length > 0 ? covering : workers;
  if (pool.length === 0) return null;
  // Weighted by caseload capacity.
  return random.weighted(pool.map((w) => [w.id, w.capacity] as const));
}

// ---------------------------------------------------------------------------------------------------
// Outcome measures: a latent well-being per person (lower with distress and living alone), a modest
// mean improvement for those who reach an activity and a small one for the others, with noise. With
// the test's day this gives, for those who reached an activity, SWEMWBS about +1.7 metric points
// (within the 1–3 points DESIGN.md cites for individual change) and ONS4 life satisfaction about
// +1.4; UCLA3 falls a little. Assumptions, not figures from a source.

/** The mean change of the latent well-being (in its SDs) with an activity, and without. */
const ACTIVITY_GAIN = 0.8;
const OTHER_GAIN = 0.15;

const clamp = (x: number, min: number, max: number) => Math.min(max, Math.max(min, Math.round(x)));

function answersOf(
  random: Random,
  instrument: string,
  wellbeing: number,
  lonely: number,
): Record<string, unknown> | null {
  switch (instrument) {
    case "SWEMWBS":
    case "WEMWBS": {
      const count = instrument === "SWEMWBS" ? 7 : 14;
      const mean = 2.75 + 0.45 * wellbeing;
      return { items: Array.from({ length: count }, () => clamp(mean + random.normal(0, 0.55), 1, 5)) };
    }
    case "UCLA3": {
      const mean = 1.9 + 0.35 * lonely - 0.3 * wellbeing;
      const items = Array.from({ length: 3 }, () => clamp(mean + random.normal(0, 0.45), 1, 3));
      const total = items.reduce((a, b) => a + b, 0) + random.normal(0, 0.8);
      const direct =
        total >= 8
          ? "often_always"
          : total >= 6.5
            ? "some_of_the_time"
            : total >= 5
              ? "occasionally"
              : total >= 4
                ? "hardly_ever"
                : "never";
      return { items, direct };
    }
    case "ONS4":
      return {
        answers: {
          life_satisfaction: clamp(5.2 + 1.6 * wellbeing + random.normal(0, 1), 0, 10),
          worthwhile: clamp(5.8 + 1.4 * wellbeing + random.normal(0, 1), 0, 10),
          happiness: clamp(5.3 + 1.7 * wellbeing + random.normal(0, 1.1), 0, 10),
          anxiety: clamp(5 - 1.5 * wellbeing + random.normal(0, 1.3), 0, 10),
        },
      };
    default:
      // A territory's own measure: its items are its own; the demo does not invent answers.
      return null;
  }
}

function measuresOf(
  random: Random,
  drawn: Drawn,
  steps: CohortContext["steps"],
  dates: { baseline: string | null; followUp: string | null },
  gain: number,
): Measure[] {
  const instruments = [...new Set(steps.flatMap((s) => s.instruments))];
  if (instruments.length === 0 || !dates.baseline) return [];
  const p = drawn.person;
  const distress = { none: 0.45, mild: 0.05, moderate: -0.4, severe: -0.9, unknown: 0 }[p.distress];
  const lonely = p.livesAlone === "yes" ? 1 : 0;
  const wellbeing = random.normal(distress - 0.15 * lonely, 0.7);
  const change = random.normal(gain, 0.45);
  const measures: Measure[] = [];
  for (const instrument of instruments) {
    const named = steps.filter((s) => s.instruments.includes(instrument));
    const first = named[0]?.id ?? null;
    const last = named.at(-1)?.id ?? null;
    // A few baselines are not taken (the person did not want to answer that day).
    if (random.chance(0.07)) continue;
    const baseline = answersOf(random, instrument, wellbeing, lonely);
    if (!baseline) continue;
    measures.push({
      instrument,
      timepoint: "baseline",
      date: dates.baseline,
      stepId: first,
      answers: baseline,
    });
    // Some follow-ups are missing.
    if (!dates.followUp || random.chance(0.18)) continue;
    const followUp = answersOf(random, instrument, wellbeing + change, Math.max(0, lonely - change * 0.8));
    if (followUp) {
      measures.push({
        instrument,
        timepoint: "follow_up",
        date: dates.followUp,
        stepId: last,
        answers: followUp,
      });
    }
  }
  return measures;
}

// ---------------------------------------------------------------------------------------------------
// One journey.

const FOLLOW_UP_NOTES = [
  "Point téléphonique : la personne se sent mieux.",
  "Premières séances suivies, à poursuivre.",
  "Difficultés de transport, solution à trouver.",
  "La personne souhaite changer d'activité.",
];
const REOPEN_REASONS = ["Nouvelle demande de la personne", "Nouvelle orientation par le médecin traitant"];

interface Options {
  index: number;
  referralDay: number;
  reopen: boolean;
  /** Instead of the drawn one (the reopened journeys a territory is sure to show). */
  fate?: Fate;
}

function journey(
  random: Random,
  profile: Profile,
  ctx: CohortContext,
  intercept: number,
  options: Options,
): { draft: JourneyCreate; fate: Fate; reopenable: boolean } {
  const today = dayOf(ctx.today);
  const drawn = drawPerson(random, profile, ctx);
  const p = drawn.person;
  const drawnFate = drawFate(random, drawn, intercept);
  const fate = options.fate ?? drawnFate;
  const referral = options.referralDay;
  const { route, prescriber } = drawRoute(random, drawn, ctx);
  const reasons = drawReasons(random, drawn);
  const events: Event[] = [
    {
      type: "referral",
      date: isoOf(referral),
      route,
      prescriber,
      reasons,
      snomed: prescriber === "gp" && random.chance(0.7),
    },
  ];
  const at = (day: number) => isoOf(day);
  /** An exit on `day`, or on the last event's day if that is later; returns the day used. */
  const exit = (day: number, reason: "completed" | "declined" | "lost_to_follow_up" | "redirected") => {
    const on = Math.max(day, ...events.map((e) => dayOf(e.date)));
    events.push({
      type: "exit",
      date: at(on),
      reason,
      declineReason: reason === "declined" ? random.weighted(DECLINE_REASONS) : null,
      redirectTarget: reason === "redirected" ? redirectTarget(random, drawn) : null,
      snomed: reason === "declined" && random.chance(0.6),
    });
    return on;
  };
  const dates = { baseline: null as string | null, followUp: null as string | null };
  let gain = OTHER_GAIN;
  let lostAfterPlan = false;

  // Seed 000's figures aside, the delays are assumptions: first contact a median 5 days after the
  // referral (about 3 in 10 beyond the 7-day target), the interview ~10 days later, the plan the same
  // day, the first orientation 2–3 weeks on, follow-ups monthly, the evaluation 3–4 months after the plan.
  if (fate === "declined_before_contact") exit(workingDay(referral + random.int(2, 10)), "declined");
  else if (fate === "lost_before_contact") exit(referral + random.int(45, 75), "lost_to_follow_up");
  const contacted = !["declined_before_contact", "lost_before_contact", "stalled_referred"].includes(fate);
  if (!contacted) return finish();

  const contact = workingDay(referral + random.delay(5, 0.6, 1));
  const home = random.chance(profile.homeVisit * (drawn.ageIndex >= 6 ? 1.6 : 1));
  events.push({
    type: "first_contact",
    date: at(contact),
    mode: home
      ? "home_visit"
      : random.weighted([
          ["phone", 82],
          ["in_person", 16],
          ["video", 2],
        ] as const),
  });
  if (fate === "declined_at_contact") {
    exit(contact + (random.chance(0.6) ? 0 : random.int(1, 7)), "declined");
    return finish();
  }
  if (fate === "redirected_after_contact") {
    exit(workingDay(contact + random.int(0, 6)), "redirected");
    return finish();
  }
  if (fate === "lost_after_contact") {
    exit(contact + random.int(40, 80), "lost_to_follow_up");
    return finish();
  }
  if (fate === "stalled_contacted") return finish();

  const interview = workingDay(contact + random.delay(10, 0.5, 1));
  const expected = ctx.steps.find((s) => s.id === DEFAULT_STEP_IDS[2])?.expectedDurationMinutes ?? 60;
  events.push({
    type: "initial_interview",
    date: at(interview),
    durationMinutes: clamp(expected + random.normal(0, 14), 20, 150),
    mode:
      home || random.chance(profile.homeVisit)
        ? "home_visit"
        : random.weighted([
            ["in_person", 85],
            ["phone", 10],
            ["video", 5],
          ] as const),
  });
  dates.baseline = at(interview);
  if (fate === "declined_after_interview") {
    exit(workingDay(interview + random.int(3, 20)), "declined");
    return finish();
  }
  if (fate === "redirected_after_interview") {
    exit(workingDay(interview + random.int(0, 10)), "redirected");
    return finish();
  }
  if (fate === "lost_after_interview") {
    exit(interview + random.int(40, 80), "lost_to_follow_up");
    return finish();
  }
  if (fate === "stalled_interviewed") return finish();

  const plan = random.chance(0.88) ? interview : workingDay(interview + random.int(1, 7));
  const { goals, pillars } = drawGoals(random, drawn, reasons, ctx);
  events.push({ type: "plan", date: at(plan), goals, pillars });

  const followUps = (from: number, until: number, max = 12) => {
    let day = from;
    for (let i = 0; i < max; i++) {
      day = workingDay(day + random.int(24, 36));
      if (day >= until) break;
      events.push({
        type: "follow_up",
        date: at(day),
        mode: random.weighted([
          ["phone", 60],
          ["in_person", 35],
          ["video", 5],
        ] as const),
        ...(random.chance(0.15) ? { note: random.pick(FOLLOW_UP_NOTES) } : {}),
      });
    }
  };
  const orient = (day: number, attendance: "attended" | "not_attended" | "pending") => {
    const resourceId = drawResource(random, pillars, p.commune, ctx);
    if (resourceId) events.push({ type: "orientation", date: at(day), resourceId, attendance });
    return resourceId !== null;
  };
  const firstOrientation = workingDay(plan + random.delay(17, 0.45, 3));
  const evaluation = workingDay(plan + random.delay(105, 0.15, 60));
  /** Lost after the plan: a candidate for reopening; reopened, the person comes back and goes. */
  const comeBack = (end: number) => {
    lostAfterPlan = true;
    if (!options.reopen) return;
    const back = workingDay(end + random.int(20, 60));
    events.push({ type: "reopen", date: at(back), reason: random.pick(REOPEN_REASONS) });
    orient(workingDay(back + random.delay(14, 0.4, 3)), "attended");
    followUps(back, back + 150, 4);
    const evaluated = workingDay(back + random.delay(105, 0.15, 60));
    events.push({ type: "evaluation", date: at(evaluated) });
    dates.followUp = at(evaluated);
    gain = ACTIVITY_GAIN;
    exit(evaluated + random.int(0, 10), "completed");
  };

  switch (fate) {
    case "completed_without_activity": {
      // The plan was mostly about rights or advice: orientations, if any, not attended; closed as done.
      if (random.chance(0.5)) orient(firstOrientation, "not_attended");
      const end = workingDay(plan + random.int(50, 100));
      followUps(plan, end, 3);
      if (random.chance(0.5)) {
        events.push({ type: "evaluation", date: at(end) });
        dates.followUp = at(end);
      }
      exit(end + random.int(0, 7), "completed");
      break;
    }
    case "lost_after_plan":
    case "redirected_after_plan": {
      orient(firstOrientation, "not_attended");
      followUps(plan, firstOrientation + 40, 1);
      const end = exit(
        firstOrientation + random.int(30, 70),
        fate === "lost_after_plan" ? "lost_to_follow_up" : "redirected",
      );
      if (fate === "lost_after_plan") comeBack(end);
      break;
    }
    case "stalled_planned": {
      // Waiting for a place, or orientations that did not take: still planned.
      if (random.chance(0.7)) orient(firstOrientation, random.chance(0.5) ? "not_attended" : "pending");
      followUps(plan, plan + 100, random.int(0, 2));
      break;
    }
    case "activity": {
      gain = ACTIVITY_GAIN;
      const firstGoes = random.chance(0.78);
      orient(firstOrientation, firstGoes ? "attended" : "not_attended");
      if (!firstGoes) orient(workingDay(firstOrientation + random.int(10, 35)), "attended");
      if (random.chance(0.35)) {
        const another = workingDay(firstOrientation + random.int(20, 60));
        orient(another, random.chance(0.7) ? "attended" : "not_attended");
      }
      const outcome = random.weighted([
        ["completed", 80],
        ["lost", 5],
        ["ongoing", 15],
      ] as const);
      if (outcome === "lost") {
        const end = firstOrientation + random.int(60, 120);
        followUps(plan, end - 30, 3);
        comeBack(exit(end, "lost_to_follow_up"));
      } else if (outcome === "completed") {
        followUps(plan, evaluation);
        events.push({ type: "evaluation", date: at(evaluation) });
        dates.followUp = at(evaluation);
        exit(evaluation + (random.chance(0.6) ? 0 : random.int(1, 14)), "completed");
      } else {
        // Still going to their activities, followed monthly; evaluated when the time came.
        followUps(plan, today + 1, 18);
        if (random.chance(0.5)) {
          events.push({ type: "evaluation", date: at(evaluation) });
          dates.followUp = at(evaluation);
        }
      }
      break;
    }
  }
  return finish();

  /** Cuts what has not happened yet (a prefix of a valid funnel is valid), and adds the measures. */
  function finish() {
    const kept = events.filter((e) => dayOf(e.date) <= today);
    // An orientation of the last ten days: whether the person went is not known yet.
    for (const event of kept) {
      if (event.type === "orientation" && dayOf(event.date) > today - 10) event.attendance = "pending";
    }
    const keptDates = new Set(kept.map((e) => e.date));
    const evaluated = kept.some((e) => e.type === "evaluation" && e.date === dates.followUp);
    const measures = measuresOf(
      random,
      drawn,
      ctx.steps,
      {
        baseline: dates.baseline && keptDates.has(dates.baseline) ? dates.baseline : null,
        followUp: evaluated ? dates.followUp : null,
      },
      gain,
    );
    const contactedKept = kept.some((e) => e.type === "first_contact");
    // A new referral nobody has picked up yet is sometimes still to assign.
    const unassigned = !contactedKept && today - referral <= 7 && random.chance(0.5);
    const draft: JourneyCreate = {
      person: p,
      linkWorkerId: unassigned ? null : drawLinkWorker(random, p.commune, isoOf(referral), ctx),
      externalReference: `${DEMO_REFERENCE_PREFIX}${String(options.index + 1).padStart(4, "0")}`,
      events: kept,
      measures,
    };
    return {
      draft,
      fate,
      reopenable: lostAfterPlan && today - referral > 240,
    };
  }
}

/**
 * The cohort of one demo territory, pure and deterministic: the same key, context and today give the
 * same journeys. Referrals are spread over the last `COHORT_MONTHS` months, more of them lately (a
 * pilot ramps up), on working days; the oldest is `DEMO-0001`.
 */
export function cohort(key: CohortKey, ctx: CohortContext, size = PROFILES[key].size): JourneyCreate[] {
  const profile = PROFILES[key];
  const random = new Random(`maillage-demo-journeys:${key}`);
  const today = dayOf(ctx.today);
  const start = dayOf(Clock.monthsBefore(ctx.today, COHORT_MONTHS));
  const span = today - start;
  // Density rising from 1 to 2.5 across the window (inverse CDF of a linear ramp).
  const ramp = (u: number) => {
    const a = 1;
    const b = 1.5;
    return (-a + Math.sqrt(a * a + 2 * b * u * (a + b / 2))) / b;
  };
  const days = Array.from({ length: size }, () => {
    let day = start + Math.floor(ramp(random.uniform()) * (span + 1));
    const weekday = weekdayOf(day);
    if (weekday === 6) day -= 1;
    if (weekday === 0) day -= 2;
    if (day < start) day += 3;
    return Math.min(day, today);
  }).sort((a, b) => a - b);
  const intercept = declineIntercept(profile);
  // Each journey has its own stream, so that one drawn again (reopened) does not shift the others.
  const stream = (index: number) => new Random(`maillage-demo-journeys:${key}:${index}`);
  const draw = (index: number, extra: Partial<Options> = {}) =>
    journey(stream(index), profile, ctx, intercept, {
      index,
      referralDay: days[index] as number,
      reopen: false,
      ...extra,
    });
  const journeys = days.map((_, index) => draw(index));
  // A couple of reopened journeys: the first two lost after their plan long enough ago, drawn again
  // with the reopening; failing that, old journeys closed without an activity, drawn as such.
  const reopenable = journeys.flatMap((j, index) => (j.reopenable ? [index] : []));
  for (const index of reopenable.slice(0, 2)) journeys[index] = draw(index, { reopen: true });
  const old = journeys.flatMap((j, index) =>
    j.fate === "completed_without_activity" && today - (days[index] as number) > 300 ? [index] : [],
  );
  for (const index of old.slice(0, Math.max(0, 2 - reopenable.length))) {
    journeys[index] = draw(index, { reopen: true, fate: "lost_after_plan" });
  }
  return journeys.map((j) => j.draft);
}

// ---------------------------------------------------------------------------------------------------
// Writing it.

export interface CohortResult {
  territoryId: string;
  /** Journeys written (0 when the territory already had its cohort). */
  created: number;
  skipped: boolean;
}

/**
 * Seeds each demo territory's synthetic cohort through the import's batch path, as the territory's
 * lead: the context read once (`batchContext`), every journey checked in full (`checkDraft`: a draft
 * that fails is a bug of this generator, so the seed stops with its issues) and turned into rows
 * (`batchRows`), the rows written, then the run (`DEMO_RUN_ID`, one per territory) recorded with one
 * audit entry. Idempotent: a territory whose run exists is left as it is. The territories are seeded
 * in parallel.
 */
export async function seedJourneys(
  territories: Record<CohortKey, SeedTerritory>,
  options: { today?: string; sizes?: Partial<Record<CohortKey, number>> } = {},
): Promise<Record<CohortKey, CohortResult>> {
  const today = options.today ?? Clock.today();
  const keys = Object.keys(territories) as CohortKey[];
  const results = await Promise.all(
    keys.map((key) => seedOne(key, territories[key], today, options.sizes?.[key])),
  );
  return Object.fromEntries(keys.map((key, i) => [key, results[i]])) as Record<CohortKey, CohortResult>;
}

function asLead<T>(territory: SeedTerritory, fn: () => Promise<T>): Promise<T> {
  return Actor.provide(
    {
      type: "user",
      userId: territory.lead.id,
      displayName: territory.lead.displayName,
      contextKind: "territory",
      contextId: territory.territoryId,
      role: "territory_lead",
    },
    fn,
  );
}

type Checked = Extract<ReturnType<typeof Journeys.checkDraft>, { ok: true }>["value"];

/** Every draft checked as the import checks a row; throws with the issues of those that fail. */
export function checkCohort(key: CohortKey, drafts: JourneyCreate[], ctx: Journeys.BatchContext): Checked[] {
  const checked: Checked[] = [];
  const failures: string[] = [];
  for (const draft of drafts) {
    const result = Journeys.checkDraft(draft, ctx);
    if (result.ok) checked.push(result.value);
    else failures.push(`${draft.externalReference}: ${JSON.stringify(result.issues)}`);
  }
  if (failures.length > 0) {
    throw new Error(`Demo cohort ${key}: ${failures.length} invalid journeys\n${failures.join("\n")}`);
  }
  return checked;
}

async function seedOne(
  key: CohortKey,
  territory: SeedTerritory,
  today: string,
  size: number | undefined,
): Promise<CohortResult> {
  return asLead(territory, async () => {
    const { territoryId } = territory;
    const existing = await Batch.RunEntity.get([territoryId, DEMO_RUN_ID], { consistent: true });
    if (existing) return { territoryId, created: 0, skipped: true };
    const [ctx, context, references] = await Promise.all([
      Journeys.batchContext(),
      cohortContext(today),
      Journeys.byReference(),
    ]);
    if ([...references.keys()].some((reference) => reference.startsWith(DEMO_REFERENCE_PREFIX))) {
      throw new Error(
        `The demo cohort of ${key} was interrupted while it was written: rebuild the local table (delete .data/dynamodb)`,
      );
    }
    const checked = checkCohort(key, cohort(key, context, size), ctx);
    const now = new Date();
    const rows: Batch.Row[] = [];
    const summaries: Journeys.Summary[] = [];
    for (const draft of checked) {
      const built = await Journeys.batchRows(draft, undefined, ctx, now);
      rows.push(...built.rows);
      if (built.after) summaries.push(built.after);
    }
    // The rollups as a rebuild would write them (the territory has no other journeys yet).
    const state = await Rollups.state(territoryId);
    for (const item of Rollups.itemsFor(territoryId, Rollups.definitionsOf(state), summaries)) {
      rows.push({ key: { pk: String(item.pk), sk: String(item.sk) }, item });
    }
    await putAll(rows);
    await recordRun(territoryId, rows.length, now);
    return { territoryId, created: checked.length, skipped: false };
  });
}

/**
 * The rows as plain items, 100 to a transaction. Not staged: staging keeps an import's rows from
 * readers until it commits, and the seed has no readers yet (it runs before the API starts). Through
 * `Batch.runAll` (a conditional update to stage and a put to fold, per row) the 620 journeys took
 * about 35 s on DynamoDB Local in memory; in transactions (one SQLite transaction each on DynamoDB
 * Local, 3–4 times faster than BatchWriteItem's 25 on a file-backed store), a few seconds.
 */
async function putAll(rows: readonly Batch.Row[]): Promise<void> {
  const chunks: Batch.Row[][] = [];
  for (let i = 0; i < rows.length; i += 100) chunks.push(rows.slice(i, i + 100));
  let next = 0;
  const worker = async () => {
    for (let chunk = chunks[next++]; chunk; chunk = chunks[next++]) {
      await write(
        chunk.map((row) => ({ Put: { Item: row.item } })),
        [],
      );
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/**
 * The run as `Batch.runAll` leaves it (header folded, one audit entry summarising it), written once
 * every row is in: it is what marks the territory's cohort as done.
 */
async function recordRun(territoryId: string, total: number, now: Date): Promise<void> {
  const header: Batch.RunHeader = {
    id: DEMO_RUN_ID,
    tenantId: territoryId,
    kind: "seed.journeys",
    fileHash: "demo",
    total,
    status: "folded",
    appliedThrough: total,
    created: total,
    updated: 0,
    createdBy: Actor.auditId(),
    createdAt: now.toISOString(),
    committedAt: now.toISOString(),
  };
  await write(
    [
      {
        Put: {
          Item: Batch.RunEntity.item([territoryId, DEMO_RUN_ID], header),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
    ],
    [
      {
        contextId: territoryId,
        action: "journey.import",
        entityType: "batch",
        entity: DEMO_RUN_ID,
        entityLabel: DEMO_RUN_LABEL,
        changes: [],
        summary: { kind: header.kind, fileHash: header.fileHash, rows: total, created: total, updated: 0 },
      },
    ],
    now,
  );
}
