import { AsyncLocalStorage } from "node:async_hooks";
import type { ContextKind, Role } from "@maillage/schema";
import { MaillageError } from "./error";

/** Who is acting, in which context (tenant), with which role. */
export type Actor =
  | {
      type: "user";
      userId: string;
      /** Copied from the membership, so the audit trail names who acted without another read. */
      displayName?: string | null;
      contextKind: ContextKind;
      contextId: string;
      role: Role;
    }
  | {
      type: "system";
      reason: string;
      /** A tenant-scoped system actor (jobs): its data scope is that tenant's, never the platform's. */
      tenantId?: string;
    };

const storage = new AsyncLocalStorage<Actor>();

export function provide<T>(actor: Actor, fn: () => T): T {
  return storage.run(actor, fn);
}

export function use(): Actor {
  const actor = storage.getStore();
  if (!actor) throw new Error("No actor in context: wrap the call in Actor.provide()");
  return actor;
}

/** The id written to the audit trail. */
export function auditId(): string {
  const actor = use();
  return actor.type === "user" ? actor.userId : `system:${actor.reason}`;
}

/** The name written to the audit trail (null for the system). */
export function auditName(): string | null {
  const actor = use();
  return actor.type === "user" ? (actor.displayName ?? null) : null;
}

function userIn(kind: ContextKind, roles: readonly Role[]) {
  const actor = use();
  if (actor.type !== "user" || actor.contextKind !== kind) {
    throw new Error(`Expected an actor in a ${kind} context`);
  }
  if (!roles.includes(actor.role)) throw new MaillageError("auth.forbidden", "Your role does not allow this");
  return actor;
}

/** The territory (tenant) the request runs in; throws when there is none. */
export function territoryId(roles: readonly Role[] = ["territory_lead", "link_worker"]): string {
  return userIn("territory", roles).contextId;
}

export function federationId(): string {
  return userIn("federation", ["federation"]).contextId;
}

export function funderId(): string {
  return userIn("funder", ["funder"]).contextId;
}

/** Platform-level actions: the operator, or the system (seed, migrations). */
export function assertOperator(): void {
  const actor = use();
  if (actor.type === "system" && !actor.tenantId) return;
  if (actor.type === "user" && actor.contextKind === "platform" && actor.role === "operator") return;
  throw new MaillageError("auth.forbidden", "Operators only");
}
