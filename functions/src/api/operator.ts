import { Directory, Federations, FollowUp, Funders, Invitation, Territory } from "@maillage/core";
import {
  DirectoryEntry,
  Federation,
  FederationCreate,
  FederationId,
  Funder,
  FunderCreate,
  FunderId,
  InvitationCreate,
  Invitation as InvitationSchema,
  InvitationSummary,
  OperatorReaderView,
  OperatorTerritoryView,
  Page,
  PageQuery,
  TerritoryCreate,
  TerritoryId,
  Territory as TerritorySchema,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { deliverInvitation } from "../http/invitation";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

const operator = allow("platform", "operator");
const Attachment = v.object({ ownerId: v.string(), territoryId: v.string() });

export const operatorRoutes = new Hono<Env>()
  .get(
    "/operator/directory",
    route({
      summary: "Every territory, federation and funder",
      tag: "operator",
      access: operator,
      response: { status: 200, schema: v.array(DirectoryEntry), description: "The platform directory" },
    }),
    async (c) => c.json(await Directory.list(), 200),
  )
  .post(
    "/operator/territories",
    route({
      summary: "Create a pilot territory (tenant)",
      tag: "operator",
      access: operator,
      response: { status: 201, schema: TerritorySchema, description: "The new territory" },
    }),
    json(TerritoryCreate, { check: Territory.communeIssues }),
    async (c) => c.json(await Territory.create(c.req.valid("json")), 201),
  )
  .post(
    "/operator/federations",
    route({
      summary: "Create a federation",
      tag: "operator",
      access: operator,
      response: { status: 201, schema: Federation, description: "The new federation" },
    }),
    json(FederationCreate),
    async (c) => c.json(await Federations.create(c.req.valid("json")), 201),
  )
  .post(
    "/operator/funders",
    route({
      summary: "Create a funder",
      tag: "operator",
      access: operator,
      response: { status: 201, schema: Funder, description: "The new funder" },
    }),
    json(FunderCreate),
    async (c) => c.json(await Funders.create(c.req.valid("json")), 201),
  )
  .put(
    "/operator/federations/:federationId/territories/:territoryId",
    route({
      summary: "Attach a territory to a federation",
      tag: "operator",
      access: operator,
      response: { status: 201, schema: Attachment, description: "The attachment" },
      errors: ["federation.not_found", "territory.not_found", "attachment.already_exists"],
    }),
    params(v.object({ federationId: FederationId, territoryId: TerritoryId }), "federation.not_found"),
    async (c) => {
      const { federationId, territoryId } = c.req.valid("param");
      await Federations.attach(federationId, territoryId);
      return c.json({ ownerId: federationId, territoryId }, 201);
    },
  )
  .put(
    "/operator/funders/:funderId/territories/:territoryId",
    route({
      summary: "Attach a territory to a funder",
      tag: "operator",
      access: operator,
      response: { status: 201, schema: Attachment, description: "The attachment" },
      errors: ["funder.not_found", "territory.not_found", "attachment.already_exists"],
    }),
    params(v.object({ funderId: FunderId, territoryId: TerritoryId }), "funder.not_found"),
    async (c) => {
      const { funderId, territoryId } = c.req.valid("param");
      await Funders.attach(funderId, territoryId);
      return c.json({ ownerId: funderId, territoryId }, 201);
    },
  )
  .delete(
    "/operator/federations/:federationId/territories/:territoryId",
    route({
      summary: "Detach a territory from a federation (what it published there is removed)",
      tag: "operator",
      access: operator,
      response: { status: 204, description: "Detached" },
      errors: ["federation.not_found", "territory.not_found", "attachment.not_found"],
    }),
    params(v.object({ federationId: FederationId, territoryId: TerritoryId }), "federation.not_found"),
    async (c) => {
      const { federationId, territoryId } = c.req.valid("param");
      await Federations.detach(federationId, territoryId);
      return c.body(null, 204);
    },
  )
  .delete(
    "/operator/funders/:funderId/territories/:territoryId",
    route({
      summary: "Detach a territory from a funder (what it published there is removed)",
      tag: "operator",
      access: operator,
      response: { status: 204, description: "Detached" },
      errors: ["funder.not_found", "territory.not_found", "attachment.not_found"],
    }),
    params(v.object({ funderId: FunderId, territoryId: TerritoryId }), "funder.not_found"),
    async (c) => {
      const { funderId, territoryId } = c.req.valid("param");
      await Funders.detach(funderId, territoryId);
      return c.body(null, 204);
    },
  )
  .post(
    "/operator/territories/:territoryId/invitations",
    route({
      summary: "Invite a territory's first lead (local mode: the link is returned and logged)",
      tag: "operator",
      access: operator,
      response: { status: 201, schema: InvitationSchema, description: "The invitation" },
      errors: ["territory.not_found"],
    }),
    params(v.object({ territoryId: TerritoryId }), "territory.not_found"),
    json(InvitationCreate),
    async (c) => {
      const invitation = await Invitation.create(c.req.valid("param").territoryId, c.req.valid("json"));
      return c.json(await deliverInvitation(c, invitation), 201);
    },
  )
  .get(
    "/operator/territories/:territoryId",
    route({
      summary: "Follow up a territory: its profile summary and the federations and funders it publishes to",
      tag: "operator",
      access: operator,
      response: { status: 200, schema: OperatorTerritoryView, description: "The territory" },
      errors: ["territory.not_found"],
    }),
    params(v.object({ territoryId: TerritoryId }), "territory.not_found"),
    async (c) => c.json(await FollowUp.territory(c.req.valid("param").territoryId), 200),
  )
  .get(
    "/operator/territories/:territoryId/invitations",
    route({
      summary: "A territory's invitations, newest first (pending, accepted, expired)",
      tag: "operator",
      access: operator,
      response: { status: 200, schema: Page(InvitationSummary), description: "One page of invitations" },
      errors: ["territory.not_found"],
    }),
    params(v.object({ territoryId: TerritoryId }), "territory.not_found"),
    query(PageQuery),
    async (c) =>
      c.json(await FollowUp.invitations(c.req.valid("param").territoryId, c.req.valid("query")), 200),
  )
  .get(
    "/operator/federations/:federationId",
    route({
      summary: "Follow up a federation: its attached territories",
      tag: "operator",
      access: operator,
      response: { status: 200, schema: OperatorReaderView, description: "The federation" },
      errors: ["federation.not_found"],
    }),
    params(v.object({ federationId: FederationId }), "federation.not_found"),
    async (c) => c.json(await FollowUp.reader("federation", c.req.valid("param").federationId), 200),
  )
  .get(
    "/operator/funders/:funderId",
    route({
      summary: "Follow up a funder: its funded territories",
      tag: "operator",
      access: operator,
      response: { status: 200, schema: OperatorReaderView, description: "The funder" },
      errors: ["funder.not_found"],
    }),
    params(v.object({ funderId: FunderId }), "funder.not_found"),
    async (c) => c.json(await FollowUp.reader("funder", c.req.valid("param").funderId), 200),
  );
