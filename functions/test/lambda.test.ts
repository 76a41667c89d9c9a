import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { isBuiltin } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { bundleLambda, type LambdaBundle, lambdaDataEnv } from "../../scripts/lib/lambda-bundle";
import { as, ORIGIN, type TestTenant, testApp, withTestTenant } from "../../test/harness";

/**
 * The API's Lambda bundle, built as deployed (scripts/lib/lambda-bundle.ts) and invoked like the Lambda
 * runtime does: recorded API Gateway HTTP API events (payload format 2.0) in, v2 results out, against
 * DynamoDB Local. Catches what the in-process tests cannot: a dependency that does not bundle, a data
 * file left behind, an event or result shape the adapter gets wrong.
 */
type Handler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

const repoRoot = resolve(import.meta.dirname, "../..");
const bundleDir = mkdtempSync(join(tmpdir(), "maillage-lambda-"));
let bundle: LambdaBundle;
let handler: Handler;

/** The Node 22 Lambda runtime provides AWS SDK v3; here the repository's copy plays that part, and only it. */
function provideRuntimeSdk(dir: string) {
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  symlinkSync(join(repoRoot, "node_modules", "@aws-sdk"), join(dir, "node_modules", "@aws-sdk"), "dir");
}

/**
 * Vitest runs .mjs files outside node_modules through Vite's transform. A data: URL module is left to
 * Node's own loader, and it re-exports the bundle by absolute URL: the handler runs untransformed.
 */
async function importNatively(file: string): Promise<Record<string, unknown>> {
  const trampoline = `export * from ${JSON.stringify(pathToFileURL(file).href)};`;
  return import(/* @vite-ignore */ `data:text/javascript,${encodeURIComponent(trampoline)}`);
}

const lambdaContext = (): Context => ({
  callbackWaitsForEmptyEventLoop: true,
  functionName: "maillage-test-Api",
  functionVersion: "$LATEST",
  invokedFunctionArn: "arn:aws:lambda:eu-west-3:123456789012:function:maillage-test-Api",
  memoryLimitInMB: "1024",
  awsRequestId: randomUUID(),
  logGroupName: "/aws/lambda/maillage-test-Api",
  logStreamName: "2025/11/25/[$LATEST]0123456789abcdef0123456789abcdef",
  getRemainingTimeInMillis: () => 29_000,
  done: () => undefined,
  fail: () => undefined,
  succeed: () => undefined,
});

function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    if (!(name in values)) throw new Error(`No value for the fixture placeholder {{${name}}}`);
    return String(values[name]);
  });
}

function fillAll(value: unknown, values: Record<string, string | number>): unknown {
  if (typeof value === "string") return fill(value, values);
  if (Array.isArray(value)) return value.map((item) => fillAll(item, values));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillAll(v, values)]));
  }
  return value;
}

/** A recorded event from fixtures/, placeholders replaced; Content-Length follows the filled body. */
function recorded(name: string, values: Record<string, string | number> = {}): APIGatewayProxyEventV2 {
  const raw = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")) as unknown;
  const event = fillAll(raw, values) as APIGatewayProxyEventV2;
  if (event.body !== undefined && event.headers["content-length"] !== undefined) {
    event.headers["content-length"] = String(Buffer.byteLength(event.body));
  }
  return event;
}

/** Invokes the bundled handler; its log lines (stdout, i.e. CloudWatch) are captured, not printed. */
async function invoke(event: APIGatewayProxyEventV2) {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  });
  let result: APIGatewayProxyStructuredResultV2;
  try {
    result = await handler(event, lambdaContext());
  } finally {
    spy.mockRestore();
  }
  const logs = written
    .flatMap((chunk) => chunk.split("\n"))
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  // Parsed like test/harness.ts does: the assertions say what the body holds.
  const body = result.body ? JSON.parse(result.body) : null;
  return { result, body, logs };
}

let a: TestTenant;
let b: TestTenant;

beforeAll(async () => {
  bundle = await bundleLambda(bundleDir);
  provideRuntimeSdk(bundleDir);
  // As the function's environment would; the table, endpoint and secret come from test/setup.ts.
  Object.assign(process.env, {
    MAILLAGE_AUTH: "local",
    MAILLAGE_STAGE: "test",
    MAILLAGE_PUBLIC_URL: ORIGIN,
    ...lambdaDataEnv(bundleDir),
  });
  const module = await importNatively(bundle.handler.path);
  expect(typeof module.handler).toBe("function");
  handler = module.handler as Handler;
  [a, b] = await Promise.all([withTestTenant(), withTestTenant()]);
});

afterAll(() => rmSync(bundleDir, { recursive: true, force: true }));

describe("the Lambda bundle, invoked with API Gateway HTTP API v2 events", () => {
  test("the bundle holds the handler and the communes CSV, and nothing else to install", () => {
    expect(bundle.handler.path).toBe(join(bundleDir, "index.mjs"));
    expect(bundle.data.path).toBe(join(bundleDir, "data", "grille-densite-communes.csv"));
    expect(bundle.handler.bytes).toBeGreaterThan(10_000);
    expect(bundle.data.bytes).toBeGreaterThan(1_000_000);
    const code = [...bundle.startup, ...bundle.lazy.map((f) => f.path)]
      .map((p) => readFileSync(p, "utf8"))
      .join("\n");
    const imports = [...code.matchAll(/\b(?:from|import)\s*\(?"([\w@./:-]+)"/g)].map((m) => m[1] ?? "");
    // Only Node built-ins, the SDK that the runtime provides and the bundle's own chunks are left to resolve.
    const own = (spec: string) => spec.startsWith("./") && /\.mjs$/.test(spec);
    // (fflate's Node build imports `module`, a built-in, for its worker threads.)
    expect(imports.filter((spec) => !isBuiltin(spec) && !spec.startsWith("@aws-sdk/") && !own(spec))).toEqual(
      [],
    );
    // The spreadsheet parsers are not read at a cold start: they are in lazy chunks.
    const startup = bundle.startup.map((p) => readFileSync(p, "utf8")).join("\n");
    expect(startup).not.toContain("sharedStrings");
  });

  test("GET /api/openapi.json serves the document generated at build time (the generator is not bundled)", async () => {
    const { result, body } = await invoke({
      ...recorded("health.json"),
      rawPath: "/api/openapi.json",
      requestContext: {
        ...recorded("health.json").requestContext,
        http: { ...recorded("health.json").requestContext.http, path: "/api/openapi.json" },
      },
    });
    expect(result.statusCode).toBe(200);
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toContain("/api/territories/{territoryId}/audit");
    expect(readFileSync(bundle.handler.path, "utf8")).not.toContain("draft-2020-12");
  });

  test("GET /api/health answers 200 in the v2 result shape, and logs one JSON line", async () => {
    const { result, body, logs } = await invoke(recorded("health.json"));
    expect(result.statusCode).toBe(200);
    expect(body).toEqual({ ok: true });
    expect(result.isBase64Encoded).toBe(false);
    expect(result.headers?.["content-type"]).toMatch(/^application\/json/);
    expect(result.cookies).toBeUndefined();
    const requestId = result.headers?.["x-request-id"];
    expect(requestId).toMatch(/^req_/);
    expect(logs).toEqual([
      expect.objectContaining({
        msg: "request",
        requestId,
        route: "/api/health",
        method: "GET",
        status: 200,
      }),
    ]);
  });

  test("a lead's bearer token reads the overview; communes are described from the bundled CSV", async () => {
    const { result, body } = await invoke(
      recorded("territory-overview.json", {
        territoryId: a.territory.id,
        token: a.users.territory_lead.token,
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(body?.territory).toMatchObject({ id: a.territory.id, name: a.territory.name });
    expect(body?.communes).toEqual([
      { code: "59350", name: "Lille", density: 1, densityLabel: "Dense", population: expect.any(Number) },
      { code: "59299", name: "Hem", density: 1, densityLabel: "Dense", population: expect.any(Number) },
    ]);
    expect(body?.rurality).toBe("urban");
    expect(body?.members).toEqual({ territory_lead: 1, link_worker: 1 });
  });

  test("another tenant's territory id answers 404 and leaks nothing", async () => {
    const { result, body } = await invoke(
      recorded("territory-overview.json", {
        territoryId: b.territory.id,
        token: a.users.territory_lead.token,
      }),
    );
    expect(result.statusCode).toBe(404);
    expect(body?.code).toBe("territory.not_found");
    expect(result.body).not.toContain(b.territory.name);
  });

  test("a PUT from a stale version answers 409 with the current profile", async () => {
    const tenant = await withTestTenant();
    const values = { territoryId: tenant.territory.id, token: tenant.users.territory_lead.token, version: 1 };
    const first = await invoke(recorded("profile-put.json", values));
    expect(first.result.statusCode).toBe(200);
    expect(first.body).toMatchObject({ version: 2, name: "Lille Sud et Faubourgs" });

    const stale = await invoke(recorded("profile-put.json", values));
    expect(stale.result.statusCode).toBe(409);
    expect(stale.body?.code).toBe("territory.version_conflict");
    expect(stale.body?.current).toMatchObject({ id: tenant.territory.id, version: 2 });
  });

  test("an invalid body answers 400 with the field paths, and changes nothing", async () => {
    const { result, body } = await invoke(
      recorded("profile-put-invalid.json", {
        territoryId: a.territory.id,
        token: a.users.territory_lead.token,
        version: 1,
      }),
    );
    expect(result.statusCode).toBe(400);
    expect(body?.code).toBe("input.invalid");
    const paths = (body.issues as { path: string }[]).map((issue) => issue.path);
    expect(paths).toEqual(expect.arrayContaining(["name", "communes.1", "population"]));
    const stored = await as(testApp().app, a.users.territory_lead).get(
      `/api/territories/${a.territory.id}/profile`,
    );
    expect(stored.body).toMatchObject({ version: 1, name: a.territory.name });
  });

  test("Set-Cookie comes back in `cookies`, and the `cookies` of the next event sign the person in", async () => {
    const lead = a.users.territory_lead;
    const signIn = await invoke(recorded("session-demo.json", { userId: lead.id }));
    expect(signIn.result.statusCode).toBe(200);
    expect(signIn.result.headers?.["set-cookie"]).toBeUndefined();
    expect(signIn.result.cookies).toEqual([
      expect.stringMatching(
        /^maillage_session=[\w-]+\.[\w-]+\.[\w-]+; Max-Age=\d+; Path=\/; HttpOnly; SameSite=Strict$/,
      ),
    ]);
    const sessionCookie = signIn.result.cookies?.[0]?.split(";")[0] ?? "";

    const me = await invoke(recorded("me-cookie.json", { sessionCookie }));
    expect(me.result.statusCode).toBe(200);
    expect(me.body?.user).toMatchObject({ id: lead.id, email: lead.email });
    expect(me.body?.memberships).toEqual([
      expect.objectContaining({
        contextId: a.territory.id,
        role: "territory_lead",
        contextName: a.territory.name,
      }),
    ]);
  });
});
