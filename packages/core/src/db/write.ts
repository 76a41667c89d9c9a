import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand, type TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { createId } from "@maillage/schema";
import * as Actor from "../actor";
import type { MaillageError } from "../error";
import { db, tableName } from "./client";
import { Keys } from "./keys";

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

/** What the audit trail records for one write: who and when are added here. */
export interface Change {
  contextId: string;
  action: string;
  entity: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

const KEY_ATTRIBUTES = new Set(["pk", "sk", "gsi1pk", "gsi1sk", "gsi2pk", "gsi2sk"]);

export function withoutKeys(
  item: Record<string, unknown> | null | undefined,
): Record<string, unknown> | null {
  if (!item) return null;
  return Object.fromEntries(Object.entries(item).filter(([k]) => !KEY_ATTRIBUTES.has(k)));
}

function auditPut(change: Change, at: string): WriteOp {
  const id = createId("audit");
  return {
    Put: {
      Item: {
        ...Keys.audit(change.contextId, id),
        type: "audit",
        id,
        at,
        userId: Actor.auditId(),
        action: change.action,
        entity: change.entity,
        before: withoutKeys(change.before),
        after: withoutKeys(change.after),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * Every write goes through here: the operations and their audit entries commit together or not at all.
 * A failed condition is turned into the operation's own error (conflict, already exists…).
 */
export async function write(
  ops: WriteOp[],
  changes: Change[],
  now = new Date().toISOString(),
): Promise<void> {
  const all = [...ops, ...changes.map((change) => auditPut(change, now))];
  const TableName = tableName();
  const TransactItems = all.map(({ onConditionFailed: _, ...op }) => {
    const [kind, body] = Object.entries(op)[0] as [string, object];
    return { [kind]: { ...body, TableName } } as TransactItem;
  });
  try {
    await db().send(new TransactWriteCommand({ TransactItems }));
  } catch (error) {
    if (error instanceof TransactionCanceledException) {
      const reasons = error.CancellationReasons ?? [];
      for (const [index, reason] of reasons.entries()) {
        const handler = all[index]?.onConditionFailed;
        if (reason.Code === "ConditionalCheckFailed" && handler) throw await handler();
      }
    }
    throw error;
  }
}
