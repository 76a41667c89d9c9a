/**
 * Every error the API can answer, by dotted code, with its HTTP status.
 * The one place where a code is mapped to a status (the API's onError reads it).
 */
export const errorCodes = {
  "input.invalid": 400,
  "auth.required": 401,
  "auth.session_expired": 401,
  "auth.forbidden": 403,
  "auth.csrf": 403,
  "auth.unknown_user": 403,
  "auth.invitation_invalid": 400,
  "route.not_found": 404,
  "territory.not_found": 404,
  "federation.not_found": 404,
  "funder.not_found": 404,
  "territory.version_conflict": 409,
  "federation.version_conflict": 409,
  "funder.version_conflict": 409,
  "membership.already_exists": 409,
  "attachment.already_exists": 409,
  internal: 500,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldIssue {
  path: string;
  message: string;
}

/** The body of every error response. */
export interface ErrorBody {
  code: ErrorCode;
  message: string;
  requestId: string;
  issues?: FieldIssue[];
  current?: unknown;
}
