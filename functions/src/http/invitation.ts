import type { Invitation } from "@maillage/schema";
import type { Context } from "hono";
import type { Env } from "./types";

/**
 * The invitation as answered to the inviter. In local mode there is no email: the link is
 * returned and logged (the token is in the URL fragment, so it never reaches a server log).
 * Elsewhere the link is only emailed (not wired yet: Cognito invitations come with deployment).
 */
export function invitationResponse(c: Context<Env>, invitation: Invitation & { token: string }): Invitation {
  const { token, ...rest } = invitation;
  const config = c.get("config");
  if (config.auth.mode !== "local") return rest;
  const link = `${config.publicUrl}/invitation#token=${token}`;
  config.log({ level: "info", msg: "invitation link (local mode)", invitationId: rest.id, link });
  return { ...rest, link };
}
