import { Actor, Batch, LinkWorkers } from "@maillage/core";
import { createId, type LinkWorkerCreate } from "@maillage/schema";
import { describe, expect, test } from "vitest";
import { as, type TestTenant, testApp, withTestTenant } from "../../test/harness";

const { app } = testApp();

const body = (overrides: Partial<LinkWorkerCreate> = {}): LinkWorkerCreate => ({
  name: "Nadia Benali",
  profileType: "health_mediator",
  employer: "Centre social Lazare Garreau",
  fte: 0.8,
  fundingSource: "ars",
  fundingDetail: "FIR 2026",
  communityHealthTraining: true,
  trainingName: "DU santé communautaire",
  trainingDate: "2025-06-30",
  supervision: "group",
  supervisionFrequency: "monthly",
  caseloadCapacity: 40,
  languages: ["fr", "ar"],
  communes: ["59350"],
  activeFrom: "2026-01-05",
  activeTo: null,
  ...overrides,
});

const path = (t: TestTenant, id = "") =>
  `/api/territories/${t.territory.id}/link-workers${id ? `/${id}` : ""}`;

const asLead = <T>(t: TestTenant, fn: () => Promise<T>) =>
  Actor.provide(
    {
      type: "user",
      userId: t.users.territory_lead.id,
      displayName: "Personne de test",
      contextKind: "territory",
      contextId: t.territory.id,
      role: "territory_lead",
    },
    fn,
  );

const auditOf = async (t: TestTenant, entity: string) =>
  (await as(app, t.users.territory_lead).get(`/api/territories/${t.territory.id}/audit?entity=${entity}`))
    .body.items as { action: string; changes: { field: string; before: unknown; after: unknown }[] }[];

describe("link workers", () => {
  test("a lead adds a link worker with the full profile; its reference is generated; every member reads it", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const created = await lead.post(path(t), body());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...body(),
      reference: "AL-001",
      userId: null,
      userDisplayName: null,
      version: 1,
    });
    expect(created.body.id).toMatch(/^lwk_/);

    for (const user of [t.users.territory_lead, t.users.link_worker]) {
      const list = await as(app, user).get(path(t));
      expect(list.status).toBe(200);
      expect(list.body).toEqual({ items: [created.body], next: null });
      const one = await as(app, user).get(path(t, created.body.id));
      expect(one.body).toEqual(created.body);
    }

    const [entry] = await auditOf(t, created.body.id);
    expect(entry?.action).toBe("link_worker.create");
    const fields = entry?.changes.map((c) => c.field) ?? [];
    expect(fields).toContain("reference");
    expect(fields).toContain("fte");
    expect(fields).not.toContain("id");
    expect(fields).not.toContain("version");
    expect(fields).not.toContain("createdAt");

    // A link worker reads, never writes.
    const refused = await as(app, t.users.link_worker).post(path(t), body());
    expect(refused.status).toBe(403);
  });

  test("every issue in one 400: format and unknown communes, FTE, languages, cross-field rules", async () => {
    const t = await withTestTenant();
    const res = await as(app, t.users.territory_lead).post(path(t), {
      ...body(),
      fte: 1.5,
      communes: ["99999", "5935", "59350"],
      languages: ["fr", "xx"],
      communityHealthTraining: false,
      supervision: "none",
      activeFrom: "2026-02-01",
      activeTo: "2026-01-01",
      reference: "pas une référence",
      caseloadCapacity: 2.5,
    });
    expect(res.status).toBe(400);
    const issues = Object.fromEntries(
      res.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    );
    expect(issues).toEqual({
      fte: "fte.range",
      "communes.0": "commune.unknown",
      "communes.1": "commune.format",
      "languages.1": "language.unknown",
      trainingName: "training.without_training",
      trainingDate: "training.without_training",
      supervisionFrequency: "supervision.frequency_without_supervision",
      activeTo: "date.end_before_start",
      reference: "reference.format",
      caseloadCapacity: "count.whole",
    });
    expect((await as(app, t.users.territory_lead).get(path(t))).body.items).toEqual([]);
  });

  test("a link worker can be linked to a member with the link_worker role, shown with their name", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const linked = await lead.post(path(t), body({ userId: t.users.link_worker.id }));
    expect(linked.status).toBe(201);
    expect(linked.body).toMatchObject({
      userId: t.users.link_worker.id,
      userDisplayName: "Personne de test",
    });

    // A link worker of another territory.
    const elsewhere = await withTestTenant();
    const other = elsewhere.users.link_worker;
    for (const userId of [t.users.territory_lead.id, other.id, createId("user")]) {
      const res = await lead.post(path(t), body({ userId }));
      expect(res.status, userId).toBe(400);
      expect(res.body.issues).toEqual([{ path: "userId", message: "link_worker.user_not_link_worker" }]);
    }
  });

  test("references are unique in the territory (case-insensitive); generated ones skip a taken number", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const first = await lead.post(path(t), body());
    expect(first.body.reference).toBe("AL-001");
    const manual = await lead.post(path(t), body({ reference: "AL-002" }));
    expect(manual.body.reference).toBe("AL-002");
    const third = await lead.post(path(t), body());
    expect(third.body.reference).toBe("AL-003");

    const taken = await lead.post(path(t), body({ reference: "al-002" }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe("link_worker.reference_taken");

    // Moving a reference frees the old one, in the same transaction.
    const moved = await lead.put(path(t, manual.body.id), { ...body(), reference: "LILLE-1", version: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.reference).toBe("LILLE-1");
    expect((await lead.post(path(t), body({ reference: "AL-002" }))).status).toBe(201);
    const clash = await lead.put(path(t, first.body.id), { ...body(), reference: "lille-1", version: 1 });
    expect(clash.status).toBe(409);
    expect(clash.body.code).toBe("link_worker.reference_taken");
    // A null reference keeps the current one.
    const kept = await lead.put(path(t, first.body.id), { ...body(), fte: 0.5, reference: null, version: 1 });
    expect(kept.body).toMatchObject({ reference: "AL-001", fte: 0.5, version: 2 });
  });

  test("edits: only changed fields are audited, an unchanged save writes nothing, a stale version is a 409 with the current record", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const created = (await lead.post(path(t), body())).body;
    const edited = await lead.put(path(t, created.id), {
      ...body({ fte: 1, languages: ["fr"] }),
      reference: created.reference,
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ fte: 1, languages: ["fr"], version: 2 });

    const again = await lead.put(path(t, created.id), {
      ...body({ fte: 1, languages: ["fr"] }),
      reference: created.reference,
      version: 2,
    });
    expect(again.body.version).toBe(2);

    const late = await lead.put(path(t, created.id), { ...body({ fte: 0.2 }), version: 1 });
    expect(late.status).toBe(409);
    expect(late.body.code).toBe("link_worker.version_conflict");
    expect(late.body.current).toMatchObject({ id: created.id, version: 2, fte: 1 });

    const trail = await auditOf(t, created.id);
    expect(trail.map((e) => e.action)).toEqual(["link_worker.update", "link_worker.create"]);
    expect(trail[0]?.changes).toEqual([
      { field: "fte", before: 0.8, after: 1 },
      { field: "languages", before: ["fr", "ar"], after: ["fr"] },
    ]);

    const missing = await lead.get(path(t, createId("linkWorker")));
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe("link_worker.not_found");
  });

  test("a list is paginated", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    for (let i = 0; i < 5; i++) await lead.post(path(t), body({ name: `Agent ${i}` }));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { name: string }[]; next: string | null } } = await lead.get(
        `${path(t)}?limit=2${cursor ? `&cursor=${cursor}` : ""}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i) => i.name));
      cursor = res.body.next;
    } while (cursor);
    expect(seen).toEqual(["Agent 0", "Agent 1", "Agent 2", "Agent 3", "Agent 4"]);
  });
});

describe("link workers through the batch path (imports)", () => {
  test("validateRow: the row, or every issue by field path", () => {
    const ok = LinkWorkers.validateRow({ ...body(), reference: "AL-010" });
    expect(ok).toMatchObject({ ok: true, value: { reference: "AL-010", fte: 0.8 } });
    const bad = LinkWorkers.validateRow({ ...body(), fte: 0, communes: ["99999"], profileType: "chef" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.path).sort()).toEqual(["communes.0", "fte", "profileType"]);
    }
    // The linked person is not a column of the file.
    const withUser = LinkWorkers.validateRow({ ...body(), userId: createId("user") });
    expect(withUser.ok && "userId" in withUser.value).toBe(false);
  });

  test("rows are invisible until the run commits; a re-import updates by reference, keeps the link, adds nothing", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const existing = (await lead.post(path(t), body({ userId: t.users.link_worker.id }))).body;

    const file = [
      { ...body({ fte: 0.5 }), reference: "al-001" },
      { ...body({ name: "Julien Marchand", profileType: "coordinator" }), reference: null },
    ];
    const run = await asLead(t, async () => {
      const matches = await LinkWorkers.byReference();
      const rows = file.map((raw) => LinkWorkers.validateRow(raw));
      const missing = rows.filter((r) => r.ok && !r.value.reference).length;
      const fresh = await LinkWorkers.reserveReferences(missing);
      const now = new Date();
      const built = rows.map((r) => {
        if (!r.ok) throw new Error("invalid row");
        const reference = r.value.reference ?? (fresh.shift() as string);
        return LinkWorkers.batchRows({ ...r.value, reference }, matches.get(reference.toUpperCase()), now);
      });
      expect(built.map((b) => b.kind)).toEqual(["update", "create"]);
      const runId = createId("run");
      let header = await Batch.begin({
        tenantId: t.territory.id,
        runId,
        kind: "link_workers",
        fileHash: "h1",
        total: 3,
      });
      header = await Batch.apply(
        header,
        built.flatMap((b) => b.rows),
      );
      return { header, built };
    });

    // Staged, not committed: readers see the record as it was, and no new one.
    const before = await lead.get(path(t));
    expect(before.body.items).toHaveLength(1);
    expect(before.body.items[0]).toMatchObject({ fte: 0.8, version: 1 });
    expect((await lead.get(path(t, run.built[1]?.id ?? ""))).status).toBe(404);
    // An edit now would be overwritten by the import: refused.
    const blocked = await lead.put(path(t, existing.id), {
      ...body({ fte: 0.3 }),
      userId: t.users.link_worker.id,
      version: 1,
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.code).toBe("batch.conflict");

    const committed = await asLead(t, () => Batch.commit(run.header, { action: "link_worker.import" }));
    const after = await lead.get(path(t));
    expect(
      after.body.items.map((i: { reference: string; fte: number; version: number }) => [
        i.reference,
        i.fte,
        i.version,
      ]),
    ).toEqual([
      ["AL-001", 0.5, 2],
      ["AL-002", 0.8, 1],
    ]);
    expect(after.body.items[0]).toMatchObject({
      userId: t.users.link_worker.id,
      userDisplayName: "Personne de test",
    });

    // Committed, not folded: an edit from the visible version succeeds.
    const edited = await lead.put(path(t, existing.id), {
      ...body({ fte: 0.6 }),
      userId: t.users.link_worker.id,
      version: 2,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ fte: 0.6, version: 3 });
    await asLead(t, () =>
      Batch.fold(
        committed,
        run.built.flatMap((b) => b.rows),
      ),
    );
    // The fold does not overwrite the later edit.
    expect((await lead.get(path(t, existing.id))).body).toMatchObject({ fte: 0.6, version: 3 });

    // Re-importing the same content is unchanged; the new reference is taken by the imported record.
    await asLead(t, async () => {
      const matches = await LinkWorkers.byReference();
      expect([...matches.keys()].sort()).toEqual(["AL-001", "AL-002"]);
      const again = LinkWorkers.batchRows(
        {
          ...(
            LinkWorkers.validateRow({ ...body({ fte: 0.6 }), reference: "AL-001" }) as {
              value: LinkWorkers.Row;
            }
          ).value,
          reference: "AL-001",
        },
        matches.get("AL-001"),
        new Date(),
      );
      expect(again).toMatchObject({ kind: "unchanged", rows: [] });
    });
    expect((await lead.post(path(t), body({ reference: "AL-002" }))).status).toBe(409);
  });
});
