import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import type { AuditChange } from "@maillage/schema";
import * as Actor from "../actor";
import type { MaillageError } from "../error";
import { auditItem } from "./audit-item";
import { db, tableName } from "./client";

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];
type Op =
  | { Put: Omit<NonNullable<TransactItem["Put"]>, "TableName"> }
  | {
      Update: Omit<NonNullable<TransactItem["Update"]>, "TableName">;
    }
  | { ConditionCheck: Omit<NonNullable<TransactItem["ConditionCheck"]>, "TableName"> }
  | {
      Delete: Omit<NonNullable<TransactItem["Delete"]>, "TableName">;
    };

/** One operation of a write, with the error to raise when its condition fails. */
export type WriteOp = Op & { onConditionFailed?: () => Promise<MaillageError> | MaillageError };

/**
 * What the audit trail records for one write; who and when are added here. `changes` holds only the
 * fields the entity declares as audited (see `diff`): never ids, versions or timestamps.
 */
export interface Change {
  /** The tenant whose trail records it (ter_…, fed_…, fun_…, or PLATFORM). */
  contextId: string;
  action: string;
  entityType: string;
  entity: string;
  entityLabel?: string | null;
  changes: AuditChange[];
  /** Batch runs: counts and the file hash. */
  summary?: Record<string, string | number>;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * The audited fields that differ between two images of a record (null for a creation or deletion).
 * Entities pass the list of fields their trail records, so nothing else can leak into it.
 */
export function diff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
  fields: readonly string[],
): AuditChange[] {
  return fields
    .filter((field) => !same(before?.[field], after?.[field]))
    .map((field) => ({ field, before: before?.[field] ?? null, after: after?.[field] ?? null }));
}

/**
 * Every write goes through here: the operations and their audit entries commit together or not at all.
 * A failed condition is turned into the operation's own error (conflict, already exists…).
 */
export async function write(ops: WriteOp[], changes: Change[], now = new Date()): Promise<void> {
  const userId = Actor.auditId();
  const userName = Actor.auditName();
  const all: WriteOp[] = [
    ...ops,
    ...changes.map((change) => ({
      Put: {
        Item: auditItem(change, userId, userName, now),
        ConditionExpression: "attribute_not_exists(pk)",
      },
    })),
  ];
  const TableName = tableName();
  const TransactItems = all.map(({ onConditionFailed: _, ...op }) => {
    const [kind, body] = Object.entries(op)[0] as [string, object];
    return { [kind]: { ...body, TableName } } as TransactItem;
  });
  for (let attempt = 1; ; attempt++) {
    try {
      await db().send(new TransactWriteCommand({ TransactItems }));
      return;
    } catch (error) {
      if (error instanceof TransactionCanceledException) {
        const reasons = error.CancellationReasons ?? [];
        for (const [index, reason] of reasons.entries()) {
          const handler = all[index]?.onConditionFailed;
          if (reason.Code === "ConditionalCheckFailed" && handler) throw await handler();
        }
        // Another transaction held one of the items (two journeys of the same month adding to the
        // same rollup): nothing was written, so the same transaction is tried again, a few times.
        const conflictOnly =
          reasons.some((r) => r.Code === "TransactionConflict") &&
          reasons.every((r) => r.Code === "TransactionConflict" || r.Code === "None" || !r.Code);
        if (conflictOnly && attempt < CONFLICT_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt * Math.random()));
          continue;
        }
      }
      throw error;
    }
  }
}

const CONFLICT_ATTEMPTS = 6;
