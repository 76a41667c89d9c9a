import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "./client";

/** A Query that follows pagination until the end or `maxItems` items. */
export async function queryAll<T = Record<string, unknown>>(
  input: Omit<QueryCommandInput, "TableName" | "ExclusiveStartKey">,
  maxItems = Number.POSITIVE_INFINITY,
): Promise<T[]> {
  const items: T[] = [];
  let ExclusiveStartKey: QueryCommandInput["ExclusiveStartKey"];
  do {
    const page = await db().send(new QueryCommand({ ...input, TableName: tableName(), ExclusiveStartKey }));
    items.push(...((page.Items ?? []) as T[]));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && items.length < maxItems);
  return items.slice(0, maxItems);
}
