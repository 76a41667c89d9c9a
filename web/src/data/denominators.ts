import type { DenominatorsPreview, DenominatorsUpdate } from "@maillage/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { call, client } from "../api";
import { historyKeys } from "./history";
import { territoryKeys } from "./territory";

export const denominatorKeys = {
  one: (territoryId: string) => ["territories", territoryId, "denominators"] as const,
};

const denominators = client.api.territories[":territoryId"].denominators;

/** The API refuses larger files (functions/src/api/denominators.ts, DENOMINATORS_FILE_MAX_BYTES). */
export const DENOMINATORS_FILE_MAX_BYTES = 256 * 1024;

export const DENOMINATOR_MEDIA = {
  csv: "text/csv",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;
export type DenominatorFormat = keyof typeof DENOMINATOR_MEDIA;

/** The format of a chosen file, from its extension (undefined: neither CSV nor XLSX). */
export function formatOfFile(name: string): DenominatorFormat | undefined {
  const extension = name.toLowerCase().split(".").pop();
  return extension === "csv" || extension === "xlsx" ? extension : undefined;
}

const base = (territoryId: string) => `/api/territories/${encodeURIComponent(territoryId)}/denominators`;

/** The template's address (a download: the session cookie goes with it). */
export const templateUrl = (territoryId: string) => `${base(territoryId)}/template.csv`;

export function createDenominators(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: denominatorKeys.one(territoryId()),
    queryFn: () => call(denominators.$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createSaveDenominators(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: DenominatorsUpdate) =>
      call(denominators.$put({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved) => {
      queryClient.setQueryData(denominatorKeys.one(territoryId()), saved);
      void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: historyKeys.all(territoryId()) });
    },
  }));
}

/** Reads a file on the server (the raw body): the figures it gives and its problems; nothing is saved. */
export function previewFile(territoryId: string, file: Blob, format: DenominatorFormat) {
  const sent = fetch(`${base(territoryId)}/import?format=${format}`, {
    method: "POST",
    credentials: "same-origin",
    headers: { "content-type": DENOMINATOR_MEDIA[format] },
    body: file,
  }) as Promise<Omit<Response, "json"> & { json(): Promise<DenominatorsPreview> }>;
  return call(sent);
}
