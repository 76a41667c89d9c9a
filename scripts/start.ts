/**
 * `npm start`: DynamoDB Local (data under .data/), the demo seed, the API and the built console on
 * one origin. `npm run dev`: the same API, with the console served by Vite (hot reload) on :5173.
 * Stops everything on Ctrl-C.
 */
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { Actor, Jobs } from "@maillage/core";
import * as Local from "@maillage/core/local";
import * as Seed from "@maillage/core/seed";
import { loadConfig } from "@maillage/functions";
import { createServer } from "vite";
import { createLocalServer, listen } from "../functions/src/node";
import { buildConsole } from "./lib/build";

const root = resolve(import.meta.dirname, "..");
const dataDir = join(root, ".data");
const port = Number(process.env.PORT ?? 3000);
const origin = `http://localhost:${port}`;

Local.useLocalAwsEnvironment();
Local.assertJava();
mkdirSync(dataDir, { recursive: true });

const secretFile = join(dataDir, "session-secret");
if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(32).toString("hex"), { mode: 0o600 });
process.env.MAILLAGE_SESSION_SECRET ??= readFileSync(secretFile, "utf8").trim();
process.env.MAILLAGE_TABLE ??= "maillage";
process.env.MAILLAGE_PUBLIC_URL ??= origin;

const dev = process.argv.includes("--dev");
if (!dev) {
  console.log("Building the console…");
  await buildConsole();
}

const store = await Local.start({ dataDir: join(dataDir, "dynamodb"), corsOrigin: origin });
process.env.DYNAMODB_ENDPOINT = store.endpoint;
await Local.ensureTable(store.endpoint, process.env.MAILLAGE_TABLE);
if (
  await Local.resetIfOlderModel(store.endpoint, process.env.MAILLAGE_TABLE, [
    "demo-v1",
    "demo-v2",
    "demo-v3",
    "demo-v4",
  ])
) {
  console.log("The stored data model changed since this demo was seeded: the local table was rebuilt.");
}
const { seeded } = await Seed.demo();
// Jobs left queued by a previous run (stopped before they ran) resume now.
await Actor.provide({ type: "system", reason: "job-sweep" }, () => Jobs.sweep());

const server = await listen(
  createLocalServer(loadConfig(), dev ? undefined : join(root, "web", "dist")),
  port,
  "localhost",
);
const vite = dev ? await createServer({ configFile: join(root, "web", "vite.config.ts") }) : undefined;
await vite?.listen();
console.log(`\nMaillage is running: ${vite ? "http://localhost:5173 (Vite, hot reload)" : origin}`);
console.log(`  DynamoDB Local: ${store.endpoint} (data in .data/dynamodb${seeded ? ", demo seeded" : ""})`);
console.log("  Sign in with one of the demo people. Ctrl-C stops everything.\n");

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  server.close();
  await vite?.close();
  await store.stop();
  process.exit(0);
}
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
