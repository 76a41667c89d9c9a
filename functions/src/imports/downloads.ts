import { LinkWorkers, Resources } from "@maillage/core";
import { exportSheet, template } from "@maillage/sheets";
import { type ExportedResource, exportDataInclusion } from "@maillage/sheets/data-inclusion";
import { journeyColumns, linkWorkerColumns, resourceColumns } from "@maillage/sheets/entities";
import { type Exportable, IMPORTABLE, type Importable } from "./spec";

/** Templates and exports (loaded by their routes on first use). */
const COLUMNS = {
  resources: resourceColumns,
  "link-workers": linkWorkerColumns,
  journeys: journeyColumns,
} as const;
const columnsOf = (entity: Importable) => COLUMNS[entity];

export function templateOf(entity: Importable, format: "csv" | "xlsx"): Uint8Array {
  return template(IMPORTABLE[entity].sheet, columnsOf(entity), format);
}

export async function exportOf(
  entity: Exportable,
  format: "csv" | "xlsx" | "data-inclusion",
): Promise<Uint8Array> {
  const records =
    entity === "resources"
      ? [...(await Resources.listAll())].sort((a, b) => a.reference.localeCompare(b.reference))
      : [...(await LinkWorkers.listAll())].sort((a, b) => a.reference.localeCompare(b.reference));
  if (format === "data-inclusion") {
    const document = exportDataInclusion(records as unknown as ExportedResource[]);
    return new TextEncoder().encode(`${JSON.stringify(document, null, 1)}\n`);
  }
  return exportSheet(IMPORTABLE[entity].sheet, columnsOf(entity), records, format);
}
