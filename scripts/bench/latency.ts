import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Db, Session, User } from "@maillage/core";
import autocannon from "autocannon";
import { defer } from "./cleanup";
import { root } from "./paths";
import { percentile } from "./stats";
import { asSystem, startSeededStore } from "./store";
import { format } from "./table";

export const CONNECTIONS = 10;
export const GET_ITEM_COUNT = 2000;
export const GET_ITEM_WARMUP = 200;
const WARMUP_SECONDS = 2;
const LEAD_EMAIL = "cheffe.projet@example.org";

export interface LoadTest {
  connections: number;
  durationSeconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
}

export interface LatencyResult {
  territory: { id: string; name: string };
  path: string;
  /** CONNECTIONS concurrent connections: throughput, and latency with queueing. */
  loaded: LoadTest;
  /** One connection: like for like with the sequential GetItems. */
  sequential: LoadTest;
  getItem: { count: number; p50Ms: number; p99Ms: number };
}

export function benchDuration(): number {
  const seconds = Number(process.env.BENCH_DURATION ?? 10);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new Error(
      `BENCH_DURATION must be a positive number of seconds (got ${process.env.BENCH_DURATION})`,
    );
  }
  return seconds;
}

async function demoTerritory(): Promise<{ userId: string; id: string; name: string }> {
  const userId = await asSystem(() => User.idByEmail(LEAD_EMAIL));
  if (!userId) throw new Error(`The demo seed has no ${LEAD_EMAIL}`);
  const memberships = await asSystem(() => User.memberships(userId));
  const territories = memberships.filter((m) => m.contextKind === "territory");
  // The urban territory has a federation and a funder, so its overview also reads their names.
  const chosen = territories.find((m) => m.contextName.startsWith("Lille")) ?? territories[0];
  if (!chosen) throw new Error(`${LEAD_EMAIL} has no territory in the demo seed`);
  return { userId, id: chosen.contextId, name: chosen.contextName };
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 5_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

/** Starts api-server.ts (same environment: table, endpoint, secret) and returns its port. */
async function startApiServer(): Promise<number> {
  const script = join(import.meta.dirname, "api-server.ts");
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: process.env,
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  defer(() => stopProcess(child));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("The API server did not start within 30 s")), 30_000);
    child.once("message", (message) => {
      clearTimeout(timer);
      resolve((message as { port: number }).port);
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`The API server exited (${signal ?? `code ${code}`}) before listening`));
    });
  });
}

async function assertOverview(url: string, headers: Record<string, string>, territoryId: string) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  if (response.status !== 200)
    throw new Error(`GET ${url} answered ${response.status}: ${text.slice(0, 300)}`);
  const body = JSON.parse(text) as { territory?: { id?: string } };
  if (body.territory?.id !== territoryId) throw new Error(`Unexpected overview: ${text.slice(0, 300)}`);
}

interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  duration: number;
  warmup?: number;
}

async function loadTest({ url, headers, connections, duration, warmup }: LoadOptions): Promise<LoadTest> {
  const latencies: number[] = [];
  const run = autocannon({
    url,
    headers,
    connections,
    duration,
    ...(warmup ? { warmup: { connections, duration: warmup } } : {}),
  });
  // autocannon's histogram keeps whole milliseconds; its per-response timings keep the fractions.
  run.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
  const result = await run;
  return {
    connections,
    durationSeconds: result.duration,
    requests: latencies.length,
    requestsPerSecond: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(
      Object.entries(result.statusCodeStats).map(([code, { count }]) => [code, Number(count)]),
    ),
  };
}

/** Sequential GetItems of the territory item, from this process, through the same SDK client setup. */
async function getItemRoundTrips(territoryId: string): Promise<LatencyResult["getItem"]> {
  const getTerritory = () =>
    asSystem(() =>
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(territoryId) })),
    );
  for (let i = 0; i < GET_ITEM_WARMUP; i++) await getTerritory();
  const timings: number[] = [];
  for (let i = 0; i < GET_ITEM_COUNT; i++) {
    const started = performance.now();
    const { Item } = await getTerritory();
    timings.push(performance.now() - started);
    if (!Item) throw new Error(`GetItem found no territory ${territoryId}`);
  }
  return { count: GET_ITEM_COUNT, p50Ms: percentile(timings, 50), p99Ms: percentile(timings, 99) };
}

/** Resources are registered with defer(): the caller runs cleanUp(), on success or failure. */
export async function measureLatency(duration: number): Promise<LatencyResult> {
  process.env.MAILLAGE_SESSION_SECRET = randomBytes(32).toString("hex");
  await startSeededStore("maillage-bench");
  const territory = await demoTerritory();
  const { token } = await asSystem(() => Session.openLocal(territory.userId, 3600));
  const port = await startApiServer();
  const url = `http://127.0.0.1:${port}/api/territories/${territory.id}`;
  const headers = { authorization: `Bearer ${token}` };
  await assertOverview(url, headers, territory.id);
  const loaded = await loadTest({ url, headers, connections: CONNECTIONS, duration, warmup: WARMUP_SECONDS });
  const sequential = await loadTest({ url, headers, connections: 1, duration });
  const getItem = await getItemRoundTrips(territory.id);
  return {
    territory: { id: territory.id, name: territory.name },
    path: new URL(url).pathname,
    loaded,
    sequential,
    getItem,
  };
}

/** Why the load tests do not count, if they do not. */
export function loadTestProblem({ loaded, sequential }: LatencyResult): string | undefined {
  const problems = [loaded, sequential]
    .filter((test) => test.non2xx > 0 || test.errors > 0)
    .map(
      (test) =>
        `${format.connections(test.connections)}: ${test.non2xx} non-2xx responses, ${test.errors} errors ` +
        `(${test.timeouts} timeouts), status codes ${JSON.stringify(test.statusCodes)}`,
    );
  return problems.length > 0 ? `the overview load test failed: ${problems.join("; ")}` : undefined;
}
