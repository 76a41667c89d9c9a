import * as v from "valibot";
import { FederationId, FunderId, TerritoryId } from "./ids";
import { CHOOSE_ONE, message } from "./messages";

const Name = v.pipe(
  v.string(),
  v.trim(),
  v.minLength(2, message("name.too_short")),
  v.maxLength(120, message("name.too_long")),
);

export const FederationCreate = v.object({
  name: Name,
  description: v.pipe(v.string(), v.trim(), v.maxLength(500, message("description.too_long"))),
});
export type FederationCreate = v.InferOutput<typeof FederationCreate>;

export const funderTypes = ["ars", "cpam", "local_authority", "foundation", "other"] as const;
export const FunderType = v.picklist(funderTypes, CHOOSE_ONE);

export const FunderCreate = v.object({ name: Name, funderType: FunderType });
export type FunderCreate = v.InferOutput<typeof FunderCreate>;

export const Federation = v.object({
  id: FederationId,
  ...FederationCreate.entries,
  territoryIds: v.array(TerritoryId),
  version: v.number(),
  createdAt: v.string(),
});
export type Federation = v.InferOutput<typeof Federation>;

export const Funder = v.object({
  id: FunderId,
  ...FunderCreate.entries,
  territoryIds: v.array(TerritoryId),
  version: v.number(),
  createdAt: v.string(),
});
export type Funder = v.InferOutput<typeof Funder>;

/** The platform directory: one summary line per tenant-like context. */
export const DirectoryEntry = v.object({
  kind: v.picklist(["territory", "federation", "funder"]),
  id: v.string(),
  name: v.string(),
  createdAt: v.string(),
});
export type DirectoryEntry = v.InferOutput<typeof DirectoryEntry>;

/** What a federation or funder sees of a territory: its public profile, never members or journeys. */
export const TerritorySummary = v.object({
  id: TerritoryId,
  name: v.string(),
  carrierType: v.string(),
  programme: v.string(),
  population: v.number(),
  communeCount: v.number(),
  startDate: v.string(),
  endDate: v.nullable(v.string()),
});
export type TerritorySummary = v.InferOutput<typeof TerritorySummary>;

export const FederationView = v.object({ federation: Federation, territories: v.array(TerritorySummary) });
export const FunderView = v.object({ funder: Funder, territories: v.array(TerritorySummary) });

/** The operator's follow-up of a territory: profile, readers, invitations. */
export const OperatorTerritoryView = v.object({
  territory: v.object({
    id: TerritoryId,
    name: v.string(),
    carrierName: v.string(),
    programme: v.string(),
    startDate: v.string(),
    endDate: v.nullable(v.string()),
    createdAt: v.string(),
  }),
  readers: v.array(
    v.object({ id: v.string(), kind: v.picklist(["federation", "funder"]), name: v.string() }),
  ),
});
export type OperatorTerritoryView = v.InferOutput<typeof OperatorTerritoryView>;

/** The operator's follow-up of a federation or funder: its attached territories. */
export const OperatorReaderView = v.object({
  id: v.string(),
  kind: v.picklist(["federation", "funder"]),
  name: v.string(),
  createdAt: v.string(),
  territories: v.array(v.object({ id: TerritoryId, name: v.string() })),
});
export type OperatorReaderView = v.InferOutput<typeof OperatorReaderView>;
