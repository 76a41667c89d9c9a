import { MaillageError } from "@maillage/core";
import { createId, type ErrorBody, errorCodes } from "@maillage/schema";
import type { Context, ErrorHandler } from "hono";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Config } from "../config";
import type { Env } from "./types";

/**
 * One JSON log line per request: request id, tenant, user id, route, status, duration.
 * Never a body, a query string, an email or a name.
 */
export function observe(config: Config) {
  return createMiddleware<Env>(async (c, next) => {
    const started = performance.now();
    const requestId = createId("request");
    c.set("config", config);
    c.set("requestId", requestId);
    c.header("x-request-id", requestId);
    try {
      await next();
    } finally {
      const actor = c.get("actor");
      config.log({
        level: c.res.status >= 500 ? "error" : "info",
        msg: "request",
        requestId,
        method: c.req.method,
        route: c.req.routePath,
        status: c.res.status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        tenant: actor?.type === "user" ? actor.contextId : undefined,
        userId: c.get("identity")?.userId,
      });
    }
  });
}

function body(c: Context<Env>, error: MaillageError): ErrorBody {
  return {
    code: error.code,
    message: error.message,
    requestId: c.get("requestId"),
    ...(error.details.issues ? { issues: error.details.issues } : {}),
    ...(error.details.current !== undefined ? { current: error.details.current } : {}),
  };
}

/** The single mapping from errors to HTTP responses. */
export const onError: ErrorHandler<Env> = (error, c) => {
  if (error instanceof MaillageError) {
    return c.json(body(c, error), errorCodes[error.code] as ContentfulStatusCode);
  }
  if (error instanceof HTTPException && error.status === 400) {
    return c.json(body(c, new MaillageError("input.invalid", error.message)), 400);
  }
  const requestId = c.get("requestId");
  c.get("config")?.log({
    level: "error",
    msg: "unhandled error",
    requestId,
    error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    stack: error instanceof Error ? error.stack : undefined,
  });
  return c.json({ code: "internal", message: "Internal error", requestId } satisfies ErrorBody, 500);
};

export function notFound(c: Context<Env>) {
  return c.json(body(c, new MaillageError("route.not_found", "No such route")), 404);
}
