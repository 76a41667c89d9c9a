import * as v from "valibot";
import { CHOOSE_ONE } from "./messages";

export const roles = ["operator", "territory_lead", "link_worker", "federation", "funder"] as const;
export const Role = v.picklist(roles);
export type Role = v.InferOutput<typeof Role>;

/** The kind of tenant-like context a membership grants access to. */
export const contextKinds = ["platform", "territory", "federation", "funder"] as const;
export const ContextKind = v.picklist(contextKinds);
export type ContextKind = v.InferOutput<typeof ContextKind>;

/** Which roles can be held in which kind of context. */
export const rolesByContext: Record<ContextKind, readonly Role[]> = {
  platform: ["operator"],
  territory: ["territory_lead", "link_worker"],
  federation: ["federation"],
  funder: ["funder"],
};

/** Roles the operator or a lead may invite into a territory. */
export const TerritoryRole = v.picklist(["territory_lead", "link_worker"], CHOOSE_ONE);
export type TerritoryRole = v.InferOutput<typeof TerritoryRole>;
