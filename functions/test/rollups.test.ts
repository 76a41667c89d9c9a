import { Actor, Indicators, Jobs, Journeys, Rollups } from "@maillage/core";
import { type Cell, combine, compute, finalise } from "@maillage/indicators";
import type { JourneySummary } from "@maillage/schema";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { type TestTenant, testApp, withTestTenant } from "../../test/harness";
import { journeyRows, journeysCsv, prepareJourneyTerritory } from "./fixtures/journey-file";

const { app } = testApp();

const asLead = <T>(t: TestTenant, fn: () => Promise<T>) =>
  Actor.provide(
    {
      type: "user",
      userId: t.users.territory_lead.id,
      displayName: "Cheffe de projet",
      contextKind: "territory",
      contextId: t.territory.id,
      role: "territory_lead",
    },
    fn,
  );

async function importRows(t: TestTenant, rows: string[][], key: string) {
  const res = await app.request(`/api/territories/${t.territory.id}/journeys/import?dryRun=false`, {
    method: "POST",
    headers: {
      authorization: `Bearer ${t.users.territory_lead.token}`,
      "content-type": "text/csv",
      "idempotency-key": key,
    },
    body: journeysCsv(rows) as Uint8Array<ArrayBuffer>,
  });
  expect(res.status, await res.clone().text()).toBe(202);
  await Jobs.idle();
  const job = await app.request(res.headers.get("location") ?? "", {
    headers: { authorization: `Bearer ${t.users.territory_lead.token}` },
  });
  const body = (await job.json()) as { status: string; result: { committed?: boolean; errorCount?: number } };
  expect(body.status, JSON.stringify(body)).toBe("succeeded");
  expect(body.result.committed, JSON.stringify(body.result).slice(0, 2000)).toBe(true);
  return body.result;
}

async function allJourneys(): Promise<JourneySummary[]> {
  const items: JourneySummary[] = [];
  let cursor: string | undefined;
  do {
    const page = await Journeys.list({ limit: 100, ...(cursor ? { cursor } : {}) });
    items.push(...page.items);
    cursor = page.next ?? undefined;
  } while (cursor);
  return items;
}

/** The stored rollups and caseloads against the engine run on every journey the territory has. */
async function expectRollupsExact(t: TestTenant) {
  const territoryId = t.territory.id;
  const journeys = await allJourneys();
  const definitions = Rollups.definitionsOf(await Rollups.state(territoryId));
  const engine = combine(journeys.flatMap((j) => Rollups.cellsOf(definitions, j)));
  const months = [...new Set((await Rollups.storedKeys(territoryId)).map((k) => k.sk.slice(0, 7)))].filter(
    (m) => /^\d{4}-\d{2}$/.test(m),
  );
  const stored = combine(await Rollups.cellsIn(territoryId, months));
  expect(stored).toEqual(engine);
  // The figures too, for a quarter, as the dashboard finalises them.
  const period = "2026-Q2";
  const strip = (cells: Cell[]) => finalise(definitions, cells, {}, period);
  expect(strip(stored)).toEqual(
    compute(definitions, { journeys, orientations: journeys.flatMap((j) => j.orientations ?? []) }, period),
  );
  const open = new Map<string, number>();
  for (const j of journeys) {
    if (j.linkWorkerId && !["completed", "declined", "lost_to_follow_up", "redirected"].includes(j.status)) {
      open.set(j.linkWorkerId, (open.get(j.linkWorkerId) ?? 0) + 1);
    }
  }
  expect(await Rollups.caseloads(territoryId)).toEqual(open);
}

const MONTHS = ["2026-03", "2026-04", "2026-05", "2026-06"];
const person = (sex: string, ageBand: string, qpv: string, commune: string) => ({
  ageBand,
  sex,
  commune,
  qpv,
  precarity: qpv === "yes" ? ["low_income"] : [],
  livesAlone: "no",
  chronicCondition: "unknown",
  psychiatricComorbidity: "unknown",
  distress: "unknown",
  targetGroups: [],
});

const swemwbs = (timepoint: "baseline" | "follow_up", date: string, level: number) => ({
  instrument: "SWEMWBS",
  timepoint,
  date,
  answers: { items: Array.from({ length: 7 }, (_, i) => Math.min(5, Math.max(1, level + (i % 2)))) },
});

type Op =
  | {
      kind: "create";
      sex: string;
      ageBand: string;
      qpv: string;
      commune: string;
      month: number;
      day: number;
      depth: number;
      worker: boolean;
      score: number;
    }
  | { kind: "advance"; target: number; gap: number }
  | { kind: "attend"; target: number }
  | { kind: "edit"; target: number; sex: string; ageBand: string }
  | { kind: "reassign"; target: number; worker: boolean }
  | { kind: "exit"; target: number; reason: "declined" | "lost_to_follow_up" | "completed" }
  | { kind: "reopen"; target: number }
  | { kind: "remove-event"; target: number }
  | { kind: "follow-up-score"; target: number; score: number }
  | { kind: "delete"; target: number }
  | { kind: "import"; count: number; prefix: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("create" as const),
      sex: fc.constantFrom("female", "male", "unspecified"),
      ageBand: fc.constantFrom("18-24", "45-54", "75-84"),
      qpv: fc.constantFrom("yes", "no", "unknown"),
      commune: fc.constantFrom("59350", "23096", "59299"),
      month: fc.integer({ min: 0, max: 3 }),
      day: fc.integer({ min: 1, max: 28 }),
      depth: fc.integer({ min: 0, max: 5 }),
      worker: fc.boolean(),
      score: fc.integer({ min: 1, max: 4 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("advance" as const),
      target: fc.nat(),
      gap: fc.integer({ min: 0, max: 40 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("attend" as const), target: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("edit" as const),
      target: fc.nat(),
      sex: fc.constantFrom("female", "male"),
      ageBand: fc.constantFrom("25-34", "65-74"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("reassign" as const), target: fc.nat(), worker: fc.boolean() }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("exit" as const),
      target: fc.nat(),
      reason: fc.constantFrom("declined" as const, "lost_to_follow_up" as const, "completed" as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("reopen" as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("remove-event" as const), target: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("follow-up-score" as const),
      target: fc.nat(),
      score: fc.integer({ min: 2, max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete" as const), target: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("import" as const),
      count: fc.integer({ min: 1, max: 8 }),
      prefix: fc.constantFrom("LOT", "LOT", "AUT"),
    }),
  },
);

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** Tries one operation as the lead; a refusal (400, 409) is part of the sequence too. */
async function apply(
  t: TestTenant,
  ids: string[],
  fixture: { worker: string; resource: string },
  o: Op,
  run: number,
) {
  const pick = (target: number) => (ids.length > 0 ? ids[target % ids.length] : undefined);
  const current = async (target: number) => {
    const id = pick(target);
    return id ? Journeys.get(id) : undefined;
  };
  try {
    switch (o.kind) {
      case "create": {
        const referral = `${MONTHS[o.month]}-${String(o.day).padStart(2, "0")}`;
        const steps = [
          { type: "referral", date: referral, route: "gp", prescriber: "gp", reasons: ["loneliness"] },
          { type: "first_contact", date: addDays(referral, 3), mode: "phone" },
          { type: "initial_interview", date: addDays(referral, 9), mode: "in_person", durationMinutes: 45 },
          {
            type: "plan",
            date: addDays(referral, 9),
            goals: [{ pillar: "health", label: "Marcher" }],
            pillars: ["health"],
          },
          {
            type: "orientation",
            date: addDays(referral, 20),
            resourceId: fixture.resource,
            attendance: "pending",
          },
          { type: "exit", date: addDays(referral, 60), reason: "completed" },
        ];
        const journey = await Journeys.create({
          person: person(o.sex, o.ageBand, o.qpv, o.commune),
          linkWorkerId: o.worker ? fixture.worker : null,
          events: steps.slice(0, o.depth + 1),
          measures: o.depth >= 2 ? [swemwbs("baseline", addDays(referral, 9), o.score)] : [],
        });
        ids.push(journey.id);
        return;
      }
      case "advance": {
        const j = await current(o.target);
        if (!j) return;
        const last = j.events.at(-1)?.date ?? "2026-03-01";
        const date = addDays(last, o.gap) > "2026-11-30" ? last : addDays(last, o.gap);
        const has = (type: string) => j.events.some((e) => e.type === type);
        const event = !has("first_contact")
          ? { type: "first_contact", date, mode: "phone" }
          : !has("initial_interview")
            ? { type: "initial_interview", date, mode: "phone", durationMinutes: 30 }
            : !has("plan")
              ? { type: "plan", date, goals: [{ pillar: "health", label: "Marcher" }], pillars: ["health"] }
              : { type: "orientation", date, resourceId: fixture.resource, attendance: "pending" };
        await Journeys.addEvent(j.id, { event, version: j.version });
        return;
      }
      case "attend": {
        const j = await current(o.target);
        const orientation = j?.events.find((e) => e.type === "orientation");
        if (!j || !orientation) return;
        await Journeys.updateEvent(j.id, orientation.id, {
          event: { ...orientation, attendance: "attended" },
          version: j.version,
        });
        return;
      }
      case "edit": {
        const j = await current(o.target);
        if (!j) return;
        await Journeys.update(j.id, {
          person: { ...j.person, sex: o.sex, ageBand: o.ageBand },
          track: j.track,
          externalReference: j.externalReference,
          version: j.version,
        });
        return;
      }
      case "reassign": {
        const j = await current(o.target);
        if (!j) return;
        await Journeys.assign(j.id, { linkWorkerId: o.worker ? fixture.worker : null, version: j.version });
        return;
      }
      case "exit": {
        const j = await current(o.target);
        if (!j) return;
        const date = j.events.at(-1)?.date ?? "2026-06-01";
        await Journeys.addEvent(j.id, {
          event: {
            type: "exit",
            date,
            reason: o.reason,
            ...(o.reason === "declined" ? { declineReason: "no_time" } : {}),
          },
          version: j.version,
        });
        return;
      }
      case "reopen": {
        const j = await current(o.target);
        if (!j) return;
        await Journeys.addEvent(j.id, {
          event: { type: "reopen", date: j.events.at(-1)?.date ?? "2026-06-01", reason: "Reprise" },
          version: j.version,
        });
        return;
      }
      case "remove-event": {
        const j = await current(o.target);
        const last = j?.events.at(-1);
        if (!j || !last || last.type === "referral") return;
        await Journeys.removeEvent(j.id, last.id, { version: j.version });
        return;
      }
      case "follow-up-score": {
        const j = await current(o.target);
        if (!j) return;
        const date = j.events.at(-1)?.date ?? "2026-06-01";
        await Journeys.addMeasure(j.id, { measure: swemwbs("follow_up", date, o.score), version: j.version });
        return;
      }
      case "delete": {
        const j = await current(o.target);
        if (!j) return;
        await Journeys.remove(j.id, { version: j.version });
        ids.splice(ids.indexOf(j.id), 1);
        return;
      }
      case "import": {
        await importRows(
          t,
          journeyRows(o.count, { prefix: o.prefix }),
          `run-${run}-${ids.length}-${o.prefix}-${o.count}`,
        );
        return;
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code !== "input.invalid" && code !== "journey.version_conflict") throw error;
  }
}

describe("rollups kept exact on write", () => {
  test("after any sequence of journey writes and imports, stored rollups equal the engine on all journeys", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        run++;
        const t = await withTestTenant();
        const fixture = await prepareJourneyTerritory(t.territory.id, t.users.territory_lead.id);
        const ids: string[] = [];
        await asLead(t, async () => {
          for (const o of ops)
            await apply(t, ids, { worker: fixture.worker.id, resource: fixture.resource.id }, o, run);
          await expectRollupsExact(t);
        });
      }),
      { numRuns: Number(process.env.FUZZ_RUNS ?? 12), seed: 20261202, endOnFailure: true },
    );
  }, 120_000);

  test("a rebuild recomputes the rollups from the journeys, through the batch path", async () => {
    const t = await withTestTenant();
    const fixture = await prepareJourneyTerritory(t.territory.id, t.users.territory_lead.id);
    await importRows(t, journeyRows(30), "rebuild-seed");
    await asLead(t, async () => {
      const ids: string[] = [];
      await apply(
        t,
        ids,
        { worker: fixture.worker.id, resource: fixture.resource.id },
        {
          kind: "create",
          sex: "male",
          ageBand: "45-54",
          qpv: "no",
          commune: "23096",
          month: 1,
          day: 3,
          depth: 4,
          worker: true,
          score: 2,
        },
        0,
      );
      const before = combine(await Rollups.cellsIn(t.territory.id, ["2026-04"]));
      expect(before.length).toBeGreaterThan(0);
      const result = await Indicators.rebuild("rebuild-test");
      expect(result.journeys).toBe(31);
      expect(combine(await Rollups.cellsIn(t.territory.id, ["2026-04"]))).toEqual(before);
      await expectRollupsExact(t);
      expect((await Rollups.state(t.territory.id)).rebuilding).toBeNull();
    });
  });
});
