import { createHash, randomBytes } from "node:crypto";
import { createServer, type Server } from "node:http";
import { exportJWK, generateKeyPair, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type Harness, heading, startHarness } from "./harness";

/**
 * The deployed sign-in, in a real browser: the console's button, the API's redirect to the pool's
 * hosted page, the code exchange with PKCE, the HttpOnly session. A stand-in for the Cognito hosted
 * UI runs on loopback: its authorize page signs in a chosen person at once and redirects back.
 */
const ISSUER = "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_E2E";
const CLIENT_ID = "e2e-console";
let signingInAs = "cheffe.projet@example.org";
const loggedOut: Record<string, string>[] = [];

let pool: Server;
let harness: Harness;

beforeAll(async () => {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "e2e", alg: "RS256", use: "sig" };
  const codes = new Map<string, { challenge: string; email: string }>();
  pool = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://pool");
    if (url.pathname === "/logout") {
      loggedOut.push(Object.fromEntries(url.searchParams));
      res.writeHead(302, { location: url.searchParams.get("logout_uri") ?? "/" });
      return res.end();
    }
    if (url.pathname === "/oauth2/authorize") {
      const code = randomBytes(8).toString("hex");
      codes.set(code, { challenge: url.searchParams.get("code_challenge") ?? "", email: signingInAs });
      const back = new URL(url.searchParams.get("redirect_uri") ?? "");
      back.search = new URLSearchParams({ code, state: url.searchParams.get("state") ?? "" }).toString();
      res.writeHead(302, { location: back.toString() });
      return res.end();
    }
    res.setHeader("content-type", "application/json");
    if (url.pathname !== "/oauth2/token") return res.end(JSON.stringify({ keys: [jwk] }));
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", async () => {
      const form = new URLSearchParams(body);
      const issued = codes.get(form.get("code") ?? "");
      const challenge = createHash("sha256")
        .update(form.get("code_verifier") ?? "")
        .digest("base64url");
      if (!issued || issued.challenge !== challenge) {
        res.statusCode = 400;
        return res.end(JSON.stringify({ error: "invalid_grant" }));
      }
      // Like Cognito: a verified e-mail, one `sub` per account, one origin_jti per sign-in.
      const idToken = await new SignJWT({
        token_use: "id",
        email: issued.email,
        email_verified: true,
        origin_jti: randomBytes(16).toString("hex"),
      })
        .setProtectedHeader({ alg: "RS256", kid: "e2e" })
        .setIssuer(ISSUER)
        .setAudience(CLIENT_ID)
        .setSubject(`e2e-${createHash("sha256").update(issued.email).digest("hex").slice(0, 24)}`)
        .setIssuedAt()
        .setExpirationTime("1h")
        .sign(privateKey);
      res.end(JSON.stringify({ id_token: idToken }));
    });
  });
  await new Promise<void>((resolve) => pool.listen(0, "127.0.0.1", resolve));
  const address = pool.address();
  const domain = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  harness = await startHarness({
    auth: {
      mode: "cognito",
      members: { issuer: ISSUER, clientId: CLIENT_ID, domain, jwksUrl: `${domain}/jwks` },
    },
  });
});

afterAll(async () => {
  await harness?.stop();
  await new Promise<void>((resolve) => pool.close(() => resolve()));
});

describe("sign-in through Cognito", () => {
  test("a lead signs in from the console's button and lands in their workspaces", async () => {
    signingInAs = "cheffe.projet@example.org";
    const { page, context, unexpectedErrors } = await harness.open();
    await page.goto("/connexion");
    expect(await heading(page)).toBe("Connexion");
    expect(await page.getByText("Personnes de démonstration").count()).toBe(0);
    await page.getByRole("link", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page
      .getByRole("link", { name: /Lille Sud et Faubourgs/ })
      .first()
      .waitFor();
    const cookies = await context.cookies();
    const session = cookies.find((c) => c.name === "maillage_session");
    expect(session?.httpOnly).toBe(true);
    expect(session?.sameSite).toBe("Strict");
    expect(await page.evaluate("document.cookie")).not.toContain("maillage_session");
    expect(unexpectedErrors([401])).toEqual([]);

    // Signing out also ends the pool's hosted session, then comes back to the sign-in page.
    await page.getByRole("button", { name: "Se déconnecter" }).click();
    await page.waitForURL((url) => url.pathname === "/connexion" && url.port !== "");
    expect(loggedOut).toEqual([{ client_id: CLIENT_ID, logout_uri: `${harness.baseUrl}/connexion` }]);
    expect((await context.cookies()).some((c) => c.name === "maillage_session")).toBe(false);
    await context.close();
  });

  test("someone without a Maillage account is told so, in French", async () => {
    signingInAs = "inconnu@example.org";
    const { page, context } = await harness.open();
    await page.goto("/connexion");
    await page.getByRole("link", { name: "Se connecter" }).click();
    await page.waitForURL((url) => url.searchParams.get("erreur") === "inconnu");
    const alert = page.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("Aucun compte Maillage");
    await context.close();
  });
});
