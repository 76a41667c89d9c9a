import { monotonicFactory } from "ulid";
import * as v from "valibot";

/** Prefixed, sortable identifiers (ULID after the prefix). */
export const prefixes = {
  territory: "ter",
  federation: "fed",
  funder: "fun",
  user: "usr",
  invitation: "inv",
  audit: "aud",
  request: "req",
  job: "job",
  run: "run",
  session: "ses",
  step: "stp",
  partnerScheme: "sch",
  linkWorker: "lwk",
  resource: "res",
  journey: "jrn",
  event: "evt",
  measure: "msr",
} as const;

/**
 * Monotonic within a process: ids created in the same millisecond still sort in creation order
 * (audit entries of one request keep their order).
 */
const ulid = monotonicFactory();

export type IdKind = keyof typeof prefixes;
export type Prefix = (typeof prefixes)[IdKind];

const ULID = "[0-9A-HJKMNP-TV-Z]{26}";

export function createId<K extends IdKind>(kind: K): `${(typeof prefixes)[K]}_${string}` {
  return `${prefixes[kind]}_${ulid()}`;
}

export function idSchema<K extends IdKind>(kind: K) {
  return v.pipe(
    v.string(),
    v.regex(new RegExp(`^${prefixes[kind]}_${ULID}$`), `Expected a ${kind} id (${prefixes[kind]}_…)`),
  );
}

export const TerritoryId = idSchema("territory");
export const FederationId = idSchema("federation");
export const FunderId = idSchema("funder");
export const UserId = idSchema("user");
export const JobId = idSchema("job");
export const StepId = idSchema("step");
export const PartnerSchemeId = idSchema("partnerScheme");
export const LinkWorkerId = idSchema("linkWorker");
export const ResourceId = idSchema("resource");
