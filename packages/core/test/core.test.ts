import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Actor, Communes, Db, MaillageError, Territory, User } from "@maillage/core";
import * as Seed from "@maillage/core/seed";
import { describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";

const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

describe("actor", () => {
  test("core functions refuse to run without an actor, or in the wrong context", async () => {
    await expect(Territory.get()).rejects.toThrow(/No actor/);
    await expect(system(() => Territory.get())).rejects.toThrow(/territory context/);
    const linkWorker: Actor.Actor = {
      type: "user",
      userId: "usr_x",
      contextKind: "territory",
      contextId: "ter_x",
      role: "link_worker",
    };
    await expect(
      Actor.provide(linkWorker, () => Territory.update({ ...profile("Xavier"), version: 1 })),
    ).rejects.toMatchObject({ code: "auth.forbidden" });
    await expect(Actor.provide(linkWorker, () => Territory.create(profile("Xavier")))).rejects.toMatchObject({
      code: "auth.forbidden",
    });
    // A job's system actor is tenant-scoped: it is not the platform either.
    const job: Actor.Actor = { type: "system", reason: "job:test", tenantId: "ter_x" };
    await expect(Actor.provide(job, () => Territory.create(profile("Xavier")))).rejects.toMatchObject({
      code: "auth.forbidden",
    });
  });
});

describe("communes (INSEE density grid 2024)", () => {
  test("describes known communes and classifies rurality by population", () => {
    expect(Communes.describe("23001")).toMatchObject({ name: "Ahun", density: 3, population: 1433 });
    expect(Communes.describe("00000")).toMatchObject({ name: null, density: null });
    expect(Communes.rurality(["23001", "23002"])).toEqual({ rurality: "rural", ruralPopulationShare: 1 });
    // Rodez (24,207, intermediate) and Druelle Balsac (3,188, rural).
    const mixed = Communes.rurality(["12202", "12090"]);
    expect(mixed.rurality).toBe("intermediate");
    expect(mixed.ruralPopulationShare).toBeCloseTo(3188 / (24207 + 3188), 6);
    expect(Communes.unknownCodes(["59350", "99999"])).toEqual(["99999"]);
  });
});

describe("writes are all-or-nothing", () => {
  test("a failed write leaves no audit entry and no partial item", async () => {
    const user = await system(() =>
      User.create({ email: "unique@example.org", displayName: "Unique" }, [
        { contextKind: "platform", contextId: "platform", role: "operator" },
      ]),
    );
    const again = system(() =>
      User.create({ email: "unique@example.org", displayName: "Doublon" }, [
        { contextKind: "platform", contextId: "platform", role: "operator" },
      ]),
    );
    await expect(again).rejects.toBeInstanceOf(MaillageError);
    expect(await User.idByEmail("unique@example.org")).toBe(user.id);
    // The platform's trail for this month: the failed attempt left no entry (whoever it names).
    const audit = await system(() =>
      Db.db().send(
        new QueryCommand({
          TableName: Db.tableName(),
          KeyConditionExpression: "pk = :pk",
          ExpressionAttributeValues: {
            ":pk": Db.Keys.auditBucket(Db.PLATFORM, Db.monthOf(new Date().toISOString())),
          },
          ConsistentRead: true,
        }),
      ),
    );
    const grants = (audit.Items ?? []).filter((i) => i.action === "membership.create");
    expect(grants.map((i) => i.entityLabel)).toEqual(["Unique"]);
    expect(grants[0]?.entity).toBe(user.id);
  });
});

describe("demo seed", () => {
  test("creates three territories, a federation over two, a funder and one person per role, once", async () => {
    expect(await Seed.demo()).toEqual({ seeded: true });
    expect(await Seed.demo()).toEqual({ seeded: false });
    const ids = await Promise.all(Seed.DEMO_EMAILS.map((email) => User.idByEmail(email)));
    const memberships = (await Promise.all(ids.map((id) => User.memberships(id ?? "")))).flat();
    expect(new Set(memberships.map((m) => m.role))).toEqual(
      new Set(["operator", "territory_lead", "link_worker", "federation", "funder"]),
    );
    const territories = new Set(
      memberships.filter((m) => m.contextKind === "territory").map((m) => m.contextId),
    );
    expect(territories.size).toBe(3);
  });
});
