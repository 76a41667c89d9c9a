import { createHash } from "node:crypto";
import { TransactionCanceledException } from "@aws-sdk/client-dynamodb";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import * as v from "valibot";
import { db, entity, Keys, Scope, tableName } from "./db";
import { MaillageError } from "./error";

/**
 * Cognito identities bound to Maillage people. A person is found by their pool's `sub` (stable, set
 * by Cognito), never by the e-mail claim (an attribute that can change): the e-mail is used once, at
 * the first verified sign-in, to find whom to bind; afterwards only the `sub` counts. Each person has
 * at most one `sub` per pool (issuer), so a second account of the pool carrying the same (verified)
 * e-mail is refused instead of reaching that person.
 */
const sha256 = (value: string) => createHash("sha256").update(value).digest("hex");

export const issuerHash = (issuer: string) => sha256(issuer);
export const subjectHash = (issuer: string, sub: string) => sha256(`${issuer}\n${sub}`);

export const SubjectEntity = entity({
  type: "subject",
  schema: v.object({ userId: v.string(), issuerHash: v.string(), boundAt: v.string() }),
  key: Keys.subject,
});

export const BoundSubjectEntity = entity({
  type: "bound_subject",
  schema: v.object({ subjectHash: v.string(), boundAt: v.string() }),
  key: Keys.boundSubject,
});

/** The person bound to this pool identity, if any (identity scope, one GetItem). */
export async function resolve(issuer: string, sub: string): Promise<string | undefined> {
  const bound = await Scope.identity(() => SubjectEntity.get([subjectHash(issuer, sub)]));
  return bound?.userId;
}

const conflict = () =>
  new MaillageError(
    "auth.identity_conflict",
    "This e-mail belongs to a Maillage person already bound to another account: sign in with that account",
  );

/**
 * Binds a pool identity to a person, in one transaction under the identity scope: the `SUB#` item
 * (only if the `sub` is not bound yet) and the person's per-pool marker (only if they have no `sub` of
 * that pool yet). Binding the same pair again (a retried sign-in) is accepted.
 */
export async function bind(issuer: string, sub: string, userId: string): Promise<void> {
  const hash = subjectHash(issuer, sub);
  const boundAt = new Date().toISOString();
  const TableName = tableName();
  try {
    await Scope.identityWrite(() =>
      db().send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName,
                Item: SubjectEntity.item([hash], { userId, issuerHash: issuerHash(issuer), boundAt }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
            {
              Put: {
                TableName,
                Item: BoundSubjectEntity.item([userId, issuerHash(issuer)], { subjectHash: hash, boundAt }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ],
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const failed = (error.CancellationReasons ?? []).some((r) => r.Code === "ConditionalCheckFailed");
    if (!failed) throw error;
    // Already bound: fine if it is this very pair (two tabs finishing sign-in at once), refused otherwise.
    if ((await resolve(issuer, sub)) === userId) return;
    throw conflict();
  }
}
