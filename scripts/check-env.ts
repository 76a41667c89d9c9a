/**
 * Checks what the tests need beyond npm: Java 17+ (DynamoDB Local) and, with `chromium`, Debian's
 * Chromium for the browser tests. On a fresh Debian machine run as root, a missing Chromium is
 * installed with apt-get; otherwise the script says what to install and exits non-zero.
 */
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { assertJava } from "@maillage/core/local";

assertJava();

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

if (process.argv.includes("chromium") && !existsSync(CHROMIUM)) {
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync("apt-get", ["--version"]).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`Browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the browser tests (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [
    ["update", "-qq"],
    ["install", "-y", "-qq", "chromium"],
  ]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
}
