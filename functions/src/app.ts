import { MaillageError } from "@maillage/core";
import { Hono } from "hono";
import type { RouterRoute } from "hono/types";
import { denominatorRoutes } from "./api/denominators";
import { importRoutes } from "./api/imports";
import { indicatorRoutes } from "./api/indicators";
import { journeyRoutes } from "./api/journeys";
import { linkWorkerRoutes } from "./api/link-workers";
import { networkRoutes } from "./api/network";
import { operatorRoutes } from "./api/operator";
import { pathwayRoutes } from "./api/pathway";
import { resourceRoutes } from "./api/resources";
import { session } from "./api/session";
import { territoryRoutes } from "./api/territory";
import type { Config } from "./config";
import { identify } from "./http/identity";
import { registerInvitationDelivery } from "./http/invitation";
import { notFound, observe, onError } from "./http/observe";
import { PUBLIC, route } from "./http/route";
import type { Env } from "./http/types";
import { registerImportJobs } from "./imports/jobs";

/**
 * How `/api/openapi.json` is produced: generated from the route table locally and in tests
 * (`describeRoutes` in http/openapi.ts); read from the file generated at build time on Lambda, so the
 * generator and its JSON Schema converter stay out of the deployed bundle.
 */
export type Describe = (app: { routes: RouterRoute[] }) => Record<string, unknown>;

/** The API: one Hono app, the same on Lambda and on Node. */
export function createApp(config: Config, describe?: Describe) {
  registerInvitationDelivery(config);
  registerImportJobs(config);
  let document: Record<string, unknown> | undefined;
  const api = new Hono<Env>()
    .get(
      "/health",
      route({
        summary: "Liveness",
        tag: "meta",
        access: PUBLIC,
        response: { status: 200, description: "ok" },
      }),
      (c) => c.json({ ok: true }, 200),
    )
    .get(
      "/openapi.json",
      route({
        summary: "This document (OpenAPI 3.1)",
        tag: "meta",
        access: PUBLIC,
        response: { status: 200, description: "The OpenAPI document" },
      }),
      (c) => {
        if (!describe) throw new MaillageError("route.not_found", "No API description in this build");
        document ??= describe(app);
        return c.json(document, 200);
      },
    )
    .route("/", session)
    .route("/", operatorRoutes)
    .route("/", territoryRoutes)
    // Before the entities' routes: `resources/template` is not a resource id.
    .route("/", importRoutes)
    .route("/", linkWorkerRoutes)
    .route("/", journeyRoutes)
    .route("/", resourceRoutes)
    .route("/", pathwayRoutes)
    .route("/", denominatorRoutes)
    .route("/", indicatorRoutes)
    .route("/", networkRoutes);

  const app = new Hono<Env>().use("/api/*", observe(config), identify(config)).route("/api", api);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
export { type Config, loadConfig } from "./config";
