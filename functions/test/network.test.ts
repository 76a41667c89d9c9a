import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { Actor, Db, Federations, Funders, Territory } from "@maillage/core";
import { describe, expect, test } from "vitest";
import { as, createOperator, createUser, ORIGIN, profile, testApp, withTestTenant } from "../../test/harness";

const { app } = testApp();
const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

describe("readers read only what territories publish to them", () => {
  test("federation and funder credentials are refused every ter_X and ter_X#… key, and their views still show the summaries", async () => {
    const t = await withTestTenant("Territoire publié");
    const asReader = <T>(contextKind: "federation" | "funder", contextId: string, fn: () => Promise<T>) =>
      Actor.provide({ type: "user", userId: "usr_reader", contextKind, contextId, role: contextKind }, fn);
    for (const [kind, id] of [
      ["federation", t.federation.id],
      ["funder", t.funder.id],
    ] as const) {
      for (const key of [
        Db.Keys.territory(t.territory.id),
        { pk: `${t.territory.id}#AUDIT#2026-12`, sk: "x" },
        { pk: `${t.territory.id}#JRN#jrn_1`, sk: "JOURNEY" },
      ]) {
        await expect(
          asReader(kind, id, () => Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: key }))),
        ).rejects.toBeInstanceOf(Db.ScopeViolation);
      }
      await expect(
        asReader(kind, id, () =>
          Db.db().send(
            new QueryCommand({
              TableName: Db.tableName(),
              KeyConditionExpression: "pk = :pk",
              ExpressionAttributeValues: { ":pk": t.territory.id },
            }),
          ),
        ),
      ).rejects.toBeInstanceOf(Db.ScopeViolation);
    }
    const federation = await as(app, t.users.federation).get(`/api/federations/${t.federation.id}`);
    expect(federation.status).toBe(200);
    expect(federation.body.territories).toEqual([
      expect.objectContaining({ id: t.territory.id, name: "Territoire publié", communeCount: 2 }),
    ]);
    const funder = await as(app, t.users.funder).get(`/api/funders/${t.funder.id}`);
    expect(funder.body.territories.map((x: { id: string }) => x.id)).toEqual([t.territory.id]);
  });

  test("a profile edit is published to every reader in the same write; detaching removes what was shared", async () => {
    const t = await withTestTenant("Avant");
    const lead = as(app, t.users.territory_lead);
    const saved = await lead.put(
      `/api/territories/${t.territory.id}/profile`,
      { ...profile("Après"), version: t.territory.version },
      { origin: ORIGIN },
    );
    expect(saved.status).toBe(200);
    const federation = await as(app, t.users.federation).get(`/api/federations/${t.federation.id}`);
    expect(federation.body.territories[0].name).toBe("Après");
    const funder = await as(app, t.users.funder).get(`/api/funders/${t.funder.id}`);
    expect(funder.body.territories[0].name).toBe("Après");

    const operator = await createOperator();
    const detached = await as(app, operator).delete(
      `/api/operator/funders/${t.funder.id}/territories/${t.territory.id}`,
      { origin: ORIGIN },
    );
    expect(detached.status).toBe(204);
    expect((await as(app, t.users.funder).get(`/api/funders/${t.funder.id}`)).body.territories).toEqual([]);
    const overview = await lead.get(`/api/territories/${t.territory.id}`);
    expect(overview.body.funders).toEqual([]);
    expect(overview.body.federations).toEqual([{ id: t.federation.id, name: `Fédération Avant` }]);
    const again = await as(app, operator).delete(
      `/api/operator/funders/${t.funder.id}/territories/${t.territory.id}`,
      { origin: ORIGIN },
    );
    expect(again.status).toBe(404);
    expect(again.body.code).toBe("attachment.not_found");
  });

  test("an edit racing an attachment still reaches the new reader", async () => {
    const t = await withTestTenant("Course");
    const second = await system(() => Federations.create({ name: "Deuxième fédération", description: "" }));
    const lead = Actor.provide(
      {
        type: "user",
        userId: t.users.territory_lead.id,
        contextKind: "territory",
        contextId: t.territory.id,
        role: "territory_lead",
      },
      () => Territory.update({ ...profile("Course gagnée"), version: t.territory.version }),
    );
    await Promise.all([lead, system(() => Federations.attach(second.id, t.territory.id))]);
    const reader = await createUser([
      { contextKind: "federation", contextId: second.id, role: "federation" },
    ]);
    const view = await as(app, reader).get(`/api/federations/${second.id}`);
    expect(view.body.territories[0].name).toBe("Course gagnée");
  });

  test("a federation of 100 territories reads them side by side (no session-policy size limit)", async () => {
    const federation = await system(() => Federations.create({ name: "Grande fédération", description: "" }));
    const funder = await system(() => Funders.create({ name: "Grand financeur", funderType: "cpam" }));
    const ids: string[] = [];
    for (let batch = 0; batch < 10; batch++) {
      const created = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          system(() => Territory.create(profile(`Territoire ${String(batch * 10 + i).padStart(3, "0")}`))),
        ),
      );
      await Promise.all(created.map((t) => system(() => Federations.attach(federation.id, t.id))));
      ids.push(...created.map((t) => t.id));
    }
    const member = await createUser([
      { contextKind: "federation", contextId: federation.id, role: "federation" },
    ]);
    const view = await as(app, member).get(`/api/federations/${federation.id}`);
    expect(view.status).toBe(200);
    expect(view.body.territories).toHaveLength(100);
    expect(new Set(view.body.territories.map((t: { id: string }) => t.id))).toEqual(new Set(ids));
    expect(view.body.federation.territoryIds).toHaveLength(100);
    void funder;
  }, 60_000);
});
