import { Actor, Db, MaillageError, parse, Session } from "@maillage/core";
import {
  type ContextKind,
  type ErrorCode,
  FederationId,
  type FieldIssue,
  FunderId,
  issuesOf,
  message,
  type Role,
  rolesByContext,
  TerritoryId,
} from "@maillage/schema";
import type { Context, Next } from "hono";
import { createMiddleware } from "hono/factory";
import { matchedRoutes } from "hono/route";
import { validator } from "hono/validator";
import * as v from "valibot";
import { ContractError } from "./observe";
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

export const CSV = "text/csv";
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
export const PDF = "application/pdf";
export const JSON_TYPE = "application/json";
/** What a route answers: JSON, or a download. */
export type MediaType = typeof JSON_TYPE | typeof CSV | typeof XLSX | typeof PDF;
/** What an upload route accepts as its raw body (imports: spreadsheets, data·inclusion JSON). */
export type UploadType = typeof CSV | typeof XLSX | typeof JSON_TYPE;

export interface ResponseMeta {
  status: number;
  description: string;
  /** The JSON body; tests check every answer against it (`checkResponses`). */
  schema?: v.GenericSchema;
  /**
   * A download (CSV, XLSX, PDF) is described as `format: binary`; JSON when omitted. A route whose
   * download format is chosen by a query parameter lists each media type it may answer.
   */
  content?: MediaType | readonly MediaType[];
  /**
   * What the Location header points to, as a path template (`/api/territories/{territoryId}/jobs/{jobId}`):
   * required on a 202 (job accepted: poll there).
   */
  location?: string;
}

export interface RouteMeta {
  summary: string;
  tag: string;
  access: Access;
  response: ResponseMeta;
  /**
   * Domain errors only (version conflicts, already_exists…). What the access rule, the method and the
   * validators can answer is derived from them (`errorsOf`): do not list it here.
   */
  errors?: ErrorCode[];
  /**
   * A read of the context's own data that does not depend on who asks (the territory's profile for its
   * overview): started with the tenant's scope in parallel with the session and membership read, and
   * handed to the handler (`c.get("prefetched")`) only once access is granted — one round trip fewer.
   */
  prefetch?: (contextId: string) => Promise<unknown>;
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

/** The id schema of the context named in the path, checked before any read. */
const contextIdSchema: Record<Exclude<ContextKind, "platform">, v.GenericSchema<string>> = {
  territory: TerritoryId,
  federation: FederationId,
  funder: FunderId,
};

/** A valid token whose session was ended (sign-out, revocation) or has expired server-side. */
const sessionEnded = () => new MaillageError("auth.session_expired", "Your session has ended: sign in again");

/**
 * Declares a route (read by the OpenAPI generator and the cross-tenant test) and enforces its access:
 * loads the membership for the context named in the path and runs the rest of the request as that actor.
 * Without a membership the context does not exist for this person (404, never 403).
 */
export function route(meta: RouteMeta) {
  assertDeclarable(meta);
  const middleware = createMiddleware<Env>(async (c, rawNext) => {
    const next = c.get("config").checkResponses ? () => checked(c, meta, rawNext) : rawNext;
    const { access } = meta;
    if (access.kind === "public") return next();
    const identity = c.get("identity");
    if (!identity) throw c.get("authProblem") ?? new MaillageError("auth.required", "Sign in to continue");
    if (access.kind === "signed_in") {
      if (!(await Session.isOpen(identity.userId, identity.sessionId))) throw sessionEnded();
      return next();
    }
    const contextId =
      access.context === "platform" ? "platform" : (c.req.param(contextParam[access.context]) ?? "");
    if (access.context !== "platform" && !v.is(contextIdSchema[access.context], contextId)) {
      // A malformed id names nothing: 404 without a round trip (an over-long one would not even fit a key).
      throw new MaillageError(notFoundCode[access.context], "Not found");
    }
    const prefetched =
      meta.prefetch && access.context !== "platform"
        ? Db.Scope.run({ kind: "keys", readWrite: Db.Scope.ownedPatterns(contextId), readOnly: [] }, () =>
            (meta.prefetch as (id: string) => Promise<unknown>)(contextId),
          )
        : undefined;
    // Never reported unless access is granted (a refused request must not answer with its failure).
    prefetched?.catch(() => undefined);
    // The session and the membership are read together (one BatchGetItem, no extra round trip).
    const { open, membership } = contextId
      ? await Session.withMembership(identity.userId, identity.sessionId, contextId)
      : { open: await Session.isOpen(identity.userId, identity.sessionId), membership: undefined };
    if (!open) throw sessionEnded();
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
      displayName: membership.displayName,
      contextKind: membership.contextKind,
      contextId,
      role: membership.role,
    };
    c.set("actor", actor);
    if (prefetched) c.set("prefetched", prefetched);
    await Actor.provide(actor, () => next());
  });
  return Object.assign(middleware, { meta });
}

/** A declaration the generator could not describe, or a 202 that says nowhere to poll, fails at start. */
function assertDeclarable(meta: RouteMeta): void {
  const { status, schema, content, location } = meta.response;
  if (Array.isArray(content) && schema) {
    throw new Error(`${meta.summary}: a download in several formats has no JSON schema`);
  }
  if (content && content !== "application/json" && schema) {
    throw new Error(`${meta.summary}: a ${content} download has no JSON schema`);
  }
  if (status === 202 && !location) {
    throw new Error(`${meta.summary}: a 202 says where to poll (response.location)`);
  }
}

const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/**
 * What identify() and route() answer instead of a person, on every route that needs one (the last two
 * in Cognito mode only: an unknown `sub`, an unverified e-mail).
 */
const IDENTITY_ERRORS: readonly ErrorCode[] = [
  "auth.required",
  "auth.session_expired",
  "auth.unknown_user",
  "auth.email_unverified",
];

/**
 * The errors a route can answer, derived from what it declares: its access rule (identity, the
 * context's 404, a 403 when not every role of the context is allowed — always for the platform, where
 * the operator also needs an operator-grade sign-in), its method (identify() refuses cookie-authenticated
 * writes from another origin on every route, public ones included), its validators, and its own
 * domain errors. The OpenAPI document publishes this set; tests refuse any other code (`checked`).
 */
export function errorsOf(method: string, meta: RouteMeta, validations: readonly Validation[]): ErrorCode[] {
  const codes = new Set<ErrorCode>();
  if (UNSAFE_METHODS.has(method)) codes.add("auth.csrf");
  const { access } = meta;
  if (access.kind !== "public") for (const code of IDENTITY_ERRORS) codes.add(code);
  if (access.kind === "context") {
    if (access.context === "platform") codes.add("auth.forbidden");
    else {
      codes.add(notFoundCode[access.context]);
      if (rolesByContext[access.context].some((role) => !access.roles.includes(role))) {
        codes.add("auth.forbidden");
      }
    }
  }
  for (const validation of validations) for (const code of validation.errors) codes.add(code);
  for (const code of meta.errors ?? []) codes.add(code);
  return [...codes].sort();
}

/** The validators of the route being answered, read from Hono's match (tests only). */
function validationsOf(c: Context<Env>, path: string): Validation[] {
  return matchedRoutes(c)
    .filter((r) => r.method !== "ALL" && r.path === path)
    .flatMap((r) => validationOf(r.handler) ?? []);
}

/**
 * Tests run with `checkResponses`: an answer that the route does not declare (and the OpenAPI document
 * does not publish) becomes a 500, so every API test also checks the contract: the declared success
 * status, its JSON schema, download media type and Location header, and error codes among `errorsOf`.
 * Messages name routes, codes and field paths, never a value (they are logged).
 */
async function checked(c: Context<Env>, meta: RouteMeta, next: Next): Promise<void> {
  const path = c.req.routePath;
  const name = `${c.req.method} ${path}`;
  await next();
  const res = c.res;
  if (res.status >= 500) return;
  if (res.status >= 400) {
    const allowed = errorsOf(c.req.method, meta, validationsOf(c, path));
    const code = await res
      .clone()
      .json()
      .then((body) => (body as { code?: unknown }).code)
      .catch(() => undefined);
    if (typeof code !== "string" || !allowed.includes(code as ErrorCode)) {
      throw new ContractError(
        `${name} answered ${res.status} ${typeof code === "string" ? code.slice(0, 60) : "without a code"}, which it does not declare (${allowed.join(", ")})`,
      );
    }
    return;
  }
  const { schema, status, content, location } = meta.response;
  if (res.status !== status) throw new ContractError(`${name} answered ${res.status}, it declares ${status}`);
  if (location && !res.headers.get("location")) {
    throw new ContractError(`${name} answered ${status} without the Location header it declares`);
  }
  if (Array.isArray(content)) {
    const type = res.headers.get("content-type") ?? "";
    if (!content.some((media) => type.startsWith(media))) {
      throw new ContractError(
        `${name} answered another content type than the ${content.join(", ")} it declares`,
      );
    }
    return;
  }
  if (content && content !== "application/json") {
    if (!res.headers.get("content-type")?.startsWith(content as string)) {
      throw new ContractError(`${name} answered another content type than the ${content} it declares`);
    }
    return;
  }
  if (!schema) return;
  const result = v.safeParse(schema, await res.clone().json());
  if (!result.success) {
    const fields = result.issues
      .map((issue) => `${v.getDotPath(issue) ?? "(root)"}: expected ${issue.expected ?? issue.type}`)
      .join("; ");
    throw new ContractError(`Response of ${name} does not match its schema: ${fields}`);
  }
}

/** What a validator declares, for the OpenAPI document and `errorsOf`. */
export interface Validation {
  target: "json" | "param" | "query" | "upload";
  schema?: v.GenericSchema;
  /** Body limit (json, upload), enforced before the body is parsed. */
  maxBytes?: number;
  /** Media types an upload accepts. */
  types?: readonly UploadType[];
  errors: readonly ErrorCode[];
}

type Validated = { validation: Validation };

/**
 * JSON bodies. The largest valid one today, a territory profile at every maximum (1,000 communes, 200
 * neighbourhoods of 120 accented characters), is 57 KB (limits.test.ts checks it still fits).
 */
export const JSON_MAX_BYTES = 64 * 1024;

function tooLarge(maxBytes: number): MaillageError {
  return new MaillageError("input.too_large", `The body is over the ${maxBytes} bytes this route accepts`);
}

/**
 * Reads the body up to `maxBytes`: a declared Content-Length over it is refused before a byte is read,
 * and what arrives is counted anyway (a chunked body declares no length, a Lambda event's body need not
 * match its header), so more than `maxBytes` is never held in memory nor parsed.
 */
async function readLimited(c: Context, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const request = c.req.raw;
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/**
 * JSON body validated by a shared schema (400 with field paths otherwise), at most `maxBytes`
 * (64 KB by default; 413 `input.too_large` beyond, before parsing).
 */
export function json<S extends v.GenericSchema>(
  schema: S,
  options: {
    maxBytes?: number;
    /** Checks beyond the schema (e.g. INSEE codes against the grid), reported in the same 400. */
    check?: (raw: unknown) => FieldIssue[];
  } = {},
) {
  const maxBytes = options.maxBytes ?? JSON_MAX_BYTES;
  const { check } = options;
  const validate = validator("json", (value): v.InferOutput<S> => {
    if (!check) return parse(schema, value);
    const result = v.safeParse(schema, value);
    const issues = [...(result.success ? [] : issuesOf(result.issues)), ...check(value)];
    if (issues.length > 0) throw new MaillageError("input.invalid", "The request is not valid", { issues });
    return (result as { output: v.InferOutput<S> }).output;
  });
  const middleware: typeof validate = async (c, next) => {
    const body = await readLimited(c, maxBytes);
    if (body) c.req.raw = new Request(c.req.raw, { body });
    return validate(c, next);
  };
  const validation: Validation = {
    target: "json",
    schema,
    maxBytes,
    errors: ["input.invalid", "input.too_large"],
  };
  return Object.assign(middleware, { validation });
}

/** Query parameters validated by a shared object schema (400 with the parameters' names otherwise). */
export function query<S extends v.GenericSchema>(schema: S) {
  const middleware = validator("query", (value): v.InferOutput<S> => parse(schema, value));
  const validation: Validation = { target: "query", schema, errors: ["input.invalid"] };
  return Object.assign(middleware, { validation });
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
  const validation: Validation = { target: "param", schema, errors: [notFound] };
  return Object.assign(middleware, { validation });
}

/** A file sent as the raw request body (CSV or XLSX import), read by the handler with `uploaded(c)`. */
export interface Upload {
  mediaType: UploadType;
  bytes: Uint8Array<ArrayBuffer>;
}

const uploads = new WeakMap<object, Upload>();

/**
 * A raw file body of one of `types` (415 `input.unsupported_type` otherwise, before reading it), at most
 * `maxBytes` (413 `input.too_large` beyond, without holding more in memory), not empty (400).
 */
export function upload(options: { maxBytes: number; types: readonly UploadType[] }) {
  const { maxBytes, types } = options;
  const middleware = createMiddleware<Env>(async (c, next) => {
    const mediaType = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase();
    const type = types.find((t) => t === mediaType);
    if (!type) {
      throw new MaillageError("input.unsupported_type", `Expected a file of type ${types.join(" or ")}`);
    }
    const bytes = await readLimited(c, maxBytes);
    if (!bytes?.byteLength) {
      throw new MaillageError("input.invalid", "The file is empty", {
        issues: [{ path: "file", message: message("file.empty") }],
      });
    }
    uploads.set(c, { mediaType: type, bytes });
    await next();
  });
  const validation: Validation = {
    target: "upload",
    maxBytes,
    types,
    errors: ["input.invalid", "input.too_large", "input.unsupported_type"],
  };
  return Object.assign(middleware, { validation });
}

/** The file of a route declared with `upload()`. */
export function uploaded(c: Context): Upload {
  const file = uploads.get(c);
  if (!file) throw new Error("uploaded(c) on a route without upload()");
  return file;
}

export function metaOf(handler: unknown): RouteMeta | undefined {
  return (handler as { meta?: RouteMeta }).meta;
}

export function validationOf(handler: unknown): Validation | undefined {
  return (handler as Partial<Validated>).validation;
}
