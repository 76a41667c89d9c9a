import type { ErrorCode, FieldIssue } from "@maillage/schema";

/** The one error type the product throws on purpose; the API maps `code` to a status. */
export class MaillageError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** `periods`: the locked periods a refused change would alter (`period.locked`). */
    readonly details: { issues?: FieldIssue[]; current?: unknown; periods?: string[] } = {},
  ) {
    super(message);
    this.name = "MaillageError";
  }
}
