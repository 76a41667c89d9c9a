import * as v from "valibot";
import { PageQuery } from "./page";

/** One field that an audited write changed, with its coded values before and after. */
export const AuditChange = v.object({
  field: v.string(),
  before: v.unknown(),
  after: v.unknown(),
});
export type AuditChange = v.InferOutput<typeof AuditChange>;

/**
 * One entry of a tenant's audit trail. Each entity declares which of its fields the trail records
 * (never ids, versions or timestamps; for journeys, coded values only), so an entry lists only the
 * fields that actually changed.
 */
export const AuditEntry = v.object({
  id: v.string(),
  at: v.string(),
  userId: v.string(),
  /** The person's display name when the actor is a person (null for system actions). */
  userName: v.nullable(v.string()),
  action: v.string(),
  /** Kind of the record acted on (territory, invitation, membership, batch…). */
  entityType: v.string(),
  entity: v.string(),
  /** A human label for the record (territory name, invited role…) when it has one. */
  entityLabel: v.nullable(v.string()),
  changes: v.array(AuditChange),
  /** Batch runs: one entry summarising the run (file hash, counts). */
  summary: v.nullable(v.record(v.string(), v.union([v.string(), v.number()]))),
});
export type AuditEntry = v.InferOutput<typeof AuditEntry>;

/** The audit list's query: a page, optionally one record's history (its id). */
export const AuditQuery = v.object({
  ...PageQuery.entries,
  entity: v.optional(v.pipe(v.string(), v.maxLength(64), v.regex(/^[A-Za-z0-9_.:-]+$/, "Invalid record id"))),
});
export type AuditQuery = v.InferOutput<typeof AuditQuery>;
