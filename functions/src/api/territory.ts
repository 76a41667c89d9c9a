import { Audit, FollowUp, Invitation, Jobs, Member as Members, Territory, User } from "@maillage/core";
import {
  AuditEntry,
  AuditQuery,
  InvitationCreate,
  Invitation as InvitationSchema,
  InvitationSummary,
  Job,
  JobId,
  Page,
  PageQuery,
  TerritoryId,
  TerritoryOverview,
  TerritoryProfileUpdate,
  Territory as TerritorySchema,
  UserId,
  User as UserSchema,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { deliverInvitation } from "../http/invitation";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");
const Member = v.object({ ...UserSchema.entries, role: v.string() });

export const territoryRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId",
    route({
      summary: "Territory overview: profile, communes and rurality, members and networks",
      tag: "territory",
      access: members,
      response: { status: 200, schema: TerritoryOverview, description: "The overview" },
      errors: ["territory.not_found"],
      prefetch: Territory.preload,
    }),
    territoryParams,
    async (c) => c.json(await Territory.overview(c.get("prefetched")), 200),
  )
  .get(
    "/territories/:territoryId/profile",
    route({
      summary: "Territory profile (with its version, for editing)",
      tag: "territory",
      access: members,
      response: { status: 200, schema: TerritorySchema, description: "The profile" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Territory.get(), 200),
  )
  .put(
    "/territories/:territoryId/profile",
    route({
      summary: "Edit the territory profile (optimistic concurrency on version)",
      tag: "territory",
      access: lead,
      response: { status: 200, schema: TerritorySchema, description: "The saved profile, next version" },
      errors: ["territory.not_found", "territory.version_conflict"],
    }),
    territoryParams,
    json(TerritoryProfileUpdate, { check: Territory.communeIssues }),
    async (c) => c.json(await Territory.update(c.req.valid("json")), 200),
  )
  .get(
    "/territories/:territoryId/members",
    route({
      summary: "People with access to the territory",
      tag: "territory",
      access: lead,
      response: { status: 200, schema: v.array(Member), description: "Members and their roles" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await User.listTerritoryMembers(), 200),
  )
  .post(
    "/territories/:territoryId/invitations",
    route({
      summary: "Invite a link worker or a colleague lead",
      tag: "territory",
      access: lead,
      response: { status: 201, schema: InvitationSchema, description: "The invitation" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    json(InvitationCreate),
    async (c) => {
      const invitation = await Invitation.create(c.req.valid("param").territoryId, c.req.valid("json"));
      return c.json(await deliverInvitation(c, invitation), 201);
    },
  )
  .get(
    "/territories/:territoryId/audit",
    route({
      summary: "The territory's audit trail, newest first",
      tag: "territory",
      access: lead,
      response: { status: 200, schema: Page(AuditEntry), description: "One page of audit entries" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(AuditQuery),
    async (c) => c.json(await Audit.list(c.req.valid("query")), 200),
  )
  .get(
    "/territories/:territoryId/jobs/:jobId",
    route({
      summary: "A background job of the territory (poll it after a 202): status, progress, result",
      tag: "territory",
      access: lead,
      response: { status: 200, schema: Job, description: "The job" },
      errors: ["territory.not_found", "job.not_found"],
    }),
    params(v.object({ territoryId: TerritoryId, jobId: JobId }), "job.not_found"),
    async (c) => c.json(await Jobs.get(c.req.valid("param").jobId), 200),
  )
  .delete(
    "/territories/:territoryId/members/:userId",
    route({
      summary: "Remove a member (their access ends at their next request); the last lead stays",
      tag: "territory",
      access: lead,
      response: { status: 204, description: "Membership deleted (audited)" },
      errors: ["territory.not_found", "member.not_found", "member.last_lead"],
    }),
    params(v.object({ territoryId: TerritoryId, userId: UserId }), "member.not_found"),
    async (c) => {
      await Members.remove(c.req.valid("param").userId);
      return c.body(null, 204);
    },
  )
  .get(
    "/territories/:territoryId/invitations",
    route({
      summary: "The territory's invitations, newest first (pending, accepted, expired)",
      tag: "territory",
      access: lead,
      response: { status: 200, schema: Page(InvitationSummary), description: "One page of invitations" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(PageQuery),
    async (c) =>
      c.json(await FollowUp.invitations(c.req.valid("param").territoryId, c.req.valid("query")), 200),
  );
