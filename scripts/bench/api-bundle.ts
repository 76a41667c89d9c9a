import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { benchDir, root } from "./paths";
import { type Size, sizeOf } from "./sizes";

export interface ApiBundleResult {
  maillage: Size;
  bareHono: Size;
}

const BARE_HONO = `import { Hono } from "hono";
import { handle } from "hono/aws-lambda";

const app = new Hono().get("/health", (c) => c.json({ ok: true }));

export const handler = handle(app);
`;

/** The Lambda's build settings; the AWS SDK is provided by the Node.js runtime. */
async function bundle(entry: string): Promise<Size> {
  const result = await build({
    entryPoints: [entry],
    outfile: join(benchDir, "bundle", "handler.mjs"),
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    minify: true,
    external: ["@aws-sdk/*"],
    write: false,
    logLevel: "silent",
  });
  const output = result.outputFiles.find((file) => file.path.endsWith(".mjs"));
  if (!output) throw new Error(`esbuild produced no bundle for ${entry}`);
  return sizeOf(output.contents);
}

function writeBareHono(): string {
  const dir = join(benchDir, "bare-hono");
  mkdirSync(dir, { recursive: true });
  const entry = join(dir, "lambda.ts");
  writeFileSync(entry, BARE_HONO);
  return entry;
}

export async function measureApiBundle(): Promise<ApiBundleResult> {
  return {
    maillage: await bundle(join(root, "functions", "src", "lambda.ts")),
    bareHono: await bundle(writeBareHono()),
  };
}
