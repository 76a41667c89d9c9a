import * as v from "valibot";
import { ResourceId } from "./ids";
import { Count, IsoDate, Label, OptionalText, Reference } from "./link-workers";
import { CHOOSE_ONE, message } from "./messages";
import { PageQuery } from "./page";
import { InseeCode } from "./territory";

/**
 * The local resource catalogue (DESIGN.md §2): structures and their services in four pillars, each
 * with its categories. Flat fields, so a spreadsheet row maps to one record (imports update by
 * `reference`).
 */

export const pillars = ["rights", "health", "social", "volunteering"] as const;
export type Pillar = (typeof pillars)[number];
export const PillarSchema = v.picklist(pillars, CHOOSE_ONE);

/** The categories of each pillar (codes unique across pillars). */
export const categoriesByPillar = {
  rights: [
    "cpam",
    "caf",
    "msa",
    "carsat",
    "ccas",
    "social_services",
    "france_services",
    "legal_access",
    "housing",
    "employment",
    "digital_inclusion",
    "food_aid",
    "other_rights",
  ],
  health: [
    "adapted_physical_activity",
    "therapeutic_education",
    "sport_health_house",
    "prevention",
    "mental_health",
    "addiction",
    "nutrition",
    "medico_social",
    "carers_support",
    "other_health",
  ],
  social: [
    "nature",
    "music",
    "art",
    "culture",
    "cafe",
    "gem",
    "peer_support",
    "sport_leisure",
    "crafts_cooking",
    "social_centre",
    "intergenerational",
    "other_social",
  ],
  volunteering: [
    "volunteering_solidarity",
    "volunteering_environment",
    "volunteering_culture_sport",
    "civic_participation",
    "skills_exchange",
    "volunteering_platform",
    "other_volunteering",
  ],
} as const satisfies Record<Pillar, readonly string[]>;

export type ResourceCategory = (typeof categoriesByPillar)[Pillar][number];
export const resourceCategories = Object.values(categoriesByPillar).flat() as ResourceCategory[];
export const ResourceCategorySchema = v.picklist(resourceCategories, CHOOSE_ONE);

/** The pillar a category belongs to. */
export function pillarOf(category: ResourceCategory): Pillar {
  return pillars.find((p) => (categoriesByPillar[p] as readonly string[]).includes(category)) as Pillar;
}

export const accessibilityFlags = [
  "wheelchair",
  "hearing_loop",
  "sign_language",
  "easy_read",
  "visual_impairment",
  "public_transport",
  "remote",
  "home_visits",
] as const;
export const AccessibilityFlag = v.picklist(accessibilityFlags, CHOOSE_ONE);

export const costTypes = ["free", "reduced", "paid"] as const;
export const CostType = v.picklist(costTypes, CHOOSE_ONE);

/** Who an offer is for (the first five are DESIGN.md's target groups). */
export const resourcePublics = [
  "isolated",
  "psychological_distress",
  "chronic_disease",
  "precarity",
  "young_people",
  "all",
  "seniors",
  "families",
  "disability",
  "carers",
] as const;
export const ResourcePublic = v.picklist(resourcePublics, CHOOSE_ONE);

const unique = <T>(list: T[]) => new Set(list).size === list.length;
const uniqueList = <S extends v.GenericSchema>(item: S, max: number) =>
  v.optional(
    v.pipe(
      v.array(item),
      v.maxLength(max, message("values.too_many")),
      v.check(unique, message("values.duplicate")),
    ),
    [],
  );

/** A French phone number (0 or +33 and nine digits, spaced or not) or a 4-digit short number (3646). */
export const Phone = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(20, message("phone.format")),
  v.regex(/^(?:(?:\+33 ?|0)[1-9](?:[ .-]?\d{2}){4}|[1-9]\d{3})$/, message("phone.format")),
);

export const Website = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(300, message("text.too_long")),
  v.url(message("url.format")),
  v.regex(/^https?:\/\//, message("url.format")),
);

export const ContactEmail = v.pipe(
  v.string(),
  v.trim(),
  v.maxLength(254, message("email.too_long")),
  v.email(message("email.format")),
);

/** Absent or null: no value (an import turns empty cells into null). */
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema), null);

const resourceEntries = {
  pillar: PillarSchema,
  category: ResourceCategorySchema,
  structureName: Label(160),
  /** The service offered by the structure (null when the resource is the structure itself). */
  serviceName: OptionalText(160),
  description: OptionalText(2000),
  commune: InseeCode,
  address: OptionalText(200),
  accessibility: uniqueList(AccessibilityFlag, accessibilityFlags.length),
  cost: CostType,
  /** The amount or the conditions ("5 € par séance", "selon quotient familial"). */
  costDetail: OptionalText(160),
  schedule: OptionalText(300),
  capacity: v.optional(v.nullable(Count), null),
  phone: nullable(Phone),
  email: nullable(ContactEmail),
  website: nullable(Website),
  publics: uniqueList(ResourcePublic, resourcePublics.length),
  /** The day someone last checked the offer (null: never): stale 6 months after it. */
  lastVerified: v.optional(v.nullable(IsoDate), null),
};

type PillarShape = { pillar: Pillar; category: ResourceCategory };

function resourceRules<T extends v.GenericSchema<unknown, PillarShape>>(
  schema: T,
): v.GenericSchema<v.InferInput<T>, v.InferOutput<T>> {
  // Typed on the two fields it reads (valibot cannot check paths on a generic object type).
  const typed = schema as unknown as v.GenericSchema<PillarShape, PillarShape>;
  return v.pipe(
    typed,
    v.forward(
      v.partialCheck(
        [["pillar"], ["category"]],
        (r: PillarShape) => pillarOf(r.category) === r.pillar,
        message("category.wrong_pillar"),
      ),
      ["category"],
    ),
  );
}

const refEntry = { reference: v.optional(v.nullable(Reference), null) };

/** What a lead fills in to add a resource (`lastVerified` omitted: today, the lead is checking it now). */
export const ResourceCreate = resourceRules(
  v.object({ ...resourceEntries, ...refEntry, lastVerified: v.optional(v.nullable(IsoDate)) }),
);
export type ResourceCreate = v.InferInput<typeof ResourceCreate>;

/**
 * A lead's edit: every field plus the version they started from (a null reference keeps the current
 * one, an absent `lastVerified` too).
 */
export const ResourceUpdate = resourceRules(
  v.object({
    ...resourceEntries,
    ...refEntry,
    /** Absent: kept as it is ("mark as verified" is its own action); null: never verified. */
    lastVerified: v.optional(v.nullable(IsoDate)),
    version: v.pipe(v.number(), v.integer(), v.minValue(1)),
  }),
);
export type ResourceUpdate = v.InferInput<typeof ResourceUpdate>;

/** One spreadsheet or data·inclusion row (import). */
export const ResourceRow = resourceRules(v.object({ ...resourceEntries, ...refEntry }));
export type ResourceRow = v.InferOutput<typeof ResourceRow>;

/** "Mark as verified": the version the person saw. */
export const ResourceVerify = v.object({ version: v.pipe(v.number(), v.integer(), v.minValue(1)) });
export type ResourceVerify = v.InferOutput<typeof ResourceVerify>;

const storedEntries = {
  id: ResourceId,
  reference: v.string(),
  ...resourceEntries,
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
};

/** What is stored (the entity's schema). */
export const ResourceStored = v.object(storedEntries);
export type ResourceStored = v.InferOutput<typeof ResourceStored>;

/** What the API answers: the stored resource and its stale flag, computed against today. */
export const Resource = v.object({
  ...storedEntries,
  /** Never verified, or last verified more than 6 months before today. */
  stale: v.boolean(),
});
export type Resource = v.InferOutput<typeof Resource>;

/** Months after which an unverified offer is flagged stale. */
export const STALE_AFTER_MONTHS = 6;

/** Search and filters; every one is optional, `q` is accent- and case-insensitive. */
export const ResourceQuery = v.object({
  ...PageQuery.entries,
  pillar: v.optional(PillarSchema),
  category: v.optional(ResourceCategorySchema),
  commune: v.optional(InseeCode),
  stale: v.optional(
    v.pipe(
      v.picklist(["true", "false"], CHOOSE_ONE),
      v.transform((flag) => flag === "true"),
    ),
  ),
  q: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(100, message("text.too_long")))),
});
export type ResourceQuery = v.InferOutput<typeof ResourceQuery>;
