import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { testConfig } from "../../test/harness";
import { createLocalServer } from "../src/node";

describe("the local server", () => {
  const dir = mkdtempSync(join(tmpdir(), "maillage-web-"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>Maillage</title>");
  const server = createLocalServer(testConfig().config, dir);

  test("serves the console with a strict Content-Security-Policy and other security headers", async () => {
    const res = await server.request("/territoires/ter_01ARZ3NDEKTSV4RRFFQ69G5FAV");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("<title>Maillage</title>");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
  });

  test("unknown API paths answer JSON 404, not the console page", async () => {
    const res = await server.request("/api/does-not-exist");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { code: string }).code).toBe("route.not_found");
  });
});
