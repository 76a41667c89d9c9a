import { BatchGetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "./client";

type Key = { pk: string; sk: string };

/** BatchGetItem in chunks of 100, retrying unprocessed keys. */
export async function batchGet(keys: readonly Key[]): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  const TableName = tableName();
  for (let i = 0; i < keys.length; i += 100) {
    let pending: Key[] | undefined = keys.slice(i, i + 100).map(({ pk, sk }) => ({ pk, sk }));
    for (let attempt = 0; pending && pending.length > 0; attempt++) {
      if (attempt > 0) await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      const result = await db().send(
        new BatchGetCommand({ RequestItems: { [TableName]: { Keys: pending } } }),
      );
      items.push(...(result.Responses?.[TableName] ?? []));
      pending = result.UnprocessedKeys?.[TableName]?.Keys as Key[] | undefined;
      if (attempt > 8 && pending?.length) throw new Error("BatchGet: unprocessed keys after retries");
    }
  }
  return items;
}
