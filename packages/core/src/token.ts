import { webcrypto } from "node:crypto";
import { jwtVerify, SignJWT } from "jose";

type CryptoKey = webcrypto.CryptoKey;

const ISSUER = "maillage-local";

let cached: { value: string; key: Promise<CryptoKey> } | undefined;

/** The HMAC key, imported once per secret (every request verifies a token: no import per call). */
function secret(): Promise<CryptoKey> {
  const value = process.env.MAILLAGE_SESSION_SECRET;
  if (!value || value.length < 32) throw new Error("MAILLAGE_SESSION_SECRET must be set (32+ characters)");
  if (cached?.value !== value) {
    const key = webcrypto.subtle.importKey(
      "raw",
      new TextEncoder().encode(value),
      { name: "HMAC", hash: "SHA-256" },
      false,
      ["sign", "verify"],
    );
    cached = { value, key };
  }
  return cached.key;
}

/** Signs claims for one audience ("session", "invitation") with an expiry. */
export async function sign(
  audience: string,
  subject: string,
  claims: Record<string, string>,
  ttlSeconds: number,
): Promise<string> {
  return new SignJWT(claims)
    .setProtectedHeader({ alg: "HS256" })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setSubject(subject)
    .setIssuedAt()
    .setExpirationTime(`${ttlSeconds}s`)
    .sign(await secret());
}

export async function verify(token: string, audience: string) {
  const { payload } = await jwtVerify(token, await secret(), {
    issuer: ISSUER,
    audience,
    algorithms: ["HS256"],
  });
  return payload;
}
