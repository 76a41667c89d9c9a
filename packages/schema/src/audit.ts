import * as v from "valibot";

export const AuditEntry = v.object({
  id: v.string(),
  at: v.string(),
  userId: v.string(),
  /** The person's display name when the actor is a person (null for system actions). */
  userName: v.nullable(v.string()),
  action: v.string(),
  entity: v.string(),
  before: v.nullable(v.record(v.string(), v.unknown())),
  after: v.nullable(v.record(v.string(), v.unknown())),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;
