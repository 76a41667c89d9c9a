import { Actor, Audit, Db, Territory } from "@maillage/core";
import { describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";

const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

describe("audit trail", () => {
  test("entries live in month buckets, keep their order within a millisecond and page with a cursor", async () => {
    const territory = await system(() => Territory.create(profile("Territoire audité")));
    const lead = (fn: () => Promise<unknown>) =>
      Actor.provide(
        {
          type: "user",
          userId: "usr_lead",
          displayName: "Léa",
          contextKind: "territory",
          contextId: territory.id,
          role: "territory_lead",
        },
        fn,
      );
    const at = new Date();
    // 60 entries, in one transaction of 60 and the same millisecond.
    await lead(() =>
      Db.write(
        [],
        Array.from({ length: 60 }, (_, i) => ({
          contextId: territory.id,
          action: "test.step",
          entityType: "test",
          entity: `step-${String(i).padStart(2, "0")}`,
          changes: [{ field: "n", before: null, after: i }],
        })),
        at,
      ),
    );
    // Never in the tenant's root partition.
    const root = (await lead(() =>
      Db.queryAll({ KeyConditionExpression: "pk = :pk", ExpressionAttributeValues: { ":pk": territory.id } }),
    )) as { type: string }[];
    expect(root.filter((item) => item.type === "audit")).toEqual([]);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await lead(() => Audit.list(cursor ? { limit: 25, cursor } : { limit: 25 }))) as Awaited<
        ReturnType<typeof Audit.list>
      >;
      pages++;
      seen.push(...page.items.map((entry) => entry.entity));
      cursor = page.next ?? undefined;
    } while (cursor);
    // 60 steps and the creation, newest first: step-59 … step-00, then the territory's creation.
    expect(seen).toHaveLength(61);
    expect(pages).toBe(3);
    expect(seen.slice(0, 60)).toEqual(
      Array.from({ length: 60 }, (_, i) => `step-${String(59 - i).padStart(2, "0")}`),
    );
    expect(seen[60]).toBe(territory.id);

    const first = (await lead(() => Audit.list({ limit: 1 }))) as Awaited<ReturnType<typeof Audit.list>>;
    expect(first.items[0]).toMatchObject({
      userId: "usr_lead",
      userName: "Léa",
      changes: [{ field: "n", after: 59 }],
    });
  });

  test("a cursor cannot move the query to another partition", async () => {
    const territory = await system(() => Territory.create(profile("Territoire au curseur")));
    const forged = Buffer.from(
      JSON.stringify({
        m: "2026-12",
        k: Buffer.from(JSON.stringify({ pk: "ter_OTHER#AUDIT#2026-12", sk: "x" })).toString("base64url"),
      }),
    ).toString("base64url");
    await expect(
      Actor.provide(
        {
          type: "user",
          userId: "usr_lead",
          contextKind: "territory",
          contextId: territory.id,
          role: "territory_lead",
        },
        () => Audit.list({ cursor: forged }),
      ),
    ).rejects.toMatchObject({ code: "input.invalid" });
  });
});
