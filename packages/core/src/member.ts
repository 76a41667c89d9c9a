import * as Actor from "./actor";
import { all, diff, Scope, SK_PREFIX, type WriteOp, write } from "./db";
import { MembershipEntity } from "./entities";
import { MaillageError } from "./error";
import * as User from "./user";

/**
 * A territory's members, managed by its leads. A membership lives in its person's partition
 * (`usr_U / MEM#ter_X`, listed through gsi1 from the territory), and every request re-reads it
 * (http/route.ts): deleting it ends the person's access to the territory at their next request.
 */

const notFound = () => new MaillageError("member.not_found", "Not found");
const lastLead = () =>
  new MaillageError(
    "member.last_lead",
    "A territory keeps at least one lead: invite another lead before removing this one",
  );

/**
 * The tenant's own scope plus write access to the people's partitions (`usr_*`, the fixed identity
 * pattern): the membership's deletion and the territory's audit entry commit in one transaction, and
 * no policy ever names a person. Which person is touched comes from the territory's own member list.
 */
function withPeople<T>(fn: () => T): T {
  const scope = Scope.current();
  if (!scope || scope.kind === "platform") return fn();
  return Scope.run({ ...scope, readWrite: [...new Set([...scope.readWrite, "usr_*"])] }, fn);
}

/**
 * A lead removes a member (themselves included) from the actor's territory: one transaction deleting
 * the membership, with its audit entry. The last lead cannot be removed (409 `member.last_lead`): when
 * the removed member is a lead, the transaction also checks that another lead's membership still
 * exists, so two leads removing each other at once cannot leave the territory without one.
 */
export async function remove(userId: string): Promise<void> {
  const actor = Actor.use();
  const territoryId = Actor.territoryId(["territory_lead"]);
  // The index is eventually consistent; the transaction's conditions decide.
  const members = await all(MembershipEntity, {
    index: "gsi1",
    partition: territoryId,
    prefix: SK_PREFIX.member,
  });
  const target = members.find((m) => m.userId === userId && m.contextId === territoryId);
  if (!target) throw notFound();
  const ops: WriteOp[] = [
    {
      Delete: {
        Key: MembershipEntity.key(userId, territoryId),
        ConditionExpression: "attribute_exists(pk)",
      },
      onConditionFailed: notFound,
    },
    User.memberCountOp(territoryId, target.role, -1),
  ];
  if (target.role === "territory_lead") {
    const actorId = actor.type === "user" ? actor.userId : undefined;
    const others = members.filter((m) => m.role === "territory_lead" && m.userId !== userId);
    // The acting lead, when another person is removed: the route has just read their membership.
    const keeper = others.find((m) => m.userId === actorId) ?? others[0];
    if (!keeper) throw lastLead();
    ops.push({
      ConditionCheck: {
        Key: MembershipEntity.key(keeper.userId, territoryId),
        ConditionExpression: "attribute_exists(pk) AND #role = :lead",
        ExpressionAttributeNames: { "#role": "role" },
        ExpressionAttributeValues: { ":lead": "territory_lead" },
      },
      onConditionFailed: lastLead,
    });
  }
  await withPeople(() =>
    write(ops, [
      {
        contextId: territoryId,
        action: "membership.delete",
        entityType: "membership",
        entity: userId,
        entityLabel: target.displayName,
        changes: diff({ role: target.role }, null, ["role"]),
      },
    ]),
  );
}
