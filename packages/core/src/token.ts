import { jwtVerify, SignJWT } from "jose";

const ISSUER = "maillage-local";

function secret(): Uint8Array {
  const value = process.env.MAILLAGE_SESSION_SECRET;
  if (!value || value.length < 32) throw new Error("MAILLAGE_SESSION_SECRET must be set (32+ characters)");
  return new TextEncoder().encode(value);
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
    .sign(secret());
}

export async function verify(token: string, audience: string) {
  const { payload } = await jwtVerify(token, secret(), { issuer: ISSUER, audience, algorithms: ["HS256"] });
  return payload;
}
