import { Actor, Db } from "@maillage/core";
import * as Local from "@maillage/core/local";
import * as Seed from "@maillage/core/seed";
import { defer } from "./cleanup";

/** Direct core calls from the bench run as the system, like the seed (platform scope). */
export function asSystem<T>(fn: () => Promise<T>): Promise<T> {
  return Actor.provide({ type: "system", reason: "bench" }, fn);
}

/**
 * An in-memory DynamoDB Local with the demo seed in `table`, used by this process's client (Db.db()).
 * Teardown is registered with defer(): the caller runs cleanUp().
 */
export async function startSeededStore(table: string): Promise<string> {
  const java = Local.javaVersion();
  if (java === undefined || java < 17) {
    throw new Error(`DynamoDB Local needs Java 17 or later (found: ${java ?? "none"})`);
  }
  Local.useLocalAwsEnvironment();
  const store = await Local.start();
  defer(() => store.stop());
  process.env.DYNAMODB_ENDPOINT = store.endpoint;
  process.env.MAILLAGE_TABLE = table;
  Db.resetClient();
  defer(async () => {
    Db.db().destroy();
    Db.resetClient();
  });
  await Local.ensureTable(store.endpoint, table);
  await asSystem(() => Seed.demo());
  return store.endpoint;
}
