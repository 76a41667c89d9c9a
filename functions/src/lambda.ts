import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { loadConfig } from "./config";
import { useLambdaDispatcher } from "./jobs";

useLambdaDispatcher();
export const handler = handle(createApp(loadConfig()));
