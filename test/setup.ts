import { randomUUID } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as Local from "@maillage/core/local";
import { beforeAll, inject } from "vitest";

Local.useLocalAwsEnvironment();
process.env.DYNAMODB_ENDPOINT = inject("dynamoEndpoint");
process.env.MAILLAGE_TABLE = `test-${randomUUID()}`;
process.env.MAILLAGE_SESSION_SECRET ??= "test-secret-test-secret-test-secret-0123";
// Uploads and exports of this test file (imports): a temporary directory, never `.data/files`.
process.env.MAILLAGE_FILES_DIR = mkdtempSync(join(tmpdir(), "maillage-files-"));

beforeAll(async () => {
  await Local.ensureTable(inject("dynamoEndpoint"), process.env.MAILLAGE_TABLE ?? "");
});
