/**
 * `npm run bench`: the API handler's bundle and its cold import time, the console's initial JS and the
 * territory overview's latency, each beside a bare baseline; then the DynamoDB capacity each main action
 * consumes (the inputs of a cost model). Prints a table, writes .bench/results.json, and exits 1 if any
 * line could not be measured or the load test saw a non-2xx response.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import { measureApiBundle } from "./bench/api-bundle";
import { measureCapacity } from "./bench/capacity";
import { cleanUp } from "./bench/cleanup";
import { coldImportRuns, measureColdImport } from "./bench/cold-import";
import { measureConsoleJs } from "./bench/console-js";
import { measureImports } from "./bench/imports";
import { measureIndicators, renderIndicators } from "./bench/indicators";
import { measureJourneyImports, renderJourneyImports } from "./bench/journey-imports";
import { measureJourneyWrites } from "./bench/journey-writes";
import { benchDuration, CONNECTIONS, GET_ITEM_COUNT, measureLatency } from "./bench/latency";
import { attempt } from "./bench/outcome";
import { benchDir } from "./bench/paths";
import { failures, type Results, render } from "./bench/report";
import { measureScale } from "./bench/scale";

for (const [signal, code] of [
  ["SIGINT", 130],
  ["SIGTERM", 143],
] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(code)));
}

function step(text: string) {
  console.log(`› ${text}`);
}

function writeResults(results: Results, startedAt: Date, durationSeconds: number): string {
  const file = join(benchDir, "results.json");
  const failed = failures(results);
  const document = {
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    environment: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpus: availableParallelism(),
    },
    settings: {
      durationSeconds,
      connections: CONNECTIONS,
      getItemCount: GET_ITEM_COUNT,
      coldImportRuns: coldImportRuns(),
    },
    ...results,
    ok: failed.length === 0,
    failures: failed,
  };
  mkdirSync(benchDir, { recursive: true });
  writeFileSync(file, `${JSON.stringify(document, null, 2)}\n`);
  return file;
}

async function main(): Promise<number> {
  const startedAt = new Date();
  const duration = benchDuration();
  const runs = coldImportRuns();
  step("Bundling the API handler and a bare Hono handler (esbuild)…");
  const apiBundle = await attempt(measureApiBundle);
  step(`Importing each bundled handler in ${runs} fresh Node processes…`);
  const coldImport = await attempt(async () => {
    if (!apiBundle.ok) throw new Error("the bundles were not built (see API handler bundle)");
    return measureColdImport(apiBundle.value, runs);
  });
  step("Building the console and a bare Solid app (vite)…");
  const consoleJs = await attempt(measureConsoleJs);
  step(
    `Seeding DynamoDB Local, load-testing the territory overview (2 runs of ${duration} s), timing GetItem…`,
  );
  const latency = await attempt(() => measureLatency(duration));
  await cleanUp();
  step("Running the main actions once against a fresh DynamoDB Local, with ReturnConsumedCapacity…");
  const capacity = await attempt(measureCapacity);
  await cleanUp();

  step("Audit list at 100 and 10,000 entries, federation view at 2 and 100 territories…");
  const scale = await attempt(() => measureScale());
  await cleanUp();

  const importRows = Number(process.env.BENCH_IMPORT_ROWS ?? 5000);
  step(`A ${importRows}-row resources file: dry run, commit, then a filtered catalogue page…`);
  const imports = await attempt(() => measureImports(importRows));
  await cleanUp();

  // BENCH_JOURNEY_ROWS=0 skips it (10,000 journeys take minutes against DynamoDB Local).
  const journeyRows = Number(process.env.BENCH_JOURNEY_ROWS ?? 10_000);
  step(`A ${journeyRows}-row journeys file: dry run, commit, the store's BatchWriteItem floor, the list…`);
  const journeyImports =
    journeyRows > 0
      ? await attempt(() => measureJourneyImports(journeyRows))
      : ({ ok: false, error: "skipped (BENCH_JOURNEY_ROWS=0)" } as const);
  await cleanUp();

  step("Journey event writes (create, then one event each), against one GetItem…");
  const journeyWrites = await attempt(() => measureJourneyWrites());
  await cleanUp();

  step("Indicator engine at 1,000 / 10,000 / 100,000 journeys; the dashboard read at 1,000 and 100,000…");
  const indicators = await attempt(() => measureIndicators());
  await cleanUp();

  const results: Results = { apiBundle, coldImport, consoleJs, latency, capacity };
  console.log(
    `\nMaillage bench — Node ${process.version}, ${process.platform} ${process.arch}, ${availableParallelism()} CPUs\n`,
  );
  console.log(render(results));
  console.log(
    scale.ok
      ? [
          `\nScale (p50 of ${scale.value.runs} in-process reads, DynamoDB Local):`,
          `  audit list, first page: ${scale.value.audit.p50At100Ms} ms at 100 entries, ${scale.value.audit.p50At10000Ms} ms at 10,000 (× ${scale.value.audit.ratio})`,
          `  federation view: ${scale.value.federation.p50At2Ms} ms at 2 territories, ${scale.value.federation.p50At100Ms} ms at 100 (× ${scale.value.federation.ratio})`,
        ].join("\n")
      : `\nScale: not measured (${scale.error})`,
  );
  console.log(
    imports.ok
      ? [
          `\nImport of ${imports.value.rows} resources (${imports.value.bytes} B CSV), in process:`,
          `  dry run ${imports.value.dryRunMs} ms, commit ${imports.value.commitMs} ms (${imports.value.created} created)`,
          `  filtered catalogue page (pillar + category, 50 items): p50 ${imports.value.filteredPageP50Ms} ms, one GetItem ${imports.value.getItemP50Ms} ms (× ${imports.value.ratio})`,
        ].join("\n")
      : `\nImports: not measured (${imports.error})`,
  );
  console.log(
    journeyImports.ok
      ? renderJourneyImports(journeyImports.value)
      : `\nJourney imports: not measured (${journeyImports.error})`,
  );
  console.log(
    journeyWrites.ok
      ? [
          `\nJourney writes (${journeyWrites.value.writes} journeys, in process, DynamoDB Local):`,
          `  create p50 ${journeyWrites.value.createP50Ms} ms; event p50 ${journeyWrites.value.eventP50Ms} ms, p99 ${journeyWrites.value.eventP99Ms} ms; one GetItem p50 ${journeyWrites.value.getItemP50Ms} ms`,
        ].join("\n")
      : `\nJourney writes: not measured (${journeyWrites.error})`,
  );
  console.log(
    indicators.ok ? renderIndicators(indicators.value) : `\nIndicators: not measured (${indicators.error})`,
  );
  const file = writeResults(
    { ...results, scale, imports, journeyImports, journeyWrites, indicators } as Results,
    startedAt,
    duration,
  );
  console.log(`\nResults: ${relative(process.cwd(), file)}`);
  return failures(results).length === 0 &&
    scale.ok &&
    imports.ok &&
    journeyWrites.ok &&
    indicators.ok &&
    (journeyImports.ok || journeyRows === 0)
    ? 0
    : 1;
}

let exitCode = 1;
try {
  exitCode = await main();
} catch (error) {
  console.error(error);
} finally {
  await cleanUp();
}
process.exit(exitCode);
