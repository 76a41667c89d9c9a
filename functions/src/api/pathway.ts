import { PartnerSchemes, Pathway, Referrals } from "@maillage/core";
import {
  Page,
  PageQuery,
  PartnerSchemeCreate,
  PartnerSchemeId,
  PartnerScheme as PartnerSchemeSchema,
  PartnerSchemeUpdate,
  Pathway as PathwaySchema,
  PathwayUpdate,
  ReferralSettings,
  ReferralSettingsUpdate,
  TerritoryId,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");
const schemeParams = params(
  v.object({ territoryId: TerritoryId, schemeId: PartnerSchemeId }),
  "partner_scheme.not_found",
);

/** The territory's configuration of its pilot: pathway, referral routes and target groups, partner schemes. */
export const pathwayRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId/pathway",
    route({
      summary:
        "The pathway (parcours-type): steps, continuity model, integrated track; the national default (version 0) until first saved",
      tag: "pathway",
      access: members,
      response: { status: 200, schema: PathwaySchema, description: "The pathway" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Pathway.get(), 200),
  )
  .put(
    "/territories/:territoryId/pathway",
    route({
      summary: "Save the whole pathway (optimistic concurrency on version; retire steps, never drop them)",
      tag: "pathway",
      access: lead,
      response: { status: 200, schema: PathwaySchema, description: "The saved pathway, next version" },
      errors: ["territory.not_found", "pathway.version_conflict"],
    }),
    territoryParams,
    json(PathwayUpdate),
    async (c) => c.json(await Pathway.update(c.req.valid("json")), 200),
  )
  .get(
    "/territories/:territoryId/referral-settings",
    route({
      summary:
        "Referral routes and target groups: every known one, enabled or not (version 0 until first saved)",
      tag: "pathway",
      access: members,
      response: { status: 200, schema: ReferralSettings, description: "Routes and target groups" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Referrals.get(), 200),
  )
  .put(
    "/territories/:territoryId/referral-settings",
    route({
      summary: "Save referral routes and target groups (optimistic concurrency on version)",
      tag: "pathway",
      access: lead,
      response: { status: 200, schema: ReferralSettings, description: "The saved settings, next version" },
      errors: ["territory.not_found", "referral_settings.version_conflict"],
    }),
    territoryParams,
    json(ReferralSettingsUpdate),
    async (c) => c.json(await Referrals.update(c.req.valid("json")), 200),
  )
  .get(
    "/territories/:territoryId/partner-schemes",
    route({
      summary: "Partner schemes the pilot articulates with (retired ones flagged), in creation order",
      tag: "pathway",
      access: members,
      response: {
        status: 200,
        schema: Page(PartnerSchemeSchema),
        description: "One page of partner schemes",
      },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(PageQuery),
    async (c) => c.json(await PartnerSchemes.list(c.req.valid("query")), 200),
  )
  .post(
    "/territories/:territoryId/partner-schemes",
    route({
      summary: "Add a partner scheme with its structure contact",
      tag: "pathway",
      access: lead,
      response: { status: 201, schema: PartnerSchemeSchema, description: "The partner scheme, version 1" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    json(PartnerSchemeCreate),
    async (c) => c.json(await PartnerSchemes.create(c.req.valid("json")), 201),
  )
  .get(
    "/territories/:territoryId/partner-schemes/:schemeId",
    route({
      summary: "A partner scheme (with its version, for editing)",
      tag: "pathway",
      access: members,
      response: { status: 200, schema: PartnerSchemeSchema, description: "The partner scheme" },
      errors: ["territory.not_found", "partner_scheme.not_found"],
    }),
    schemeParams,
    async (c) => c.json(await PartnerSchemes.get(c.req.valid("param").schemeId), 200),
  )
  .put(
    "/territories/:territoryId/partner-schemes/:schemeId",
    route({
      summary: "Edit, retire (retired: true) or restore a partner scheme (optimistic concurrency on version)",
      tag: "pathway",
      access: lead,
      response: { status: 200, schema: PartnerSchemeSchema, description: "The saved scheme, next version" },
      errors: ["territory.not_found", "partner_scheme.not_found", "partner_scheme.version_conflict"],
    }),
    schemeParams,
    json(PartnerSchemeUpdate),
    async (c) => c.json(await PartnerSchemes.update(c.req.valid("param").schemeId, c.req.valid("json")), 200),
  );
