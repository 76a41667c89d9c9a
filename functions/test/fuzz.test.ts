import { toJsonSchema } from "@valibot/to-json-schema";
import fc from "fast-check";
import type * as v from "valibot";
import { beforeAll, describe, expect, test } from "vitest";
import {
  as,
  createOperator,
  INDICATOR_PARAMS,
  journeyFixture,
  ORIGIN,
  type TestTenant,
  type TestUser,
  testApp,
  withTestTenant,
} from "../../test/harness";
import { describedRoutes } from "../src/http/openapi";

/**
 * Generated from the route table: every write route gets at least 200 bodies derived from its own
 * valibot schema — valid ones, near-valid ones (one field dropped, retyped or overlong) and junk — plus
 * junk query strings, and uploads of junk bytes. Whatever arrives: no answer ≥ 500, and every 400
 * names the fields at fault.
 */
const { app } = testApp();
/** Signing out and removing a member end what the other cases need: they run last. */
const ending = (path: string) => (path === "/api/session" ? 2 : path.endsWith("/members/:userId") ? 1 : 0);
const routes = describedRoutes(app)
  .filter((r) => r.method !== "GET")
  .sort((a, b) => ending(a.path) - ending(b.path));
const RUNS = Number(process.env.FUZZ_RUNS ?? 100);
/** Fixed by default so that a CI failure replays; `FUZZ_SEED=random` explores new cases. */
const SEED = process.env.FUZZ_SEED === "random" ? undefined : Number(process.env.FUZZ_SEED ?? 20261201);

type Issue = { path: string; message: string };

type JsonSchema = {
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
};

const jsonSchemaOf = (schema: v.GenericSchema) =>
  toJsonSchema(schema, { target: "draft-2020-12", errorMode: "ignore" }) as JsonSchema;

/** A value the JSON Schema (hence, mostly, the valibot schema) accepts. */
function arbitraryOf(s: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((x) => arbitraryOf(x, depth + 1)));
  if (s.allOf?.[0]) return arbitraryOf(s.allOf[0], depth + 1);
  if (Array.isArray(s.type)) return fc.oneof(...s.type.map((type) => arbitraryOf({ ...s, type }, depth)));
  const maxLength = Math.min(s.maxLength ?? 30, 60);
  switch (s.type) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000 });
    case "number":
      return fc.double({ min: s.minimum ?? -1000, max: s.maximum ?? 100_000, noNaN: true });
    case "string":
      if (s.format === "date")
        return fc
          .date({ min: new Date("2020-01-01"), max: new Date("2030-12-31"), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10));
      if (s.format === "email") return fc.emailAddress();
      if (s.pattern)
        return fc
          .stringMatching(new RegExp(s.pattern))
          .filter((x) => x.length >= (s.minLength ?? 0) && x.length <= (s.maxLength ?? 200));
      return fc.string({ minLength: Math.min(s.minLength ?? 0, maxLength), maxLength });
    case "array":
      if (depth > 4) return fc.constant([]);
      return fc.array(arbitraryOf(s.items ?? {}, depth + 1), {
        minLength: s.minItems ?? 0,
        maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3)),
      });
    case "object": {
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties ?? {});
      return fc.record(
        Object.fromEntries(entries.map(([key, prop]) => [key, arbitraryOf(prop, depth + 1)])),
        { requiredKeys: entries.map(([key]) => key).filter((key) => required.has(key)) },
      );
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** One field dropped, given the wrong type, or far too long. */
function nearValid(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc
    .tuple(valid, fc.nat(), fc.constantFrom("drop", "retype", "overlong", "null"))
    .map(([value, n, how]) => {
      if (!value || typeof value !== "object" || Array.isArray(value)) return value;
      const keys = Object.keys(value);
      if (keys.length === 0) return value;
      const key = keys[n % keys.length] as string;
      const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
      if (how === "drop") delete copy[key];
      if (how === "retype") copy[key] = typeof copy[key] === "string" ? 42 : "texte";
      if (how === "overlong") copy[key] = "é".repeat(5000);
      if (how === "null") copy[key] = null;
      return copy;
    });
}

const junk = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string(), fc.constant(undefined));
const junkQuery = fc.dictionary(
  fc.constantFrom(
    "cursor",
    "limit",
    "pillar",
    "q",
    "stale",
    "format",
    "dryRun",
    "commune",
    fc.string() as never,
  ),
  fc.oneof(fc.string({ maxLength: 3000 }), fc.constantFrom("-1", "1e9", "true", "0", "%", "ter_x")),
  { maxKeys: 3 },
);

let tenant: TestTenant;
let operator: TestUser;
const ids = new Map<string, string>();

beforeAll(async () => {
  tenant = await withTestTenant("Territoire fuzz");
  operator = await createOperator();
  const lead = as(app, tenant.users.territory_lead);
  const base = `/api/territories/${tenant.territory.id}`;
  const lw = await lead.post(`${base}/link-workers`, {
    name: "Agent fuzz",
    profileType: "coordinator",
    employer: "Structure",
    fte: 0.5,
    fundingSource: "ars",
    communityHealthTraining: false,
    supervision: "none",
  });
  ids.set(":linkWorkerId", lw.body.id);
  const res = await lead.post(`${base}/resources`, {
    pillar: "social",
    category: "gem",
    structureName: "GEM fuzz",
    commune: "59350",
    cost: "free",
  });
  ids.set(":resourceId", res.body.id);
  const scheme = await lead.post(`${base}/partner-schemes`, {
    kind: "cpts",
    name: "CPTS fuzz",
    description: "",
    contact: { structureName: "CPTS", contactRole: "", contactName: "", phone: null, email: null },
  });
  ids.set(":schemeId", scheme.body.id);
  ids.set(":userId", tenant.users.link_worker.id);
  const journey = await journeyFixture(app, tenant, lw.body.id);
  ids.set(":journeyId", journey.journeyId);
  ids.set(":eventId", journey.eventId);
  ids.set(":measureId", journey.measureId);
  for (const [param, value] of Object.entries(INDICATOR_PARAMS)) ids.set(param, value);
});

function pathOf(path: string): string {
  let filled = path
    .replace(":territoryId", tenant.territory.id)
    .replace(":federationId", tenant.federation.id)
    .replace(":funderId", tenant.funder.id);
  for (const [param, id] of ids) filled = filled.replace(param, id);
  return filled;
}

describe("generated fuzz of every write route", () => {
  test("the route table has write routes to fuzz", () => {
    expect(routes.length).toBeGreaterThan(10);
  });

  for (const route of routes) {
    test(`${route.method} ${route.path}: ${RUNS} bodies, no 5xx, every 400 names its fields`, async () => {
      const access = route.meta.access;
      const user =
        access.kind === "context" && access.context === "platform"
          ? operator
          : access.kind === "context" && access.context !== "territory"
            ? tenant.users[access.context as "federation" | "funder"]
            : tenant.users.territory_lead;
      const valid = route.body ? arbitraryOf(jsonSchemaOf(route.body)) : fc.constant(undefined);
      const bodies = route.upload
        ? fc.oneof(fc.string({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }))
        : fc.oneof({ weight: 3, arbitrary: valid }, { weight: 3, arbitrary: nearValid(valid) }, junk);
      const runs = ending(route.path) > 0 ? 1 : RUNS;
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(bodies, junkQuery, async (body, query) => {
          const search = new URLSearchParams(query as Record<string, string>).toString();
          const url = `${pathOf(route.path)}${search ? `?${search}` : ""}`;
          const headers: Record<string, string> = {
            authorization: `Bearer ${user.token}`,
            origin: ORIGIN,
          };
          let payload: string | Blob | undefined;
          if (route.upload) {
            headers["content-type"] = "text/csv";
            headers["idempotency-key"] = "fuzz-key";
            payload = typeof body === "string" ? body : new Blob([body as Uint8Array]);
          } else if (body !== undefined) {
            headers["content-type"] = "application/json";
            payload = JSON.stringify(body);
          }
          const response = await app.request(url, { method: route.method, headers, body: payload });
          const text = await response.text();
          expect(response.status, `${route.method} ${url} → ${text.slice(0, 300)}`).toBeLessThan(500);
          statuses.add(response.status);
          const error =
            response.status >= 400 ? (JSON.parse(text) as { code: string; issues?: Issue[] }) : null;
          if (error?.code === "input.invalid") {
            expect(error.issues?.length, text.slice(0, 300)).toBeGreaterThan(0);
            for (const issue of error.issues ?? []) {
              expect(typeof issue.path).toBe("string");
              expect(issue.message.length).toBeGreaterThan(0);
            }
          }
        }),
        { numRuns: runs, ...(SEED === undefined ? {} : { seed: SEED }) },
      );
      // The cases reached the route's own checks: not all refused at the door.
      expect([...statuses].filter((status) => status !== 401 && status !== 403).length).toBeGreaterThan(0);
    }, 120_000);
  }
});
