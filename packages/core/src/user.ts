import { createHash } from "node:crypto";
import {
  type ContextKind,
  createId,
  type Membership,
  type Role,
  rolesByContext,
  type User,
} from "@maillage/schema";
import * as Actor from "./actor";
import { all, PLATFORM, Scope, SK_PREFIX, type WriteOp, write } from "./db";
import { getDirectoryNames } from "./directory";
import { EmailGuardEntity, MembershipEntity, TerritoryEntity, UserEntity } from "./entities";
import { MaillageError } from "./error";

/**
 * E-mail addresses never appear in keys (CloudTrail records keys and session policies): the guard
 * and the invitation pointer are keyed by this hash.
 */
export function emailHash(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

export async function get(userId: string): Promise<User | undefined> {
  const user = await Scope.identity(() => UserEntity.get([userId]));
  return user && { id: user.id, email: user.email, displayName: user.displayName };
}

export async function idByEmail(email: string): Promise<string | undefined> {
  const guard = await Scope.identity(() => EmailGuardEntity.get([emailHash(email)]));
  return guard?.userId;
}

/** Operations creating a user and reserving their email (fails if the email is taken). */
export function createOps(user: Omit<User, "id">): { user: User; ops: WriteOp[] } {
  const id = createId("user");
  return {
    user: { id, ...user },
    ops: [
      {
        Put: {
          Item: UserEntity.item([id], { id, ...user }),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          Item: EmailGuardEntity.item([emailHash(user.email)], { userId: id }),
          ConditionExpression: "attribute_not_exists(pk)",
        },
        onConditionFailed: () =>
          new MaillageError("membership.already_exists", "This email is already registered"),
      },
    ],
  };
}

export function membershipOp(
  userId: string,
  contextKind: ContextKind,
  contextId: string,
  role: Role,
  displayName: string | null,
): WriteOp {
  if (!rolesByContext[contextKind].includes(role))
    throw new Error(`Role ${role} is not valid in a ${contextKind}`);
  return {
    Put: {
      Item: MembershipEntity.item([userId, contextId], {
        userId,
        contextKind,
        contextId,
        role,
        createdAt: new Date().toISOString(),
        displayName,
      }),
      ConditionExpression: "attribute_not_exists(pk)",
    },
    onConditionFailed: () =>
      new MaillageError("membership.already_exists", "This person already has access here"),
  };
}

/**
 * The territory's member count for a role, moved by `delta` in the membership change's transaction
 * (see TerritoryEntity: `membersCounted`).
 */
export function memberCountOp(territoryId: string, role: Role, delta: 1 | -1): WriteOp {
  return {
    Update: {
      Key: TerritoryEntity.key(territoryId),
      UpdateExpression: "ADD #count :delta, readersRev :one",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeNames: {
        "#count": role === "territory_lead" ? "territoryLeadCount" : "linkWorkerCount",
      },
      ExpressionAttributeValues: { ":delta": delta, ":one": 1 },
    },
  };
}

export type MembershipItem = Omit<Membership, "contextName"> & { displayName: string | null };

/** One membership, read by the auth middleware on every request (a single GetItem, identity scope). */
export async function membership(userId: string, contextId: string): Promise<MembershipItem | undefined> {
  return Scope.identity(() => MembershipEntity.get([userId, contextId]));
}

/** The signed-in person's memberships with their contexts' names (for the context switcher). */
export async function memberships(userId: string): Promise<Membership[]> {
  const items = await Scope.identity(() =>
    all(MembershipEntity, { partition: userId, prefix: SK_PREFIX.membership }),
  );
  const contextIds = items.filter((m) => m.contextKind !== "platform").map((m) => m.contextId);
  // Names live on each context's own item: read-only on exactly those partitions.
  const names = await Scope.run({ kind: "keys", readWrite: [], readOnly: contextIds }, () =>
    getDirectoryNames(contextIds),
  );
  return items.map(({ contextKind, contextId, role, createdAt }) => ({
    userId,
    contextKind,
    contextId,
    role,
    createdAt,
    contextName: contextKind === "platform" ? "Maillage" : (names.get(contextId) ?? contextId),
  }));
}

/** Members of the actor's territory (leads only): the membership index, no read of people's items. */
export async function listTerritoryMembers(): Promise<(User & { role: Role })[]> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const items = await all(MembershipEntity, {
    index: "gsi1",
    partition: territoryId,
    prefix: SK_PREFIX.member,
  });
  const people = await Scope.identity(() => UserEntity.getMany(items.map((m) => [m.userId] as [string])));
  const byId = new Map(people.map((person) => [person.id, person]));
  return items.flatMap((m) => {
    const user = byId.get(m.userId);
    return user ? [{ id: user.id, email: user.email, displayName: user.displayName, role: m.role }] : [];
  });
}

/** Creates a person with their memberships, audited (seed, invitations). */
export async function create(
  user: Omit<User, "id">,
  grants: { contextKind: ContextKind; contextId: string; role: Role }[],
): Promise<User> {
  const created = createOps(user);
  await write(
    [
      ...created.ops,
      ...grants.flatMap((g) => [
        membershipOp(created.user.id, g.contextKind, g.contextId, g.role, user.displayName),
        ...(g.contextKind === "territory" ? [memberCountOp(g.contextId, g.role, 1)] : []),
      ]),
    ],
    grants.map((g) => ({
      contextId: g.contextId === "platform" ? PLATFORM : g.contextId,
      action: "membership.create",
      entityType: "membership",
      entity: created.user.id,
      entityLabel: user.displayName,
      changes: [{ field: "role", before: null, after: g.role }],
    })),
  );
  return created.user;
}
