import type { ApiBundleResult } from "./api-bundle";
import type { ActionCost, CapacityResult } from "./capacity";
import type { ColdImportResult } from "./cold-import";
import type { ConsoleJsResult } from "./console-js";
import { GET_ITEM_WARMUP, type LatencyResult, type LoadTest, loadTestProblem } from "./latency";
import type { Outcome } from "./outcome";
import { total } from "./sizes";
import { format, renderTable } from "./table";

export interface Results {
  apiBundle: Outcome<ApiBundleResult>;
  coldImport: Outcome<ColdImportResult>;
  consoleJs: Outcome<ConsoleJsResult>;
  latency: Outcome<LatencyResult>;
  capacity: Outcome<CapacityResult>;
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

function coldImportRows(outcome: Results["coldImport"]): string[][] {
  if (!outcome.ok) return [["Lambda cold import", NOT_MEASURED, "", "", "(see below)"]];
  const { maillage, bareHono } = outcome.value;
  const baseline = "bare Hono Lambda handler, 1 route";
  return (["median", "p90"] as const).map((stat) => {
    const key = stat === "median" ? "medianMs" : "p90Ms";
    return [
      `Lambda cold import, ${stat}`,
      format.ms(maillage[key]),
      format.ms(bareHono[key]),
      format.ratio(maillage[key], bareHono[key]),
      baseline,
    ];
  });
}

const units = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function capacityRow(
  label: string,
  cost: Pick<ActionCost, "rcu" | "wcu" | "localCapacityUnits">,
  note: string,
) {
  return [`  ${label}`, `${units(cost.rcu)} / ${units(cost.wcu)}`, units(cost.localCapacityUnits), "", note];
}

function capacityRows(outcome: Results["capacity"]): string[][] {
  if (!outcome.ok) return [["DynamoDB capacity per action", NOT_MEASURED, "", "", "(see below)"]];
  const { actions, total } = outcome.value;
  const calls = (n: number) => `${n} call${n === 1 ? "" : "s"}`;
  return [
    ["DynamoDB capacity per action", "RCU / WCU", "Local CU", "", "figures, calls: request"],
    ...actions.map((a) => capacityRow(a.action, a, `${a.source}, ${calls(a.calls)}: ${a.request}`)),
    capacityRow(
      `all ${actions.length} actions`,
      { ...total, localCapacityUnits: actions.reduce((sum, a) => sum + a.localCapacityUnits, 0) },
      calls(total.calls),
    ),
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
    "The overview does two round trips: session + membership (one BatchGetItem), then the profile GetItem",
    `  (which counts the members): hence its ratio to one GetItem. With ${format.connections(loaded.connections)}, waiting for CPU`,
    "  (DynamoDB Local, the API and autocannon share this machine) adds on top.",
  ];
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  return line ? [...lines, line] : lines;
}

function capacityNotes({
  computedBecause,
  rules,
  transactionalIndexWcu,
  largestWrite,
}: CapacityResult): string[] {
  const largest = largestWrite
    ? [
        `  Largest item written: ${format.bytes(largestWrite.bytes)} (${largestWrite.item}, ${largestWrite.action}); a write costs`,
        "  1 WCU per started KB (2 in a transaction), so items near 1 KB are where the figures jump.",
      ]
    : [];
  return [
    "Capacity: each action once through createApp(loadConfig()).request() with a bearer token (auth reads",
    "  included), on a fresh DynamoDB Local with the demo seed; ReturnConsumedCapacity=TOTAL on every command.",
    "  measured = DynamoDB Local's ConsumedCapacity, kept where it matches the documented rules (Local has no",
    "  read/write split: GetItem, Query, BatchGetItem are RCU). computed = the documented rules applied to the",
    "  real items' sizes (before/after images read on the side): 4 KB read units (×0.5 eventually consistent),",
    "  1 KB write units, ×2 for a transaction's items (a ConditionCheck is a 2-unit read), index entries at",
    "  1 KB per write. Local CU = what DynamoDB Local reported, for comparison. Computed where:",
    ...computedBecause.flatMap((reason) =>
      wrap(reason, 100).map((line, i) => `${i === 0 ? "    - " : "      "}${line}`),
    ),
    `  Index entries written by transactions: ${units(transactionalIndexWcu)} WCU in all, counted once (DynamoDB`,
    "  Local doubles them; the documentation does not say). Every signed-in request reads its session",
    "  with its membership (strongly consistent, so a revoked session ends at once).",
    ...largest,
    "  Rules:",
    ...rules.map((url) => `    ${url}`),
  ];
}

function notes({ apiBundle, coldImport, consoleJs, latency, capacity }: Results): string[] {
  const lines: string[] = [];
  if (apiBundle.ok) {
    lines.push(
      "Bundles: scripts/lib/lambda-bundle.ts (esbuild, platform node, target node22, ESM .mjs, minified,",
      "  no source map, @aws-sdk/* external); gzip -9; handler file only: Maillage also ships the communes",
      `  CSV beside it (${format.bytes(apiBundle.value.maillageData.raw)}, read on first use).`,
    );
  }
  if (coldImport.ok) {
    const { maillage, sdkOnly } = coldImport.value;
    const share = Math.round((100 * sdkOnly.medianMs) / maillage.medianMs);
    lines.push(
      `Cold import: import() of each bundle in a fresh Node ${process.version} process (Lambda runs Node 22),`,
      `  ${maillage.runs} runs each (BENCH_COLD_RUNS), alternating, after one discarded warm-up; timed inside the`,
      "  process around the import only. Maillage's includes loading @aws-sdk/* from node_modules, as the",
      `  runtime's copy is loaded on Lambda: those ${sdkOnly.packages.length} packages alone take ${format.ms(sdkOnly.medianMs)} (median,`,
      `  ${share}% of Maillage's; p90 ${format.ms(sdkOnly.p90Ms)}): ${sdkOnly.packages.join(", ")}.`,
    );
  }
  if (consoleJs.ok && consoleJs.value.maillage.ok) {
    const files = consoleJs.value.maillage.value.map((f) => f.file).join(", ");
    lines.push(`Console initial JS: module entry + modulepreloads of web/dist/index.html (${files}).`);
  }
  if (latency.ok) lines.push(...latencyNotes(latency.value));
  if (capacity.ok) lines.push(...capacityNotes(capacity.value));
  return lines;
}

/** Reasons a line is missing or does not count: any of them fails the run. */
export function failures({ apiBundle, coldImport, consoleJs, latency, capacity }: Results): string[] {
  const found: string[] = [];
  if (!apiBundle.ok) found.push(`API handler bundle: ${apiBundle.error}`);
  if (!coldImport.ok) found.push(`Lambda cold import: ${coldImport.error}`);
  if (!consoleJs.ok) found.push(`Console initial JS: ${consoleJs.error}`);
  else if (!consoleJs.value.maillage.ok) found.push(`Console initial JS: ${consoleJs.value.maillage.error}`);
  if (!latency.ok) found.push(`Latency: ${latency.error}`);
  else {
    const problem = loadTestProblem(latency.value);
    if (problem) found.push(`Latency: ${problem}`);
  }
  if (!capacity.ok) found.push(`DynamoDB capacity: ${capacity.error}`);
  return found;
}

export function render(results: Results): string {
  const rows = [
    ...apiRows(results.apiBundle),
    ...coldImportRows(results.coldImport),
    ...consoleRows(results.consoleJs),
    ...latencyRows(results.latency),
    ...capacityRows(results.capacity),
  ];
  const table = renderTable(HEADER, rows, ["left", "right", "right", "right", "left"]);
  const lines = [table, "", ...notes(results).map((line) => `  ${line}`)];
  const failed = failures(results);
  if (failed.length > 0) lines.push("", "FAILED", ...failed.map((line) => `  ✗ ${line}`));
  return lines.join("\n");
}
