import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/**
 * The single table. Every key is a string; see docs/data-model.md for the access patterns.
 * Infra (infra/storage.ts) declares the same keys and index.
 */
export const tableKeys = {
  partition: "pk",
  sort: "sk",
  indexes: {
    gsi1: { partition: "gsi1pk", sort: "gsi1sk" },
    gsi2: { partition: "gsi2pk", sort: "gsi2sk" },
  },
} as const;

export function createTableInput(TableName: string): CreateTableCommandInput {
  return {
    TableName,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" },
      { AttributeName: "sk", AttributeType: "S" },
      { AttributeName: "gsi1pk", AttributeType: "S" },
      { AttributeName: "gsi1sk", AttributeType: "S" },
      { AttributeName: "gsi2pk", AttributeType: "S" },
      { AttributeName: "gsi2sk", AttributeType: "S" },
    ],
    KeySchema: [
      { AttributeName: "pk", KeyType: "HASH" },
      { AttributeName: "sk", KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: "gsi1",
        KeySchema: [
          { AttributeName: "gsi1pk", KeyType: "HASH" },
          { AttributeName: "gsi1sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
      {
        IndexName: "gsi2",
        KeySchema: [
          { AttributeName: "gsi2pk", KeyType: "HASH" },
          { AttributeName: "gsi2sk", KeyType: "RANGE" },
        ],
        Projection: { ProjectionType: "ALL" },
      },
    ],
  };
}
