import { isProduction } from "./config";

/**
 * The single table: same keys and indexes as packages/core/src/db/table.ts (docs/data-model.md).
 * On-demand capacity, point-in-time recovery, encryption at rest with a KMS key, deletion protection
 * on production (sst.config.ts also retains it there). No stream: nothing consumes one yet.
 */
export const dataKey = new aws.kms.Key("DataKey", {
  description: `Maillage ${$app.stage}: DynamoDB encryption at rest`,
  enableKeyRotation: true,
  deletionWindowInDays: 30,
});

export const table = new sst.aws.Dynamo("Table", {
  fields: {
    pk: "string",
    sk: "string",
    gsi1pk: "string",
    gsi1sk: "string",
    gsi2pk: "string",
    gsi2sk: "string",
  },
  primaryIndex: { hashKey: "pk", rangeKey: "sk" },
  globalIndexes: {
    gsi1: { hashKey: "gsi1pk", rangeKey: "gsi1sk" },
    gsi2: { hashKey: "gsi2pk", rangeKey: "gsi2sk" },
  },
  deletionProtection: isProduction,
  // Expired items (sessions) are removed by DynamoDB, lazily: the code still checks their expiry.
  ttl: "ttl",
  transform: {
    table: (args) => {
      args.billingMode = "PAY_PER_REQUEST";
      args.pointInTimeRecovery = { enabled: true };
      args.serverSideEncryption = { enabled: true, kmsKeyArn: dataKey.arn };
    },
  },
});
