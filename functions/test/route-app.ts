import { MaillageError } from "@maillage/core";
import { createId, TerritoryId } from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { testConfig } from "../../test/harness";
import type { Config } from "../src/config";
import { identify } from "../src/http/identity";
import { notFound, observe, onError } from "../src/http/observe";
import {
  allow,
  CSV,
  json,
  PDF,
  PUBLIC,
  params,
  query,
  route,
  upload,
  uploaded,
  XLSX,
} from "../src/http/route";
import type { Env } from "../src/http/types";

/** Bytes an upload route of this app accepts (small, so that tests stay fast). */
export const UPLOAD_MAX_BYTES = 1024;

const Accepted = v.object({ jobId: v.string(), bytes: v.number(), mediaType: v.string() });
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");

/**
 * A test-only app built like the real one (observe, identify, route(), onError) for the mechanisms that
 * no real route uses yet: uploads, downloads, 202 + Location, query parameters — and routes that break
 * their own declaration, to show that the test-mode contract check refuses them.
 */
export function routeTestApp(overrides: Partial<Config> = {}) {
  const { config, lines } = testConfig(overrides);
  const api = new Hono<Env>()
    .post(
      "/territories/:territoryId/imports",
      route({
        summary: "Import a file (test)",
        tag: "test",
        access: allow("territory", "territory_lead"),
        response: {
          status: 202,
          schema: Accepted,
          description: "Import accepted: poll the job",
          location: "/api/territories/{territoryId}/jobs/{jobId}",
        },
      }),
      territoryParams,
      upload({ maxBytes: UPLOAD_MAX_BYTES, types: [CSV, XLSX] }),
      (c) => {
        const file = uploaded(c);
        const jobId = createId("job");
        const location = `/api/territories/${c.req.valid("param").territoryId}/jobs/${jobId}`;
        return c.json({ jobId, bytes: file.bytes.byteLength, mediaType: file.mediaType }, 202, {
          Location: location,
        });
      },
    )
    .get(
      "/territories/:territoryId/export",
      route({
        summary: "Download a CSV (test)",
        tag: "test",
        access: allow("territory", "territory_lead", "link_worker"),
        response: { status: 200, content: CSV, description: "The export" },
      }),
      territoryParams,
      (c) => c.body("commune,population\n59350,233098\n", 200, { "content-type": "text/csv; charset=utf-8" }),
    )
    .get(
      "/search",
      route({
        summary: "Search (test)",
        tag: "test",
        access: PUBLIC,
        response: {
          status: 200,
          schema: v.object({ q: v.string(), limit: v.optional(v.number()) }),
          description: "The query, parsed",
        },
      }),
      query(
        v.object({
          q: v.pipe(v.string(), v.minLength(1), v.maxLength(100)),
          limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,3}$/), v.transform(Number))),
        }),
      ),
      (c) => c.json(c.req.valid("query"), 200),
    )
    .post(
      "/echo",
      route({
        summary: "Fails with the value in its message (test)",
        tag: "test",
        access: PUBLIC,
        response: { status: 200, description: "Never" },
      }),
      json(v.object({ value: v.pipe(v.string(), v.maxLength(200_000)) }), { maxBytes: 256 * 1024 }),
      (c) => {
        throw new Error(`Cannot store ${c.req.valid("json").value}`);
      },
    )
    .get(
      "/broken/accepted",
      route({
        summary: "A 202 without its Location (test)",
        tag: "test",
        access: PUBLIC,
        response: { status: 202, description: "Accepted", location: "/api/jobs/{jobId}" },
      }),
      (c) => c.json({}, 202),
    )
    .get(
      "/broken/download",
      route({
        summary: "A PDF that is JSON (test)",
        tag: "test",
        access: PUBLIC,
        response: { status: 200, content: PDF, description: "A PDF" },
      }),
      (c) => c.json({ not: "a pdf" }, 200),
    )
    .get(
      "/broken/error",
      route({
        summary: "An error code it does not declare (test)",
        tag: "test",
        access: PUBLIC,
        response: { status: 200, description: "ok" },
      }),
      () => {
        throw new MaillageError("territory.version_conflict", "Not declared here");
      },
    );
  const app = new Hono<Env>().use("/api/*", observe(config), identify(config)).route("/api", api);
  app.onError(onError);
  app.notFound(notFound);
  return { app, lines, config };
}
