import { Actor, MaillageError, parse, User } from "@maillage/core";
import { type ContextKind, type ErrorCode, issuesOf, type Role } from "@maillage/schema";
import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import { validator } from "hono/validator";
import * as v from "valibot";
import type { Env } from "./types";

export type Access =
  | { kind: "public" }
  | { kind: "signed_in" }
  | { kind: "context"; context: ContextKind; roles: readonly Role[] };

export const PUBLIC: Access = { kind: "public" };
export const SIGNED_IN: Access = { kind: "signed_in" };
export const allow = (context: ContextKind, ...roles: Role[]): Access => ({
  kind: "context",
  context,
  roles,
});

export interface RouteMeta {
  summary: string;
  tag: string;
  access: Access;
  response: { status: number; schema?: v.GenericSchema; description: string };
  errors?: ErrorCode[];
}

/** Path parameter holding the context id, per context kind. */
export const contextParam: Record<Exclude<ContextKind, "platform">, string> = {
  territory: "territoryId",
  federation: "federationId",
  funder: "funderId",
};

const notFoundCode: Record<Exclude<ContextKind, "platform">, ErrorCode> = {
  territory: "territory.not_found",
  federation: "federation.not_found",
  funder: "funder.not_found",
};

/**
 * Declares a route (read by the OpenAPI generator and the cross-tenant test) and enforces its access:
 * loads the membership for the context named in the path and runs the rest of the request as that actor.
 * Without a membership the context does not exist for this person (404, never 403).
 */
export function route(meta: RouteMeta) {
  const middleware = createMiddleware<Env>(async (c, rawNext) => {
    const next = c.get("config").checkResponses ? () => checked(c, meta, rawNext) : rawNext;
    const { access } = meta;
    if (access.kind === "public") return next();
    const identity = c.get("identity");
    if (!identity) throw c.get("authProblem") ?? new MaillageError("auth.required", "Sign in to continue");
    if (access.kind === "signed_in") return next();
    const contextId =
      access.context === "platform" ? "platform" : (c.req.param(contextParam[access.context]) ?? "");
    const membership = contextId ? await User.membership(identity.userId, contextId) : undefined;
    if (!membership || membership.contextKind !== access.context) {
      if (access.context === "platform") throw new MaillageError("auth.forbidden", "Operators only");
      throw new MaillageError(notFoundCode[access.context], "Not found");
    }
    if (access.context === "platform" && !identity.operatorGrade) {
      throw new MaillageError("auth.forbidden", "Operators sign in through the operators' pool, with MFA");
    }
    if (!access.roles.includes(membership.role)) {
      throw new MaillageError("auth.forbidden", "Your role does not allow this action");
    }
    const actor: Actor.Actor = {
      type: "user",
      userId: identity.userId,
      contextKind: membership.contextKind,
      contextId,
      role: membership.role,
    };
    c.set("actor", actor);
    await Actor.provide(actor, () => next());
  });
  return Object.assign(middleware, { meta });
}

/**
 * Tests run with `checkResponses`: a success answer that does not match the schema the route declares
 * (and the OpenAPI document publishes) becomes a 500, so every API test also checks the contract.
 */
async function checked(c: Context<Env>, meta: RouteMeta, next: Next): Promise<void> {
  await next();
  const { schema, status } = meta.response;
  if (!schema || c.res.status !== status) return;
  const result = v.safeParse(schema, await c.res.clone().json());
  if (!result.success) {
    const fields = issuesOf(result.issues)
      .map((issue) => `${issue.path}: ${issue.message}`)
      .join("; ");
    throw new Error(`Response of ${c.req.method} ${c.req.routePath} does not match its schema: ${fields}`);
  }
}

type Validated = { validation: { target: "json" | "param"; schema: v.GenericSchema } };

/** JSON body validated by a shared schema (400 with field paths otherwise). */
export function json<S extends v.GenericSchema>(schema: S) {
  const middleware = validator("json", (value): v.InferOutput<S> => parse(schema, value));
  return Object.assign(middleware, { validation: { target: "json", schema } } satisfies Validated);
}

/** Path parameters validated by a shared schema; a malformed id answers 404 like an unknown one. */
export function params<S extends v.GenericSchema>(schema: S, notFound: ErrorCode) {
  const middleware = validator("param", (value): v.InferOutput<S> => {
    try {
      return parse(schema, value);
    } catch {
      throw new MaillageError(notFound, "Not found");
    }
  });
  return Object.assign(middleware, { validation: { target: "param", schema } } satisfies Validated);
}

export function metaOf(handler: unknown): RouteMeta | undefined {
  return (handler as { meta?: RouteMeta }).meta;
}

export function validationOf(handler: unknown): Validated["validation"] | undefined {
  return (handler as Partial<Validated>).validation;
}
