import { Actor, Clock, LinkWorkers, Referrals, Resources } from "@maillage/core";
import type { JourneyCreate, JourneyPerson } from "@maillage/schema";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { as, createUser, type TestTenant, testApp, withTestTenant } from "../../test/harness";

const { app } = testApp();

const asLead = <T>(t: TestTenant, fn: () => Promise<T>) =>
  Actor.provide(
    {
      type: "user",
      userId: t.users.territory_lead.id,
      displayName: "Cheffe de projet",
      contextKind: "territory",
      contextId: t.territory.id,
      role: "territory_lead",
    },
    fn,
  );

/** A territory with two routes enabled, a link worker record for its link worker, and one resource. */
async function setUp() {
  const t = await withTestTenant();
  const second = await createUser([
    { contextKind: "territory", contextId: t.territory.id, role: "link_worker" },
  ]);
  const fixture = await asLead(t, async () => {
    await Referrals.update({
      routes: [
        { kind: "gp", professionalType: null, label: "", enabled: true, description: "" },
        { kind: "community_organisation", professionalType: null, label: "", enabled: true, description: "" },
      ],
      targetGroups: [],
      version: 0,
    });
    const worker = (name: string, userId: string) =>
      LinkWorkers.create({
        name,
        profileType: "health_mediator",
        employer: "Centre social",
        fte: 1,
        fundingSource: "ars",
        fundingDetail: null,
        communityHealthTraining: false,
        trainingName: null,
        trainingDate: null,
        supervision: "none",
        supervisionFrequency: null,
        caseloadCapacity: 30,
        languages: ["fr"],
        communes: ["59350"],
        activeFrom: null,
        activeTo: null,
        userId,
      });
    const first = await worker("Nadia Benali", t.users.link_worker.id);
    const other = await worker("Julien Morel", second.id);
    const resource = await Resources.create({
      pillar: "health",
      category: "adapted_physical_activity",
      structureName: "Maison sport-santé",
      serviceName: "Marche nordique adaptée",
      description: null,
      commune: "59350",
      address: null,
      accessibility: [],
      cost: "free",
      costDetail: null,
      schedule: null,
      capacity: null,
      phone: null,
      email: null,
      website: null,
      publics: [],
    });
    return { first: first.id, other: other.id, resource: resource.id };
  });
  return { t, second, ...fixture };
}

const person = (overrides: Partial<JourneyPerson> = {}): JourneyPerson => ({
  ageBand: "65-74",
  sex: "female",
  commune: "59350",
  qpv: "yes",
  precarity: ["complementary_solidarity_cover"],
  livesAlone: "yes",
  chronicCondition: "yes",
  psychiatricComorbidity: "no",
  distress: "mild",
  targetGroups: ["isolated"],
  ...overrides,
});

const referral = (date = "2026-09-01") => ({
  type: "referral" as const,
  date,
  route: "gp",
  prescriber: "gp" as const,
  reasons: ["loneliness" as const, "physical_inactivity" as const],
  snomed: true,
});

const journey = (linkWorkerId: string, overrides: Partial<JourneyCreate> = {}): JourneyCreate => ({
  person: person(),
  linkWorkerId,
  events: [referral()],
  ...overrides,
});

const base = (t: TestTenant) => `/api/territories/${t.territory.id}/journeys`;

describe("journeys", () => {
  test("a link worker records a journey through every step with scores; delays are computed against the pathway", async () => {
    const { t, first, resource } = await setUp();
    const worker = as(app, t.users.link_worker);
    const created = await worker.post(base(t), journey(first));
    expect(created.status).toBe(201);
    expect(created.body.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{3}-[0-9A-HJKMNP-TV-Z]{3}$/);
    expect(created.body).toMatchObject({ status: "referred", rurality: 1, track: "standard", route: "gp" });
    const id = created.body.id as string;
    let version = created.body.version as number;
    const add = async (event: Record<string, unknown>) => {
      const response = await worker.post(`${base(t)}/${id}/events`, { event, version });
      expect(response.status, JSON.stringify(response.body)).toBe(200);
      version = response.body.version;
      return response.body;
    };
    await add({ type: "first_contact", date: "2026-09-05", mode: "phone" });
    await add({ type: "initial_interview", date: "2026-09-12", mode: "in_person", durationMinutes: 60 });
    const baseline = await worker.post(`${base(t)}/${id}/measures`, {
      measure: {
        instrument: "SWEMWBS",
        timepoint: "baseline",
        date: "2026-09-12",
        stepId: "stp_00000000000000000000000003",
        answers: { items: [2, 2, 3, 2, 3, 2, 2] },
      },
      version,
    });
    expect(baseline.status, JSON.stringify(baseline.body)).toBe(200);
    version = baseline.body.version;
    // Raw 16 → metric 16.36 (swemwbs-conversion.csv).
    expect(baseline.body.measures[0].score).toMatchObject({ raw: 16, metric: 16.36 });
    await add({
      type: "plan",
      date: "2026-09-12",
      goals: [{ pillar: "health", label: "Marcher 30 min trois fois par semaine" }],
      pillars: ["health", "social"],
    });
    await add({ type: "orientation", date: "2026-09-20", resourceId: resource, attendance: "attended" });
    await add({ type: "follow_up", date: "2026-10-15", mode: "phone", note: "Va mieux, marche deux fois" });
    await add({ type: "evaluation", date: "2026-11-20" });
    const done = await add({ type: "exit", date: "2026-11-20", reason: "completed" });
    expect(done.status).toBe("completed");
    // What indicators read, on the header: the baseline's metric score, no follow-up yet.
    expect(done.outcomes).toEqual({ SWEMWBS: { baseline: 16.36, followUp: null } });
    expect(done.milestones).toMatchObject({
      referral: "2026-09-01",
      firstContact: "2026-09-05",
      initialInterview: "2026-09-12",
      plan: "2026-09-12",
      firstActivity: "2026-09-20",
      exit: "2026-11-20",
    });
    const delay = (stage: string) => done.delays.find((d: { stage: string }) => d.stage === stage);
    // National default targets: first contact within 7 days, interview 14 days after it.
    expect(delay("first_contact")).toMatchObject({ days: 4, targetDays: 7, late: false });
    expect(delay("initial_interview")).toMatchObject({ days: 7, targetDays: 14, late: false });
    expect(delay("orientation")).toMatchObject({ days: 8, targetDays: 30, late: false });

    // Nothing after an exit unless the journey is reopened (audited as such).
    const late = await worker.post(`${base(t)}/${id}/events`, {
      event: { type: "follow_up", date: "2026-11-25", mode: "phone" },
      version,
    });
    expect(late.status).toBe(400);
    expect(late.body.issues).toContainEqual({ path: "event.date", message: "event.after_exit" });
    const reopened = await add({
      type: "reopen",
      date: "2026-11-25",
      reason: "Souhaite poursuivre l'atelier",
    });
    expect(reopened.status).toBe("active");
    const history = await as(app, t.users.territory_lead).get(
      `/api/territories/${t.territory.id}/audit?entity=${id}`,
    );
    const actions = history.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain("journey.reopen");
    expect(JSON.stringify(history.body.items)).not.toContain("Marcher 30 min");
    expect(JSON.stringify(history.body.items)).not.toContain("Va mieux");
  });

  test("incomplete or out-of-range answers: 400 naming the item, nothing stored", async () => {
    const { t, first } = await setUp();
    const worker = as(app, t.users.link_worker);
    const created = await worker.post(base(t), journey(first));
    const send = (answers: Record<string, unknown>, instrument = "WEMWBS") =>
      worker.post(`${base(t)}/${created.body.id}/measures`, {
        measure: { instrument, timepoint: "baseline", date: "2026-09-02", answers },
        version: 1,
      });
    const outOfRange = await send({ items: [3, 3, 3, 6, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3] });
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.issues[0].path).toBe("measure.answers.items.3");
    const missing = await send({ answers: { life_satisfaction: 7, worthwhile: 8, happiness: 6 } }, "ONS4");
    expect(missing.status).toBe(400);
    expect(missing.body.issues[0].path).toBe("measure.answers.answers.anxiety");
    const stored = await worker.get(`${base(t)}/${created.body.id}`);
    expect(stored.body.version).toBe(1);
    expect(stored.body.measures).toEqual([]);
  });

  test("free text refuses identifiers; dates in the future and before the referral are refused", async () => {
    const { t, first } = await setUp();
    const worker = as(app, t.users.link_worker);
    const refused = await worker.post(
      base(t),
      journey(first, {
        events: [
          referral(),
          { type: "first_contact", date: "2026-09-02", mode: "phone" },
          { type: "initial_interview", date: "2026-09-03", mode: "phone", durationMinutes: 45 },
          {
            type: "plan",
            date: "2026-09-03",
            goals: [{ pillar: "social", label: "Rappeler au 06 12 34 56 78" }],
            pillars: ["social"],
          },
          { type: "follow_up", date: "2099-01-01", mode: "phone" },
        ],
      }),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.issues).toContainEqual({
      path: "events.3.goals.0.label",
      message: "text.personal.phone",
    });
    const before = await worker.post(
      base(t),
      journey(first, {
        events: [referral("2026-09-10"), { type: "first_contact", date: "2026-09-01", mode: "phone" }],
      }),
    );
    expect(before.status).toBe(400);
    expect(before.body.issues).toContainEqual({ path: "events.1.date", message: "event.before_referral" });
    const future = await worker.post(base(t), journey(first, { events: [referral("2099-01-01")] }));
    expect(future.body.issues).toContainEqual({ path: "events.0.date", message: "event.date.future" });
    expect((await worker.get(base(t))).body.items).toEqual([]);
  });

  test("every free-text field refuses a NIR, a phone number, an e-mail and a street address", async () => {
    const { t, first, resource } = await setUp();
    const worker = as(app, t.users.link_worker);
    const identifiers = {
      // 2 69 05 49 588 157: key 97 − (2690549588157 mod 97) = 80.
      "text.personal.nir": "NIR 2 69 05 49 588 157 80",
      "text.personal.phone": "Joignable au 06 12 34 56 78",
      "text.personal.email": "Écrire à jeanne.martin@orange.fr",
      "text.personal.address": "Habite 12 rue de la Paix",
    };
    const plan = (label: string) => ({
      type: "plan",
      date: "2026-09-03",
      goals: [{ pillar: "social", label }],
      pillars: ["social"],
    });
    const start = [
      referral(),
      { type: "first_contact", date: "2026-09-02", mode: "phone" },
      { type: "initial_interview", date: "2026-09-03", mode: "phone", durationMinutes: 45 },
    ];
    const fields: [string, (text: string) => unknown[]][] = [
      ["events.3.goals.0.label", (text) => [...start, plan(text)]],
      [
        "events.4.note",
        (text) => [
          ...start,
          plan("Rejoindre la chorale"),
          { type: "follow_up", date: "2026-09-10", mode: "phone", note: text },
        ],
      ],
      [
        "events.5.reason",
        (text) => [
          ...start,
          plan("Rejoindre la chorale"),
          { type: "exit", date: "2026-09-10", reason: "lost_to_follow_up" },
          { type: "reopen", date: "2026-09-12", reason: text },
        ],
      ],
    ];
    for (const [path, events] of fields) {
      for (const [id, text] of Object.entries(identifiers)) {
        const response = await worker.post(
          base(t),
          journey(first, { events: events(text) as JourneyCreate["events"] }),
        );
        expect(response.status, `${path}: ${text}`).toBe(400);
        expect(response.body.issues, `${path}: ${text}`).toContainEqual({ path, message: id });
      }
    }
    // The same texts without the identifier are accepted.
    const fine = await worker.post(
      base(t),
      journey(first, {
        events: [
          ...start,
          plan("Marcher 30 min par jour"),
          { type: "orientation", date: "2026-09-04", resourceId: resource, attendance: "attended" },
          { type: "follow_up", date: "2026-09-10", mode: "phone", note: "Deux séances faites" },
        ] as JourneyCreate["events"],
      }),
    );
    expect(fine.status, JSON.stringify(fine.body)).toBe(201);
    expect((await worker.get(base(t))).body.items).toHaveLength(1);
  });

  test("a lead deletes a journey entered by mistake (audited); a link worker may not", async () => {
    const { t, first } = await setUp();
    const created = await as(app, t.users.link_worker).post(base(t), journey(first));
    const path = `${base(t)}/${created.body.id}`;
    expect((await as(app, t.users.link_worker).send("DELETE", path, { version: 1 })).status).toBe(403);
    const lead = as(app, t.users.territory_lead);
    expect((await lead.send("DELETE", path, { version: 2 })).status).toBe(409);
    expect((await lead.send("DELETE", path, { version: 1 })).status).toBe(204);
    expect((await lead.get(path)).status).toBe(404);
    expect((await lead.get(base(t))).body.items).toEqual([]);
    const history = await lead.get(`/api/territories/${t.territory.id}/audit?entity=${created.body.id}`);
    expect(history.body.items[0].action).toBe("journey.delete");
  });

  test("a territory defines its own measure; journeys record it, scored on its scale, which then stays fixed", async () => {
    const { t, first } = await setUp();
    const lead = as(app, t.users.territory_lead);
    const settingsPath = `/api/territories/${t.territory.id}/journey-settings`;
    const confidence = {
      code: "confiance",
      label: "Confiance en soi (échelle du territoire)",
      items: 4,
      min: 0,
      max: 5,
      direction: "higher_is_better",
      meaningfulChange: 3,
    };
    const bad = await lead.put(settingsPath, {
      sharing: "assigned",
      customMeasures: [{ ...confidence, min: 5, max: 0 }],
      version: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toMatch(/^customMeasures\.0\./);
    const saved = await lead.put(settingsPath, {
      sharing: "assigned",
      customMeasures: [confidence],
      version: 0,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body.customMeasures).toEqual([confidence]);
    const worker = as(app, t.users.link_worker);
    const created = await worker.post(base(t), journey(first));
    const record = (items: number[]) =>
      worker.post(`${base(t)}/${created.body.id}/measures`, {
        measure: {
          instrument: "custom:confiance",
          timepoint: "baseline",
          date: "2026-09-02",
          answers: { items },
        },
        version: 1,
      });
    const outOfRange = await record([1, 2, 6, 3]);
    expect(outOfRange.status).toBe(400);
    expect(outOfRange.body.issues[0].path).toBe("measure.answers.items.2");
    const scored = await record([1, 2, 5, 3]);
    expect(scored.status, JSON.stringify(scored.body)).toBe(200);
    expect(scored.body.measures[0].score).toMatchObject({ total: 11, min: 0, max: 20 });
    expect(scored.body.outcomes["custom:confiance"]).toEqual({ baseline: 11, followUp: null });
    // Its scale cannot change under the scores already stored.
    const changed = await lead.put(settingsPath, {
      sharing: "assigned",
      customMeasures: [{ ...confidence, max: 10 }],
      version: 1,
    });
    expect(changed.status).toBe(400);
    expect(changed.body.issues).toContainEqual({
      path: "customMeasures.0.code",
      message: "measure.definition.frozen",
    });
    // Leaving the list out keeps it.
    const shared = await lead.put(settingsPath, { sharing: "team", version: 1 });
    expect(shared.body.customMeasures).toEqual([confidence]);
  });

  test("a second link worker gets 404 on the first's journeys, until the lead shares them with the team", async () => {
    const { t, second, first } = await setUp();
    const created = await as(app, t.users.link_worker).post(base(t), journey(first));
    const other = as(app, second);
    expect((await other.get(`${base(t)}/${created.body.id}`)).status).toBe(404);
    expect((await other.get(base(t))).body.items).toEqual([]);
    const put = await other.post(`${base(t)}/${created.body.id}/events`, {
      event: { type: "first_contact", date: "2026-09-02", mode: "phone" },
      version: 1,
    });
    expect(put.status).toBe(404);
    // A link worker cannot record a journey for someone else.
    const forOther = await other.post(base(t), journey(first));
    expect(forOther.status).toBe(400);
    // The lead sees everything.
    const lead = as(app, t.users.territory_lead);
    expect((await lead.get(base(t))).body.items).toHaveLength(1);
    const shared = await lead.put(`/api/territories/${t.territory.id}/journey-settings`, {
      sharing: "team",
      version: 0,
    });
    expect(shared.status).toBe(200);
    expect((await other.get(`${base(t)}/${created.body.id}`)).status).toBe(200);
  });

  test("reassignment is the lead's, audited; the caseload follows the journey", async () => {
    const { t, first, other } = await setUp();
    const created = await as(app, t.users.link_worker).post(base(t), journey(first));
    const worker = as(app, t.users.link_worker);
    expect(
      (await worker.put(`${base(t)}/${created.body.id}/assignment`, { linkWorkerId: other, version: 1 }))
        .status,
    ).toBe(403);
    const lead = as(app, t.users.territory_lead);
    const moved = await lead.put(`${base(t)}/${created.body.id}/assignment`, {
      linkWorkerId: other,
      version: 1,
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ linkWorkerId: other, linkWorkerName: "Julien Morel", version: 2 });
    expect((await worker.get(`${base(t)}/${created.body.id}`)).status).toBe(404);
    const byWorker = await lead.get(`${base(t)}?linkWorkerId=${other}`);
    expect(byWorker.body.items.map((j: { id: string }) => j.id)).toEqual([created.body.id]);
    const history = await lead.get(`/api/territories/${t.territory.id}/audit?entity=${created.body.id}`);
    expect(history.body.items[0]).toMatchObject({
      action: "journey.reassign",
      changes: [{ field: "linkWorkerId", before: first, after: other }],
    });
    // The register shows each link worker's open journeys beside their capacity.
    const register = await lead.get(`/api/territories/${t.territory.id}/link-workers`);
    const load = (id: string) =>
      register.body.items.find((w: { id: string }) => w.id === id) as {
        openJourneys: number;
        caseloadCapacity: number;
      };
    expect(load(other)).toMatchObject({ openJourneys: 1, caseloadCapacity: 30 });
    expect(load(first).openJourneys).toBe(0);
    // A stale version is a conflict, with the current journey.
    const stale = await lead.put(`${base(t)}/${created.body.id}/assignment`, {
      linkWorkerId: first,
      version: 1,
    });
    expect(stale.status).toBe(409);
  });

  test("the track is proposed from the markers the pathway's integrated track names", async () => {
    const { t, first } = await setUp();
    await asLead(t, async () => {
      const { Pathway } = await import("@maillage/core");
      const current = await Pathway.get();
      await Pathway.update({
        continuityModel: current.continuityModel,
        steps: current.steps,
        integratedTrack: {
          name: "Parcours intégré",
          description: "",
          markers: ["no_housing", "no_health_cover"],
          markerRule: "any",
          overrides: [],
        },
        version: current.version,
      });
    });
    const worker = as(app, t.users.link_worker);
    const standard = await worker.post(base(t), journey(first));
    expect(standard.body.track).toBe("standard");
    const integrated = await worker.post(
      base(t),
      journey(first, { person: person({ precarity: ["no_stable_housing"] }) }),
    );
    expect(integrated.body.track).toBe("integrated");
  });
});

// ---------------------------------------------------------------------------------------------------
// The funnel as a state machine: a property test against an independent model of its rules.

type Ev = { type: string; date: string; reason?: string; declineReason?: string | null; attendance?: string };

const STAGE = [
  "referral",
  "first_contact",
  "initial_interview",
  "plan",
  "orientation",
  "follow_up",
  "evaluation",
  "exit",
  "reopen",
];

/** The rules as a pilot would state them, walked step by step (not the product's code). */
function modelValid(events: Ev[], today: string): boolean {
  if (events.some((e) => e.date > today)) return false;
  if (events.filter((e) => e.type === "referral").length !== 1) return false;
  const sorted = [...events].sort((a, b) =>
    a.date === b.date ? STAGE.indexOf(a.type) - STAGE.indexOf(b.type) : a.date < b.date ? -1 : 1,
  );
  if (sorted[0]?.type !== "referral") return false;
  let contacted = false;
  let interviewed = false;
  let planned = false;
  let closed = false;
  for (const e of sorted.slice(1)) {
    if (closed) {
      if (e.type !== "reopen") return false;
      closed = false;
      continue;
    }
    switch (e.type) {
      case "first_contact":
        if (contacted) return false;
        contacted = true;
        break;
      case "initial_interview":
        if (!contacted || interviewed) return false;
        interviewed = true;
        break;
      case "plan":
        if (!interviewed || planned) return false;
        planned = true;
        break;
      case "orientation":
      case "follow_up":
      case "evaluation":
        if (!planned) return false;
        break;
      case "exit":
        if (e.reason === "completed" && !planned) return false;
        closed = true;
        break;
      case "reopen":
        return false;
    }
  }
  return true;
}

describe("the funnel's state machine", () => {
  test("random event sequences are stored whole and valid, or refused with a 400 and nothing stored", async () => {
    const { t, first, resource } = await setUp();
    const worker = as(app, t.users.link_worker);
    const today = Clock.today();
    const day = fc.constantFrom("2026-03-01", "2026-03-02", "2026-03-10", "2026-04-01", "2099-01-01");
    const event = fc.oneof(
      day.map((date) => ({ ...referral(date) })),
      day.map((date) => ({ type: "first_contact", date, mode: "phone" })),
      day.map((date) => ({ type: "initial_interview", date, mode: "in_person", durationMinutes: 50 })),
      day.map((date) => ({
        type: "plan",
        date,
        goals: [{ pillar: "social", label: "Rejoindre la chorale" }],
        pillars: ["social"],
      })),
      fc.tuple(day, fc.constantFrom("attended", "pending")).map(([date, attendance]) => ({
        type: "orientation",
        date,
        resourceId: resource,
        attendance,
      })),
      day.map((date) => ({ type: "follow_up", date, mode: "phone" })),
      day.map((date) => ({ type: "evaluation", date })),
      fc.tuple(day, fc.constantFrom("completed", "lost_to_follow_up")).map(([date, reason]) => ({
        type: "exit",
        date,
        reason,
      })),
      day.map((date) => ({ type: "reopen", date, reason: "Reprise" })),
    );
    let stored = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(event, { minLength: 1, maxLength: 7 }), async (events) => {
        const response = await worker.post(
          base(t),
          journey(first, { events: events as JourneyCreate["events"] }),
        );
        const valid = modelValid(events as Ev[], today);
        if (valid) {
          expect(response.status, JSON.stringify(response.body.issues)).toBe(201);
          stored += 1;
          const read = await worker.get(`${base(t)}/${response.body.id}`);
          expect(read.body.events).toHaveLength(events.length);
        } else {
          expect(response.status).toBe(400);
        }
        const list = await worker.get(`${base(t)}?limit=200`);
        expect(list.body.items).toHaveLength(stored);
      }),
      { numRuns: 60, seed: 20261202 },
    );
  });
});
