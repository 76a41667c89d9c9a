/**
 * Type-checks sst.config.ts and infra/ offline. `sst install` writes SST's platform types into .sst/
 * (its npm dependencies come from the npm registry, through the `bun` npm package); no AWS access.
 */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const bun = join(dirname(require.resolve("bun/package.json")), "bin", "bun.exe");

const env = {
  ...process.env,
  SST_BUN_PATH: bun,
  SST_SKIP_DEPENDENCY_CHECK: "1",
  SST_TELEMETRY_DISABLED: "1",
  DO_NOT_TRACK: "1",
  AWS_EC2_METADATA_DISABLED: "true",
};

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { cwd: root, env, stdio: "inherit" });
  if (result.status !== 0) {
    console.error(`${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}

run("npx", ["sst", "install", "--stage", "ci"]);
run("npx", ["tsc", "-p", "infra/tsconfig.json"]);
