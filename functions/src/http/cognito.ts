import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { decodeJwt } from "jose";
import type { Pool } from "../config";
import type { Env } from "./types";

/**
 * The Cognito hosted UI's token endpoint: code exchange, refresh and revocation. The refresh token
 * lives in its own HttpOnly cookie, sent only to /api, so a person stays signed in for the working day
 * (`sessionTtlSeconds`, 8 h: the app clients' refresh token lifetime in infra/auth.ts, and the server-side
 * session's) although an ID token lasts an hour.
 */
export type PoolName = "members" | "operators";
const REFRESH_COOKIE = "maillage_refresh";

export function hostedPool(c: Context<Env>, name: PoolName): (Pool & { domain: string }) | undefined {
  const auth = c.get("config").auth;
  const pool = auth.mode === "cognito" ? auth[name] : undefined;
  return pool?.domain ? { ...pool, domain: pool.domain } : undefined;
}

export async function tokenRequest(
  pool: Pool & { domain: string },
  params: Record<string, string>,
): Promise<{ id_token?: string; refresh_token?: string } | undefined> {
  const response = await fetch(new URL("/oauth2/token", pool.domain), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ client_id: pool.clientId, ...params }),
  });
  return response.ok ? ((await response.json()) as { id_token?: string; refresh_token?: string }) : undefined;
}

/** Seconds until a token expires (0 when it already has). */
export function secondsLeft(token: string): number {
  return Math.max(0, (decodeJwt(token).exp ?? 0) - Math.floor(Date.now() / 1000));
}

export function keepRefreshToken(c: Context<Env>, pool: PoolName, token: string): void {
  setCookie(c, REFRESH_COOKIE, `${pool}:${token}`, {
    httpOnly: true,
    sameSite: "Strict",
    secure: c.get("config").secureCookies,
    path: "/api",
    maxAge: c.get("config").sessionTtlSeconds,
  });
}

function refreshCookie(c: Context<Env>): { pool: PoolName; token: string } | undefined {
  const value = getCookie(c, REFRESH_COOKIE) ?? "";
  const separator = value.indexOf(":");
  const pool = value.slice(0, separator);
  if (separator < 0 || (pool !== "members" && pool !== "operators")) return undefined;
  return { pool, token: value.slice(separator + 1) };
}

/** A fresh ID token from the refresh cookie, or undefined (the cookie is then dropped). */
export async function refreshIdToken(c: Context<Env>): Promise<string | undefined> {
  const stored = refreshCookie(c);
  const pool = stored && hostedPool(c, stored.pool);
  const tokens =
    stored && pool
      ? await tokenRequest(pool, { grant_type: "refresh_token", refresh_token: stored.token })
      : undefined;
  if (!tokens?.id_token) {
    if (stored) deleteCookie(c, REFRESH_COOKIE, { path: "/api" });
    return undefined;
  }
  return tokens.id_token;
}

/** At sign-out: the refresh token is revoked at the pool (best effort) and its cookie dropped. */
export async function revokeRefreshToken(c: Context<Env>): Promise<void> {
  const stored = refreshCookie(c);
  deleteCookie(c, REFRESH_COOKIE, { path: "/api" });
  const pool = stored && hostedPool(c, stored.pool);
  if (!stored || !pool) return;
  await fetch(new URL("/oauth2/revoke", pool.domain), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ token: stored.token, client_id: pool.clientId }),
  }).catch(() => undefined);
}
