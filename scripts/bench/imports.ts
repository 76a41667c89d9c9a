import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Db, Jobs, Session, Territory, User } from "@maillage/core";
import { createApp, loadConfig } from "../../functions/src/app";
import { cleanUp, defer } from "./cleanup";
import { asSystem, startSeededStore } from "./store";

/**
 * A 5,000-row resources file (CSV, as the template writes it) through the import routes and their job,
 * in process against DynamoDB Local (the policies enforced): the dry run (parse, validate every row,
 * match references) and the commit (the same, then the batch path: stage, switch on, fold).
 * Wire into scripts/bench.ts like measureScale: `const imports = await attempt(() => measureImports())`.
 */
export interface ImportsBench {
  rows: number;
  bytes: number;
  dryRunMs: number;
  commitMs: number;
  created: number;
  /** A filtered catalogue page (pillar + category, 50 items) at `rows` resources, against one GetItem. */
  filteredPageP50Ms: number;
  getItemP50Ms: number;
  ratio: number;
}

async function p50(runs: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? Number.NaN;
}

const HEADER =
  "Référence;Pilier;Catégorie;Structure;Service;Description;Commune (code INSEE);Adresse;Accessibilité;Coût;Précisions sur le coût;Horaires;Capacité;Téléphone;Courriel;Site web;Publics;Vérifiée le";

export function resourcesFile(rows: number): Uint8Array {
  const lines = [HEADER];
  for (let i = 1; i <= rows; i++) {
    lines.push(
      [
        `BENCH-${String(i).padStart(5, "0")}`,
        "Activités sociales",
        "Café associatif",
        `Association n° ${i}`,
        `Café du jeudi ${i}`,
        '"Un moment convivial; chaque jeudi\r\naprès-midi"',
        i % 2 ? "59350" : "59299",
        `${i} rue des Postes`,
        "Accessible en fauteuil roulant",
        i % 3 ? "Gratuit" : "Payant",
        "",
        "Jeudi 14h-17h",
        String(i % 40),
        "03 20 12 34 56",
        "contact@example.org",
        "https://example.org",
        "Personnes isolées, Aidants",
        "01/10/2025",
      ].join(";"),
    );
  }
  return new TextEncoder().encode(`\ufeff${lines.join("\r\n")}\r\n`);
}

export async function measureImports(rows = 5000): Promise<ImportsBench> {
  process.env.MAILLAGE_SESSION_SECRET ??= "bench-only-bench-only-bench-only-0123";
  await startSeededStore(`bench-imports-${Date.now()}`);
  const files = mkdtempSync(join(tmpdir(), "maillage-bench-files-"));
  defer(async () => rmSync(files, { recursive: true, force: true }));
  const app = createApp({
    ...loadConfig({
      MAILLAGE_SESSION_SECRET: process.env.MAILLAGE_SESSION_SECRET,
      MAILLAGE_FILES_DIR: files,
    }),
    log: () => undefined,
  });
  const territory = await asSystem(() =>
    Territory.create({
      name: "Import bench",
      carrierType: "cpts",
      carrierName: "CPTS bench",
      communes: ["59350", "59299"],
      population: 1000,
      priorityNeighbourhoods: [],
      programme: "ami",
      startDate: "2026-01-05",
      endDate: null,
    }),
  );
  const lead = await asSystem(() =>
    User.create({ email: `bench-${Date.now()}@example.org`, displayName: "Bench" }, [
      { contextKind: "territory", contextId: territory.id, role: "territory_lead" },
    ]),
  );
  const { token } = await Session.openLocal(lead.id, 3600);
  const file = resourcesFile(rows);
  const run = async (query: string, key?: string) => {
    const start = performance.now();
    const res = await app.request(`/api/territories/${territory.id}/resources/import?${query}`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "text/csv",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: file as Uint8Array<ArrayBuffer>,
    });
    if (res.status !== 202) throw new Error(`import answered ${res.status}: ${await res.text()}`);
    await Jobs.idle();
    const job = await app.request(res.headers.get("location") ?? "", {
      headers: { authorization: `Bearer ${token}` },
    });
    const body = (await job.json()) as { status: string; result: Record<string, number> };
    if (body.status !== "succeeded") throw new Error(`import job ${body.status}`);
    return { ms: Math.round(performance.now() - start), result: body.result };
  };
  const dry = await run("dryRun=true");
  if (dry.result.valid !== rows) throw new Error(`dry run: ${dry.result.valid}/${rows} valid`);
  const commit = await run("dryRun=false", `bench-${Date.now()}`);
  const filtered = `/api/territories/${territory.id}/resources?pillar=social&category=cafe&limit=50`;
  const filteredPageP50Ms = await p50(30, async () => {
    const res = await app.request(filtered, { headers: { authorization: `Bearer ${token}` } });
    if (res.status !== 200) throw new Error(`catalogue page answered ${res.status}`);
    await res.arrayBuffer();
  });
  const getItemP50Ms = await p50(30, () =>
    asSystem(() =>
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(territory.id) })),
    ),
  );
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    rows,
    bytes: file.byteLength,
    dryRunMs: dry.ms,
    commitMs: commit.ms,
    created: commit.result.created ?? 0,
    filteredPageP50Ms: round(filteredPageP50Ms),
    getItemP50Ms: round(getItemP50Ms),
    ratio: round(filteredPageP50Ms / getItemP50Ms),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  measureImports(Number(process.env.BENCH_IMPORT_ROWS ?? 5000))
    .then((result) => console.log(JSON.stringify(result)))
    .finally(() => cleanUp());
}
