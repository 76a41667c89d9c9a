/**
 * Creates the first operator of a deployment (or of the local store):
 *   MAILLAGE_TABLE=<table> npx tsx scripts/create-operator.ts ops@example.org "Prénom Nom"
 * In AWS, run it with the deploying account's credentials; the person then signs in through the
 * operators' Cognito pool (MFA required) with the same email.
 */
import { Actor, MaillageError, User } from "@maillage/core";
import { Email } from "@maillage/schema";
import * as v from "valibot";

const [rawEmail, displayName] = process.argv.slice(2);
const email = v.safeParse(Email, rawEmail ?? "");
if (!email.success || !displayName) {
  console.error(
    'Usage: npx tsx scripts/create-operator.ts <email> "<display name>" (MAILLAGE_TABLE must be set)',
  );
  process.exit(1);
}

try {
  const user = await Actor.provide({ type: "system", reason: "create-operator" }, () =>
    User.create({ email: email.output, displayName }, [
      { contextKind: "platform", contextId: "platform", role: "operator" },
    ]),
  );
  console.log(`Operator created: ${user.id} (${user.email})`);
} catch (error) {
  if (error instanceof MaillageError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
