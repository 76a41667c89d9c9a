import * as v from "valibot";
import { idSchema, LinkWorkerId, ResourceId, StepId } from "./ids";
import { IsoDate, Reference } from "./link-workers";
import { CHOOSE_ONE, message } from "./messages";
import { PageQuery } from "./page";
import { MeasureCode } from "./pathway";
import { AgeBand, DistressLevel, PrecarityMarker, precarityMarkers, Sex, Track, TriState } from "./person";
import { PseudonymousText } from "./pseudonymity";
import { TargetGroupCode, targetGroups } from "./referrals";
import { PillarSchema, pillars } from "./resources";
import { InseeCode } from "./territory";

/**
 * A person's journey (parcours individuel), pseudonymised by construction (DESIGN.md §3): a code the
 * system draws, coded person attributes, and dated events along the funnel. Free text is limited to a
 * few short fields, each of which refuses what looks like a name's companions (NIR, phone, e-mail,
 * address: `PseudonymousText`).
 */

export const JourneyId = idSchema("journey");
export const EventId = idSchema("event");
export const MeasureId = idSchema("measure");

/** Crockford base32 without I, L, O, U: nothing to misread on paper. */
export const JOURNEY_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** "K7M-4QX": 6 random characters (32^6 ≈ 1.07 billion codes per territory), drawn by the server. */
export const JourneyCode = v.pipe(
  v.string(),
  v.regex(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/, message("journey.code.format")),
);

const unique = <T>(list: T[]) => new Set(list).size === list.length;
const codes = <T extends v.GenericSchema<unknown, string>>(item: T, max: number) =>
  v.pipe(
    v.array(item),
    v.maxLength(max, message("values.too_many")),
    v.check(unique, message("values.duplicate")),
  );

/** Who the person is, for equity analysis only: every field coded. */
export const JourneyPerson = v.object({
  ageBand: AgeBand,
  sex: Sex,
  /** INSEE code of the commune of residence (checked against the density grid), or not known. */
  commune: v.nullable(InseeCode),
  /** Lives in a QPV (quartier prioritaire de la politique de la ville), recorded: a QPV is smaller than a commune. */
  qpv: TriState,
  precarity: codes(PrecarityMarker, precarityMarkers.length),
  livesAlone: TriState,
  chronicCondition: TriState,
  psychiatricComorbidity: TriState,
  distress: DistressLevel,
  targetGroups: codes(TargetGroupCode, targetGroups.length),
});
export type JourneyPerson = v.InferOutput<typeof JourneyPerson>;

/** Who refers (the prescriber's type), beside the route the referral arrived by. */
export const prescriberTypes = [
  "gp",
  "nurse",
  "pharmacist",
  "midwife",
  "psychiatrist",
  "psychologist",
  "physiotherapist",
  "specialist_physician",
  "occupational_therapist",
  "dietitian",
  "social_worker",
  "hospital_team",
  "community_worker",
  "self",
  "other",
] as const;
export const PrescriberType = v.picklist(prescriberTypes, CHOOSE_ONE);

/** Why the person is referred (coded; several may apply). */
export const referralReasons = [
  "loneliness",
  "low_mood",
  "anxiety_stress",
  "physical_inactivity",
  "long_term_condition",
  "weight_nutrition",
  "sleep",
  "bereavement",
  "carer_strain",
  "financial_difficulty",
  "housing",
  "employment",
  "rights_access",
  "digital_exclusion",
  "other",
] as const;
export const ReferralReason = v.picklist(referralReasons, CHOOSE_ONE);

/** SNOMED CT concepts used in England (DESIGN.md §3), carried beside the French labels. */
export const SNOMED_REFERRED = "871731000000106";
export const SNOMED_DECLINED = "871711000000103";

export const contactModes = ["phone", "in_person", "home_visit", "video", "other"] as const;
export const ContactMode = v.picklist(contactModes, CHOOSE_ONE);

export const attendances = ["pending", "attended", "not_attended"] as const;
export const Attendance = v.picklist(attendances, CHOOSE_ONE);

export const exitReasons = ["completed", "declined", "lost_to_follow_up", "redirected"] as const;
export const ExitReason = v.picklist(exitReasons, CHOOSE_ONE);

export const declineReasons = [
  "not_interested",
  "no_time",
  "health_worsened",
  "already_supported",
  "practical_barrier",
  "moved_away",
  "other",
] as const;
export const DeclineReason = v.picklist(declineReasons, CHOOSE_ONE);

/** Where a redirected person goes (coded). */
export const redirectTargets = [
  "gp",
  "mental_health_service",
  "social_services",
  "other_scheme",
  "hospital",
  "other",
] as const;
export const RedirectTarget = v.picklist(redirectTargets, CHOOSE_ONE);

/** The funnel's events, in the order a journey passes them (DESIGN.md §3). */
export const eventTypes = [
  "referral",
  "first_contact",
  "initial_interview",
  "plan",
  "orientation",
  "follow_up",
  "evaluation",
  "exit",
  "reopen",
] as const;
export type EventType = (typeof eventTypes)[number];

const Minutes = v.pipe(
  v.number(message("interview.duration.range")),
  v.integer(message("interview.duration.range")),
  v.minValue(1, message("interview.duration.range")),
  v.maxValue(480, message("interview.duration.range")),
);

export const MAX_GOALS = 10;
export const Goal = v.object({
  pillar: PillarSchema,
  /** A short label ("reprendre la marche") — never a diagnosis, name or contact. */
  label: PseudonymousText(120, { length: 2, message: message("goal.label.too_short") }),
});

const base = { id: v.optional(EventId), date: IsoDate };

/** One event, as sent and stored (the server gives a new event its id). */
export const JourneyEvent = v.variant("type", [
  v.object({
    ...base,
    type: v.literal("referral"),
    /** The route key of the territory's referral settings ("gp", "health_professional:nurse"). */
    route: v.pipe(v.string(), v.maxLength(60, message("referral.route.unknown"))),
    prescriber: PrescriberType,
    reasons: v.pipe(
      codes(ReferralReason, referralReasons.length),
      v.minLength(1, message("referral.reasons.required")),
    ),
    /** SNOMED CT 871731000000106 recorded with the referral (optional). */
    snomed: v.optional(v.boolean(), false),
  }),
  v.object({ ...base, type: v.literal("first_contact"), mode: ContactMode }),
  v.object({ ...base, type: v.literal("initial_interview"), durationMinutes: Minutes, mode: ContactMode }),
  v.object({
    ...base,
    type: v.literal("plan"),
    goals: v.pipe(
      v.array(Goal),
      v.minLength(1, message("plan.goals.required")),
      v.maxLength(MAX_GOALS, message("values.too_many")),
    ),
    pillars: v.pipe(codes(PillarSchema, pillars.length), v.minLength(1, message("plan.pillars.required"))),
  }),
  v.object({ ...base, type: v.literal("orientation"), resourceId: ResourceId, attendance: Attendance }),
  v.object({
    ...base,
    type: v.literal("follow_up"),
    mode: ContactMode,
    note: v.optional(PseudonymousText(280), ""),
  }),
  v.object({ ...base, type: v.literal("evaluation") }),
  v.object({
    ...base,
    type: v.literal("exit"),
    reason: ExitReason,
    declineReason: v.optional(v.nullable(DeclineReason), null),
    redirectTarget: v.optional(v.nullable(RedirectTarget), null),
    /** SNOMED CT 871711000000103 recorded with a decline (optional). */
    snomed: v.optional(v.boolean(), false),
  }),
  v.object({
    ...base,
    type: v.literal("reopen"),
    reason: PseudonymousText(200, { length: 2, message: message("reopen.reason.required") }),
  }),
]);
export type JourneyEventInput = v.InferInput<typeof JourneyEvent>;
export type JourneyEvent = v.InferOutput<typeof JourneyEvent> & { id: string };

export const timepoints = ["baseline", "follow_up"] as const;
export const Timepoint = v.picklist(timepoints, CHOOSE_ONE);
export type Timepoint = (typeof timepoints)[number];

/**
 * One administration of a measure: coded answers only (never item wording), scored by the server
 * (@maillage/measures). `answers` is checked against its instrument by the scoring module.
 */
export const MeasureInput = v.object({
  id: v.optional(MeasureId),
  instrument: MeasureCode,
  timepoint: Timepoint,
  date: IsoDate,
  /** The pathway step it was taken at (null: not tied to a step). */
  stepId: v.optional(v.nullable(StepId), null),
  answers: v.record(v.string(), v.unknown()),
});
export type MeasureInput = v.InferOutput<typeof MeasureInput>;

export const MAX_EVENTS = 120;
export const MAX_MEASURES = 24;

const Version = v.pipe(v.number(), v.integer(), v.minValue(1));

/** A new journey: the person, who follows them, and (usually) its referral; more events may come along. */
export const JourneyCreate = v.object({
  person: JourneyPerson,
  linkWorkerId: v.nullable(LinkWorkerId),
  /** Proposed from the person's markers and the pathway's integrated track when absent. */
  track: v.optional(v.nullable(Track), null),
  /** The pilot's own reference for the journey (spreadsheet imports match on it). */
  externalReference: v.optional(v.nullable(Reference), null),
  events: v.pipe(v.array(JourneyEvent), v.maxLength(MAX_EVENTS, message("values.too_many"))),
  measures: v.optional(
    v.pipe(v.array(MeasureInput), v.maxLength(MAX_MEASURES, message("values.too_many"))),
    [],
  ),
});
export type JourneyCreate = v.InferInput<typeof JourneyCreate>;

export const JourneyUpdate = v.object({
  person: JourneyPerson,
  track: Track,
  externalReference: v.optional(v.nullable(Reference), null),
  version: Version,
});
export type JourneyUpdate = v.InferOutput<typeof JourneyUpdate>;

export const JourneyAssignment = v.object({ linkWorkerId: v.nullable(LinkWorkerId), version: Version });
export const JourneyEventWrite = v.object({ event: JourneyEvent, version: Version });
export const JourneyMeasureWrite = v.object({ measure: MeasureInput, version: Version });
/** A deletion names the version it was decided on (a JSON body: DELETE …, `{ "version": 3 }`). */
export const VersionBody = v.object({ version: Version });

/** Where a journey stands, derived from its events (never entered). */
export const journeyStatuses = [
  "referred",
  "contacted",
  "interviewed",
  "planned",
  "active",
  "completed",
  "declined",
  "lost_to_follow_up",
  "redirected",
] as const;
export type JourneyStatus = (typeof journeyStatuses)[number];
export const JourneyStatusSchema = v.picklist(journeyStatuses, CHOOSE_ONE);
export const OPEN_STATUSES: readonly JourneyStatus[] = [
  "referred",
  "contacted",
  "interviewed",
  "planned",
  "active",
];

/** A stored measure: its answers and the score the server computed (shape per instrument). */
export const StoredMeasure = v.object({
  id: MeasureId,
  instrument: MeasureCode,
  timepoint: Timepoint,
  date: IsoDate,
  stepId: v.nullable(StepId),
  answers: v.record(v.string(), v.unknown()),
  score: v.record(v.string(), v.unknown()),
});
export type StoredMeasure = v.InferOutput<typeof StoredMeasure>;

/** One pathway step's delay in a journey: days from the previous step's event against the target. */
export const StepDelay = v.object({
  stepId: StepId,
  stage: v.picklist(eventTypes),
  days: v.nullable(v.number()),
  targetDays: v.nullable(v.number()),
  late: v.nullable(v.boolean()),
});
export type StepDelay = v.InferOutput<typeof StepDelay>;

/** The funnel's dates, derived (the first event of each stage in the current or last segment). */
export const Milestones = v.object({
  referral: v.nullable(IsoDate),
  firstContact: v.nullable(IsoDate),
  initialInterview: v.nullable(IsoDate),
  plan: v.nullable(IsoDate),
  firstOrientation: v.nullable(IsoDate),
  firstActivity: v.nullable(IsoDate),
  firstFollowUp: v.nullable(IsoDate),
  evaluation: v.nullable(IsoDate),
  exit: v.nullable(IsoDate),
});
export type Milestones = v.InferOutput<typeof Milestones>;

export const JourneySummary = v.object({
  id: JourneyId,
  code: JourneyCode,
  externalReference: v.nullable(v.string()),
  linkWorkerId: v.nullable(LinkWorkerId),
  person: JourneyPerson,
  /** 1 dense, 2 intermediate, 3 rural (INSEE grille communale de densité 2024), from the commune. */
  rurality: v.nullable(v.picklist([1, 2, 3])),
  track: Track,
  status: JourneyStatusSchema,
  route: v.nullable(v.string()),
  exitReason: v.nullable(ExitReason),
  declineReason: v.nullable(DeclineReason),
  milestones: Milestones,
  /**
   * The outcome values indicators read, per measure key: `WEMWBS` (total), `SWEMWBS` (metric score),
   * `UCLA3` (total), `LONELY_OFTEN` (1 when the direct question is answered often/always, else 0),
   * `ONS4_<QUESTION>` (each answer, never summed), `custom:<code>` (total): the baseline's value and the
   * latest follow-up's (null when not taken).
   */
  /**
   * Orientations to resources as the indicators read them: their date, the resource's pillar when the
   * journey was written, and whether the person went (null: not known yet).
   */
  orientations: v.optional(
    v.array(v.object({ date: v.string(), pillar: v.string(), attended: v.nullable(v.boolean()) })),
    [],
  ),
  outcomes: v.optional(
    v.record(v.string(), v.object({ baseline: v.nullable(v.number()), followUp: v.nullable(v.number()) })),
    {},
  ),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type JourneySummary = v.InferOutput<typeof JourneySummary>;

export const Journey = v.object({
  ...JourneySummary.entries,
  /** Chronological; every stored event has its id. */
  events: v.array(JourneyEvent),
  measures: v.array(StoredMeasure),
  delays: v.array(StepDelay),
  linkWorkerName: v.nullable(v.string()),
});

export const JourneyQuery = v.object({
  ...PageQuery.entries,
  status: v.optional(JourneyStatusSchema),
  linkWorkerId: v.optional(LinkWorkerId),
});
export type JourneyQuery = v.InferOutput<typeof JourneyQuery>;

/** Whether link workers see only the journeys assigned to them (default) or all of the team's. */
export const journeySharings = ["assigned", "team"] as const;
/**
 * A territory's own measure, as sent and stored: `@maillage/measures` checks the rules (items 1–40,
 * whole bounds, min < max, meaningful change within the range); its code is used as `custom:<code>`.
 */
export const CustomMeasure = v.object({
  code: v.pipe(v.string(), v.maxLength(40, message("measure.definition.code"))),
  label: v.pipe(v.string(), v.maxLength(120, message("name.too_long"))),
  items: v.number(),
  min: v.number(),
  max: v.number(),
  direction: v.picklist(["higher_is_better", "lower_is_better"], CHOOSE_ONE),
  meaningfulChange: v.optional(v.nullable(v.number()), null),
});
export type CustomMeasure = v.InferOutput<typeof CustomMeasure>;

export const JourneySettings = v.object({
  sharing: v.picklist(journeySharings, CHOOSE_ONE),
  customMeasures: v.optional(v.array(CustomMeasure), []),
  version: v.number(),
  updatedAt: v.nullable(v.string()),
});
export type JourneySettings = v.InferOutput<typeof JourneySettings>;
/** `customMeasures` left out keeps the current ones; a measure's code, once saved, keeps its scale. */
export const JourneySettingsUpdate = v.object({
  sharing: v.picklist(journeySharings, CHOOSE_ONE),
  customMeasures: v.optional(v.pipe(v.array(CustomMeasure), v.maxLength(20, message("values.too_many")))),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
