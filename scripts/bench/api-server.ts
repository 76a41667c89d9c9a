/**
 * The API alone, started by latency.ts in its own process so that autocannon does not share the
 * server's event loop. Reports its port over IPC; stops on SIGTERM or when the bench goes away.
 */
import type { AddressInfo } from "node:net";
import { loadConfig } from "@maillage/functions";
import { createLocalServer, listen } from "../../functions/src/node";

const config = {
  ...loadConfig(),
  // Log lines are still built (part of each request's cost) but not written: stdout would throttle the run.
  log: (line: Record<string, unknown>) => void JSON.stringify(line),
};
const server = await listen(createLocalServer(config), 0);
process.send?.({ port: (server.address() as AddressInfo).port });

let stopping = false;
function stop() {
  if (stopping) return;
  stopping = true;
  server.close(() => process.exit(0));
  if ("closeAllConnections" in server) server.closeAllConnections();
}
process.once("SIGTERM", stop);
process.once("disconnect", stop);
