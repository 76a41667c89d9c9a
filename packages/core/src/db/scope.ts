import { AsyncLocalStorage } from "node:async_hooks";
import * as Actor from "../actor";

/**
 * What a piece of code may touch in the table, as DynamoDB partition-key patterns (IAM StringLike,
 * `*` wildcard). In AWS the scope becomes an STS session policy with dynamodb:LeadingKeys; locally the
 * same policy is evaluated on every command (see client.ts), so tests prove the code stays inside it.
 */
export type Scope =
  | { kind: "platform" }
  | { kind: "keys"; readWrite: readonly string[]; readOnly: readonly string[] };

const storage = new AsyncLocalStorage<Scope>();

/** A tenant-like context owns its partition and any partition prefixed `<id>#`. */
export function ownedPatterns(contextId: string): string[] {
  return [contextId, `${contextId}#*`];
}

function fromActor(): Scope | undefined {
  let actor: Actor.Actor;
  try {
    actor = Actor.use();
  } catch {
    return undefined;
  }
  // A tenant-scoped system actor (a job) gets its tenant's scope, never the platform's.
  if (actor.type === "system") {
    return actor.tenantId
      ? { kind: "keys", readWrite: ownedPatterns(actor.tenantId), readOnly: [] }
      : { kind: "platform" };
  }
  if (actor.contextKind === "platform") return { kind: "platform" };
  return { kind: "keys", readWrite: ownedPatterns(actor.contextId), readOnly: [] };
}

/** The scope of the running code: an explicit one, else the actor's. Undefined means no access. */
export function current(): Scope | undefined {
  return storage.getStore() ?? fromActor();
}

export function run<T>(scope: Scope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * The partitions of people and their identifiers (memberships, sessions, hashed e-mail guards, Cognito
 * `sub` bindings, invitation pointers). Fixed patterns, so one set of STS credentials serves every
 * person in a warm container, and no policy ever names a person.
 */
export const IDENTITY_PARTITIONS = ["usr_*", "EMAIL#*", "SUB#*", "INVITED#*"] as const;

/** Identity look-ups before any context is chosen (who is this token, which memberships): read-only. */
export function identity<T>(fn: () => T): T {
  return run({ kind: "keys", readWrite: [], readOnly: IDENTITY_PARTITIONS }, fn);
}

/** Identity changes (sign-in binds a `sub`, sessions open and close): the same fixed partitions. */
export function identityWrite<T>(fn: () => T): T {
  return run({ kind: "keys", readWrite: IDENTITY_PARTITIONS, readOnly: [] }, fn);
}

/**
 * Widens the current scope with read-only access to the given partitions (exact keys, no wildcard),
 * e.g. a federation reading its attached territories' profiles. The ids must come from data the
 * current scope already owns (attachments, memberships), never from a request.
 */
export function withReads<T>(partitions: readonly string[], fn: () => T): T {
  const scope = current();
  if (!scope || scope.kind === "platform" || partitions.length === 0) return fn();
  return run({ ...scope, readOnly: [...new Set([...scope.readOnly, ...partitions])] }, fn);
}

/**
 * Widens the current scope with write access to exact partitions outside the tenant, for the one
 * item a tenant action must leave elsewhere (an invitation's pointer, keyed by a hash).
 */
export function withWrites<T>(partitions: readonly string[], fn: () => T): T {
  const scope = current();
  if (!scope || scope.kind === "platform") return fn();
  return run({ ...scope, readWrite: [...new Set([...scope.readWrite, ...partitions])] }, fn);
}
