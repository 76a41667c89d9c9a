import { GetCommand, QueryCommand, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { Actor, Db } from "@maillage/core";
import { describe, expect, test } from "vitest";

const TABLE = "arn:aws:dynamodb:eu-west-3:123456789012:table/maillage-production";
const A = "ter_01JZ8Q4W3E2R1T0Y9U8I7O6P5A";
const B = "ter_01JZ8Q4W3E2R1T0Y9U8I7O6P5B";

describe("tenant session policy (IAM dynamodb:LeadingKeys)", () => {
  const policy = Db.sessionPolicy(
    { kind: "keys", readWrite: Db.Scope.ownedPatterns(A), readOnly: [] },
    TABLE,
  );

  test("a territory's policy allows its partitions only, on the table and its indexes", () => {
    expect(policy).toEqual({
      Version: "2012-10-17",
      Statement: [
        {
          Sid: "TenantReadWrite",
          Effect: "Allow",
          Action: [
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:ConditionCheckItem",
            "dynamodb:PutItem",
            "dynamodb:UpdateItem",
            "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem",
          ],
          Resource: [TABLE, `${TABLE}/index/*`],
          Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [A, `${A}#*`] } },
        },
      ],
    });
    expect(JSON.stringify(policy)).not.toContain("Scan");
  });

  test("evaluation: own partitions yes; another tenant, a longer id sharing the prefix, or a Scan no", () => {
    expect(Db.allows(policy, "dynamodb:GetItem", TABLE, [A])).toBe(true);
    expect(Db.allows(policy, "dynamodb:PutItem", TABLE, [`${A}#JRN#jrn_1`])).toBe(true);
    expect(Db.allows(policy, "dynamodb:Query", `${TABLE}/index/gsi1`, [A])).toBe(true);
    expect(Db.allows(policy, "dynamodb:GetItem", TABLE, [B])).toBe(false);
    expect(Db.allows(policy, "dynamodb:GetItem", TABLE, [`${A}X`])).toBe(false);
    expect(Db.allows(policy, "dynamodb:BatchGetItem", TABLE, [A, B])).toBe(false);
    expect(Db.allows(policy, "dynamodb:Scan", TABLE, [])).toBe(false);
    expect(Db.allows(policy, "dynamodb:GetItem", `${TABLE}-other`, [A])).toBe(false);
  });

  test("read-only grants (a federation reading its territories) cannot write", () => {
    const federation = "fed_01JZ8Q4W3E2R1T0Y9U8I7O6P5F";
    const withReads = Db.sessionPolicy(
      { kind: "keys", readWrite: Db.Scope.ownedPatterns(federation), readOnly: [A] },
      TABLE,
    );
    expect(Db.allows(withReads, "dynamodb:BatchGetItem", TABLE, [A])).toBe(true);
    expect(Db.allows(withReads, "dynamodb:PutItem", TABLE, [A])).toBe(false);
    expect(Db.allows(withReads, "dynamodb:GetItem", TABLE, [`${A}#JRN#jrn_1`])).toBe(false);
    expect(Db.allows(withReads, "dynamodb:PutItem", TABLE, [federation])).toBe(true);
  });

  test("the platform scope carries no session policy (operator and system flows use the role's own)", () => {
    expect(Db.sessionPolicy({ kind: "platform" }, TABLE)).toBeUndefined();
  });

  test("a federation with 25 territories still fits STS's 2,048-character session policy limit", () => {
    const territories = Array.from(
      { length: 25 },
      (_, i) => `ter_01JZ8Q4W3E2R1T0Y9U8I7O6P${String(i).padStart(2, "0")}`,
    );
    const big = Db.sessionPolicy(
      {
        kind: "keys",
        readWrite: Db.Scope.ownedPatterns("fed_01JZ8Q4W3E2R1T0Y9U8I7O6P5F"),
        readOnly: territories,
      },
      TABLE,
    );
    expect(JSON.stringify(big).length).toBeLessThanOrEqual(2048);
  });
});

describe("the same policy is enforced on every command against DynamoDB Local", () => {
  const asLead = <T>(territoryId: string, fn: () => Promise<T>) =>
    Actor.provide(
      {
        type: "user",
        userId: "usr_x",
        contextKind: "territory",
        contextId: territoryId,
        role: "territory_lead",
      },
      fn,
    );

  test("code running for territory A cannot read or query territory B, even by mistake", async () => {
    const get = asLead(A, () =>
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(B) })),
    );
    await expect(get).rejects.toBeInstanceOf(Db.ScopeViolation);
    const query = asLead(A, () =>
      Db.db().send(
        new QueryCommand({
          TableName: Db.tableName(),
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": B },
        }),
      ),
    );
    await expect(query).rejects.toThrow(/outside the request's data scope/);
    const scan = asLead(A, () => Db.db().send(new ScanCommand({ TableName: Db.tableName() })));
    await expect(scan).rejects.toBeInstanceOf(Db.ScopeViolation);
    const own = await asLead(A, () =>
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(A) })),
    );
    expect(own.Item).toBeUndefined();
  });

  test("a transaction touching another tenant is refused as a whole", async () => {
    const write = asLead(A, () =>
      Db.write(
        [{ Put: { Item: { ...Db.Keys.territory(B), name: "volé" } } }],
        [{ contextId: A, action: "test", entityType: "territory", entity: A, changes: [] }],
      ),
    );
    await expect(write).rejects.toBeInstanceOf(Db.ScopeViolation);
  });

  test("without an actor or an explicit scope there is no access at all", async () => {
    await expect(
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(A) })),
    ).rejects.toThrow(/outside any data scope/);
  });
});

describe("deployment roles (infra/iam.ts)", () => {
  const API_ROLE = "arn:aws:iam::123456789012:role/maillage-production-ApiRole";
  const TENANT_ROLE = "arn:aws:iam::123456789012:role/maillage-production-TenantRole";

  test("only the API's role may assume the tenant role, and that is all the API's role may do", () => {
    expect(Db.tenantRoleTrustPolicy(API_ROLE).Statement).toEqual([
      { Effect: "Allow", Principal: { AWS: API_ROLE }, Action: "sts:AssumeRole" },
    ]);
    const api = Db.apiRolePolicy(TENANT_ROLE);
    expect(api.Statement.flatMap((s) => s.Action)).toEqual(["sts:AssumeRole"]);
    expect(api.Statement.flatMap((s) => s.Resource)).toEqual([TENANT_ROLE]);
    expect(JSON.stringify(api)).not.toContain("dynamodb");
  });

  test("the tenant role's ceiling covers every action a session policy grants, on this table only, no Scan", () => {
    const ceiling = Db.tenantRolePolicy(TABLE);
    const session = Db.sessionPolicy(
      { kind: "keys", readWrite: Db.Scope.ownedPatterns(A), readOnly: [B] },
      TABLE,
    );
    for (const statement of session?.Statement ?? []) {
      for (const action of statement.Action) {
        for (const resource of statement.Resource) {
          expect(Db.allows(ceiling, action as Db.Action, resource, [A]), `${action} ${resource}`).toBe(true);
        }
      }
    }
    expect(Db.allows(ceiling, "dynamodb:Scan", TABLE, [])).toBe(false);
    expect(
      Db.allows(ceiling, "dynamodb:GetItem", "arn:aws:dynamodb:eu-west-3:123456789012:table/other", [A]),
    ).toBe(false);
  });
});
