import { resolve } from "node:path";
import { build } from "vite";

/** Production build of the console into web/dist. */
export async function buildConsole(): Promise<void> {
  const root = resolve(import.meta.dirname, "../../web");
  await build({ root, configFile: resolve(root, "vite.config.ts"), logLevel: "warn" });
}
