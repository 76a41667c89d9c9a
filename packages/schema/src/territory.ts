import * as v from "valibot";
import { TerritoryId } from "./ids";
import { CHOOSE_ONE, message } from "./messages";

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
export const InseeCode = v.pipe(v.string(), v.regex(/^(\d{5}|2[AB]\d{3})$/, message("commune.format")));

const Name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, message("name.too_short")),
  v.maxLength(120, message("name.too_long")),
);

const IsoDate = v.pipe(v.string(), v.isoDate(message("date.format")));

const END_BEFORE_START = message("date.end_before_start");

const profileEntries = {
  name: Name,
  carrierType: CarrierType,
  carrierName: v.pipe(v.string(), v.trim(), v.maxLength(160, message("carrier_name.too_long"))),
  communes: v.pipe(
    v.array(InseeCode),
    v.minLength(1, message("communes.required")),
    v.maxLength(1000, message("communes.too_many")),
    v.check((codes) => new Set(codes).size === codes.length, message("communes.duplicate")),
  ),
  population: v.pipe(
    v.number(message("population.number")),
    v.integer(message("population.whole")),
    v.minValue(0, message("population.negative")),
    v.maxValue(20_000_000, message("population.too_large")),
  ),
  priorityNeighbourhoods: v.pipe(
    v.array(
      v.pipe(
        v.string(),
        v.trim(),
        v.minLength(1, message("neighbourhood.empty")),
        v.maxLength(120, message("neighbourhood.too_long")),
      ),
    ),
    v.maxLength(200, message("neighbourhoods.too_many")),
  ),
  programme: Programme,
  startDate: IsoDate,
  endDate: v.nullable(IsoDate),
};

/** What the operator fills in to create a territory. */
export const TerritoryCreate = v.pipe(
  v.object(profileEntries),
  // partialCheck: checked as soon as both dates are valid, even when other fields are not, so that a
  // form gets every issue in one pass.
  v.forward(
    v.partialCheck(
      [["startDate"], ["endDate"]],
      (p) => p.endDate === null || p.endDate >= p.startDate,
      END_BEFORE_START,
    ),
    ["endDate"],
  ),
);
export type TerritoryCreate = v.InferOutput<typeof TerritoryCreate>;

/** A lead's edit of the profile: every field plus the version they started from. */
export const TerritoryProfileUpdate = v.pipe(
  v.object({ ...profileEntries, version: v.pipe(v.number(), v.integer(), v.minValue(1)) }),
  // The same one-pass rule as TerritoryCreate.
  v.forward(
    v.partialCheck(
      [["startDate"], ["endDate"]],
      (p) => p.endDate === null || p.endDate >= p.startDate,
      END_BEFORE_START,
    ),
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
