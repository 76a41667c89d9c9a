import { createId } from "@maillage/schema";
import { Keys } from "./keys";
import type { Change } from "./write";

/**
 * The stored audit entry. Entries live in month buckets of their tenant (`ter_X#AUDIT#2026-12`),
 * never in the tenant's root partition; the monotonic id keeps same-millisecond entries in order.
 */
export function auditItem(change: Change, userId: string, userName: string | null, now: Date) {
  const id = createId("audit");
  const at = now.toISOString();
  return {
    ...Keys.audit(change.contextId, at, id),
    gsi1pk: Keys.auditOfEntity(change.contextId, change.entity),
    gsi1sk: id,
    type: "audit",
    id,
    at,
    userId,
    userName,
    action: change.action,
    entityType: change.entityType,
    entity: change.entity,
    entityLabel: change.entityLabel ?? null,
    changes: change.changes,
    summary: change.summary ?? null,
  };
}
