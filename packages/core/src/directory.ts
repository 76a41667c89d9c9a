import type { DirectoryEntry } from "@maillage/schema";
import * as Actor from "./actor";
import { Keys, PLATFORM, queryAll, SK_PREFIX } from "./db";
import { batchGet } from "./db/batch";

/** The operator's list of every territory, federation and funder. */
export async function list(): Promise<DirectoryEntry[]> {
  Actor.assertOperator();
  const items = await queryAll<DirectoryEntry>({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": PLATFORM, ":prefix": SK_PREFIX.directory },
  });
  return items.map(({ kind, id, name, createdAt }) => ({ kind, id, name, createdAt }));
}

/** Display names of contexts, for memberships and attachments. */
export async function getDirectoryNames(ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const items = await batchGet(unique.map((id) => Keys.directory(id)));
  return new Map(items.map((item) => [item.id as string, item.name as string]));
}
