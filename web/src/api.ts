import { createClient } from "@maillage/functions/client";
import type { ErrorBody, ErrorCode, FieldIssue } from "@maillage/schema";

/** The typed API client (same origin, session cookie). */
export const client = createClient(location.origin);

export type ApiErrorCode = ErrorCode | "network" | "unknown";

/** A non-OK answer from the API, with what the console needs to explain it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly requestId: string | undefined,
    readonly issues: FieldIssue[],
    readonly current: unknown,
    /** `period.locked`: the locked periods the refused change would alter. */
    readonly periods: string[] = [],
  ) {
    super(message);
    this.name = "ApiError";
  }

  get unauthorized() {
    return this.status === 401;
  }
}

interface Answer<T> {
  ok: boolean;
  status: number;
  statusText: string;
  json(): Promise<T>;
}

/** Awaits a client call: the typed body when OK, otherwise throws an ApiError. */
export async function call<T>(request: Promise<Answer<T>>): Promise<T> {
  let response: Answer<T>;
  try {
    response = await request;
  } catch (error) {
    throw new ApiError(0, "network", String(error), undefined, [], undefined);
  }
  if (response.ok) return response.status === 204 ? (undefined as T) : response.json();
  let body: Partial<ErrorBody> = {};
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    // Not JSON (a proxy's error page): the status alone explains it.
  }
  throw new ApiError(
    response.status,
    body.code ?? "unknown",
    body.message ?? response.statusText,
    body.requestId,
    body.issues ?? [],
    body.current,
    (body as { periods?: string[] }).periods ?? [],
  );
}

export function isApiError(error: unknown, code?: ApiErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
