import { Actor, Batch, Clock, Db, Resources } from "@maillage/core";
import { createId, type ResourceCreate } from "@maillage/schema";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import { as, type TestTenant, testApp, withTestTenant } from "../../test/harness";

/** The API's "today" (Clock.today() reads it): stale means last verified before 2026-05-25. */
const TODAY = "2026-11-25";
process.env.MAILLAGE_TODAY = TODAY;

const { app } = testApp();

const body = (overrides: Partial<ResourceCreate> = {}): ResourceCreate => ({
  pillar: "health",
  category: "adapted_physical_activity",
  structureName: "Maison sport-santé de Lille",
  serviceName: "Marche nordique adaptée",
  description: "Séances encadrées par un enseignant en activité physique adaptée",
  commune: "59350",
  address: "2 rue de l'Arbrisseau, 59000 Lille",
  accessibility: ["wheelchair", "public_transport"],
  cost: "reduced",
  costDetail: "2 € la séance",
  schedule: "Mardi et jeudi, 10 h – 11 h 30",
  capacity: 12,
  phone: "03 20 00 00 00",
  email: "contact@example.org",
  website: "https://www.example.org/marche",
  publics: ["chronic_disease", "seniors"],
  lastVerified: "2026-10-01",
  ...overrides,
});

const path = (t: TestTenant, rest = "") => `/api/territories/${t.territory.id}/resources${rest}`;

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

describe("the stale rule, against an injectable today", () => {
  test("six months back, clamped to the month's end", () => {
    expect(Clock.staleCutoff("2026-11-25")).toBe("2026-05-25");
    expect(Clock.staleCutoff("2026-08-31")).toBe("2026-02-28");
    expect(Clock.staleCutoff("2026-03-15")).toBe("2025-09-15");
    expect(Clock.isStale("2026-05-25", "2026-11-25")).toBe(false);
    expect(Clock.isStale("2026-05-24", "2026-11-25")).toBe(true);
    expect(Clock.isStale(null, "2026-11-25")).toBe(true);
    expect(Clock.today()).toBe(TODAY);
    expect(Clock.today(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });
});

describe("resources", () => {
  test("a lead adds a resource; reference generated, last verified today when absent; every member reads it", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const { lastVerified: _, ...withoutDate } = body();
    const created = await lead.post(path(t), withoutDate);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      ...withoutDate,
      reference: "RES-0001",
      lastVerified: TODAY,
      stale: false,
      version: 1,
    });
    expect(created.body.id).toMatch(/^res_/);
    for (const user of [t.users.territory_lead, t.users.link_worker]) {
      expect((await as(app, user).get(path(t, `/${created.body.id}`))).body).toEqual(created.body);
    }
    const never = await lead.post(path(t), body({ lastVerified: null }));
    expect(never.body).toMatchObject({ reference: "RES-0002", lastVerified: null, stale: true });
    expect((await as(app, t.users.link_worker).post(path(t), body())).status).toBe(403);
  });

  test("every issue in one 400: category of another pillar, unknown commune, contact formats, capacity", async () => {
    const t = await withTestTenant();
    const res = await as(app, t.users.territory_lead).post(path(t), {
      ...body(),
      pillar: "rights",
      category: "gem",
      commune: "99999",
      phone: "12",
      email: "pas-une-adresse",
      website: "javascript:alert(1)",
      capacity: -1,
      accessibility: ["wheelchair", "wheelchair"],
    });
    expect(res.status).toBe(400);
    const issues = Object.fromEntries(
      res.body.issues.map((i: { path: string; message: string }) => [i.path, i.message]),
    );
    expect(issues).toEqual({
      category: "category.wrong_pillar",
      commune: "commune.unknown",
      phone: "phone.format",
      email: "email.format",
      website: "url.format",
      capacity: "count.whole",
      accessibility: "values.duplicate",
    });
  });

  test("edits and 'mark as verified': audited changed fields only, unchanged writes nothing, 409 on a stale version", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const created = (await lead.post(path(t), body({ lastVerified: "2025-01-10" }))).body;
    expect(created.stale).toBe(true);

    const edited = await lead.put(path(t, `/${created.id}`), {
      ...body({ lastVerified: "2025-01-10", capacity: 15 }),
      version: 1,
    });
    expect(edited.body).toMatchObject({ capacity: 15, version: 2, stale: true });

    const verified = await lead.post(path(t, `/${created.id}/verify`), { version: 2 });
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ lastVerified: TODAY, stale: false, version: 3 });
    const again = await lead.post(path(t, `/${created.id}/verify`), { version: 3 });
    expect(again.body.version).toBe(3);
    const late = await lead.post(path(t, `/${created.id}/verify`), { version: 1 });
    expect(late.status).toBe(409);
    expect(late.body).toMatchObject({ code: "resource.version_conflict", current: { version: 3 } });
    expect(
      (await as(app, t.users.link_worker).post(path(t, `/${created.id}/verify`), { version: 3 })).status,
    ).toBe(403);

    const trail = (
      await lead.get(`/api/territories/${t.territory.id}/audit?entity=${created.id}`)
    ).body.items.map((e: { action: string; changes: unknown[] }) => [e.action, e.changes]);
    expect(trail).toEqual([
      ["resource.verify", [{ field: "lastVerified", before: "2025-01-10", after: TODAY }]],
      ["resource.update", [{ field: "capacity", before: 12, after: 15 }]],
      ["resource.create", expect.any(Array)],
    ]);

    // The stale index follows the verification.
    const stale = await lead.get(path(t, "?stale=true"));
    expect(stale.body.items).toEqual([]);
    const missing = await lead.get(path(t, `/${createId("resource")}`));
    expect(missing.body.code).toBe("resource.not_found");
  });
});

describe("an edit without lastVerified", () => {
  test("keeps the verification date (null clears it)", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const created = (await lead.post(path(t), body({ lastVerified: "2026-09-09" }))).body;
    const { lastVerified: _, ...rest } = body({ capacity: 3 });
    const kept = await lead.put(path(t, `/${created.id}`), { ...rest, version: 1 });
    expect(kept.body).toMatchObject({ capacity: 3, lastVerified: "2026-09-09", version: 2 });
    const cleared = await lead.put(path(t, `/${created.id}`), { ...rest, lastVerified: null, version: 2 });
    expect(cleared.body).toMatchObject({ lastVerified: null, stale: true, version: 3 });
  });
});

describe("search and filters", () => {
  let t: TestTenant;
  const seeded: Record<string, string> = {};

  beforeAll(async () => {
    t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const resources: [string, Partial<ResourceCreate>][] = [
      [
        "cpam",
        {
          pillar: "rights",
          category: "cpam",
          structureName: "CPAM Lille-Douai",
          serviceName: "Accueil sans rendez-vous",
          description: null,
          commune: "59350",
        },
      ],
      [
        "ccas",
        {
          pillar: "rights",
          category: "ccas",
          structureName: "CCAS de Hem",
          serviceName: null,
          description: "Aide aux démarches",
          commune: "59299",
          lastVerified: "2026-01-15",
        },
      ],
      [
        "apa",
        {
          pillar: "health",
          category: "adapted_physical_activity",
          structureName: "Maison sport-santé",
          commune: "59350",
        },
      ],
      [
        "etp",
        {
          pillar: "health",
          category: "therapeutic_education",
          structureName: "Hôpital Saint-Vincent",
          serviceName: "Éducation thérapeutique diabète",
          description: null,
          commune: "59350",
          lastVerified: null,
        },
      ],
      [
        "cafe",
        {
          pillar: "social",
          category: "cafe",
          structureName: "Le Café des Œuvres",
          serviceName: "Café-tricot",
          description: "Un CAFÉ convivial",
          commune: "59299",
        },
      ],
      [
        "gem",
        {
          pillar: "social",
          category: "gem",
          structureName: "GEM L'Écoute",
          serviceName: null,
          description: null,
          commune: "59350",
          lastVerified: "2026-05-24",
        },
      ],
      [
        "garden",
        {
          pillar: "social",
          category: "nature",
          structureName: "Jardin partagé des Moulins",
          serviceName: null,
          description: null,
          commune: "59350",
          lastVerified: "2026-05-25",
        },
      ],
      [
        "benevolat",
        {
          pillar: "volunteering",
          category: "volunteering_platform",
          structureName: "France Bénévolat Lille",
          serviceName: null,
          description: null,
          commune: "59350",
        },
      ],
    ];
    for (const [name, overrides] of resources) {
      const res = await lead.post(path(t), body(overrides));
      expect(res.status, name).toBe(201);
      seeded[res.body.id] = name;
    }
  });

  const names = async (query: string, user = t.users.link_worker) => {
    const res = await as(app, user).get(path(t, query));
    expect(res.status, query).toBe(200);
    return (res.body.items as { id: string }[]).map((r) => seeded[r.id]).sort();
  };

  test("by pillar, category, commune, stale, free text, and combined", async () => {
    expect(await names("?pillar=rights")).toEqual(["ccas", "cpam"]);
    expect(await names("?category=gem")).toEqual(["gem"]);
    expect(await names("?pillar=social&category=cafe")).toEqual(["cafe"]);
    expect(await names("?commune=59299")).toEqual(["cafe", "ccas"]);
    expect(await names("?stale=true")).toEqual(["ccas", "etp", "gem"]);
    expect(await names("?stale=false")).toEqual(["apa", "benevolat", "cafe", "cpam", "garden"]);
    expect(await names("?q=cafe")).toEqual(["cafe"]);
    expect(await names("?q=OEUVRES")).toEqual(["cafe"]);
    expect(await names("?q=ecoute")).toEqual(["gem"]);
    expect(await names("?q=education%20diabete")).toEqual(["etp"]);
    expect(await names("?q=%C3%A9ducation%20th%C3%A9rapeutique")).toEqual(["etp"]);
    expect(await names("?pillar=social&stale=true")).toEqual(["gem"]);
    expect(await names("?stale=true&commune=59350&q=hopital")).toEqual(["etp"]);
    expect(await names("")).toHaveLength(8);
  });

  test("bad filters answer 400 with the parameter's name", async () => {
    const lead = as(app, t.users.territory_lead);
    const wrong = await lead.get(path(t, "?pillar=rights&category=gem"));
    expect(wrong.status).toBe(400);
    expect(wrong.body.issues).toEqual([{ path: "category", message: "category.wrong_pillar" }]);
    const junk = await lead.get(path(t, "?pillar=sport&stale=maybe&commune=123"));
    expect(junk.status).toBe(400);
    expect(junk.body.issues.map((i: { path: string }) => i.path).sort()).toEqual([
      "commune",
      "pillar",
      "stale",
    ]);
  });

  test("pages of a filtered list: every match once, whatever the page size", async () => {
    for (const query of ["?stale=false", "?commune=59350", "?pillar=social", ""]) {
      const all = await names(query);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res: { body: { items: { id: string }[]; next: string | null } } = await as(
          app,
          t.users.link_worker,
        ).get(path(t, `${query || "?"}&limit=2${cursor ? `&cursor=${cursor}` : ""}`));
        expect(res.body.items.length).toBeLessThanOrEqual(2);
        seen.push(...res.body.items.map((r) => seeded[r.id] as string));
        cursor = res.body.next;
      } while (cursor);
      expect(seen.sort(), query).toEqual(all);
    }
  });
});

describe("a selective filter reads what it returns, not the catalogue", () => {
  afterEach(() => {
    Db.db().middlewareStack.remove("resourcesTestSpy");
  });

  test("a category, stale resources: one Query on an index, reading only the matches", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    for (let i = 0; i < 30; i++) await lead.post(path(t), body({ structureName: `Structure ${i}` }));
    await lead.post(path(t), body({ pillar: "rights", category: "caf", structureName: "CAF du Nord" }));
    await lead.post(path(t), body({ structureName: "Ancienne", lastVerified: "2020-01-01" }));

    const queries: { index: string | undefined; count: number }[] = [];
    Db.db().middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "QueryCommand") {
          const input = args.input as { IndexName?: string };
          const output = result.output as { Count?: number };
          queries.push({ index: input.IndexName, count: output.Count ?? 0 });
        }
        return result;
      },
      { step: "initialize", name: "resourcesTestSpy" },
    );
    expect((await lead.get(path(t, "?category=caf"))).body.items).toHaveLength(1);
    expect((await lead.get(path(t, "?stale=true"))).body.items).toHaveLength(1);
    expect(queries).toEqual([
      { index: "gsi1", count: 1 },
      { index: "gsi2", count: 1 },
    ]);
  });

  test("a filter no index serves reads a bounded number of items per page (short page, next cursor)", async () => {
    const t = await withTestTenant();
    await asLead(t, async () => {
      for (let i = 0; i < 7; i++) await Resources.create(body({ structureName: `Structure ${i}` }));
      const result = await Db.page(Resources.ResourceEntity, {
        partition: `${t.territory.id}#RES`,
        limit: 50,
        filter: () => false,
        maxRead: 3,
      });
      expect(result.items).toEqual([]);
      expect(result.next).not.toBeNull();
      const rest = await Db.page(Resources.ResourceEntity, {
        partition: `${t.territory.id}#RES`,
        limit: 50,
        cursor: result.next ?? undefined,
        filter: (r) => r.structureName === "Structure 6",
        maxRead: 10,
      });
      expect(rest.items.map((r) => r.structureName)).toEqual(["Structure 6"]);
    });
  });
});

describe("resources through the batch path (imports)", () => {
  test("staged rows stay invisible (lists, filters, get) until the commit; a re-import updates by reference", async () => {
    const t = await withTestTenant();
    const lead = as(app, t.users.territory_lead);
    const existing = (await lead.post(path(t), body({ reference: "LIL-APA-1" }))).body;

    const staged = await asLead(t, async () => {
      const matches = await Resources.byReference();
      const [fresh] = await Resources.reserveReferences(1);
      expect(fresh).toBe("RES-0001");
      const now = new Date();
      const update = Resources.validateRow({ ...body({ capacity: 20 }), reference: "lil-apa-1" });
      const create = Resources.validateRow({
        ...body({ pillar: "social", category: "music", structureName: "Chorale du faubourg" }),
      });
      const bad = Resources.validateRow({ ...body(), commune: "99999", category: "gem" });
      expect(bad).toMatchObject({
        ok: false,
        issues: [{ path: "category" }, { path: "commune", message: "commune.unknown" }],
      });
      if (!update.ok || !create.ok) throw new Error("invalid");
      const rows = [
        Resources.batchRows({ ...update.value, reference: "lil-apa-1" }, matches.get("LIL-APA-1"), now),
        Resources.batchRows({ ...create.value, reference: fresh as string }, undefined, now),
      ];
      expect(rows.map((r) => r.kind)).toEqual(["update", "create"]);
      expect(rows[0]?.changes).toEqual([{ field: "capacity", before: 12, after: 20 }]);
      const header = await Batch.apply(
        await Batch.begin({
          tenantId: t.territory.id,
          runId: createId("run"),
          kind: "resources",
          fileHash: "f",
          total: 3,
        }),
        rows.flatMap((r) => r.rows),
      );
      return { header, rows };
    });
    const newId = staged.rows[1]?.id as string;
    expect(
      (await lead.get(path(t))).body.items.map((r: { id: string; capacity: number }) => [r.id, r.capacity]),
    ).toEqual([[existing.id, 12]]);
    expect((await lead.get(path(t, "?pillar=social"))).body.items).toEqual([]);
    expect((await lead.get(path(t, "?q=chorale"))).body.items).toEqual([]);
    expect((await lead.get(path(t, `/${newId}`))).status).toBe(404);
    const blocked = await lead.post(path(t, `/${existing.id}/verify`), { version: 1 });
    expect(blocked.body.code).toBe("batch.conflict");

    await asLead(t, () => Batch.commit(staged.header, { action: "resource.import" }));
    expect((await lead.get(path(t, `/${existing.id}`))).body).toMatchObject({ capacity: 20, version: 2 });
    expect((await lead.get(path(t, "?pillar=social"))).body.items.map((r: { id: string }) => r.id)).toEqual([
      newId,
    ]);
    expect((await lead.get(path(t, "?q=chorale"))).body.items).toHaveLength(1);
    // Committed, not folded: mark as verified from the visible version.
    const verified = await lead.post(path(t, `/${newId}/verify`), { version: 1 });
    expect(verified.body).toMatchObject({ version: 2, lastVerified: TODAY });
    await asLead(t, async () => {
      await Batch.fold(
        staged.header,
        staged.rows.flatMap((r) => r.rows),
      );
      const matches = await Resources.byReference();
      expect([...matches.keys()].sort()).toEqual(["LIL-APA-1", "RES-0001"]);
    });
    expect((await lead.get(path(t, `/${newId}`))).body).toMatchObject({ version: 2, lastVerified: TODAY });
    expect((await lead.post(path(t), body({ reference: "res-0001" }))).body.code).toBe(
      "resource.reference_taken",
    );
  });
});

describe("the demo catalogue", () => {
  test("seeds two or three link workers and a few dozen resources per territory, some stale, all valid", async () => {
    const { seedCatalogue } = await import("../../packages/core/src/seed/catalogue");
    const [urban, rural, mixed] = await Promise.all([withTestTenant(), withTestTenant(), withTestTenant()]);
    const of = (t: TestTenant, linkWorkerUserId?: string) => ({
      territoryId: t.territory.id,
      lead: { id: t.users.territory_lead.id, displayName: "Personne de test" },
      ...(linkWorkerUserId ? { linkWorkerUserId } : {}),
    });
    await seedCatalogue(
      {
        urban: of(urban as TestTenant, urban?.users.link_worker.id),
        rural: of(rural as TestTenant),
        mixed: of(mixed as TestTenant),
      },
      { today: TODAY },
    );
    for (const t of [urban, rural, mixed] as TestTenant[]) {
      const reader = as(app, t.users.link_worker);
      const workers = (await reader.get(`/api/territories/${t.territory.id}/link-workers`)).body.items;
      expect(workers.length).toBeGreaterThanOrEqual(2);
      expect(workers.length).toBeLessThanOrEqual(3);
      const all = (await reader.get(path(t, "?limit=200"))).body.items as {
        pillar: string;
        stale: boolean;
      }[];
      expect(all.length).toBeGreaterThanOrEqual(20);
      expect(new Set(all.map((r) => r.pillar))).toEqual(
        new Set(["rights", "health", "social", "volunteering"]),
      );
      const stale = all.filter((r) => r.stale).length;
      expect(stale).toBeGreaterThan(2);
      expect(stale).toBeLessThan(all.length / 2);
    }
    const samir = (
      await as(app, urban?.users.territory_lead).get(`/api/territories/${urban?.territory.id}/link-workers`)
    ).body.items[0];
    expect(samir).toMatchObject({
      reference: "AL-001",
      userId: urban?.users.link_worker.id,
      userDisplayName: "Personne de test",
    });
  });
});
