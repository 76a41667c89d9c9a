import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Actor, Db, Territory, User } from "@maillage/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";

/**
 * The AWS code path of the data layer (MAILLAGE_TENANT_ROLE_ARN set): every DynamoDB call runs with
 * credentials from STS AssumeRole carrying the scope's session policy. A loopback stand-in for STS
 * records each AssumeRole; DynamoDB Local answers the data calls.
 */
const calls: { policy: string; sessionName: string }[] = [];
let sts: Server;

function answer(body: string): string {
  const params = new URLSearchParams(body);
  calls.push({ policy: params.get("Policy") ?? "", sessionName: params.get("RoleSessionName") ?? "" });
  const expiration = new Date(Date.now() + 3600_000).toISOString();
  return `<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><AssumeRoleResult>
<Credentials><AccessKeyId>ASIASTANDIN</AccessKeyId><SecretAccessKey>secret</SecretAccessKey>
<SessionToken>token</SessionToken><Expiration>${expiration}</Expiration></Credentials>
<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/tenant/maillage</Arn>
<AssumedRoleId>AROASTANDIN:maillage</AssumedRoleId></AssumedRoleUser></AssumeRoleResult>
<ResponseMetadata><RequestId>stand-in</RequestId></ResponseMetadata></AssumeRoleResponse>`;
}

let territoryA: string;
let territoryB: string;
let people: string[];

beforeAll(async () => {
  sts = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      response.writeHead(200, { "content-type": "text/xml" }).end(answer(body));
    });
  });
  await new Promise<void>((resolve) => sts.listen(0, "127.0.0.1", resolve));
  const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);
  territoryA = (await system(() => Territory.create(profile("Territoire STS A")))).id;
  territoryB = (await system(() => Territory.create(profile("Territoire STS B")))).id;
  people = [];
  for (const n of [1, 2, 3]) {
    const grants = [
      { contextKind: "territory" as const, contextId: territoryA, role: "link_worker" as const },
    ];
    people.push(
      (await system(() => User.create({ email: `sts-${n}@example.org`, displayName: `P${n}` }, grants))).id,
    );
  }
  process.env.MAILLAGE_TENANT_ROLE_ARN = "arn:aws:iam::123456789012:role/maillage-test-TenantRole";
  process.env.MAILLAGE_STS_ENDPOINT = `http://127.0.0.1:${(sts.address() as AddressInfo).port}`;
  Db.resetClient();
});

afterAll(() => {
  delete process.env.MAILLAGE_TENANT_ROLE_ARN;
  delete process.env.MAILLAGE_STS_ENDPOINT;
  Db.resetClient();
  sts.close();
});

const asPerson = (userId: string, territoryId: string) =>
  Actor.provide(
    { type: "user", userId, contextKind: "territory", contextId: territoryId, role: "link_worker" },
    () => Territory.get(),
  );

describe("tenant-scoped credentials (AWS code path, stand-in STS)", () => {
  test("one AssumeRole per tenant and one for identity look-ups, however many people; no person in any policy", async () => {
    // Three people of territory A: identity look-ups, then their territory's profile.
    for (const userId of people) {
      expect(await User.membership(userId, territoryA)).toMatchObject({ role: "link_worker" });
      expect((await asPerson(userId, territoryA)).id).toBe(territoryA);
    }
    expect(calls).toHaveLength(2);
    const policies = calls.map((call) => JSON.parse(call.policy));
    const identity = policies.find((p) => JSON.stringify(p).includes("usr_*"));
    expect(identity.Statement[0].Action).not.toContain("dynamodb:PutItem");
    expect(identity.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]).toEqual(
      Db.Scope.IDENTITY_PARTITIONS,
    );
    const tenant = policies.find((p) => JSON.stringify(p).includes(territoryA));
    expect(tenant.Statement[0].Condition["ForAllValues:StringLike"]["dynamodb:LeadingKeys"]).toEqual([
      territoryA,
      `${territoryA}#*`,
    ]);

    // Another tenant: one more assumption, with its own policy.
    const other = await Actor.provide(
      {
        type: "user",
        userId: people[0] ?? "",
        contextKind: "territory",
        contextId: territoryB,
        role: "territory_lead",
      },
      () => Territory.get(),
    );
    expect(other.id).toBe(territoryB);
    expect(calls).toHaveLength(3);
    expect(calls[2]?.policy).toContain(territoryB);
    expect(calls[2]?.policy).not.toContain(territoryA);

    // No policy and no session name ever names a person or an address.
    for (const call of calls) {
      for (const userId of people) expect(call.policy).not.toContain(userId);
      expect(call.policy).not.toMatch(/@|EMAIL#[0-9a-f]/);
      expect(call.sessionName).not.toMatch(/usr_|@/);
    }
  });
});
