import type { DirectoryEntry } from "@maillage/schema";
import * as Actor from "./actor";
import { all, PLATFORM, SK_PREFIX } from "./db";
import { batchGet } from "./db/batch";
import { DirectoryEntity, FederationEntity, FunderEntity, TerritoryEntity } from "./entities";

/**
 * The operator's directory lists ids only; names are read from each context's own item, so a
 * tenant's transactions never write outside its partition (IAM LeadingKeys can hold them to it).
 */
export async function list(): Promise<DirectoryEntry[]> {
  Actor.assertOperator();
  const items = await all(DirectoryEntity, { partition: PLATFORM, prefix: SK_PREFIX.directory });
  const names = await getDirectoryNames(items.map((item) => item.id));
  return items.map(({ kind, id, createdAt }) => ({ kind, id, name: names.get(id) ?? id, createdAt }));
}

const entityOf = (id: string) =>
  id.startsWith("ter_")
    ? TerritoryEntity
    : id.startsWith("fed_")
      ? FederationEntity
      : id.startsWith("fun_")
        ? FunderEntity
        : undefined;

/** Display names of territories, federations and funders, for memberships and attachments. */
export async function getDirectoryNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)].filter((id) => entityOf(id));
  const items = await batchGet(unique.map((id) => (entityOf(id) as typeof TerritoryEntity).key(id)));
  const names = new Map<string, string>();
  for (const raw of items) {
    const of = entityOf(String(raw.id));
    if (of && raw.type === of.type) names.set(String(raw.id), (of.parse(raw) as { name: string }).name);
  }
  return names;
}
