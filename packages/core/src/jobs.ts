import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createId, type Job as Info, JobId } from "@maillage/schema";
import * as v from "valibot";
import * as Actor from "./actor";
import { db, entity, Keys, page, tableName, type WriteOp } from "./db";
import { MaillageError } from "./error";

/**
 * Background jobs: a job item in its tenant's partitions (kind, status, progress, result, error),
 * written in the same transaction as the change that needs it (so it cannot be lost), then run after
 * commit by a worker acting as a tenant-scoped system actor (its data scope is that tenant's, never the
 * platform's). Side effects outside DynamoDB (Cognito, e-mail, files) happen only in jobs, which retry;
 * handlers are written so that a retry neither duplicates nor loses them.
 *
 * Dispatch: locally (and in tests) in-process right after commit; in AWS an asynchronous Lambda
 * invocation of the worker (infra/jobs.ts). Queued jobs sit in a sparse index (`gsi2pk = JOBS#PENDING`)
 * that a scheduled sweep re-dispatches, so a crash between commit and dispatch only delays a job.
 */
export type { Info };

export const MAX_ATTEMPTS = 5;
/** A running job whose lease expired (worker crashed or timed out) may be claimed again. */
const LEASE_MS = 15 * 60 * 1000;
const PENDING = "JOBS#PENDING";

const Stored = v.object({
  id: v.string(),
  tenantId: v.string(),
  kind: v.string(),
  status: v.picklist(["queued", "running", "succeeded", "failed"]),
  attempts: v.number(),
  progress: v.nullable(v.object({ done: v.number(), total: v.number() })),
  input: v.record(v.string(), v.unknown()),
  result: v.nullable(v.record(v.string(), v.unknown())),
  /** An error code, never a message that could carry input. */
  error: v.nullable(v.string()),
  createdBy: v.string(),
  createdAt: v.string(),
  updatedAt: v.string(),
  runAfter: v.string(),
  leaseUntil: v.optional(v.string()),
});
type Stored = v.InferOutput<typeof Stored>;

export const JobEntity = entity({ type: "job", schema: Stored, key: Keys.job });

export interface JobContext {
  job: Stored;
  /** Records progress (shown by the console while it polls). */
  progress(done: number, total: number): Promise<void>;
}

export type Handler = (context: JobContext) => Promise<Record<string, unknown> | undefined>;

const handlers = new Map<string, Handler>();

/** Each job kind has one handler; the functions layer registers those that need its configuration. */
export function register(kind: string, handler: Handler): void {
  handlers.set(kind, handler);
}

type Dispatcher = (job: { tenantId: string; id: string }) => Promise<void>;

const inFlight = new Set<Promise<unknown>>();

/** Default dispatcher: run in this process, after the current request's commit. */
const inProcess: Dispatcher = async (job) => {
  const running = run(job.tenantId, job.id).catch(() => undefined);
  inFlight.add(running);
  void running.finally(() => inFlight.delete(running));
};

let dispatcher: Dispatcher = inProcess;

/** AWS: an asynchronous invocation of the worker function (set by the Lambda entry point). */
export function useDispatcher(next: Dispatcher | "in-process"): void {
  dispatcher = next === "in-process" ? inProcess : next;
}

/** Tests and the local server: wait until every in-process job (and its retries) has settled. */
export async function idle(): Promise<void> {
  while (inFlight.size > 0) await Promise.all([...inFlight]);
}

function itemOf(job: Stored) {
  const item = JobEntity.item([job.tenantId, job.id], job);
  return job.status === "queued" || job.status === "running"
    ? { ...item, gsi2pk: PENDING, gsi2sk: `${job.runAfter}#${job.tenantId}#${job.id}` }
    : item;
}

/**
 * A job to add to a write's transaction; dispatch it with `dispatch` once that write committed.
 * `input` must hold ids and codes only (it is stored and shown to the tenant's lead). `id`: a job id
 * derived from an idempotency key (imports), so that the same request enqueues the same job once.
 */
export function enqueue(
  tenantId: string,
  kind: string,
  input: Record<string, unknown>,
  now = new Date(),
  id: string = createId("job"),
): { job: Stored; op: WriteOp } {
  const at = now.toISOString();
  const job: Stored = {
    id,
    tenantId,
    kind,
    status: "queued",
    attempts: 0,
    progress: null,
    input,
    result: null,
    error: null,
    createdBy: Actor.auditId(),
    createdAt: at,
    updatedAt: at,
    runAfter: at,
  };
  return { job, op: { Put: { Item: itemOf(job), ConditionExpression: "attribute_not_exists(pk)" } } };
}

export function dispatch(job: { tenantId: string; id: string }): Promise<void> {
  return dispatcher(job);
}

const asTenant = <T>(tenantId: string, kind: string, fn: () => Promise<T>) =>
  Actor.provide({ type: "system", reason: `job:${kind}`, tenantId }, fn);

/** Claims a queued job (or one whose lease expired): exactly one worker runs an attempt. */
async function claim(tenantId: string, jobId: string, now: Date): Promise<Stored | undefined> {
  try {
    const result = await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: JobEntity.key(tenantId, jobId),
        UpdateExpression:
          "SET #status = :running, attempts = attempts + :one, leaseUntil = :lease, updatedAt = :now",
        ConditionExpression:
          "(#status = :queued AND runAfter <= :now) OR (#status = :running AND leaseUntil < :now)",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":running": "running",
          ":queued": "queued",
          ":one": 1,
          ":now": now.toISOString(),
          ":lease": new Date(now.getTime() + LEASE_MS).toISOString(),
        },
        ReturnValues: "ALL_NEW",
      }),
    );
    return result.Attributes ? JobEntity.parse(result.Attributes) : undefined;
  } catch (error) {
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") return undefined;
    throw error;
  }
}

async function save(job: Stored): Promise<void> {
  const { leaseUntil: _lease, ...rest } = job;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: JobEntity.key(job.tenantId, job.id),
      UpdateExpression: [
        "SET #status = :status, progress = :progress, #result = :result, #error = :error,",
        "updatedAt = :now, runAfter = :runAfter",
        job.status === "queued" || job.status === "running"
          ? ", gsi2pk = :pending, gsi2sk = :pendingSk REMOVE leaseUntil"
          : " REMOVE gsi2pk, gsi2sk, leaseUntil",
      ].join(" "),
      ExpressionAttributeNames: { "#status": "status", "#result": "result", "#error": "error" },
      ExpressionAttributeValues: {
        ":status": rest.status,
        ":progress": rest.progress,
        ":result": rest.result,
        ":error": rest.error,
        ":now": new Date().toISOString(),
        ":runAfter": rest.runAfter,
        ...(job.status === "queued" || job.status === "running"
          ? { ":pending": PENDING, ":pendingSk": `${rest.runAfter}#${rest.tenantId}#${rest.id}` }
          : {}),
      },
    }),
  );
}

/** Retry delays: 0.2 s, 0.4 s… locally; the AWS sweep picks up what is due. */
const backoffMs = (attempt: number) => Math.min(60_000, 200 * 2 ** (attempt - 1));

/**
 * Runs one attempt of a job as its tenant's system actor. A thrown error re-queues it with backoff
 * until MAX_ATTEMPTS, then marks it failed with the error's code.
 */
export async function run(tenantId: string, jobId: string, now = new Date()): Promise<Stored | undefined> {
  return asTenant(tenantId, "run", async () => {
    const job = await claim(tenantId, jobId, now);
    if (!job) return undefined;
    const handler = handlers.get(job.kind);
    try {
      if (!handler) throw new MaillageError("internal", `No handler for job kind ${job.kind}`);
      const result = await asTenant(tenantId, job.kind, () =>
        handler({
          job,
          progress: async (done, total) => {
            job.progress = { done, total };
            await save(job);
          },
        }),
      );
      const done: Stored = { ...job, status: "succeeded", result: result ?? null, error: null };
      await save(done);
      return done;
    } catch (error) {
      const code = error instanceof MaillageError ? error.code : ((error as Error).name ?? "Error");
      const retry = job.attempts < MAX_ATTEMPTS;
      const runAfter = new Date(Date.now() + backoffMs(job.attempts)).toISOString();
      const next: Stored = { ...job, status: retry ? "queued" : "failed", error: code, runAfter };
      await save(next);
      if (retry && dispatcher === inProcess) {
        const again = new Promise((resolve) => setTimeout(resolve, backoffMs(job.attempts))).then(() =>
          run(tenantId, jobId).catch(() => undefined),
        );
        inFlight.add(again);
        void again.finally(() => inFlight.delete(again));
      }
      return next;
    }
  });
}

/** A job of the actor's territory (202-then-poll). */
export async function get(jobId: string): Promise<Info> {
  const tenantId = Actor.territoryId(["territory_lead"]);
  if (!v.is(JobId, jobId)) throw new MaillageError("job.not_found", "Job not found");
  const job = await JobEntity.get([tenantId, jobId], { consistent: true });
  if (!job) throw new MaillageError("job.not_found", "Job not found");
  return toInfo(job);
}

export function toInfo(job: Stored): Info {
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    attempts: job.attempts,
    progress: job.progress,
    result: job.result,
    error: job.error,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
  };
}

/**
 * The sweep (scheduled in AWS, at start-up locally): due queued jobs and expired leases, across
 * tenants, from the sparse index. It reads ids only and dispatches; each job runs in its tenant's scope.
 */
export async function sweep(now = new Date()): Promise<number> {
  Actor.assertOperator();
  let dispatched = 0;
  let cursor: string | undefined;
  do {
    const result = await page(JobEntity, { index: "gsi2", partition: PENDING, limit: 100, cursor });
    for (const job of result.items) {
      const due =
        job.status === "queued"
          ? job.runAfter <= now.toISOString()
          : (job.leaseUntil ?? "") < now.toISOString();
      if (due) {
        await dispatch({ tenantId: job.tenantId, id: job.id });
        dispatched++;
      }
    }
    cursor = result.next ?? undefined;
  } while (cursor);
  return dispatched;
}
