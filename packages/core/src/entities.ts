import {
  AuditEntry,
  ContextKind,
  Federation,
  Funder,
  Role,
  Territory,
  TerritoryRole,
  TerritorySummary,
} from "@maillage/schema";
import * as v from "valibot";
import { entity } from "./db/entity";
import { Keys } from "./db/keys";

/**
 * Every stored entity, with its keys and the schema its attributes satisfy. Modules read and write
 * through these definitions; keys are spelled only in db/keys.ts.
 */

/**
 * The territory profile, plus who reads what it publishes: `readers` (federation and funder ids with
 * their names, for the overview) and `readersRev`, bumped on every attach and detach so that a profile
 * edit racing an attachment fails its condition instead of missing the new reader.
 */
export const TerritoryEntity = entity({
  type: "territory",
  schema: v.object({
    ...Territory.entries,
    readers: v.optional(v.record(v.string(), v.string()), {}),
    readersRev: v.optional(v.number(), 0),
    /**
     * Members by role, kept by every membership change (in its transaction), so the overview needs no
     * query. `membersCounted` is set at creation: items older than the counts are counted from the
     * index instead. Membership changes bump `readersRev` too: a profile edit racing one retries
     * instead of overwriting the counts.
     */
    membersCounted: v.optional(v.boolean(), false),
    territoryLeadCount: v.optional(v.number(), 0),
    linkWorkerCount: v.optional(v.number(), 0),
  }),
  key: Keys.territory,
});

const owner = v.object({ id: v.string(), version: v.number(), createdAt: v.string() });

export const FederationEntity = entity({
  type: "federation",
  schema: v.object({
    ...owner.entries,
    name: Federation.entries.name,
    description: Federation.entries.description,
  }),
  key: Keys.federation,
});

export const FunderEntity = entity({
  type: "funder",
  schema: v.object({ ...owner.entries, name: Funder.entries.name, funderType: Funder.entries.funderType }),
  key: Keys.funder,
});

export const AttachmentEntity = entity({
  type: "attachment",
  schema: v.object({ ownerId: v.string(), territoryId: v.string(), createdAt: v.optional(v.string(), "") }),
  key: Keys.attachment,
});

/** A territory's public summary, published into a reader's partition. */
export const PublishedSummaryEntity = entity({
  type: "published_summary",
  schema: v.object({ ...TerritorySummary.entries, profileVersion: v.number(), publishedAt: v.string() }),
  key: (readerId: string, territoryId: string) => Keys.published(readerId, territoryId, "SUMMARY"),
});

export const DirectoryEntity = entity({
  type: "directory",
  schema: v.object({
    kind: v.picklist(["territory", "federation", "funder"]),
    id: v.string(),
    createdAt: v.string(),
  }),
  key: Keys.directory,
});

export const UserEntity = entity({
  type: "user",
  schema: v.object({ id: v.string(), email: v.string(), displayName: v.string() }),
  key: Keys.user,
});

export const EmailGuardEntity = entity({
  type: "email",
  schema: v.object({ userId: v.string() }),
  key: Keys.email,
});

/** A membership; the person's display name is copied in so lists and audit entries need no extra read. */
export const MembershipEntity = entity({
  type: "membership",
  schema: v.object({
    userId: v.string(),
    contextKind: ContextKind,
    contextId: v.string(),
    role: Role,
    createdAt: v.string(),
    displayName: v.optional(v.nullable(v.string()), null),
  }),
  key: Keys.membership,
});

export const invitationStatuses = ["pending", "accepted", "revoked"] as const;

export const InvitationEntity = entity({
  type: "invitation",
  schema: v.object({
    id: v.string(),
    territoryId: v.string(),
    email: v.string(),
    displayName: v.string(),
    role: TerritoryRole,
    status: v.picklist(invitationStatuses),
    expiresAt: v.string(),
    invitedBy: v.string(),
    createdAt: v.optional(v.string(), ""),
    acceptedBy: v.optional(v.string()),
    /** The job that delivers it (Cognito account, e-mail), run after the invitation commits. */
    deliveryJobId: v.optional(v.string()),
    deliveredAt: v.optional(v.string()),
    deliveredVia: v.optional(v.string()),
  }),
  key: Keys.invitation,
});

export const InvitedPointerEntity = entity({
  type: "invited",
  schema: v.object({ territoryId: v.string(), invitationId: v.string(), expiresAt: v.string() }),
  key: Keys.invited,
});

export const AuditEntity = entity({
  type: "audit",
  schema: AuditEntry,
  key: Keys.audit,
});
