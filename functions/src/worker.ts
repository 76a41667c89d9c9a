import { Actor, Jobs } from "@maillage/core";
import { loadConfig } from "./config";
import { registerInvitationDelivery } from "./http/invitation";
import { registerImportJobs } from "./imports/jobs";
import { useLambdaDispatcher } from "./jobs";

/**
 * The job worker on Lambda (infra/jobs.ts). Invoked asynchronously with `{ tenantId, jobId }` after a
 * commit (Lambda retries a failed invocation), and every few minutes by the sweep, which re-dispatches
 * jobs left queued (a crash between commit and dispatch) or whose lease expired. Each job runs as its
 * tenant's system actor, in that tenant's data scope.
 */
const config = loadConfig();
registerInvitationDelivery(config);
registerImportJobs(config);
useLambdaDispatcher();

type Event = { tenantId: string; jobId: string } | { sweep: true } | { source: "aws.events" };

export async function handler(event: Event): Promise<{ ran?: string; dispatched?: number }> {
  if ("jobId" in event) {
    const job = await Jobs.run(event.tenantId, event.jobId);
    return { ran: job?.status ?? "not_claimable" };
  }
  const dispatched = await Actor.provide({ type: "system", reason: "job-sweep" }, () => Jobs.sweep());
  return { dispatched };
}
