import { Actor, Audit, Clock, Journeys, Territory, User } from "@maillage/core";
import { daysBetween, statusOf } from "@maillage/schema";
import { beforeAll, describe, expect, test } from "vitest";
import { profile } from "../../../test/harness";
import { seedCatalogue } from "../src/seed/catalogue";
import {
  COHORT_MONTHS,
  type CohortKey,
  cohort,
  cohortContext,
  DEMO_RUN_ID,
  DEMO_RUN_LABEL,
  seedJourneys,
} from "../src/seed/journeys";
import { seedPathways } from "../src/seed/pathway";

const system = <T>(fn: () => Promise<T>) => Actor.provide({ type: "system", reason: "test" }, fn);

/** A fixed day: the same cohort on every run (and never after the real today). */
const TODAY = "2026-11-27";
const FROM = Clock.monthsBefore(TODAY, COHORT_MONTHS);
const KEYS: CohortKey[] = ["lille", "creuse", "rodez"];
const SIZES: Record<CohortKey, number> = { lille: 350, creuse: 120, rodez: 150 };

type Lead = { id: string; displayName: string };
let territories: Record<CohortKey, { territoryId: string; lead: Lead }>;
let seedMs = 0;
let firstRun: Awaited<ReturnType<typeof seedJourneys>>;

const asLead = <T>(key: CohortKey, fn: () => Promise<T>) =>
  Actor.provide(
    {
      type: "user",
      userId: territories[key].lead.id,
      displayName: territories[key].lead.displayName,
      contextKind: "territory",
      contextId: territories[key].territoryId,
      role: "territory_lead",
    },
    fn,
  );

async function allJourneys(key: CohortKey) {
  const items: Journeys.Summary[] = [];
  let cursor: string | undefined;
  do {
    const page = await asLead(key, () => Journeys.list({ limit: 200, cursor }));
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

beforeAll(async () => {
  // The demo's three territories as seed.ts creates them (same communes and neighbourhoods).
  const [lille, creuse, rodez] = await system(() =>
    Promise.all([
      Territory.create(profile("Lille (test)", { communes: ["59350", "59299", "59368"] })),
      Territory.create(
        profile("Creuse (test)", {
          communes: ["23001", "23002", "23003", "23004"],
          priorityNeighbourhoods: [],
        }),
      ),
      Territory.create(
        profile("Rodez (test)", {
          communes: ["12202", "12176", "12090", "12264"],
          priorityNeighbourhoods: ["Quatre-Saisons"],
        }),
      ),
    ]),
  );
  if (!lille || !creuse || !rodez) throw new Error("territories not created");
  const stamp = Date.now();
  const camille = await system(() =>
    User.create({ email: `camille-${stamp}@example.org`, displayName: "Camille" }, [
      { contextKind: "territory", contextId: lille.id, role: "territory_lead" },
      { contextKind: "territory", contextId: rodez.id, role: "territory_lead" },
    ]),
  );
  const rose = await system(() =>
    User.create({ email: `rose-${stamp}@example.org`, displayName: "Rose" }, [
      { contextKind: "territory", contextId: creuse.id, role: "territory_lead" },
    ]),
  );
  territories = {
    lille: { territoryId: lille.id, lead: camille },
    creuse: { territoryId: creuse.id, lead: rose },
    rodez: { territoryId: rodez.id, lead: camille },
  };
  await system(() =>
    seedCatalogue(
      { urban: territories.lille, rural: territories.creuse, mixed: territories.rodez },
      { today: TODAY },
    ),
  );
  await system(() => seedPathways(territories));
  const started = performance.now();
  firstRun = await system(() => seedJourneys(territories, { today: TODAY }));
  seedMs = performance.now() - started;
  console.log(
    `demo cohort: ${Math.round(seedMs)} ms for ${KEYS.map((k) => firstRun[k].created).join(" + ")}`,
  );
}, 120_000);

describe("demo seed: the synthetic cohort", () => {
  test("each territory gets its cohort in one labelled run, quickly", async () => {
    for (const key of KEYS) {
      expect(firstRun[key], key).toEqual({
        territoryId: territories[key].territoryId,
        created: SIZES[key],
        skipped: false,
      });
      const journeys = await allJourneys(key);
      expect(journeys, key).toHaveLength(SIZES[key]);
      const references = journeys.map((j) => j.externalReference).sort();
      expect(references[0], key).toBe("DEMO-0001");
      expect(new Set(references).size, key).toBe(SIZES[key]);
      const history = await asLead(key, () => Audit.list({ entity: DEMO_RUN_ID }));
      expect(history.items, key).toHaveLength(1);
      expect(history.items[0], key).toMatchObject({
        action: "journey.import",
        entityType: "batch",
        entityLabel: DEMO_RUN_LABEL,
        userName: territories[key].lead.displayName,
      });
    }
    // The whole journey seed (620 journeys, three runs in parallel): well under the first start's budget.
    expect(seedMs).toBeLessThan(15_000);
  });

  test("seeding again changes nothing (one run per territory)", async () => {
    const again = await system(() => seedJourneys(territories, { today: TODAY }));
    for (const key of KEYS) {
      expect(again[key], key).toMatchObject({ created: 0, skipped: true });
      expect(await allJourneys(key), key).toHaveLength(SIZES[key]);
      const history = await asLead(key, () => Audit.list({ entity: DEMO_RUN_ID }));
      expect(history.items, key).toHaveLength(1);
    }
  });

  test("deterministic: the same today gives the same cohort, and the stored one is it", async () => {
    for (const key of KEYS) {
      const context = await asLead(key, () => cohortContext(TODAY));
      const first = cohort(key, context);
      const second = cohort(key, await asLead(key, () => cohortContext(TODAY)));
      expect(second, key).toEqual(first);
      const expected = new Map(first.map((d) => [d.externalReference, statusOf(d.events as never)]));
      const stored = await allJourneys(key);
      for (const journey of stored) {
        expect(journey.status, `${key} ${journey.externalReference}`).toBe(
          expected.get(journey.externalReference),
        );
      }
      // Another day gives the same shape, shifted.
      const later = cohort(key, { ...context, today: "2027-03-01" });
      expect(later).toHaveLength(first.length);
    }
  });

  test("plausible shares and delays, every date within the last 18 months", async () => {
    const all: Journeys.Summary[] = [];
    for (const key of KEYS) {
      const journeys = await allJourneys(key);
      all.push(...journeys);
      const report = shares(journeys);
      console.log(key, JSON.stringify(report));
      expect(report.women, key).toBeGreaterThan(0.55);
      expect(report.women, key).toBeLessThan(0.75);
      // Per territory a little wider than for the whole cohort (120–350 people: sampling noise).
      expect(report.declined, key).toBeGreaterThan(0.05);
      expect(report.declined, key).toBeLessThan(0.18);
      expect(report.contacted, key).toBeGreaterThanOrEqual(0.8);
      expect(report.activity, key).toBeGreaterThan(0.25);
      expect(report.activity, key).toBeLessThan(0.5);
      for (const journey of journeys) {
        for (const date of Object.values(journey.milestones)) {
          if (date === null) continue;
          expect(date <= TODAY, `${key} ${journey.externalReference} ${date}`).toBe(true);
          expect(date >= FROM, `${key} ${journey.externalReference} ${date}`).toBe(true);
        }
      }
    }
    const report = shares(all);
    console.log("all", JSON.stringify(report));
    expect(report.women).toBeGreaterThan(0.6);
    expect(report.women).toBeLessThan(0.72);
    expect(report.declined).toBeGreaterThan(0.07);
    expect(report.declined).toBeLessThan(0.16);
    expect(report.contacted).toBeGreaterThan(0.84);
    expect(report.interviewed).toBeGreaterThan(0.65);
    expect(report.interviewed).toBeLessThan(0.85);
    expect(report.planned).toBeGreaterThan(0.55);
    expect(report.planned).toBeLessThan(0.75);
    expect(report.activity).toBeGreaterThan(0.3);
    expect(report.activity).toBeLessThan(0.45);
    expect(report.lost).toBeGreaterThan(0.05);
    expect(report.lost).toBeLessThan(0.15);
    expect(report.redirected).toBeGreaterThan(0.01);
    expect(report.redirected).toBeLessThan(0.1);
    // Men and the oldest decline more (seed 000).
    expect(report.declinedMen).toBeGreaterThan(report.declinedWomen);
    expect(report.declined75).toBeGreaterThan(report.declinedUnder65);
    // A minority of non-clinical routes; the first contact a median ~5 days after the referral.
    expect(report.nonClinical).toBeGreaterThan(0.1);
    expect(report.nonClinical).toBeLessThan(0.4);
    expect(report.contactMedianDays).toBeGreaterThanOrEqual(4);
    expect(report.contactMedianDays).toBeLessThanOrEqual(7);
    expect(report.qpvLille).toBeGreaterThan(0.15);
    expect(report.open).toBeGreaterThan(0.1);
    // A couple of reopened journeys per territory, some still open from the last weeks.
    const recent = all.filter((j) => (j.milestones.referral ?? "") >= Clock.monthsBefore(TODAY, 1));
    expect(recent.some((j) => j.status === "referred" || j.status === "contacted")).toBe(true);
  });

  test("every journey reads back through Journeys.get, with its measures", async () => {
    const instruments: Record<CohortKey, string[]> = {
      lille: ["SWEMWBS", "UCLA3"],
      creuse: ["SWEMWBS"],
      rodez: ["ONS4"],
    };
    for (const key of KEYS) {
      const summaries = await allJourneys(key);
      const journeys: Awaited<ReturnType<typeof Journeys.get>>[] = [];
      for (let i = 0; i < summaries.length; i += 50) {
        journeys.push(
          ...(await Promise.all(
            summaries.slice(i, i + 50).map((s) => asLead(key, () => Journeys.get(s.id))),
          )),
        );
      }
      expect(journeys, key).toHaveLength(SIZES[key]);
      const measures = journeys.flatMap((j) => j.measures);
      expect([...new Set(measures.map((m) => m.instrument))].sort(), key).toEqual(instruments[key]);
      const interviewed = journeys.filter((j) => j.milestones.initialInterview);
      const withBaseline = interviewed.filter((j) => j.measures.some((m) => m.timepoint === "baseline"));
      expect(withBaseline.length / interviewed.length, key).toBeGreaterThan(0.85);
      const evaluated = journeys.filter((j) => j.milestones.evaluation);
      const withFollowUp = evaluated.filter((j) => j.measures.some((m) => m.timepoint === "follow_up"));
      expect(withFollowUp.length / evaluated.length, key).toBeGreaterThan(0.6);
      expect(withFollowUp.length / evaluated.length, key).toBeLessThan(1);
      expect(journeys.filter((j) => j.events.some((e) => e.type === "reopen")).length, key).toBe(2);
      expect(
        journeys.every((j) => j.linkWorkerId === null || j.linkWorkerName !== null),
        key,
      ).toBe(true);
      // A modest mean improvement for those who reached an activity.
      const changes = journeys
        .filter((j) => j.milestones.firstActivity)
        .flatMap((j) => {
          const instrument = instruments[key][0];
          const before = j.measures.find((m) => m.instrument === instrument && m.timepoint === "baseline");
          const after = j.measures.find((m) => m.instrument === instrument && m.timepoint === "follow_up");
          if (!before || !after) return [];
          const value = (m: typeof before) =>
            instrument === "ONS4"
              ? ((m.score.life_satisfaction as { value: number }).value ?? Number.NaN)
              : (m.score.metric as number);
          return [value(after) - value(before)];
        });
      const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
      console.log(key, "mean change", instruments[key][0], mean.toFixed(2), `(n=${changes.length})`);
      expect(changes.length, key).toBeGreaterThan(10);
      if (key === "lille") {
        // Loneliness (UCLA3, lower is better) falls a little.
        const lonely = journeys.flatMap((j) => {
          const of = (t: string) => j.measures.find((m) => m.instrument === "UCLA3" && m.timepoint === t);
          const [before, after] = [of("baseline"), of("follow_up")];
          return j.milestones.firstActivity && before && after
            ? [(after.score.total as number) - (before.score.total as number)]
            : [];
        });
        expect(lonely.reduce((a, b) => a + b, 0) / lonely.length).toBeLessThan(0);
      }
      expect(mean, key).toBeGreaterThan(0.5);
      expect(mean, key).toBeLessThan(3.5);
    }
  }, 120_000);
});

function shares(journeys: Journeys.Summary[]) {
  const n = journeys.length;
  const share = (list: Journeys.Summary[], predicate: (j: Journeys.Summary) => boolean) =>
    list.length === 0 ? 0 : list.filter(predicate).length / list.length;
  const declined = (j: Journeys.Summary) => j.status === "declined";
  const delays = journeys
    .filter((j) => j.milestones.referral && j.milestones.firstContact)
    .map((j) => daysBetween(j.milestones.referral ?? "", j.milestones.firstContact ?? ""))
    .sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const nonClinical = new Set(["social_worker", "community_organisation", "self_referral"]);
  const lille = journeys.filter((j) => j.person.commune?.startsWith("59"));
  return {
    n,
    women: round(share(journeys, (j) => j.person.sex === "female")),
    declined: round(share(journeys, declined)),
    contacted: round(share(journeys, (j) => j.milestones.firstContact !== null)),
    interviewed: round(share(journeys, (j) => j.milestones.initialInterview !== null)),
    planned: round(share(journeys, (j) => j.milestones.plan !== null)),
    activity: round(share(journeys, (j) => j.milestones.firstActivity !== null)),
    completed: round(share(journeys, (j) => j.status === "completed")),
    lost: round(share(journeys, (j) => j.status === "lost_to_follow_up")),
    redirected: round(share(journeys, (j) => j.status === "redirected")),
    open: round(share(journeys, (j) => j.exitReason === null)),
    declinedMen: round(
      share(
        journeys.filter((j) => j.person.sex === "male"),
        declined,
      ),
    ),
    declinedWomen: round(
      share(
        journeys.filter((j) => j.person.sex === "female"),
        declined,
      ),
    ),
    declined75: round(
      share(
        journeys.filter((j) => j.person.ageBand === "75-84" || j.person.ageBand === "85+"),
        declined,
      ),
    ),
    declinedUnder65: round(
      share(
        journeys.filter((j) => !["65-74", "75-84", "85+"].includes(j.person.ageBand)),
        declined,
      ),
    ),
    nonClinical: round(share(journeys, (j) => nonClinical.has(j.route ?? ""))),
    contactMedianDays: delays[Math.floor(delays.length / 2)] ?? null,
    contactOver7: round(delays.filter((d) => d > 7).length / Math.max(1, delays.length)),
    qpvLille: round(share(lille, (j) => j.person.qpv === "yes")),
    livesAlone: round(share(journeys, (j) => j.person.livesAlone === "yes")),
    chronic: round(share(journeys, (j) => j.person.chronicCondition === "yes")),
    aged45to84: round(
      share(journeys, (j) => ["45-54", "55-64", "65-74", "75-84"].includes(j.person.ageBand)),
    ),
    integrated: round(share(journeys, (j) => j.track === "integrated")),
  };
}
