import { api } from "./api";
import { members, operators } from "./auth";
import { logRetention } from "./config";
import { apiRole, tenantRole } from "./iam";
import { worker } from "./jobs";
import { logKey } from "./logs";
import { table } from "./storage";
import { publicUrl } from "./web";

/**
 * The Hono API (functions/src/lambda.ts) on Lambda, Node.js 22 on arm64. Its role has no DynamoDB
 * access of its own (iam.ts). `@aws-sdk/*` comes from the runtime, except the credential providers and
 * the Cognito client, installed with the function so they do not depend on the runtime's set.
 */
export const apiFunction = new sst.aws.Function("Api", {
  handler: "functions/src/lambda.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  memory: "1024 MB",
  timeout: "15 seconds",
  role: apiRole.arn,
  logging: { retention: logRetention, format: "json" },
  nodejs: {
    format: "esm",
    minify: true,
    install: ["@aws-sdk/credential-providers", "@aws-sdk/client-cognito-identity-provider"],
  },
  copyFiles: [
    { from: "packages/core/data/grille-densite-communes.csv", to: "data/grille-densite-communes.csv" },
  ],
  environment: {
    MAILLAGE_STAGE: $app.stage,
    MAILLAGE_AUTH: "cognito",
    MAILLAGE_TABLE: table.name,
    MAILLAGE_TABLE_ARN: table.arn,
    MAILLAGE_TENANT_ROLE_ARN: tenantRole.arn,
    MAILLAGE_WORKER_FUNCTION: worker.name,
    MAILLAGE_COMMUNES_CSV: "data/grille-densite-communes.csv",
    MAILLAGE_PUBLIC_URL: publicUrl,
    COGNITO_ISSUER: members.issuer,
    COGNITO_CLIENT_ID: members.client.id,
    COGNITO_DOMAIN: members.domainUrl ?? "",
    COGNITO_OPERATOR_ISSUER: operators.issuer,
    COGNITO_OPERATOR_CLIENT_ID: operators.client.id,
    COGNITO_OPERATOR_DOMAIN: operators.domainUrl ?? "",
  },
  transform: {
    logGroup: (args) => {
      args.kmsKeyId = logKey.arn;
    },
  },
});

api.route("$default", apiFunction.arn);

/** Invitations create the invited person in the members' pool (functions/src/http/invitation.ts). */
new aws.iam.RolePolicy("ApiRoleInvite", {
  role: apiRole.id,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      { effect: "Allow", actions: ["cognito-idp:AdminCreateUser"], resources: [members.userPool.arn] },
    ],
  }).json,
});
