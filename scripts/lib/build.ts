import { resolve } from "node:path";
import { build } from "vite";

/** Vite's build sets NODE_ENV=production for the whole process, which the API's local mode refuses. */
export async function keepingNodeEnv(run: () => Promise<unknown>): Promise<void> {
  const nodeEnv = process.env.NODE_ENV;
  try {
    await run();
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
}

/** Production build of the console into web/dist. */
export async function buildConsole(): Promise<void> {
  const root = resolve(import.meta.dirname, "../../web");
  await keepingNodeEnv(() => build({ root, configFile: resolve(root, "vite.config.ts"), logLevel: "warn" }));
}
