import { describe, expect, test } from "vitest";
import { as, createUser, testApp, withTestTenant } from "../../test/harness";

/** A lead removes a member: audited, one transaction, and the member's access ends at their next request. */
const { app } = testApp();

describe("removing a member", () => {
  test("the removed link worker's next request to the territory answers 404", async () => {
    const { territory, users } = await withTestTenant();
    const worker = as(app, users.link_worker);
    expect((await worker.get(`/api/territories/${territory.id}`)).status).toBe(200);

    const lead = as(app, users.territory_lead);
    const removed = await lead.delete(`/api/territories/${territory.id}/members/${users.link_worker.id}`);
    expect(removed.status).toBe(204);

    // Same session, still signed in: the territory no longer exists for them.
    const after = await worker.get(`/api/territories/${territory.id}`);
    expect(after.status).toBe(404);
    expect(after.body.code).toBe("territory.not_found");
    expect(after.text).not.toContain(territory.name);
    expect((await worker.get("/api/me")).body.memberships).toEqual([]);

    const members = await lead.get(`/api/territories/${territory.id}/members`);
    expect(members.body.map((m: { id: string }) => m.id)).not.toContain(users.link_worker.id);
    const audit = await lead.get(`/api/territories/${territory.id}/audit`);
    const entry = audit.body.items.find((e: { action: string }) => e.action === "membership.delete");
    expect(entry).toMatchObject({
      userId: users.territory_lead.id,
      entity: users.link_worker.id,
      changes: [{ field: "role", before: "link_worker", after: null }],
    });

    const twice = await lead.delete(`/api/territories/${territory.id}/members/${users.link_worker.id}`);
    expect(twice.status).toBe(404);
    expect(twice.body.code).toBe("member.not_found");
  });

  test("the last lead cannot remove themselves; with a second lead they can", async () => {
    const { territory, users } = await withTestTenant();
    const lead = as(app, users.territory_lead);
    const alone = await lead.delete(`/api/territories/${territory.id}/members/${users.territory_lead.id}`);
    expect(alone.status).toBe(409);
    expect(alone.body.code).toBe("member.last_lead");
    expect((await lead.get(`/api/territories/${territory.id}`)).status).toBe(200);

    const second = await createUser([
      { contextKind: "territory", contextId: territory.id, role: "territory_lead" },
    ]);
    const left = await lead.delete(`/api/territories/${territory.id}/members/${users.territory_lead.id}`);
    expect(left.status).toBe(204);
    expect((await lead.get(`/api/territories/${territory.id}`)).status).toBe(404);
    // The remaining lead is now the last one.
    const last = await as(app, second).delete(`/api/territories/${territory.id}/members/${second.id}`);
    expect(last.status).toBe(409);
    expect(last.body.code).toBe("member.last_lead");
  });

  test("two leads removing each other at once leave one lead", async () => {
    const { territory, users } = await withTestTenant();
    const other = await createUser([
      { contextKind: "territory", contextId: territory.id, role: "territory_lead" },
    ]);
    const results = await Promise.all([
      as(app, users.territory_lead).delete(`/api/territories/${territory.id}/members/${other.id}`),
      as(app, other).delete(`/api/territories/${territory.id}/members/${users.territory_lead.id}`),
    ]);
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([204, 409]);
    expect(results.find((r) => r.status === 409)?.body.code).toBe("member.last_lead");
    const stillLead = [users.territory_lead, other].filter((_, i) => results[i]?.status === 204);
    expect(stillLead).toHaveLength(1);
  });

  test("a person who is not a member here answers 404 like an unknown or malformed id", async () => {
    const a = await withTestTenant();
    const b = await withTestTenant();
    const lead = as(app, a.users.territory_lead);
    const foreign = await lead.delete(`/api/territories/${a.territory.id}/members/${b.users.link_worker.id}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("member.not_found");
    const unknown = await lead.delete(
      `/api/territories/${a.territory.id}/members/usr_01ARZ3NDEKTSV4RRFFQ69G5FAV`,
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("member.not_found");
    const malformed = await lead.delete(`/api/territories/${a.territory.id}/members/${"x".repeat(2000)}`);
    expect(malformed.status).toBe(404);
    expect(malformed.body.code).toBe("member.not_found");
    // B's link worker kept their access.
    const worker = await as(app, b.users.link_worker).get(`/api/territories/${b.territory.id}`);
    expect(worker.status).toBe(200);
  });

  test("a link worker may not remove anyone", async () => {
    const { territory, users } = await withTestTenant();
    const res = await as(app, users.link_worker).delete(
      `/api/territories/${territory.id}/members/${users.territory_lead.id}`,
    );
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("auth.forbidden");
    expect((await as(app, users.territory_lead).get(`/api/territories/${territory.id}`)).status).toBe(200);
  });
});
