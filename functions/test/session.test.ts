import { Session, Token } from "@maillage/core";
import * as Seed from "@maillage/core/seed";
import { createId } from "@maillage/schema";
import { SignJWT } from "jose";
import { beforeAll, describe, expect, test } from "vitest";
import { as, createOperator, ORIGIN, testApp, withTestTenant } from "../../test/harness";
import { loadConfig } from "../src/config";

const { app, lines } = testApp();

function cookieOf(res: { headers: Headers }): string {
  return res.headers.get("set-cookie")?.split(";")[0] ?? "";
}

describe("local sign-in and sessions", () => {
  beforeAll(async () => {
    await Seed.demo();
  });

  test("the demo sign-in lists one person per role and issues an HttpOnly, SameSite=Strict session", async () => {
    const people = await as(app).get("/api/session/demo-users");
    expect(people.status).toBe(200);
    const roles = new Set(people.body.flatMap((p: { roles: string[] }) => p.roles));
    expect([...roles].sort()).toEqual(["federation", "funder", "link_worker", "operator", "territory_lead"]);

    const lead = people.body.find((p: { email: string }) => p.email === "cheffe.projet@example.org");
    const res = await as(app).post("/api/session/demo", { userId: lead.id });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Strict/);
    expect(setCookie).toMatch(/Max-Age=28800/);
    expect(res.body.memberships.filter((m: { role: string }) => m.role === "territory_lead")).toHaveLength(2);

    const me = await app.request("/api/me", { headers: { cookie: cookieOf(res) } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { user: { id: string } }).user.id).toBe(lead.id);
  });

  test("cookie-authenticated writes need an allowed Origin (CSRF)", async () => {
    const { territory, users } = await withTestTenant();
    const signIn = await as(app).post("/api/session/demo", { userId: users.territory_lead.id });
    const cookie = cookieOf(signIn);
    const put = (headers: Record<string, string>) =>
      app.request(`/api/territories/${territory.id}/invitations`, {
        method: "POST",
        headers: { cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ email: "a@example.org", displayName: "Agente", role: "link_worker" }),
      });
    const noOrigin = await put({});
    expect(noOrigin.status).toBe(403);
    expect(((await noOrigin.json()) as { code: string }).code).toBe("auth.csrf");
    const evil = await put({ origin: "https://evil.example" });
    expect(evil.status).toBe(403);
    expect((await put({ origin: ORIGIN })).status).toBe(201);
  });

  test("expired, tampered and missing sessions answer 401", async () => {
    const { users } = await withTestTenant();
    const expired = await Token.sign("session", users.territory_lead.id, {}, -10);
    const res = await as(app, { token: expired }).get("/api/me");
    expect(res.status).toBe(401);
    expect(res.body.code).toBe("auth.session_expired");

    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: "HS256" })
      .setSubject(users.territory_lead.id)
      .setAudience("session")
      .setIssuer("maillage-local")
      .setExpirationTime("1h")
      .sign(new TextEncoder().encode("another-secret-another-secret-another-secret"));
    const tampered = await as(app, { token: forged }).get("/api/me");
    expect(tampered.status).toBe(401);
    expect(tampered.body.code).toBe("auth.required");

    expect((await as(app).get("/api/me")).status).toBe(401);

    const invitationToken = await Token.sign("invitation", users.territory_lead.id, {}, 3600);
    expect((await as(app, { token: invitationToken }).get("/api/me")).status).toBe(401);
  });

  test("after sign-out the old cookie answers 401 on /api/me (the session ends server-side)", async () => {
    const { users } = await withTestTenant();
    const signIn = await as(app).post("/api/session/demo", { userId: users.link_worker.id });
    const cookie = cookieOf(signIn);
    const me = () => app.request("/api/me", { headers: { cookie } });
    expect((await me()).status).toBe(200);
    const out = await app.request("/api/session", { method: "DELETE", headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/maillage_session=;.*Max-Age=0/);
    // The browser dropped it; a copy kept elsewhere (the probe's) is refused from now on.
    const replay = await me();
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { code: string }).code).toBe("auth.session_expired");
    // Other sessions of the same person are not affected.
    const other = await as(app).post("/api/session/demo", { userId: users.link_worker.id });
    expect((await app.request("/api/me", { headers: { cookie: cookieOf(other) } })).status).toBe(200);
  });

  test("a session removed server-side ends at once, on context routes and on /api/me", async () => {
    const { territory, users } = await withTestTenant();
    const worker = as(app, users.link_worker);
    expect((await worker.get(`/api/territories/${territory.id}`)).status).toBe(200);
    await Session.end(users.link_worker.id, users.link_worker.sessionId);
    const overview = await worker.get(`/api/territories/${territory.id}`);
    expect(overview.status).toBe(401);
    expect(overview.body.code).toBe("auth.session_expired");
    expect(overview.text).not.toContain(territory.name);
    const me = await worker.get("/api/me");
    expect(me.status).toBe(401);
    expect(me.body.code).toBe("auth.session_expired");
  });

  test("a signed token without a live session is refused", async () => {
    const { territory, users } = await withTestTenant();
    const noSid = await Token.sign("session", users.territory_lead.id, {}, 3600);
    const withoutSession = await as(app, { token: noSid }).get("/api/me");
    expect(withoutSession.status).toBe(401);
    expect(withoutSession.body.code).toBe("auth.required");

    const unknownSid = await Token.sign(
      "session",
      users.territory_lead.id,
      { sid: createId("session") },
      3600,
    );
    const unknown = await as(app, { token: unknownSid }).get(`/api/territories/${territory.id}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe("auth.session_expired");

    // Another person's session id does not open a session for this person.
    const borrowed = await Token.sign(
      "session",
      users.territory_lead.id,
      { sid: users.link_worker.sessionId },
      3600,
    );
    expect((await as(app, { token: borrowed }).get("/api/me")).status).toBe(401);

    // Past its end the item may linger until DynamoDB's TTL removes it: expiresAt decides.
    const ended = await Session.open(users.territory_lead.id, -60);
    const late = await Token.sign("session", users.territory_lead.id, { sid: ended.id }, 3600);
    const lateRes = await as(app, { token: late }).get("/api/me");
    expect(lateRes.status).toBe(401);
    expect(lateRes.body.code).toBe("auth.session_expired");
  });

  test("sign-out clears the cookie", async () => {
    const res = await as(app).delete("/api/session");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ logoutUrl: null });
    expect(res.headers.get("set-cookie")).toMatch(/maillage_session=;.*Max-Age=0/);
  });

  test("a production configuration refuses to start with the local sign-in", () => {
    expect(() =>
      loadConfig({ MAILLAGE_STAGE: "production", MAILLAGE_SESSION_SECRET: "x".repeat(40) }),
    ).toThrow(/refused in production/);
    expect(() => loadConfig({ NODE_ENV: "production", MAILLAGE_SESSION_SECRET: "x".repeat(40) })).toThrow();
    expect(() => loadConfig({ MAILLAGE_SESSION_SECRET: "short" })).toThrow(/32/);
    const cognito = loadConfig({
      MAILLAGE_STAGE: "production",
      MAILLAGE_AUTH: "cognito",
      COGNITO_ISSUER: "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_example",
      COGNITO_CLIENT_ID: "client",
    });
    expect(cognito.auth).toEqual({
      mode: "cognito",
      members: {
        issuer: "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_example",
        clientId: "client",
      },
    });
    const both = loadConfig({
      MAILLAGE_AUTH: "cognito",
      COGNITO_ISSUER: "https://issuer.example/members",
      COGNITO_CLIENT_ID: "members-client",
      COGNITO_DOMAIN: "https://members.auth.eu-west-3.amazoncognito.com",
      COGNITO_OPERATOR_ISSUER: "https://issuer.example/operators",
      COGNITO_OPERATOR_CLIENT_ID: "operators-client",
    });
    expect(both.auth).toMatchObject({
      members: { domain: "https://members.auth.eu-west-3.amazoncognito.com" },
      operators: { issuer: "https://issuer.example/operators", clientId: "operators-client" },
    });
  });

  test("in Cognito mode the demo sign-in routes do not exist", async () => {
    const { app: cognitoApp } = testApp({
      auth: { mode: "cognito", members: { issuer: "https://issuer.invalid", clientId: "x" } },
    });
    const res = await as(cognitoApp).get("/api/session/demo-users");
    expect(res.status).toBe(404);
  });
});

describe("operator", () => {
  test("creates a territory, a federation and a funder, attaches, and invites a first lead", async () => {
    const operator = await createOperator();
    const op = as(app, operator);
    const territory = await op.post("/api/operator/territories", {
      name: "Nouveau territoire",
      carrierType: "commune",
      carrierName: "Ville d'Ahun",
      communes: ["23001"],
      population: 1433,
      priorityNeighbourhoods: [],
      programme: "ami",
      startDate: "2027-01-01",
      endDate: null,
    });
    expect(territory.status).toBe(201);
    expect(territory.body).toMatchObject({ id: expect.stringMatching(/^ter_/), version: 1 });
    const federation = await op.post("/api/operator/federations", { name: "Réseau test", description: "" });
    const funder = await op.post("/api/operator/funders", { name: "CPAM test", funderType: "cpam" });
    expect(federation.status).toBe(201);
    expect(funder.status).toBe(201);
    const attach = await op.put(
      `/api/operator/federations/${federation.body.id}/territories/${territory.body.id}`,
      {},
    );
    expect(attach.status).toBe(201);
    const twice = await op.put(
      `/api/operator/federations/${federation.body.id}/territories/${territory.body.id}`,
      {},
    );
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe("attachment.already_exists");
    const missing = await op.put(
      `/api/operator/funders/${funder.body.id}/territories/ter_01ARZ3NDEKTSV4RRFFQ69G5FAV`,
      {},
    );
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("territory.not_found");

    const directory = await op.get("/api/operator/directory");
    const ids = directory.body.map((e: { id: string }) => e.id);
    expect(ids).toEqual(expect.arrayContaining([territory.body.id, federation.body.id, funder.body.id]));

    const invite = await op.post(`/api/operator/territories/${territory.body.id}/invitations`, {
      email: "premiere.cheffe@example.org",
      displayName: "Première Cheffe",
      role: "territory_lead",
    });
    expect(invite.status).toBe(201);
    expect(invite.body.link).toMatch(new RegExp(`^${ORIGIN}/invitation#token=`));
    // The link (and its live token) is in the response only, never in a log line.
    for (const line of lines)
      expect(JSON.stringify(line)).not.toContain(invite.body.link.split("#token=")[1]);
    const token = new URL(invite.body.link).hash.slice("#token=".length);
    const accepted = await as(app).post("/api/invitations/accept", { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ contextId: territory.body.id, role: "territory_lead" }),
    ]);

    const federationView = await app.request(`/api/federations/${federation.body.id}`, {
      headers: { authorization: `Bearer ${operator.token}` },
    });
    expect(federationView.status).toBe(404);
  });

  test("a federation member sees attached territories side by side; a funder sees theirs", async () => {
    const { territory, federation, funder, users } = await withTestTenant("Territoire réseau");
    const fed = await as(app, users.federation).get(`/api/federations/${federation.id}`);
    expect(fed.status).toBe(200);
    expect(fed.body.territories).toEqual([
      expect.objectContaining({ id: territory.id, name: "Territoire réseau", communeCount: 2 }),
    ]);
    expect(fed.body.territories[0].communes).toBeUndefined();
    const fun = await as(app, users.funder).get(`/api/funders/${funder.id}`);
    expect(fun.status).toBe(200);
    expect(fun.body.funder.territoryIds).toEqual([territory.id]);
  });
});

describe("stale sessions", () => {
  test("an expired cookie does not block public routes (the sign-in page) and is cleared", async () => {
    const { users } = await withTestTenant();
    const expired = await Token.sign("session", users.territory_lead.id, {}, -10);
    const res = await app.request("/api/session/demo-users", {
      headers: { cookie: `maillage_session=${expired}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/maillage_session=;.*Max-Age=0/);
    const me = await app.request("/api/me", { headers: { cookie: `maillage_session=${expired}` } });
    expect(me.status).toBe(401);
    expect(((await me.json()) as { code: string }).code).toBe("auth.session_expired");
  });
});
