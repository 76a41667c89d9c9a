import { Resources } from "@maillage/core";
import {
  Page,
  ResourceCreate,
  ResourceId,
  ResourceQuery,
  Resource as ResourceSchema,
  ResourceUpdate,
  ResourceVerify,
  TerritoryId,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");
const resourceParams = params(
  v.object({ territoryId: TerritoryId, resourceId: ResourceId }),
  "resource.not_found",
);

export const resourceRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId/resources",
    route({
      summary:
        "Search the resource catalogue: pillar, category, commune, stale, free text; a page may be short with a next cursor",
      tag: "resources",
      access: members,
      response: { status: 200, schema: Page(ResourceSchema), description: "One page of resources" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(ResourceQuery),
    async (c) => c.json(await Resources.list(c.req.valid("query")), 200),
  )
  .post(
    "/territories/:territoryId/resources",
    route({
      summary: "Add a resource (reference generated when absent; last verified today when absent)",
      tag: "resources",
      access: lead,
      response: { status: 201, schema: ResourceSchema, description: "The resource, version 1" },
      errors: ["territory.not_found", "resource.reference_taken"],
    }),
    territoryParams,
    json(ResourceCreate, { check: Resources.communeIssues }),
    async (c) => c.json(await Resources.create(c.req.valid("json")), 201),
  )
  .get(
    "/territories/:territoryId/resources/:resourceId",
    route({
      summary: "A resource (with its version, for editing)",
      tag: "resources",
      access: members,
      response: { status: 200, schema: ResourceSchema, description: "The resource" },
      errors: ["territory.not_found", "resource.not_found"],
    }),
    resourceParams,
    async (c) => c.json(await Resources.get(c.req.valid("param").resourceId), 200),
  )
  .put(
    "/territories/:territoryId/resources/:resourceId",
    route({
      summary: "Edit a resource (optimistic concurrency on version)",
      tag: "resources",
      access: lead,
      response: { status: 200, schema: ResourceSchema, description: "The saved resource" },
      errors: [
        "territory.not_found",
        "resource.not_found",
        "resource.version_conflict",
        "resource.reference_taken",
        "batch.conflict",
      ],
    }),
    resourceParams,
    json(ResourceUpdate, { check: Resources.communeIssues }),
    async (c) => c.json(await Resources.update(c.req.valid("param").resourceId, c.req.valid("json")), 200),
  )
  .post(
    "/territories/:territoryId/resources/:resourceId/verify",
    route({
      summary: "Mark a resource as verified today (optimistic concurrency on version)",
      tag: "resources",
      access: lead,
      response: { status: 200, schema: ResourceSchema, description: "The resource, verified today" },
      errors: ["territory.not_found", "resource.not_found", "resource.version_conflict", "batch.conflict"],
    }),
    resourceParams,
    json(ResourceVerify),
    async (c) => c.json(await Resources.verify(c.req.valid("param").resourceId, c.req.valid("json")), 200),
  );
