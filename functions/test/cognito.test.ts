import { createHash, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { Session, Subject } from "@maillage/core";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { as, createOperator, ORIGIN, type TestApp, testApp, withTestTenant } from "../../test/harness";

/**
 * Cognito mode, end to end but offline: a stand-in for the pool served over loopback HTTP (its JWKS
 * and the hosted UI's token endpoint, which checks the PKCE verifier), and ID tokens signed with its
 * key, verified by the same middleware the Lambda runs. Like Cognito, the stand-in gives every sign-in
 * (code exchange) its own `origin_jti`, kept by the ID tokens refreshed from that sign-in's refresh token.
 */
const ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_TEST";
const CLIENT_ID = "console-client";
const OPERATOR_ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_OPERATORS";
const OPERATOR_CLIENT = "operator-console";
const poolIssuer = { [CLIENT_ID]: ISSUER, [OPERATOR_CLIENT]: OPERATOR_ISSUER } as Record<string, string>;

let server: Server;
let jwksUrl: string;
let domain: string;

/** The pool account signing in: its `sub` (stable), e-mail and whether the pool verified it. */
interface Account {
  sub: string;
  email: string;
  emailVerified?: unknown;
}
/** Authorization codes the stand-in pool has issued: code → PKCE challenge and the account signing in. */
const codes = new Map<string, { challenge: string; redirectUri: string; account: Account }>();
/** Refresh tokens the stand-in pool has issued and not revoked: token → account and sign-in. */
const refreshTokens = new Map<string, { account: Account; clientId: string; originJti: string }>();
/** The origin_jti of each code exchange, by code (to mint bearer tokens of the same sign-in). */
const signIns = new Map<string, string>();
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

/** The `sub` the stand-in pool gives an e-mail's account, unless a test names another account. */
const subOf = (email: string) =>
  `sub-${createHash("sha256").update(email.toLowerCase()).digest("hex").slice(0, 24)}`;

function idToken(
  claims: Record<string, unknown> & { email: string },
  options: { audience?: string; issuer?: string; expires?: string | number; sub?: string } = {},
) {
  return new SignJWT({ token_use: "id", email_verified: true, origin_jti: randomUUID(), ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? CLIENT_ID)
    .setSubject(options.sub ?? subOf(claims.email))
    .setIssuedAt()
    .setExpirationTime(options.expires ?? "1h")
    .sign(privateKey);
}

const tokenOf = (account: Account, clientId: string, originJti: string) =>
  idToken(
    {
      email: account.email,
      // A test may name the claim's value, or its absence (undefined: left out of the token).
      email_verified: "emailVerified" in account ? account.emailVerified : true,
      origin_jti: originJti,
    },
    { sub: account.sub, audience: clientId, issuer: poolIssuer[clientId] ?? ISSUER },
  );

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
        const stored = refreshTokens.get(form.get("refresh_token") ?? "");
        if (!stored) {
          res.statusCode = 400;
          return res.end(JSON.stringify({ error: "invalid_grant" }));
        }
        return res.end(
          JSON.stringify({ id_token: await tokenOf(stored.account, stored.clientId, stored.originJti) }),
        );
      }
      const code = form.get("code") ?? "";
      const issued = codes.get(code);
      const verifier = form.get("code_verifier") ?? "";
      const challenge = createHash("sha256").update(verifier).digest("base64url");
      const clientId = form.get("client_id") ?? "";
      if (
        !issued ||
        issued.challenge !== challenge ||
        !(clientId in poolIssuer) ||
        form.get("redirect_uri") !== issued.redirectUri
      ) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: "invalid_grant" }));
      }
      codes.delete(code);
      const originJti = randomUUID();
      signIns.set(code, originJti);
      const refreshToken = `refresh.${randomUUID()}`;
      refreshTokens.set(refreshToken, { account: issued.account, clientId, originJti });
      res.end(
        JSON.stringify({
          id_token: await tokenOf(issued.account, clientId, originJti),
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

const membersPool = () => ({ issuer: ISSUER, clientId: CLIENT_ID, jwksUrl, domain });
const cognitoApp = () => testApp({ auth: { mode: "cognito", members: membersPool() } }).app;

/**
 * The console's sign-in, driven through the API: start (PKCE), the hosted page's redirect back with a
 * code, the code exchange. Returns where the browser is sent and the cookies it is given.
 */
async function signIn(app: TestApp, account: Account | string, pool: "members" | "operators" = "members") {
  const who = typeof account === "string" ? { email: account, sub: subOf(account) } : account;
  const start = await app.request(`/api/session/sign-in?pool=${pool}`);
  const authorize = new URL(start.headers.get("location") ?? "");
  const code = `code-${randomUUID()}`;
  codes.set(code, {
    challenge: authorize.searchParams.get("code_challenge") ?? "",
    redirectUri: authorize.searchParams.get("redirect_uri") ?? "",
    account: who,
  });
  const flow = (start.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const back = await app.request(
    `/api/session/callback?code=${code}&state=${authorize.searchParams.get("state")}`,
    { headers: { cookie: flow } },
  );
  const set = back.headers.getSetCookie();
  const session = set.find((c) => c.startsWith("maillage_session=ey"))?.split(";")[0];
  const refresh = set.find((c) => c.startsWith("maillage_refresh="))?.split(";")[0];
  return {
    location: back.headers.get("location"),
    session,
    refresh,
    /** Cookie header of the signed-in browser. */
    cookie: [session, refresh].filter(Boolean).join("; "),
    /** The sign-in's origin_jti, as Cognito would put in every ID token of this sign-in. */
    originJti: signIns.get(code) ?? "",
  };
}

/** A request from the signed-in browser (cookies, and the console's Origin for writes). */
function browser(app: TestApp, cookie: string) {
  return (method: string, path: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: {
        cookie,
        origin: ORIGIN,
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
}

describe("Cognito mode", () => {
  test("the first verified sign-in binds the pool's sub; afterwards the person is found by sub, not e-mail", async () => {
    const app = cognitoApp();
    const { territory, users } = await withTestTenant();
    const lead = { email: users.territory_lead.email.toUpperCase(), sub: `sub-${randomUUID()}` };
    const signedIn = await signIn(app, lead);
    expect(signedIn.location).toBe("/");
    expect(await Subject.resolve(ISSUER, lead.sub)).toBe(users.territory_lead.id);
    const overview = await app.request(`/api/territories/${territory.id}`, {
      headers: { cookie: signedIn.cookie },
    });
    expect(overview.status).toBe(200);

    // The pool's e-mail changes (verified again, infra/auth.ts): the same sub still names the person.
    const renamed = await idToken(
      { email: "nouvelle.adresse@example.org", origin_jti: signedIn.originJti },
      { sub: lead.sub },
    );
    const me = await as(app, { token: renamed }).get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(users.territory_lead.id);

    // The right person, but a token of no open sign-in (another origin_jti): refused.
    const noSession = await idToken({ email: users.territory_lead.email }, { sub: lead.sub });
    const refusedNoSession = await as(app, { token: noSession }).get(`/api/territories/${territory.id}`);
    expect(refusedNoSession.status).toBe(401);
    expect(refusedNoSession.body.code).toBe("auth.session_expired");

    const claims = { email: users.territory_lead.email, origin_jti: signedIn.originJti };
    const wrongAudience = await idToken(claims, { sub: lead.sub, audience: "other" });
    expect((await as(app, { token: wrongAudience }).get("/api/me")).status).toBe(401);
    const wrongIssuer = await idToken(claims, { sub: lead.sub, issuer: "https://evil.example" });
    expect((await as(app, { token: wrongIssuer }).get("/api/me")).status).toBe(401);
    const accessToken = await idToken({ ...claims, token_use: "access" }, { sub: lead.sub });
    expect((await as(app, { token: accessToken }).get("/api/me")).status).toBe(401);
    const stranger = await idToken({ email: "nobody@example.org" });
    const unknown = await as(app, { token: stranger }).get("/api/me");
    expect(unknown.status).toBe(403);
    expect(unknown.body.code).toBe("auth.unknown_user");
  });

  test("an ID token carrying another person's e-mail with a different sub is refused", async () => {
    const app = cognitoApp();
    const { territory, users } = await withTestTenant();
    const victim = { email: users.territory_lead.email, sub: `sub-${randomUUID()}` };
    expect((await signIn(app, victim)).location).toBe("/");

    // Another account of the pool whose (verified) e-mail claims the victim's address.
    const intruder = { email: users.territory_lead.email, sub: `sub-${randomUUID()}` };
    const attempt = await signIn(app, intruder);
    expect(attempt.location).toBe("/connexion?erreur=identite");
    expect(attempt.session).toBeUndefined();
    expect(await Subject.resolve(ISSUER, intruder.sub)).toBeUndefined();

    // Presented directly, even with an open sign-in's origin_jti, it reaches no one.
    const forged = await idToken(
      { email: users.territory_lead.email, origin_jti: attempt.originJti },
      { sub: intruder.sub },
    );
    const direct = await as(app, { token: forged }).get(`/api/territories/${territory.id}`);
    expect(direct.status).toBe(403);
    expect(direct.body.code).toBe("auth.unknown_user");
    expect(direct.text).not.toContain(territory.name);

    // The victim's binding is intact: they sign in again and reach their territory.
    const again = await signIn(app, victim);
    const overview = await app.request(`/api/territories/${territory.id}`, {
      headers: { cookie: again.cookie },
    });
    expect(overview.status).toBe(200);
  });

  test("an e-mail the pool has not verified is refused, at sign-in and on a request", async () => {
    const app = cognitoApp();
    const { users } = await withTestTenant();
    const account = { email: users.link_worker.email, sub: `sub-${randomUUID()}` };
    for (const emailVerified of [false, "true", undefined]) {
      const attempt = await signIn(app, { ...account, emailVerified });
      expect(attempt.location, String(emailVerified)).toBe("/connexion?erreur=verification");
      expect(attempt.session).toBeUndefined();
    }
    // Nothing was bound by those attempts.
    expect(await Subject.resolve(ISSUER, account.sub)).toBeUndefined();
    const unverified = await idToken({ email: account.email, email_verified: false }, { sub: account.sub });
    const res = await as(app, { token: unverified }).get("/api/me");
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("auth.email_unverified");
  });

  test("only sign-ins through the operators' pool (MFA required) may act as operator", async () => {
    const { app } = testApp({
      auth: {
        mode: "cognito",
        members: membersPool(),
        operators: { issuer: OPERATOR_ISSUER, clientId: OPERATOR_CLIENT, jwksUrl, domain },
      },
    });
    const operator = await createOperator();
    // Each pool binds its own sub to the person (one per pool).
    const fromMembersPool = await signIn(app, operator.email, "members");
    expect(fromMembersPool.location).toBe("/");
    const refused = await app.request("/api/operator/directory", {
      headers: { cookie: fromMembersPool.cookie },
    });
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { message: string }).message).toMatch(/MFA/);
    const fromOperatorsPool = await signIn(app, operator.email, "operators");
    expect(fromOperatorsPool.location).toBe("/");
    const allowed = await app.request("/api/operator/directory", {
      headers: { cookie: fromOperatorsPool.cookie },
    });
    expect(allowed.status).toBe(200);
  });

  test("console sign-in: code flow with PKCE, the ID token ends up only in an HttpOnly cookie", async () => {
    const app = cognitoApp();
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
      redirectUri: authorize.searchParams.get("redirect_uri") ?? "",
      account: { email: users.territory_lead.email, sub: subOf(users.territory_lead.email) },
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
    const app = cognitoApp();
    const attempt = await signIn(app, "stranger@example.org");
    expect(attempt.location).toBe("/connexion?erreur=inconnu");
    expect(attempt.session).toBeUndefined();
    expect(await Subject.resolve(ISSUER, subOf("stranger@example.org"))).toBeUndefined();
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
        auth: { mode: "cognito", members: { ...membersPool(), idpEndpoint } },
      });
      const { territory, users } = await withTestTenant();
      const lead = browser(app, (await signIn(app, users.territory_lead.email)).cookie);
      const invite = await lead("POST", `/api/territories/${territory.id}/invitations`, {
        email: "nouvelle.venue@example.org",
        displayName: "Nouvelle Venue",
        role: "link_worker",
      });
      expect(invite.status).toBe(201);
      expect(((await invite.json()) as { link?: string }).link).toBeUndefined();
      await expect.poll(() => created.length).toBe(1);
      expect(created).toEqual([
        expect.objectContaining({
          UserPoolId: "eu-west-3_TEST",
          Username: "nouvelle.venue@example.org",
          DesiredDeliveryMediums: ["EMAIL"],
        }),
      ]);

      const newcomer = await signIn(app, "Nouvelle.Venue@example.org");
      expect(newcomer.location).toBe("/");
      const me = await app.request("/api/me", { headers: { cookie: newcomer.cookie } });
      const body = (await me.json()) as {
        user: { id: string };
        memberships: { contextId: string; role: string }[];
      };
      expect(body.memberships).toEqual([
        expect.objectContaining({ contextId: territory.id, role: "link_worker" }),
      ]);
      expect(await Subject.resolve(ISSUER, subOf("nouvelle.venue@example.org"))).toBe(body.user.id);
      const members = await lead("GET", `/api/territories/${territory.id}/members`);
      expect(((await members.json()) as { email: string }[]).map((m) => m.email)).toContain(
        "nouvelle.venue@example.org",
      );
    } finally {
      await new Promise<void>((resolve) => idp.close(() => resolve()));
    }
  });

  test("an expired ID token is renewed from the refresh cookie; sign-out ends the session at once", async () => {
    const app = cognitoApp();
    const { users } = await withTestTenant();
    const signedIn = await signIn(app, users.territory_lead.email);
    const refresh = signedIn.refresh ?? "";
    expect(refresh).toMatch(/^maillage_refresh=/);

    // An hour later: the ID token has expired, the refresh cookie is still there.
    const expired = await idToken(
      { email: users.territory_lead.email, origin_jti: signedIn.originJti },
      { expires: Math.floor(Date.now() / 1000) - 5 },
    );
    const cookie = `maillage_session=${expired}; ${refresh}`;
    const me = await app.request("/api/me", { headers: { cookie } });
    expect(me.status).toBe(200);
    const renewed = me.headers.getSetCookie().find((c) => c.startsWith("maillage_session=ey")) ?? "";
    expect(renewed).toMatch(/HttpOnly/);
    const renewedCookie = `${renewed.split(";")[0]}; ${refresh}`;
    // The renewed token belongs to the same sign-in, hence the same session.
    expect((await app.request("/api/me", { headers: { cookie: renewedCookie } })).status).toBe(200);

    const out = await app.request("/api/session", {
      method: "DELETE",
      headers: { cookie: renewedCookie, origin: ORIGIN },
    });
    expect(out.status).toBe(200);
    expect([...refreshTokens.values()].map((t) => t.originJti)).not.toContain(signedIn.originJti);
    expect(out.headers.getSetCookie().some((c) => /^maillage_refresh=;.*Max-Age=0/.test(c))).toBe(true);

    // The renewed ID token is still within its hour, yet the session is over.
    const stale = await app.request("/api/me", { headers: { cookie: renewed.split(";")[0] ?? "" } });
    expect(stale.status).toBe(401);
    expect(((await stale.json()) as { code: string }).code).toBe("auth.session_expired");
    // And the revoked refresh token renews nothing.
    const after = await app.request("/api/me", { headers: { cookie } });
    expect(after.status).toBe(401);
    expect(((await after.json()) as { code: string }).code).toBe("auth.session_expired");
  });

  test("a Cognito session removed server-side ends at once, though its ID token is still valid", async () => {
    const app = cognitoApp();
    const { territory, users } = await withTestTenant();
    const signedIn = await signIn(app, users.link_worker.email);
    const get = () =>
      app.request(`/api/territories/${territory.id}`, { headers: { cookie: signedIn.cookie } });
    expect((await get()).status).toBe(200);
    await Session.end(users.link_worker.id, Session.cognitoId(ISSUER, signedIn.originJti));
    const res = await get();
    expect(res.status).toBe(401);
    expect(((await res.json()) as { code: string }).code).toBe("auth.session_expired");
  });
});
