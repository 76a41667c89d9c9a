import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { as, createOperator, testApp, withTestTenant } from "../../test/harness";

/**
 * Cognito mode, end to end but offline: a real JWKS served over loopback HTTP and ID tokens signed
 * with its key, verified by the same middleware the Lambda runs.
 */
const ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_TEST";
const CLIENT_ID = "console-client";
let server: Server;
let jwksUrl: string;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: "test-key", alg: "RS256", use: "sig" };
  server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  jwksUrl = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/jwks.json`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const OPERATOR_ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_OPERATORS";
const OPERATOR_CLIENT = "operator-console";

function idToken(claims: Record<string, unknown>, options: { audience?: string; issuer?: string } = {}) {
  return new SignJWT({ token_use: "id", ...claims })
    .setProtectedHeader({ alg: "RS256", kid: "test-key" })
    .setIssuer(options.issuer ?? ISSUER)
    .setAudience(options.audience ?? CLIENT_ID)
    .setSubject("cognito-sub")
    .setIssuedAt()
    .setExpirationTime("1h")
    .sign(privateKey);
}

describe("Cognito mode", () => {
  test("an ID token from the pool maps to the person by email and gets their access", async () => {
    const { app } = testApp({ auth: { mode: "cognito", issuer: ISSUER, clientId: CLIENT_ID, jwksUrl } });
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
        issuer: ISSUER,
        clientId: CLIENT_ID,
        jwksUrl,
        operator: { issuer: OPERATOR_ISSUER, clientId: OPERATOR_CLIENT, jwksUrl },
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
});
