import { MaillageError, Token, User } from "@maillage/core";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from "jose";
import type { Config } from "../config";
import type { Env, Identity } from "./types";

export const SESSION_COOKIE = "maillage_session";
const SESSION_AUDIENCE = "session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Verifier = (token: string) => Promise<string>;

/** Local mode: our own HS256 session; Cognito mode: ID tokens checked against the pool's JWKS. */
function verifier(config: Config): Verifier {
  const auth = config.auth;
  if (auth.mode === "local") {
    return async (token) => (await Token.verify(token, SESSION_AUDIENCE)).sub ?? "";
  }
  const jwks = createRemoteJWKSet(new URL(auth.jwksUrl ?? `${auth.issuer}/.well-known/jwks.json`));
  return async (token) => {
    const { payload } = await jwtVerify(token, jwks, { issuer: auth.issuer, audience: auth.clientId });
    if (payload.token_use !== "id" || typeof payload.email !== "string") {
      throw new MaillageError("auth.required", "An ID token with an email is required");
    }
    const userId = await User.idByEmail(payload.email.toLowerCase());
    if (!userId) throw new MaillageError("auth.unknown_user", "No Maillage account for this identity");
    return userId;
  };
}

function bearer(c: Context): string | undefined {
  const header = c.req.header("authorization");
  return header?.startsWith("Bearer ") ? header.slice(7) : undefined;
}

/**
 * Verifies the identity on every request (cookie or bearer token). Cookie-authenticated writes must
 * come from an allowed Origin (CSRF), on top of the SameSite=Strict cookie.
 */
export function identify(config: Config) {
  const verify = verifier(config);
  return createMiddleware<Env>(async (c, next) => {
    const fromHeader = bearer(c);
    const fromCookie = fromHeader ? undefined : getCookie(c, SESSION_COOKIE);
    const token = fromHeader ?? fromCookie;
    let identity: Identity | undefined;
    if (token) {
      try {
        identity = { userId: await verify(token), via: fromHeader ? "bearer" : "cookie" };
      } catch (error) {
        if (error instanceof MaillageError) throw error;
        if (fromCookie) deleteCookie(c, SESSION_COOKIE, { path: "/" });
        if (error instanceof joseErrors.JWTExpired) {
          throw new MaillageError("auth.session_expired", "Your session has expired: sign in again");
        }
        throw new MaillageError("auth.required", "Invalid session: sign in again");
      }
    }
    if (identity?.via === "cookie" && UNSAFE_METHODS.has(c.req.method)) {
      const origin = c.req.header("origin");
      if (!origin || !config.allowedOrigins.includes(origin)) {
        throw new MaillageError("auth.csrf", "Request refused: unexpected origin");
      }
    }
    c.set("identity", identity);
    await next();
  });
}

export async function startSession(c: Context<Env>, userId: string): Promise<void> {
  const config = c.get("config");
  const token = await Token.sign(SESSION_AUDIENCE, userId, {}, config.sessionTtlSeconds);
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: config.secureCookies,
    path: "/",
    maxAge: config.sessionTtlSeconds,
  });
}

export function endSession(c: Context<Env>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: c.get("config").secureCookies });
}
