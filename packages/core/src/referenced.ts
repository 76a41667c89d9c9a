import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { type FieldIssue, issuesOf, message } from "@maillage/schema";
import * as v from "valibot";
import * as Actor from "./actor";
import * as Batch from "./batch";
import { db, entity, type ItemKey, Keys, type PageRequest, queryAll, tableName, type WriteOp } from "./db";
import { MaillageError } from "./error";
import * as Communes from "./geo/communes";

/**
 * What link workers and resources share: a stable, territory-unique `reference` (the spreadsheet's
 * key) kept by a guard item written in the same transaction as the record, records that the batch path
 * (imports) also writes — so every read passes through `Batch.visible` — and optimistic concurrency
 * that knows about a committed but not yet folded run.
 */

/** One guard per reference, in a partition per territory and kind (`ter_X#LWREF`, `ter_X#RESREF`). */
export const guardSchema = v.object({ targetId: v.string(), reference: v.string() });

export function guardEntity<A extends unknown[]>(type: string, key: (...args: A) => ItemKey) {
  return entity({ type, schema: guardSchema, key });
}

/** The tenant a writer works in: a lead, or a job of the territory (imports run as a system actor). */
export function writerTenant(): string {
  const actor = Actor.use();
  if (actor.type === "system" && actor.tenantId?.startsWith("ter_")) return actor.tenantId;
  return Actor.territoryId(["territory_lead"]);
}

/** The tenant a reader works in: a member of the territory, or one of its jobs. */
export function readerTenant(): string {
  const actor = Actor.use();
  if (actor.type === "system" && actor.tenantId?.startsWith("ter_")) return actor.tenantId;
  return Actor.territoryId();
}

/**
 * What a list needs to show only what readers may see: the tenant's pending runs, read in parallel with
 * the list's first Query (`alongside`), and the `visible` filter that uses them.
 */
export function visibility(tenantId: string): Pick<PageRequest, "alongside" | "visible"> {
  let runs: ReadonlySet<string> = new Set();
  const alongside = Batch.pendingRuns(tenantId).then((set) => {
    runs = set;
  });
  // Handled here too, in case the list fails before awaiting it (an invalid cursor).
  alongside.catch(() => undefined);
  return { alongside, visible: (raw) => Batch.visible(raw, runs) };
}

export interface RawRead {
  raw: Record<string, unknown> | undefined;
  /** What readers see of it (undefined: nothing, e.g. a row of a pending import). */
  seen: Record<string, unknown> | undefined;
  pending: ReadonlySet<string>;
}

/** One item and the tenant's pending runs, read in parallel. */
export async function readOne(tenantId: string, key: ItemKey, consistent = false): Promise<RawRead> {
  const [result, pending] = await Promise.all([
    db().send(
      new GetCommand({ TableName: tableName(), Key: key, ...(consistent ? { ConsistentRead: true } : {}) }),
    ),
    Batch.pendingRuns(tenantId),
  ]);
  const raw = result.Item;
  return { raw, seen: raw ? Batch.visible(raw, pending) : undefined, pending };
}

/** An import is staging this record: an edit now would be overwritten (or would break the run). */
export function assertNotStaging(read: RawRead): void {
  const run = read.raw?.stagedRun;
  if (typeof run === "string" && read.pending.has(run)) {
    throw new MaillageError("batch.conflict", "An import is changing this record: try again once it is done");
  }
}

/**
 * The condition for replacing the record its editor saw at `version`: the plain item at that version,
 * or (after an import's commit, before its fold) the committed image at that version.
 */
export function versionCondition(
  read: Pick<RawRead, "raw">,
  version: number,
): {
  ConditionExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const run = read.raw?.stagedRun;
  if (typeof run === "string") {
    return {
      ConditionExpression: "stagedRun = :run AND #staged.#version = :version",
      ExpressionAttributeNames: { "#staged": "staged", "#version": "version" },
      ExpressionAttributeValues: { ":run": run, ":version": version },
    };
  }
  return {
    ConditionExpression: "#version = :version AND attribute_not_exists(stagedRun)",
    ExpressionAttributeNames: { "#version": "version" },
    ExpressionAttributeValues: { ":version": version },
  };
}

/** Claims a reference for a record (fails when any record, or a pending import, holds it). */
export function guardPut(item: Record<string, unknown>, taken: () => MaillageError): WriteOp {
  return { Put: { Item: item, ConditionExpression: "attribute_not_exists(pk)" }, onConditionFailed: taken };
}

/** Releases a record's former reference (only its own: the condition names the record). */
export function guardDelete(key: ItemKey, targetId: string): WriteOp {
  return {
    Delete: {
      Key: key,
      ConditionExpression: "targetId = :id OR #staged.targetId = :id",
      ExpressionAttributeNames: { "#staged": "staged" },
      ExpressionAttributeValues: { ":id": targetId },
    },
  };
}

/** Reserves `count` numbers for generated references (gaps are possible, duplicates are not). */
export async function reserveNumbers(tenantId: string, kind: string, count: number): Promise<number> {
  const result = await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: Keys.referenceCounter(tenantId, kind),
      UpdateExpression: "ADD #n :count",
      ExpressionAttributeNames: { "#n": "n" },
      ExpressionAttributeValues: { ":count": count },
      ReturnValues: "UPDATED_NEW",
    }),
  );
  const last = Number(result.Attributes?.n);
  return last - count + 1;
}

/** The generated reference of number n: prefix and at least `digits` digits ("AL-001"). */
export const formatReference = (prefix: string, n: number, digits: number) =>
  `${prefix}-${String(n).padStart(digits, "0")}`;

/**
 * Every reference of a kind in the territory, upper-cased, with its record's id (what readers see:
 * pending imports' guards are skipped). One Query of the guard partition (≈ 60 bytes a guard).
 */
export async function referenceMap(tenantId: string, partition: string): Promise<Map<string, string>> {
  const [raws, pending] = await Promise.all([
    queryAll({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": partition },
    }),
    Batch.pendingRuns(tenantId),
  ]);
  const map = new Map<string, string>();
  for (const raw of raws) {
    const seen = Batch.visible(raw, pending);
    const guard = seen && v.safeParse(guardSchema, seen);
    if (guard?.success) map.set(guard.output.reference.toUpperCase(), guard.output.targetId);
  }
  return map;
}

/**
 * The INSEE codes of raw input that are well-formed but unknown to the grid, as field issues (reported
 * with the schema's own issues: a person fixes everything at once). `fields` names a list field (issues
 * on `field.i`) or a single code (issue on `field`).
 */
export function communeIssues(
  input: unknown,
  fields: { list?: readonly string[]; single?: readonly string[] },
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const record = (typeof input === "object" && input !== null ? input : {}) as Record<string, unknown>;
  const wellFormed = (code: unknown): code is string =>
    typeof code === "string" && /^(\d{5}|2[AB]\d{3})$/.test(code);
  for (const field of fields.list ?? []) {
    const codes = record[field];
    if (!Array.isArray(codes)) continue;
    const unknown = new Set(Communes.unknownCodes(codes.filter(wellFormed)));
    codes.forEach((code, index) => {
      if (wellFormed(code) && unknown.has(code)) {
        issues.push({ path: `${field}.${index}`, message: message("commune.unknown") });
      }
    });
  }
  for (const field of fields.single ?? []) {
    const code = record[field];
    if (wellFormed(code) && Communes.unknownCodes([code]).length > 0) {
      issues.push({ path: field, message: message("commune.unknown") });
    }
  }
  return issues;
}

/** Parses input with its schema and the communes check, in one pass: the value, or every issue. */
export function parseWithCommunes<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  fields: { list?: readonly string[]; single?: readonly string[] },
): { ok: true; value: v.InferOutput<S> } | { ok: false; issues: FieldIssue[] } {
  const result = v.safeParse(schema, input);
  const issues = [...(result.success ? [] : issuesOf(result.issues)), ...communeIssues(input, fields)];
  if (!result.success || issues.length > 0) return { ok: false, issues };
  return { ok: true, value: result.output };
}

/** The same, throwing the API's 400 with every issue. */
export function parseOrThrow<S extends v.GenericSchema>(
  schema: S,
  input: unknown,
  fields: { list?: readonly string[]; single?: readonly string[] },
): v.InferOutput<S> {
  const parsed = parseWithCommunes(schema, input, fields);
  if (!parsed.ok) {
    throw new MaillageError("input.invalid", "The request is not valid", { issues: parsed.issues });
  }
  return parsed.value;
}

/** A conflict error for a transaction that raced a reference claim. */
export const isCode = (error: unknown, code: string) => error instanceof MaillageError && error.code === code;
