import { members } from "./auth";
import { logRetention } from "./config";
import { files } from "./files";
import { apiRole, tenantRole } from "./iam";
import { logKey } from "./logs";
import { table } from "./storage";

/**
 * The job worker (functions/src/worker.ts): invoked asynchronously by the API after a commit, and by
 * a sweep every 5 minutes for jobs left queued. Same role as the API (it may only assume the tenant
 * role, narrowed per tenant), 15 minutes to run an import of 10,000 rows (the batch path checkpoints,
 * so a timeout resumes instead of starting over).
 */
export const worker = new sst.aws.Function("Worker", {
  handler: "functions/src/worker.handler",
  runtime: "nodejs22.x",
  architecture: "arm64",
  memory: "1024 MB",
  timeout: "15 minutes",
  role: apiRole.arn,
  logging: { retention: logRetention, format: "json" },
  nodejs: {
    format: "esm",
    minify: true,
    splitting: true,
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
    MAILLAGE_COMMUNES_CSV: "data/grille-densite-communes.csv",
    MAILLAGE_FILES_BUCKET: files.name,
    COGNITO_ISSUER: members.issuer,
    COGNITO_CLIENT_ID: members.client.id,
  },
  transform: {
    logGroup: (args) => {
      args.kmsKeyId = logKey.arn;
    },
  },
});

new sst.aws.Cron("JobSweep", { schedule: "rate(5 minutes)", function: worker.arn });

/** The API (and the worker, for retries) may invoke the worker, and read and write files. */
new aws.iam.RolePolicy("ApiRoleJobs", {
  role: apiRole.id,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      { effect: "Allow", actions: ["lambda:InvokeFunction"], resources: [worker.arn] },
      {
        effect: "Allow",
        actions: ["s3:GetObject", "s3:PutObject"],
        resources: [$interpolate`${files.arn}/*`],
      },
    ],
  }).json,
});
