import { issuer, membersClient, operatorIssuer, operatorsClient } from "./auth";
import { domain, logRetention } from "./config";
import { apiRole, tenantRole } from "./iam";
import { logKey } from "./logs";
import { table } from "./storage";

/**
 * The Hono API (functions/src/lambda.ts) on Lambda, Node.js 22 on arm64, behind an API Gateway
 * HTTP API. Chosen over a function URL: per-route throttling protects the on-demand table's bill,
 * payload format 2.0 is what the local invocation test replays, and the Router (web.ts) puts it on
 * the console's origin so the strict CSP (`connect-src 'self'`) holds.
 */
export const apiFunction = new sst.aws.Function("Api", {
  handler: "functions/src/lambda.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  memory: "1024 MB",
  timeout: "15 seconds",
  role: apiRole.arn,
  logging: { retention: logRetention, format: "json" },
  nodejs: { format: "esm", minify: true },
  copyFiles: [
    { from: "packages/core/data/grille-densite-communes.csv", to: "data/grille-densite-communes.csv" },
  ],
  environment: {
    MAILLAGE_STAGE: $app.stage,
    MAILLAGE_AUTH: "cognito",
    MAILLAGE_TABLE: table.name,
    MAILLAGE_TABLE_ARN: table.arn,
    MAILLAGE_TENANT_ROLE_ARN: tenantRole.arn,
    MAILLAGE_COMMUNES_CSV: "data/grille-densite-communes.csv",
    MAILLAGE_PUBLIC_URL: domain ? `https://${domain}` : "",
    COGNITO_ISSUER: issuer,
    COGNITO_CLIENT_ID: membersClient.id,
    COGNITO_OPERATOR_ISSUER: operatorIssuer,
    COGNITO_OPERATOR_CLIENT_ID: operatorsClient.id,
  },
  transform: {
    logGroup: (args) => {
      args.kmsKeyId = logKey.arn;
    },
  },
});

export const api = new sst.aws.ApiGatewayV2("HttpApi", {
  accessLog: { retention: logRetention },
  transform: {
    stage: (args) => {
      args.defaultRouteSettings = { throttlingBurstLimit: 200, throttlingRateLimit: 100 };
    },
  },
});
api.route("$default", apiFunction.arn);
