import * as v from "valibot";
import { beforeAll, describe, expect, test } from "vitest";
import {
  as,
  createOperator,
  type TestTenant,
  type TestUser,
  testApp,
  withTestTenant,
} from "../../test/harness";
import { describedRoutes } from "../src/http/openapi";

/**
 * The OpenAPI document is generated from the route declarations: this checks that what the routes
 * really answer matches the response schema they declare, for every read route, as a role it allows.
 */
const { app } = testApp();
const routes = describedRoutes(app).filter((r) => r.method === "GET" && r.meta.response.schema);

let tenant: TestTenant;
let operator: TestUser;

beforeAll(async () => {
  tenant = await withTestTenant();
  operator = await createOperator();
  // Something in the audit trail and the members list beyond the creation.
  await as(app, tenant.users.territory_lead).post(`/api/territories/${tenant.territory.id}/invitations`, {
    email: "contrat@example.org",
    displayName: "Contrat",
    role: "link_worker",
  });
});

describe("responses match their declared schemas", () => {
  test("the read routes covered here are all the declared read routes", () => {
    expect(routes.map((r) => r.path).sort()).toEqual(
      [
        "/api/federations/:federationId",
        "/api/funders/:funderId",
        "/api/me",
        "/api/operator/directory",
        "/api/session/config",
        "/api/session/demo-users",
        "/api/territories/:territoryId",
        "/api/territories/:territoryId/audit",
        "/api/territories/:territoryId/members",
        "/api/territories/:territoryId/profile",
      ].sort(),
    );
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
      const path = route.path
        .replace(":territoryId", tenant.territory.id)
        .replace(":federationId", tenant.federation.id)
        .replace(":funderId", tenant.funder.id);
      const res = await as(app, user).get(path);
      expect(res.status).toBe(route.meta.response.status);
      const schema = route.meta.response.schema as v.GenericSchema;
      const result = v.safeParse(schema, res.body);
      expect(result.success ? [] : v.flatten(result.issues)).toEqual([]);
    });
  }
});
