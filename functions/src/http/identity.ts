import { MaillageError, Token, User } from "@maillage/core";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import type { Config } from "../config";
import { refreshIdToken, secondsLeft } from "./cognito";
import type { Env, Identity } from "./types";

export const SESSION_COOKIE = "maillage_session";
const SESSION_AUDIENCE = "session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Verifier = (token: string) => Promise<{ userId: string; operatorGrade: boolean }>;

/** Local mode: our own HS256 session; Cognito mode: ID tokens checked against the pools' JWKS. */
export function verifier(config: Config): Verifier {
  const auth = config.auth;
  if (auth.mode === "local") {
    return async (token) => ({
      userId: (await Token.verify(token, SESSION_AUDIENCE)).sub ?? "",
      operatorGrade: true,
    });
  }
  const pools = [
    { pool: auth.members, operatorGrade: false },
    ...(auth.operators ? [{ pool: auth.operators, operatorGrade: true }] : []),
  ].map(({ pool, operatorGrade }) => ({
    pool,
    operatorGrade,
    jwks: createRemoteJWKSet(new URL(pool.jwksUrl ?? `${pool.issuer}/.well-known/jwks.json`)),
  }));
  return async (token) => {
    const issuer = decodeJwt(token).iss;
    const match = pools.find((p) => p.pool.issuer === issuer);
    if (!match) throw new MaillageError("auth.required", "Unknown token issuer");
    const { payload } = await jwtVerify(token, match.jwks, {
      issuer: match.pool.issuer,
      audience: match.pool.clientId,
    });
    if (payload.token_use !== "id" || typeof payload.email !== "string") {
      throw new MaillageError("auth.required", "An ID token with an email is required");
    }
    const userId = await User.idByEmail(payload.email.toLowerCase());
    if (!userId) throw new MaillageError("auth.unknown_user", "No Maillage account for this identity");
    return { userId, operatorGrade: match.operatorGrade };
  };
}

/** Cognito sessions outlive their one-hour ID token through the refresh cookie. */
async function refreshed(c: Context<Env>, verify: Verifier): Promise<Identity | undefined> {
  if (c.get("config").auth.mode !== "cognito") return undefined;
  const idToken = await refreshIdToken(c);
  if (!idToken) return undefined;
  try {
    const identity: Identity = { ...(await verify(idToken)), via: "cookie" };
    setSessionCookie(c, idToken, secondsLeft(idToken));
    return identity;
  } catch {
    return undefined;
  }
}

function problemOf(error: unknown): MaillageError {
  if (error instanceof MaillageError) return error;
  if (error instanceof joseErrors.JWTExpired) {
    return new MaillageError("auth.session_expired", "Your session has expired: sign in again");
  }
  return new MaillageError("auth.required", "Invalid session: sign in again");
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
        identity = { ...(await verify(token)), via: fromHeader ? "bearer" : "cookie" };
      } catch (error) {
        identity =
          fromCookie && error instanceof joseErrors.JWTExpired ? await refreshed(c, verify) : undefined;
        if (!identity) {
          // A stale or foreign session makes the request anonymous: public routes (the sign-in
          // page's) still answer, and routes that need a person say why (route.ts).
          if (fromCookie) deleteCookie(c, SESSION_COOKIE, { path: "/" });
          c.set("authProblem", problemOf(error));
        }
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
  setSessionCookie(c, token, config.sessionTtlSeconds);
}

/** The session cookie holds a verified token: our own (local) or Cognito's ID token. */
export function setSessionCookie(c: Context<Env>, token: string, maxAge: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Strict",
    secure: c.get("config").secureCookies,
    path: "/",
    maxAge,
  });
}

export function endSession(c: Context<Env>): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: c.get("config").secureCookies });
}
