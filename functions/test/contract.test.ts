import { type ErrorCode, errorCodes } from "@maillage/schema";
import * as v from "valibot";
import { beforeAll, describe, expect, test } from "vitest";
import {
  as,
  createOperator,
  INDICATOR_PARAMS,
  INDICATOR_QUERIES,
  journeyFixture,
  MANUAL_VALUE,
  type TestTenant,
  type TestUser,
  testApp,
  withTestTenant,
} from "../../test/harness";
import { describedRoutes, openApiDocument } from "../src/http/openapi";
import { CSV, XLSX } from "../src/http/route";
import { routeTestApp, UPLOAD_MAX_BYTES } from "./route-app";

const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;

/**
 * The OpenAPI document is generated from the route declarations: this checks that what the routes
 * really answer matches the response schema they declare, for every read route, as a role it allows.
 */
const { app } = testApp();
const routes = describedRoutes(app).filter((r) => r.method === "GET" && r.meta.response.schema);

let tenant: TestTenant;
let operator: TestUser;
let jobId: string;
let schemeId: string;
let linkWorkerId: string;
let resourceId: string;
let journey: Awaited<ReturnType<typeof journeyFixture>>;

beforeAll(async () => {
  tenant = await withTestTenant();
  operator = await createOperator();
  // Something in the audit trail and the members list beyond the creation.
  const invited = await as(app, tenant.users.territory_lead).post(
    `/api/territories/${tenant.territory.id}/invitations`,
    { email: "contrat@example.org", displayName: "Contrat", role: "link_worker" },
  );
  // Its delivery is a job of the territory, to poll.
  jobId = invited.body.deliveryJobId;
  const scheme = await as(app, tenant.users.territory_lead).post(
    `/api/territories/${tenant.territory.id}/partner-schemes`,
    {
      kind: "dac",
      name: "DAC du territoire",
      description: "",
      contact: { structureName: "DAC", contactRole: "", contactName: "", phone: null, email: null },
    },
  );
  schemeId = scheme.body.id;
  const lead = as(app, tenant.users.territory_lead);
  linkWorkerId = (
    await lead.post(`/api/territories/${tenant.territory.id}/link-workers`, {
      name: "Agent du contrat",
      profileType: "health_mediator",
      employer: "Centre social",
      fte: 1,
      fundingSource: "cpam",
      communityHealthTraining: true,
      supervision: "individual",
      userId: tenant.users.link_worker.id,
    })
  ).body.id;
  resourceId = (
    await lead.post(`/api/territories/${tenant.territory.id}/resources`, {
      pillar: "rights",
      category: "caf",
      structureName: "CAF du contrat",
      commune: "59350",
      cost: "free",
      lastVerified: null,
    })
  ).body.id;
  journey = await journeyFixture(app, tenant, linkWorkerId);
  // A manual value and a lock, so that their lists are not empty.
  const base = `/api/territories/${tenant.territory.id}`;
  await lead.post(`${base}/indicators/GP_CONSULTATIONS_CHANGE/values`, MANUAL_VALUE);
  await lead.post(`${base}/periods/2026-Q2/lock`, { reason: "Comité de suivi" });
});

/** A route's path for the test tenant; a new path parameter must be added here. */
function pathOf(path: string): string {
  return `${path}${INDICATOR_QUERIES[path] ?? ""}`
    .replace(":territoryId", tenant?.territory.id ?? "")
    .replace(":federationId", tenant?.federation.id ?? "")
    .replace(":funderId", tenant?.funder.id ?? "")
    .replace(":jobId", jobId ?? "")
    .replace(":schemeId", schemeId ?? "")
    .replace(":linkWorkerId", linkWorkerId ?? "")
    .replace(":resourceId", resourceId ?? "")
    .replace(":journeyId", journey?.journeyId ?? "")
    .replace(":code", INDICATOR_PARAMS[":code"]);
}

describe("responses match their declared schemas", () => {
  test("every declared read route is exercised below, with all its path parameters filled", () => {
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => pathOf(r.path)).filter((path) => path.includes(":"))).toEqual([]);
  });

  for (const route of routes) {
    test(`GET ${route.path}`, async () => {
      const access = route.meta.access;
      const user =
        access.kind !== "context"
          ? tenant.users.territory_lead
          : access.context === "platform"
            ? operator
            : tenant.users[access.roles[0] as keyof TestTenant["users"]];
      const path = pathOf(route.path);
      const res = await as(app, user).get(path);
      expect(res.status).toBe(route.meta.response.status);
      const schema = route.meta.response.schema as v.GenericSchema;
      const result = v.safeParse(schema, res.body);
      expect(result.success ? [] : v.flatten(result.issues)).toEqual([]);
    });
  }
});

describe("the declaration is the whole contract", () => {
  test("every route in Hono's table is declared with route()", () => {
    const declared = new Set(describedRoutes(app).map((r) => `${r.method} ${r.path}`));
    const actual = app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
    expect(actual.length).toBeGreaterThanOrEqual(20);
    expect(actual.filter((key) => !declared.has(key))).toEqual([]);
  });

  test("the errors of every real route are derived: identity, CSRF, body limits are never missing", () => {
    const doc = openApiDocument(app) as { paths: Record<string, Record<string, OpenApiOperation>> };
    for (const route of describedRoutes(app)) {
      const key = `${route.method} ${route.path}`;
      const op = doc.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      expect(op, key).toBeDefined();
      const codes = op?.["x-error-codes"] ?? [];
      if (route.meta.access.kind !== "public") {
        expect(codes, key).toEqual(expect.arrayContaining(["auth.required", "auth.session_expired"]));
        expect(op?.responses["401"]?.description, key).toContain("auth.session_expired");
      }
      if (["POST", "PUT", "PATCH", "DELETE"].includes(route.method)) {
        expect(codes, key).toContain("auth.csrf");
        expect(op?.responses["403"]?.description, key).toContain("auth.csrf");
      }
      if (route.body) {
        expect(codes, key).toEqual(expect.arrayContaining(["input.invalid", "input.too_large"]));
        expect(op?.responses["413"]?.description, key).toContain("input.too_large");
        expect(op?.requestBody?.["x-max-bytes"], key).toBe(64 * 1024);
      }
      if (route.query) {
        const names = Object.keys((route.query as unknown as { entries: object }).entries);
        const inQuery = (op?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
        expect(inQuery.sort(), key).toEqual(names.sort());
      }
      // Statuses group their codes; every code is published under its own status.
      for (const code of codes) {
        expect(op?.responses[String(errorCodes[code])]?.description, `${key} ${code}`).toContain(code);
      }
      expect(op?.responses["500"]?.description, key).toContain("internal");
    }
  });
});

type OpenApiOperation = {
  "x-error-codes": ErrorCode[];
  parameters?: { name: string; in: string; required: boolean; schema: Record<string, unknown> }[];
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }>; "x-max-bytes"?: number };
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, { required: boolean }>;
      content?: Record<string, { schema: Record<string, unknown> }>;
    }
  >;
};

describe("query parameters, uploads, downloads and 202, on a test app built with route()", () => {
  const small = routeTestApp();
  const doc = openApiDocument(small.app) as { paths: Record<string, Record<string, OpenApiOperation>> };
  const op = (path: string, method: string) => doc.paths[path]?.[method] as OpenApiOperation;

  test("query(): parameters described `in: query`, validated with their names in the 400", async () => {
    const search = op("/api/search", "get");
    expect(search.parameters).toEqual([
      { name: "q", in: "query", required: true, schema: { type: "string", minLength: 1, maxLength: 100 } },
      { name: "limit", in: "query", required: false, schema: { type: "string", pattern: "^\\d{1,3}$" } },
    ]);
    expect(search["x-error-codes"]).toEqual(["input.invalid"]);
    const ok = await as(small.app as unknown as typeof app).get("/api/search?q=lille&limit=20");
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ q: "lille", limit: 20 });
    const bad = await as(small.app as unknown as typeof app).get(`/api/search?limit=x&q=${"y".repeat(101)}`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("input.invalid");
    expect(bad.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(["limit", "q"]);
  });

  test("upload(): a binary request body of the accepted types, its limit, its errors; a 202 with Location", () => {
    const imports = op("/api/territories/{territoryId}/imports", "post");
    expect(imports.requestBody?.content).toEqual({
      [CSV]: { schema: { type: "string", format: "binary" } },
      [XLSX]: { schema: { type: "string", format: "binary" } },
    });
    expect(imports.requestBody?.["x-max-bytes"]).toBe(UPLOAD_MAX_BYTES);
    expect(imports.responses["202"]?.headers?.Location?.required).toBe(true);
    expect(imports.responses["202"]?.content?.["application/json"]?.schema.type).toBe("object");
    expect(imports["x-error-codes"]).toEqual([
      "auth.csrf",
      "auth.email_unverified",
      "auth.forbidden",
      "auth.required",
      "auth.session_expired",
      "auth.unknown_user",
      "input.invalid",
      "input.too_large",
      "input.unsupported_type",
      "territory.not_found",
    ]);
    expect(imports.responses["413"]?.description).toContain("input.too_large");
    expect(imports.responses["415"]?.description).toContain("input.unsupported_type");
  });

  test("a download is described by its media type, as binary, and answered with it", async () => {
    const exported = op("/api/territories/{territoryId}/export", "get");
    expect(exported.responses["200"]?.content).toEqual({
      [CSV]: { schema: { type: "string", format: "binary" } },
    });
    // Both territory roles may download: no 403 to publish; no body, so no 400 or 413 either.
    expect(exported["x-error-codes"]).toEqual([
      "auth.email_unverified",
      "auth.required",
      "auth.session_expired",
      "auth.unknown_user",
      "territory.not_found",
    ]);
    const tenant2 = await withTestTenant();
    const res = await small.app.request(`/api/territories/${tenant2.territory.id}/export`, {
      headers: { authorization: `Bearer ${tenant2.users.link_worker.token}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(await res.text()).toContain("commune,population");
  });

  test("a declaration that cannot be described is refused when the route is declared", async () => {
    const { route } = await import("../src/http/route");
    const base = { summary: "x", tag: "t", access: { kind: "public" } as const };
    expect(() => route({ ...base, response: { status: 202, description: "no poll URL" } })).toThrow(
      /where to poll/,
    );
    expect(() =>
      route({ ...base, response: { status: 200, description: "x", content: CSV, schema: v.object({}) } }),
    ).toThrow(/no JSON schema/);
  });

  for (const [path, says] of [
    ["/api/broken/accepted", "without the Location header"],
    ["/api/broken/download", "another content type than the application/pdf"],
    ["/api/broken/error", "409 territory.version_conflict, which it does not declare"],
  ] as const) {
    test(`tests refuse an answer the route does not declare: ${path}`, async () => {
      small.lines.length = 0;
      const res = await small.app.request(path);
      expect(res.status).toBe(500);
      expect(await codeOf(res)).toBe("internal");
      const logged = small.lines.find((l) => l.msg === "unhandled error");
      expect(logged).toMatchObject({ error: "ContractError" });
      expect(String(logged?.description)).toContain(says);
    });
  }
});
