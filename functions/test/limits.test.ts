import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { Db } from "@maillage/core";
import { TerritoryCreate } from "@maillage/schema";
import * as v from "valibot";
import { afterEach, beforeAll, describe, expect, test } from "vitest";
import {
  as,
  createOperator,
  profile,
  type TestApp,
  type TestTenant,
  type TestUser,
  testApp,
  withTestTenant,
} from "../../test/harness";
import { describedRoutes } from "../src/http/openapi";
import { CSV, JSON_MAX_BYTES, XLSX } from "../src/http/route";
import { routeTestApp, UPLOAD_MAX_BYTES } from "./route-app";

const codeOf = async (res: Response) => ((await res.json()) as { code?: string }).code;

/** Findings of the outside probe (issue 6, item 11): path ids, string bounds, body sizes. */
const { app, lines } = testApp();
const small = routeTestApp();

let tenant: TestTenant;
let operator: TestUser;

beforeAll(async () => {
  tenant = await withTestTenant();
  operator = await createOperator();
});

/** Every DynamoDB command the API sends from now on (a spy on the real client; the commands still run). */
function countCommands(): string[] {
  const sent: string[] = [];
  Db.db().middlewareStack.add(
    (next, context) => async (args) => {
      sent.push(context.commandName ?? "?");
      return next(args);
    },
    { step: "initialize", name: "limitsTestCount" },
  );
  return sent;
}

afterEach(() => {
  Db.db().middlewareStack.remove("limitsTestCount");
});

const MB = 1024 * 1024;

type SchemaNode = { type: string; kind?: string; requirement?: unknown; pipe?: SchemaNode[] } & Record<
  string,
  unknown
>;

/** An anchored pattern without unbounded repetition fixes the length (ids, INSEE codes, dates). */
const boundedPattern = (re: RegExp) =>
  re.source.startsWith("^") &&
  re.source.endsWith("$") &&
  !/[*+]|\{\d+,\}/.test(re.source.replace(/\\./g, ""));

/** The paths of the strings of a valibot schema that have neither a maximum length nor a fixed pattern. */
function unboundedStrings(schema: unknown, at: string): string[] {
  const found: string[] = [];
  const walk = (node: SchemaNode, path: string) => {
    const actions = node.pipe ?? [];
    const base = node.pipe ? (actions[0] as SchemaNode) : node;
    if (base.type === "string") {
      const bounded = actions.some(
        (a) =>
          a.type === "max_length" ||
          a.type === "length" ||
          (a.kind === "validation" && a.requirement instanceof RegExp && boundedPattern(a.requirement)),
      );
      if (!bounded) found.push(path || "(root)");
      return;
    }
    if (base.type === "unknown" || base.type === "any") found.push(`${path} (${base.type})`);
    if (base.entries) {
      for (const [key, child] of Object.entries(base.entries as Record<string, SchemaNode>)) {
        walk(child, path ? `${path}.${key}` : key);
      }
    }
    if (base.item) walk(base.item as SchemaNode, `${path}[]`);
    if (base.wrapped) walk(base.wrapped as SchemaNode, path);
    if (Array.isArray(base.options)) {
      for (const option of base.options) if (typeof option === "object") walk(option as SchemaNode, path);
    }
  };
  walk(schema as SchemaNode, at);
  return found;
}

/**
 * A JSON body of `total` bytes produced on demand, 64 KB at a time, that counts what was pulled: the
 * 100 MB are never built, and the count shows how much the server read before answering.
 */
function streamedJson(total: number) {
  const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
  const head = new TextEncoder().encode('{"email":"');
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled >= total) return controller.close();
      const next = pulled === 0 ? head : chunk;
      pulled += next.byteLength;
      controller.enqueue(next);
    },
    cancel() {
      cancelled = true;
    },
  });
  return { body, pulled: () => pulled, cancelled: () => cancelled };
}

function sendStream(target: TestApp, path: string, user: TestUser, stream: ReadableStream, headers = {}) {
  return target.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${user.token}`, "content-type": "application/json", ...headers },
    body: stream,
    duplex: "half",
  } as RequestInit);
}

describe("path ids are validated before any read", () => {
  const long = (prefix: string) => `${prefix}_${"A".repeat(2000 - prefix.length - 1)}`;
  const cases = [
    {
      kind: "territory",
      path: () => `/api/territories/${long("ter")}`,
      user: () => tenant.users.territory_lead,
    },
    {
      kind: "federation",
      path: () => `/api/federations/${long("fed")}`,
      user: () => tenant.users.federation,
    },
    { kind: "funder", path: () => `/api/funders/${long("fun")}`, user: () => tenant.users.funder },
  ] as const;

  for (const { kind, path, user } of cases) {
    test(`a 2,000-character ${kind} id is a 404 ${kind}.not_found, without a DynamoDB command`, async () => {
      expect(path().split("/").at(-1)).toHaveLength(2000);
      const sent = countCommands();
      const res = await as(app, user()).get(path());
      expect(res.status).toBe(404);
      expect(res.body.code).toBe(`${kind}.not_found`);
      expect(sent).toEqual([]);
      expect(lines.filter((l) => l.msg === "unhandled error")).toEqual([]);
    });
  }

  test("the spy sees the reads of a well-formed id (the control of the tests above)", async () => {
    const sent = countCommands();
    const res = await as(app, tenant.users.territory_lead).get(
      `/api/territories/${tenant.territory.id}/profile`,
    );
    expect(res.status).toBe(200);
    expect(sent.length).toBeGreaterThan(0);
  });

  test("every tenant route answers its 404 for a 2,000-character context id", async () => {
    const scoped = describedRoutes(app).filter(
      (r) => r.meta.access.kind === "context" && r.meta.access.context !== "platform",
    );
    expect(scoped.length).toBeGreaterThanOrEqual(8);
    for (const route of scoped) {
      if (route.meta.access.kind !== "context") continue;
      const { context, roles } = route.meta.access;
      const path = route.path.replace(/:(\w+)/g, "A".repeat(2000));
      const res = await as(app, tenant.users[roles[0] as keyof TestTenant["users"]]).send(
        route.method,
        path,
        route.body ? {} : undefined,
      );
      expect({ route: `${route.method} ${route.path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${route.method} ${route.path}`,
        status: 404,
        code: `${context}.not_found`,
      });
    }
  });
});

describe("every string of every input is bounded", () => {
  test("an invitation e-mail of 2,050 characters is refused (400 on the email field), not created", async () => {
    const email = `${"a".repeat(2038)}@example.org`;
    expect(email).toHaveLength(2050);
    for (const path of [
      `/api/territories/${tenant.territory.id}/invitations`,
      `/api/operator/territories/${tenant.territory.id}/invitations`,
    ]) {
      const user = path.startsWith("/api/operator") ? operator : tenant.users.territory_lead;
      const res = await as(app, user).post(path, { email, displayName: "Long", role: "link_worker" });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("input.invalid");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["email"]);
    }
  });

  test("an e-mail of 254 characters is still accepted", async () => {
    const email = `${"b".repeat(64)}@${"c".repeat(63)}.${"d".repeat(63)}.${"e".repeat(57)}.org`;
    expect(email).toHaveLength(254);
    const res = await as(app, tenant.users.territory_lead).post(
      `/api/territories/${tenant.territory.id}/invitations`,
      { email, displayName: "Longue adresse", role: "link_worker" },
    );
    expect(res.status).toBe(201);
  });

  test("the input schemas of every route bound every string", () => {
    const routes = describedRoutes(app).concat(describedRoutes(small.app));
    let walked = 0;
    const unbounded: string[] = [];
    for (const route of routes) {
      for (const [part, schema] of [
        ["body", route.body],
        ["query", route.query],
        ["params", route.params],
      ] as const) {
        if (!schema) continue;
        walked++;
        unbounded.push(...unboundedStrings(schema, `${route.method} ${route.path} ${part}:`));
      }
    }
    expect(walked).toBeGreaterThanOrEqual(15);
    expect(unbounded).toEqual([]);
  });

  test("the walker finds unbounded strings wherever they are (its control)", () => {
    const schema = v.object({
      ok: v.pipe(v.string(), v.trim(), v.maxLength(3)),
      id: v.pipe(v.string(), v.regex(/^ter_[0-9A-Z]{26}$/)),
      free: v.pipe(v.string(), v.trim()),
      open: v.pipe(v.string(), v.regex(/^[a-z]+$/)),
      list: v.array(v.optional(v.string())),
      nested: v.nullable(v.object({ deep: v.union([v.picklist(["a"]), v.string()]) })),
    });
    expect(unboundedStrings(schema, "")).toEqual(["free", "open", "list[]", "nested.deep"]);
  });

  test("the largest valid territory profile fits the JSON body limit", () => {
    const big = profile("N".repeat(120), {
      carrierName: "C".repeat(160),
      communes: Array.from({ length: 1000 }, (_, i) => String(10_000 + i)),
      priorityNeighbourhoods: Array.from({ length: 200 }, () => "é".repeat(120)),
    });
    expect(v.safeParse(TerritoryCreate, big).success).toBe(true);
    const bytes = new TextEncoder().encode(JSON.stringify({ ...big, version: 1 })).byteLength;
    expect(bytes).toBeGreaterThan(50_000);
    expect(bytes).toBeLessThan(JSON_MAX_BYTES);
  });
});

describe("body-size limits, answered before the body is parsed", () => {
  const invitations = () => `/api/territories/${tenant.territory.id}/invitations`;

  test("a 100 MB JSON body without Content-Length (chunked) is a 413, read no further than the limit", async () => {
    const stream = streamedJson(100 * MB);
    const started = performance.now();
    const res = await sendStream(app, invitations(), tenant.users.territory_lead, stream.body);
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("input.too_large");
    expect(stream.pulled()).toBeLessThanOrEqual(JSON_MAX_BYTES + 2 * 64 * 1024);
    expect(stream.cancelled()).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  test("a declared Content-Length of 100 MB is a 413 before any byte is read", async () => {
    const stream = streamedJson(100 * MB);
    const res = await sendStream(app, invitations(), tenant.users.territory_lead, stream.body, {
      "content-length": String(100 * MB),
    });
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("input.too_large");
    // A ReadableStream may be asked for its first chunk when it is created; no more is read.
    expect(stream.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  test("a Content-Length that understates the body does not get it parsed", async () => {
    const stream = streamedJson(2 * MB);
    const res = await sendStream(app, invitations(), tenant.users.territory_lead, stream.body, {
      "content-length": "100",
    });
    expect(res.status).toBe(413);
    expect(await codeOf(res)).toBe("input.too_large");
    expect(stream.pulled()).toBeLessThan(2 * MB);
  });

  test("over a real socket (the Node server), a chunked 100 MB body is answered 413 while it is still being sent", async () => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((resolve) => server.once("listening", resolve));
    const { port } = server.address() as AddressInfo;
    const chunk = Buffer.alloc(64 * 1024, "x");
    let written = 0;
    let answered = false;
    try {
      const status = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = httpRequest(
          {
            host: "127.0.0.1",
            port,
            method: "POST",
            path: invitations(),
            headers: {
              authorization: `Bearer ${tenant.users.territory_lead.token}`,
              "content-type": "application/json",
              "transfer-encoding": "chunked",
            },
          },
          (res) => {
            answered = true;
            let body = "";
            res.on("data", (d) => {
              body += d;
            });
            res.on("end", () => {
              resolve({ status: res.statusCode ?? 0, body });
              req.destroy();
            });
          },
        );
        req.on("error", (error) => (written > 0 ? undefined : reject(error)));
        const pump = () => {
          while (written < 100 * MB && !answered && !req.destroyed) {
            written += chunk.byteLength;
            if (!req.write(chunk)) return void req.once("drain", pump);
          }
          if (!answered && !req.destroyed) req.end();
        };
        req.write('{"email":"');
        pump();
      });
      expect(status.status).toBe(413);
      expect(JSON.parse(status.body).code).toBe("input.too_large");
      // What the sockets buffered before the answer: a few MB at most, not the 100.
      expect(written).toBeLessThan(16 * MB);
      // The same server still parses a body within the limit (the body is handed on after counting).
      const ok = await fetch(`http://127.0.0.1:${port}${invitations()}`, {
        method: "POST",
        headers: {
          authorization: `Bearer ${tenant.users.territory_lead.token}`,
          "content-type": "application/json",
        },
        body: JSON.stringify({
          email: "par.socket@example.org",
          displayName: "Par socket",
          role: "link_worker",
        }),
      });
      expect(ok.status).toBe(201);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  test("a body just under the limit is parsed (and then validated)", async () => {
    const res = await as(app, tenant.users.territory_lead).post(invitations(), {
      email: "x".repeat(JSON_MAX_BYTES - 100),
      displayName: "Presque",
      role: "link_worker",
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("input.invalid");
  });

  test("an anonymous 100 MB body is refused as 401 without reading it", async () => {
    const stream = streamedJson(100 * MB);
    const res = await app.request(invitations(), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: stream.body,
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBe(401);
    expect(stream.pulled()).toBeLessThanOrEqual(64 * 1024);
  });

  test("uploads have their own limit: over it 413, of another type 415 (unread), within it 202", async () => {
    const path = `/api/territories/${tenant.territory.id}/imports`;
    const lead = { authorization: `Bearer ${tenant.users.territory_lead.token}` };
    const send = (type: string, bytes: number) =>
      small.app.request(path, {
        method: "POST",
        headers: { ...lead, "content-type": type },
        body: "a".repeat(bytes),
      });
    const over = await send(CSV, UPLOAD_MAX_BYTES + 1);
    expect(over.status).toBe(413);
    expect(await codeOf(over)).toBe("input.too_large");
    const png = await send("image/png", 10);
    expect(png.status).toBe(415);
    expect(await codeOf(png)).toBe("input.unsupported_type");
    const empty = await send(XLSX, 0);
    expect(empty.status).toBe(400);
    expect(await codeOf(empty)).toBe("input.invalid");
    const ok = await send(`${CSV}; charset=utf-8`, UPLOAD_MAX_BYTES);
    expect(ok.status).toBe(202);
    expect(await ok.json()).toMatchObject({ bytes: UPLOAD_MAX_BYTES, mediaType: CSV });
    expect(ok.headers.get("location")).toMatch(
      new RegExp(`^/api/territories/${tenant.territory.id}/jobs/job_`),
    );
  });
});
