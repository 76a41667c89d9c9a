import { createHash, randomBytes } from "node:crypto";
import { Actor, Invitation, MaillageError, Session, Subject, User } from "@maillage/core";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { decodeJwt } from "jose";
import type { Pool } from "../config";
import { hostedPool, keepRefreshToken, type PoolName, secondsLeft, tokenRequest } from "./cognito";
import { type CognitoClaims, cognitoClaims, SESSION_COOKIE, setSessionCookie } from "./identity";
import type { Env } from "./types";

/**
 * Cognito sign-in for the console: authorization code flow with PKCE, exchanged by the API so the
 * ID token only ever lives in an HttpOnly cookie (never in the page's JavaScript).
 */
const FLOW_COOKIE = "maillage_oauth";
const CALLBACK_PATH = "/api/session/callback";

const base64url = (bytes: Buffer) => bytes.toString("base64url");

function poolOf(c: Context<Env>, name: PoolName): Pool & { domain: string } {
  const pool = hostedPool(c, name);
  if (!pool) throw new MaillageError("route.not_found", "No such route");
  return pool;
}

function redirectUri(c: Context<Env>): string {
  return `${c.get("config").publicUrl}${CALLBACK_PATH}`;
}

/** Redirects to the pool's hosted sign-in page, remembering state and PKCE verifier in a short cookie. */
export function startSignIn(c: Context<Env>, name: PoolName): Response {
  const pool = poolOf(c, name);
  const state = base64url(randomBytes(24));
  const codeVerifier = base64url(randomBytes(32));
  const challenge = base64url(createHash("sha256").update(codeVerifier).digest());
  setCookie(c, FLOW_COOKIE, `${name}.${state}.${codeVerifier}`, {
    httpOnly: true,
    sameSite: "Lax",
    secure: c.get("config").secureCookies,
    path: CALLBACK_PATH,
    maxAge: 600,
  });
  const url = new URL("/oauth2/authorize", pool.domain);
  url.search = new URLSearchParams({
    response_type: "code",
    client_id: pool.clientId,
    redirect_uri: redirectUri(c),
    scope: "openid email",
    state,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  return c.redirect(url.toString(), 302);
}

/** Back from Cognito: checks state, exchanges the code, verifies the ID token, opens the session. */
export async function finishSignIn(c: Context<Env>): Promise<Response> {
  const failed = (reason: string) => {
    deleteCookie(c, FLOW_COOKIE, { path: CALLBACK_PATH });
    return c.redirect(`/connexion?erreur=${reason}`, 302);
  };
  const [name, state, codeVerifier] = (getCookie(c, FLOW_COOKIE) ?? "").split(".");
  const code = c.req.query("code");
  if (!code || !state || c.req.query("state") !== state || !codeVerifier) return failed("etat");
  if (name !== "members" && name !== "operators") return failed("etat");
  const pool = poolOf(c, name);
  const tokens = await tokenRequest(pool, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri(c),
    code_verifier: codeVerifier,
  });
  const idToken = tokens?.id_token;
  if (!idToken) return failed("jeton");
  let claims: CognitoClaims;
  try {
    claims = await cognitoClaims(c.get("config"))(idToken);
  } catch (error) {
    const unverified = error instanceof MaillageError && error.code === "auth.email_unverified";
    return failed(unverified ? "verification" : "jeton");
  }
  let userId: string | undefined;
  try {
    userId = await signedInPerson(claims);
  } catch (error) {
    if (error instanceof MaillageError && error.code === "auth.identity_conflict") return failed("identite");
    throw error;
  }
  if (!userId) return failed("inconnu");
  // The session is this sign-in: every ID token refreshed from its refresh token carries the same
  // origin_jti, hence the same session id, so the cookie needs nothing but Cognito's ID token.
  await Session.open(userId, c.get("config").sessionTtlSeconds, claims.sessionId);
  deleteCookie(c, FLOW_COOKIE, { path: CALLBACK_PATH });
  setSessionCookie(c, idToken, secondsLeft(idToken));
  if (tokens.refresh_token) keepRefreshToken(c, name, tokens.refresh_token);
  return c.redirect("/", 302);
}

const acceptPending = (email: string) =>
  Actor.provide({ type: "system", reason: "invitation" }, () => Invitation.acceptPendingFor(email));

/**
 * The person a verified sign-in is: found by the pool's `sub` once bound. At the first sign-in of a
 * pool identity, the verified e-mail names the person (created now if their invitation is pending)
 * and the `sub` is bound to them; a person already bound to another `sub` of this pool is refused
 * (`auth.identity_conflict`), whatever the e-mail says.
 */
async function signedInPerson(claims: CognitoClaims): Promise<string | undefined> {
  const bound = await Subject.resolve(claims.issuer, claims.sub);
  if (bound) {
    // Invitations sent since to the same address; not if the pool's e-mail has changed since binding
    // (the invitation would name an address that is not this person's in Maillage).
    if ((await User.get(bound))?.email === claims.email) await acceptPending(claims.email);
    return bound;
  }
  const existing = await User.idByEmail(claims.email);
  if (existing) {
    await Subject.bind(claims.issuer, claims.sub, existing);
    await acceptPending(claims.email);
    return existing;
  }
  // A newcomer: their pending invitations create them; then their `sub` is bound.
  await acceptPending(claims.email);
  const created = await User.idByEmail(claims.email);
  if (created) await Subject.bind(claims.issuer, claims.sub, created);
  return created;
}

/**
 * Where to send the browser so the pool's hosted session ends too (otherwise "Se connecter" would
 * sign the same person in again at once): the pool that issued the session's token.
 */
export function hostedLogoutUrl(c: Context<Env>): string | null {
  const auth = c.get("config").auth;
  const token = getCookie(c, SESSION_COOKIE);
  if (auth.mode !== "cognito" || !token) return null;
  let issuer: string | undefined;
  try {
    issuer = decodeJwt(token).iss;
  } catch {
    return null;
  }
  const pool = [auth.members, auth.operators].find((p) => p?.issuer === issuer);
  if (!pool?.domain) return null;
  const url = new URL("/logout", pool.domain);
  url.search = new URLSearchParams({
    client_id: pool.clientId,
    logout_uri: `${c.get("config").publicUrl}/connexion`,
  }).toString();
  return url.toString();
}
