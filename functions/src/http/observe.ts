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

/**
 * A contract violation found by the test-mode checks (route.ts). Its message names routes, codes and
 * field paths only, never a value, so it is the one message the log keeps.
 */
export class ContractError extends Error {
  override name = "ContractError";
}

const MAX_FRAMES = 12;

/**
 * What the log keeps of an unexpected error: its name, its code, its HTTP status (AWS errors) and where
 * it was thrown. Never its message, which can quote input (a DynamoDB ValidationException quotes the
 * key, a parser the text): the stack's frames are kept without the "Name: message" head.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { error: typeof error };
  const { code, $metadata } = error as { code?: unknown; $metadata?: { httpStatusCode?: unknown } };
  const status = $metadata?.httpStatusCode;
  return {
    error: /^[\w.$ -]{1,80}$/.test(error.name) ? error.name : "Error",
    ...(typeof code === "string" && /^[\w.-]{1,64}$/.test(code) ? { code } : {}),
    ...(typeof status === "number" ? { awsStatus: status } : {}),
    ...(error instanceof ContractError ? { description: error.message.slice(0, 2000) } : {}),
    frames: framesOf(error),
  };
}

function framesOf(error: Error): string[] {
  const stack = typeof error.stack === "string" ? error.stack : "";
  // The head is "Name: message", and a message can span lines (even ones that look like frames):
  // keep only what follows the message; if it cannot be found, keep no frame rather than risk it.
  const end = error.message ? stack.indexOf(error.message) : 0;
  if (end < 0) return [];
  return stack
    .slice(end + error.message.length)
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("at "))
    .slice(0, MAX_FRAMES)
    .map((line) => line.slice(0, 240));
}

function body(c: Context<Env>, error: MaillageError): ErrorBody {
  return {
    code: error.code,
    message: error.message,
    requestId: c.get("requestId"),
    ...(error.details.issues ? { issues: error.details.issues } : {}),
    ...(error.details.current !== undefined ? { current: error.details.current } : {}),
    ...(error.details.periods ? { periods: error.details.periods } : {}),
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
  c.get("config")?.log({ level: "error", msg: "unhandled error", requestId, ...describeError(error) });
  return c.json({ code: "internal", message: "Internal error", requestId } satisfies ErrorBody, 500);
};

export function notFound(c: Context<Env>) {
  return c.json(body(c, new MaillageError("route.not_found", "No such route")), 404);
}
