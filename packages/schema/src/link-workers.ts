import * as v from "valibot";
import { LinkWorkerId, UserId } from "./ids";
import { CHOOSE_ONE, message } from "./messages";
import { PageQuery } from "./page";
import { InseeCode } from "./territory";

/**
 * Link workers (agents de liaison) of a territory: the profile of DESIGN.md §2. Flat fields, so that a
 * spreadsheet row maps to one record column by column (imports update rows by `reference`).
 */

export const linkWorkerProfiles = [
  "medical_assistant",
  "coordinator",
  "pathway_nurse",
  "health_mediator",
  "social_worker",
  "other",
] as const;
export const LinkWorkerProfile = v.picklist(linkWorkerProfiles, CHOOSE_ONE);

export const fundingSources = [
  "ars",
  "cpam",
  "article51",
  "local_authority",
  "foundation",
  "employer",
  "other",
] as const;
export const FundingSource = v.picklist(fundingSources, CHOOSE_ONE);

export const supervisionTypes = ["none", "individual", "group"] as const;
export const SupervisionType = v.picklist(supervisionTypes, CHOOSE_ONE);

export const supervisionFrequencies = ["weekly", "fortnightly", "monthly", "quarterly", "other"] as const;
export const SupervisionFrequency = v.picklist(supervisionFrequencies, CHOOSE_ONE);

/** ISO 639-1 two-letter language codes. */
export const languageCodes = (
  "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv " +
  "dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie " +
  "ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv " +
  "mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm " +
  "rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts " +
  "tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu"
).split(" ");
const LANGUAGES = new Set(languageCodes);

export const Language = v.pipe(
  v.string(),
  v.length(2, message("language.unknown")),
  v.check((code) => LANGUAGES.has(code), message("language.unknown")),
);

const unique = <T>(list: T[]) => new Set(list).size === list.length;

/**
 * The stable key of a row in the territory's spreadsheet ("AL-001"): unique in the territory
 * (case-insensitive), generated when absent.
 */
export const Reference = v.pipe(
  v.string(),
  v.trim(),
  v.regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/, message("reference.format")),
);

export const IsoDate = v.pipe(v.string(), v.isoDate(message("date.format")));

/** A required short text (names of people and structures). */
export const Label = (max: number) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, message("name.too_short")),
    v.maxLength(max, message("text.too_long")),
  );

/** An optional free text: null when absent, empty strings stored as null. */
export const OptionalText = (max: number) =>
  v.optional(
    v.nullable(
      v.pipe(
        v.string(),
        v.trim(),
        v.maxLength(max, message("text.too_long")),
        v.transform((text) => (text === "" ? null : text)),
      ),
    ),
    null,
  );

export const Count = v.pipe(
  v.number(message("count.whole")),
  v.integer(message("count.whole")),
  v.minValue(0, message("count.whole")),
  v.maxValue(100_000, message("count.whole")),
);

export const CommuneList = (max: number) =>
  v.pipe(
    v.array(InseeCode),
    v.maxLength(max, message("communes.too_many")),
    v.check(unique, message("communes.duplicate")),
  );

const profileEntries = {
  name: Label(120),
  profileType: LinkWorkerProfile,
  employer: Label(160),
  fte: v.pipe(
    v.number(message("fte.range")),
    v.gtValue(0, message("fte.range")),
    v.maxValue(1, message("fte.range")),
    // Hundredths at most (0.05, 0.8): also keeps values inside what DynamoDB numbers can store.
    v.check((fte) => Number(fte.toFixed(2)) === fte, message("fte.precision")),
  ),
  fundingSource: FundingSource,
  /** Free text beside the closed list (the scheme's name, "FIR 2026"…). */
  fundingDetail: OptionalText(160),
  communityHealthTraining: v.boolean(CHOOSE_ONE),
  trainingName: OptionalText(160),
  trainingDate: v.optional(v.nullable(IsoDate), null),
  supervision: SupervisionType,
  supervisionFrequency: v.optional(v.nullable(SupervisionFrequency), null),
  caseloadCapacity: v.optional(v.nullable(Count), null),
  languages: v.optional(
    v.pipe(
      v.array(Language),
      v.maxLength(30, message("values.too_many")),
      v.check(unique, message("values.duplicate")),
    ),
    [],
  ),
  communes: v.optional(CommuneList(500), []),
  activeFrom: v.optional(v.nullable(IsoDate), null),
  activeTo: v.optional(v.nullable(IsoDate), null),
};

type ProfileShape = {
  communityHealthTraining: boolean;
  trainingName: string | null;
  trainingDate: string | null;
  supervision: string;
  supervisionFrequency: string | null;
  activeFrom: string | null;
  activeTo: string | null;
};

/** The cross-field rules, each reported on its field in the same pass as the others. */
function profileRules<T extends v.GenericSchema<unknown, ProfileShape>>(
  schema: T,
): v.GenericSchema<v.InferInput<T>, v.InferOutput<T>> {
  // Typed on the profile's fields only (valibot cannot check paths on a generic object type).
  const profile = schema as unknown as v.GenericSchema<ProfileShape, ProfileShape>;
  return v.pipe(
    profile,
    v.forward(
      v.partialCheck(
        [["activeFrom"], ["activeTo"]],
        (p: ProfileShape) => p.activeFrom === null || p.activeTo === null || p.activeTo >= p.activeFrom,
        message("date.end_before_start"),
      ),
      ["activeTo"],
    ),
    v.forward(
      v.partialCheck(
        [["communityHealthTraining"], ["trainingName"]],
        (p: ProfileShape) => p.communityHealthTraining || p.trainingName === null,
        message("training.without_training"),
      ),
      ["trainingName"],
    ),
    v.forward(
      v.partialCheck(
        [["communityHealthTraining"], ["trainingDate"]],
        (p: ProfileShape) => p.communityHealthTraining || p.trainingDate === null,
        message("training.without_training"),
      ),
      ["trainingDate"],
    ),
    v.forward(
      v.partialCheck(
        [["supervision"], ["supervisionFrequency"]],
        (p: ProfileShape) => p.supervision !== "none" || p.supervisionFrequency === null,
        message("supervision.frequency_without_supervision"),
      ),
      ["supervisionFrequency"],
    ),
  );
}

const linkEntries = {
  /** Generated ("AL-001") when absent. */
  reference: v.optional(v.nullable(Reference), null),
  /** The person (a member of the territory with the link_worker role) this profile is theirs. */
  userId: v.optional(v.nullable(UserId), null),
};

/** What a lead fills in to add a link worker. */
export const LinkWorkerCreate = profileRules(v.object({ ...profileEntries, ...linkEntries }));
export type LinkWorkerCreate = v.InferInput<typeof LinkWorkerCreate>;

/** A lead's edit: every field plus the version they started from (a null reference keeps the current one). */
export const LinkWorkerUpdate = profileRules(
  v.object({
    ...profileEntries,
    ...linkEntries,
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
);
export type LinkWorkerUpdate = v.InferInput<typeof LinkWorkerUpdate>;

/** One spreadsheet row (import): the profile and its reference; the linked person is never imported. */
export const LinkWorkerRow = profileRules(v.object({ ...profileEntries, reference: linkEntries.reference }));
export type LinkWorkerRow = v.InferOutput<typeof LinkWorkerRow>;

const storedEntries = {
  id: LinkWorkerId,
  reference: v.string(),
  ...profileEntries,
  userId: v.nullable(v.string()),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
};

/** What is stored (the entity's schema). */
export const LinkWorkerStored = v.object(storedEntries);
export type LinkWorkerStored = v.InferOutput<typeof LinkWorkerStored>;

/** What the API answers: the stored profile and the linked person's display name, read at the time. */
export const LinkWorker = v.object({
  ...storedEntries,
  /** The linked person's display name (null without a link, or when they are no longer a member). */
  userDisplayName: v.nullable(v.string()),
  /** Open journeys assigned to this link worker now (their caseload, beside `caseloadCapacity`). */
  openJourneys: v.number(),
});
export type LinkWorker = v.InferOutput<typeof LinkWorker>;

export const LinkWorkerQuery = v.object({ ...PageQuery.entries });
export type LinkWorkerQuery = v.InferOutput<typeof LinkWorkerQuery>;
