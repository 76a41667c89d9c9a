import { Invitation as Invitations } from "@maillage/core";
import type { Invitation } from "@maillage/schema";
import type { Context } from "hono";
import type { Pool } from "../config";
import type { Env } from "./types";

/**
 * Delivers an invitation. Local mode has no email: the link is returned and logged (its token is in
 * the URL fragment, so it never reaches a server log). Cognito mode creates the person in the members'
 * pool, which emails them a temporary password; their pending invitations are accepted when they first
 * sign in (http/oauth.ts).
 */
export async function deliverInvitation(c: Context<Env>, invitation: Invitation): Promise<Invitation> {
  const config = c.get("config");
  if (config.auth.mode === "cognito") {
    await createInPool(config.auth.members, invitation.email);
    return invitation;
  }
  const link = `${config.publicUrl}/invitation#token=${await Invitations.linkToken(invitation)}`;
  config.log({ level: "info", msg: "invitation link (local mode)", invitationId: invitation.id, link });
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
    // Already in the pool (invited elsewhere before): they sign in with their password.
    if ((error as { name?: string }).name !== "UsernameExistsException") throw error;
  } finally {
    client.destroy();
  }
}
