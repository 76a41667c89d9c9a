import { errorCodes } from "@maillage/schema";
import { toJsonSchema } from "@valibot/to-json-schema";
import type { RouterRoute } from "hono/types";
import type * as v from "valibot";
import { metaOf, type RouteMeta, validationOf } from "./route";

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

export interface DescribedRoute {
  method: string;
  path: string;
  meta: RouteMeta;
  body?: v.GenericSchema;
  params?: v.GenericSchema;
}

/** The declared routes of an app, read from Hono's own route table (method, path, handlers). */
export function describedRoutes(app: { routes: RouterRoute[] }): DescribedRoute[] {
  const byKey = new Map<string, DescribedRoute>();
  const validations: { key: string; target: string; schema: v.GenericSchema }[] = [];
  for (const { method, path, handler } of app.routes) {
    if (method === "ALL") continue;
    const key = `${method} ${path}`;
    const meta = metaOf(handler);
    if (meta) byKey.set(key, { method, path, meta });
    const validation = validationOf(handler);
    if (validation) validations.push({ key, ...validation });
  }
  for (const { key, target, schema } of validations) {
    const route = byKey.get(key);
    if (!route) continue;
    if (target === "json") route.body = schema;
    if (target === "param") route.params = schema;
  }
  return [...byKey.values()];
}

/** OpenAPI 3.1, generated from the route declarations and the shared valibot schemas. */
export function openApiDocument(app: { routes: RouterRoute[] }): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of describedRoutes(app)) {
    const { meta } = route;
    const oaPath = route.path.replace(/:(\w+)/g, "{$1}");
    const paramSchemas = route.params
      ? (schemaOf(route.params).properties as Record<string, JsonSchema>)
      : {};
    const parameters = [...route.path.matchAll(/:(\w+)/g)].map(([, name = ""]) => ({
      name,
      in: "path",
      required: true,
      schema: paramSchemas[name] ?? { type: "string" },
    }));
    const errorsByStatus = new Map<number, string[]>();
    for (const code of meta.errors ?? []) {
      const status = errorCodes[code];
      errorsByStatus.set(status, [...(errorsByStatus.get(status) ?? []), code]);
    }
    errorsByStatus.set(500, ["internal"]);
    const responses: Record<string, unknown> = {
      [meta.response.status]: {
        description: meta.response.description,
        ...(meta.response.schema
          ? { content: { "application/json": { schema: schemaOf(meta.response.schema) } } }
          : {}),
      },
    };
    for (const [status, codes] of errorsByStatus) {
      responses[status] = {
        description: `Error codes: ${codes.join(", ")}`,
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      };
    }
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
        security: access.kind === "public" ? [] : [{ session: [] }, { bearer: [] }],
        ...(parameters.length ? { parameters } : {}),
        ...(route.body
          ? {
              requestBody: {
                required: true,
                content: { "application/json": { schema: schemaOf(route.body) } },
              },
            }
          : {}),
        responses,
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
