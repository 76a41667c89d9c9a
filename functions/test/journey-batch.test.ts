import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { resolve } from "node:path";
import { Actor, Batch, Journeys } from "@maillage/core";
import { createId } from "@maillage/schema";
import { beforeAll, describe, expect, test } from "vitest";
import { as, type TestTenant, testApp, testConfig, withTestTenant } from "../../test/harness";
import { fileStore } from "../src/files";
import { runImport } from "../src/imports/engine";
import { journeyRows, journeysCsv, prepareJourneyTerritory } from "./fixtures/journey-file";

/**
 * A journey import killed mid-commit (a real child process, SIGKILLed while it stages rows) leaves no
 * journey visible anywhere; its retry with the same run id completes, every row once, none twice.
 *
 * 2,000 rows (8,000 staged items) rather than 10,000: DynamoDB Local writes about 200 single items a
 * second here, so 10,000 rows take minutes; the 10,000-row commit is measured by the bench
 * (scripts/bench/journey-imports.ts).
 */
const ROWS = 1000;

const CHILD = resolve(import.meta.dirname, "fixtures/journey-import-child.ts");
/** Node itself with tsx's loader: one process, so SIGKILL stops the import (the tsx CLI would leave its own child running). */
const NODE = [process.execPath, "--import", "tsx"] as const;
const { app } = testApp();
const { config } = testConfig();
const files = fileStore(config.files);

let t: TestTenant;
beforeAll(async () => {
  t = await withTestTenant();
  await prepareJourneyTerritory(t.territory.id, t.users.territory_lead.id);
});

const asLead = <T>(fn: () => Promise<T>) =>
  Actor.provide(
    {
      type: "user",
      userId: t.users.territory_lead.id,
      contextKind: "territory",
      contextId: t.territory.id,
      role: "territory_lead",
    },
    fn,
  );
const asJob = <T>(fn: () => Promise<T>) =>
  Actor.provide({ type: "system", reason: "job:import.journeys", tenantId: t.territory.id }, fn);

/** Runs the commit in a child process and SIGKILLs it once `killAfter` items are staged. */
function runAndKill(env: Record<string, string>, killAfter: number): Promise<number> {
  return new Promise((done, fail) => {
    const [node, ...flags] = NODE;
    const child = spawn(node, [...flags, CHILD], {
      env: { ...process.env, ...env },
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
      signal === "SIGKILL" ? done(applied) : fail(new Error("the child exited without being killed")),
    );
  });
}

/** What the lead sees through the list route, every page. */
async function listed(): Promise<{ id: string; code: string; externalReference: string }[]> {
  const items: { id: string; code: string; externalReference: string }[] = [];
  let cursor: string | null = null;
  do {
    const res = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/journeys?limit=100${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(res.status).toBe(200);
    items.push(...res.body.items);
    cursor = res.body.next;
  } while (cursor);
  return items;
}

describe("journey import, killed mid-commit", () => {
  test(`${ROWS} rows: nothing visible after the kill; the retry completes, every row once`, async () => {
    const bytes = journeysCsv(journeyRows(ROWS, { prefix: "CRASH" }));
    const fileHash = createHash("sha256").update(bytes).digest("hex");
    const fileKey = `${t.territory.id}/imports/${fileHash}.csv`;
    await files.put(fileKey, bytes, "text/csv");
    const runId = createId("run");
    const dir = config.files.kind === "local" ? config.files.dir : "";

    const applied = await runAndKill(
      {
        TENANT: t.territory.id,
        RUN: runId,
        FILES: dir,
        FILE_KEY: fileKey,
        FILE_HASH: fileHash,
      },
      ROWS,
    );
    const header = await asJob(() => Batch.RunEntity.get([t.territory.id, runId], { consistent: true }));
    expect(header?.status).toBe("applying");
    // Dead indeed: its checkpoint does not move any more.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const later = await asJob(() => Batch.RunEntity.get([t.territory.id, runId], { consistent: true }));
    expect(later?.appliedThrough).toBe(header?.appliedThrough);
    expect(applied).toBeGreaterThanOrEqual(ROWS);
    expect(header?.appliedThrough).toBeGreaterThanOrEqual(ROWS);
    expect(header?.appliedThrough).toBeLessThan(header?.total ?? 0);

    // Staged, not visible: the list, the link worker's caseload, the references, one journey's page.
    expect(await asLead(() => Journeys.list({ limit: 100 }))).toEqual({ items: [], next: null });
    expect(await listed()).toEqual([]);
    const worker = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/link-workers`,
    );
    const workerId = worker.body.items[0]?.id as string;
    expect((await asLead(() => Journeys.list({ limit: 100, linkWorkerId: workerId }))).items).toEqual([]);
    expect((await asLead(() => Journeys.byReference())).size).toBe(0);
    const plan = JSON.parse(
      new TextDecoder().decode(await files.get(`${t.territory.id}/imports/${runId}.plan.json`)),
    ) as { rows: { key: { pk: string; sk: string } }[] };
    const stagedId = plan.rows[0]?.key.pk.split("#").at(-1) as string;
    const one = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/journeys/${stagedId}`,
    );
    expect(one.status).toBe(404);

    // The retry, with the same run id: the kept plan, resumed from its checkpoint, switched on at once.
    const result = await asJob(() =>
      runImport(
        t.territory.id,
        { entity: "journeys", format: "csv", fileKey, fileHash, dryRun: false, runId },
        files,
        async () => undefined,
      ),
    );
    expect(result).toMatchObject({ committed: true, created: ROWS, updated: 0, errorCount: 0 });
    const seen = await listed();
    expect(seen).toHaveLength(ROWS);
    expect(new Set(seen.map((j) => j.id)).size).toBe(ROWS);
    expect(new Set(seen.map((j) => j.code)).size).toBe(ROWS);
    expect(new Set(seen.map((j) => j.externalReference)).size).toBe(ROWS);
    expect(seen.filter((j) => j.externalReference.startsWith("CRASH-"))).toHaveLength(ROWS - ROWS / 5);

    // Once more: nothing new.
    await asJob(() =>
      runImport(
        t.territory.id,
        { entity: "journeys", format: "csv", fileKey, fileHash, dryRun: false, runId },
        files,
        async () => undefined,
      ),
    );
    expect(await listed()).toHaveLength(ROWS);
  }, 600_000);
});
