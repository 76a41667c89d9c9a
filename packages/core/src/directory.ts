import type { DirectoryEntry } from "@maillage/schema";
import * as Actor from "./actor";
import { Keys, PLATFORM, queryAll, SK_PREFIX } from "./db";
import { batchGet } from "./db/batch";

/**
 * The operator's directory lists ids only; names are read from each context's own item, so a
 * tenant's transactions never write outside its partition (IAM LeadingKeys can hold them to it).
 */
export async function list(): Promise<DirectoryEntry[]> {
  Actor.assertOperator();
  const items = await queryAll<Omit<DirectoryEntry, "name">>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": PLATFORM, ":prefix": SK_PREFIX.directory },
  });
  const names = await getDirectoryNames(items.map((item) => item.id));
  return items.map(({ kind, id, createdAt }) => ({ kind, id, name: names.get(id) ?? id, createdAt }));
}

function keyOf(id: string) {
  if (id.startsWith("ter_")) return Keys.territory(id);
  if (id.startsWith("fed_")) return Keys.federation(id);
  if (id.startsWith("fun_")) return Keys.funder(id);
  return undefined;
}

/** Display names of territories, federations and funders, for memberships and attachments. */
export async function getDirectoryNames(ids: readonly string[]): Promise<Map<string, string>> {
  const keys = [...new Set(ids)].flatMap((id) => {
    const key = keyOf(id);
    return key ? [key] : [];
  });
  const items = await batchGet(keys);
  return new Map(items.map((item) => [item.id as string, item.name as string]));
}
