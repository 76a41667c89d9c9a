import type { Job } from "@maillage/schema";
import { useQuery } from "@tanstack/solid-query";
import { call, client } from "../api";

/** What can be imported and exported, by the API's path segment. */
export type Importable = "resources" | "link-workers" | "journeys";
export type ImportFormat = "csv" | "xlsx" | "data-inclusion";

const territory = client.api.territories[":territoryId"];

/** The formats each import accepts, and the media type each one travels as. */
export const IMPORT_FORMATS: Record<Importable, readonly ImportFormat[]> = {
  resources: ["csv", "xlsx", "data-inclusion"],
  "link-workers": ["csv", "xlsx"],
  journeys: ["csv", "xlsx"],
};
export const MEDIA_TYPES: Record<ImportFormat, string> = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "data-inclusion": "application/json",
};
/** The API refuses larger uploads (functions/src/api/imports.ts, IMPORT_MAX_BYTES). */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;

/** The format of a chosen file, from its extension (undefined: not one this import reads). */
export function formatOfFile(entity: Importable, name: string): ImportFormat | undefined {
  const extension = name.toLowerCase().split(".").pop() ?? "";
  const format: ImportFormat | undefined =
    extension === "csv"
      ? "csv"
      : extension === "xlsx"
        ? "xlsx"
        : extension === "json"
          ? "data-inclusion"
          : undefined;
  return format && IMPORT_FORMATS[entity].includes(format) ? format : undefined;
}

/**
 * The import routes are declared once for both entities (functions/src/api/imports.ts, `routesOf`), so
 * the typed client does not know their paths: they are written here, as the route table declares them.
 */
const base = (entity: Importable, territoryId: string) =>
  `/api/territories/${encodeURIComponent(territoryId)}/${entity}`;

/** The template's address (a download: the session cookie goes with it). */
export function templateUrl(entity: Importable, territoryId: string, format: "csv" | "xlsx"): string {
  return `${base(entity, territoryId)}/template?format=${format}`;
}

export function exportUrl(entity: Importable, territoryId: string, format: ImportFormat): string {
  return `${base(entity, territoryId)}/export?format=${format}`;
}

export interface ImportRequest {
  entity: Importable;
  territoryId: string;
  file: Blob;
  format: ImportFormat;
  dryRun: boolean;
  /** Commits only: the same key for the same file choice, so that a retried commit is the same job. */
  idempotencyKey?: string;
}

/** Sends the file (the raw body) and answers the job to poll, from the 202's Location header. */
export async function startImport(request: ImportRequest): Promise<string> {
  const query = new URLSearchParams({ format: request.format, dryRun: request.dryRun ? "true" : "false" });
  let location: string | null = null;
  const sent = fetch(`${base(request.entity, request.territoryId)}/import?${query}`, {
    method: "POST",
    credentials: "same-origin",
    headers: {
      "content-type": MEDIA_TYPES[request.format],
      ...(request.idempotencyKey ? { "idempotency-key": request.idempotencyKey } : {}),
    },
    body: request.file,
  }).then((response) => {
    location = response.headers.get("location");
    return response as Omit<Response, "json"> & { json(): Promise<{ jobId: string; dryRun: boolean }> };
  });
  const accepted = await call(sent);
  return (location as string | null)?.split("/").pop() || accepted.jobId;
}

export const jobKeys = {
  one: (territoryId: string, jobId: string) => ["territories", territoryId, "jobs", jobId] as const,
};

const POLL_MS = 400;
const isDone = (job: Job | undefined) => job?.status === "succeeded" || job?.status === "failed";

/** A job, polled until it has succeeded or failed. */
export function createJob(territoryId: () => string, jobId: () => string | undefined) {
  return useQuery(() => ({
    queryKey: jobKeys.one(territoryId(), jobId() ?? ""),
    queryFn: () =>
      call(territory.jobs[":jobId"].$get({ param: { territoryId: territoryId(), jobId: jobId() ?? "" } })),
    enabled: Boolean(jobId()),
    staleTime: 0,
    refetchInterval: (query) => (isDone(query.state.data) ? false : POLL_MS),
  }));
}
