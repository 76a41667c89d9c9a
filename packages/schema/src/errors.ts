/**
 * Every error the API can answer, by dotted code, with its HTTP status.
 * The one place where a code is mapped to a status (the API's onError reads it).
 */
export const errorCodes = {
  "input.invalid": 400,
  /** The body is over the route's limit (JSON or upload), refused before it is parsed. */
  "input.too_large": 413,
  /** An upload whose Content-Type is not one the route accepts. */
  "input.unsupported_type": 415,
  "auth.required": 401,
  "auth.session_expired": 401,
  "auth.forbidden": 403,
  "auth.csrf": 403,
  "auth.unknown_user": 403,
  /** Cognito: the ID token's e-mail is not verified (`email_verified` is not true). */
  "auth.email_unverified": 403,
  /** Cognito: the e-mail names a person already bound to another identity (`sub`) of the same pool. */
  "auth.identity_conflict": 403,
  "auth.invitation_invalid": 400,
  "auth.invitation_sign_in": 403,
  "route.not_found": 404,
  "territory.not_found": 404,
  "federation.not_found": 404,
  "funder.not_found": 404,
  "territory.version_conflict": 409,
  "federation.version_conflict": 409,
  "funder.version_conflict": 409,
  "membership.already_exists": 409,
  "member.not_found": 404,
  /** A territory keeps at least one lead: its last lead cannot be removed. */
  "member.last_lead": 409,
  "attachment.already_exists": 409,
  "attachment.not_found": 404,
  "job.not_found": 404,
  "batch.conflict": 409,
  "pathway.version_conflict": 409,
  "referral_settings.version_conflict": 409,
  "denominators.version_conflict": 409,
  "indicator.not_found": 404,
  "indicator_settings.version_conflict": 409,
  "indicator_value.version_conflict": 409,
  /** A change to a locked period's figures (a journey, a manual value): unlock it first, with a reason. */
  "period.locked": 409,
  "period.already_locked": 409,
  "period.not_locked": 404,
  /** The territory's rollups are being recomputed: writes that would change them wait until it is done. */
  "indicators.rebuilding": 409,
  "partner_scheme.not_found": 404,
  "partner_scheme.version_conflict": 409,
  "link_worker.not_found": 404,
  "link_worker.version_conflict": 409,
  /** Another link worker of the territory has this reference (the spreadsheet's stable key). */
  "link_worker.reference_taken": 409,
  "resource.not_found": 404,
  "resource.version_conflict": 409,
  /** Another resource of the territory has this reference. */
  "resource.reference_taken": 409,
  "journey.not_found": 404,
  "journey.version_conflict": 409,
  /** Another journey of the territory has this external reference. */
  "journey.reference_taken": 409,
  "journey_settings.version_conflict": 409,
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
