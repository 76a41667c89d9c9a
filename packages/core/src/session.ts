import { createHash } from "node:crypto";
import { BatchGetCommand, DeleteCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createId, idSchema } from "@maillage/schema";
import * as v from "valibot";
import { db, entity, Keys, Scope, tableName } from "./db";
import { MembershipEntity } from "./entities";
import * as Token from "./token";
import type { MembershipItem } from "./user";

/**
 * Server-side sessions: one item per signed-in session in the person's partition
 * (`usr_U / SESSION#<id>`), written at sign-in, deleted at sign-out, checked on every authenticated
 * request. A token (our HS256 one, or Cognito's ID token) only says who signed in; the item says the
 * session is still open, so signing out, or deleting the item, ends it at once.
 *
 * DynamoDB's TTL (attribute `ttl`) removes expired items, lazily (up to days later): liveness is
 * decided by `expiresAt`, never by the item's presence alone.
 */
export const SessionEntity = entity({
  type: "session",
  schema: v.object({
    userId: v.string(),
    createdAt: v.string(),
    expiresAt: v.string(),
    /** Epoch seconds, for the table's TTL. */
    ttl: v.number(),
  }),
  key: Keys.session,
});

/** The audience of our own session tokens (local mode and tests). */
export const TOKEN_AUDIENCE = "session";

/** Local session ids (ses_<ULID>), or Cognito ones (cog_<sha256 base64url>, see `cognitoId`). */
export const SessionId = v.union([idSchema("session"), v.pipe(v.string(), v.regex(/^cog_[\w-]{43}$/))]);

export interface Opened {
  id: string;
  expiresAt: string;
}

/** Opens a session for a person (identity scope: the person's partition, no policy naming them). */
export async function open(
  userId: string,
  ttlSeconds: number,
  id: string = createId("session"),
): Promise<Opened> {
  const now = new Date();
  const expires = new Date(now.getTime() + ttlSeconds * 1000);
  const item = SessionEntity.item([userId, id], {
    userId,
    createdAt: now.toISOString(),
    expiresAt: expires.toISOString(),
    ttl: Math.ceil(expires.getTime() / 1000),
  });
  await Scope.identityWrite(() => db().send(new PutCommand({ TableName: tableName(), Item: item })));
  return { id, expiresAt: item.expiresAt as string };
}

/** Local mode (and tests): opens a session and signs our own token for it, carrying its id (`sid`). */
export async function openLocal(userId: string, ttlSeconds: number): Promise<Opened & { token: string }> {
  const session = await open(userId, ttlSeconds);
  const token = await Token.sign(TOKEN_AUDIENCE, userId, { sid: session.id }, ttlSeconds);
  return { ...session, token };
}

/**
 * Cognito mode: the session is bound to the ID token's `origin_jti`, which Cognito keeps across every
 * ID token refreshed from the same refresh token (that is, one sign-in) and changes at the next sign-in.
 * So the cookie needs nothing besides Cognito's ID token, and a revoked refresh token and a deleted
 * session item end the same sign-in. Hashed with the issuer: keys never carry a token identifier.
 */
export function cognitoId(issuer: string, originJti: string): string {
  return `cog_${createHash("sha256").update(`${issuer}\n${originJti}`).digest("base64url")}`;
}

/** Sign-out (or revocation): the session ends at once; deleting an ended session is a no-op. */
export async function end(userId: string, id: string): Promise<void> {
  await Scope.identityWrite(() =>
    db().send(new DeleteCommand({ TableName: tableName(), Key: SessionEntity.key(userId, id) })),
  );
}

const live = (session: v.InferOutput<typeof SessionEntity.schema> | undefined, now: Date) =>
  session !== undefined && session.expiresAt > now.toISOString();

/**
 * Whether the session is still open (signed-in routes such as /api/me). Strongly consistent: a
 * session ended a moment ago is never read as open.
 */
export async function isOpen(userId: string, id: string, now = new Date()): Promise<boolean> {
  if (!v.is(SessionId, id)) return false;
  return live(await Scope.identity(() => SessionEntity.get([userId, id], { consistent: true })), now);
}

/**
 * Context routes: the session and the membership for the context, both in the person's partition,
 * read in ONE BatchGetItem (strongly consistent), so checking the session adds no round trip to the
 * membership read every such request already makes, and a removed member or an ended session is
 * refused at the next request.
 */
export async function withMembership(
  userId: string,
  id: string,
  contextId: string,
  now = new Date(),
): Promise<{ open: boolean; membership: MembershipItem | undefined }> {
  if (!v.is(SessionId, id)) return { open: false, membership: undefined };
  const TableName = tableName();
  const sessionKey = SessionEntity.key(userId, id);
  const membershipKey = MembershipEntity.key(userId, contextId);
  const found: Record<string, unknown>[] = [];
  let pending: Record<string, unknown>[] | undefined = [sessionKey, membershipKey];
  for (let attempt = 0; pending && pending.length > 0; attempt++) {
    if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    if (attempt > 6) throw new Error("BatchGet: unprocessed keys after retries");
    const result = await Scope.identity(() =>
      db().send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending, ConsistentRead: true } } }),
      ),
    );
    found.push(...(result.Responses?.[TableName] ?? []));
    pending = result.UnprocessedKeys?.[TableName]?.Keys;
  }
  const session = found.find((item) => item.sk === sessionKey.sk && item.type === SessionEntity.type);
  const membership = found.find(
    (item) => item.sk === membershipKey.sk && item.type === MembershipEntity.type,
  );
  return {
    open: live(session ? SessionEntity.parse(session) : undefined, now),
    membership: membership ? MembershipEntity.parse(membership) : undefined,
  };
}
