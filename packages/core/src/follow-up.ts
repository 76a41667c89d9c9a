import type {
  InvitationSummary,
  OperatorReaderView,
  OperatorTerritoryView,
  Page,
  PageQuery,
} from "@maillage/schema";
import * as Actor from "./actor";
import { all, page, SK_PREFIX } from "./db";
import { getDirectoryNames } from "./directory";
import {
  AttachmentEntity,
  FederationEntity,
  FunderEntity,
  InvitationEntity,
  TerritoryEntity,
} from "./entities";
import { MaillageError } from "./error";

/**
 * What the operator follows up after creating: a territory's readers and invitations, a reader's
 * territories. Platform scope (operator only); ids come from the path, checked by the route.
 */
export async function territory(territoryId: string): Promise<OperatorTerritoryView> {
  Actor.assertOperator();
  const stored = await TerritoryEntity.get([territoryId]);
  if (!stored) throw new MaillageError("territory.not_found", "Territory not found");
  const { id, name, carrierName, programme, startDate, endDate, createdAt } = stored;
  return {
    territory: { id, name, carrierName, programme, startDate, endDate, createdAt },
    readers: Object.entries(stored.readers)
      .map(([readerId, readerName]) => ({
        id: readerId,
        kind: readerId.startsWith("fed_") ? ("federation" as const) : ("funder" as const),
        name: readerName,
      }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}

/** A territory's invitations, newest first (the lead's own, or any territory's for the operator). */
export async function invitations(
  territoryId: string,
  query: PageQuery,
  now = new Date(),
): Promise<Page<InvitationSummary>> {
  const actor = Actor.use();
  const operator = actor.type === "user" && actor.contextKind === "platform";
  const tenant = operator ? territoryId : Actor.territoryId(["territory_lead"]);
  const result = await page(InvitationEntity, {
    index: "gsi1",
    partition: `${tenant}#INVITATIONS`,
    descending: true,
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
  return {
    next: result.next,
    items: result.items.map((i) => ({
      id: i.id,
      email: i.email,
      displayName: i.displayName,
      role: i.role,
      status: i.status,
      expired: i.status === "pending" && i.expiresAt < now.toISOString(),
      expiresAt: i.expiresAt,
      createdAt: i.createdAt,
      deliveredAt: i.deliveredAt ?? null,
    })),
  };
}

export async function reader(kind: "federation" | "funder", readerId: string): Promise<OperatorReaderView> {
  Actor.assertOperator();
  const owner =
    kind === "federation" ? await FederationEntity.get([readerId]) : await FunderEntity.get([readerId]);
  if (!owner) {
    throw new MaillageError(kind === "federation" ? "federation.not_found" : "funder.not_found", "Not found");
  }
  const attachments = await all(AttachmentEntity, {
    partition: readerId,
    prefix: SK_PREFIX.attachedTerritory,
  });
  const names = await getDirectoryNames(attachments.map((a) => a.territoryId));
  return {
    id: owner.id,
    kind,
    name: owner.name,
    createdAt: owner.createdAt,
    territories: attachments
      .map((a) => ({ id: a.territoryId, name: names.get(a.territoryId) ?? a.territoryId }))
      .sort((a, b) => a.name.localeCompare(b.name, "fr")),
  };
}
