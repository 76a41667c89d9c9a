import { spawn } from "node:child_process";
import { resolve } from "node:path";
import { Actor, Audit, Batch, Territory } from "@maillage/core";
import { createId } from "@maillage/schema";
import { beforeAll, describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";
import { sampleRows, visibleSamples } from "./fixtures/batch-sample";

const CHILD = resolve(import.meta.dirname, "fixtures/batch-child.ts");
/**
 * The child is Node itself with tsx as a loader: spawning `.bin/tsx` would start a launcher whose
 * SIGKILL leaves the real run going (re-parented), so the "crash" would never happen.
 */
const NODE = [process.execPath, "--import", "tsx"];

let tenantId: string;
const asTenant = <T>(fn: () => Promise<T>) =>
  Actor.provide({ type: "system", reason: "test-import", tenantId }, fn);

beforeAll(async () => {
  const territory = await Actor.provide({ type: "system", reason: "test" }, () =>
    Territory.create(profile("Territoire des lots")),
  );
  tenantId = territory.id;
});

/** Runs the batch in a real child process and SIGKILLs it once `killAfter` rows are applied. */
function runAndKill(runId: string, rows: number, killAfter: number): Promise<number> {
  return new Promise((done, fail) => {
    const [node, ...flags] = NODE as [string, ...string[]];
    const child = spawn(node, [...flags, CHILD], {
      env: { ...process.env, TENANT: tenantId, RUN: runId, ROWS: String(rows) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    let applied = 0;
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const match = /^applied (\d+)/.exec(line);
        if (match) applied = Number(match[1]);
        if (line === "applied all") fail(new Error("the child finished before it was killed"));
      }
      if (applied >= killAfter) child.kill("SIGKILL");
    });
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? done(applied) : fail(new Error(`child exited without being killed`)),
    );
  });
}

describe("batch write path", () => {
  test("a run killed mid-way leaves nothing visible; its retry completes with no duplicate", async () => {
    const runId = createId("run");
    const applied = await runAndKill(runId, 400, 100);
    expect(applied).toBeGreaterThanOrEqual(100);
    expect(applied).toBeLessThan(400);

    // The killed run staged rows, but a reader sees none of them.
    const header = await asTenant(() => Batch.RunEntity.get([tenantId, runId], { consistent: true }));
    expect(header?.status).toBe("applying");
    expect(header?.appliedThrough).toBeGreaterThanOrEqual(100);
    expect(await asTenant(() => visibleSamples(tenantId))).toEqual([]);

    // Retried with the same run id: resumes from its checkpoint and switches every row on at once.
    const rows = sampleRows(tenantId, 400);
    const done = await asTenant(() =>
      Batch.runAll({ tenantId, runId, kind: "sample", fileHash: "h1", action: "sample.import" }, rows),
    );
    expect(done.created).toBe(400);
    const seen = await asTenant(() => visibleSamples(tenantId));
    expect(seen).toHaveLength(400);
    expect(new Set(seen.map((s) => s.ref)).size).toBe(400);

    // Running it again creates nothing new, and the trail holds one summary of the run.
    await asTenant(() =>
      Batch.runAll({ tenantId, runId, kind: "sample", fileHash: "h1", action: "sample.import" }, rows),
    );
    expect(await asTenant(() => visibleSamples(tenantId))).toHaveLength(400);
    const trail = await Actor.provide(
      {
        type: "user",
        userId: "usr_x",
        contextKind: "territory",
        contextId: tenantId,
        role: "territory_lead",
      },
      () => Audit.list({ limit: 200 }),
    );
    const summaries = trail.items.filter((entry) => entry.entity === runId);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]?.summary).toMatchObject({ fileHash: "h1", rows: 400, created: 400, updated: 0 });
  }, 60_000);

  test("the same run id with another file is refused; a re-import updates rows in place", async () => {
    const runId = createId("run");
    await asTenant(() => Batch.begin({ tenantId, runId, kind: "sample", fileHash: "first", total: 1 }));
    await expect(
      asTenant(() => Batch.begin({ tenantId, runId, kind: "sample", fileHash: "other", total: 1 })),
    ).rejects.toMatchObject({ code: "batch.conflict" });

    const update = createId("run");
    const rows = sampleRows(tenantId, 400, "v2");
    const header = await asTenant(async () => {
      const started = await Batch.begin({
        tenantId,
        runId: update,
        kind: "sample",
        fileHash: "v2",
        total: 400,
      });
      return Batch.apply(started, rows);
    });
    // Applied but not committed: readers still see the previous labels.
    const before = await asTenant(() => visibleSamples(tenantId));
    expect(new Set(before.map((s) => s.label))).toEqual(new Set(["v1"]));
    await asTenant(() => Batch.commit(header, { action: "sample.import" }));
    const after = await asTenant(() => visibleSamples(tenantId));
    expect(after).toHaveLength(400);
    expect(new Set(after.map((s) => s.label))).toEqual(new Set(["v2"]));
    expect(header.updated).toBe(400);
  }, 60_000);
});
