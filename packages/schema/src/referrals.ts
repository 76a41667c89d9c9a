import * as v from "valibot";
import type { FieldIssue } from "./errors";
import { Email } from "./identity";
import { PartnerSchemeId } from "./ids";
import { CHOOSE_ONE, message } from "./messages";
import { Phone } from "./resources";

/** How people reach the pilot (voies d'orientation, DESIGN.md §2). */
export const referralRouteKinds = [
  "gp",
  "health_professional",
  "social_worker",
  "hospital",
  "community_organisation",
  "self_referral",
] as const;
export const ReferralRouteKind = v.picklist(referralRouteKinds, CHOOSE_ONE);
export type ReferralRouteKind = v.InferOutput<typeof ReferralRouteKind>;

/** The type of an "other health professional" route; `other` is named by the route's label. */
export const healthProfessionalTypes = [
  "nurse",
  "pharmacist",
  "midwife",
  "psychiatrist",
  "physiotherapist",
  "psychologist",
  "specialist_physician",
  "occupational_therapist",
  "dietitian",
  "other",
] as const;
export const HealthProfessionalType = v.picklist(healthProfessionalTypes, CHOOSE_ONE);
export type HealthProfessionalType = v.InferOutput<typeof HealthProfessionalType>;

/** The publics the pilot serves (DESIGN.md §2; the national working group's list). */
export const targetGroups = [
  "isolated",
  "psychological_distress",
  "chronic_disease",
  "precarity",
  "young_people",
] as const;
export const TargetGroupCode = v.picklist(targetGroups, CHOOSE_ONE);
export type TargetGroupCode = v.InferOutput<typeof TargetGroupCode>;

const Description = v.pipe(v.string(), v.trim(), v.maxLength(500, message("description.too_long")));
const Label = v.pipe(v.string(), v.trim(), v.maxLength(120, message("text.too_long")));

/**
 * One referral route, enabled or not, described (how referrals arrive, who to call…). A route of kind
 * `health_professional` names its professional type, the others none; type `other` needs a label
 * when enabled ("Orthophoniste").
 */
export const ReferralRoute = v.pipe(
  v.object({
    kind: ReferralRouteKind,
    professionalType: v.nullable(HealthProfessionalType),
    label: Label,
    enabled: v.boolean(),
    description: Description,
  }),
  v.forward(
    v.partialCheck(
      [["kind"], ["professionalType"]],
      (r) => r.kind !== "health_professional" || r.professionalType !== null,
      message("route.professional_type.required"),
    ),
    ["professionalType"],
  ),
  v.forward(
    v.partialCheck(
      [["kind"], ["professionalType"]],
      (r) => r.kind === "health_professional" || r.professionalType === null,
      message("route.professional_type.not_applicable"),
    ),
    ["professionalType"],
  ),
  v.forward(
    v.partialCheck(
      [["professionalType"], ["label"], ["enabled"]],
      (r) => r.professionalType !== "other" || !r.enabled || r.label.length >= 2,
      message("route.label.required"),
    ),
    ["label"],
  ),
);
export type ReferralRoute = v.InferOutput<typeof ReferralRoute>;

export const TargetGroup = v.object({
  group: TargetGroupCode,
  enabled: v.boolean(),
  description: Description,
});
export type TargetGroup = v.InferOutput<typeof TargetGroup>;

type RouteKey = { kind: ReferralRouteKind; professionalType: HealthProfessionalType | null };

/** Every route the product knows, in order: the console shows them as one checklist. */
export const referralRouteKeys: readonly RouteKey[] = referralRouteKinds.flatMap((kind): RouteKey[] =>
  kind === "health_professional"
    ? healthProfessionalTypes.map((professionalType) => ({ kind, professionalType }))
    : [{ kind, professionalType: null }],
);

/** "gp", "health_professional:nurse": one route's key (unique in the settings; used in audit fields). */
export const routeKey = (route: { kind: string; professionalType: string | null }) =>
  route.professionalType ? `${route.kind}:${route.professionalType}` : route.kind;

/**
 * Referral routes and target groups, one document per territory. Always complete: every known route
 * and group is listed, in the order of `referralRouteKeys` and `targetGroups` (disabled until the lead
 * enables it). `version` 0: never saved.
 */
export const ReferralSettings = v.object({
  routes: v.array(ReferralRoute),
  targetGroups: v.array(TargetGroup),
  version: v.number(),
  updatedAt: v.nullable(v.string()),
});
export type ReferralSettings = v.InferOutput<typeof ReferralSettings>;

/** A lead's save: any subset of routes and groups (those left out are disabled), with the version read. */
export const ReferralSettingsUpdate = v.object({
  routes: v.pipe(v.array(ReferralRoute), v.maxLength(referralRouteKeys.length, message("routes.too_many"))),
  targetGroups: v.pipe(
    v.array(TargetGroup),
    v.maxLength(targetGroups.length, message("target_groups.too_many")),
  ),
  version: v.pipe(v.number(), v.integer(), v.minValue(0)),
});
export type ReferralSettingsUpdate = v.InferOutput<typeof ReferralSettingsUpdate>;

/** Each route and each group at most once, reported on the repeated entry. */
export function referralSettingsIssues(update: ReferralSettingsUpdate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const routes = new Set<string>();
  update.routes.forEach((route, index) => {
    const key = routeKey(route);
    if (routes.has(key)) issues.push({ path: `routes.${index}.kind`, message: message("route.duplicate") });
    routes.add(key);
  });
  const groups = new Set<string>();
  update.targetGroups.forEach((group, index) => {
    if (groups.has(group.group)) {
      issues.push({ path: `targetGroups.${index}.group`, message: message("target_group.duplicate") });
    }
    groups.add(group.group);
  });
  return issues;
}

/** The complete document from what was saved (or nothing): known routes and groups, in order. */
export function completeReferralSettings(
  saved: Pick<ReferralSettings, "routes" | "targetGroups"> | undefined,
): Pick<ReferralSettings, "routes" | "targetGroups"> {
  const routes = new Map((saved?.routes ?? []).map((r) => [routeKey(r), r]));
  const groups = new Map((saved?.targetGroups ?? []).map((g) => [g.group, g]));
  return {
    routes: referralRouteKeys.map(
      (key) => routes.get(routeKey(key)) ?? { ...key, label: "", enabled: false, description: "" },
    ),
    targetGroups: targetGroups.map(
      (group) => groups.get(group) ?? { group, enabled: false, description: "" },
    ),
  };
}

/** Schemes the pilot articulates with (dispositifs articulés; the working group's list, plus local ones). */
export const partnerSchemeKinds = [
  "cls",
  "cpts",
  "dac",
  "clsm",
  "ptsm",
  "secpa",
  "mas",
  "sophia",
  "msp",
  "msa",
  "heures_lien_social",
  "cultures_du_coeur",
  "other",
] as const;
export const PartnerSchemeKind = v.picklist(partnerSchemeKinds, CHOOSE_ONE);
export type PartnerSchemeKind = v.InferOutput<typeof PartnerSchemeKind>;

/**
 * How to reach the STRUCTURE that runs the scheme: its switchboard and generic address, and the role
 * (and, if it wishes, the name) of its contact person. Never a person's private number.
 */
export const SchemeContact = v.object({
  structureName: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, message("structure_name.too_short")),
    v.maxLength(160, message("text.too_long")),
  ),
  contactRole: Label,
  contactName: Label,
  phone: v.nullable(Phone),
  email: v.nullable(Email),
});
export type SchemeContact = v.InferOutput<typeof SchemeContact>;

const schemeEntries = {
  kind: PartnerSchemeKind,
  /** e.g. "CPTS Lille Sud", "DAC 23" (a scheme of kind `other` is known by its name only). */
  name: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, message("name.too_short")),
    v.maxLength(120, message("name.too_long")),
  ),
  /** How the pilot articulates with it (shared meetings, cross-referrals…). */
  description: Description,
  contact: SchemeContact,
};

export const PartnerSchemeCreate = v.object(schemeEntries);
export type PartnerSchemeCreate = v.InferOutput<typeof PartnerSchemeCreate>;

/** A lead's edit; retiring (`retired: true`) replaces deletion, and can be undone. */
export const PartnerSchemeUpdate = v.object({
  ...schemeEntries,
  retired: v.boolean(),
  version: v.pipe(v.number(), v.integer(), v.minValue(1)),
});
export type PartnerSchemeUpdate = v.InferOutput<typeof PartnerSchemeUpdate>;

export const PartnerScheme = v.object({
  id: PartnerSchemeId,
  ...schemeEntries,
  retired: v.boolean(),
  version: v.number(),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type PartnerScheme = v.InferOutput<typeof PartnerScheme>;
