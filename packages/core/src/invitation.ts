import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { createId, type Invitation, InvitationAccept, InvitationCreate } from "@maillage/schema";
import * as Actor from "./actor";
import { all, db, Scope, tableName, write } from "./db";
import { InvitationEntity, InvitedPointerEntity } from "./entities";
import { MaillageError } from "./error";
import { parse } from "./fn";
import * as Jobs from "./jobs";
import * as Token from "./token";
import * as User from "./user";

const TTL_SECONDS = 7 * 24 * 3600;
const AUDIENCE = "invitation";
export const DELIVERY_JOB = "invitation.deliver";

function assertMayInvite(territoryId: string) {
  const actor = Actor.use();
  if (actor.type === "system") return;
  if (actor.contextKind === "platform" && actor.role === "operator") return;
  if (actor.contextKind === "territory" && actor.contextId === territoryId && actor.role === "territory_lead")
    return;
  throw new MaillageError("auth.forbidden", "Your role does not allow inviting people here");
}

/**
 * Invites a person into a territory: the invitation, a pointer from (a hash of) their email that their
 * first Cognito sign-in follows, and the job that delivers it (Cognito account and e-mail), in one
 * transaction. The job runs after commit and retries; its side effect is idempotent.
 */
export async function create(territoryId: string, raw: InvitationCreate): Promise<Invitation> {
  assertMayInvite(territoryId);
  const input = parse(InvitationCreate, raw);
  const id = createId("invitation");
  const now = new Date();
  const expiresAt = new Date(now.getTime() + TTL_SECONDS * 1000).toISOString();
  const delivery = Jobs.enqueue(territoryId, DELIVERY_JOB, { invitationId: id }, now);
  const item = {
    id,
    territoryId,
    ...input,
    status: "pending" as const,
    expiresAt,
    invitedBy: Actor.auditId(),
    createdAt: now.toISOString(),
    deliveryJobId: delivery.job.id,
  };
  const pointer = InvitedPointerEntity.key(User.emailHash(input.email), territoryId, id);
  await Scope.withWrites([pointer.pk], () =>
    write(
      [
        {
          ConditionCheck: {
            Key: { pk: territoryId, sk: "TERRITORY" },
            ConditionExpression: "attribute_exists(pk)",
          },
          onConditionFailed: () => new MaillageError("territory.not_found", "Territory not found"),
        },
        {
          Put: {
            Item: InvitationEntity.item([territoryId, id], item),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            Item: InvitedPointerEntity.item([User.emailHash(input.email), territoryId, id], {
              territoryId,
              invitationId: id,
              expiresAt,
            }),
          },
        },
        delivery.op,
      ],
      [
        {
          contextId: territoryId,
          action: "invitation.create",
          entityType: "invitation",
          entity: id,
          entityLabel: input.displayName,
          changes: [{ field: "role", before: null, after: input.role }],
        },
      ],
      now,
    ),
  );
  await Jobs.dispatch(delivery.job);
  return { id, email: input.email, role: input.role, territoryId, expiresAt, deliveryJobId: delivery.job.id };
}

/** The invitation a delivery job delivers (the job runs in the territory's scope). */
export async function forDelivery(territoryId: string, invitationId: string) {
  return InvitationEntity.get([territoryId, invitationId], { consistent: true });
}

/** Records that the delivery happened (idempotent: a retry rewrites the same fact). */
export async function markDelivered(territoryId: string, invitationId: string, via: string): Promise<void> {
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: InvitationEntity.key(territoryId, invitationId),
      UpdateExpression: "SET deliveredAt = if_not_exists(deliveredAt, :now), deliveredVia = :via",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":now": new Date().toISOString(), ":via": via },
    }),
  );
}

/** The signed token of an invitation link (local mode, where no email is sent). */
export function linkToken(invitation: Invitation): Promise<string> {
  return Token.sign(AUDIENCE, invitation.id, { ter: invitation.territoryId }, TTL_SECONDS);
}

/**
 * Accepts an invitation link. When the invited address already belongs to a person, only that person,
 * signed in, may accept it: a token never opens a session for an existing account. `created` tells
 * the caller whether a new person was created (only then may it open their first session).
 */
export async function accept(
  raw: { token: string },
  signedInUserId?: string,
): Promise<{ userId: string; territoryId: string; created: boolean }> {
  const { token } = parse(InvitationAccept, raw);
  const claims = await Token.verify(token, AUDIENCE).catch(() => {
    throw invalid();
  });
  const territoryId = claims.ter as string;
  const result = await acceptInvitation(territoryId, claims.sub as string, signedInUserId ?? null);
  return { ...result, territoryId };
}

/**
 * At sign-in through Cognito: accepts every pending invitation sent to this (verified) email, for the
 * person this identity resolved to. Returns the person's id if any was accepted.
 */
export async function acceptPendingFor(email: string, userId?: string): Promise<string | undefined> {
  const pointers = await Scope.identity(() =>
    all(InvitedPointerEntity, { partition: `INVITED#${User.emailHash(email)}` }),
  );
  let accepted: string | undefined;
  for (const { territoryId, invitationId } of pointers) {
    try {
      accepted = (await acceptInvitation(territoryId, invitationId, userId ?? null, "sign-in")).userId;
    } catch (error) {
      if (!(error instanceof MaillageError)) throw error;
    }
  }
  return accepted;
}

const invalid = () =>
  new MaillageError("auth.invitation_invalid", "This invitation link is invalid or expired");

/** Creates the person if new, grants the membership, closes the invitation: one transaction. */
async function acceptInvitation(
  territoryId: string,
  invitationId: string,
  signedInUserId: string | null,
  via: "link" | "sign-in" = "link",
): Promise<{ userId: string; created: boolean }> {
  const invitation = await Scope.run({ kind: "keys", readWrite: [], readOnly: [territoryId] }, () =>
    InvitationEntity.get([territoryId, invitationId], { consistent: true }),
  );
  if (invitation?.status !== "pending" || invitation.expiresAt < new Date().toISOString()) {
    throw invalid();
  }
  const existing = await User.idByEmail(invitation.email);
  if (existing && via === "link" && existing !== signedInUserId) {
    throw new MaillageError(
      "auth.invitation_sign_in",
      "This invitation is for an existing account: sign in as that person, then open the link again",
    );
  }
  if (!existing && signedInUserId && via === "link") {
    throw new MaillageError(
      "auth.invitation_sign_in",
      "This invitation is for another address: sign out, then open the link again",
    );
  }
  const created = existing
    ? undefined
    : User.createOps({ email: invitation.email, displayName: invitation.displayName });
  const userId = existing ?? created?.user.id ?? "";
  await write(
    [
      ...(created?.ops ?? []),
      User.membershipOp(userId, "territory", territoryId, invitation.role, invitation.displayName),
      User.memberCountOp(territoryId, invitation.role, 1),
      {
        Update: {
          Key: InvitationEntity.key(territoryId, invitationId),
          UpdateExpression: "SET #status = :accepted, acceptedBy = :user",
          ConditionExpression: "#status = :pending",
          ExpressionAttributeNames: { "#status": "status" },
          ExpressionAttributeValues: { ":accepted": "accepted", ":pending": "pending", ":user": userId },
        },
        onConditionFailed: invalid,
      },
      {
        Delete: {
          Key: InvitedPointerEntity.key(User.emailHash(invitation.email), territoryId, invitationId),
        },
      },
    ],
    [
      {
        contextId: territoryId,
        action: "invitation.accept",
        entityType: "invitation",
        entity: invitationId,
        entityLabel: invitation.displayName,
        changes: [{ field: "status", before: "pending", after: "accepted" }],
      },
    ],
  );
  return { userId, created: created !== undefined };
}

/** Local mode: nothing leaves the machine; the link is in the API response and the console only. */
Jobs.register(DELIVERY_JOB, async ({ job }) => {
  await markDelivered(job.tenantId, String(job.input.invitationId), "link");
  return { via: "link" };
});
