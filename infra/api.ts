/**
 * The API's public entry: an API Gateway HTTP API, chosen over a function URL because per-route
 * throttling protects the on-demand table's bill, payload format 2.0 is what the local invocation test
 * replays (functions/test/lambda.test.ts), and the Router (web.ts) puts it on the console's origin so the
 * strict CSP (`connect-src 'self'`) and SameSite=Strict cookies hold. The function is in handler.ts.
 */
import { logRetention } from "./config";

export const api = new sst.aws.ApiGatewayV2("HttpApi", {
  accessLog: { retention: logRetention },
  transform: {
    stage: (args) => {
      args.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    },
  },
});
