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
  /** A sort-key range instead of a prefix: `sk < before` or `sk >= from` (e.g. stale resources). */
  before?: string;
  from?: string;
  /** Raw items pass through this before parsing (batch visibility); undefined hides the item. */
  visible?: (raw: Record<string, unknown>) => Record<string, unknown> | undefined;
  /**
   * A read sent in parallel with the first Query and awaited before any item is looked at (the
   * tenant's pending batch runs, which `visible` needs): no extra round trip.
   */
  alongside?: Promise<unknown>;
  /**
   * At most this many items are read for one page: with a filter, a page may then hold fewer than
   * `limit` items and still have a `next` cursor (a bounded read, whatever the filter's selectivity).
   */
  maxRead?: number;
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
  const range = request.prefix
    ? { condition: "begins_with(#sk, :prefix)", value: { ":prefix": request.prefix } }
    : request.before !== undefined
      ? { condition: "#sk < :before", value: { ":before": request.before } }
      : request.from !== undefined
        ? { condition: "#sk >= :from", value: { ":from": request.from } }
        : undefined;
  return {
    ...(request.index ? { IndexName: request.index } : {}),
    KeyConditionExpression: range ? `#pk = :pk AND ${range.condition}` : "#pk = :pk",
    ExpressionAttributeNames: range ? { "#pk": pkName, "#sk": skName } : { "#pk": pkName },
    ExpressionAttributeValues: { ":pk": request.partition, ...range?.value },
    ...(request.descending ? { ScanIndexForward: false } : {}),
    ...(request.consistent ? { ConsistentRead: true } : {}),
  };
}

/** The key DynamoDB would give as LastEvaluatedKey after this item (a cursor that stops on it). */
function keyAfter(raw: Record<string, unknown>, request: PageRequest): Record<string, unknown> {
  const key: Record<string, unknown> = { pk: raw.pk, sk: raw.sk };
  if (request.index) {
    key[`${request.index}pk`] = raw[`${request.index}pk`];
    key[`${request.index}sk`] = raw[`${request.index}sk`];
  }
  return key;
}

/** Reads per query when a filter may drop items (it reads ahead, then stops on the page's last item). */
const FILTERED_CHUNK = 100;

/**
 * One page of an entity's items, with the cursor of the next page (null at the end). With `filter`
 * (and `visible`), items are read in chunks and kept when they pass; the cursor stops on the page's last
 * item, and `maxRead` bounds what one page may read.
 */
export async function page<Info>(
  of: Entity<Info>,
  request: PageRequest & { filter?: (item: Info) => boolean },
): Promise<Page<Info>> {
  const limit = request.limit ?? 50;
  const maxRead = request.maxRead ?? Number.POSITIVE_INFINITY;
  const items: Info[] = [];
  let read = 0;
  let start = request.cursor ? decodeCursor(request.cursor, request) : undefined;
  // Items of other types sharing the partition are skipped, so loop until the page is full.
  do {
    // A filter may drop many items: read ahead. `visible` alone hides only rows of a pending import
    // (rare): read what the page needs, and loop if some were hidden.
    const wanted = request.filter ? Math.max(limit - items.length, FILTERED_CHUNK) : limit - items.length;
    const [result] = await Promise.all([
      db().send(
        new QueryCommand({
          ...queryInput(request),
          TableName: tableName(),
          Limit: Math.min(wanted, maxRead - read),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      ),
      request.alongside,
    ]);
    const raws = result.Items ?? [];
    read += raws.length;
    let stop: Record<string, unknown> | undefined;
    for (const [index, raw] of raws.entries()) {
      const seen = request.visible ? request.visible(raw) : raw;
      if (seen && seen.type === of.type) {
        const item = of.parse(seen);
        if (!request.filter || request.filter(item)) items.push(item);
      }
      if (items.length >= limit && index < raws.length - 1) {
        stop = keyAfter(raw, request);
        break;
      }
    }
    start = stop ?? result.LastEvaluatedKey;
    if (stop) break;
  } while (start && items.length < limit && read < maxRead);
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
