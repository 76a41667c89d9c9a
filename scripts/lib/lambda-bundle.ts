import { copyFileSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { type BuildOptions, build } from "esbuild";

const root = resolve(import.meta.dirname, "../..");

/** The deployed handler's entry point (infra/api.ts: functions/src/lambda.handler). */
export const LAMBDA_ENTRY = join(root, "functions", "src", "lambda.ts");
/** The handler file, in the bundle directory (deployed as is, the handler would be `index.handler`). */
export const HANDLER_FILE = "index.mjs";
/** The INSEE density grid read by packages/core/src/geo/communes.ts. */
export const COMMUNES_CSV_SOURCE = join(root, "packages", "core", "data", "grille-densite-communes.csv");
/**
 * Where the bundle carries the CSV, relative to the bundle directory (LAMBDA_TASK_ROOT on Lambda):
 * the function's environment sets MAILLAGE_COMMUNES_CSV to this value.
 */
export const COMMUNES_CSV = "data/grille-densite-communes.csv";

/**
 * The one definition of how the API is bundled for Lambda (the bench and the invocation test use it).
 * Node 22 runtime, ESM (.mjs), minified, no source map. The runtime ships AWS SDK v3, so @aws-sdk/*
 * stays external (imported from the runtime). No createRequire banner: every bundled dependency is ESM
 * (hono, jose, valibot, ulid), and bundleHandler() refuses an output that would need one.
 * SST bundles the deployed function itself (infra/handler.ts: nodejs22.x, nodejs { format: "esm",
 * minify: true, splitting: true }, copyFiles for the CSV): keep the two in step.
 *
 * Code splitting: what routes and jobs load with `import()` (the spreadsheet parsers and writers, the
 * data·inclusion mapping) goes to chunks under `chunks/`, read only when first used; the handler and the
 * chunks it imports statically are what a cold start reads (`startup`).
 */
export const LAMBDA_BUILD_OPTIONS = {
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  outExtension: { ".js": ".mjs" },
  minify: true,
  sourcemap: false,
  external: ["@aws-sdk/*"],
  logLevel: "silent",
} as const satisfies BuildOptions;

export interface BundledFile {
  path: string;
  bytes: number;
}

export interface HandlerBundle {
  /** The bundle directory (LAMBDA_TASK_ROOT when deployed). */
  dir: string;
  /** The entry file; `bytes`: it and the chunks it imports statically (what a cold start loads). */
  handler: BundledFile;
  /** The entry file and its static chunks, in load order. */
  startup: string[];
  /** Chunks loaded on first use only (dynamic `import()`). */
  lazy: BundledFile[];
}

export interface LambdaBundle extends HandlerBundle {
  /** The communes CSV, at `<dir>/${COMMUNES_CSV}`. */
  data: BundledFile;
  /** Handler + data, what the deployment package holds (before zip). */
  totalBytes: number;
}

function fileAt(path: string): BundledFile {
  return { path, bytes: statSync(path).size };
}

/** Bundles any Lambda handler entry with the deployment settings into `<outDir>/index.mjs`. */
export async function bundleHandler(entry: string, outDir: string): Promise<HandlerBundle> {
  const outfile = join(resolve(outDir), HANDLER_FILE);
  const result = await build({
    ...LAMBDA_BUILD_OPTIONS,
    entryPoints: { index: entry },
    outdir: resolve(outDir),
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    metafile: true,
    write: false,
  });
  const output = result.outputFiles.find((file) => file.path === outfile);
  if (!output) throw new Error(`esbuild produced no ${HANDLER_FILE} for ${entry}`);
  for (const file of result.outputFiles) {
    // esbuild's stand-in for require() in ESM output: it throws at run time unless a banner defines require.
    if (file.text.includes("Dynamic require of")) {
      throw new Error(
        `${entry} bundles a CommonJS dependency that calls require(): add the createRequire banner to LAMBDA_BUILD_OPTIONS`,
      );
    }
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
  // The static import closure of the entry, from esbuild's metafile (paths relative to the cwd).
  const outputs = result.metafile.outputs;
  const byAbsolute = new Map(Object.keys(outputs).map((key) => [resolve(key), key]));
  const startup: string[] = [];
  const visit = (path: string) => {
    if (startup.includes(path)) return;
    startup.push(path);
    const meta = outputs[byAbsolute.get(path) ?? ""];
    for (const imported of meta?.imports ?? []) {
      if (imported.kind === "import-statement" && !imported.external) visit(resolve(imported.path));
    }
  };
  visit(outfile);
  const lazy = result.outputFiles.map((f) => f.path).filter((path) => !startup.includes(path));
  const bytes = startup.reduce((sum, path) => sum + statSync(path).size, 0);
  return { dir: outDir, handler: { path: outfile, bytes }, startup, lazy: lazy.map(fileAt) };
}

/**
 * The API description, generated from the route table at build time (the deployed handler reads this
 * file rather than carrying the generator: infra/handler.ts copies it beside the handler).
 */
export async function writeApiDocument(file: string): Promise<void> {
  const { createApp, loadConfig } = await import("../../functions/src/app");
  const { openApiDocument } = await import("../../functions/src/http/openapi");
  const app = createApp(loadConfig({ MAILLAGE_SESSION_SECRET: "build-time-only-".repeat(3) }));
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(openApiDocument(app))}\n`);
}

/** Where `npm run build:api` writes it for SST's copyFiles. */
export const API_DOCUMENT = join(root, "functions", "dist", "openapi.json");

/** The API's Lambda bundle, as deployed: functions/src/lambda.ts, its API description and the communes CSV. */
export async function bundleLambda(outDir: string): Promise<LambdaBundle> {
  const bundle = await bundleHandler(LAMBDA_ENTRY, outDir);
  await writeApiDocument(join(outDir, "openapi.json"));
  const data = join(outDir, COMMUNES_CSV);
  mkdirSync(dirname(data), { recursive: true });
  copyFileSync(COMMUNES_CSV_SOURCE, data);
  const dataFile = fileAt(data);
  return { ...bundle, data: dataFile, totalBytes: bundle.handler.bytes + dataFile.bytes };
}

/** The environment the bundled handler needs to find its data file, on Lambda and locally. */
export function lambdaDataEnv(bundleDir: string): Record<string, string> {
  return { LAMBDA_TASK_ROOT: bundleDir, MAILLAGE_COMMUNES_CSV: COMMUNES_CSV };
}
