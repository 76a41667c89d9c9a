import { handle } from "hono/aws-lambda";
import { createApp } from "./app";
import { loadConfig } from "./config";

export const handler = handle(createApp(loadConfig()));
