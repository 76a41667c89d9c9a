import { Token } from "@maillage/core";
import { type ErrorCode, errorCodes, rolesByContext } from "@maillage/schema";
import * as v from "valibot";
import { beforeAll, describe, expect, test } from "vitest";
import {
  as,
  createOperator,
  ORIGIN,
  RawBody,
  type TestTenant,
  type TestUser,
  testApp,
  withTestTenant,
} from "../../test/harness";
import { type DescribedRoute, describedRoutes } from "../src/http/openapi";
import { contextParam, errorsOf } from "../src/http/route";

/**
 * The errors a route can answer are derived from its declaration (access rule, method, validators),
 * not listed by hand. Generated from the route table: each route is probed for each derived error, and
 * must answer exactly that code — and every code a probe meets must be in the published document.
 */
const { app } = testApp();
const routes = describedRoutes(app);
const LONG = "A".repeat(2000);

let tenant: TestTenant;
let operator: TestUser;
let document: {
  paths: Record<string, Record<string, { "x-error-codes": ErrorCode[]; responses: Record<string, unknown> }>>;
};

beforeAll(async () => {
  tenant = await withTestTenant();
  operator = await createOperator();
  document = (await as(app).get("/api/openapi.json")).body;
});

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** Someone the route lets through its access rule (in the test tenant). */
function allowedUser(route: DescribedRoute): TestUser {
  const { access } = route.meta;
  if (access.kind !== "context") return tenant.users.territory_lead;
  if (access.context === "platform") return operator;
  return tenant.users[access.roles[0] as keyof TestTenant["users"]];
}

function pathFor(route: DescribedRoute, replace: Record<string, string> = {}): string {
  const ids: Record<string, string> = {
    territoryId: tenant.territory.id,
    federationId: tenant.federation.id,
    funderId: tenant.funder.id,
    linkWorkerId: "lwk_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    resourceId: "res_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    // Well-formed, so a body probe reaches the body's validation; unknown, so nothing is changed.
    schemeId: "sch_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    journeyId: "jrn_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    eventId: "evt_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    measureId: "msr_01ARZ3NDEKTSV4RRFFQ69G5FAV",
    // A manual indicator and a quarter (nothing is entered nor locked: the probes are all refused).
    code: "GP_CONSULTATIONS_CHANGE",
    period: "2026-Q2",
  };
  return route.path.replace(/:(\w+)/g, (_, name: string) => replace[name] ?? ids[name] ?? LONG);
}

type Probe = { name: string; expected: ErrorCode; run: () => ReturnType<ReturnType<typeof as>["send"]> };

/** One request per derived error, built only from the declaration. */
function probesOf(route: DescribedRoute): Probe[] {
  const probes: Probe[] = [];
  const { access } = route.meta;
  const { method } = route;
  const user = allowedUser(route);
  const body = route.body ? {} : undefined;
  if (access.kind !== "public") {
    probes.push({
      name: "anonymous",
      expected: "auth.required",
      run: () => as(app).send(method, pathFor(route), body),
    });
    probes.push({
      name: "expired token",
      expected: "auth.session_expired",
      run: async () => {
        const token = await Token.sign("session", user.id, {}, -60);
        return as(app, { token }).send(method, pathFor(route), body);
      },
    });
  }
  if (UNSAFE.has(method)) {
    probes.push({
      name: "cookie session from another origin",
      expected: "auth.csrf",
      run: () =>
        as(app).send(method, pathFor(route), body, {
          cookie: `maillage_session=${user.token}`,
          origin: "https://evil.example",
        }),
    });
  }
  if (access.kind === "context") {
    if (access.context === "platform") {
      probes.push({
        name: "a territory lead on an operator route",
        expected: "auth.forbidden",
        run: () => as(app, tenant.users.territory_lead).send(method, pathFor(route), body),
      });
    } else {
      const param = contextParam[access.context];
      const notFound = `${access.context}.not_found` as ErrorCode;
      probes.push({
        name: `a ${LONG.length}-character ${param}`,
        expected: notFound,
        run: () => as(app, user).send(method, pathFor(route, { [param]: LONG }), body),
      });
      for (const role of rolesByContext[access.context].filter((r) => !access.roles.includes(r))) {
        probes.push({
          name: `a ${role} (not allowed)`,
          expected: "auth.forbidden",
          run: () =>
            as(app, tenant.users[role as keyof TestTenant["users"]]).send(method, pathFor(route), body),
        });
      }
    }
  }
  const contextParamName =
    access.kind === "context" && access.context !== "platform" ? contextParam[access.context] : undefined;
  for (const validation of route.validations) {
    if (validation.target === "param") {
      const others = [...route.path.matchAll(/:(\w+)/g)]
        .map(([, n]) => n ?? "")
        .filter((n) => n !== contextParamName);
      if (others.length === 0) continue; // the context id, probed above
      probes.push({
        name: "over-long path ids",
        expected: validation.errors[0] as ErrorCode,
        run: () =>
          as(app, user).send(method, pathFor(route, Object.fromEntries(others.map((n) => [n, LONG]))), body),
      });
    }
    if (validation.target === "json") {
      // A body whose fields are all optional (a lock's reason) takes {}: null is never an object.
      const empty = validation.schema && v.is(validation.schema, {}) ? null : {};
      probes.push({
        name: empty === null ? "a JSON null for an object" : "an empty JSON object",
        expected: "input.invalid",
        run: () => as(app, user).send(method, pathFor(route), empty),
      });
      probes.push({
        name: "a JSON body over the limit",
        expected: "input.too_large",
        run: () =>
          as(app, user).send(method, pathFor(route), { padding: "x".repeat((validation.maxBytes ?? 0) + 1) }),
      });
    }
    if (validation.target === "query") {
      probes.push({
        name: "over-long query parameters",
        expected: "input.invalid",
        run: () => {
          const names = Object.keys((validation.schema as unknown as { entries: object }).entries);
          const search = new URLSearchParams(names.map((n): [string, string] => [n, "x".repeat(3000)]));
          return as(app, user).send(method, `${pathFor(route)}?${search}`);
        },
      });
    }
    if (validation.target === "upload") {
      const type = validation.types?.[0] ?? "text/csv";
      probes.push({
        name: "an upload of another type",
        expected: "input.unsupported_type",
        run: () => as(app, user).send(method, pathFor(route), undefined, { "content-type": "image/png" }),
      });
      probes.push({
        name: "an empty upload",
        expected: "input.invalid",
        run: () => as(app, user).send(method, pathFor(route), new RawBody(type, "")),
      });
      probes.push({
        name: "an upload over the limit",
        expected: "input.too_large",
        run: () =>
          as(app, user).send(
            method,
            pathFor(route),
            new RawBody(type, "a".repeat((validation.maxBytes ?? 0) + 1)),
          ),
      });
    }
  }
  return probes;
}

describe("errors derived from the declaration, probed on every route", () => {
  test("the probes reach every kind of route", () => {
    const kinds = new Set(routes.map((r) => r.meta.access.kind));
    expect([...kinds].sort()).toEqual(["context", "public", "signed_in"]);
    expect(routes.filter((r) => r.body).length).toBeGreaterThanOrEqual(5);
  });

  for (const route of routes) {
    const key = `${route.method} ${route.path}`;
    test(key, async () => {
      const published = document.paths[route.path.replace(/:(\w+)/g, "{$1}")]?.[route.method.toLowerCase()];
      expect(published?.["x-error-codes"]).toEqual(route.errors);
      const observed = new Set<ErrorCode>();
      for (const probe of probesOf(route)) {
        const res = await probe.run();
        expect({ probe: probe.name, status: res.status, code: res.body?.code }).toEqual({
          probe: probe.name,
          status: errorCodes[probe.expected],
          code: probe.expected,
        });
        observed.add(res.body.code);
      }
      for (const code of observed) expect(route.errors, `${code} is published`).toContain(code);
      // Every derived code is really answered (two come from Cognito's identify only: cognito.test.ts).
      const cognitoOnly = new Set<ErrorCode>(["auth.unknown_user", "auth.email_unverified"]);
      const derived = errorsOf(route.method, { ...route.meta, errors: [] }, route.validations);
      for (const code of derived.filter((c) => !cognitoOnly.has(c))) {
        expect([...observed], `${key} derives ${code}`).toContain(code);
      }
    });
  }

  test("a cookie write from an allowed origin is not refused as CSRF (the probe's control)", async () => {
    const res = await as(app).send(
      "POST",
      `/api/territories/${tenant.territory.id}/invitations`,
      {},
      {
        cookie: `maillage_session=${tenant.users.territory_lead.token}`,
        origin: ORIGIN,
      },
    );
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("input.invalid");
  });
});
