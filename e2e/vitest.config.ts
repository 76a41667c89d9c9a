import { defineConfig } from "vitest/config";

/**
 * Browser tests: the built console and the API on one local server, driven by the system's Chromium.
 * One file at a time: each starts its own DynamoDB Local, server and browser, with a fresh demo seed.
 */
export default defineConfig({
  test: {
    root: new URL("..", import.meta.url).pathname,
    include: ["e2e/**/*.test.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
