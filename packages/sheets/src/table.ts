import { CsvTooLarge, readCsv } from "./csv";
import { readXlsx, type SheetRow, XlsxError } from "./xlsx";

export class FileError extends Error {
  override name = "FileError";
  /** A French sentence for the import report. */
  constructor(readonly reason: string) {
    super(reason);
  }
}

export const MAX_ROWS = 20_000;

/** The rows of an uploaded CSV or XLSX file, numbered as the spreadsheet shows them (header = 1). */
export function readTable(bytes: Uint8Array, format: "csv" | "xlsx"): SheetRow[] {
  try {
    if (format === "xlsx") return readXlsx(bytes, { maxRows: MAX_ROWS + 1 });
    const { records } = readCsv(bytes, { maxRecords: MAX_ROWS + 1 });
    return records.map((cells, i) => ({ line: i + 1, cells }));
  } catch (error) {
    if (error instanceof CsvTooLarge || (error instanceof XlsxError && /rows/.test(error.message))) {
      throw new FileError(
        `Le fichier dépasse ${MAX_ROWS.toLocaleString("fr-FR")} lignes : découpez-le en plusieurs fichiers.`,
      );
    }
    if (error instanceof XlsxError) {
      throw new FileError(
        "Ce fichier n'est pas un classeur XLSX lisible : enregistrez-le au format Excel (.xlsx) ou CSV.",
      );
    }
    throw error;
  }
}
