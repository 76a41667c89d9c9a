import * as Local from "@maillage/core/local";
import type { TestProject } from "vitest/node";

/** One in-memory DynamoDB Local for the whole run, on a free port; one table per test file. */
export default async function setup(project: TestProject) {
  const store = await Local.start();
  project.provide("dynamoEndpoint", store.endpoint);
  return () => store.stop();
}

declare module "vitest" {
  export interface ProvidedContext {
    dynamoEndpoint: string;
  }
}
