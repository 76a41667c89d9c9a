import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { as, createOperator, testApp, withTestTenant } from "../../test/harness";

/**
 * Cognito mode, end to end but offline: a stand-in for the pool served over loopback HTTP (its JWKS
 * and the hosted UI's token endpoint, which checks the PKCE verifier), and ID tokens signed with its
 * key, verified by the same middleware the Lambda runs.
 */
const ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_TEST";
const CLIENT_ID = "console-client";
let server: Server;
let jwksUrl: string;
let domain: string;
/** Authorization codes the stand-in pool has issued: code → PKCE challenge and the email signing in. */
const codes = new Map<string, { challenge: string; email: string; redirectUri: string }>();
/** Refresh tokens the stand-in pool has issued and not revoked: token → email. */
const refreshTokens = new Map<string, string>();
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  server = createServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url !== "/oauth2/token" && req.url !== "/oauth2/revoke") {
      return res.end(JSON.stringify({ keys: [jwk] }));
    }
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", async () => {
      const form = new URLSearchParams(body);
      if (req.url === "/oauth2/revoke") {
        refreshTokens.delete(form.get("token") ?? "");
        return res.end("{}");
      }
      if (form.get("grant_type") === "refresh_token") {
        const email = refreshTokens.get(form.get("refresh_token") ?? "");
        if (!email) {
          res.statusCode = 400;
          return res.end(JSON.stringify({ error: "invalid_grant" }));
        }
        return res.end(JSON.stringify({ id_token: await idToken({ email }) }));
      }
      const issued = codes.get(form.get("code") ?? "");
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      if (
        !issued ||
        issued.challenge !== challenge ||
        form.get("client_id") !== CLIENT_ID ||
        form.get("redirect_uri") !== issued.redirectUri
      ) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: "invalid_grant" }));
      }
      codes.delete(form.get("code") ?? "");
      const refreshToken = `refresh.${createHash("sha256").update(issued.email).digest("hex")}`;
      refreshTokens.set(refreshToken, issued.email);
      res.end(
        JSON.stringify({
          id_token: await idToken({ email: issued.email }),
          refresh_token: refreshToken,
          token_type: "Bearer",
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  domain = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  jwksUrl = `${domain}/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const OPERATOR_ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_OPERATORS";
const OPERATOR_CLIENT = "operator-console";

function idToken(
  claims: Record<string, unknown>,
  options: { audience?: string; issuer?: string; expires?: string | number } = {},
) {
  return new SignJWT({ token_use: "id", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? CLIENT_ID)
    .setSubject("cognito-sub")
    .setIssuedAt()
    .setExpirationTime(options.expires ?? "1h")
    .sign(privateKey);
}

describe("Cognito mode", () => {
  test("an ID token from the pool maps to the person by email and gets their access", async () => {
    const { app } = testApp({
      auth: { mode: "cognito", members: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl } },
    });
    const { territory, users } = await withTestTenant();
    const token = await idToken({ email: users.territory_lead.email.toUpperCase() });
    const res = await as(app, { token }).get(`/api/territories/${territory.id}`);
    expect(res.status).toBe(200);

    const wrongAudience = await idToken({ email: users.territory_lead.email }, { audience: "other" });
    expect((await as(app, { token: wrongAudience }).get("/api/me")).status).toBe(401);
    const wrongIssuer = await idToken(
      { email: users.territory_lead.email },
      { issuer: "https://evil.example" },
    );
    expect((await as(app, { token: wrongIssuer }).get("/api/me")).status).toBe(401);
    const accessToken = await idToken({ email: users.territory_lead.email, token_use: "access" });
    expect((await as(app, { token: accessToken }).get("/api/me")).status).toBe(401);
    const stranger = await idToken({ email: "nobody@example.org" });
    const unknown = await as(app, { token: stranger }).get("/api/me");
    expect(unknown.status).toBe(403);
    expect(unknown.body.code).toBe("auth.unknown_user");
  });

  test("only tokens from the operators' pool (MFA required) may act as operator", async () => {
    const { app } = testApp({
      auth: {
        mode: "cognito",
        members: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl },
        operators: { issuer: OPERATOR_ISSUER, clientId: OPERATOR_CLIENT, jwksUrl },
      },
    });
    const operator = await createOperator();
    const fromMembersPool = await idToken({ email: operator.email });
    const refused = await as(app, { token: fromMembersPool }).get("/api/operator/directory");
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/MFA/);
    const fromOperatorsPool = await idToken(
      { email: operator.email },
      { issuer: OPERATOR_ISSUER, audience: OPERATOR_CLIENT },
    );
    expect((await as(app, { token: fromOperatorsPool }).get("/api/operator/directory")).status).toBe(200);
  });

  test("console sign-in: code flow with PKCE, the ID token ends up only in an HttpOnly cookie", async () => {
    const { app } = testApp({
      auth: { mode: "cognito", members: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl, domain } },
    });
    const { territory, users } = await withTestTenant();
    expect((await as(app).get("/api/session/config")).body).toEqual({ mode: "cognito", pools: ["members"] });

    const start = await app.request("/api/session/sign-in?pool=members");
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location") ?? "");
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${domain}/oauth2/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      response_type: "code",
      client_id: CLIENT_ID,
      redirect_uri: "http://localhost:3000/api/session/callback",
      code_challenge_method: "S256",
      scope: "openid email",
    });
    const flowCookie = start.headers.get("set-cookie") ?? "";
    expect(flowCookie).toMatch(/HttpOnly/);
    expect(flowCookie).toMatch(/Path=\/api\/session\/callback/);

    // The person signs in at the hosted page, which redirects back with a code.
    const state = authorize.searchParams.get("state") ?? "";
    codes.set("the-code", {
      challenge: authorize.searchParams.get("code_challenge") ?? "",
      email: users.territory_lead.email,
      redirectUri: authorize.searchParams.get("redirect_uri") ?? "",
    });
    const cookie = flowCookie.split(";")[0] ?? "";
    const forged = await app.request(`/api/session/callback?code=the-code&state=other`, {
      headers: { cookie },
    });
    expect(forged.headers.get("location")).toBe("/connexion?erreur=etat");

    const back = await app.request(`/api/session/callback?code=the-code&state=${state}`, {
      headers: { cookie },
    });
    expect(back.status).toBe(302);
    expect(back.headers.get("location")).toBe("/");
    const session = back.headers.getSetCookie().find((c) => c.startsWith("maillage_session=")) ?? "";
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    const overview = await app.request(`/api/territories/${territory.id}`, {
      headers: { cookie: session.split(";")[0] ?? "" },
    });
    expect(overview.status).toBe(200);

    const replay = await app.request(`/api/session/callback?code=the-code&state=${state}`, {
      headers: { cookie },
    });
    expect(replay.headers.get("location")).toBe("/connexion?erreur=jeton");
  });

  test("a person without a Maillage account is sent back to sign-in with a clear reason", async () => {
    const { app } = testApp({
      auth: { mode: "cognito", members: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl, domain } },
    });
    const start = await app.request("/api/session/sign-in?pool=members");
    const authorize = new URL(start.headers.get("location") ?? "");
    codes.set("stranger-code", {
      challenge: authorize.searchParams.get("code_challenge") ?? "",
      email: "stranger@example.org",
      redirectUri: authorize.searchParams.get("redirect_uri") ?? "",
    });
    const cookie = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const back = await app.request(
      `/api/session/callback?code=stranger-code&state=${authorize.searchParams.get("state")}`,
      { headers: { cookie } },
    );
    expect(back.headers.get("location")).toBe("/connexion?erreur=inconnu");
    expect(back.headers.getSetCookie().some((c) => c.startsWith("maillage_session=ey"))).toBe(false);
  });

  test("an invitation creates the person in the members' pool; their first sign-in accepts it", async () => {
    const created: Record<string, unknown>[] = [];
    const idp = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", () => {
        res.setHeader("content-type", "application/x-amz-json-1.1");
        if (req.headers["x-amz-target"] !== "AWSCognitoIdentityProviderService.AdminCreateUser") {
          res.statusCode = 400;
          return res.end(JSON.stringify({ __type: "InvalidParameterException", message: "unexpected" }));
        }
        created.push(JSON.parse(body));
        res.end(JSON.stringify({ User: { Username: "x", UserStatus: "FORCE_CHANGE_PASSWORD" } }));
      });
    });
    await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
    const address = idp.address();
    const idpEndpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    try {
      const { app } = testApp({
        auth: {
          mode: "cognito",
          members: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl, domain, idpEndpoint },
        },
      });
      const { territory, users } = await withTestTenant();
      const lead = as(app, { token: await idToken({ email: users.territory_lead.email }) });
      const invite = await lead.post(`/api/territories/${territory.id}/invitations`, {
        email: "nouvelle.venue@example.org",
        displayName: "Nouvelle Venue",
        role: "link_worker",
      });
      expect(invite.status).toBe(201);
      expect(invite.body.link).toBeUndefined();
      expect(created).toEqual([
        expect.objectContaining({
          UserPoolId: "eu-west-3_TEST",
          Username: "nouvelle.venue@example.org",
          DesiredDeliveryMediums: ["EMAIL"],
        }),
      ]);

      const start = await app.request("/api/session/sign-in?pool=members");
      const authorize = new URL(start.headers.get("location") ?? "");
      codes.set("newcomer-code", {
        challenge: authorize.searchParams.get("code_challenge") ?? "",
        email: "Nouvelle.Venue@example.org",
        redirectUri: authorize.searchParams.get("redirect_uri") ?? "",
      });
      const back = await app.request(
        `/api/session/callback?code=newcomer-code&state=${authorize.searchParams.get("state")}`,
        { headers: { cookie: (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "" } },
      );
      expect(back.headers.get("location")).toBe("/");
      const session = back.headers.getSetCookie().find((c) => c.startsWith("maillage_session=")) ?? "";
      const me = await app.request("/api/me", { headers: { cookie: session.split(";")[0] ?? "" } });
      const body = (await me.json()) as { memberships: { contextId: string; role: string }[] };
      expect(body.memberships).toEqual([
        expect.objectContaining({ contextId: territory.id, role: "link_worker" }),
      ]);
      const members = await lead.get(`/api/territories/${territory.id}/members`);
      expect(members.body.map((m: { email: string }) => m.email)).toContain("nouvelle.venue@example.org");
    } finally {
      await new Promise<void>((resolve) => idp.close(() => resolve()));
    }
  });

  test("an expired ID token is renewed from the refresh cookie; sign-out revokes it", async () => {
    const { app } = testApp({
      auth: { mode: "cognito", members: { issuer: ISSUER, clientId: CLIENT_ID, jwksUrl, domain } },
    });
    const { users } = await withTestTenant();
    const start = await app.request("/api/session/sign-in?pool=members");
    const authorize = new URL(start.headers.get("location") ?? "");
    codes.set("refresh-code", {
      challenge: authorize.searchParams.get("code_challenge") ?? "",
      email: users.territory_lead.email,
      redirectUri: authorize.searchParams.get("redirect_uri") ?? "",
    });
    const back = await app.request(
      `/api/session/callback?code=refresh-code&state=${authorize.searchParams.get("state")}`,
      { headers: { cookie: (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "" } },
    );
    const refresh = back.headers.getSetCookie().find((c) => c.startsWith("maillage_refresh=")) ?? "";
    expect(refresh).toMatch(/HttpOnly/);
    expect(refresh).toMatch(/Path=\/api/);
    expect(refresh).toMatch(/SameSite=Strict/);

    // An hour later: the ID token has expired, the refresh cookie is still there.
    const expired = await idToken(
      { email: users.territory_lead.email },
      { expires: Math.floor(Date.now() / 1000) - 5 },
    );
    const cookie = `maillage_session=${expired}; ${refresh.split(";")[0]}`;
    const me = await app.request("/api/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    const renewed = me.headers.getSetCookie().find((c) => c.startsWith("maillage_session=ey")) ?? "";
    expect(renewed).toMatch(/HttpOnly/);

    const out = await app.request("/api/session", {
      method: "DELETE",
      headers: {
        cookie: `${renewed.split(";")[0]}; ${refresh.split(";")[0]}`,
        origin: "http://localhost:3000",
      },
    });
    expect(out.status).toBe(200);
    expect([...refreshTokens.values()]).not.toContain(users.territory_lead.email);
    expect(out.headers.getSetCookie().some((c) => /^maillage_refresh=;.*Max-Age=0/.test(c))).toBe(true);

    // Revoked: the next expiry really ends the session.
    const after = await app.request("/api/me", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe("auth.session_expired");
  });
});
