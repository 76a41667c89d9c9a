import { randomUUID } from "node:crypto";
import { Actor, Federations, Funders, Session, Territory, User } from "@maillage/core";
import type { ContextKind, Role, TerritoryCreate } from "@maillage/schema";
import { type Config, createApp, loadConfig } from "../functions/src/app";
import { openApiDocument } from "../functions/src/http/openapi";

export const ORIGIN = "http://localhost:3000";

/** A local-mode config whose log lines are kept in memory for assertions. */
export function testConfig(overrides: Partial<Config> = {}) {
  const lines: Record<string, unknown>[] = [];
  const config: Config = {
    ...loadConfig({
      MAILLAGE_SESSION_SECRET: process.env.MAILLAGE_SESSION_SECRET,
      MAILLAGE_PUBLIC_URL: ORIGIN,
      MAILLAGE_FILES_DIR: process.env.MAILLAGE_FILES_DIR,
    }),
    checkResponses: true,
    log: (line) => {
      lines.push(line);
      if (process.env.DEBUG_LOG) console.error(JSON.stringify(line));
    },
    ...overrides,
  };
  return { config, lines };
}

export function testApp(overrides: Partial<Config> = {}) {
  const { config, lines } = testConfig(overrides);
  return { app: createApp(config, openApiDocument), lines };
}

export type TestApp = ReturnType<typeof createApp>;

export function profile(name: string, overrides: Partial<TerritoryCreate> = {}): TerritoryCreate {
  return {
    name,
    carrierType: "cpts",
    carrierName: `CPTS ${name}`,
    communes: ["59350", "59299"],
    population: 255_423,
    priorityNeighbourhoods: ["Moulins"],
    programme: "article51",
    startDate: "2026-01-05",
    endDate: "2027-12-31",
    ...overrides,
  };
}

const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

export async function createUser(grants: { contextKind: ContextKind; contextId: string; role: Role }[]) {
  const user = await system(() =>
    User.create({ email: `${randomUUID()}@example.org`, displayName: "Personne de test" }, grants),
  );
  // A real server-side session, as a sign-in opens one: a token without it is refused.
  const { token, id: sessionId } = await Session.openLocal(user.id, 3600);
  return { ...user, token, sessionId };
}

export type TestUser = Awaited<ReturnType<typeof createUser>>;

/** A fresh tenant: a territory with its federation, its funder and one person per role. */
export async function withTestTenant(name = `Territoire ${randomUUID().slice(0, 8)}`) {
  const territory = await system(() => Territory.create(profile(name)));
  const federation = await system(() => Federations.create({ name: `Fédération ${name}`, description: "" }));
  const funder = await system(() => Funders.create({ name: `Financeur ${name}`, funderType: "ars" }));
  await system(() => Federations.attach(federation.id, territory.id));
  await system(() => Funders.attach(funder.id, territory.id));
  const users = {
    territory_lead: await createUser([
      { contextKind: "territory", contextId: territory.id, role: "territory_lead" },
    ]),
    link_worker: await createUser([
      { contextKind: "territory", contextId: territory.id, role: "link_worker" },
    ]),
    federation: await createUser([
      { contextKind: "federation", contextId: federation.id, role: "federation" },
    ]),
    funder: await createUser([{ contextKind: "funder", contextId: funder.id, role: "funder" }]),
  };
  return { territory, federation, funder, users };
}

export type TestTenant = Awaited<ReturnType<typeof withTestTenant>>;

export async function createOperator() {
  return createUser([{ contextKind: "platform", contextId: "platform", role: "operator" }]);
}

/** A raw request body (an upload), sent as it is with its own media type. */
export class RawBody {
  constructor(
    readonly type: string,
    readonly bytes: Uint8Array | string,
  ) {}
}

/** Requests through app.request() as a person (bearer token), or anonymously. */
export function as(app: TestApp, user?: { token: string }) {
  const send = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const raw = body instanceof RawBody ? body : undefined;
    const response = await app.request(path, {
      method,
      headers: {
        ...(user ? { authorization: `Bearer ${user.token}` } : {}),
        ...(body !== undefined ? { "content-type": raw ? raw.type : "application/json" } : {}),
        ...headers,
      },
      ...(raw
        ? { body: raw.bytes as Uint8Array<ArrayBuffer> | string }
        : body !== undefined
          ? { body: JSON.stringify(body) }
          : {}),
    });
    const text = await response.text();
    // Downloads (CSV, XLSX) are kept as text; answers in JSON are parsed.
    const json = text && (response.headers.get("content-type") ?? "application/json").includes("json");
    return { status: response.status, headers: response.headers, text, body: json ? JSON.parse(text) : null };
  };
  return {
    get: (path: string, headers?: Record<string, string>) => send("GET", path, undefined, headers),
    post: (path: string, body: unknown, headers?: Record<string, string>) =>
      send("POST", path, body, headers),
    put: (path: string, body: unknown, headers?: Record<string, string>) => send("PUT", path, body, headers),
    delete: (path: string, headers?: Record<string, string>) => send("DELETE", path, undefined, headers),
    send,
  };
}

/**
 * A journey in the tenant, for the generated route tests: the `gp` route enabled, a referral and a
 * first contact (an event a deletion may remove), a SWEMWBS baseline. Its link worker is `linkWorkerId`.
 */
export async function journeyFixture(app: TestApp, t: TestTenant, linkWorkerId: string) {
  const lead = as(app, t.users.territory_lead);
  const base = `/api/territories/${t.territory.id}`;
  const settings = await lead.get(`${base}/referral-settings`);
  await lead.put(`${base}/referral-settings`, {
    routes: [{ kind: "gp", professionalType: null, label: "", enabled: true, description: "" }],
    targetGroups: [],
    version: settings.body.version,
  });
  const created = await lead.post(`${base}/journeys`, {
    person: JOURNEY_PERSON,
    linkWorkerId,
    events: [
      { type: "referral", date: "2026-09-01", route: "gp", prescriber: "gp", reasons: ["loneliness"] },
      { type: "first_contact", date: "2026-09-03", mode: "phone" },
    ],
    measures: [
      {
        instrument: "SWEMWBS",
        timepoint: "baseline",
        date: "2026-09-03",
        answers: { items: [3, 3, 3, 3, 3, 3, 3] },
      },
    ],
  });
  if (created.status !== 201)
    throw new Error(`journeyFixture: ${created.status} ${JSON.stringify(created.body)}`);
  const journey = created.body as {
    id: string;
    events: { id: string; type: string }[];
    measures: { id: string }[];
  };
  return {
    journeyId: journey.id,
    eventId: journey.events.find((e) => e.type === "first_contact")?.id ?? "",
    measureId: journey.measures[0]?.id ?? "",
  };
}

export const JOURNEY_PERSON = {
  ageBand: "45-54",
  sex: "female",
  commune: "59350",
  qpv: "no",
  precarity: [],
  livesAlone: "no",
  chronicCondition: "unknown",
  psychiatricComorbidity: "unknown",
  distress: "unknown",
  targetGroups: [],
};

/** Valid bodies for the journey write routes (the generated tests send them). */
export const JOURNEY_BODIES = {
  "POST /api/territories/:territoryId/journeys": (linkWorkerId: string) => ({
    person: JOURNEY_PERSON,
    linkWorkerId,
    events: [
      { type: "referral", date: "2026-09-01", route: "gp", prescriber: "gp", reasons: ["loneliness"] },
    ],
  }),
  "PUT /api/territories/:territoryId/journeys/:journeyId": () => ({
    person: JOURNEY_PERSON,
    track: "standard",
    version: 1,
  }),
  "DELETE /api/territories/:territoryId/journeys/:journeyId": () => ({ version: 999 }),
  "PUT /api/territories/:territoryId/journeys/:journeyId/assignment": (linkWorkerId: string) => ({
    linkWorkerId,
    version: 1,
  }),
  "POST /api/territories/:territoryId/journeys/:journeyId/events": () => ({
    event: { type: "initial_interview", date: "2026-09-10", mode: "in_person", durationMinutes: 45 },
    version: 1,
  }),
  "PUT /api/territories/:territoryId/journeys/:journeyId/events/:eventId": () => ({
    event: { type: "first_contact", date: "2026-09-04", mode: "phone" },
    version: 1,
  }),
  "DELETE /api/territories/:territoryId/journeys/:journeyId/events/:eventId": () => ({ version: 1 }),
  "POST /api/territories/:territoryId/journeys/:journeyId/measures": () => ({
    measure: {
      instrument: "SWEMWBS",
      timepoint: "follow_up",
      date: "2026-09-20",
      answers: { items: [4, 4, 4, 4, 4, 4, 4] },
    },
    version: 1,
  }),
  "PUT /api/territories/:territoryId/journeys/:journeyId/measures/:measureId": () => ({
    measure: {
      instrument: "SWEMWBS",
      timepoint: "baseline",
      date: "2026-09-03",
      answers: { items: [3, 3, 3, 3, 3, 3, 2] },
    },
    version: 1,
  }),
  "DELETE /api/territories/:territoryId/journeys/:journeyId/measures/:measureId": () => ({ version: 1 }),
  "PUT /api/territories/:territoryId/journey-settings": () => ({ sharing: "assigned", version: 0 }),
} as const;

/** A valid manual value (a quarter of GP_CONSULTATIONS_CHANGE), for the generated route tests. */
export const MANUAL_VALUE = {
  period: "2026-Q2",
  value: -12.5,
  source: "CPAM, extraction SNIIRAM",
  asOf: "2026-07-15",
  note: null,
  version: 0,
};

/** Valid bodies for the indicator write routes (the generated tests send them). */
export const INDICATOR_BODIES = {
  "PUT /api/territories/:territoryId/indicator-settings": () => ({
    overrides: { DECLINE_RATE: { target: { value: 0.2 } } },
    custom: [],
    economics: {},
    version: 0,
  }),
  "POST /api/territories/:territoryId/indicators/:code/values": () => MANUAL_VALUE,
  "POST /api/territories/:territoryId/periods/:period/lock": () => ({ reason: "Comité de suivi" }),
  "POST /api/territories/:territoryId/periods/:period/unlock": () => ({ reason: "Correction d'une saisie" }),
} as const;

/** The path parameters of the indicator routes: a manual indicator and a quarter. */
export const INDICATOR_PARAMS = { ":code": "GP_CONSULTATIONS_CHANGE", ":period": "2026-Q2" } as const;

/** The query the indicator read routes require. */
export const INDICATOR_QUERIES: Record<string, string> = {
  "/api/territories/:territoryId/indicators": "?period=2026-Q3",
  "/api/territories/:territoryId/indicators/trends": "?from=2026-07&to=2026-09",
};
