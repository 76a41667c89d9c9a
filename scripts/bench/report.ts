import type { ApiBundleResult } from "./api-bundle";
import type { ConsoleJsResult } from "./console-js";
import { GET_ITEM_WARMUP, type LatencyResult, type LoadTest, loadTestProblem } from "./latency";
import type { Outcome } from "./outcome";
import { total } from "./sizes";
import { format, renderTable } from "./table";

export interface Results {
  apiBundle: Outcome<ApiBundleResult>;
  consoleJs: Outcome<ConsoleJsResult>;
  latency: Outcome<LatencyResult>;
}

const HEADER = ["Measure", "Maillage", "Baseline", "Ratio", "Baseline is"];
const NOT_MEASURED = "not measured";

function apiRows(outcome: Results["apiBundle"]): string[][] {
  if (!outcome.ok) return [["API handler bundle", NOT_MEASURED, "", "", "(see below)"]];
  const { maillage, bareHono } = outcome.value;
  const baseline = "bare Hono Lambda handler, 1 route";
  return [
    [
      "API handler bundle, raw",
      format.bytes(maillage.raw),
      format.bytes(bareHono.raw),
      format.ratio(maillage.raw, bareHono.raw),
      baseline,
    ],
    [
      "API handler bundle, gzip",
      format.bytes(maillage.gzip),
      format.bytes(bareHono.gzip),
      format.ratio(maillage.gzip, bareHono.gzip),
      baseline,
    ],
  ];
}

function consoleRows(outcome: Results["consoleJs"]): string[][] {
  const label = "Console initial JS, gzip";
  if (!outcome.ok) return [[label, NOT_MEASURED, "", "", "(see below)"]];
  const bare = total(outcome.value.bareSolid).gzip;
  const baseline = "bare Solid app, 1 component";
  const { maillage } = outcome.value;
  if (!maillage.ok) return [[label, NOT_MEASURED, format.bytes(bare), "", `${baseline} (see below)`]];
  const gzip = total(maillage.value).gzip;
  return [[label, format.bytes(gzip), format.bytes(bare), format.ratio(gzip, bare), baseline]];
}

function latencyRows(outcome: Results["latency"]): string[][] {
  if (!outcome.ok) return [["Territory overview latency", NOT_MEASURED, "", "", "(see below)"]];
  const { loaded, sequential, getItem } = outcome.value;
  const versus = (test: LoadTest, p: "p50" | "p99") => {
    const [value, baseline] = [test[`${p}Ms`], getItem[`${p}Ms`]];
    return [
      `Overview ${p}, ${format.connections(test.connections)}`,
      format.ms(value),
      format.ms(baseline),
      format.ratio(value, baseline),
      `one raw GetItem round trip, ${p}`,
    ];
  };
  const failed = [loaded, sequential].some((test) => test.non2xx > 0 || test.errors > 0);
  const requests = loaded.requests + sequential.requests;
  const non2xx = loaded.non2xx + sequential.non2xx;
  return [
    versus(sequential, "p50"),
    versus(sequential, "p99"),
    versus(loaded, "p50"),
    versus(loaded, "p99"),
    [`Overview throughput, ${loaded.connections} conn.`, `${format.count(loaded.requestsPerSecond)} req/s`],
    [
      "Overview non-2xx",
      `${format.count(non2xx)} of ${format.count(requests)}`,
      "",
      "",
      failed ? "FAILED: must be 0" : "",
    ],
  ];
}

function latencyNotes({ territory, path, loaded, getItem }: LatencyResult): string[] {
  return [
    `Overview: GET ${path.replace(territory.id, "<id>")} (${territory.name}) with a bearer token,`,
    `  API in its own Node process, autocannon runs of ${format.count(loaded.durationSeconds)} s (BENCH_DURATION).`,
    `GetItem: the territory item, ${format.count(getItem.count)} sequential calls after ${GET_ITEM_WARMUP} warm-up ones.`,
    "The overview does several reads: membership GetItem, then profile GetItem + 2 Query in parallel, then BatchGet:",
    `  3 sequential round trips: hence its ratio to one GetItem. With ${format.connections(loaded.connections)}, waiting for CPU`,
    "  (DynamoDB Local, the API and autocannon share this machine) adds on top.",
  ];
}

function notes({ apiBundle, consoleJs, latency }: Results): string[] {
  const lines: string[] = [];
  if (apiBundle.ok) {
    lines.push(
      "Bundles: esbuild, platform node, target node22, ESM, minified, @aws-sdk/* external; gzip -9.",
    );
  }
  if (consoleJs.ok && consoleJs.value.maillage.ok) {
    const files = consoleJs.value.maillage.value.map((f) => f.file).join(", ");
    lines.push(`Console initial JS: module entry + modulepreloads of web/dist/index.html (${files}).`);
  }
  if (latency.ok) lines.push(...latencyNotes(latency.value));
  return lines;
}

/** Reasons a line is missing or does not count: any of them fails the run. */
export function failures({ apiBundle, consoleJs, latency }: Results): string[] {
  const found: string[] = [];
  if (!apiBundle.ok) found.push(`API handler bundle: ${apiBundle.error}`);
  if (!consoleJs.ok) found.push(`Console initial JS: ${consoleJs.error}`);
  else if (!consoleJs.value.maillage.ok) found.push(`Console initial JS: ${consoleJs.value.maillage.error}`);
  if (!latency.ok) found.push(`Latency: ${latency.error}`);
  else {
    const problem = loadTestProblem(latency.value);
    if (problem) found.push(`Latency: ${problem}`);
  }
  return found;
}

export function render(results: Results): string {
  const rows = [
    ...apiRows(results.apiBundle),
    ...consoleRows(results.consoleJs),
    ...latencyRows(results.latency),
  ];
  const table = renderTable(HEADER, rows, ["left", "right", "right", "right", "left"]);
  const lines = [table, "", ...notes(results).map((line) => `  ${line}`)];
  const failed = failures(results);
  if (failed.length > 0) lines.push("", "FAILED", ...failed.map((line) => `  ✗ ${line}`));
  return lines.join("\n");
}
