import { createHash } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  createId,
  type Invitation,
  InvitationAccept,
  InvitationCreate,
  type TerritoryRole,
} from "@maillage/schema";
import * as Actor from "./actor";
import { db, Keys, queryAll, Scope, tableName, write } from "./db";
import { MaillageError } from "./error";
import { parse } from "./fn";
import * as Token from "./token";
import * as User from "./user";

const TTL_SECONDS = 7 * 24 * 3600;
const AUDIENCE = "invitation";

function assertMayInvite(territoryId: string) {
  const actor = Actor.use();
  if (actor.type === "system") return;
  if (actor.contextKind === "platform" && actor.role === "operator") return;
  if (actor.contextKind === "territory" && actor.contextId === territoryId && actor.role === "territory_lead")
    return;
  throw new MaillageError("auth.forbidden", "Your role does not allow inviting people here");
}

/**
 * Invites a person into a territory: the invitation, and a pointer from (a hash of) their email that
 * their first Cognito sign-in follows. Locally the API hands out a signed link instead (linkToken).
 */
export async function create(territoryId: string, raw: InvitationCreate): Promise<Invitation> {
  assertMayInvite(territoryId);
  const input = parse(InvitationCreate, raw);
  const id = createId("invitation");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + TTL_SECONDS * 1000).toISOString();
  const item = {
    ...Keys.invitation(territoryId, id),
    type: "invitation",
    id,
    territoryId,
    ...input,
    status: "pending",
    expiresAt,
    invitedBy: Actor.auditId(),
  };
  const pointer = Keys.invited(emailHash(input.email), territoryId, id);
  await Scope.withWrites([pointer.pk], () =>
    write(
      [
        {
          ConditionCheck: { Key: Keys.territory(territoryId), ConditionExpression: "attribute_exists(pk)" },
          onConditionFailed: () => new MaillageError("territory.not_found", "Territory not found"),
        },
        { Put: { Item: item, ConditionExpression: "attribute_not_exists(pk)" } },
        { Put: { Item: { ...pointer, type: "invited", territoryId, invitationId: id, expiresAt } } },
      ],
      [{ contextId: territoryId, action: "invitation.create", entity: id, before: null, after: item }],
      now.toISOString(),
    ),
  );
  return { id, email: input.email, role: input.role, territoryId, expiresAt };
}

/** Accepts an invitation: creates the person if new, grants the membership, closes the invitation. */
/** The signed token of an invitation link (local mode, where no email is sent). */
export function linkToken(invitation: Invitation): Promise<string> {
  return Token.sign(AUDIENCE, invitation.id, { ter: invitation.territoryId }, TTL_SECONDS);
}

export async function accept(raw: { token: string }): Promise<{ userId: string; territoryId: string }> {
  const { token } = parse(InvitationAccept, raw);
  const claims = await Token.verify(token, AUDIENCE).catch(() => {
    throw invalid();
  });
  const territoryId = claims.ter as string;
  const userId = await acceptInvitation(territoryId, claims.sub as string);
  return { userId, territoryId };
}

/**
 * At sign-in through Cognito: accepts every pending invitation sent to this email (the pool sent
 * the person their password; our link was not emailed). Returns the person's id if any was accepted.
 */
export async function acceptPendingFor(email: string): Promise<string | undefined> {
  const pointers = await queryAll<{ territoryId: string; invitationId: string }>({
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": `INVITED#${emailHash(email)}` },
  });
  let userId: string | undefined;
  for (const { territoryId, invitationId } of pointers) {
    try {
      userId = await acceptInvitation(territoryId, invitationId);
    } catch (error) {
      if (!(error instanceof MaillageError)) throw error;
    }
  }
  return userId;
}

const invalid = () =>
  new MaillageError("auth.invitation_invalid", "This invitation link is invalid or expired");

function emailHash(email: string): string {
  return createHash("sha256").update(email.toLowerCase()).digest("hex");
}

/** Creates the person if new, grants the membership, closes the invitation: one transaction. */
async function acceptInvitation(territoryId: string, invitationId: string): Promise<string> {
  const result = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: Keys.invitation(territoryId, invitationId),
      ConsistentRead: true,
    }),
  );
  const invitation = result.Item as
    | { email: string; displayName: string; role: TerritoryRole; status: string; expiresAt: string }
    | undefined;
  if (invitation?.status !== "pending" || invitation.expiresAt < new Date().toISOString()) {
    throw invalid();
  }
  const existing = await User.idByEmail(invitation.email);
  const created = existing
    ? undefined
    : User.createOps({ email: invitation.email, displayName: invitation.displayName });
  const userId = existing ?? created?.user.id ?? "";
  await write(
    [
      ...(created?.ops ?? []),
      User.membershipOp(userId, "territory", territoryId, invitation.role),
      {
        Update: {
          Key: Keys.invitation(territoryId, invitationId),
          UpdateExpression: "SET #status = :accepted, acceptedBy = :user",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":accepted": "accepted", ":pending": "pending", ":user": userId },
        },
        onConditionFailed: invalid,
      },
      { Delete: { Key: Keys.invited(emailHash(invitation.email), territoryId, invitationId) } },
    ],
    [
      {
        contextId: territoryId,
        action: "invitation.accept",
        entity: invitationId,
        before: { status: "pending" },
        after: { status: "accepted", userId, role: invitation.role },
      },
    ],
  );
  return userId;
}
