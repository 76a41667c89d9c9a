import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { lambdaDataEnv } from "../lib/lambda-bundle";
import type { ApiBundleResult, BuiltHandler } from "./api-bundle";
import { benchDir, root } from "./paths";
import { percentile } from "./stats";

const run = promisify(execFile);

/** Discarded first imports of each bundle: they mostly measure the OS file cache. */
const WARMUP_RUNS = 1;

export interface ImportTimes {
  runs: number;
  medianMs: number;
  p90Ms: number;
  samplesMs: number[];
}

export interface ColdImportResult {
  maillage: ImportTimes;
  bareHono: ImportTimes;
  /** The @aws-sdk/* packages Maillage's bundle imports, imported alone: the part bundling cannot shrink. */
  sdkOnly: ImportTimes & { packages: string[] };
}

export function coldImportRuns(): number {
  const runs = Number(process.env.BENCH_COLD_RUNS ?? 15);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`BENCH_COLD_RUNS must be a positive whole number (got ${process.env.BENCH_COLD_RUNS})`);
  }
  return runs;
}

/**
 * What the Lambda runtime does at init, in a fresh Node process: import the handler module (which
 * runs createApp(loadConfig())). Timed inside the child, so Node's own start-up is not counted.
 */
const IMPORT_SCRIPT = `
const started = performance.now();
const module = await import(process.env.BENCH_HANDLER_URL);
const importMs = performance.now() - started;
if (process.env.BENCH_EXPECT_HANDLER && typeof module.handler !== "function") {
  throw new Error("The bundle exports no handler function");
}
process.stdout.write(JSON.stringify({ importMs }));
`;

/** The function's environment (local sign-in so that loadConfig() succeeds), without the bench's own. */
function childEnv(bundle: BuiltHandler, secret: string, expectHandler: boolean): NodeJS.ProcessEnv {
  const { NODE_OPTIONS: _options, NODE_ENV: _nodeEnv, ...env } = process.env;
  return {
    ...env,
    ...lambdaDataEnv(bundle.dir),
    MAILLAGE_AUTH: "local",
    MAILLAGE_STAGE: "bench",
    MAILLAGE_SESSION_SECRET: secret,
    AWS_REGION: env.AWS_REGION ?? "eu-west-3",
    BENCH_HANDLER_URL: pathToFileURL(bundle.handler).href,
    ...(expectHandler ? { BENCH_EXPECT_HANDLER: "1" } : {}),
  };
}

async function importOnce(bundle: BuiltHandler, secret: string, expectHandler = true): Promise<number> {
  const { stdout } = await run(process.execPath, ["--input-type=module", "-e", IMPORT_SCRIPT], {
    cwd: root,
    env: childEnv(bundle, secret, expectHandler),
    timeout: 30_000,
  });
  const { importMs } = JSON.parse(stdout) as { importMs: number };
  return importMs;
}

function summary(samplesMs: number[]): ImportTimes {
  return {
    runs: samplesMs.length,
    medianMs: percentile(samplesMs, 50),
    p90Ms: percentile(samplesMs, 90),
    samplesMs,
  };
}

/** A module that imports exactly the external @aws-sdk/* packages the bundle imports. */
function writeSdkOnly(bundle: BuiltHandler): { module: BuiltHandler; packages: string[] } {
  // The handler and the chunks it imports statically (code splitting): what a cold start loads.
  const files = [bundle.handler];
  const packages = new Set<string>();
  for (let i = 0; i < files.length; i++) {
    const file = files[i] as string;
    const code = readFileSync(file, "utf8");
    for (const match of code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*"([^"]+)"/g)) {
      const spec = match[1] ?? match[2] ?? "";
      if (spec.startsWith("@aws-sdk/")) packages.add(spec);
      if (spec.startsWith("./")) {
        const chunk = join(dirname(file), spec);
        if (!files.includes(chunk)) files.push(chunk);
      }
    }
  }
  const dir = join(benchDir, "lambda-sdk-only");
  mkdirSync(dir, { recursive: true });
  const handler = join(dir, "index.mjs");
  writeFileSync(handler, [...packages].map((name) => `import ${JSON.stringify(name)};\n`).join(""));
  return { module: { dir, handler }, packages: [...packages].sort() };
}

/** Alternates the bundles, one process at a time, so that all see the same machine state. */
export async function measureColdImport(bundle: ApiBundleResult, runs: number): Promise<ColdImportResult> {
  const secret = randomBytes(32).toString("hex");
  const { maillage, bareHono } = bundle.bundles;
  const sdk = writeSdkOnly(maillage);
  const samples = { maillage: [] as number[], bareHono: [] as number[], sdkOnly: [] as number[] };
  for (let i = 0; i < WARMUP_RUNS + runs; i++) {
    const times = [
      await importOnce(maillage, secret),
      await importOnce(bareHono, secret),
      await importOnce(sdk.module, secret, false),
    ] as const;
    if (i < WARMUP_RUNS) continue;
    samples.maillage.push(times[0]);
    samples.bareHono.push(times[1]);
    samples.sdkOnly.push(times[2]);
  }
  return {
    maillage: summary(samples.maillage),
    bareHono: summary(samples.bareHono),
    sdkOnly: { ...summary(samples.sdkOnly), packages: sdk.packages },
  };
}
