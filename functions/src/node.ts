import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import { createApp } from "./app";
import type { Config } from "./config";
import { notFound } from "./http/observe";
import { openApiDocument } from "./http/openapi";

/** Security headers for the console and the API (CloudFront sets the same ones in AWS). */
export const contentSecurityPolicy = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** The API plus the built console, as served locally on Node. */
export function createLocalServer(config: Config, staticDir?: string) {
  const server = new Hono();
  server.use(
    secureHeaders({
      contentSecurityPolicy,
      referrerPolicy: "no-referrer",
      xFrameOptions: "DENY",
      strictTransportSecurity: config.secureCookies ? "max-age=63072000; includeSubDomains" : false,
      crossOriginOpenerPolicy: "same-origin",
      permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    }),
  );
  server.route("/", createApp(config, openApiDocument));
  server.all("/api/*", notFound);
  if (staticDir && existsSync(join(staticDir, "index.html"))) {
    const root = relative(process.cwd(), staticDir);
    const index = readFileSync(join(staticDir, "index.html"), "utf8");
    server.use("/assets/*", serveStatic({ root }));
    server.use("/favicon.svg", serveStatic({ root }));
    // Client-side routes: every other GET answers the console's page.
    server.get("*", (c) => c.html(index));
  }
  return server;
}

export function listen(app: Hono, port: number, hostname = "127.0.0.1") {
  return new Promise<ReturnType<typeof serve>>((resolve) => {
    const server = serve({ fetch: app.fetch, port, hostname }, () => resolve(server));
  });
}
