import { Invitation as Invitations, Jobs } from "@maillage/core";
import type { Invitation } from "@maillage/schema";
import type { Context } from "hono";
import type { Config, Pool } from "../config";
import type { Env } from "./types";

/**
 * Cognito mode: the delivery job creates the person in the members' pool, which emails them a
 * temporary password; their pending invitations are accepted when they first sign in (http/oauth.ts).
 * The job runs after the invitation committed and retries on failure; creating a user that already
 * exists counts as done, so a retry never sends a second e-mail and a failure never loses one.
 */
export function registerInvitationDelivery(config: Config): void {
  const auth = config.auth;
  if (auth.mode !== "cognito") return;
  Jobs.register(Invitations.DELIVERY_JOB, async ({ job }) => {
    const invitationId = String(job.input.invitationId);
    const invitation = await Invitations.forDelivery(job.tenantId, invitationId);
    if (invitation?.status !== "pending") return { skipped: "not_pending" };
    await createInPool(auth.members, invitation.email);
    await Invitations.markDelivered(job.tenantId, invitationId, "cognito");
    return { via: "cognito" };
  });
}

/**
 * The API's answer to an invitation. Local mode has no e-mail: the link is returned in the response
 * (and shown by the console) — never logged, since its token opens the invitation.
 */
export async function deliverInvitation(c: Context<Env>, invitation: Invitation): Promise<Invitation> {
  const config = c.get("config");
  if (config.auth.mode === "cognito") return invitation;
  const link = `${config.publicUrl}/invitation#token=${await Invitations.linkToken(invitation)}`;
  return { ...invitation, link };
}

async function createInPool(pool: Pool, email: string): Promise<void> {
  // Loaded on first use: importing the Cognito client up front costs ~90 ms on every cold start
  // (measured by `npm run bench`), for an action taken a few times a month.
  const { AdminCreateUserCommand, CognitoIdentityProviderClient } = await import(
    "@aws-sdk/client-cognito-identity-provider"
  );
  // issuer: https://cognito-idp.<region>.amazonaws.com/<user pool id>
  const issuer = new URL(pool.issuer);
  const region = issuer.hostname.split(".")[1];
  const client = new CognitoIdentityProviderClient({
    ...(region ? { region } : {}),
    ...(pool.idpEndpoint ? { endpoint: pool.idpEndpoint } : {}),
    maxAttempts: 1,
  });
  try {
    await client.send(
      new AdminCreateUserCommand({
        UserPoolId: issuer.pathname.slice(1),
        Username: email,
        UserAttributes: [
          { Name: "email", Value: email },
          { Name: "email_verified", Value: "true" },
        ],
        DesiredDeliveryMediums: ["EMAIL"],
      }),
    );
  } catch (error) {
    // Already in the pool (invited elsewhere before, or a retry after a lost answer): done.
    if ((error as { name?: string }).name !== "UsernameExistsException") throw error;
  } finally {
    client.destroy();
  }
}
