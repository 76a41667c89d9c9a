import { LinkWorkers } from "@maillage/core";
import {
  LinkWorkerCreate,
  LinkWorkerId,
  LinkWorkerQuery,
  LinkWorker as LinkWorkerSchema,
  LinkWorkerUpdate,
  Page,
  TerritoryId,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");
const linkWorkerParams = params(
  v.object({ territoryId: TerritoryId, linkWorkerId: LinkWorkerId }),
  "link_worker.not_found",
);

export const linkWorkerRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId/link-workers",
    route({
      summary: "The territory's link workers (profiles), a page at a time",
      tag: "link-workers",
      access: members,
      response: { status: 200, schema: Page(LinkWorkerSchema), description: "One page of link workers" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(LinkWorkerQuery),
    async (c) => c.json(await LinkWorkers.list(c.req.valid("query")), 200),
  )
  .post(
    "/territories/:territoryId/link-workers",
    route({
      summary: "Add a link worker (reference generated when absent)",
      tag: "link-workers",
      access: lead,
      response: { status: 201, schema: LinkWorkerSchema, description: "The link worker, version 1" },
      errors: ["territory.not_found", "link_worker.reference_taken"],
    }),
    territoryParams,
    json(LinkWorkerCreate, { check: LinkWorkers.communeIssues }),
    async (c) => c.json(await LinkWorkers.create(c.req.valid("json")), 201),
  )
  .get(
    "/territories/:territoryId/link-workers/:linkWorkerId",
    route({
      summary: "A link worker's profile (with its version, for editing)",
      tag: "link-workers",
      access: members,
      response: { status: 200, schema: LinkWorkerSchema, description: "The link worker" },
      errors: ["territory.not_found", "link_worker.not_found"],
    }),
    linkWorkerParams,
    async (c) => c.json(await LinkWorkers.get(c.req.valid("param").linkWorkerId), 200),
  )
  .put(
    "/territories/:territoryId/link-workers/:linkWorkerId",
    route({
      summary: "Edit a link worker (optimistic concurrency on version)",
      tag: "link-workers",
      access: lead,
      response: { status: 200, schema: LinkWorkerSchema, description: "The saved link worker" },
      errors: [
        "territory.not_found",
        "link_worker.not_found",
        "link_worker.version_conflict",
        "link_worker.reference_taken",
        "batch.conflict",
      ],
    }),
    linkWorkerParams,
    json(LinkWorkerUpdate, { check: LinkWorkers.communeIssues }),
    async (c) =>
      c.json(await LinkWorkers.update(c.req.valid("param").linkWorkerId, c.req.valid("json")), 200),
  );
