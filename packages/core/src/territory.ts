import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  createId,
  type Territory as Info,
  TerritoryCreate,
  type TerritoryOverview,
  TerritoryProfileUpdate,
} from "@maillage/schema";
import * as Actor from "./actor";
import { db, Keys, queryAll, Scope, SK_PREFIX, tableName, write } from "./db";
import { batchGet } from "./db/batch";
import { getDirectoryNames } from "./directory";
import { MaillageError } from "./error";
import { fn } from "./fn";
import * as Communes from "./geo/communes";

export type { Info };

type Item = Info & { pk: string; sk: string; type: "territory" };

function toInfo(item: Record<string, unknown>): Info {
  const { pk: _pk, sk: _sk, type: _type, ...info } = item as Item;
  return info;
}

function assertKnownCommunes(codes: readonly string[]) {
  const unknown = Communes.unknownCodes(codes);
  if (unknown.length > 0) {
    throw new MaillageError("input.invalid", "Unknown INSEE commune code", {
      issues: unknown.map((code) => ({
        path: `communes.${codes.indexOf(code)}`,
        message: `Unknown INSEE commune code ${code} (not in the INSEE 2024 density grid)`,
      })),
    });
  }
}

async function load(territoryId: string, consistent = false): Promise<Info | undefined> {
  const result = await db().send(
    new GetCommand({ TableName: tableName(), Key: Keys.territory(territoryId), ConsistentRead: consistent }),
  );
  return result.Item ? toInfo(result.Item) : undefined;
}

/** The operator creates a territory (tenant): profile, directory entry and audit in one transaction. */
export const create = fn(TerritoryCreate, async (input): Promise<Info> => {
  Actor.assertOperator();
  assertKnownCommunes(input.communes);
  const now = new Date().toISOString();
  const id = createId("territory");
  const territory: Info = { id, ...input, version: 1, createdAt: now, updatedAt: now };
  const item = { ...Keys.territory(id), type: "territory", ...territory };
  await write(
    [
      { Put: { Item: item, ConditionExpression: "attribute_not_exists(pk)" } },
      {
        Put: {
          Item: {
            ...Keys.directory(id),
            type: "directory",
            kind: "territory",
            id,
            createdAt: now,
          },
        },
      },
    ],
    [{ contextId: id, action: "territory.create", entity: id, before: null, after: item }],
    now,
  );
  return territory;
});

/** The actor's own territory. */
export async function get(): Promise<Info> {
  const territoryId = Actor.territoryId();
  const territory = await load(territoryId);
  if (!territory) throw new MaillageError("territory.not_found", "Territory not found");
  return territory;
}

export async function overview(): Promise<TerritoryOverview> {
  const territoryId = Actor.territoryId();
  const [territory, members, attachments] = await Promise.all([
    get(),
    queryAll<{ role: string }>({
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)",
      ExpressionAttributeValues: { ":pk": territoryId, ":prefix": SK_PREFIX.member },
    }),
    queryAll<{ pk: string }>({
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk AND begins_with(gsi1sk, :prefix)",
      ExpressionAttributeValues: { ":pk": territoryId, ":prefix": SK_PREFIX.attachedTo },
    }),
  ]);
  const owners = attachments.map((a) => a.pk);
  const names = await Scope.withReads(owners, () => getDirectoryNames(owners));
  const named = (prefix: string) =>
    owners.filter((id) => id.startsWith(prefix)).map((id) => ({ id, name: names.get(id) ?? id }));
  return {
    territory,
    communes: territory.communes.map(Communes.describe),
    ...Communes.rurality(territory.communes),
    members: {
      territory_lead: members.filter((m) => m.role === "territory_lead").length,
      link_worker: members.filter((m) => m.role === "link_worker").length,
    },
    federations: named("fed_"),
    funders: named("fun_"),
  };
}

/**
 * A lead edits the profile. Optimistic concurrency: the write only succeeds if the stored version
 * is the one the lead started from; otherwise 409 with the current profile.
 */
export const update = fn(TerritoryProfileUpdate, async ({ version, ...profile }): Promise<Info> => {
  const territoryId = Actor.territoryId(["territory_lead"]);
  assertKnownCommunes(profile.communes);
  const before = await load(territoryId, true);
  if (!before) throw new MaillageError("territory.not_found", "Territory not found");
  const conflict = async () => {
    const current = await load(territoryId, true);
    return new MaillageError("territory.version_conflict", "The territory was changed by someone else", {
      current,
    });
  };
  if (before.version !== version) throw await conflict();
  const now = new Date().toISOString();
  const after: Info = { ...before, ...profile, version: version + 1, updatedAt: now };
  await write(
    [
      {
        Put: {
          Item: { ...Keys.territory(territoryId), type: "territory", ...after },
          ConditionExpression: "version = :version",
          ExpressionAttributeValues: { ":version": version },
        },
        onConditionFailed: conflict,
      },
    ],
    [{ contextId: territoryId, action: "territory.update", entity: territoryId, before, after }],
    now,
  );
  return after;
});

/** Profiles of several territories (federation and funder views read only these summaries). */
export async function summaries(territoryIds: readonly string[]): Promise<Info[]> {
  const items = await batchGet(territoryIds.map((id) => Keys.territory(id)));
  return items.map(toInfo).sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** Used by the operator to check a territory exists before attaching or inviting. */
export async function exists(territoryId: string): Promise<boolean> {
  Actor.assertOperator();
  return (await load(territoryId)) !== undefined;
}
