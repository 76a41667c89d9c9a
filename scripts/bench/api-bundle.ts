import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bundleHandler, bundleLambda } from "../lib/lambda-bundle";
import { benchDir } from "./paths";
import { type Size, sizeOf } from "./sizes";

export interface BuiltHandler {
  /** The bundle directory (LAMBDA_TASK_ROOT), under .bench/ so that @aws-sdk/* resolves from node_modules. */
  dir: string;
  handler: string;
}

export interface ApiBundleResult {
  /** The handler file alone, as the baseline has no data file. */
  maillage: Size;
  bareHono: Size;
  /** The communes CSV shipped beside Maillage's handler, read on first use. */
  maillageData: { file: string; raw: number };
  bundles: { maillage: BuiltHandler; bareHono: BuiltHandler };
}

const BARE_HONO = `import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

const app = new Hono().get("/health", (c) => c.json({ ok: true }));

export const handler = handle(app);
`;

function writeBareHono(): string {
  const dir = join(benchDir, "bare-hono");
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "lambda.ts");
  writeFileSync(entry, BARE_HONO);
  return entry;
}

/** Both handlers with the deployment's settings (scripts/lib/lambda-bundle.ts), written to .bench/. */
export async function measureApiBundle(): Promise<ApiBundleResult> {
  const maillage = await bundleLambda(join(benchDir, "lambda"));
  const bare = await bundleHandler(writeBareHono(), join(benchDir, "bare-hono", "dist"));
  return {
    // What a cold start loads: the handler and its static chunks (lazy chunks, e.g. imports, aside).
    maillage: sizeOf(Buffer.concat(maillage.startup.map((path) => readFileSync(path)))),
    bareHono: sizeOf(Buffer.concat(bare.startup.map((path) => readFileSync(path)))),
    maillageData: { file: maillage.data.path, raw: maillage.data.bytes },
    bundles: {
      maillage: { dir: maillage.dir, handler: maillage.handler.path },
      bareHono: { dir: bare.dir, handler: bare.handler.path },
    },
  };
}
