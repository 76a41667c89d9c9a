import { describe, expect, test } from "vitest";
import { as, ORIGIN, profile, testApp, withTestTenant } from "../../test/harness";

const { app } = testApp();

describe("territory profile", () => {
  test("a lead reads the overview with communes described by the INSEE density grid", async () => {
    const { territory, users } = await withTestTenant();
    const res = await as(app, users.territory_lead).get(`/api/territories/${territory.id}`);
    expect(res.status).toBe(200);
    expect(res.body.territory.id).toBe(territory.id);
    expect(res.body.communes).toEqual([
      expect.objectContaining({ code: "59350", name: "Lille", density: 1 }),
      expect.objectContaining({ code: "59299", name: "Hem", density: 1 }),
    ]);
    expect(res.body.rurality).toBe("urban");
    expect(res.body.ruralPopulationShare).toBe(0);
    expect(res.body.members).toEqual({ territory_lead: 1, link_worker: 1 });
    expect(res.body.federations).toHaveLength(1);
    expect(res.body.funders).toHaveLength(1);
  });

  test("a lead edits the profile: version increases and the audit trail records the changed fields", async () => {
    const { territory, users } = await withTestTenant();
    const lead = as(app, users.territory_lead);
    const res = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { population: 300_000, communes: ["59350", "23001"] }),
      version: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 2, population: 300_000, communes: ["59350", "23001"] });

    const stored = await lead.get(`/api/territories/${territory.id}/profile`);
    expect(stored.body).toMatchObject({ version: 2, population: 300_000 });

    const audit = await lead.get(`/api/territories/${territory.id}/audit`);
    expect(audit.status).toBe(200);
    const entry = audit.body.items.find((e: { action: string }) => e.action === "territory.update");
    expect(entry.userId).toBe(users.territory_lead.id);
    expect(entry.userName).toBe("Personne de test");
    // Only the fields that changed: no version, timestamp or id.
    expect(entry.changes).toEqual([
      { field: "communes", before: ["59350", "59299"], after: ["59350", "23001"] },
      { field: "population", before: 255_423, after: 300_000 },
    ]);

    // Saving the same values again changes nothing: no new version, no entry.
    const unchanged = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { population: 300_000, communes: ["59350", "23001"] }),
      version: 2,
    });
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.version).toBe(2);
    const after = await lead.get(`/api/territories/${territory.id}/audit`);
    expect(after.body.items.filter((e: { action: string }) => e.action === "territory.update")).toHaveLength(
      1,
    );

    // The profile's own history, newest first: only entries about this record.
    const history = await lead.get(`/api/territories/${territory.id}/audit?entity=${territory.id}`);
    expect(history.status).toBe(200);
    expect(history.body.items.every((e: { entity: string }) => e.entity === territory.id)).toBe(true);
    expect(history.body.items[0].action).toBe("territory.update");
    expect(history.body.items.at(-1).action).toBe("territory.create");
    expect(history.body.items).toHaveLength(2);
  });

  test("a second save from the same version gets 409 with the current profile; nothing is overwritten", async () => {
    const { territory, users } = await withTestTenant();
    const lead = as(app, users.territory_lead);
    const first = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { population: 111 }),
      version: 1,
    });
    expect(first.status).toBe(200);
    const second = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { population: 222 }),
      version: 1,
    });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("territory.version_conflict");
    expect(second.body.current).toMatchObject({ version: 2, population: 111 });
    const stored = await lead.get(`/api/territories/${territory.id}/profile`);
    expect(stored.body).toMatchObject({ version: 2, population: 111 });
    const audit = await lead.get(`/api/territories/${territory.id}/audit`);
    expect(audit.body.items.filter((e: { action: string }) => e.action === "territory.update")).toHaveLength(
      1,
    );
  });

  test("concurrent saves from the same version: exactly one wins", async () => {
    const { territory, users } = await withTestTenant();
    const lead = as(app, users.territory_lead);
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map((n) =>
        lead.put(`/api/territories/${territory.id}/profile`, {
          ...profile(territory.name, { population: n }),
          version: 1,
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const winner = results.find((r) => r.status === 200)?.body.population;
    const stored = await lead.get(`/api/territories/${territory.id}/profile`);
    expect(stored.body).toMatchObject({ version: 2, population: winner });
  });

  test("bad input answers 400 with the field paths, and changes nothing", async () => {
    const { territory, users } = await withTestTenant();
    const lead = as(app, users.territory_lead);
    const res = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name),
      name: "x",
      communes: ["59350", "ABCDE"],
      population: -3,
      startDate: "2026-06-01",
      endDate: "2026-01-01",
      version: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("input.invalid");
    const paths = res.body.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "communes.1", "population"]));

    const dates = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { startDate: "2026-06-01", endDate: "2026-01-01" }),
      version: 1,
    });
    expect(dates.status).toBe(400);
    expect(dates.body.issues).toEqual([expect.objectContaining({ path: "endDate" })]);

    const unknownCommune = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { communes: ["59350", "99999"] }),
      version: 1,
    });
    expect(unknownCommune.status).toBe(400);
    expect(unknownCommune.body.issues).toEqual([{ path: "communes.1", message: "commune.unknown" }]);

    // Format errors and unknown codes come back together, in one pass.
    const both = await lead.put(`/api/territories/${territory.id}/profile`, {
      ...profile(territory.name, { communes: ["59350", "99999"], population: -1 }),
      version: 1,
    });
    expect(both.body.issues).toEqual(
      expect.arrayContaining([
        { path: "communes.1", message: "commune.unknown" },
        expect.objectContaining({ path: "population" }),
      ]),
    );

    const malformed = await app.request(`/api/territories/${territory.id}/profile`, {
      method: "PUT",
      headers: { authorization: `Bearer ${users.territory_lead.token}`, "content-type": "application/json" },
      body: "{not json",
    });
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as { code: string }).code).toBe("input.invalid");

    const stored = await lead.get(`/api/territories/${territory.id}/profile`);
    expect(stored.body.version).toBe(1);
  });

  test("a link worker reads the profile but cannot edit it, nor see members or the audit trail", async () => {
    const { territory, users } = await withTestTenant();
    const worker = as(app, users.link_worker);
    expect((await worker.get(`/api/territories/${territory.id}/profile`)).status).toBe(200);
    const edit = await worker.put(`/api/territories/${territory.id}/profile`, {
      ...profile("Nouveau nom"),
      version: 1,
    });
    expect(edit.status).toBe(403);
    expect(edit.body.code).toBe("auth.forbidden");
    expect((await worker.get(`/api/territories/${territory.id}/members`)).status).toBe(403);
    expect((await worker.get(`/api/territories/${territory.id}/audit`)).status).toBe(403);
  });

  test("a lead invites a link worker who accepts and then reads the territory", async () => {
    const { territory, users } = await withTestTenant();
    const invite = await as(app, users.territory_lead).post(`/api/territories/${territory.id}/invitations`, {
      email: "Nouvelle.Agent@Example.org",
      displayName: "Nouvelle Agente",
      role: "link_worker",
    });
    expect(invite.status).toBe(201);
    expect(invite.body.email).toBe("nouvelle.agent@example.org");
    const token = new URL(invite.body.link).hash.replace("#token=", "");
    const accepted = await as(app).post("/api/invitations/accept", { token });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships).toEqual([
      expect.objectContaining({ contextId: territory.id, role: "link_worker", contextName: territory.name }),
    ]);
    const cookie = accepted.headers.get("set-cookie")?.split(";")[0] ?? "";
    const overview = await app.request(`/api/territories/${territory.id}`, { headers: { cookie } });
    expect(overview.status).toBe(200);

    const again = await as(app).post("/api/invitations/accept", { token });
    expect(again.status).toBe(400);
    expect(again.body.code).toBe("auth.invitation_invalid");

    const members = await as(app, users.territory_lead).get(`/api/territories/${territory.id}/members`);
    expect(members.body.map((m: { role: string }) => m.role).sort()).toEqual([
      "link_worker",
      "link_worker",
      "territory_lead",
    ]);
    // The overview's counts, kept on the profile item by each membership change, agree with the list.
    const lead = as(app, users.territory_lead);
    expect((await lead.get(`/api/territories/${territory.id}`)).body.members).toEqual({
      territory_lead: 1,
      link_worker: 2,
    });
    const removed = await lead.delete(`/api/territories/${territory.id}/members/${users.link_worker.id}`, {
      origin: ORIGIN,
    });
    expect(removed.status).toBe(204);
    expect((await lead.get(`/api/territories/${territory.id}`)).body.members).toEqual({
      territory_lead: 1,
      link_worker: 1,
    });
  });
});
