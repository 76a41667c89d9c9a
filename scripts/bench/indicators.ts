import { performance } from "node:perf_hooks";
import { BatchWriteCommand, DeleteCommand, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Actor, Db, Indicators, Rollups, User } from "@maillage/core";
import { compute, defaultCatalogue } from "@maillage/indicators";
import type { JourneySummary } from "@maillage/schema";
import { asSystem, startSeededStore } from "./store";

/**
 * The indicator engine and the dashboard read (DESIGN.md §4):
 * - the engine (`compute`, the default catalogue, one year) over 1,000, 10,000 and 100,000 synthetic
 *   journeys, in process: it should grow linearly (ms per 1,000 journeys about constant);
 * - the dashboard's read (`Indicators.figures` of a quarter: the settings item, the rollups of its
 *   months, denominators, link workers, manual values, pathway) in a territory whose rollups hold
 *   1,000 journeys and in one whose rollups hold 100,000, against one GetItem. The dashboard reads
 *   rollups only, never journeys, so the bench writes the rollup items those journeys produce
 *   (`Rollups.itemsFor`, exactly what a rebuild writes) rather than 100,000 journeys themselves.
 */
export interface IndicatorsBench {
  engine: { journeys: number; ms: number; msPer1000: number }[];
  dashboard: {
    at1000P50Ms: number;
    at100000P50Ms: number;
    /** The first read after a change (its figures finalised from the rollups, then kept). */
    uncached1000P50Ms: number;
    uncached100000P50Ms: number;
    uncachedRatio: number;
    ratio: number;
    getItemP50Ms: number;
    items1000: number;
    items100000: number;
    runs: number;
  };
}

/** mulberry32: a small deterministic generator, so that every run measures the same journeys. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const AGES = ["18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"] as const;
const ROUTES = [
  "gp",
  "health_professional:nurse",
  "social_worker",
  "community_organisation",
  "self_referral",
];
const PILLARS = ["health", "social", "culture", "nature", "rights"];

/** Synthetic journey headers over 2025-07…2026-11, at every stage of the funnel, with scores. */
export function syntheticJourneys(count: number, linkWorkers: readonly string[], seed = 1): JourneySummary[] {
  const next = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)] as T;
  const journeys: JourneySummary[] = [];
  for (let i = 0; i < count; i++) {
    const referral = addDays("2025-07-01", Math.floor(next() * 500));
    const stage = Math.floor(next() * 6);
    const declined = stage === 0 && next() < 0.5;
    const contact = stage >= 1 ? addDays(referral, Math.floor(next() * 20)) : null;
    const interview = stage >= 2 && contact ? addDays(contact, Math.floor(next() * 15)) : null;
    const plan = stage >= 3 && interview ? interview : null;
    const orientation = stage >= 4 && plan ? addDays(plan, Math.floor(next() * 40)) : null;
    const exit =
      stage >= 5 && orientation ? addDays(orientation, 60) : declined ? addDays(referral, 3) : null;
    const status = declined
      ? "declined"
      : stage >= 5
        ? "completed"
        : stage >= 4
          ? "active"
          : stage >= 3
            ? "planned"
            : stage >= 1
              ? "contacted"
              : "referred";
    const baseline = interview ? 18 + Math.round(next() * 800) / 100 : null;
    const followUp =
      exit && baseline !== null && !declined ? baseline + Math.round((next() * 6 - 1) * 100) / 100 : null;
    journeys.push({
      id: `jrn_${String(i).padStart(26, "0")}`,
      code: "AAA-AAA",
      externalReference: null,
      linkWorkerId: next() < 0.8 ? pick(linkWorkers) : null,
      person: {
        ageBand: pick(AGES),
        sex: next() < 0.64 ? "female" : next() < 0.95 ? "male" : "unspecified",
        commune: null,
        qpv: next() < 0.2 ? "yes" : next() < 0.9 ? "no" : "unknown",
        precarity: next() < 0.3 ? ["low_income"] : [],
        livesAlone: "unknown",
        chronicCondition: "unknown",
        psychiatricComorbidity: "unknown",
        distress: "unknown",
        targetGroups: [],
      },
      rurality: pick([1, 2, 3] as const),
      track: next() < 0.2 ? "integrated" : "standard",
      status,
      route: pick(ROUTES),
      exitReason: declined ? "declined" : exit ? "completed" : null,
      declineReason: declined ? "no_time" : null,
      milestones: {
        referral,
        firstContact: contact,
        initialInterview: interview,
        plan,
        firstOrientation: orientation,
        firstActivity: orientation && next() < 0.7 ? orientation : null,
        firstFollowUp: null,
        evaluation: exit && !declined ? exit : null,
        exit,
      },
      outcomes: baseline !== null ? { SWEMWBS: { baseline, followUp } } : {},
      orientations: orientation
        ? [
            {
              date: orientation,
              pillar: pick(PILLARS),
              attended: next() < 0.7 ? true : next() < 0.5 ? false : null,
            },
          ]
        : [],
      version: 1,
      createdAt: `${referral}T09:00:00.000Z`,
      updatedAt: `${referral}T09:00:00.000Z`,
    } as unknown as JourneySummary);
  }
  return journeys;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function p50(
  runs: number,
  fn: () => Promise<unknown>,
  before?: () => Promise<unknown>,
): Promise<number> {
  for (let i = 0; i < 5; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    await before?.();
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  return median(times);
}

export function measureEngine(sizes = [1_000, 10_000, 100_000]): IndicatorsBench["engine"] {
  const definitions = defaultCatalogue;
  return sizes.map((size) => {
    const journeys = syntheticJourneys(size, ["lwk_a", "lwk_b"]);
    const orientations = journeys.flatMap((j) => j.orientations ?? []);
    compute(definitions, { journeys, orientations }, "2026");
    const times: number[] = [];
    for (let run = 0; run < 3; run++) {
      const start = performance.now();
      compute(definitions, { journeys, orientations }, "2026");
      times.push(performance.now() - start);
    }
    const ms = Math.round(median(times) * 10) / 10;
    return { journeys: size, ms, msPer1000: Math.round((ms / size) * 1000 * 100) / 100 };
  });
}

const LEAD_EMAIL = "cheffe.projet@example.org";

/** Replaces a territory's rollups with those of `journeys` (as a rebuild would write them). */
export async function writeRollups(
  territoryId: string,
  journeys: readonly JourneySummary[],
): Promise<number> {
  const definitions = Rollups.definitionsOf(await Rollups.state(territoryId));
  const stale = await Rollups.storedKeys(territoryId);
  const items = Rollups.itemsFor(territoryId, definitions, journeys);
  const requests = [
    ...stale.map((key) => ({ DeleteRequest: { Key: key } })),
    ...items.map((item) => ({ PutRequest: { Item: item } })),
  ];
  // Deletes first: the same key can appear in both lists.
  for (const part of [
    requests.filter((r) => "DeleteRequest" in r),
    requests.filter((r) => "PutRequest" in r),
  ]) {
    for (let i = 0; i < part.length; i += 25) {
      await Db.db().send(
        new BatchWriteCommand({ RequestItems: { [Db.tableName()]: part.slice(i, i + 25) } }),
      );
    }
  }
  return items.length;
}

export async function measureIndicators(
  runs = Number(process.env.BENCH_DASHBOARD_RUNS ?? 100),
): Promise<IndicatorsBench> {
  const engine = measureEngine();
  await startSeededStore(`maillage-bench-indicators-${Date.now()}`);
  const userId = await asSystem(() => User.idByEmail(LEAD_EMAIL));
  if (!userId) throw new Error(`The demo seed has no ${LEAD_EMAIL}`);
  const memberships = await asSystem(() => User.memberships(userId));
  const territory = (prefix: string) => {
    const found = memberships.find((m) => m.contextKind === "territory" && m.contextName.startsWith(prefix));
    if (!found) throw new Error(`The demo seed has no ${prefix} territory for ${LEAD_EMAIL}`);
    return found.contextId;
  };
  // The same territory (its denominators, link workers, settings), first with the rollups of 1,000
  // journeys, then with those of 100,000.
  const large = territory("Lille");
  const asLead = <T>(fn: () => Promise<T>) =>
    Actor.provide(
      {
        type: "user",
        userId,
        displayName: "Bench",
        contextKind: "territory",
        contextId: large,
        role: "territory_lead",
      },
      fn,
    );
  const period = "2026-Q1";
  const items1000 = await asSystem(() => writeRollups(large, syntheticJourneys(1_000, ["lwk_a"], 2)));
  const read = () => asLead(() => Indicators.figures(period));
  // Nothing changed since the last read: the figures kept with their fingerprint are served.
  const at1000P50Ms = await p50(runs, read);
  // The first read after a change: the kept figures are dropped before each read.
  const dropKept = () =>
    asSystem(() =>
      Db.db().send(
        new DeleteCommand({ TableName: Db.tableName(), Key: { pk: `${large}#IND`, sk: `CACHE#${period}` } }),
      ),
    );
  const uncached1000P50Ms = await p50(runs, read, dropKept);
  const items100000 = await asSystem(() => writeRollups(large, syntheticJourneys(100_000, ["lwk_a"], 3)));
  const at100000P50Ms = await p50(runs, read);
  const uncached100000P50Ms = await p50(runs, read, dropKept);
  const getItemP50Ms = await p50(runs, () =>
    asSystem(() =>
      Db.db().send(new GetCommand({ TableName: Db.tableName(), Key: { pk: large, sk: "TERRITORY" } })),
    ),
  );
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    engine,
    dashboard: {
      at1000P50Ms: round(at1000P50Ms),
      at100000P50Ms: round(at100000P50Ms),
      ratio: round(at100000P50Ms / at1000P50Ms),
      uncached1000P50Ms: round(uncached1000P50Ms),
      uncached100000P50Ms: round(uncached100000P50Ms),
      uncachedRatio: round(uncached100000P50Ms / uncached1000P50Ms),
      getItemP50Ms: round(getItemP50Ms),
      items1000,
      items100000,
      runs,
    },
  };
}

export function renderIndicators(bench: IndicatorsBench): string {
  return [
    "\nIndicator engine (default catalogue, one year, in process):",
    ...bench.engine.map(
      (e) => `  ${e.journeys.toLocaleString("en")} journeys: ${e.ms} ms (${e.msPer1000} ms per 1,000)`,
    ),
    `Dashboard read (a quarter's figures from rollups, p50 of ${bench.dashboard.runs}, DynamoDB Local):`,
    `  figures kept (nothing changed since the last read): 1,000 journeys ${bench.dashboard.at1000P50Ms} ms; 100,000 journeys ${bench.dashboard.at100000P50Ms} ms (× ${bench.dashboard.ratio}); one GetItem ${bench.dashboard.getItemP50Ms} ms`,
    `  first read after a change (finalised from ${bench.dashboard.items1000} / ${bench.dashboard.items100000} rollup items): ${bench.dashboard.uncached1000P50Ms} ms; ${bench.dashboard.uncached100000P50Ms} ms (× ${bench.dashboard.uncachedRatio})`,
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { cleanUp } = await import("./cleanup");
  try {
    console.log(renderIndicators(await measureIndicators()));
  } finally {
    await cleanUp();
  }
}
