import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

let client: DynamoDBDocumentClient | undefined;

/** Table name and endpoint come from the environment, read once. */
export function tableName(): string {
  const name = process.env.MAILLAGE_TABLE;
  if (!name) throw new Error("MAILLAGE_TABLE is not set");
  return name;
}

export function db(): DynamoDBDocumentClient {
  if (!client) {
    const endpoint = process.env.DYNAMODB_ENDPOINT;
    client = DynamoDBDocumentClient.from(
      new DynamoDBClient({
        region: process.env.AWS_REGION ?? "eu-west-3",
        ...(endpoint ? { endpoint } : {}),
      }),
      { marshallOptions: { removeUndefinedValues: true } },
    );
  }
  return client;
}

/** For tests and local tooling that switch endpoints within one process. */
export function resetClient(): void {
  client = undefined;
}
