import { Actor, PartnerSchemes, Pathway, Referrals, Territory, User } from "@maillage/core";
import { describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";
import { seedPathways } from "../src/seed/pathway";

const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

describe("demo seed: pathways, referral routes, partner schemes", () => {
  test("each territory gets its configuration, written as its lead; the rural one has an integrated track", async () => {
    const territories = await system(async () => ({
      lille: await Territory.create(profile("Lille (test)")),
      creuse: await Territory.create(profile("Creuse (test)")),
      rodez: await Territory.create(profile("Rodez (test)")),
    }));
    const camille = await system(() =>
      User.create({ email: `camille-${Date.now()}@example.org`, displayName: "Camille" }, [
        { contextKind: "territory", contextId: territories.lille.id, role: "territory_lead" },
        { contextKind: "territory", contextId: territories.rodez.id, role: "territory_lead" },
      ]),
    );
    const rose = await system(() =>
      User.create({ email: `rose-${Date.now()}@example.org`, displayName: "Rose" }, [
        { contextKind: "territory", contextId: territories.creuse.id, role: "territory_lead" },
      ]),
    );
    await system(() =>
      seedPathways({
        lille: { territoryId: territories.lille.id, lead: camille },
        creuse: { territoryId: territories.creuse.id, lead: rose },
        rodez: { territoryId: territories.rodez.id, lead: camille },
      }),
    );
    const read = <T>(territoryId: string, fn: () => Promise<T>) =>
      Actor.provide(
        {
          type: "user",
          userId: "usr_reader",
          contextKind: "territory",
          contextId: territoryId,
          role: "link_worker",
        },
        fn,
      );
    for (const [name, territory] of Object.entries(territories)) {
      const pathway = await read(territory.id, () => Pathway.get());
      const settings = await read(territory.id, () => Referrals.get());
      const schemes = await read(territory.id, () => PartnerSchemes.list());
      expect(pathway.version, name).toBe(1);
      expect(settings.version, name).toBe(1);
      expect(settings.routes.filter((r) => r.enabled).length, name).toBeGreaterThanOrEqual(5);
      expect(settings.targetGroups.filter((g) => g.enabled).length, name).toBeGreaterThanOrEqual(3);
      expect(schemes.items.length, name).toBeGreaterThanOrEqual(4);
      expect(pathway.integratedTrack !== null, name).toBe(name === "creuse");
    }
    const creuse = await read(territories.creuse.id, () => Pathway.get());
    expect(creuse.steps.map((s) => s.name)).toContain("Aller vers (visite à domicile)");
    expect(creuse.integratedTrack?.overrides.flatMap((o) => o.partnerSchemeIds).length).toBeGreaterThan(0);
  });
});
