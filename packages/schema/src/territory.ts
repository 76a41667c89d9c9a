import * as v from "valibot";
import { TerritoryId } from "./ids";
import { CHOOSE_ONE } from "./messages";

export const carrierTypes = [
  "cpts",
  "msp",
  "centre_sante",
  "cls",
  "commune",
  "intercommunalite",
  "association",
  "other",
] as const;
export const CarrierType = v.picklist(carrierTypes, CHOOSE_ONE);

export const programmes = ["ami", "article51", "other"] as const;
export const Programme = v.picklist(programmes, CHOOSE_ONE);

/** INSEE commune code (COG): 5 digits, or 2A/2B + 3 digits for Corsica. */
export const InseeCode = v.pipe(
  v.string(),
  v.regex(/^(\d{5}|2[AB]\d{3})$/, "Expected an INSEE commune code (5 characters, e.g. 75056)"),
);

const Name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, "At least 2 characters"),
  v.maxLength(120, "At most 120 characters"),
);

const IsoDate = v.pipe(v.string(), v.isoDate("Expected a date (YYYY-MM-DD)"));

const END_BEFORE_START = "The end date must be on or after the start date";

const profileEntries = {
  name: Name,
  carrierType: CarrierType,
  carrierName: v.pipe(v.string(), v.trim(), v.maxLength(160, "At most 160 characters")),
  communes: v.pipe(
    v.array(InseeCode),
    v.minLength(1, "At least one commune"),
    v.maxLength(1000, "At most 1000 communes"),
    v.check((codes) => new Set(codes).size === codes.length, "Each commune must appear once"),
  ),
  population: v.pipe(
    v.number(),
    v.integer("Expected a whole number"),
    v.minValue(0, "Cannot be negative"),
    v.maxValue(20_000_000, "At most 20,000,000"),
  ),
  priorityNeighbourhoods: v.pipe(
    v.array(v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(120))),
    v.maxLength(200, "At most 200 neighbourhoods"),
  ),
  programme: Programme,
  startDate: IsoDate,
  endDate: v.nullable(IsoDate),
};

/** What the operator fills in to create a territory. */
export const TerritoryCreate = v.pipe(
  v.object(profileEntries),
  v.forward(
    v.check((p) => p.endDate === null || p.endDate >= p.startDate, END_BEFORE_START),
    ["endDate"],
  ),
);
export type TerritoryCreate = v.InferOutput<typeof TerritoryCreate>;

/** A lead's edit of the profile: every field plus the version they started from. */
export const TerritoryProfileUpdate = v.pipe(
  v.object({ ...profileEntries, version: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  v.forward(
    v.check((p) => p.endDate === null || p.endDate >= p.startDate, END_BEFORE_START),
    ["endDate"],
  ),
);
export type TerritoryProfileUpdate = v.InferOutput<typeof TerritoryProfileUpdate>;

export const rurality = ["urban", "intermediate", "rural", "unknown"] as const;
export const Rurality = v.picklist(rurality);

export const Territory = v.object({
  id: TerritoryId,
  ...profileEntries,
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Territory = v.InferOutput<typeof Territory>;

/** A commune of the territory as the INSEE density grid (2024) describes it. */
export const CommuneInfo = v.object({
  code: v.string(),
  name: v.nullable(v.string()),
  /** INSEE 3-level density: 1 dense, 2 intermediate, 3 rural; null when the code is unknown. */
  density: v.nullable(v.picklist([1, 2, 3])),
  densityLabel: v.nullable(v.string()),
  population: v.nullable(v.number()),
});
export type CommuneInfo = v.InferOutput<typeof CommuneInfo>;

export const TerritoryOverview = v.object({
  territory: Territory,
  communes: v.array(CommuneInfo),
  /** Share of the communes' municipal population living in rural communes (density 3). */
  ruralPopulationShare: v.nullable(v.number()),
  rurality: Rurality,
  members: v.object({ territory_lead: v.number(), link_worker: v.number() }),
  federations: v.array(v.object({ id: v.string(), name: v.string() })),
  funders: v.array(v.object({ id: v.string(), name: v.string() })),
});
export type TerritoryOverview = v.InferOutput<typeof TerritoryOverview>;
