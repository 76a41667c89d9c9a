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
