import { MaillageError, Session, Subject, Token } from "@maillage/core";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify } from "jose";
import * as v from "valibot";
import type { Config } from "../config";
import { refreshIdToken, secondsLeft } from "./cognito";
import type { Env, Identity } from "./types";

export const SESSION_COOKIE = "maillage_session";
const UNSAFE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

type Verifier = (token: string) => Promise<Omit<Identity, "via">>;

/** What a verified Cognito ID token says: the pool identity, the verified e-mail, the sign-in. */
export interface CognitoClaims {
  issuer: string;
  sub: string;
  /** Lower-cased; used only at the first sign-in, to find whom to bind the `sub` to. */
  email: string;
  /** Our session id for this sign-in (from `origin_jti`, see Session.cognitoId). */
  sessionId: string;
  operatorGrade: boolean;
}

const bounded = (max: number) => v.pipe(v.string(), v.minLength(1), v.maxLength(max));

const IdTokenClaims = v.object({
  token_use: v.literal("id"),
  sub: bounded(128),
  email: v.pipe(bounded(254), v.toLowerCase()),
  // Present when the app client has token revocation on (infra/auth.ts): one value per sign-in.
  origin_jti: bounded(128),
});

const checkers = new WeakMap<Config, (token: string) => Promise<CognitoClaims>>();

/**
 * Cognito mode: checks an ID token against its pool's JWKS (signature, issuer, audience), that it is
 * an ID token, and that its e-mail is verified. No look-up: who it is comes from `sub` (verifier) or,
 * at the first sign-in only, from the verified e-mail (http/oauth.ts).
 */
export function cognitoClaims(config: Config): (token: string) => Promise<CognitoClaims> {
  const auth = config.auth;
  if (auth.mode !== "cognito") throw new Error("Cognito claims outside Cognito mode");
  const cached = checkers.get(config);
  if (cached) return cached;
  const pools = [
    { pool: auth.members, operatorGrade: false },
    ...(auth.operators ? [{ pool: auth.operators, operatorGrade: true }] : []),
  ].map(({ pool, operatorGrade }) => ({
    pool,
    operatorGrade,
    jwks: createRemoteJWKSet(new URL(pool.jwksUrl ?? `${pool.issuer}/.well-known/jwks.json`)),
  }));
  const check = async (token: string): Promise<CognitoClaims> => {
    const issuer = decodeJwt(token).iss;
    const match = pools.find((p) => p.pool.issuer === issuer);
    if (!match) throw new MaillageError("auth.required", "Unknown token issuer");
    const { payload } = await jwtVerify(token, match.jwks, {
      issuer: match.pool.issuer,
      audience: match.pool.clientId,
    });
    const claims = v.safeParse(IdTokenClaims, payload);
    if (!claims.success) {
      throw new MaillageError(
        "auth.required",
        "An ID token with a subject, an email and a sign-in id is required",
      );
    }
    // Cognito's own claim, a boolean: anything else (absent, "true", false) is refused.
    if (payload.email_verified !== true) {
      throw new MaillageError(
        "auth.email_unverified",
        "Verify your email address with the identity service first",
      );
    }
    const { sub, email, origin_jti } = claims.output;
    return {
      issuer: match.pool.issuer,
      sub,
      email,
      sessionId: Session.cognitoId(match.pool.issuer, origin_jti),
      operatorGrade: match.operatorGrade,
    };
  };
  checkers.set(config, check);
  return check;
}

/**
 * Who a token is, and which session it belongs to. Local mode: our own HS256 token, carrying the
 * session id (`sid`). Cognito mode: the pool's ID token, resolved by its `sub` only (bound at the first
 * verified sign-in, http/oauth.ts); the session is the sign-in's `origin_jti`. Whether the session is
 * still open is checked by route(), together with the membership (one read).
 */
export function verifier(config: Config): Verifier {
  if (config.auth.mode === "local") {
    return async (token) => {
      const payload = await Token.verify(token, Session.TOKEN_AUDIENCE);
      if (typeof payload.sub !== "string" || !v.is(Session.SessionId, payload.sid)) {
        throw new MaillageError("auth.required", "A session token without a session: sign in again");
      }
      return { userId: payload.sub, operatorGrade: true, sessionId: payload.sid };
    };
  }
  const check = cognitoClaims(config);
  return async (token) => {
    const claims = await check(token);
    const userId = await Subject.resolve(claims.issuer, claims.sub);
    if (!userId) throw new MaillageError("auth.unknown_user", "No Maillage account for this identity");
    return { userId, operatorGrade: claims.operatorGrade, sessionId: claims.sessionId };
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

/** Local sign-in: a session item, and our token carrying its id in the cookie. */
export async function startSession(c: Context<Env>, userId: string): Promise<void> {
  const config = c.get("config");
  const { token } = await Session.openLocal(userId, config.sessionTtlSeconds);
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

/** Sign-out: the session item is deleted (the old cookie or token is refused from now on). */
export async function endSession(c: Context<Env>): Promise<void> {
  const identity = c.get("identity");
  if (identity) await Session.end(identity.userId, identity.sessionId);
  deleteCookie(c, SESSION_COOKIE, { path: "/", secure: c.get("config").secureCookies });
}
