import * as v from "valibot";

export const jobStatuses = ["queued", "running", "succeeded", "failed"] as const;

/** A background job as its tenant sees it (202-then-poll: `GET …/jobs/:jobId`). */
export const Job = v.object({
  id: v.string(),
  kind: v.string(),
  status: v.picklist(jobStatuses),
  attempts: v.number(),
  progress: v.nullable(v.object({ done: v.number(), total: v.number() })),
  result: v.nullable(v.record(v.string(), v.unknown())),
  /** An error code (never a message carrying input). */
  error: v.nullable(v.string()),
  createdAt: v.string(),
  updatedAt: v.string(),
});
export type Job = v.InferOutput<typeof Job>;
