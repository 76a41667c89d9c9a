import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  createId,
  type Federation,
  FederationCreate,
  type Funder,
  FunderCreate,
  type Territory,
  TerritoryId,
  type TerritorySummary,
} from "@maillage/schema";
import * as Actor from "./actor";
import { db, Keys, queryAll, Scope, SK_PREFIX, tableName, write } from "./db";
import { MaillageError } from "./error";
import { fn, parse } from "./fn";
import * as TerritoryModule from "./territory";

/**
 * Federations and funders are "network" contexts: each owns attachments to territories and
 * reads only territory summaries (never individual data).
 */
type Kind = "federation" | "funder";

const keyOf = (kind: Kind, id: string) => (kind === "federation" ? Keys.federation(id) : Keys.funder(id));
const notFound = (kind: Kind) =>
  new MaillageError(kind === "federation" ? "federation.not_found" : "funder.not_found", `${kind} not found`);

async function loadOwner(kind: Kind, id: string): Promise<Record<string, unknown> | undefined> {
  const result = await db().send(new GetCommand({ TableName: tableName(), Key: keyOf(kind, id) }));
  return result.Item;
}

async function attachedTerritoryIds(ownerId: string): Promise<string[]> {
  const items = await queryAll<{ sk: string }>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": ownerId, ":prefix": SK_PREFIX.attachedTerritory },
  });
  return items.map((item) => item.sk.slice(SK_PREFIX.attachedTerritory.length));
}

async function createOwner(kind: Kind, fields: Record<string, unknown>) {
  Actor.assertOperator();
  const now = new Date().toISOString();
  const id = createId(kind);
  const item = { ...keyOf(kind, id), type: kind, id, ...fields, version: 1, createdAt: now };
  await write(
    [
      { Put: { Item: item, ConditionExpression: "attribute_not_exists(pk)" } },
      {
        Put: {
          Item: { ...Keys.directory(id), type: "directory", kind, id, createdAt: now },
        },
      },
    ],
    [{ contextId: id, action: `${kind}.create`, entity: id, before: null, after: item }],
    now,
  );
  return { id, ...fields, territoryIds: [] as string[], version: 1, createdAt: now };
}

async function attach(kind: Kind, ownerId: string, territoryId: string): Promise<void> {
  Actor.assertOperator();
  parse(TerritoryId, territoryId);
  if (!(await loadOwner(kind, ownerId))) throw notFound(kind);
  const attachment = { ...Keys.attachment(ownerId, territoryId), type: "attachment", ownerId, territoryId };
  await write(
    [
      {
        ConditionCheck: {
          Key: Keys.territory(territoryId),
          ConditionExpression: "attribute_exists(pk)",
        },
        onConditionFailed: () => new MaillageError("territory.not_found", "Territory not found"),
      },
      {
        Put: { Item: attachment, ConditionExpression: "attribute_not_exists(pk)" },
        onConditionFailed: () =>
          new MaillageError("attachment.already_exists", `The territory is already attached to this ${kind}`),
      },
    ],
    [{ contextId: ownerId, action: `${kind}.attach`, entity: territoryId, before: null, after: attachment }],
  );
}

async function view(kind: Kind, ownerId: string) {
  const owner = await loadOwner(kind, ownerId);
  if (!owner) throw notFound(kind);
  const { pk: _pk, sk: _sk, type: _type, ...info } = owner;
  const territoryIds = await attachedTerritoryIds(ownerId);
  const territories = await Scope.withReads(territoryIds, () => TerritoryModule.summaries(territoryIds));
  return { info: { ...info, territoryIds }, territories: territories.map(summary) };
}

/** What a network context may see of a territory: its public profile, no member or journey data. */
function summary(t: Territory): TerritorySummary {
  return {
    id: t.id,
    name: t.name,
    carrierType: t.carrierType,
    programme: t.programme,
    population: t.population,
    communeCount: t.communes.length,
    startDate: t.startDate,
    endDate: t.endDate,
  };
}

export const Federations = {
  create: fn(FederationCreate, (input) => createOwner("federation", input) as Promise<Federation>),
  attach: (federationId: string, territoryId: string) => attach("federation", federationId, territoryId),
  /** The federation member's own view: attached territories side by side. */
  async get() {
    const { info, territories } = await view("federation", Actor.federationId());
    return { federation: info as Federation, territories };
  },
};

export const Funders = {
  create: fn(FunderCreate, (input) => createOwner("funder", input) as Promise<Funder>),
  attach: (funderId: string, territoryId: string) => attach("funder", funderId, territoryId),
  async get() {
    const { info, territories } = await view("funder", Actor.funderId());
    return { funder: info as Funder, territories };
  },
};
