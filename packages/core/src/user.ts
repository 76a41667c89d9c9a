import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  type ContextKind,
  createId,
  type Membership,
  type Role,
  rolesByContext,
  type User,
} from "@maillage/schema";
import * as Actor from "./actor";
import { db, Keys, PLATFORM, queryAll, Scope, SK_PREFIX, tableName, type WriteOp, write } from "./db";
import { batchGet } from "./db/batch";
import { getDirectoryNames } from "./directory";
import { MaillageError } from "./error";

export async function get(userId: string): Promise<User | undefined> {
  const result = await Scope.readOnly([userId], () =>
    db().send(new GetCommand({ TableName: tableName(), Key: Keys.user(userId) })),
  );
  if (!result.Item) return undefined;
  const { id, email, displayName } = result.Item as User;
  return { id, email, displayName };
}

export async function idByEmail(email: string): Promise<string | undefined> {
  const key = Keys.email(email);
  const result = await Scope.readOnly([key.pk], () =>
    db().send(new GetCommand({ TableName: tableName(), Key: key })),
  );
  return result.Item?.userId as string | undefined;
}

/** Operations creating a user and reserving their email (fails if the email is taken). */
export function createOps(user: Omit<User, "id">): { user: User; ops: WriteOp[] } {
  const id = createId("user");
  const item = { ...Keys.user(id), type: "user", id, ...user };
  return {
    user: { id, ...user },
    ops: [
      { Put: { Item: item, ConditionExpression: "attribute_not_exists(pk)" } },
      {
        Put: {
          Item: { ...Keys.email(user.email), type: "email", userId: id },
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
): WriteOp {
  if (!rolesByContext[contextKind].includes(role))
    throw new Error(`Role ${role} is not valid in a ${contextKind}`);
  return {
    Put: {
      Item: {
        ...Keys.membership(userId, contextId),
        type: "membership",
        userId,
        contextKind,
        contextId,
        role,
        createdAt: new Date().toISOString(),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
    onConditionFailed: () =>
      new MaillageError("membership.already_exists", "This person already has access here"),
  };
}

type MembershipItem = Omit<Membership, "contextName">;

/** One membership, read by the auth middleware on every request (a single GetItem). */
export async function membership(userId: string, contextId: string): Promise<MembershipItem | undefined> {
  const { pk, sk } = Keys.membership(userId, contextId);
  const result = await Scope.readOnly([userId], () =>
    db().send(new GetCommand({ TableName: tableName(), Key: { pk, sk } })),
  );
  if (!result.Item) return undefined;
  const { contextKind, role, createdAt } = result.Item as MembershipItem;
  return { userId, contextKind, contextId, role, createdAt };
}

/** The signed-in person's memberships with their contexts' names (for the context switcher). */
export async function memberships(userId: string): Promise<Membership[]> {
  const items = await Scope.readOnly([userId], () =>
    queryAll<MembershipItem>({
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": userId, ":prefix": SK_PREFIX.membership },
    }),
  );
  const contextIds = items.filter((m) => m.contextKind !== "platform").map((m) => m.contextId);
  const names = await Scope.readOnly(contextIds, () => getDirectoryNames(contextIds));
  return items.map(({ contextKind, contextId, role, createdAt }) => ({
    userId,
    contextKind,
    contextId,
    role,
    createdAt,
    contextName: contextKind === "platform" ? "Maillage" : (names.get(contextId) ?? contextId),
  }));
}

/** Members of the actor's territory (leads only). */
export async function listTerritoryMembers(): Promise<(User & { role: Role })[]> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const items = await queryAll<MembershipItem>({
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)",
    ExpressionAttributeValues: { ":pk": territoryId, ":prefix": SK_PREFIX.member },
  });
  const userIds = items.map((m) => m.userId);
  const users = new Map(
    (await Scope.withReads(userIds, () => batchGet(userIds.map((id) => Keys.user(id))))).map((u) => [
      u.id as string,
      u as User,
    ]),
  );
  return items.flatMap((m) => {
    const user = users.get(m.userId);
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
    [...created.ops, ...grants.map((g) => membershipOp(created.user.id, g.contextKind, g.contextId, g.role))],
    grants.map((g) => ({
      contextId: g.contextId === "platform" ? PLATFORM : g.contextId,
      action: "membership.create",
      entity: created.user.id,
      before: null,
      after: { userId: created.user.id, role: g.role },
    })),
  );
  return created.user;
}
