import { Jobs } from "@maillage/core";
import type { Config } from "../config";
import { fileStore } from "../files";
import { IMPORTABLE, type ImportInput } from "./spec";

/**
 * The import jobs (one kind per importable entity), registered by the API (local runs, tests) and by
 * the worker (AWS). The parser, the validators' glue and the batch plan live in engine.ts, loaded when a
 * job first runs: the API's cold start does not pay for them.
 */
export function registerImportJobs(config: Config): void {
  const files = fileStore(config.files);
  for (const spec of Object.values(IMPORTABLE)) {
    Jobs.register(spec.kind, async ({ job, progress }) => {
      const { runImport } = await import("./engine");
      return runImport(job.tenantId, job.input as unknown as ImportInput, files, progress);
    });
  }
}
