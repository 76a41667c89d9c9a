import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Db, Jobs, Session, Territory, User } from "@maillage/core";
import * as Local from "@maillage/core/local";
import { createApp, loadConfig } from "../../functions/src/app";
import {
  journeyRows,
  journeysCsv,
  prepareJourneyTerritory,
} from "../../functions/test/fixtures/journey-file";
import { cleanUp, defer } from "./cleanup";
import { asSystem } from "./store";

/**
 * A 10,000-row journeys file (CSV, as the template writes it) through the import routes and their job,
 * in process against DynamoDB Local (the policies enforced): the dry run (parse, convert, check every
 * journey against the territory: schema, funnel, scores) and the commit (the same, then the batch path:
 * stage every item, switch the run on, fold). Beside it, in the same run, the floor: the store's own
 * BatchWriteItem of the same items (25 per request, 100 in flight like the batch path's chunks), and
 * the journey list's first page at 10,000 journeys against one GetItem.
 *
 * Alone: `npx tsx scripts/bench/journey-imports.ts` (BENCH_JOURNEY_ROWS to change the size).
 */
export interface JourneyImportsBench {
  rows: number;
  bytes: number;
  /** Items the commit staged (a journey: header, detail, code guard, reference guard). */
  items: number;
  /** The plan kept beside the file (what a retried attempt stages again). */
  planBytes: number;
  dryRunMs: number;
  commitMs: number;
  created: number;
  commitItemsPerSecond: number;
  /** Plain BatchWriteItem of the same items. */
  floorMs: number;
  floorItemsPerSecond: number;
  /** commitMs / floorMs. */
  commitOverFloor: number;
  /** The journey list's first page (50 journeys, newest referral first) as the lead, against one GetItem. */
  listPageP50Ms: number;
  getItemP50Ms: number;
  listOverGetItem: number;
}

async function p50(runs: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

/** A fresh in-memory DynamoDB Local with an empty table (no demo seed: only this bench's territory). */
async function startStore(table: string): Promise<string> {
  const java = Local.javaVersion();
  if (java === undefined || java < 17) {
    throw new Error(`DynamoDB Local needs Java 17 or later (found: ${java ?? "none"})`);
  }
  Local.useLocalAwsEnvironment();
  const store = await Local.start();
  defer(() => store.stop());
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.MAILLAGE_TABLE = table;
  Db.resetClient();
  defer(async () => {
    Db.db().destroy();
    Db.resetClient();
  });
  await Local.ensureTable(store.endpoint, table);
  return store.endpoint;
}

/** The territory, its lead, a link worker (AL-001), a resource (RES-0001), the GP and nurse routes. */
async function territoryForJourneys() {
  const territory = await asSystem(() =>
    Territory.create({
      name: "Journey import bench",
      carrierType: "cpts",
      carrierName: "CPTS bench",
      communes: ["59350", "59299"],
      population: 1000,
      priorityNeighbourhoods: [],
      programme: "ami",
      startDate: "2023-01-02",
      endDate: null,
    }),
  );
  const lead = await asSystem(() =>
    User.create({ email: `bench-journeys-${Date.now()}@example.org`, displayName: "Bench" }, [
      { contextKind: "territory", contextId: territory.id, role: "territory_lead" },
    ]),
  );
  await prepareJourneyTerritory(territory.id, lead.id);
  return { territory, lead };
}

/** BatchWriteItem of `items` (25 a request, `inFlight` requests at once), unprocessed items retried. */
async function batchWriteAll(
  endpoint: string,
  table: string,
  items: Record<string, unknown>[],
  inFlight = 4,
) {
  const client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  let next = 0;
  const worker = async () => {
    while (next < batches.length) {
      let pending = (batches[next++] ?? []).map((Item) => ({ PutRequest: { Item } }));
      while (pending.length > 0) {
        const result = await client.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        pending = (result.UnprocessedItems?.[table] ?? []) as typeof pending;
      }
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, worker));
  const ms = performance.now() - start;
  client.destroy();
  return ms;
}

export async function measureJourneyImports(rows = 10_000): Promise<JourneyImportsBench> {
  process.env.MAILLAGE_SESSION_SECRET ??= "bench-only-bench-only-bench-only-0123";
  const table = `bench-journey-imports-${Date.now()}`;
  const endpoint = await startStore(table);
  const files = mkdtempSync(join(tmpdir(), "maillage-bench-files-"));
  defer(async () => rmSync(files, { recursive: true, force: true }));
  const app = createApp({
    ...loadConfig({
      MAILLAGE_SESSION_SECRET: process.env.MAILLAGE_SESSION_SECRET,
      MAILLAGE_FILES_DIR: files,
    }),
    log: () => undefined,
  });
  const { territory, lead } = await territoryForJourneys();
  const { token } = await Session.openLocal(lead.id, 3600);
  const file = journeysCsv(journeyRows(rows, { prefix: "BENCH" }));
  const run = async (query: string, key?: string) => {
    const start = performance.now();
    const res = await app.request(`/api/territories/${territory.id}/journeys/import?${query}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "text/csv",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: file as Uint8Array<ArrayBuffer>,
    });
    if (res.status !== 202) throw new Error(`import answered ${res.status}: ${await res.text()}`);
    await Jobs.idle();
    const job = await app.request(res.headers.get("location") ?? "", {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await job.json()) as {
      status: string;
      error: string | null;
      result: Record<string, unknown>;
    };
    if (body.status !== "succeeded") throw new Error(`import job ${body.status} (${body.error})`);
    return { ms: Math.round(performance.now() - start), result: body.result };
  };
  const dry = await run("dryRun=true");
  if (dry.result.valid !== rows) {
    throw new Error(
      `dry run: ${dry.result.valid}/${rows} valid: ${JSON.stringify(dry.result.errors).slice(0, 500)}`,
    );
  }
  const commit = await run("dryRun=false", `bench-journeys-${Date.now()}`);
  const runId = String(commit.result.runId);
  const planText = readFileSync(join(files, territory.id, "imports", `${runId}.plan.json`));
  const plan = JSON.parse(planText.toString("utf8")) as { rows: { item: Record<string, unknown> }[] };
  // The floor: the same items, in a partition of their own, written with plain BatchWriteItem.
  const floorItems = plan.rows.map(({ item }) => ({ ...item, pk: `FLOOR#${String(item.pk)}` }));
  const floorMs = await batchWriteAll(endpoint, table, floorItems);

  const listPath = `/api/territories/${territory.id}/journeys?limit=50`;
  const listPageP50Ms = await p50(30, async () => {
    const res = await app.request(listPath, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`journey list answered ${res.status}`);
    const body = (await res.json()) as { items: unknown[] };
    if (body.items.length !== 50) throw new Error(`journey list: ${body.items.length} items`);
  });
  const getItemP50Ms = await p50(30, () =>
    asSystem(() =>
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(territory.id) })),
    ),
  );
  const round = (n: number) => Math.round(n * 100) / 100;
  const items = plan.rows.length;
  return {
    rows,
    bytes: file.byteLength,
    items,
    planBytes: planText.byteLength,
    dryRunMs: dry.ms,
    commitMs: commit.ms,
    created: Number(commit.result.created ?? 0),
    commitItemsPerSecond: Math.round((items / commit.ms) * 1000),
    floorMs: Math.round(floorMs),
    floorItemsPerSecond: Math.round((items / floorMs) * 1000),
    commitOverFloor: round(commit.ms / floorMs),
    listPageP50Ms: round(listPageP50Ms),
    getItemP50Ms: round(getItemP50Ms),
    listOverGetItem: round(listPageP50Ms / getItemP50Ms),
  };
}

/** The lines scripts/bench.ts prints. */
export function renderJourneyImports(b: JourneyImportsBench): string {
  return [
    `\nImport of ${b.rows} journeys (${b.bytes} B CSV, ${b.items} items staged), in process:`,
    `  dry run ${b.dryRunMs} ms, commit ${b.commitMs} ms (${b.created} created, ${b.commitItemsPerSecond} items/s)`,
    `  store floor, BatchWriteItem of the same ${b.items} items: ${b.floorMs} ms (${b.floorItemsPerSecond} items/s; commit × ${b.commitOverFloor})`,
    `  journey list, first page (50) at ${b.rows} journeys: p50 ${b.listPageP50Ms} ms, one GetItem ${b.getItemP50Ms} ms (× ${b.listOverGetItem})`,
  ].join("\n");
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  measureJourneyImports(Number(process.env.BENCH_JOURNEY_ROWS ?? 10_000))
    .then((result) => {
      console.log(JSON.stringify(result));
      console.log(renderJourneyImports(result));
    })
    .finally(() => cleanUp());
}
