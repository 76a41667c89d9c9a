import type { AuditEntry } from "@maillage/schema";
import * as Actor from "./actor";
import { Keys, queryAll, SK_PREFIX } from "./db";

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
  return items.map(({ id, at, userId, action, entity, before, after }) => ({
    id,
    at,
    userId,
    action,
    entity,
    before,
    after,
  }));
}
