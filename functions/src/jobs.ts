import { Jobs } from "@maillage/core";

/**
 * In AWS, jobs are dispatched by an asynchronous invocation of the worker function (its name comes
 * from the environment). Loaded on first dispatch, so the API's cold start does not pay for it.
 */
export function useLambdaDispatcher(functionName = process.env.MAILLAGE_WORKER_FUNCTION): void {
  if (!functionName) return;
  Jobs.useDispatcher(async (job) => {
    const { InvokeCommand, LambdaClient } = await import("@aws-sdk/client-lambda");
    client ??= new LambdaClient({});
    await client.send(
      new InvokeCommand({
        FunctionName: functionName,
        InvocationType: "Event",
        Payload: new TextEncoder().encode(JSON.stringify({ tenantId: job.tenantId, jobId: job.id })),
      }),
    );
  });
}

let client: import("@aws-sdk/client-lambda").LambdaClient | undefined;
