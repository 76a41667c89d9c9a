import { defaultPathway, type Role } from "@maillage/schema";
import { beforeAll, describe, expect, test } from "vitest";
import {
  as,
  createOperator,
  INDICATOR_BODIES,
  INDICATOR_PARAMS,
  INDICATOR_QUERIES,
  JOURNEY_BODIES,
  journeyFixture,
  profile,
  RawBody,
  type TestTenant,
  type TestUser,
  testApp,
  withTestTenant,
} from "../../test/harness";
import { describedRoutes } from "../src/http/openapi";

/**
 * Generated from the route table: for every declared route and every role of territory A,
 * addressing territory B's resources answers 404/403 and leaks none of B's data.
 */
const { app } = testApp();
const routes = describedRoutes(app);

/** A partner scheme, valid, for the scheme routes. */
const partnerScheme = {
  kind: "cpts",
  name: "CPTS par erreur",
  description: "",
  contact: { structureName: "CPTS", contactRole: "", contactName: "", phone: null, email: null },
};

/** A link worker and a resource, valid, for their routes. */
const linkWorker = {
  name: "Agent par erreur",
  profileType: "coordinator",
  employer: "Structure",
  fte: 0.5,
  fundingSource: "ars",
  communityHealthTraining: false,
  supervision: "none",
};
const resource = {
  pillar: "social",
  category: "gem",
  structureName: "GEM par erreur",
  commune: "59350",
  cost: "free",
};

/** A valid body per write route, so the refusal cannot come from validation. A new write route must add one. */
function sampleBody(key: string, b: TestTenant): unknown {
  const samples: Record<string, unknown> = {
    "POST /api/session/demo": { userId: b.users.territory_lead.id },
    "POST /api/invitations/accept": { token: "x".repeat(40) },
    "POST /api/operator/territories": profile("Créé par erreur"),
    "POST /api/operator/federations": { name: "Fédération par erreur", description: "" },
    "POST /api/operator/funders": { name: "Financeur par erreur", funderType: "cpam" },
    "POST /api/operator/territories/:territoryId/invitations": {
      email: "intrus@example.org",
      displayName: "Intrus",
      role: "territory_lead",
    },
    "PUT /api/territories/:territoryId/profile": { ...profile("Volé"), version: b.territory.version },
    "POST /api/territories/:territoryId/invitations": {
      email: "intrus@example.org",
      displayName: "Intrus",
      role: "link_worker",
    },
    "PUT /api/territories/:territoryId/pathway": {
      continuityModel: "integration",
      steps: defaultPathway().steps,
      integratedTrack: null,
      version: 0,
    },
    "PUT /api/territories/:territoryId/referral-settings": {
      routes: [{ kind: "gp", professionalType: null, label: "", enabled: true, description: "" }],
      targetGroups: [{ group: "isolated", enabled: true, description: "" }],
      version: 0,
    },
    "POST /api/territories/:territoryId/partner-schemes": partnerScheme,
    "PUT /api/territories/:territoryId/denominators": {
      population: [{ sex: "female", ageBand: "0-17", count: 1200 }],
      qpvPopulation: null,
      source: { label: "INSEE, recensement 2021", year: 2021 },
      version: 0,
    },
    "POST /api/territories/:territoryId/link-workers": linkWorker,
    "PUT /api/territories/:territoryId/link-workers/:linkWorkerId": { ...linkWorker, version: 1 },
    "POST /api/territories/:territoryId/resources": resource,
    "PUT /api/territories/:territoryId/resources/:resourceId": { ...resource, version: 1 },
    "POST /api/territories/:territoryId/resources/:resourceId/verify": { version: 1 },
    "PUT /api/territories/:territoryId/partner-schemes/:schemeId": {
      ...partnerScheme,
      retired: true,
      version: 1,
    },
  };
  const journey = JOURNEY_BODIES[key as keyof typeof JOURNEY_BODIES];
  if (journey) return journey(linkWorkers.get(b.territory.id) ?? "");
  const indicator = INDICATOR_BODIES[key as keyof typeof INDICATOR_BODIES];
  if (indicator) return indicator();
  if (!(key in samples)) throw new Error(`No sample body for ${key}: add one to the cross-tenant test`);
  return samples[key];
}

/** A valid file per upload route (a dry run of it is accepted). A new upload route must add one. */
function sampleUpload(key: string): RawBody {
  const samples: Record<string, RawBody> = {
    "POST /api/territories/:territoryId/resources/import": new RawBody(
      "text/csv",
      "Pilier;Catégorie;Structure;Commune (code INSEE);Coût\r\nActivités sociales;Café associatif;Le Lien;59350;Gratuit\r\n",
    ),
    "POST /api/territories/:territoryId/denominators/import": new RawBody(
      "text/csv",
      "sexe;tranche_age;population\r\nfemmes;0-17;1200\r\n",
    ),
    "POST /api/territories/:territoryId/link-workers/import": new RawBody(
      "text/csv",
      "Nom;Profil;Structure employeuse;ETP;Financement;Formation en santé communautaire;Supervision\r\nSamir Benali;Autre;CPTS;0,5;Autre;non;Aucune\r\n",
    ),
    "POST /api/territories/:territoryId/journeys/import": new RawBody(
      "text/csv",
      "Tranche d'âge;Date d'orientation;Voie d'orientation;Prescripteur;Motifs\r\n65-74;03/03/2025;gp;Médecin généraliste;Isolement, solitude\r\n",
    ),
  };
  if (!(key in samples)) throw new Error(`No sample upload for ${key}: add one to the cross-tenant test`);
  return samples[key] as RawBody;
}

const bodyOf = (route: (typeof routes)[number], key: string, t: TestTenant) =>
  route.body ? sampleBody(key, t) : route.upload ? sampleUpload(key) : undefined;

function pathFor(path: string, t: TestTenant): string {
  return (
    `${path}${INDICATOR_QUERIES[path] ?? ""}`
      .replace(":territoryId", t.territory.id)
      .replace(":federationId", t.federation.id)
      .replace(":funderId", t.funder.id)
      // DELETE …/members/:userId has no body: it names the tenant's link worker (the positive control
      // removes A's, after every cross-tenant attempt on B's has been refused).
      .replace(":userId", t.users.link_worker.id)
      .replace(":jobId", jobs.get(t.territory.id) ?? "")
      .replace(":linkWorkerId", linkWorkers.get(t.territory.id) ?? "")
      .replace(":resourceId", resources.get(t.territory.id) ?? "")
      .replace(":schemeId", schemes.get(t.territory.id) ?? "")
      .replace(":journeyId", journeys.get(t.territory.id)?.journeyId ?? "")
      .replace(":eventId", journeys.get(t.territory.id)?.eventId ?? "")
      .replace(":measureId", journeys.get(t.territory.id)?.measureId ?? "")
      .replace(":code", INDICATOR_PARAMS[":code"])
      .replace(":period", INDICATOR_PARAMS[":period"])
  );
}

/** One job per tenant (an invitation's delivery), for the job routes. */
const jobs = new Map<string, string>();
/** One link worker and one resource per tenant, for their routes. */
const linkWorkers = new Map<string, string>();
const resources = new Map<string, string>();
/** One partner scheme per tenant, for the scheme routes. */
const schemes = new Map<string, string>();
/** One journey per tenant (with an event and a measure), for the journey routes. */
const journeys = new Map<string, Awaited<ReturnType<typeof journeyFixture>>>();

let a: TestTenant;
let b: TestTenant;
let operator: TestUser;

beforeAll(async () => {
  a = await withTestTenant("Territoire A");
  b = await withTestTenant("Territoire B");
  operator = await createOperator();
  for (const t of [a, b]) {
    const invited = await as(app, t.users.territory_lead).post(
      `/api/territories/${t.territory.id}/invitations`,
      {
        email: `invitee-${t.territory.id.toLowerCase()}@example.org`,
        displayName: "Invitée",
        role: "link_worker",
      },
    );
    jobs.set(t.territory.id, invited.body.deliveryJobId);
    const lead = as(app, t.users.territory_lead);
    linkWorkers.set(
      t.territory.id,
      (await lead.post(`/api/territories/${t.territory.id}/link-workers`, linkWorker)).body.id,
    );
    resources.set(
      t.territory.id,
      (await lead.post(`/api/territories/${t.territory.id}/resources`, resource)).body.id,
    );
    const scheme = await as(app, t.users.territory_lead).post(
      `/api/territories/${t.territory.id}/partner-schemes`,
      partnerScheme,
    );
    schemes.set(t.territory.id, scheme.body.id);
    journeys.set(t.territory.id, await journeyFixture(app, t, linkWorkers.get(t.territory.id) ?? ""));
    // A locked period: B's must stay locked; A's is unlocked by the positive control.
    const locked = await lead.post(
      `/api/territories/${t.territory.id}/periods/${INDICATOR_PARAMS[":period"]}/lock`,
      { reason: "Comité de suivi" },
    );
    if (locked.status !== 200) throw new Error(`lock: ${locked.status} ${locked.text}`);
  }
});

const roles: Role[] = ["territory_lead", "link_worker", "federation", "funder"];
const scoped = routes.filter((r) => r.meta.access.kind === "context");

describe("cross-tenant isolation, generated from the route table", () => {
  test("the route table declares context-scoped routes for every context kind", () => {
    const contexts = new Set(
      scoped.map((r) => (r.meta.access.kind === "context" ? r.meta.access.context : "")),
    );
    expect([...contexts].sort()).toEqual(["federation", "funder", "platform", "territory"]);
    expect(scoped.length).toBeGreaterThanOrEqual(14);
  });

  for (const route of scoped) {
    const key = `${route.method} ${route.path}`;
    for (const role of roles) {
      test(`${key} as A's ${role} against B → 404/403, no data`, async () => {
        const user = a.users[role as keyof TestTenant["users"]];
        const body = bodyOf(route, key, b);
        const res = await as(app, user).send(route.method, pathFor(route.path, b), body);
        expect([403, 404]).toContain(res.status);
        expect(res.body.code).toMatch(/not_found|forbidden/);
        for (const secret of [
          b.territory.name,
          b.federation.name,
          b.funder.name,
          b.users.territory_lead.email,
        ]) {
          expect(res.text).not.toContain(secret);
        }
        // A 404 must look the same whether B exists or not: same code as for a random id.
        if (res.status === 404) {
          const ghost = pathFor(route.path, b).replace(
            /(ter|fed|fun)_[0-9A-Z]{26}/g,
            "$1_01ARZ3NDEKTSV4RRFFQ69G5FAV",
          );
          const other = await as(app, user).send(route.method, ghost, body);
          expect(other.status).toBe(404);
          expect(other.body.code).toBe(res.body.code);
        }
      });
    }
  }

  test("B is unchanged after all those attempts", async () => {
    const res = await as(app, b.users.territory_lead).get(`/api/territories/${b.territory.id}/audit`);
    const actions = res.body.items.map((e: { action: string }) => e.action);
    expect(actions).toContain("territory.create");
    // Only what set B up (creation, its people, its readers, its own invitation).
    const setUp = [
      "territory.create",
      "membership.create",
      "federation.attach",
      "funder.attach",
      "invitation.create",
      "link_worker.create",
      "resource.create",
      "partner_scheme.create",
      "referral_settings.update",
      "journey.create",
      "period.lock",
    ];
    expect(actions.filter((a: string) => !setUp.includes(a))).toEqual([]);
    const profileB = await as(app, b.users.territory_lead).get(`/api/territories/${b.territory.id}/profile`);
    expect(profileB.body).toMatchObject({ name: "Territoire B", version: 1 });
    const periodsB = await as(app, b.users.territory_lead).get(`/api/territories/${b.territory.id}/periods`);
    expect(periodsB.body.items.map((l: { period: string }) => l.period)).toEqual([
      INDICATOR_PARAMS[":period"],
    ]);
    const settingsB = await as(app, b.users.territory_lead).get(
      `/api/territories/${b.territory.id}/indicator-settings`,
    );
    expect(settingsB.body).toMatchObject({ version: 0, overrides: {} });
  });

  test("positive control: the same routes work for the role they allow, in its own context", async () => {
    for (const route of scoped) {
      if (route.meta.access.kind !== "context") continue;
      const { context, roles: allowed } = route.meta.access;
      const key = `${route.method} ${route.path}`;
      const user = context === "platform" ? operator : a.users[allowed[0] as keyof TestTenant["users"]];
      const body = route.body
        ? key === "PUT /api/territories/:territoryId/profile"
          ? {
              ...profile("Territoire A"),
              version: (await as(app, user).get(`/api/territories/${a.territory.id}/profile`)).body.version,
            }
          : sampleBody(key, a)
        : bodyOf(route, key, a);
      const res = await as(app, user).send(route.method, pathFor(route.path, a), body);
      // Attaching A again to its own federation is a 409 conflict: access was still granted.
      expect(res.status, key).toBeLessThan(500);
      expect([400, 401, 403, 404], key).not.toContain(res.status);
    }
  });

  test("anonymous requests to non-public routes answer 401", async () => {
    for (const route of routes.filter((r) => r.meta.access.kind !== "public")) {
      const res = await as(app).send(route.method, pathFor(route.path, a), route.body ? {} : undefined);
      expect(res.status, `${route.method} ${route.path}`).toBe(401);
    }
  });

  test("every route in Hono's table is declared (so none escapes this test)", () => {
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const actual = app.routes.filter((r) => r.method !== "ALL").map((r) => `${r.method} ${r.path}`);
    for (const key of actual) expect(declared, key).toContain(key);
  });
});
