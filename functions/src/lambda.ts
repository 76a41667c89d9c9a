import { readFileSync } from "node:fs";
import { join } from "node:path";
import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { useLambdaDispatcher } from "./jobs";

/** Generated at build time beside the handler (scripts/lib/lambda-bundle.ts, `npm run build:api`). */
export const OPENAPI_FILE = "openapi.json";

useLambdaDispatcher();
export const handler = handle(
  createApp(loadConfig(), () =>
    JSON.parse(readFileSync(join(process.env.LAMBDA_TASK_ROOT ?? ".", OPENAPI_FILE), "utf8")),
  ),
);
