import { GetCommand, QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { message, type Page } from "@maillage/schema";
import * as v from "valibot";
import { MaillageError } from "../error";
import { batchGet } from "./batch";
import { db, tableName } from "./client";

export type ItemKey = { pk: string; sk: string };
type IndexKeys = { gsi1pk?: string; gsi1sk?: string; gsi2pk?: string; gsi2sk?: string };

/**
 * One definition per entity: its type tag, the key builder (from keys.ts), and the schema its stored
 * attributes must satisfy. Reads go through `parse`, so no module casts a raw item or slices ids out of
 * sort keys; keys and the type tag are stripped by the object schema.
 */
export function entity<S extends v.ObjectSchema<v.ObjectEntries, undefined>, A extends unknown[]>(def: {
  type: string;
  schema: S;
  key: (...args: A) => ItemKey & IndexKeys;
}) {
  type Info = v.InferOutput<S>;
  const parse = (raw: Record<string, unknown>): Info => {
    const result = v.safeParse(def.schema, raw);
    if (!result.success) {
      const paths = result.issues.map((issue) => v.getDotPath(issue) ?? "").join(", ");
      throw new Error(`Stored ${def.type} item does not match its schema at: ${paths}`);
    }
    return result.output;
  };
  const key = (...args: A): ItemKey => {
    const { pk, sk } = def.key(...args);
    return { pk, sk };
  };
  return {
    type: def.type,
    schema: def.schema,
    key,
    /** The full item to store: keys, index keys, type tag, attributes (checked against the schema). */
    item: (args: A, attributes: v.InferInput<S>): ItemKey & IndexKeys & { type: string } & Info =>
      ({
        ...def.key(...args),
        type: def.type,
        ...(parse(attributes as Record<string, unknown>) as object),
      }) as ItemKey & IndexKeys & { type: string } & Info,
    parse,
    async get(args: A, options: { consistent?: boolean } = {}): Promise<Info | undefined> {
      const result = await db().send(
        new GetCommand({
          TableName: tableName(),
          Key: key(...args),
          ...(options.consistent ? { ConsistentRead: true } : {}),
        }),
      );
      return result.Item ? parse(result.Item) : undefined;
    },
    async getMany(argsList: readonly A[]): Promise<Info[]> {
      const items = await batchGet(argsList.map((args) => key(...args)));
      return items.filter((item) => item.type === def.type).map(parse);
    },
  };
}

export type Entity<Info> = { type: string; parse: (raw: Record<string, unknown>) => Info };

export interface PageRequest {
  /** Partition (or index partition) to read. */
  partition: string;
  index?: "gsi1" | "gsi2";
  /** Sort-key prefix (begins_with). */
  prefix?: string;
  limit?: number;
  cursor?: string | undefined;
  descending?: boolean;
  consistent?: boolean;
}

const encodeCursor = (key: Record<string, unknown>) =>
  Buffer.from(JSON.stringify(key), "utf8").toString("base64url");

const invalidCursor = () =>
  new MaillageError("input.invalid", "Invalid cursor", {
    issues: [{ path: "cursor", message: message("cursor.invalid") }],
  });

/**
 * The cursor is the opaque LastEvaluatedKey; on the way back it must name the partition being read
 * (a cursor cannot move a query to another partition, let alone another tenant).
 */
function decodeCursor(cursor: string, request: PageRequest): Record<string, unknown> {
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const partitionAttribute = request.index ? `${request.index}pk` : "pk";
  if (
    typeof key !== "object" ||
    key === null ||
    Object.values(key).some((value) => typeof value !== "string") ||
    (key as Record<string, unknown>)[partitionAttribute] !== request.partition
  ) {
    throw invalidCursor();
  }
  return key as Record<string, unknown>;
}

function queryInput(request: PageRequest): Omit<QueryCommandInput, "TableName"> {
  const pkName = request.index ? `${request.index}pk` : "pk";
  const skName = request.index ? `${request.index}sk` : "sk";
  return {
    ...(request.index ? { IndexName: request.index } : {}),
    KeyConditionExpression: request.prefix ? "#pk = :pk AND begins_with(#sk, :prefix)" : "#pk = :pk",
    ExpressionAttributeNames: request.prefix ? { "#pk": pkName, "#sk": skName } : { "#pk": pkName },
    ExpressionAttributeValues: {
      ":pk": request.partition,
      ...(request.prefix ? { ":prefix": request.prefix } : {}),
    },
    ...(request.descending ? { ScanIndexForward: false } : {}),
    ...(request.consistent ? { ConsistentRead: true } : {}),
  };
}

/** One page of an entity's items, with the cursor of the next page (null at the end). */
export async function page<Info>(of: Entity<Info>, request: PageRequest): Promise<Page<Info>> {
  const limit = request.limit ?? 50;
  const items: Info[] = [];
  let start = request.cursor ? decodeCursor(request.cursor, request) : undefined;
  // Items of other types sharing the partition are skipped, so loop until the page is full.
  do {
    const result = await db().send(
      new QueryCommand({
        ...queryInput(request),
        TableName: tableName(),
        Limit: limit - items.length,
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const raw of result.Items ?? []) if (raw.type === of.type) items.push(of.parse(raw));
    start = result.LastEvaluatedKey;
  } while (start && items.length < limit);
  return { items, next: start ? encodeCursor(start) : null };
}

/** Every item of an entity in a partition (bounded lists: members, attachments, published items). */
export async function all<Info>(of: Entity<Info>, request: Omit<PageRequest, "limit" | "cursor">) {
  const items: Info[] = [];
  let cursor: string | undefined;
  do {
    const result = await page(of, { ...request, limit: 500, cursor });
    items.push(...result.items);
    cursor = result.next ?? undefined;
  } while (cursor);
  return items;
}
