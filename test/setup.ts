import { randomUUID } from "node:crypto";
import * as Local from "@maillage/core/local";
import { beforeAll, inject } from "vitest";

Local.useLocalAwsEnvironment();
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.MAILLAGE_TABLE = `test-${randomUUID()}`;
process.env.MAILLAGE_SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123";

beforeAll(async () => {
  await Local.ensureTable(inject("dynamoEndpoint"), process.env.MAILLAGE_TABLE ?? "");
});
