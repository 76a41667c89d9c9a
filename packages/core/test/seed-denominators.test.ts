import { Actor, Denominators, Territory, User } from "@maillage/core";
import { describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";
import { DEMO_SOURCE, seedDenominators, splitPopulation } from "../src/seed/denominators";

const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

describe("demo seed: denominators", () => {
  test("the synthetic split adds up exactly to the total, every cell entered", () => {
    for (const total of [0, 1, 3_145, 255_423, 277_911]) {
      const cells = splitPopulation(total);
      expect(cells).toHaveLength(18);
      expect(cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(total);
      expect(cells.every((cell) => Number.isInteger(cell.count) && cell.count >= 0)).toBe(true);
    }
    const lille = splitPopulation(277_911);
    const women85 = lille.find((c) => c.sex === "female" && c.ageBand === "85+")?.count ?? 0;
    const men85 = lille.find((c) => c.sex === "male" && c.ageBand === "85+")?.count ?? 0;
    expect(women85).toBeGreaterThan(men85);
  });

  test("each territory's grid sums to its communes' grid population, saved by its lead with the demo source", async () => {
    const territory = await system(() =>
      Territory.create(profile("Creuse (test)", { communes: ["23001", "23002"] })),
    );
    const lead = await system(() =>
      User.create({ email: `rose-${Date.now()}@example.org`, displayName: "Rose" }, [
        { contextKind: "territory", contextId: territory.id, role: "territory_lead" },
      ]),
    );
    await seedDenominators([{ territoryId: territory.id, lead, communes: territory.communes, qpvShare: 0 }]);
    const read = await Actor.provide(
      {
        type: "user",
        userId: "usr_reader",
        contextKind: "territory",
        contextId: territory.id,
        role: "link_worker",
      },
      () => Denominators.get(),
    );
    expect(read).toMatchObject({
      version: 1,
      complete: true,
      totalPopulation: 1_433 + 1_032,
      communesPopulation: 1_433 + 1_032,
      qpvPopulation: 0,
      source: DEMO_SOURCE,
    });
    expect(read.communes.map((c) => c.rurality)).toEqual([3, 3]);
  });
});
