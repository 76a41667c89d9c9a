import { GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import * as Actor from "./actor";
import { db, entity, type ItemKey, Keys, tableName, write } from "./db";
import { MaillageError } from "./error";

/**
 * The batch write path, for changes beyond one transaction's 100 items (an import of 10,000 rows, a
 * rollup rebuild). A run is identified by its id (the import's idempotency key):
 *
 * 1. `begin` records the run (kind, file hash, total) and adds it to the tenant's pending runs;
 *    the same id with the same file resumes, with another file is refused (409);
 * 2. `apply` stages each row on its final key without touching what readers see: the new image goes
 *    to `staged` (with `stagedRun`), the current item stays as it is, a new item has no visible image;
 *    chunks are checkpointed, so a crashed run resumes where it stopped and re-applying is harmless;
 * 3. `commit` switches the run on in one transaction — off the pending list, header committed, one
 *    audit entry summarising the run (who, when, file hash, counts) — so every row becomes visible at
 *    once; 4. `fold` then rewrites each row as a plain item (idempotent, resumable, invisible to readers).
 *
 * Readers of batch-written entities pass raw items through `visible(raw, pending)`.
 */

const RunHeader = v.object({
  id: v.string(),
  tenantId: v.string(),
  kind: v.string(),
  fileHash: v.string(),
  total: v.number(),
  status: v.picklist(["applying", "committed", "folded"]),
  appliedThrough: v.number(),
  created: v.number(),
  updated: v.number(),
  createdBy: v.string(),
  createdAt: v.string(),
  committedAt: v.optional(v.string()),
});
export type RunHeader = v.InferOutput<typeof RunHeader>;

export const RunEntity = entity({ type: "batch_run", schema: RunHeader, key: Keys.run });

export interface Row {
  key: ItemKey;
  /** The complete item to make visible (keys included), e.g. `SomeEntity.item([...], attributes)`. */
  item: Record<string, unknown>;
}

const CHUNK = 100;
const INDEX_KEYS = ["gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"] as const;
const STAGE_ATTRIBUTES = new Set(["staged", "stagedRun"]);

/** The runs of a tenant that are staged but not switched on. */
export async function pendingRuns(tenantId: string): Promise<Set<string>> {
  const result = await db().send(
    new GetCommand({ TableName: tableName(), Key: Keys.batchState(tenantId), ConsistentRead: true }),
  );
  const pending = result.Item?.pending as Set<string> | undefined;
  return new Set(pending ?? []);
}

/**
 * What a reader may see of a raw item: the staged image once its run is committed, the current item
 * otherwise, nothing for a row that only exists in a pending run.
 */
export function visible(
  raw: Record<string, unknown>,
  pending: ReadonlySet<string>,
): Record<string, unknown> | undefined {
  const run = raw.stagedRun as string | undefined;
  if (run && !pending.has(run)) return raw.staged as Record<string, unknown>;
  if (raw.type === undefined) return undefined;
  return Object.fromEntries(Object.entries(raw).filter(([name]) => !STAGE_ATTRIBUTES.has(name)));
}

/** Starts (or resumes) a run. */
export async function begin(input: {
  tenantId: string;
  runId: string;
  kind: string;
  fileHash: string;
  total: number;
}): Promise<RunHeader> {
  const existing = await RunEntity.get([input.tenantId, input.runId], { consistent: true });
  if (existing) {
    if (existing.fileHash !== input.fileHash || existing.kind !== input.kind) {
      throw new MaillageError("batch.conflict", "This run id was already used for another file");
    }
    return existing;
  }
  const header: RunHeader = {
    id: input.runId,
    tenantId: input.tenantId,
    kind: input.kind,
    fileHash: input.fileHash,
    total: input.total,
    status: "applying",
    appliedThrough: 0,
    created: 0,
    updated: 0,
    createdBy: Actor.auditId(),
    createdAt: new Date().toISOString(),
  };
  try {
    await write(
      [
        {
          Put: {
            Item: RunEntity.item([input.tenantId, input.runId], header),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Update: {
            Key: Keys.batchState(input.tenantId),
            UpdateExpression: "ADD pending :run",
            ExpressionAttributeValues: { ":run": new Set([input.runId]) },
          },
        },
      ],
      [],
    );
  } catch (error) {
    // Two starts of the same run raced: the other one recorded it.
    const raced = await RunEntity.get([input.tenantId, input.runId], { consistent: true });
    if (!raced || raced.fileHash !== input.fileHash) throw error;
    return raced;
  }
  return header;
}

/** Stages one row; returns whether it creates an item (false: it updates one). */
async function stage(runId: string, row: Row): Promise<boolean> {
  const indexKeys = INDEX_KEYS.filter((k) => typeof row.item[k] === "string");
  try {
    const result = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: row.key,
        // Index keys go on top too, so that index queries find new rows once the run is committed.
        UpdateExpression: `SET staged = :image, stagedRun = :run${indexKeys.map((k) => `, ${k} = :${k}`).join("")}`,
        ConditionExpression: "attribute_not_exists(stagedRun) OR stagedRun = :run",
        ExpressionAttributeValues: {
          ":image": row.item,
          ":run": runId,
          ...Object.fromEntries(indexKeys.map((k) => [`:${k}`, row.item[k]])),
        },
        ReturnValues: "ALL_OLD",
      }),
    );
    return result.Attributes?.type === undefined;
  } catch (error) {
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") {
      throw new MaillageError("batch.conflict", "Another run is changing the same records");
    }
    throw error;
  }
}

/**
 * Applies the run's rows from its checkpoint on (rows must come in the same order on every attempt,
 * e.g. the file's order). `onProgress` is called after each checkpoint.
 */
export async function apply(
  header: RunHeader,
  rows: readonly Row[],
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<RunHeader> {
  if (header.status !== "applying") return header;
  let { appliedThrough, created, updated } = header;
  for (let start = appliedThrough; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    const creations = await Promise.all(chunk.map((row) => stage(header.id, row)));
    created += creations.filter(Boolean).length;
    updated += creations.filter((c) => !c).length;
    appliedThrough = start + chunk.length;
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: RunEntity.key(header.tenantId, header.id),
        UpdateExpression: "SET appliedThrough = :through, created = :created, updated = :updated",
        ConditionExpression: "#status = :applying",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":through": appliedThrough,
          ":created": created,
          ":updated": updated,
          ":applying": "applying",
        },
      }),
    );
    await onProgress?.(appliedThrough, rows.length);
  }
  return { ...header, appliedThrough, created, updated };
}

/** Switches the run on: every staged row becomes visible at once, with one audit entry. */
export async function commit(header: RunHeader, audit: { action: string; label?: string }) {
  if (header.status !== "applying") return header;
  if (header.appliedThrough < header.total) {
    throw new Error(`Run ${header.id} is not fully applied (${header.appliedThrough}/${header.total})`);
  }
  const now = new Date();
  await write(
    [
      {
        Update: {
          Key: RunEntity.key(header.tenantId, header.id),
          UpdateExpression: "SET #status = :committed, committedAt = :now",
          ConditionExpression: "#status = :applying",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: {
            ":committed": "committed",
            ":applying": "applying",
            ":now": now.toISOString(),
          },
        },
      },
      {
        Update: {
          Key: Keys.batchState(header.tenantId),
          UpdateExpression: "DELETE pending :run",
          ExpressionAttributeValues: { ":run": new Set([header.id]) },
        },
      },
    ],
    [
      {
        contextId: header.tenantId,
        action: audit.action,
        entityType: "batch",
        entity: header.id,
        entityLabel: audit.label ?? null,
        changes: [],
        summary: {
          kind: header.kind,
          fileHash: header.fileHash,
          rows: header.total,
          created: header.created,
          updated: header.updated,
        },
      },
    ],
    now,
  );
  return { ...header, status: "committed" as const, committedAt: now.toISOString() };
}

/** Rewrites committed rows as plain items (no visible change; idempotent and resumable). */
export async function fold(header: RunHeader, rows: readonly Row[]): Promise<void> {
  if (header.status === "folded") return;
  for (let start = 0; start < rows.length; start += CHUNK) {
    await Promise.all(
      rows.slice(start, start + CHUNK).map(async (row) => {
        try {
          await db().send(
            new PutCommand({
              TableName: tableName(),
              Item: row.item,
              ConditionExpression: "stagedRun = :run",
              ExpressionAttributeValues: { ":run": header.id },
            }),
          );
        } catch (error) {
          if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
        }
      }),
    );
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: RunEntity.key(header.tenantId, header.id),
      UpdateExpression: "SET #status = :folded",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: { ":folded": "folded" },
    }),
  );
}

/** The whole path, for callers that hold every row: begin or resume, apply, commit, fold. */
export async function runAll(
  input: Omit<Parameters<typeof begin>[0], "total"> & { action: string; label?: string },
  rows: readonly Row[],
  onProgress?: (done: number, total: number) => Promise<void> | void,
): Promise<RunHeader> {
  let header = await begin({ ...input, total: rows.length });
  header = await apply(header, rows, onProgress);
  header = await commit(header, { action: input.action, ...(input.label ? { label: input.label } : {}) });
  await fold(header, rows);
  return { ...header, status: "folded" };
}
