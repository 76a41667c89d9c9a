import { Hono } from "hono";
import { networkRoutes } from "./api/network";
import { operatorRoutes } from "./api/operator";
import { session } from "./api/session";
import { territoryRoutes } from "./api/territory";
import type { Config } from "./config";
import { identify } from "./http/identity";
import { registerInvitationDelivery } from "./http/invitation";
import { notFound, observe, onError } from "./http/observe";
import { openApiDocument } from "./http/openapi";
import { PUBLIC, route } from "./http/route";
import type { Env } from "./http/types";

/** The API: one Hono app, the same on Lambda and on Node. */
export function createApp(config: Config) {
  registerInvitationDelivery(config);
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
        document ??= openApiDocument(app);
        return c.json(document, 200);
      },
    )
    .route("/", session)
    .route("/", operatorRoutes)
    .route("/", territoryRoutes)
    .route("/", networkRoutes);

  const app = new Hono<Env>().use("/api/*", observe(config), identify(config)).route("/api", api);
  app.onError(onError);
  app.notFound(notFound);
  return app;
}

export type AppType = ReturnType<typeof createApp>;
export { type Config, loadConfig } from "./config";
