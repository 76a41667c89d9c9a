/**
 * Key builders: the only place that spells keys. Every tenant-owned item and index key
 * starts with the tenant id (ter_…, fed_…, fun_…), so IAM dynamodb:LeadingKeys can enforce isolation.
 * No key holds personal data: e-mail addresses appear only as SHA-256 hashes (keys reach CloudTrail).
 */
export const PLATFORM = "PLATFORM";

/** The verification date of a resource never verified (sorts before every date: stale). */
export const NEVER_VERIFIED = "0000-00-00";

/** The month bucket of an ISO timestamp ("2026-12"). */
export const monthOf = (isoDate: string) => isoDate.slice(0, 7);

export const Keys = {
  territory: (territoryId: string) => ({ pk: territoryId, sk: "TERRITORY" }),
  federation: (federationId: string) => ({ pk: federationId, sk: "FEDERATION" }),
  funder: (funderId: string) => ({ pk: funderId, sk: "FUNDER" }),
  /** A federation or funder's attachment to a territory (written by the operator, in the reader's partition). */
  attachment: (ownerId: string, territoryId: string) => ({
    pk: ownerId,
    sk: `TER#${territoryId}`,
    gsi1pk: territoryId,
    gsi1sk: `ATTACHED#${ownerId}`,
  }),
  /**
   * What a territory publishes to one reader (federation or funder): its own partition inside the
   * reader's (`fed_F#PUB#ter_X`), written by the territory side with an exact-key grant, listed by the
   * reader through gsi1 (`fed_F#PUB`), so a reader's credentials never reach a `ter_…` key.
   */
  published: (readerId: string, territoryId: string, item: string) => ({
    pk: `${readerId}#PUB#${territoryId}`,
    sk: item,
    gsi1pk: `${readerId}#PUB`,
    gsi1sk: `${territoryId}#${item}`,
  }),
  publishedPartition: (readerId: string, territoryId: string) => `${readerId}#PUB#${territoryId}`,
  directory: (id: string) => ({ pk: PLATFORM, sk: `DIR#${id}` }),
  user: (userId: string) => ({ pk: userId, sk: "USER" }),
  /** Uniqueness guard and lookup for an email address, keyed by its hash (platform-level). */
  email: (emailHash: string) => ({ pk: `EMAIL#${emailHash}`, sk: "EMAIL" }),
  /**
   * A Cognito identity bound to its person at the first verified sign-in, keyed by sha256(issuer, sub)
   * (a `sub` is opaque, but hashing keeps the pool out of the keys).
   */
  subject: (subjectHash: string) => ({ pk: `SUB#${subjectHash}`, sk: "SUB" }),
  /** The person's side of that binding, one per pool (sha256 of the issuer): a second `sub` is refused. */
  boundSubject: (userId: string, issuerHash: string) => ({ pk: userId, sk: `SUB#${issuerHash}` }),
  /** A signed-in session, in its person's partition (read with the membership in one BatchGetItem). */
  session: (userId: string, sessionId: string) => ({ pk: userId, sk: `SESSION#${sessionId}` }),
  /** A membership: read by user (pk) and listed by context (gsi1, starting with the tenant id). */
  membership: (userId: string, contextId: string) => ({
    pk: userId,
    sk: `MEM#${contextId}`,
    gsi1pk: contextId,
    gsi1sk: `MEMBER#${userId}`,
  }),
  invitation: (territoryId: string, invitationId: string) => ({
    pk: territoryId,
    sk: `INV#${invitationId}`,
    gsi1pk: `${territoryId}#INVITATIONS`,
    gsi1sk: invitationId,
  }),
  /** Pointer from (a hash of) an invited email to its pending invitation, read at first sign-in. */
  invited: (emailHash: string, territoryId: string, invitationId: string) => ({
    pk: `INVITED#${emailHash}`,
    sk: `INV#${territoryId}#${invitationId}`,
  }),
  /** Audit entries: month buckets of the tenant, never its root partition. */
  audit: (contextId: string, at: string, auditId: string) => ({
    pk: `${contextId}#AUDIT#${monthOf(at)}`,
    sk: auditId,
  }),
  auditBucket: (contextId: string, month: string) => `${contextId}#AUDIT#${month}`,
  /** One record's history (its audit entries, newest first): gsi1 of the audit entries. */
  auditOfEntity: (contextId: string, entity: string) => `${contextId}#HISTORY#${entity}`,
  /** A background job of a tenant (kind, status, progress, result). */
  job: (tenantId: string, jobId: string) => ({
    pk: `${tenantId}#JOB#${jobId}`,
    sk: "JOB",
    gsi1pk: `${tenantId}#JOBS`,
    gsi1sk: jobId,
  }),
  /** A batch run's header and its staged rows (invisible until the run is switched on). */
  run: (tenantId: string, runId: string) => ({ pk: `${tenantId}#RUN#${runId}`, sk: "RUN" }),
  runRow: (tenantId: string, runId: string, rowKey: string) => ({
    pk: `${tenantId}#RUN#${runId}`,
    sk: `ROW#${rowKey}`,
  }),
  runPartition: (tenantId: string, runId: string) => `${tenantId}#RUN#${runId}`,
  /** The tenant's batch runs not yet switched on: their staged rows stay invisible to readers. */
  batchState: (tenantId: string) => ({ pk: tenantId, sk: "BATCH" }),
  seedMarker: (name: string) => ({ pk: PLATFORM, sk: `SEED#${name}` }),
  /** The territory's pathway (steps, continuity model, integrated track): one item. */
  pathway: (territoryId: string) => ({ pk: territoryId, sk: "PATHWAY" }),
  /** The territory's referral routes and target groups: one item. */
  referralSettings: (territoryId: string) => ({ pk: territoryId, sk: "REFERRALS" }),
  /** The territory's denominators (population by sex and age band, QPV population, source): one item. */
  denominators: (territoryId: string) => ({ pk: territoryId, sk: "DENOMINATORS" }),
  /** A partner scheme of the territory, listed by prefix (`SCHEME#`). */
  partnerScheme: (territoryId: string, schemeId: string) => ({ pk: territoryId, sk: `SCHEME#${schemeId}` }),
  /** A link worker of a territory (listed by Query on the partition, in id order). */
  linkWorker: (territoryId: string, linkWorkerId: string) => ({ pk: `${territoryId}#LW`, sk: linkWorkerId }),
  linkWorkers: (territoryId: string) => `${territoryId}#LW`,
  /**
   * Reference guards: one item per reference (upper-cased: unique case-insensitively) in one partition
   * per territory and kind, written in the same transaction as the record; the partition, read in one
   * Query, maps every reference of a spreadsheet to its record (imports).
   */
  linkWorkerRef: (territoryId: string, reference: string) => ({
    pk: `${territoryId}#LWREF`,
    sk: reference.toUpperCase(),
  }),
  linkWorkerRefs: (territoryId: string) => `${territoryId}#LWREF`,
  /**
   * A resource of the catalogue: gsi1 by pillar (`<category>#<id>`: a pillar, or a category by
   * prefix), gsi2 by last verification (`<date>#<id>`, never verified as 0000-00-00: stale resources are
   * the key condition `gsi2sk < cutoff`). The index keys need the attributes; a key for a read does not.
   */
  resource: (
    territoryId: string,
    resourceId: string,
    index?: { pillar: string; category: string; lastVerified: string | null },
  ) => ({
    pk: `${territoryId}#RES`,
    sk: resourceId,
    ...(index
      ? {
          gsi1pk: `${territoryId}#RES#${index.pillar}`,
          gsi1sk: `${index.category}#${resourceId}`,
          gsi2pk: `${territoryId}#RESVERIFIED`,
          gsi2sk: `${index.lastVerified ?? NEVER_VERIFIED}#${resourceId}`,
        }
      : {}),
  }),
  resources: (territoryId: string) => `${territoryId}#RES`,
  resourcesByPillar: (territoryId: string, pillar: string) => `${territoryId}#RES#${pillar}`,
  resourcesByVerification: (territoryId: string) => `${territoryId}#RESVERIFIED`,
  resourceRef: (territoryId: string, reference: string) => ({
    pk: `${territoryId}#RESREF`,
    sk: reference.toUpperCase(),
  }),
  resourceRefs: (territoryId: string) => `${territoryId}#RESREF`,
  /**
   * A journey: its header (what lists and rollups read: person, status, milestones) and its detail
   * (events and measures) in one partition of its own, read together in one Query. The header is listed
   * through gsi1 (the territory's journeys, newest referral first) and gsi2 (one link worker's
   * caseload, `none` when unassigned); the detail has no index keys.
   */
  journey: (
    territoryId: string,
    journeyId: string,
    index?: { referral: string; linkWorkerId: string | null },
  ) => ({
    pk: `${territoryId}#JRN#${journeyId}`,
    sk: "JOURNEY",
    ...(index
      ? {
          gsi1pk: `${territoryId}#JOURNEYS`,
          gsi1sk: `${index.referral}#${journeyId}`,
          gsi2pk: `${territoryId}#CASELOAD#${index.linkWorkerId ?? "none"}`,
          gsi2sk: `${index.referral}#${journeyId}`,
        }
      : {}),
  }),
  journeyDetail: (territoryId: string, journeyId: string) => ({
    pk: `${territoryId}#JRN#${journeyId}`,
    sk: "DETAIL",
  }),
  journeyPartition: (territoryId: string, journeyId: string) => `${territoryId}#JRN#${journeyId}`,
  journeys: (territoryId: string) => `${territoryId}#JOURNEYS`,
  caseload: (territoryId: string, linkWorkerId: string | null) =>
    `${territoryId}#CASELOAD#${linkWorkerId ?? "none"}`,
  /** Journey codes drawn in the territory (uniqueness guards), and the pilots' own references. */
  journeyCode: (territoryId: string, code: string) => ({ pk: `${territoryId}#JCODE`, sk: code }),
  journeyRef: (territoryId: string, reference: string) => ({
    pk: `${territoryId}#JREF`,
    sk: reference.toUpperCase(),
  }),
  journeyRefs: (territoryId: string) => `${territoryId}#JREF`,
  /**
   * The territory's indicator settings (catalogue overrides, its own indicators, economic figures),
   * its period locks and the state of its rollups: one item, read by every journey write.
   */
  indicatorSettings: (territoryId: string) => ({ pk: territoryId, sk: "INDICATORS" }),
  /**
   * Rollups: what the journeys of one month add to one indicator, overall and by group (additive
   * cells, `@maillage/indicators`). Their own partition holds no individual data, so a reader that may
   * see aggregates only (a federation, a funder) can be given it alone.
   */
  rollup: (territoryId: string, month: string, code: string) => ({
    pk: `${territoryId}#AGG`,
    sk: `${month}#${code}`,
  }),
  rollups: (territoryId: string) => `${territoryId}#AGG`,
  /** Manual values (`VAL#<period>#<code>`) and locked periods' snapshots (`SNAP#<period>`): aggregates too. */
  indicatorValue: (territoryId: string, period: string, code: string) => ({
    pk: `${territoryId}#IND`,
    sk: `VAL#${period}#${code}`,
  }),
  periodSnapshot: (territoryId: string, period: string) => ({
    pk: `${territoryId}#IND`,
    sk: `SNAP#${period}`,
  }),
  /** A period's figures as last computed, with the fingerprint of everything they were computed from. */
  periodCache: (territoryId: string, period: string) => ({
    pk: `${territoryId}#IND`,
    sk: `CACHE#${period}`,
  }),
  indicatorRecords: (territoryId: string) => `${territoryId}#IND`,
  /** Who sees which journeys, and the territory's own measures: one item. */
  journeySettings: (territoryId: string) => ({ pk: territoryId, sk: "JOURNEY_SETTINGS" }),
  /** Counters of generated references ("AL-001", "RES-0001"), one per kind, in the territory's partition. */
  referenceCounter: (territoryId: string, kind: string) => ({ pk: territoryId, sk: `SEQ#${kind}` }),
};

export const SK_PREFIX = {
  attachedTerritory: "TER#",
  attachedTo: "ATTACHED#",
  member: "MEMBER#",
  membership: "MEM#",
  directory: "DIR#",
  runRow: "ROW#",
  partnerScheme: "SCHEME#",
} as const;
