import { type ErrorCode, errorCodes } from "@maillage/schema";
import { toJsonSchema } from "@valibot/to-json-schema";
import type { RouterRoute } from "hono/types";
import type * as v from "valibot";
import { errorsOf, metaOf, type RouteMeta, type UploadType, type Validation, validationOf } from "./route";

type JsonSchema = Record<string, unknown>;

function schemaOf(schema: v.GenericSchema): JsonSchema {
  const { $schema: _, ...rest } = toJsonSchema(schema, {
    target: "draft-2020-12",
    errorMode: "ignore",
  }) as JsonSchema;
  return rest;
}

const errorSchema: JsonSchema = {
  type: "object",
  required: ["code", "message", "requestId"],
  properties: {
    code: { type: "string", enum: Object.keys(errorCodes) },
    message: { type: "string" },
    requestId: { type: "string" },
    issues: {
      type: "array",
      items: {
        type: "object",
        required: ["path", "message"],
        properties: { path: { type: "string" }, message: { type: "string" } },
      },
    },
    current: { description: "The stored record, on a version conflict" },
  },
};

const binary: JsonSchema = { type: "string", format: "binary" };

export interface DescribedRoute {
  method: string;
  path: string;
  meta: RouteMeta;
  /** The JSON body's schema. */
  body?: v.GenericSchema;
  params?: v.GenericSchema;
  query?: v.GenericSchema;
  /** A raw file body (imports). */
  upload?: { maxBytes: number; types: readonly UploadType[] };
  /** The body limit of a JSON or upload route (413 beyond). */
  maxBytes?: number;
  validations: Validation[];
  /** Every code the route can answer (500 `internal` aside): derived from its declaration. */
  errors: ErrorCode[];
}

/** The declared routes of an app, read from Hono's own route table (method, path, handlers). */
export function describedRoutes(app: { routes: RouterRoute[] }): DescribedRoute[] {
  const byKey = new Map<string, Omit<DescribedRoute, "errors">>();
  const validations: { key: string; validation: Validation }[] = [];
  for (const { method, path, handler } of app.routes) {
    if (method === "ALL") continue;
    const key = `${method} ${path}`;
    const meta = metaOf(handler);
    if (meta) byKey.set(key, { method, path, meta, validations: [] });
    const validation = validationOf(handler);
    if (validation) validations.push({ key, validation });
  }
  for (const { key, validation } of validations) {
    const route = byKey.get(key);
    if (!route) continue;
    route.validations.push(validation);
    const { target, schema, maxBytes, types } = validation;
    if (target === "json") Object.assign(route, { body: schema, maxBytes });
    if (target === "param") route.params = schema;
    if (target === "query") route.query = schema;
    if (target === "upload" && maxBytes !== undefined && types) {
      Object.assign(route, { upload: { maxBytes, types }, maxBytes });
    }
  }
  return [...byKey.values()].map((route) => ({
    ...route,
    errors: errorsOf(route.method, route.meta, route.validations),
  }));
}

function parametersOf(route: DescribedRoute): JsonSchema[] {
  const pathSchemas = route.params ? (schemaOf(route.params).properties as Record<string, JsonSchema>) : {};
  const inPath = [...route.path.matchAll(/:(\w+)/g)].map(([, name = ""]) => ({
    name,
    in: "path",
    required: true,
    schema: pathSchemas[name] ?? { type: "string" },
  }));
  if (!route.query) return inPath;
  const query = schemaOf(route.query);
  const required = new Set((query.required as string[] | undefined) ?? []);
  const inQuery = Object.entries((query.properties ?? {}) as Record<string, JsonSchema>).map(
    ([name, schema]) => ({ name, in: "query", required: required.has(name), schema }),
  );
  return [...inPath, ...inQuery];
}

function requestBodyOf(route: DescribedRoute): JsonSchema | undefined {
  const limit = route.maxBytes;
  const limited = limit ? { description: `At most ${limit} bytes (413 input.too_large beyond)` } : {};
  if (route.body) {
    return {
      required: true,
      ...limited,
      "x-max-bytes": limit,
      content: { "application/json": { schema: schemaOf(route.body) } },
    };
  }
  if (route.upload) {
    return {
      required: true,
      ...limited,
      "x-max-bytes": limit,
      content: Object.fromEntries(route.upload.types.map((type) => [type, { schema: binary }])),
    };
  }
  return undefined;
}

function responsesOf(route: DescribedRoute): Record<string, unknown> {
  const { response } = route.meta;
  const media = response.content ?? "application/json";
  const content = Array.isArray(media)
    ? Object.fromEntries(
        media.map((type: string) => [
          type,
          { schema: type === "application/json" ? { type: "object" } : binary },
        ]),
      )
    : media !== "application/json"
      ? { [media as string]: { schema: binary } }
      : response.schema
        ? { "application/json": { schema: schemaOf(response.schema) } }
        : undefined;
  const responses: Record<string, unknown> = {
    [response.status]: {
      description: response.description,
      ...(response.location
        ? {
            headers: {
              Location: {
                description: `Where to follow up: ${response.location}`,
                required: true,
                schema: { type: "string", format: "uri-reference" },
              },
            },
          }
        : {}),
      ...(content ? { content } : {}),
    },
  };
  const byStatus = new Map<number, string[]>();
  for (const code of [...route.errors, "internal" as const]) {
    const status = errorCodes[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  for (const [status, codes] of [...byStatus].sort(([a], [b]) => a - b)) {
    responses[status] = {
      description: `Error codes: ${codes.join(", ")}`,
      content: {
        "application/json": {
          schema: {
            allOf: [
              { $ref: "#/components/schemas/Error" },
              { type: "object", properties: { code: { enum: codes } } },
            ],
          },
        },
      },
    };
  }
  return responses;
}

/** OpenAPI 3.1, generated from the route declarations and the shared valibot schemas. */
export function openApiDocument(app: { routes: RouterRoute[] }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of describedRoutes(app)) {
    const { meta } = route;
    const oaPath = route.path.replace(/:(\w+)/g, "{$1}");
    const parameters = parametersOf(route);
    const requestBody = requestBodyOf(route);
    const access = meta.access;
    const roles = access.kind === "context" ? access.roles : [];
    paths[oaPath] = {
      ...paths[oaPath],
      [route.method.toLowerCase()]: {
        operationId: `${route.method.toLowerCase()}${oaPath.replace(/[{}]/g, "").replace(/[/-](\w)/g, (_, ch: string) => ch.toUpperCase())}`,
        summary: meta.summary,
        tags: [meta.tag],
        description:
          access.kind === "public"
            ? "Public."
            : access.kind === "signed_in"
              ? "Any signed-in person."
              : `Roles allowed: ${roles.join(", ")} (in the ${access.context} named by the path).`,
        "x-access": access,
        "x-error-codes": route.errors,
        security: access.kind === "public" ? [] : [{ session: [] }, { bearer: [] }],
        ...(parameters.length ? { parameters } : {}),
        ...(requestBody ? { requestBody } : {}),
        responses: responsesOf(route),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Maillage API",
      version: "0.1.0",
      description:
        "Social prescribing pilots: territories, pathways, journeys and indicators. Every route names its context (territory, federation, funder) in the path; a person without a membership there gets 404.",
    },
    servers: [{ url: "/" }],
    paths,
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "maillage_session" },
        bearer: { type: "http", scheme: "bearer", bearerFormat: "JWT" },
      },
    },
  };
}
