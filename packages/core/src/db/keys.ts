/**
 * Key builders: the only place that spells keys. Every tenant-owned item and index key
 * starts with the tenant id (ter_…, fed_…, fun_…), so IAM dynamodb:LeadingKeys can enforce isolation.
 */
export const PLATFORM = "PLATFORM";

export const Keys = {
  territory: (territoryId: string) => ({ pk: territoryId, sk: "TERRITORY" }),
  federation: (federationId: string) => ({ pk: federationId, sk: "FEDERATION" }),
  funder: (funderId: string) => ({ pk: funderId, sk: "FUNDER" }),
  /** A federation or funder's attachment to a territory; gsi1 lists them from the territory side. */
  attachment: (ownerId: string, territoryId: string) => ({
    pk: ownerId,
    sk: `TER#${territoryId}`,
    gsi1pk: territoryId,
    gsi1sk: `ATTACHED#${ownerId}`,
  }),
  directory: (id: string) => ({ pk: PLATFORM, sk: `DIR#${id}` }),
  user: (userId: string) => ({ pk: userId, sk: "USER" }),
  /** Uniqueness guard and lookup for an email address (platform-level, not tenant-owned). */
  email: (email: string) => ({ pk: `EMAIL#${email}`, sk: "EMAIL" }),
  /** A membership: read by user (pk) and listed by context (gsi1, starting with the tenant id). */
  membership: (userId: string, contextId: string) => ({
    pk: userId,
    sk: `MEM#${contextId}`,
    gsi1pk: contextId,
    gsi1sk: `MEMBER#${userId}`,
  }),
  invitation: (territoryId: string, invitationId: string) => ({ pk: territoryId, sk: `INV#${invitationId}` }),
  /**
   * Pointer from an invited email to its pending invitation, read at the person's first sign-in
   * (Cognito mode). Keyed by a hash of the email: the key appears in IAM session policies, which
   * CloudTrail records, and must not carry the address itself.
   */
  invited: (emailHash: string, territoryId: string, invitationId: string) => ({
    pk: `INVITED#${emailHash}`,
    sk: `INV#${territoryId}#${invitationId}`,
  }),
  audit: (contextId: string, auditId: string) => ({ pk: contextId, sk: `AUDIT#${auditId}` }),
  seedMarker: (name: string) => ({ pk: PLATFORM, sk: `SEED#${name}` }),
};

export const SK_PREFIX = {
  audit: "AUDIT#",
  attachedTerritory: "TER#",
  attachedTo: "ATTACHED#",
  member: "MEMBER#",
  membership: "MEM#",
  directory: "DIR#",
} as const;
