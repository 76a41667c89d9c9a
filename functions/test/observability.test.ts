import { describe, expect, test } from "vitest";
import { as, testApp, withTestTenant } from "../../test/harness";
import { describedRoutes } from "../src/http/openapi";
import { routeTestApp } from "./route-app";

const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;

const { app, lines } = testApp();

describe("the API describes itself", () => {
  test("GET /api/openapi.json lists every route with parameters, bodies, errors and roles", async () => {
    const res = await as(app).get("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.openapi).toBe("3.1.0");
    const routes = describedRoutes(app);
    for (const route of routes) {
      const op = doc.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op.responses["500"]).toBeDefined();
      if (route.body) expect(op.requestBody.content["application/json"].schema.type).toBe("object");
      if (route.meta.access.kind === "context") {
        expect(op["x-access"].roles).toEqual(route.meta.access.roles);
        expect(op.description).toContain(route.meta.access.roles.join(", "));
      }
    }
    const put = doc.paths["/api/territories/{territoryId}/profile"].put;
    expect(put.parameters[0]).toMatchObject({ name: "territoryId", in: "path", required: true });
    expect(put.parameters[0].schema.pattern).toContain("ter_");
    expect(put.requestBody.content["application/json"].schema.required).toContain("version");
    expect(put.responses["409"].description).toContain("territory.version_conflict");
    expect(put.responses["400"].description).toContain("input.invalid");
    // Derived from the access rule, the method and the validators, not listed by hand:
    expect(put.responses["401"].description).toContain("auth.session_expired");
    expect(put.responses["403"].description).toContain("auth.csrf");
    expect(put.responses["403"].description).toContain("auth.forbidden");
    expect(put.responses["404"].description).toContain("territory.not_found");
    expect(put.responses["413"].description).toContain("input.too_large");
    expect(put["x-access"].roles).toEqual(["territory_lead"]);
  });
});

describe("errors and logs", () => {
  test("one JSON log line per request with request id, tenant, user, route, status, duration — no body, no personal data", async () => {
    const { territory, users } = await withTestTenant();
    lines.length = 0;
    const res = await as(app, users.territory_lead).post(`/api/territories/${territory.id}/invitations`, {
      email: "secret.person@example.org",
      displayName: "Nom Très Personnel",
      role: "link_worker",
    });
    expect(res.status).toBe(201);
    const requestLines = lines.filter((l) => l.msg === "request");
    expect(requestLines).toHaveLength(1);
    expect(requestLines[0]).toEqual({
      level: "info",
      msg: "request",
      requestId: res.headers.get("x-request-id"),
      method: "POST",
      route: "/api/territories/:territoryId/invitations",
      status: 201,
      durationMs: expect.any(Number),
      tenant: territory.id,
      userId: users.territory_lead.id,
    });
    const all = JSON.stringify(lines);
    expect(all).not.toContain("secret.person");
    expect(all).not.toContain("Nom Très Personnel");
  });

  test("an unexpected failure answers 500 with a request id and no internals", async () => {
    const { users } = await withTestTenant();
    const table = process.env.MAILLAGE_TABLE;
    process.env.MAILLAGE_TABLE = "no-such-table";
    try {
      const res = await as(app, users.territory_lead).get("/api/me");
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        code: "internal",
        message: "Internal error",
        requestId: expect.stringMatching(/^req_/),
      });
      expect(res.text).not.toMatch(/ResourceNotFound|no-such-table|at /);
      const logged = lines.find((l) => l.msg === "unhandled error" && l.requestId === res.body.requestId);
      expect(logged?.error).toMatch(/ResourceNotFound/);
      // Name, status and frames: never the message.
      expect(Object.keys(logged ?? {}).sort()).toEqual([
        "awsStatus",
        "error",
        "frames",
        "level",
        "msg",
        "requestId",
      ]);
      expect(((logged?.frames ?? []) as string[]).length).toBeGreaterThan(0);
      expect(((logged?.frames ?? []) as string[]).every((f) => f.startsWith("at "))).toBe(true);
    } finally {
      process.env.MAILLAGE_TABLE = table;
    }
  });

  test("unknown routes answer a JSON 404", async () => {
    const res = await as(app).get("/api/nope");
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("route.not_found");
  });
});

describe("an input value is never logged", () => {
  const small = routeTestApp();
  const marker = "Zq7-secret-value-";

  test("an unhandled error whose message quotes a 100,000-character value: name and frames only", async () => {
    const value = marker.repeat(Math.ceil(100_000 / marker.length)).slice(0, 100_000);
    small.lines.length = 0;
    const res = await small.app.request("/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ value }),
    });
    expect(res.status).toBe(500);
    expect(await codeOf(res)).toBe("internal");
    const logged = small.lines.find((l) => l.msg === "unhandled error");
    expect(logged).toMatchObject({ level: "error", error: "Error", frames: expect.any(Array) });
    expect(((logged?.frames ?? []) as string[]).length).toBeGreaterThan(0);
    expect(small.lines.length).toBe(2);
    expect(JSON.stringify(small.lines)).not.toContain(marker);
    expect(JSON.stringify(small.lines).length).toBeLessThan(5000);
  });

  test("a value that imitates stack frames is not taken for one", async () => {
    const value = `x\n    at ${marker}injected (/etc/passwd:1:1)\n    at ${marker}again`;
    small.lines.length = 0;
    const res = await small.app.request("/api/echo", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ value }),
    });
    expect(res.status).toBe(500);
    const logged = small.lines.find((l) => l.msg === "unhandled error");
    expect(((logged?.frames ?? []) as string[]).length).toBeGreaterThan(0);
    expect(JSON.stringify(small.lines)).not.toContain(marker);
  });

  test("over-long inputs on a real route are refused (400, 413), and not logged either", async () => {
    const { territory, users } = await withTestTenant();
    lines.length = 0;
    const path = `/api/territories/${territory.id}/invitations`;
    for (const [length, status, code] of [
      [2_050, 400, "input.invalid"],
      [100_000, 413, "input.too_large"],
    ] as const) {
      const email = `${marker.repeat(Math.ceil(length / marker.length)).slice(0, length - 12)}@example.org`;
      const res = await as(app, users.territory_lead).post(path, {
        email,
        displayName: "Long",
        role: "link_worker",
      });
      expect(res.status).toBe(status);
      expect(res.body.code).toBe(code);
      expect(res.text).not.toContain(marker);
    }
    expect(lines.filter((l) => l.msg === "request").map((l) => l.status)).toEqual([400, 413]);
    expect(JSON.stringify(lines)).not.toContain(marker);
  });
});
