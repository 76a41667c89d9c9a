import {
  createId,
  type Federation,
  FederationCreate,
  type Funder,
  FunderCreate,
  TerritoryId,
  type TerritorySummary,
} from "@maillage/schema";
import type * as v from "valibot";
import * as Actor from "./actor";
import { all, SK_PREFIX, write } from "./db";
import {
  AttachmentEntity,
  DirectoryEntity,
  FederationEntity,
  FunderEntity,
  PublishedSummaryEntity,
  TerritoryEntity,
} from "./entities";
import { MaillageError } from "./error";
import { fn, parse } from "./fn";
import { publishOps, unpublishOps } from "./publish";

/**
 * Federations and funders are "reader" contexts: each owns attachments to territories and reads only
 * what those territories publish into its own partitions (never a territory's partition).
 */
type Kind = "federation" | "funder";

const entityOf = (kind: Kind) => (kind === "federation" ? FederationEntity : FunderEntity);
const notFound = (kind: Kind) =>
  new MaillageError(kind === "federation" ? "federation.not_found" : "funder.not_found", `${kind} not found`);

async function loadOwner(kind: Kind, id: string) {
  return kind === "federation" ? FederationEntity.get([id]) : FunderEntity.get([id]);
}

async function attachedTerritoryIds(ownerId: string): Promise<string[]> {
  const items = await all(AttachmentEntity, { partition: ownerId, prefix: SK_PREFIX.attachedTerritory });
  return items.map((item) => item.territoryId);
}

async function createOwner(kind: Kind, fields: Record<string, unknown>) {
  Actor.assertOperator();
  const now = new Date();
  const at = now.toISOString();
  const id = createId(kind);
  const stored = { id, ...fields, version: 1, createdAt: at };
  await write(
    [
      {
        Put: {
          Item: entityOf(kind).item([id], stored as never),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      { Put: { Item: DirectoryEntity.item([id], { kind, id, createdAt: at }) } },
    ],
    [
      {
        contextId: id,
        action: `${kind}.create`,
        entityType: kind,
        entity: id,
        entityLabel: String(fields.name ?? ""),
        changes: Object.entries(fields).map(([field, after]) => ({ field, before: null, after })),
      },
    ],
    now,
  );
  return { ...stored, territoryIds: [] as string[] };
}

/** Runs an attach or detach, retrying when a profile edit raced it (the profile's version moved). */
async function onTerritory(
  territoryId: string,
  change: (territory: v.InferOutput<typeof TerritoryEntity.schema>) => Promise<void>,
) {
  for (let attempt = 0; ; attempt++) {
    const territory = await TerritoryEntity.get([territoryId], { consistent: true });
    if (!territory) throw new MaillageError("territory.not_found", "Territory not found");
    try {
      return await change(territory);
    } catch (error) {
      if (!(error instanceof MaillageError && error.code === "territory.version_conflict") || attempt >= 4)
        throw error;
    }
  }
}

/**
 * Attaches a territory to a reader: the attachment (reader side), the reader's name on the territory
 * (for its overview), and the territory's summary published into the reader's partition — one
 * transaction, conditional on the profile version it published.
 */
async function attach(kind: Kind, ownerId: string, territoryId: string): Promise<void> {
  Actor.assertOperator();
  parse(TerritoryId, territoryId);
  const ownerItem = await loadOwner(kind, ownerId);
  if (!ownerItem) throw notFound(kind);
  await onTerritory(territoryId, async (territory) => {
    if (ownerId in territory.readers) {
      throw new MaillageError(
        "attachment.already_exists",
        `The territory is already attached to this ${kind}`,
      );
    }
    const now = new Date();
    const { readers: _r, readersRev: _rr, ...profile } = territory;
    await write(
      [
        {
          Update: {
            Key: TerritoryEntity.key(territoryId),
            UpdateExpression: "SET readers.#owner = :name, readersRev = readersRev + :one",
            ConditionExpression: "version = :version AND attribute_not_exists(readers.#owner)",
            ExpressionAttributeNames: { "#owner": ownerId },
            ExpressionAttributeValues: { ":name": ownerItem.name, ":one": 1, ":version": territory.version },
          },
          onConditionFailed: () => new MaillageError("territory.version_conflict", "Changed meanwhile"),
        },
        {
          Put: {
            Item: AttachmentEntity.item([ownerId, territoryId], {
              ownerId,
              territoryId,
              createdAt: now.toISOString(),
            }),
            ConditionExpression: "attribute_not_exists(pk)",
          },
          onConditionFailed: () =>
            new MaillageError(
              "attachment.already_exists",
              `The territory is already attached to this ${kind}`,
            ),
        },
        ...publishOps(profile, [ownerId], now.toISOString()),
      ],
      [
        {
          contextId: ownerId,
          action: `${kind}.attach`,
          entityType: "territory",
          entity: territoryId,
          entityLabel: territory.name,
          changes: [],
        },
        {
          contextId: territoryId,
          action: `${kind}.attach`,
          entityType: kind,
          entity: ownerId,
          entityLabel: ownerItem.name,
          changes: [],
        },
      ],
      now,
    );
  });
}

/** Detaches: the attachment, the name on the territory and everything published to this reader go. */
async function detach(kind: Kind, ownerId: string, territoryId: string): Promise<void> {
  Actor.assertOperator();
  parse(TerritoryId, territoryId);
  const ownerItem = await loadOwner(kind, ownerId);
  if (!ownerItem) throw notFound(kind);
  await onTerritory(territoryId, async (territory) => {
    if (!(ownerId in territory.readers)) {
      throw new MaillageError("attachment.not_found", `The territory is not attached to this ${kind}`);
    }
    const now = new Date();
    await write(
      [
        {
          Update: {
            Key: TerritoryEntity.key(territoryId),
            UpdateExpression: "REMOVE readers.#owner SET readersRev = readersRev + :one",
            ConditionExpression: "version = :version AND attribute_exists(readers.#owner)",
            ExpressionAttributeNames: { "#owner": ownerId },
            ExpressionAttributeValues: { ":one": 1, ":version": territory.version },
          },
          onConditionFailed: () => new MaillageError("territory.version_conflict", "Changed meanwhile"),
        },
        { Delete: { Key: AttachmentEntity.key(ownerId, territoryId) } },
        ...unpublishOps(territoryId, ownerId),
      ],
      [
        {
          contextId: ownerId,
          action: `${kind}.detach`,
          entityType: "territory",
          entity: territoryId,
          entityLabel: territory.name,
          changes: [],
        },
        {
          contextId: territoryId,
          action: `${kind}.detach`,
          entityType: kind,
          entity: ownerId,
          entityLabel: ownerItem.name,
          changes: [],
        },
      ],
      now,
    );
  });
}

/** The reader's own view: what its territories published to it, one index query. */
async function view(kind: Kind, ownerId: string) {
  const [owner, published] = await Promise.all([
    loadOwner(kind, ownerId),
    all(PublishedSummaryEntity, { index: "gsi1", partition: `${ownerId}#PUB` }),
  ]);
  if (!owner) throw notFound(kind);
  const territories: TerritorySummary[] = published
    .map(({ profileVersion: _v, publishedAt: _p, ...summary }) => summary)
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return { info: { ...owner, territoryIds: territories.map((t) => t.id) }, territories };
}

export const Federations = {
  create: fn(FederationCreate, (input) => createOwner("federation", input) as Promise<Federation>),
  attach: (federationId: string, territoryId: string) => attach("federation", federationId, territoryId),
  detach: (federationId: string, territoryId: string) => detach("federation", federationId, territoryId),
  /** The attached territories' ids (operator tooling and tests). */
  territoryIds: attachedTerritoryIds,
  /** The federation member's own view: attached territories side by side. */
  async get() {
    const { info, territories } = await view("federation", Actor.federationId());
    return { federation: info as Federation, territories };
  },
};

export const Funders = {
  create: fn(FunderCreate, (input) => createOwner("funder", input) as Promise<Funder>),
  attach: (funderId: string, territoryId: string) => attach("funder", funderId, territoryId),
  detach: (funderId: string, territoryId: string) => detach("funder", funderId, territoryId),
  territoryIds: attachedTerritoryIds,
  async get() {
    const { info, territories } = await view("funder", Actor.funderId());
    return { funder: info as Funder, territories };
  },
};
