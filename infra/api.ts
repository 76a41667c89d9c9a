import { table } from "./storage";

/** The Hono API on Lambda (functions/src/lambda.ts). Auth, IAM tenant isolation: deployment issue. */
export const api = new sst.aws.Function("Api", {
  handler: "functions/src/lambda.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  url: true,
  link: [table],
  environment: {
    MAILLAGE_STAGE: $app.stage,
    MAILLAGE_AUTH: "cognito",
    MAILLAGE_TABLE: table.name,
  },
});
