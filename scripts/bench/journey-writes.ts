import { performance } from "node:perf_hooks";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { Actor, Db, Journeys, LinkWorkers, Referrals, User } from "@maillage/core";
import { routeKey } from "@maillage/schema";
import { percentile } from "./stats";
import { asSystem, startSeededStore } from "./store";

/**
 * Journey event writes, in process against DynamoDB Local (policies enforced), as the demo lead: each
 * write reads the journey (one Query), re-validates it whole and replaces header and detail in one
 * transaction with its audit entry. Beside it, one GetItem (the floor of any write's read).
 * Wire into scripts/bench.ts: `const writes = await attempt(() => measureJourneyWrites())`.
 */
export interface JourneyWritesBench {
  writes: number;
  createP50Ms: number;
  eventP50Ms: number;
  eventP99Ms: number;
  getItemP50Ms: number;
}

const LEAD_EMAIL = "cheffe.projet@example.org";

export async function measureJourneyWrites(count = Number(process.env.BENCH_JOURNEY_WRITES ?? 300)) {
  await startSeededStore(`maillage-bench-writes-${Date.now()}`);
  const userId = await asSystem(() => User.idByEmail(LEAD_EMAIL));
  if (!userId) throw new Error(`The demo seed has no ${LEAD_EMAIL}`);
  const memberships = await asSystem(() => User.memberships(userId));
  const territory = memberships.find(
    (m) => m.contextKind === "territory" && m.contextName.startsWith("Lille"),
  );
  if (!territory) throw new Error("The demo seed has no Lille territory");
  const asLead = <T>(fn: () => Promise<T>) =>
    Actor.provide(
      {
        type: "user",
        userId,
        displayName: "Bench",
        contextKind: "territory",
        contextId: territory.contextId,
        role: "territory_lead",
      },
      fn,
    );
  return asLead(async (): Promise<JourneyWritesBench> => {
    const route = (await Referrals.get()).routes.find((r) => r.enabled);
    const worker = (await LinkWorkers.list({ limit: 1 })).items[0];
    if (!route || !worker) throw new Error("The demo territory has no enabled route or no link worker");
    const body = {
      person: {
        ageBand: "55-64",
        sex: "female",
        commune: null,
        qpv: "unknown",
        precarity: [],
        livesAlone: "unknown",
        chronicCondition: "unknown",
        psychiatricComorbidity: "unknown",
        distress: "unknown",
        targetGroups: [],
      },
      linkWorkerId: worker.id,
      events: [
        {
          type: "referral",
          date: "2026-10-01",
          route: routeKey(route),
          prescriber: "gp",
          reasons: ["loneliness"],
        },
      ],
    };
    const creates: number[] = [];
    const events: number[] = [];
    for (let i = 0; i < count + 20; i++) {
      let start = performance.now();
      const journey = await Journeys.create(body);
      if (i >= 20) creates.push(performance.now() - start);
      start = performance.now();
      await Journeys.addEvent(journey.id, {
        event: { type: "first_contact", date: "2026-10-03", mode: "phone" },
        version: journey.version,
      });
      if (i >= 20) events.push(performance.now() - start);
    }
    const gets: number[] = [];
    for (let i = 0; i < count + 20; i++) {
      const start = performance.now();
      await Db.db().send(
        new GetCommand({ TableName: Db.tableName(), Key: Db.Keys.territory(territory.contextId) }),
      );
      if (i >= 20) gets.push(performance.now() - start);
    }
    const round = (n: number) => Math.round(n * 100) / 100;
    return {
      writes: count,
      createP50Ms: round(percentile(creates, 50)),
      eventP50Ms: round(percentile(events, 50)),
      eventP99Ms: round(percentile(events, 99)),
      getItemP50Ms: round(percentile(gets, 50)),
    };
  });
}
