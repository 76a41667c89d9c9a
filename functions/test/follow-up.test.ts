import { Jobs } from "@maillage/core";
import { describe, expect, test } from "vitest";
import { as, createOperator, ORIGIN, testApp, withTestTenant } from "../../test/harness";

const { app } = testApp();

describe("the operator follows up what they created", () => {
  test("a territory's readers and its invitations (pending, accepted, expired); a reader's territories", async () => {
    const t = await withTestTenant("Territoire suivi");
    const operator = as(app, await createOperator());
    const view = await operator.get(`/api/operator/territories/${t.territory.id}`);
    expect(view.status).toBe(200);
    expect(view.body.territory).toMatchObject({ id: t.territory.id, name: "Territoire suivi" });
    expect(view.body.readers).toEqual([
      { id: t.federation.id, kind: "federation", name: "Fédération Territoire suivi" },
      { id: t.funder.id, kind: "funder", name: "Financeur Territoire suivi" },
    ]);

    const invited = await operator.post(
      `/api/operator/territories/${t.territory.id}/invitations`,
      { email: "suivie@example.org", displayName: "Suzanne Suivie", role: "territory_lead" },
      { origin: ORIGIN },
    );
    expect(invited.status).toBe(201);
    await Jobs.idle();
    const list = await operator.get(`/api/operator/territories/${t.territory.id}/invitations`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([
      expect.objectContaining({
        id: invited.body.id,
        email: "suivie@example.org",
        role: "territory_lead",
        status: "pending",
        expired: false,
        deliveredAt: expect.any(String),
      }),
    ]);
    // The lead sees the same list for their territory; a link worker does not.
    const lead = await as(app, t.users.territory_lead).get(`/api/territories/${t.territory.id}/invitations`);
    expect(lead.body.items.map((i: { id: string }) => i.id)).toEqual([invited.body.id]);
    const worker = await as(app, t.users.link_worker).get(`/api/territories/${t.territory.id}/invitations`);
    expect(worker.status).toBe(403);

    const federation = await operator.get(`/api/operator/federations/${t.federation.id}`);
    expect(federation.body).toMatchObject({
      id: t.federation.id,
      kind: "federation",
      territories: [{ id: t.territory.id, name: "Territoire suivi" }],
    });
    const funder = await operator.get(`/api/operator/funders/${t.funder.id}`);
    expect(funder.body.territories).toEqual([{ id: t.territory.id, name: "Territoire suivi" }]);
  });
});
