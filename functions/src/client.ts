import { hc } from "hono/client";
import type { AppType } from "./app";

/** The console's typed client: a route change that breaks the console fails its typecheck. */
export const createClient = (baseUrl: string, init?: RequestInit) =>
  hc<AppType>(baseUrl, { init: { credentials: "same-origin", ...init } });

export type Client = ReturnType<typeof createClient>;
export type { AppType };
