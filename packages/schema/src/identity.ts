import * as v from "valibot";
import { UserId } from "./ids";
import { message } from "./messages";
import { ContextKind, Role, TerritoryRole } from "./roles";

export const Email = v.pipe(
  v.string(),
  v.trim(),
  v.toLowerCase(),
  v.maxLength(254, message("email.too_long")),
  v.email(message("email.format")),
);

export const User = v.object({
  id: UserId,
  email: v.string(),
  displayName: v.string(),
});
export type User = v.InferOutput<typeof User>;

export const Membership = v.object({
  userId: UserId,
  contextKind: ContextKind,
  /** Territory, federation or funder id; "platform" for the operator. */
  contextId: v.string(),
  contextName: v.string(),
  role: Role,
  createdAt: v.string(),
});
export type Membership = v.InferOutput<typeof Membership>;

export const Me = v.object({ user: User, memberships: v.array(Membership) });
export type Me = v.InferOutput<typeof Me>;

export const InvitationCreate = v.object({
  email: Email,
  displayName: v.pipe(
    v.string(),
    v.trim(),
    v.minLength(2, message("display_name.too_short")),
    v.maxLength(120, message("display_name.too_long")),
  ),
  role: TerritoryRole,
});
export type InvitationCreate = v.InferOutput<typeof InvitationCreate>;

export const Invitation = v.object({
  id: v.string(),
  email: v.string(),
  role: TerritoryRole,
  territoryId: v.string(),
  expiresAt: v.string(),
  /** The job delivering it (Cognito account and e-mail), to poll. */
  deliveryJobId: v.optional(v.string()),
  /** Only in local mode: the link that would have been emailed. */
  link: v.optional(v.string()),
});
export type Invitation = v.InferOutput<typeof Invitation>;

export const InvitationAccept = v.object({ token: v.pipe(v.string(), v.minLength(20), v.maxLength(4000)) });

export const DevSignIn = v.object({ userId: UserId });

/** An invitation as its territory's lead and the operator follow it up. */
export const InvitationSummary = v.object({
  id: v.string(),
  email: v.string(),
  displayName: v.string(),
  role: TerritoryRole,
  status: v.picklist(["pending", "accepted", "revoked"]),
  expired: v.boolean(),
  expiresAt: v.string(),
  createdAt: v.string(),
  deliveredAt: v.nullable(v.string()),
});
export type InvitationSummary = v.InferOutput<typeof InvitationSummary>;
