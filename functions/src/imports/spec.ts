/**
 * What can be imported and exported, by the path segment of its routes. Light (no parser here): the
 * routes read it at start-up; the parsers and writers are loaded on first use (engine.ts, downloads.ts).
 */
export const IMPORTABLE = {
  resources: {
    kind: "import.resources",
    action: "resource.import",
    sheet: "Ressources",
    file: "ressources",
    formats: ["csv", "xlsx", "data-inclusion"],
    exported: true,
  },
  "link-workers": {
    kind: "import.link-workers",
    action: "link_worker.import",
    sheet: "Agents de liaison",
    file: "agents-de-liaison",
    formats: ["csv", "xlsx"],
    exported: true,
  },
  journeys: {
    kind: "import.journeys",
    action: "journey.import",
    sheet: "Parcours",
    file: "parcours",
    formats: ["csv", "xlsx"],
    /** Journeys are imported only: an export of individual journeys is not offered here. */
    exported: false,
  },
} as const;

export type Importable = keyof typeof IMPORTABLE;
/** The entities whose records can be exported with the same columns. */
export type Exportable = {
  [K in Importable]: (typeof IMPORTABLE)[K]["exported"] extends true ? K : never;
}[Importable];
export type ImportFormat = "csv" | "xlsx" | "data-inclusion";

export interface ImportInput {
  entity: Importable;
  format: ImportFormat;
  fileKey: string;
  fileHash: string;
  dryRun: boolean;
  /** Commits: the batch run, derived from the territory and the Idempotency-Key. */
  runId?: string;
}

/** At most this many row errors in a report (a job's result is one DynamoDB item); the count is exact. */
export const MAX_REPORTED_ERRORS = 500;
export const MAX_REPORTED_UNMAPPED = 200;
