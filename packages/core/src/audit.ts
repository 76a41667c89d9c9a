import type { AuditEntry } from "@maillage/schema";
import * as Actor from "./actor";
import { Keys, queryAll, Scope, SK_PREFIX } from "./db";
import { batchGet } from "./db/batch";

/** The territory's audit trail, newest first (leads only). */
export async function list(limit = 100): Promise<AuditEntry[]> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const items = await queryAll<AuditEntry & { pk: string }>(
    {
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": Keys.territory(territoryId).pk, ":prefix": SK_PREFIX.audit },
      ScanIndexForward: false,
      Limit: limit,
    },
    limit,
  );
  // Who acted, by name: people are outside the tenant's partition, read-only and only these ids.
  const userIds = [...new Set(items.map((item) => item.userId).filter((id) => id.startsWith("usr_")))];
  const people = await Scope.withReads(userIds, () => batchGet(userIds.map((id) => Keys.user(id))));
  const names = new Map(people.map((person) => [person.id as string, person.displayName as string]));
  return items.map(({ id, at, userId, action, entity, before, after }) => ({
    id,
    at,
    userId,
    userName: names.get(userId) ?? null,
    action,
    entity,
    before,
    after,
  }));
}
