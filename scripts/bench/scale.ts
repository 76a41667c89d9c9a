import { performance } from "node:perf_hooks";
import { Actor, Audit, Db, Federations, Territory } from "@maillage/core";
import { asSystem, startSeededStore } from "./store";

/**
 * Reads that must not grow with history or network size: the audit list's first page with 10,000
 * entries against 100, and a federation view over 100 territories against 2. In-process core calls
 * against DynamoDB Local (the policies enforced as in every test), p50 of `runs` sequential reads.
 */
export interface Scale {
  runs: number;
  audit: { p50At100Ms: number; p50At10000Ms: number; ratio: number };
  federation: { p50At2Ms: number; p50At100Ms: number; ratio: number };
}

const profile = (name: string) => ({
  name,
  carrierType: "cpts" as const,
  carrierName: `CPTS ${name}`,
  communes: ["59350"],
  population: 1000,
  priorityNeighbourhoods: [],
  programme: "ami" as const,
  startDate: "2026-01-05",
  endDate: null,
});

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

async function territoryWithEntries(count: number): Promise<string> {
  const territory = await asSystem(() => Territory.create(profile(`Audit ${count}`)));
  const lead = {
    type: "user" as const,
    userId: "usr_bench",
    contextKind: "territory" as const,
    contextId: territory.id,
    role: "territory_lead" as const,
  };
  for (let done = 1; done < count; done += 99) {
    const n = Math.min(99, count - done);
    await Actor.provide(lead, () =>
      Db.write(
        [],
        Array.from({ length: n }, (_, i) => ({
          contextId: territory.id,
          action: "bench.entry",
          entityType: "bench",
          entity: `e${done + i}`,
          changes: [{ field: "n", before: null, after: done + i }],
        })),
      ),
    );
  }
  return territory.id;
}

async function federationOf(size: number): Promise<string> {
  const federation = await asSystem(() =>
    Federations.create({ name: `Fédération ${size}`, description: "" }),
  );
  for (let i = 0; i < size; i += 10) {
    const created = await Promise.all(
      Array.from({ length: Math.min(10, size - i) }, (_, j) =>
        asSystem(() => Territory.create(profile(`T${i + j}`))),
      ),
    );
    await Promise.all(created.map((t) => asSystem(() => Federations.attach(federation.id, t.id))));
  }
  return federation.id;
}

export async function measureScale(runs = 50): Promise<Scale> {
  await startSeededStore(`bench-scale-${Date.now()}`);
  const small = await territoryWithEntries(100);
  const large = await territoryWithEntries(10_000);
  const list = (territoryId: string) => () =>
    Actor.provide(
      {
        type: "user",
        userId: "usr_bench",
        contextKind: "territory",
        contextId: territoryId,
        role: "territory_lead",
      },
      () => Audit.list({ limit: 50 }),
    );
  const auditSmall = await p50(runs, list(small));
  const auditLarge = await p50(runs, list(large));
  const two = await federationOf(2);
  const hundred = await federationOf(100);
  const view = (federationId: string) => () =>
    Actor.provide(
      {
        type: "user",
        userId: "usr_bench",
        contextKind: "federation",
        contextId: federationId,
        role: "federation",
      },
      () => Federations.get(),
    );
  const fedSmall = await p50(runs, view(two));
  const fedLarge = await p50(runs, view(hundred));
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    runs,
    audit: {
      p50At100Ms: round(auditSmall),
      p50At10000Ms: round(auditLarge),
      ratio: round(auditLarge / auditSmall),
    },
    federation: { p50At2Ms: round(fedSmall), p50At100Ms: round(fedLarge), ratio: round(fedLarge / fedSmall) },
  };
}
