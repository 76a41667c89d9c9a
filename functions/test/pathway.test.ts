import {
  createId,
  DEFAULT_STEP_IDS,
  defaultPathway,
  MAX_INSTRUMENTS,
  MAX_OVERRIDE_SCHEMES,
  MAX_STEPS,
  type Pathway,
  type PathwayUpdate,
  PathwayUpdate as PathwayUpdateSchema,
  ReferralSettingsUpdate,
  referralRouteKeys,
  targetGroups,
} from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { as, type TestTenant, testApp, withTestTenant } from "../../test/harness";
import { JSON_MAX_BYTES } from "../src/http/route";

const { app } = testApp();

type Change = { field: string; before: unknown; after: unknown };
type Entry = { action: string; entity: string; userId: string; changes: Change[] };

/** What a lead sends back after reading: the pathway without its version stamp. */
const toUpdate = (pathway: Pathway): PathwayUpdate => ({
  continuityModel: pathway.continuityModel,
  steps: pathway.steps,
  integratedTrack: pathway.integratedTrack,
  version: pathway.version,
});

function client(t: TestTenant, role: "territory_lead" | "link_worker" = "territory_lead") {
  const user = as(app, t.users[role]);
  const base = `/api/territories/${t.territory.id}`;
  return {
    getPathway: () => user.get(`${base}/pathway`),
    putPathway: (body: unknown) => user.put(`${base}/pathway`, body),
    getSettings: () => user.get(`${base}/referral-settings`),
    putSettings: (body: unknown) => user.put(`${base}/referral-settings`, body),
    listSchemes: (search = "") => user.get(`${base}/partner-schemes${search}`),
    createScheme: (body: unknown) => user.post(`${base}/partner-schemes`, body),
    getScheme: (id: string) => user.get(`${base}/partner-schemes/${id}`),
    putScheme: (id: string, body: unknown) => user.put(`${base}/partner-schemes/${id}`, body),
    history: async (entity: string): Promise<Entry[]> =>
      (await as(app, t.users.territory_lead).get(`${base}/audit?entity=${entity}`)).body.items,
  };
}

const issuesOf = (res: { body: { issues?: { path: string; message: string }[] } }) => res.body.issues ?? [];

const scheme = (name = "CPTS Lille Sud", overrides: Record<string, unknown> = {}) => ({
  kind: "cpts",
  name,
  description: "Staff mensuel et orientations croisées",
  contact: {
    structureName: "CPTS Lille Sud",
    contactRole: "Coordinatrice",
    contactName: "",
    phone: "03 20 12 34 56",
    email: "contact@cpts-lille-sud.example.org",
  },
  ...overrides,
});

describe("pathway: defaults", () => {
  test("a territory never saved reads the national six steps, version 0, for leads and link workers", async () => {
    const t = await withTestTenant();
    for (const role of ["territory_lead", "link_worker"] as const) {
      const res = await client(t, role).getPathway();
      expect(res.status).toBe(200);
      expect(res.body).toEqual(defaultPathway());
      expect(res.body.steps.map((s: { name: string }) => s.name)).toEqual([
        "Repérer",
        "Orienter",
        "Co-construire",
        "Soutenir",
        "Suivre et ajuster",
        "Évaluer",
      ]);
      expect(res.body.steps.map((s: { id: string }) => s.id)).toEqual([...DEFAULT_STEP_IDS]);
      expect(res.body.steps[2]).toMatchObject({ expectedDurationMinutes: 60, instruments: ["SWEMWBS"] });
      expect(res.body).toMatchObject({ continuityModel: "linkage", integratedTrack: null, updatedAt: null });
    }
  });

  test("a pilot can adopt the national default as it is; saving it again unchanged writes nothing", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const adopted = await lead.putPathway(toUpdate(defaultPathway()));
    expect(adopted.status).toBe(200);
    expect(adopted.body.version).toBe(1);
    expect((await lead.getPathway()).body.version).toBe(1);
    expect(await lead.history("pathway")).toHaveLength(1);
    const again = await lead.putPathway({ ...toUpdate(defaultPathway()), version: 1 });
    expect(again.body.version).toBe(1);
    expect(await lead.history("pathway")).toHaveLength(1);
  });
});

describe("pathway: the lead edits it", () => {
  test("rename, describe, reorder, add and retire steps; the audit entry lists only what changed", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const [identify, orient, coBuild, support, follow, evaluate] = defaultPathway().steps;
    if (!identify || !orient || !coBuild || !support || !follow || !evaluate) throw new Error("six steps");
    const added = {
      name: "Bilan à 6 mois",
      description: "Point d'étape avec le prescripteur",
      responsibleActor: "link_worker",
      targetDelayDays: 180,
      expectedDurationMinutes: 30,
      instruments: ["SWEMWBS", "UCLA3"],
    };
    const res = await lead.putPathway({
      continuityModel: "coordination",
      steps: [
        identify,
        { ...orient, name: "Orienter vers l'agent de liaison", targetDelayDays: 5 },
        coBuild,
        follow,
        support,
        added,
        { ...evaluate, retired: true },
      ],
      integratedTrack: null,
      version: 0,
    });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(1);
    expect(res.body.updatedAt).toEqual(expect.any(String));
    const steps = res.body.steps as Pathway["steps"];
    expect(steps).toHaveLength(7);
    const created = steps[5];
    expect(created?.id).toMatch(/^stp_[0-9A-Z]{26}$/);
    expect(DEFAULT_STEP_IDS).not.toContain(created?.id);
    expect(created).toMatchObject({ ...added, retired: false });
    expect(steps[6]).toMatchObject({ id: evaluate.id, name: "Évaluer", retired: true });
    expect((await lead.getPathway()).body).toEqual(res.body);

    const [entry, ...others] = await lead.history("pathway");
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      action: "pathway.update",
      entity: "pathway",
      userId: t.users.territory_lead.id,
    });
    expect(entry?.changes).toEqual([
      { field: "continuityModel", before: "linkage", after: "coordination" },
      { field: `steps.${orient.id}.name`, before: "Orienter", after: "Orienter vers l'agent de liaison" },
      { field: `steps.${orient.id}.targetDelayDays`, before: 7, after: 5 },
      { field: `steps.${created?.id}`, before: null, after: { position: 6, ...added, retired: false } },
      { field: `steps.${evaluate.id}.retired`, before: false, after: true },
      {
        field: "steps.order",
        before: ["Repérer", "Orienter", "Co-construire", "Soutenir", "Suivre et ajuster", "Évaluer"],
        after: [
          "Repérer",
          "Orienter vers l'agent de liaison",
          "Co-construire",
          "Suivre et ajuster",
          "Soutenir",
          "Bilan à 6 mois",
          "Évaluer",
        ],
      },
    ]);

    // The same document again: no new version, no new entry.
    const again = await lead.putPathway(toUpdate(res.body));
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(1);
    expect(await lead.history("pathway")).toHaveLength(1);

    // A retired step can be restored; its id has not changed.
    const restored = await lead.putPathway({
      ...toUpdate(res.body),
      steps: steps.map((s) => (s.id === evaluate.id ? { ...s, retired: false } : s)),
    });
    expect(restored.status).toBe(200);
    expect(restored.body.version).toBe(2);
    expect((await lead.history("pathway"))[0]?.changes).toEqual([
      { field: `steps.${evaluate.id}.retired`, before: true, after: false },
    ]);
  });

  test("a save from a stale version is refused with 409 and the current pathway; nothing is overwritten", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const base = toUpdate(defaultPathway());
    const first = await lead.putPathway({ ...base, continuityModel: "integration" });
    expect(first.status).toBe(200);
    const second = await lead.putPathway({ ...base, continuityModel: "coordination" });
    expect(second.status).toBe(409);
    expect(second.body.code).toBe("pathway.version_conflict");
    expect(second.body.current).toMatchObject({ version: 1, continuityModel: "integration" });
    const stale = await lead.putPathway({ ...toUpdate(first.body), version: 7 });
    expect(stale.status).toBe(409);
    expect((await lead.getPathway()).body).toMatchObject({ version: 1, continuityModel: "integration" });
    expect(await lead.history("pathway")).toHaveLength(1);
  });

  test("two first saves racing from the default: one wins, the other gets 409", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const base = toUpdate(defaultPathway());
    const results = await Promise.all([
      lead.putPathway({ ...base, continuityModel: "integration" }),
      lead.putPathway({ ...base, continuityModel: "coordination" }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(await lead.history("pathway")).toHaveLength(1);
  });

  test("invalid saves answer 400 with field paths and write nothing", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const base = toUpdate(defaultPathway());
    const steps = base.steps;
    const cases: [unknown, { path: string; message: string }[]][] = [
      [
        {
          ...base,
          steps: steps.map((s, i) =>
            i === 2
              ? {
                  ...s,
                  name: " x ",
                  targetDelayDays: -1,
                  expectedDurationMinutes: 60.5,
                  instruments: ["PHQ9"],
                }
              : s,
          ),
        },
        [
          { path: "steps.2.name", message: "step.name.too_short" },
          { path: "steps.2.targetDelayDays", message: "step.delay.range" },
          { path: "steps.2.expectedDurationMinutes", message: "step.duration.range" },
          { path: "steps.2.instruments.0", message: "step.instrument.unknown" },
        ],
      ],
      [
        { ...base, steps: steps.map((s, i) => (i === 1 ? { ...s, targetDelayDays: 366 } : s)) },
        [{ path: "steps.1.targetDelayDays", message: "step.delay.range" }],
      ],
      [
        { ...base, steps: steps.map((s) => ({ ...s, retired: true })) },
        [{ path: "steps", message: "steps.none_active" }],
      ],
      [{ ...base, steps: steps.slice(0, 5) }, [{ path: "steps", message: "steps.removed" }]],
      [
        { ...base, steps: [...steps, { ...steps[0], id: "stp_01ARZ3NDEKTSV4RRFFQ69G5FAV", name: "Autre" }] },
        [{ path: "steps.6.id", message: "step.unknown" }],
      ],
      [
        { ...base, steps: [...steps, { ...steps[0], name: "Repérer bis" }] },
        [{ path: "steps.6.id", message: "steps.duplicate_id" }],
      ],
      [
        { ...base, steps: [...steps, { ...steps[0], id: undefined }] },
        [{ path: "steps.6.name", message: "steps.duplicate_name" }],
      ],
      [
        { ...base, steps: steps.map((s, i) => (i === 0 ? { ...s, description: "d".repeat(501) } : s)) },
        [{ path: "steps.0.description", message: "description.too_long" }],
      ],
      [
        { ...base, steps: steps.map((s, i) => (i === 5 ? { ...s, instruments: ["ONS4", "ONS4"] } : s)) },
        [{ path: "steps.5.instruments", message: "step.instruments.duplicate" }],
      ],
      [
        {
          ...base,
          continuityModel: "fusion",
          steps: steps.map((s, i) => (i === 3 ? { ...s, responsibleActor: "gp" } : s)),
        },
        [
          { path: "continuityModel", message: "choice.required" },
          { path: "steps.3.responsibleActor", message: "choice.required" },
        ],
      ],
    ];
    for (const [body, issues] of cases) {
      const res = await lead.putPathway(body);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("input.invalid");
      expect(issuesOf(res)).toEqual(issues);
    }
    const steps25 = Array.from({ length: 25 }, (_, i) => ({
      ...steps[0],
      id: undefined,
      name: `Étape ${i}`,
    }));
    const tooMany = await lead.putPathway({ ...base, steps: [...steps, ...steps25] });
    expect(issuesOf(tooMany)).toEqual([{ path: "steps", message: "steps.too_many" }]);
    expect((await lead.getPathway()).body.version).toBe(0);
    expect(await lead.history("pathway")).toEqual([]);
  });
});

describe("pathway: the integrated track", () => {
  test("markers and per-step overrides naming active steps and active partner schemes", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const dac = await lead.createScheme(scheme("DAC Nord", { kind: "dac" }));
    expect(dac.status).toBe(201);
    const base = toUpdate(defaultPathway());
    const [, orient, coBuild] = DEFAULT_STEP_IDS;
    const track = {
      name: "Parcours intégré",
      description: "Pour les personnes cumulant maladie chronique et grande précarité",
      markers: ["no_housing", "no_health_cover", "psychiatric_comorbidity", "chronic_condition"],
      markerRule: "any",
      overrides: [
        {
          stepId: orient,
          responsibleActor: "partner_scheme",
          targetDelayDays: 2,
          expectedDurationMinutes: null,
          partnerSchemeIds: [dac.body.id],
          note: "Premier contact conjoint avec le DAC",
        },
        {
          stepId: coBuild,
          responsibleActor: null,
          targetDelayDays: null,
          expectedDurationMinutes: 90,
          partnerSchemeIds: [],
          note: "",
        },
      ],
    };
    const saved = await lead.putPathway({ ...base, continuityModel: "integration", integratedTrack: track });
    expect(saved.status).toBe(200);
    expect(saved.body.integratedTrack).toEqual(track);
    const [created] = await lead.history("pathway");
    expect(created?.changes).toEqual([
      { field: "continuityModel", before: "linkage", after: "integration" },
      { field: "integratedTrack", before: null, after: track },
    ]);

    // Track edits are audited field by field, overrides by step.
    const edited = {
      ...track,
      markerRule: "all",
      overrides: [{ ...track.overrides[0], targetDelayDays: 3 }],
    };
    const second = await lead.putPathway({ ...toUpdate(saved.body), integratedTrack: edited });
    expect(second.status).toBe(200);
    expect((await lead.history("pathway"))[0]?.changes).toEqual([
      { field: "integratedTrack.markerRule", before: "any", after: "all" },
      { field: `integratedTrack.overrides.${orient}.targetDelayDays`, before: 2, after: 3 },
      { field: `integratedTrack.overrides.${coBuild}`, before: track.overrides[1], after: null },
    ]);

    // A retired step or scheme, an unknown one, a step overridden twice: 400 with the override's path.
    const unknownScheme = "sch_01ARZ3NDEKTSV4RRFFQ69G5FAV";
    const bad = await lead.putPathway({
      ...toUpdate(second.body),
      steps: second.body.steps.map((s: { id: string }) => (s.id === coBuild ? { ...s, retired: true } : s)),
      integratedTrack: {
        ...edited,
        markers: [],
        overrides: [
          { ...track.overrides[0], partnerSchemeIds: [dac.body.id, unknownScheme] },
          { ...track.overrides[1], stepId: "stp_01ARZ3NDEKTSV4RRFFQ69G5FAV" },
          { ...track.overrides[1], stepId: coBuild },
          { ...track.overrides[1], stepId: orient },
        ],
      },
    });
    expect(bad.status).toBe(400);
    expect(issuesOf(bad)).toEqual([{ path: "integratedTrack.markers", message: "track.markers.required" }]);
    const bad2 = await lead.putPathway({
      ...toUpdate(second.body),
      steps: second.body.steps.map((s: { id: string }) => (s.id === coBuild ? { ...s, retired: true } : s)),
      integratedTrack: {
        ...edited,
        overrides: [
          { ...track.overrides[0], partnerSchemeIds: [dac.body.id, unknownScheme] },
          { ...track.overrides[1], stepId: "stp_01ARZ3NDEKTSV4RRFFQ69G5FAV" },
          { ...track.overrides[1], stepId: coBuild },
          { ...track.overrides[1], stepId: orient },
        ],
      },
    });
    expect(bad2.status).toBe(400);
    expect(issuesOf(bad2)).toEqual([
      { path: "integratedTrack.overrides.0.partnerSchemeIds.1", message: "partner_scheme.unknown" },
      { path: "integratedTrack.overrides.1.stepId", message: "override.step_unknown" },
      { path: "integratedTrack.overrides.2.stepId", message: "override.step_retired" },
      { path: "integratedTrack.overrides.3.stepId", message: "override.step_duplicate" },
    ]);

    const retired = await lead.putScheme(dac.body.id, {
      ...scheme("DAC Nord", { kind: "dac" }),
      retired: true,
      version: 1,
    });
    expect(retired.status).toBe(200);
    const withRetired = await lead.putPathway({
      ...toUpdate(second.body),
      integratedTrack: { ...edited, name: "Renommé" },
    });
    expect(withRetired.status).toBe(400);
    expect(issuesOf(withRetired)).toEqual([
      { path: "integratedTrack.overrides.0.partnerSchemeIds.0", message: "partner_scheme.retired" },
    ]);

    // Removing the track is one change.
    const removed = await lead.putPathway({ ...toUpdate(second.body), integratedTrack: null });
    expect(removed.status).toBe(200);
    expect((await lead.history("pathway"))[0]?.changes).toEqual([
      { field: "integratedTrack", before: edited, after: null },
    ]);
  });
});

describe("referral routes and target groups", () => {
  test("every known route and group is listed, disabled, until the lead saves; then only changes are audited", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const initial = await lead.getSettings();
    expect(initial.status).toBe(200);
    expect(initial.body.version).toBe(0);
    expect(
      initial.body.routes.map((r: { kind: string; professionalType: string | null }) =>
        r.professionalType ? `${r.kind}:${r.professionalType}` : r.kind,
      ),
    ).toEqual([
      "gp",
      "health_professional:nurse",
      "health_professional:pharmacist",
      "health_professional:midwife",
      "health_professional:psychiatrist",
      "health_professional:physiotherapist",
      "health_professional:psychologist",
      "health_professional:specialist_physician",
      "health_professional:occupational_therapist",
      "health_professional:dietitian",
      "health_professional:other",
      "social_worker",
      "hospital",
      "community_organisation",
      "self_referral",
    ]);
    expect(initial.body.routes.every((r: { enabled: boolean }) => !r.enabled)).toBe(true);
    expect(initial.body.targetGroups.map((g: { group: string }) => g.group)).toEqual([
      "isolated",
      "psychological_distress",
      "chronic_disease",
      "precarity",
      "young_people",
    ]);
    // The link worker reads them too.
    expect((await client(t, "link_worker").getSettings()).body).toEqual(initial.body);

    const body = {
      routes: [
        {
          kind: "gp",
          professionalType: null,
          label: "",
          enabled: true,
          description: "Fiche de liaison par messagerie sécurisée",
        },
        {
          kind: "health_professional",
          professionalType: "pharmacist",
          label: "",
          enabled: true,
          description: "",
        },
        {
          kind: "health_professional",
          professionalType: "other",
          label: "Orthophoniste",
          enabled: true,
          description: "",
        },
        {
          kind: "self_referral",
          professionalType: null,
          label: "",
          enabled: true,
          description: "Permanence le mardi",
        },
      ],
      targetGroups: [
        { group: "isolated", enabled: true, description: "Personnes âgées isolées" },
        { group: "precarity", enabled: true, description: "" },
      ],
      version: 0,
    };
    const saved = await lead.putSettings(body);
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(1);
    expect(saved.body.routes).toHaveLength(initial.body.routes.length);
    expect(saved.body.routes.filter((r: { enabled: boolean }) => r.enabled)).toEqual(body.routes);
    const [entry] = await lead.history("referral-settings");
    expect(entry?.changes).toEqual([
      { field: "routes.gp.enabled", before: false, after: true },
      { field: "routes.gp.description", before: "", after: "Fiche de liaison par messagerie sécurisée" },
      { field: "routes.health_professional:pharmacist.enabled", before: false, after: true },
      { field: "routes.health_professional:other.enabled", before: false, after: true },
      { field: "routes.health_professional:other.label", before: "", after: "Orthophoniste" },
      { field: "routes.self_referral.enabled", before: false, after: true },
      { field: "routes.self_referral.description", before: "", after: "Permanence le mardi" },
      { field: "targetGroups.isolated.enabled", before: false, after: true },
      { field: "targetGroups.isolated.description", before: "", after: "Personnes âgées isolées" },
      { field: "targetGroups.precarity.enabled", before: false, after: true },
    ]);

    // The full document sent back unchanged writes nothing.
    const same = await lead.putSettings({
      routes: saved.body.routes,
      targetGroups: saved.body.targetGroups,
      version: 1,
    });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(1);
    expect(await lead.history("referral-settings")).toHaveLength(1);

    const stale = await lead.putSettings({ ...body, targetGroups: [], version: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("referral_settings.version_conflict");
    expect(stale.body.current).toMatchObject({ version: 1 });
  });

  test("400 with field paths: professional type, label of `other`, duplicates", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const route = (kind: string, professionalType: string | null, extra = {}) => ({
      kind,
      professionalType,
      label: "",
      enabled: true,
      description: "",
      ...extra,
    });
    const res = await lead.putSettings({
      routes: [
        route("gp", "nurse"),
        route("health_professional", null),
        route("health_professional", "other"),
        route("hospital", null, { description: "d".repeat(501) }),
        route("taxi", null),
      ],
      targetGroups: [{ group: "everyone", enabled: true, description: "" }],
      version: 0,
    });
    expect(res.status).toBe(400);
    expect(issuesOf(res)).toEqual([
      { path: "routes.0.professionalType", message: "route.professional_type.not_applicable" },
      { path: "routes.1.professionalType", message: "route.professional_type.required" },
      { path: "routes.2.label", message: "route.label.required" },
      { path: "routes.3.description", message: "description.too_long" },
      { path: "routes.4.kind", message: "choice.required" },
      { path: "targetGroups.0.group", message: "choice.required" },
    ]);
    const duplicates = await lead.putSettings({
      routes: [route("gp", null), route("gp", null, { enabled: false })],
      targetGroups: [
        { group: "young_people", enabled: true, description: "" },
        { group: "young_people", enabled: false, description: "" },
      ],
      version: 0,
    });
    expect(issuesOf(duplicates)).toEqual([
      { path: "routes.1.kind", message: "route.duplicate" },
      { path: "targetGroups.1.group", message: "target_group.duplicate" },
    ]);
    expect(await lead.history("referral-settings")).toEqual([]);
  });
});

describe("partner schemes", () => {
  test("create, read, list a page at a time, edit, retire and restore, all audited", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const created = await lead.createScheme(scheme());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...scheme(), retired: false, version: 1 });
    expect(created.body.id).toMatch(/^sch_/);
    const clsm = await lead.createScheme(scheme("CLSM de Lille", { kind: "clsm" }));
    const other = await lead.createScheme(
      scheme("Heures du lien", { kind: "other", contact: { ...scheme().contact, phone: null, email: null } }),
    );
    expect(other.status).toBe(201);

    const first = await lead.listSchemes("?limit=2");
    expect(first.status).toBe(200);
    expect(first.body.items.map((s: { id: string }) => s.id)).toEqual([created.body.id, clsm.body.id]);
    expect(first.body.next).toEqual(expect.any(String));
    const second = await lead.listSchemes(`?limit=2&cursor=${first.body.next}`);
    expect(second.body.items.map((s: { id: string }) => s.id)).toEqual([other.body.id]);
    expect(second.body.next).toBeNull();
    expect((await client(t, "link_worker").getScheme(created.body.id)).body).toEqual(created.body);

    const edited = await lead.putScheme(created.body.id, {
      ...scheme(),
      contact: { ...scheme().contact, contactRole: "Coordinateur", phone: "+33 3 20 99 88 77" },
      retired: false,
      version: 1,
    });
    expect(edited.status).toBe(200);
    expect(edited.body.version).toBe(2);
    const retired = await lead.putScheme(created.body.id, { ...scheme(), retired: true, version: 2 });
    expect(retired.body).toMatchObject({ retired: true, version: 3 });
    const same = await lead.putScheme(created.body.id, { ...scheme(), retired: true, version: 3 });
    expect(same.body.version).toBe(3);
    const stale = await lead.putScheme(created.body.id, { ...scheme(), retired: false, version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("partner_scheme.version_conflict");
    expect(stale.body.current).toMatchObject({ retired: true, version: 3 });
    // A retired scheme stays listed, flagged; it can be restored.
    expect((await lead.listSchemes()).body.items[0]).toMatchObject({ id: created.body.id, retired: true });
    const restored = await lead.putScheme(created.body.id, { ...scheme(), retired: false, version: 3 });
    expect(restored.body).toMatchObject({ retired: false, version: 4 });

    const history = await lead.history(created.body.id);
    expect(history.map((e) => e.action)).toEqual([
      "partner_scheme.restore",
      "partner_scheme.retire",
      "partner_scheme.update",
      "partner_scheme.create",
    ]);
    expect(history[0]?.changes).toEqual([{ field: "retired", before: true, after: false }]);
    expect(history[1]?.changes).toEqual([
      { field: "contact.contactRole", before: "Coordinateur", after: "Coordinatrice" },
      { field: "contact.phone", before: "+33 3 20 99 88 77", after: "03 20 12 34 56" },
      { field: "retired", before: false, after: true },
    ]);
    expect(history[2]?.changes).toEqual([
      { field: "contact.contactRole", before: "Coordinatrice", after: "Coordinateur" },
      { field: "contact.phone", before: "03 20 12 34 56", after: "+33 3 20 99 88 77" },
    ]);
    expect(history[3]?.changes.map((c) => c.field)).toEqual([
      "kind",
      "name",
      "description",
      "contact.structureName",
      "contact.contactRole",
      "contact.contactName",
      "contact.phone",
      "contact.email",
      "retired",
    ]);
  });

  test("the structure contact is validated; an unknown scheme is a 404", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const res = await lead.createScheme({
      ...scheme("x", { kind: "hospital" }),
      contact: {
        structureName: "",
        contactRole: "r".repeat(121),
        contactName: "",
        phone: "12",
        email: "pas-une-adresse",
      },
    });
    expect(res.status).toBe(400);
    expect(issuesOf(res)).toEqual([
      { path: "kind", message: "choice.required" },
      { path: "name", message: "name.too_short" },
      { path: "contact.structureName", message: "structure_name.too_short" },
      { path: "contact.contactRole", message: "text.too_long" },
      { path: "contact.phone", message: "phone.format" },
      { path: "contact.email", message: "email.format" },
    ]);
    const ghost = "sch_01ARZ3NDEKTSV4RRFFQ69G5FAV";
    expect((await lead.getScheme(ghost)).body.code).toBe("partner_scheme.not_found");
    const put = await lead.putScheme(ghost, { ...scheme(), retired: false, version: 1 });
    expect(put.status).toBe(404);
    expect(put.body.code).toBe("partner_scheme.not_found");
    expect((await lead.getScheme("not-an-id")).status).toBe(404);
  });
});

describe("link workers read the configuration, never change it", () => {
  test("403 on every write; nothing is written", async () => {
    const t = await withTestTenant();
    const lead = client(t);
    const worker = client(t, "link_worker");
    const created = await lead.createScheme(scheme());
    expect((await worker.getPathway()).status).toBe(200);
    expect((await worker.listSchemes()).body.items).toHaveLength(1);
    for (const res of [
      await worker.putPathway({ ...toUpdate(defaultPathway()), continuityModel: "integration" }),
      await worker.putSettings({ routes: [], targetGroups: [], version: 0 }),
      await worker.createScheme(scheme("Autre CPTS")),
      await worker.putScheme(created.body.id, { ...scheme(), retired: true, version: 1 }),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.code).toBe("auth.forbidden");
    }
    expect((await lead.getPathway()).body.version).toBe(0);
    expect((await lead.getSettings()).body.version).toBe(0);
    expect((await lead.getScheme(created.body.id)).body).toMatchObject({ retired: false, version: 1 });
    expect(await lead.history("pathway")).toEqual([]);
  });
});

describe("bounds", () => {
  test("the largest valid pathway and referral settings fit the JSON body limit", () => {
    const steps = Array.from({ length: MAX_STEPS }, (_, i) => ({
      id: createId("step"),
      name: "é".repeat(80),
      description: "é".repeat(500),
      responsibleActor: "resource_provider",
      targetDelayDays: 365,
      expectedDurationMinutes: 480,
      instruments: Array.from({ length: MAX_INSTRUMENTS }, (_, j) => `custom:${String(j).padEnd(40, "x")}`),
      retired: i > 0,
    }));
    const pathway = {
      continuityModel: "coordination",
      steps,
      integratedTrack: {
        name: "é".repeat(120),
        description: "é".repeat(500),
        markers: ["no_housing", "no_health_cover", "psychiatric_comorbidity", "chronic_condition"],
        markerRule: "any",
        overrides: steps.map((step) => ({
          stepId: step.id,
          responsibleActor: "resource_provider",
          targetDelayDays: 365,
          expectedDurationMinutes: 480,
          partnerSchemeIds: Array.from({ length: MAX_OVERRIDE_SCHEMES }, () => createId("partnerScheme")),
          note: "é".repeat(200),
        })),
      },
      version: 123_456,
    };
    const settings = {
      routes: referralRouteKeys.map((key) => ({
        ...key,
        label: "é".repeat(120),
        enabled: true,
        description: "é".repeat(500),
      })),
      targetGroups: targetGroups.map((group) => ({ group, enabled: true, description: "é".repeat(500) })),
      version: 1,
    };
    for (const [schema, body] of [
      [PathwayUpdateSchema, pathway],
      [ReferralSettingsUpdate, settings],
    ] as const) {
      expect(v.safeParse(schema, body).success).toBe(true);
      expect(new TextEncoder().encode(JSON.stringify(body)).byteLength).toBeLessThan(JSON_MAX_BYTES);
    }
  });
});
