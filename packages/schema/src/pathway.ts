import * as v from "valibot";
import type { FieldIssue } from "./errors";
import { PartnerSchemeId, StepId } from "./ids";
import { CHOOSE_ONE, message } from "./messages";

/** Who carries out a step (closed list; labels in labels.ts). */
export const stepActorTypes = [
  "referrer",
  "link_worker",
  "territory_lead",
  "resource_provider",
  "partner_scheme",
  "person",
  "other",
] as const;
export const StepActorType = v.picklist(stepActorTypes, CHOOSE_ONE);
export type StepActorType = v.InferOutput<typeof StepActorType>;

/**
 * Leutz's three models (DESIGN.md §2, seed 004): linkage (the person coordinates their own path),
 * coordination (providers coordinate within one entity), integration (one structure brings health and
 * social expertise together).
 */
export const continuityModels = ["linkage", "coordination", "integration"] as const;
export const ContinuityModel = v.picklist(continuityModels, CHOOSE_ONE);
export type ContinuityModel = v.InferOutput<typeof ContinuityModel>;

/** What makes a person eligible for the integrated track (seed 004: the more of these, the more integration is preferred). */
export const vulnerabilityMarkers = [
  "no_housing",
  "no_health_cover",
  "psychiatric_comorbidity",
  "chronic_condition",
] as const;
export const VulnerabilityMarker = v.picklist(vulnerabilityMarkers, CHOOSE_ONE);
export type VulnerabilityMarker = v.InferOutput<typeof VulnerabilityMarker>;

/** Eligible with any one of the markers, or only with all of them. */
export const markerRules = ["any", "all"] as const;
export const MarkerRule = v.picklist(markerRules, CHOOSE_ONE);

/** The measures the product scores (reference/measures.md); a territory's own measure is `custom:<code>`. */
export const standardMeasures = ["WEMWBS", "SWEMWBS", "ONS4", "UCLA3"] as const;
export const MeasureCode = v.pipe(
  v.string(),
  v.maxLength(47, message("step.instrument.unknown")),
  v.regex(
    /^(WEMWBS|SWEMWBS|ONS4|UCLA3|custom:[a-z0-9][a-z0-9_-]{0,39})$/,
    message("step.instrument.unknown"),
  ),
);

/** Steps of a pathway, retired ones included (they are never deleted). Keeps a full pathway under 64 KB. */
export const MAX_STEPS = 24;
export const MAX_DELAY_DAYS = 365;
export const MAX_DURATION_MINUTES = 480;
export const MAX_INSTRUMENTS = 6;
export const MAX_OVERRIDE_SCHEMES = 5;
/** Different partner schemes the integrated track may name (each is checked in the save's transaction). */
export const MAX_TRACK_SCHEMES = 40;

const StepName = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, message("step.name.too_short")),
  v.maxLength(80, message("step.name.too_long")),
);
const Description = v.pipe(v.string(), v.trim(), v.maxLength(500, message("description.too_long")));
/** Days from the previous step (null: no target), e.g. first contact within 7 days. */
const DelayDays = v.nullable(
  v.pipe(
    v.number(message("step.delay.range")),
    v.integer(message("step.delay.range")),
    v.minValue(0, message("step.delay.range")),
    v.maxValue(MAX_DELAY_DAYS, message("step.delay.range")),
  ),
);
/** Expected duration of the step's encounter in minutes (null: not set), e.g. initial interview ≈ 60. */
const DurationMinutes = v.nullable(
  v.pipe(
    v.number(message("step.duration.range")),
    v.integer(message("step.duration.range")),
    v.minValue(1, message("step.duration.range")),
    v.maxValue(MAX_DURATION_MINUTES, message("step.duration.range")),
  ),
);
const unique = <T>(values: T[]) => new Set(values).size === values.length;
const Instruments = v.pipe(
  v.array(MeasureCode),
  v.maxLength(MAX_INSTRUMENTS, message("step.instruments.too_many")),
  v.check(unique, message("step.instruments.duplicate")),
);

const stepEntries = {
  name: StepName,
  description: Description,
  responsibleActor: StepActorType,
  targetDelayDays: DelayDays,
  expectedDurationMinutes: DurationMinutes,
  instruments: Instruments,
};

/** A step as stored and read: a stable id (never reused), in its place in the pathway, maybe retired. */
export const Step = v.object({ id: StepId, ...stepEntries, retired: v.boolean() });
export type Step = v.InferOutput<typeof Step>;

/** A step in a save: without an id it is a new step (the server gives it one). */
export const StepInput = v.object({
  id: v.optional(StepId),
  ...stepEntries,
  retired: v.optional(v.boolean(), false),
});
export type StepInput = v.InferOutput<typeof StepInput>;

/** How one step differs on the integrated track; null fields are as on the main pathway. */
export const TrackOverride = v.object({
  stepId: StepId,
  responsibleActor: v.nullable(StepActorType),
  targetDelayDays: DelayDays,
  expectedDurationMinutes: DurationMinutes,
  /** Partner schemes that take part in this step on the integrated track. */
  partnerSchemeIds: v.pipe(
    v.array(PartnerSchemeId),
    v.maxLength(MAX_OVERRIDE_SCHEMES, message("override.schemes.too_many")),
    v.check(unique, message("override.schemes.duplicate")),
  ),
  note: v.pipe(v.string(), v.trim(), v.maxLength(200, message("text.too_long"))),
});
export type TrackOverride = v.InferOutput<typeof TrackOverride>;

/** A track for people with vulnerability markers (seed 004), whose steps or partners differ. */
export const IntegratedTrack = v.object({
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, message("name.too_short")),
    v.maxLength(120, message("name.too_long")),
  ),
  description: Description,
  markers: v.pipe(
    v.array(VulnerabilityMarker),
    v.minLength(1, message("track.markers.required")),
    v.check(unique, message("track.markers.duplicate")),
  ),
  markerRule: MarkerRule,
  overrides: v.pipe(v.array(TrackOverride), v.maxLength(MAX_STEPS, message("track.overrides.too_many"))),
});
export type IntegratedTrack = v.InferOutput<typeof IntegratedTrack>;

/**
 * The territory's pathway (parcours-type). `version` 0 is the national default, never saved yet; the
 * first save answers version 1. Steps are in order; retired steps stay, flagged, in their place.
 */
export const Pathway = v.object({
  continuityModel: ContinuityModel,
  steps: v.array(Step),
  integratedTrack: v.nullable(IntegratedTrack),
  version: v.number(),
  /** Null while the territory reads the default. */
  updatedAt: v.nullable(v.string()),
});
export type Pathway = v.InferOutput<typeof Pathway>;

/**
 * A lead's save of the whole pathway, with the version they started from (0 for the default). Every
 * stored step must be listed (retire it rather than leave it out); a step without an id is new.
 */
export const PathwayUpdate = v.object({
  continuityModel: ContinuityModel,
  steps: v.pipe(
    v.array(StepInput),
    v.minLength(1, message("steps.none_active")),
    v.maxLength(MAX_STEPS, message("steps.too_many")),
  ),
  integratedTrack: v.nullable(IntegratedTrack),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type PathwayUpdate = v.InferOutput<typeof PathwayUpdate>;

/** What a save is checked against, beyond its own shape: the stored steps and the territory's partner schemes. */
export interface PathwayContext {
  /** Ids of the steps of the pathway being edited (the default's when never saved). */
  storedStepIds: readonly string[];
  /** The territory's partner schemes (those the track references, at least). */
  schemes: readonly { id: string; retired: boolean }[];
}

/**
 * The rules across fields of a valid-shaped save, with their field paths (shared by the API and the
 * console): unique, known step ids; no stored step left out; at least one active step, active names
 * unique; integrated-track overrides naming active steps of this save (once each) and existing,
 * active partner schemes.
 */
export function pathwayIssues(update: PathwayUpdate, context: PathwayContext): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stored = new Set(context.storedStepIds);
  const seen = new Set<string>();
  const names = new Set<string>();
  update.steps.forEach((step, index) => {
    if (step.id !== undefined) {
      if (seen.has(step.id))
        issues.push({ path: `steps.${index}.id`, message: message("steps.duplicate_id") });
      else if (!stored.has(step.id))
        issues.push({ path: `steps.${index}.id`, message: message("step.unknown") });
      seen.add(step.id);
    }
    if (!step.retired) {
      const name = step.name.toLocaleLowerCase("fr");
      if (names.has(name))
        issues.push({ path: `steps.${index}.name`, message: message("steps.duplicate_name") });
      names.add(name);
    }
  });
  if (context.storedStepIds.some((id) => !seen.has(id))) {
    issues.push({ path: "steps", message: message("steps.removed") });
  }
  if (update.steps.every((step) => step.retired)) {
    issues.push({ path: "steps", message: message("steps.none_active") });
  }
  const track = update.integratedTrack;
  if (track) {
    const steps = new Map(update.steps.filter((s) => s.id !== undefined).map((s) => [s.id as string, s]));
    const schemes = new Map(context.schemes.map((s) => [s.id, s]));
    const overridden = new Set<string>();
    if (new Set(track.overrides.flatMap((o) => o.partnerSchemeIds)).size > MAX_TRACK_SCHEMES) {
      issues.push({ path: "integratedTrack.overrides", message: message("track.schemes.too_many") });
    }
    track.overrides.forEach((override, index) => {
      const at = `integratedTrack.overrides.${index}`;
      const step = steps.get(override.stepId);
      if (overridden.has(override.stepId)) {
        issues.push({ path: `${at}.stepId`, message: message("override.step_duplicate") });
      } else if (!step) {
        issues.push({ path: `${at}.stepId`, message: message("override.step_unknown") });
      } else if (step.retired) {
        issues.push({ path: `${at}.stepId`, message: message("override.step_retired") });
      }
      overridden.add(override.stepId);
      override.partnerSchemeIds.forEach((schemeId, i) => {
        const scheme = schemes.get(schemeId);
        if (!scheme || scheme.retired) {
          issues.push({
            path: `${at}.partnerSchemeIds.${i}`,
            message: message(scheme ? "partner_scheme.retired" : "partner_scheme.unknown"),
          });
        }
      });
    });
  }
  return issues;
}

/** Ids of the six national steps: fixed, so a territory that never saved still names its steps stably. */
export const DEFAULT_STEP_IDS = [
  "stp_00000000000000000000000001",
  "stp_00000000000000000000000002",
  "stp_00000000000000000000000003",
  "stp_00000000000000000000000004",
  "stp_00000000000000000000000005",
  "stp_00000000000000000000000006",
] as const;

/**
 * The national six-step pathway (DESIGN.md §2; the national working group's "parcours type en 6
 * étapes"), which every territory reads until its lead first saves one. Delays and durations are
 * starting points for the lead to adjust.
 */
export function defaultPathway(): Pathway {
  const [identify, orient, coBuild, support, follow, evaluate] = DEFAULT_STEP_IDS;
  const step = (id: string, fields: Omit<Step, "id" | "retired">): Step => ({
    id,
    ...fields,
    retired: false,
  });
  return {
    continuityModel: "linkage",
    steps: [
      step(identify, {
        name: "Repérer",
        description:
          "Un professionnel de santé ou du social repère une personne à qui la prescription sociale pourrait être utile.",
        responsibleActor: "referrer",
        targetDelayDays: null,
        expectedDurationMinutes: null,
        instruments: [],
      }),
      step(orient, {
        name: "Orienter",
        description: "Le prescripteur oriente la personne vers l'agent de liaison, qui la contacte.",
        responsibleActor: "referrer",
        targetDelayDays: 7,
        expectedDurationMinutes: null,
        instruments: [],
      }),
      step(coBuild, {
        name: "Co-construire",
        description:
          "Entretien initial : un plan de bien-être construit à partir de « ce qui compte pour vous ».",
        responsibleActor: "link_worker",
        targetDelayDays: 14,
        expectedDurationMinutes: 60,
        instruments: ["SWEMWBS"],
      }),
      step(support, {
        name: "Soutenir",
        description: "Mise en œuvre du plan : accompagnement vers les ressources et activités choisies.",
        responsibleActor: "link_worker",
        targetDelayDays: 30,
        expectedDurationMinutes: null,
        instruments: [],
      }),
      step(follow, {
        name: "Suivre et ajuster",
        description: "Points de suivi réguliers ; le plan est ajusté si besoin.",
        responsibleActor: "link_worker",
        targetDelayDays: 30,
        expectedDurationMinutes: 30,
        instruments: [],
      }),
      step(evaluate, {
        name: "Évaluer",
        description: "Évaluation du bien-être et du parcours avec la personne.",
        responsibleActor: "link_worker",
        targetDelayDays: 90,
        expectedDurationMinutes: 45,
        instruments: ["SWEMWBS"],
      }),
    ],
    integratedTrack: null,
    version: 0,
    updatedAt: null,
  };
}
