import { Jobs } from "@maillage/core";
import { beforeAll, describe, expect, test } from "vitest";
import { as, JOURNEY_PERSON, type TestTenant, testApp, withTestTenant } from "../../test/harness";
import { journeyRows, journeysCsv, prepareJourneyTerritory } from "./fixtures/journey-file";

/**
 * The indicator routes as a territory lead relies on them: figures of a month, quarter or year
 * from journeys created here (expectations computed by hand), settings and targets, manual values
 * with their provenance and the economic estimates built on them, locked periods and their
 * snapshots, and monthly trends. Cross-tenant access is covered by the generated cross-tenant test.
 */
const { app } = testApp();

type Value = {
  status: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  interval: { low: number; high: number; method: string } | null;
  reason: string | null;
};
type Result = Value & {
  code: string;
  type: string;
  target: number | null;
  meetsTarget: boolean | null;
  provenance: { source: string; enteredBy: string; enteredAt: string; note: string | null } | null;
  disaggregations: Record<string, Record<string, Value>>;
};
type Estimate = {
  code: string;
  status: string;
  value: number | null;
  reason: string | null;
  inputs: { key: string; value: number | null }[];
};
type Figures = {
  period: string;
  periodKind: string;
  months: string[];
  locked: { period: string; reason: string | null } | null;
  snapshot: boolean;
  asOf: string;
  results: Result[];
  economics: Estimate[];
};

interface Fixture {
  t: TestTenant;
  base: string;
  lead: ReturnType<typeof as>;
  worker: ReturnType<typeof as>;
  workerId: string;
  journeys: { id: string; version: number }[];
}

const person = (sex: string) => ({ ...JOURNEY_PERSON, sex });
const referral = (date: string, route = "gp") => ({
  type: "referral",
  date,
  route,
  prescriber: route === "gp" ? "gp" : "nurse",
  reasons: ["loneliness"],
});

/**
 * Four journeys of 2026-Q2, by hand:
 * - A: woman, GP route, referred 10 April, contacted 12 April;
 * - B: man, nurse route, referred 20 April, declined 25 April (not contacted);
 * - C: woman, GP route, referred 5 May, contacted 6 May;
 * - D: sex not stated, GP route, referred 15 June, not contacted yet.
 * REFERRALS: April 2 (woman 1, man 1), May 1, June 1; the quarter 4. Contacted 2 of 4, declined 1
 * of 4; first contacted in the quarter (PEOPLE_PER_FTE's numerator): 2, over the 1 FTE link worker.
 */
const FOUR = [
  {
    sex: "female",
    events: [referral("2026-04-10"), { type: "first_contact", date: "2026-04-12", mode: "phone" }],
  },
  {
    sex: "male",
    events: [
      referral("2026-04-20", "health_professional:nurse"),
      { type: "exit", date: "2026-04-25", reason: "declined", declineReason: "no_time" },
    ],
  },
  {
    sex: "female",
    events: [referral("2026-05-05"), { type: "first_contact", date: "2026-05-06", mode: "in_person" }],
  },
  { sex: "unspecified", events: [referral("2026-06-15")] },
];

async function territoryWithJourneys(journeys = FOUR): Promise<Fixture> {
  const t = await withTestTenant();
  const { worker } = await prepareJourneyTerritory(t.territory.id, t.users.territory_lead.id);
  const base = `/api/territories/${t.territory.id}`;
  const lead = as(app, t.users.territory_lead);
  const created = [];
  for (const j of journeys) {
    const res = await lead.post(`${base}/journeys`, {
      person: person(j.sex),
      linkWorkerId: worker.id,
      events: j.events,
    });
    expect(res.status, res.text).toBe(201);
    created.push({ id: res.body.id as string, version: res.body.version as number });
  }
  return {
    t,
    base,
    lead,
    worker: as(app, t.users.link_worker),
    workerId: worker.id,
    journeys: created,
  };
}

async function figures(f: Fixture, period: string): Promise<Figures> {
  const res = await f.lead.get(`${f.base}/indicators?period=${period}`);
  expect(res.status, res.text).toBe(200);
  return res.body;
}

const result = (figures: Figures, code: string): Result => {
  const found = figures.results.find((r) => r.code === code);
  if (!found) throw new Error(`${code} is not in the figures of ${figures.period}`);
  return found;
};

const Z = 1.959963984540054;
/** The Wilson score interval, as docs/indicators.md §4.1 writes it. */
function wilson(r: number, n: number) {
  const q = 1 - r / n;
  const centre = 2 * r + Z * Z;
  const spread = Z * Math.sqrt(Z * Z + 4 * r * q);
  return { low: (centre - spread) / (2 * (n + Z * Z)), high: (centre + spread) / (2 * (n + Z * Z)) };
}

const MANUAL = {
  period: "2026-Q2",
  value: -20,
  source: "CPAM du Nord, extraction SNIIRAM du 2026-07-10",
  asOf: "2026-07-10",
  note: null,
  version: 0,
};

describe("the figures of a period", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await territoryWithJourneys();
  });

  test("a month: REFERRALS with its breakdown by sex and route, the decline rate among its referrals", async () => {
    const april = await figures(f, "2026-04");
    expect(april).toMatchObject({
      period: "2026-04",
      periodKind: "month",
      months: ["2026-04"],
      locked: null,
      snapshot: false,
    });
    const referrals = result(april, "REFERRALS");
    expect(referrals).toMatchObject({ status: "computed", value: 2, numerator: 2 });
    expect(referrals.disaggregations.sex?.female?.value).toBe(1);
    expect(referrals.disaggregations.sex?.male?.value).toBe(1);
    expect(referrals.disaggregations.sex?.unspecified?.value).toBe(0);
    expect(referrals.disaggregations.route?.gp?.value).toBe(1);
    expect(referrals.disaggregations.route?.health_professional?.value).toBe(1);
    expect(result(april, "DECLINE_RATE")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
    expect(result(april, "CONTACTED_SHARE")).toMatchObject({ value: 0.5, numerator: 1, denominator: 2 });
  });

  test("a quarter: counts and shares over its four journeys, with a Wilson interval", async () => {
    const q2 = await figures(f, "2026-Q2");
    expect(q2).toMatchObject({ periodKind: "quarter", months: ["2026-04", "2026-05", "2026-06"] });
    const referrals = result(q2, "REFERRALS");
    expect(referrals.value).toBe(4);
    expect(referrals.disaggregations.sex).toMatchObject({
      female: { value: 2 },
      male: { value: 1 },
      unspecified: { value: 1 },
    });
    const contacted = result(q2, "CONTACTED_SHARE");
    expect(contacted).toMatchObject({ status: "computed", value: 0.5, numerator: 2, denominator: 4 });
    const expected = wilson(2, 4);
    expect(contacted.interval?.method).toBe("wilson");
    expect(contacted.interval?.low).toBeCloseTo(expected.low, 10);
    expect(contacted.interval?.high).toBeCloseTo(expected.high, 10);
    // Among the women: both contacted (2/2), the interval reaching 1 exactly.
    expect(contacted.disaggregations.sex?.female).toMatchObject({ value: 1, numerator: 2, denominator: 2 });
    expect(contacted.disaggregations.sex?.female?.interval?.high).toBe(1);
    expect(result(q2, "DECLINE_RATE")).toMatchObject({ value: 0.25, numerator: 1, denominator: 4 });
    expect(result(q2, "PEOPLE_PER_FTE")).toMatchObject({ value: 2, numerator: 2, denominator: 1 });
    const year = await figures(f, "2026");
    expect(year).toMatchObject({
      periodKind: "year",
      months: expect.arrayContaining(["2026-01", "2026-12"]),
    });
    expect(result(year, "REFERRALS").value).toBe(4);
  });

  test("a quarter's counts, numerators and denominators are the sums of its months'", async () => {
    const [q2, ...months] = await Promise.all(
      ["2026-Q2", "2026-04", "2026-05", "2026-06"].map((p) => figures(f, p)),
    );
    const additive = (q2 as Figures).results.filter((r) =>
      ["count", "proportion", "threshold_share"].includes(r.type),
    );
    expect(additive.length).toBeGreaterThan(10);
    for (const r of additive) {
      const sum = (field: "numerator" | "denominator") =>
        months.reduce((total, m) => total + (result(m, r.code)[field] ?? 0), 0);
      expect({ code: r.code, numerator: r.numerator ?? 0, denominator: r.denominator ?? 0 }).toEqual({
        code: r.code,
        numerator: sum("numerator"),
        denominator: sum("denominator"),
      });
    }
    expect(months.map((m) => result(m, "REFERRALS").value)).toEqual([2, 1, 1]);
  });

  test("a month without journeys: REFERRALS 0, every proportion not computable (never 0 or NaN)", async () => {
    const july = await figures(f, "2026-07");
    expect(result(july, "REFERRALS")).toMatchObject({ status: "computed", value: 0 });
    const proportions = july.results.filter((r) => r.type === "proportion");
    expect(proportions.length).toBeGreaterThan(5);
    for (const r of proportions) {
      expect({ code: r.code, status: r.status, value: r.value, reason: r.reason }).toEqual({
        code: r.code,
        status: "not_computable",
        value: null,
        reason: "denominator.empty",
      });
    }
  });

  test("a link worker reads the same figures", async () => {
    const res = await f.worker.get(`${f.base}/indicators?period=2026-Q2`);
    expect(res.status).toBe(200);
    expect(result(res.body, "REFERRALS").value).toBe(4);
  });

  for (const period of ["2026-13", "2026-Q5", "2026-1", "2026-05-01"]) {
    test(`a malformed period (${period}) is a 400 at period`, async () => {
      const res = await f.lead.get(`${f.base}/indicators?period=${period}`);
      expect(res.status).toBe(400);
      expect(res.body.code).toBe("input.invalid");
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["period"]);
    });
  }

  describe("trends", () => {
    test("six months: one point per month for every computed indicator", async () => {
      const res = await f.lead.get(`${f.base}/indicators/trends?from=2026-01&to=2026-06`);
      expect(res.status).toBe(200);
      const months = ["2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
      expect(res.body).toMatchObject({ from: "2026-01", to: "2026-06", months });
      const series = res.body.series as Record<string, { points: (Value & { period: string })[] }>;
      expect(Object.keys(series).length).toBeGreaterThan(20);
      for (const [code, s] of Object.entries(series)) {
        expect({ code, periods: s.points.map((p) => p.period) }).toEqual({ code, periods: months });
      }
      // The manual indicators are entered per quarter or year: no monthly series.
      expect(series.GP_CONSULTATIONS_CHANGE).toBeUndefined();
      expect(series.REFERRALS?.points.map((p) => p.value)).toEqual([0, 0, 0, 2, 1, 1]);
      expect(series.CONTACTED_SHARE?.points.map((p) => p.status)).toEqual([
        "not_computable",
        "not_computable",
        "not_computable",
        "computed",
        "computed",
        "computed",
      ]);
      expect(series.CONTACTED_SHARE?.points.map((p) => p.value)).toEqual([null, null, null, 0.5, 1, 0]);
    });

    test("codes: only the series asked for", async () => {
      const res = await f.lead.get(
        `${f.base}/indicators/trends?from=2026-04&to=2026-05&codes=REFERRALS,DECLINE_RATE`,
      );
      expect(res.status).toBe(200);
      expect(Object.keys(res.body.series).sort()).toEqual(["DECLINE_RATE", "REFERRALS"]);
      expect(res.body.series.DECLINE_RATE.points.map((p: Value) => p.value)).toEqual([0.5, 0]);
      const unknown = await f.lead.get(`${f.base}/indicators/trends?from=2026-04&to=2026-05&codes=NOPE_X`);
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues.map((i: { path: string }) => i.path)).toEqual(["codes"]);
    });

    test("at most 36 months; a reversed range or a quarter is a 400", async () => {
      const longest = await f.lead.get(`${f.base}/indicators/trends?from=2024-01&to=2026-12&codes=REFERRALS`);
      expect(longest.status).toBe(200);
      expect(longest.body.months).toHaveLength(36);
      for (const [query, path] of [
        ["from=2023-12&to=2026-12", "to"],
        ["from=2026-06&to=2026-01", "to"],
        ["from=2026-Q1&to=2026-06", "from"],
        ["from=2026-01&to=2026-13", "to"],
      ] as const) {
        const res = await f.lead.get(`${f.base}/indicators/trends?${query}`);
        expect({ query, status: res.status, code: res.body.code }).toEqual({
          query,
          status: 400,
          code: "input.invalid",
        });
        expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual([path]);
      }
    });
  });
});

describe("indicator settings", () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await territoryWithJourneys();
  });

  const put = async (body: Record<string, unknown>) => {
    const current = await f.lead.get(`${f.base}/indicator-settings`);
    return f.lead.put(`${f.base}/indicator-settings`, { version: current.body.version, ...body });
  };

  test("by default: version 0, nothing overridden, no economics, and the catalogue", async () => {
    const res = await f.lead.get(`${f.base}/indicator-settings`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ version: 0, overrides: {}, custom: [], updatedAt: null });
    expect(Object.values(res.body.economics).every((x) => x === null)).toBe(true);
    const codes = res.body.catalogue.map((d: { code: string }) => d.code);
    expect(codes).toHaveLength(33);
    expect(codes).toEqual(expect.arrayContaining(["REFERRALS", "DECLINE_RATE", "GP_CONSULTATIONS_CHANGE"]));
  });

  test("disabling an indicator takes it out of the figures; a target sets target and meetsTarget", async () => {
    const before = result(await figures(f, "2026-Q2"), "CONTACTED_SHARE");
    expect(before).toMatchObject({ target: null, meetsTarget: null });
    const saved = await f.lead.put(`${f.base}/indicator-settings`, {
      overrides: { DECLINE_RATE: { enabled: false }, CONTACTED_SHARE: { target: { value: 0.4 } } },
      version: 0,
    });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.version).toBe(1);
    const q2 = await figures(f, "2026-Q2");
    expect(q2.results.map((r) => r.code)).not.toContain("DECLINE_RATE");
    expect(result(q2, "CONTACTED_SHARE")).toMatchObject({ value: 0.5, target: 0.4, meetsTarget: true });
    const trends = await f.lead.get(`${f.base}/indicators/trends?from=2026-04&to=2026-04`);
    expect(Object.keys(trends.body.series)).not.toContain("DECLINE_RATE");
    // Higher is better: 0.5 misses a target of 0.6.
    expect((await put({ overrides: { CONTACTED_SHARE: { target: { value: 0.6 } } } })).status).toBe(200);
    expect(result(await figures(f, "2026-Q2"), "CONTACTED_SHARE")).toMatchObject({
      target: 0.6,
      meetsTarget: false,
    });
    // Back on, with no override: the catalogue's default again.
    expect((await put({ overrides: {} })).status).toBe(200);
    expect((await figures(f, "2026-Q2")).results.map((r) => r.code)).toContain("DECLINE_RATE");
  });

  test("a stale version is a 409 indicator_settings.version_conflict, with what is stored", async () => {
    const res = await f.lead.put(`${f.base}/indicator-settings`, {
      overrides: { REFERRALS: { enabled: false } },
      version: 0,
    });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("indicator_settings.version_conflict");
    expect(res.body.current.version).toBeGreaterThan(0);
    expect(result(await figures(f, "2026-Q2"), "REFERRALS").value).toBe(4);
  });

  test("an economic figure without its source is a 400 at economics.source", async () => {
    const res = await put({ economics: { gpConsultationUnitCost: 26.5 } });
    expect(res.status).toBe(400);
    expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["economics.source"]);
  });

  test("a territory's own indicator may not take a catalogue code (400 at custom.0.code)", async () => {
    const own = {
      code: "REFERRALS",
      label: { fr: "Nos orientations", en: "Our referrals" },
      level: "macro",
      type: "count",
      unit: "people",
      numerator: { kind: "journeys" },
      direction: null,
      source: { kind: "computed" },
      rationale: "Ce que le comité suit",
      citation: "Le territoire",
    };
    const res = await put({ custom: [own] });
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: "custom.0.code", message: expect.any(String) }]);
    // Under its own code it is accepted, and counted from the journeys (a rebuild, then the figures).
    const ok = await put({ custom: [{ ...own, code: "OUR_REFERRALS" }] });
    expect(ok.status, ok.text).toBe(200);
    await Jobs.idle();
    expect(result(await figures(f, "2026-Q2"), "OUR_REFERRALS")).toMatchObject({
      status: "computed",
      value: 4,
    });
  });

  test("a link worker may read the settings, not change them (403)", async () => {
    expect((await f.worker.get(`${f.base}/indicator-settings`)).status).toBe(200);
    const res = await f.worker.put(`${f.base}/indicator-settings`, { overrides: {}, version: 0 });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe("auth.forbidden");
  });

  test("the audit trail records the changes (indicators.settings)", async () => {
    const res = await f.lead.get(`${f.base}/audit`);
    const entries = res.body.items.filter((e: { action: string }) => e.action === "indicators.settings");
    expect(entries.length).toBeGreaterThanOrEqual(3);
    const fields = entries.flatMap((e: { changes: { field: string }[] }) => e.changes.map((c) => c.field));
    expect(fields).toEqual(
      expect.arrayContaining([
        "overrides.DECLINE_RATE.enabled",
        "overrides.CONTACTED_SHARE.target",
        "custom",
      ]),
    );
  });
});

describe("manual values and economic estimates", () => {
  let f: Fixture;
  const values = () => `${f.base}/indicators/GP_CONSULTATIONS_CHANGE/values`;
  beforeAll(async () => {
    f = await territoryWithJourneys();
  });

  test("a lead enters a value: 201 with who, when and from where; the quarter shows it as manual", async () => {
    const before = result(await figures(f, "2026-Q2"), "GP_CONSULTATIONS_CHANGE");
    expect(before).toMatchObject({ status: "not_computable", reason: "entry.missing", value: null });
    const res = await f.lead.post(values(), MANUAL);
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({
      code: "GP_CONSULTATIONS_CHANGE",
      period: "2026-Q2",
      value: -20,
      source: MANUAL.source,
      asOf: "2026-07-10",
      enteredBy: f.t.users.territory_lead.id,
      enteredByName: f.t.users.territory_lead.displayName,
      version: 1,
    });
    expect(Date.now() - Date.parse(res.body.enteredAt)).toBeLessThan(60_000);
    const gp = result(await figures(f, "2026-Q2"), "GP_CONSULTATIONS_CHANGE");
    expect(gp).toMatchObject({
      status: "manual",
      value: -20,
      provenance: {
        source: MANUAL.source,
        enteredBy: f.t.users.territory_lead.displayName,
        enteredAt: res.body.enteredAt,
      },
    });
    // Lower is better: −20% meets no target (none set), and the year has no entry of its own.
    expect(gp.meetsTarget).toBeNull();
    expect(result(await figures(f, "2026"), "GP_CONSULTATIONS_CHANGE").reason).toBe("entry.missing");
    const listed = await f.worker.get(values());
    expect(listed.status).toBe(200);
    expect(listed.body.items).toEqual([res.body]);
  });

  test("a computed indicator takes no value; a quarter-or-year indicator takes no month (400)", async () => {
    const computed = await f.lead.post(`${f.base}/indicators/REFERRALS/values`, MANUAL);
    expect(computed.status).toBe(400);
    expect(computed.body.issues.map((i: { path: string }) => i.path)).toEqual(["code"]);
    const month = await f.lead.post(values(), { ...MANUAL, period: "2026-05" });
    expect(month.status).toBe(400);
    expect(month.body.issues.map((i: { path: string }) => i.path)).toEqual(["period"]);
    const unknown = await f.lead.post(`${f.base}/indicators/NOT_AN_INDICATOR/values`, MANUAL);
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("indicator.not_found");
  });

  test("a second entry from version 0 is a 409; from the current version it replaces the value", async () => {
    const stale = await f.lead.post(values(), { ...MANUAL, value: -30 });
    expect(stale.status).toBe(409);
    expect(stale.body.code).toBe("indicator_value.version_conflict");
    expect(stale.body.current).toMatchObject({ value: -20, version: 1 });
    const replaced = await f.lead.post(values(), { ...MANUAL, value: -25, version: 1 });
    expect(replaced.status).toBe(201);
    expect(replaced.body).toMatchObject({ value: -25, version: 2 });
    expect((await f.lead.get(values())).body.items).toHaveLength(1);
    expect(result(await figures(f, "2026-Q2"), "GP_CONSULTATIONS_CHANGE").value).toBe(-25);
  });

  test("a link worker may not enter a value (403)", async () => {
    const res = await f.worker.post(values(), { ...MANUAL, version: 2 });
    expect(res.status).toBe(403);
  });

  test("the avoided GP cost is the documented formula over the territory's own figures", async () => {
    const economics = {
      gpConsultationUnitCost: 26.5,
      gpConsultationsPerPersonYear: 6,
      linkWorkerAnnualCostPerFte: 42_000,
      otherAnnualCosts: 6_000,
      source: "CPAM du Nord 2025 ; budget du dispositif",
      assumptions: "Fréquences d'avant l'accompagnement",
    };
    const current = await f.lead.get(`${f.base}/indicator-settings`);
    const saved = await f.lead.put(`${f.base}/indicator-settings`, {
      economics,
      version: current.body.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const q2 = await figures(f, "2026-Q2");
    const people = result(q2, "PEOPLE_PER_FTE").numerator;
    expect(people).toBe(2);
    const estimate = (code: string) => q2.economics.find((e) => e.code === code) as Estimate;
    // people × consultations per person-year × months / 12 × (−change %) / 100 × unit cost
    const gp = Math.round(((2 * 6 * 3) / 12) * (25 / 100) * 26.5);
    expect(gp).toBe(20);
    expect(estimate("AVOIDED_GP_COST")).toMatchObject({ status: "estimate", value: gp, reason: null });
    // (FTE × cost per FTE + other costs) × months / 12 ÷ people
    const cost = Math.round(((1 * 42_000 + 6_000) * 3) / 12 / 2);
    expect(estimate("COST_PER_PERSON_SUPPORTED")).toMatchObject({ status: "estimate", value: cost });
    // No hospital change entered.
    expect(estimate("AVOIDED_HOSPITAL_COST")).toMatchObject({ status: "not_computable", value: null });
  });

  test("without the unit cost, the avoided GP cost is not computable and says which figure is missing", async () => {
    const current = await f.lead.get(`${f.base}/indicator-settings`);
    const saved = await f.lead.put(`${f.base}/indicator-settings`, {
      economics: { gpConsultationsPerPersonYear: 6, source: "CPAM du Nord 2025" },
      version: current.body.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const q2 = await figures(f, "2026-Q2");
    expect(q2.economics.find((e) => e.code === "AVOIDED_GP_COST")).toMatchObject({
      status: "not_computable",
      value: null,
      reason: "economics.missing:gpConsultationUnitCost",
    });
  });
});

describe("locked periods", () => {
  let f: Fixture;
  const REASON = "Comité de pilotage du 3 juillet";
  const lockQ2 = () => f.lead.post(`${f.base}/periods/2026-Q2/lock`, { reason: REASON });
  const journeyOfMay = () => ({
    person: person("male"),
    linkWorkerId: f.workerId,
    events: [referral("2026-05-12")],
  });
  const count = async () => (await f.lead.get(`${f.base}/journeys?limit=100`)).body.items.length;
  let q2AtLock: Figures;

  beforeAll(async () => {
    f = await territoryWithJourneys();
  });

  test("a lead locks a quarter; it is listed with who locked it, when and why", async () => {
    const res = await lockQ2();
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      period: "2026-Q2",
      lockedBy: f.t.users.territory_lead.id,
      lockedByName: f.t.users.territory_lead.displayName,
      reason: REASON,
    });
    const list = await f.worker.get(`${f.base}/periods`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([res.body]);
  });

  test("the quarter answers from its snapshot; a month inside it is covered, computed live", async () => {
    q2AtLock = await figures(f, "2026-Q2");
    expect(q2AtLock).toMatchObject({ locked: { period: "2026-Q2", reason: REASON }, snapshot: true });
    expect(result(q2AtLock, "REFERRALS").value).toBe(4);
    const may = await figures(f, "2026-05");
    expect(may).toMatchObject({ locked: { period: "2026-Q2" }, snapshot: false });
    // The year is not covered by a quarter's lock.
    expect((await figures(f, "2026")).locked).toBeNull();
  });

  test("a journey referred in the locked quarter is refused (409 period.locked) and nothing is stored", async () => {
    const journeys = await count();
    const may = result(await figures(f, "2026-05"), "REFERRALS").value;
    const res = await f.lead.post(`${f.base}/journeys`, journeyOfMay());
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("period.locked");
    expect(res.body.message).toContain("2026-Q2");
    expect(await count()).toBe(journeys);
    expect(result(await figures(f, "2026-05"), "REFERRALS").value).toBe(may);
    // Outside it, journeys are still created.
    const july = await f.lead.post(`${f.base}/journeys`, {
      ...journeyOfMay(),
      events: [referral("2026-07-01")],
    });
    expect(july.status).toBe(201);
  });

  test("an event that would change the quarter's figures is refused; one that changes none is kept", async () => {
    const june = f.journeys[3] as { id: string; version: number };
    const contact = await f.lead.post(`${f.base}/journeys/${june.id}/events`, {
      event: { type: "first_contact", date: "2026-07-02", mode: "phone" },
      version: june.version,
    });
    expect(contact.status).toBe(409);
    expect(contact.body.code).toBe("period.locked");
    expect(contact.body.message).toContain("2026-Q2");
    const stored = await f.lead.get(`${f.base}/journeys/${june.id}`);
    expect(stored.body.version).toBe(june.version);
    expect(stored.body.events.map((e: { type: string }) => e.type)).toEqual(["referral"]);
    // How the first contact was made (phone, not in person): no indicator reads it. A follow-up
    // note would do too, but it needs a plan first, and a plan changes PLAN_SHARE.
    const april = f.journeys[0] as { id: string; version: number };
    const read = await f.lead.get(`${f.base}/journeys/${april.id}`);
    const contacted = read.body.events.find((e: { type: string }) => e.type === "first_contact");
    const mode = await f.lead.put(`${f.base}/journeys/${april.id}/events/${contacted.id}`, {
      event: { type: "first_contact", date: contacted.date, mode: "in_person" },
      version: read.body.version,
    });
    expect(mode.status, mode.text).toBe(200);
    expect(mode.body.version).toBe(read.body.version + 1);
  });

  test("a manual value for the locked quarter is refused (409 period.locked)", async () => {
    const res = await f.lead.post(`${f.base}/indicators/GP_CONSULTATIONS_CHANGE/values`, MANUAL);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("period.locked");
    expect((await f.lead.get(`${f.base}/indicators/GP_CONSULTATIONS_CHANGE/values`)).body.items).toEqual([]);
  });

  test("a value for the year is still accepted (its own figure), one for a quarter of a locked year is not", async () => {
    const url = `${f.base}/indicators/UNPLANNED_HOSPITAL_USE_CHANGE/values`;
    const year = await f.lead.post(url, { ...MANUAL, period: "2026" });
    expect(year.status, year.text).toBe(201);
    expect((await f.lead.post(`${f.base}/periods/2025/lock`, {})).status).toBe(200);
    const quarter = await f.lead.post(url, { ...MANUAL, period: "2025-Q3" });
    expect(quarter.status).toBe(409);
    expect(quarter.body.code).toBe("period.locked");
    expect(quarter.body.message).toContain("2025");
    expect((await f.lead.post(`${f.base}/periods/2025/unlock`, { reason: "Essai terminé" })).status).toBe(
      200,
    );
  });

  test("the snapshot stays what was locked after the settings change (reproducible)", async () => {
    const saved = await f.lead.put(`${f.base}/indicator-settings`, {
      overrides: { CONTACTED_SHARE: { target: { value: 0.9 } }, DECLINE_RATE: { enabled: false } },
      version: (await f.lead.get(`${f.base}/indicator-settings`)).body.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const again = await figures(f, "2026-Q2");
    expect(again).toEqual(q2AtLock);
    expect(result(again, "CONTACTED_SHARE").target).toBeNull();
    // A month inside it is live: the new target applies.
    expect(result(await figures(f, "2026-05"), "CONTACTED_SHARE").target).toBe(0.9);
  });

  test("locking again is a 409 period.already_locked; a link worker may not lock (403)", async () => {
    const res = await lockQ2();
    expect(res.status).toBe(409);
    expect(res.body.code).toBe("period.already_locked");
    const worker = await f.worker.post(`${f.base}/periods/2026-Q3/lock`, {});
    expect(worker.status).toBe(403);
    expect((await f.lead.get(`${f.base}/periods`)).body.items).toHaveLength(1);
  });

  test("unlocking takes a reason (400 at reason) and is audited with it", async () => {
    for (const body of [{}, { reason: "" }, { reason: "abc" }]) {
      const res = await f.lead.post(`${f.base}/periods/2026-Q2/unlock`, body);
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["reason"]);
    }
    const worker = await f.worker.post(`${f.base}/periods/2026-Q2/unlock`, { reason: "Par l'agent" });
    expect(worker.status).toBe(403);
    const why = "Correction d'une date d'orientation";
    const res = await f.lead.post(`${f.base}/periods/2026-Q2/unlock`, { reason: why });
    expect(res.status, res.text).toBe(200);
    expect(res.body.period).toBe("2026-Q2");
    expect((await f.lead.get(`${f.base}/periods`)).body.items).toEqual([]);
    const audit = await f.lead.get(`${f.base}/audit`);
    const actions = audit.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["period.lock", "period.unlock"]));
    const unlock = audit.body.items.find((e: { action: string }) => e.action === "period.unlock");
    expect(unlock).toMatchObject({ entity: "2026-Q2" });
    expect(unlock.changes).toEqual(expect.arrayContaining([{ field: "reason", before: null, after: why }]));
  });

  test("once unlocked, the refused journey is created and the quarter is computed live", async () => {
    const res = await f.lead.post(`${f.base}/journeys`, journeyOfMay());
    expect(res.status, res.text).toBe(201);
    const q2 = await figures(f, "2026-Q2");
    expect(q2).toMatchObject({ locked: null, snapshot: false });
    expect(result(q2, "REFERRALS").value).toBe(5);
    expect(result(q2, "CONTACTED_SHARE").target).toBe(0.9);
  });

  test("unlocking a period that is not locked is a 404 period.not_locked", async () => {
    const res = await f.lead.post(`${f.base}/periods/2026-Q2/unlock`, { reason: "Encore une fois" });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe("period.not_locked");
  });

  test("a malformed period in the path is a 400 at period", async () => {
    for (const period of ["2026-Q5", "2026-13"]) {
      const res = await f.lead.post(`${f.base}/periods/${period}/lock`, {});
      expect(res.status).toBe(400);
      expect(res.body.issues.map((i: { path: string }) => i.path)).toEqual(["period"]);
    }
  });
});

describe("an import into a locked period", () => {
  test("is refused: the report names the locked period, and nothing is imported", async () => {
    const t = await withTestTenant();
    await prepareJourneyTerritory(t.territory.id, t.users.territory_lead.id);
    const base = `/api/territories/${t.territory.id}`;
    const lead = as(app, t.users.territory_lead);
    // journeyRows: referrals from 5 January 2023 on, three days apart.
    expect((await lead.post(`${base}/periods/2023-Q1/lock`, { reason: REASON_IMPORT })).status).toBe(200);
    const res = await app.request(`${base}/journeys/import?dryRun=false`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${t.users.territory_lead.token}`,
        "content-type": "text/csv",
        "idempotency-key": "locked-import-1",
      },
      body: journeysCsv(journeyRows(3)) as Uint8Array<ArrayBuffer>,
    });
    expect(res.status, await res.clone().text()).toBe(202);
    await Jobs.idle();
    const job = await lead.get(res.headers.get("location") ?? "");
    expect(job.status).toBe(200);
    // What the lead sees: the job done, nothing committed, one error naming the period.
    expect(job.body).toMatchObject({ status: "succeeded", result: { committed: false, errorCount: 1 } });
    expect(job.body.result.errors[0].reason).toContain("2023-Q1");
    expect(job.body.result.errors[0].reason).toContain("rien n'a été importé");
    expect((await lead.get(`${base}/journeys`)).body.items).toEqual([]);
    const january = await lead.get(`${base}/indicators?period=2023-01`);
    expect(result(january.body, "REFERRALS").value).toBe(0);
  });
});

const REASON_IMPORT = "Bilan du premier trimestre";

describe("figures kept between reads", () => {
  test("served again while nothing changed, recomputed after a journey, a link worker's FTE, a value or a setting", async () => {
    const f = await territoryWithJourneys();
    const first = await figures(f, "2026-Q2");
    const again = await figures(f, "2026-Q2");
    // Nothing changed: the same figures, computed once (same instant).
    expect(again.asOf).toBe(first.asOf);
    expect(again.results).toEqual(first.results);
    // A journey of the quarter.
    const created = await f.lead.post(`${f.base}/journeys`, {
      person: person("male"),
      linkWorkerId: f.workerId,
      events: [referral("2026-05-20")],
    });
    expect(created.status, created.text).toBe(201);
    const afterJourney = await figures(f, "2026-Q2");
    expect(result(afterJourney, "REFERRALS").value).toBe(5);
    expect(result(afterJourney, "REFERRALS").disaggregations.sex?.male?.value).toBe(2);
    // A journey of another quarter, with nobody's caseload (open caseloads are today's, in every
    // period), changes nothing of this one's figures.
    const other = await f.lead.post(`${f.base}/journeys`, {
      person: person("male"),
      linkWorkerId: null,
      events: [referral("2026-01-20")],
    });
    expect(other.status).toBe(201);
    expect((await figures(f, "2026-Q2")).asOf).toBe(afterJourney.asOf);
    // The link worker's FTE (PEOPLE_PER_FTE's denominator).
    const lw = await f.lead.get(`${f.base}/link-workers/${f.workerId}`);
    const {
      id: _id,
      version,
      reference: _r,
      openJourneys: _o,
      createdAt: _c,
      updatedAt: _u,
      userName: _n,
      ...profile
    } = lw.body;
    const saved = await f.lead.put(`${f.base}/link-workers/${f.workerId}`, { ...profile, fte: 0.5, version });
    expect(saved.status, saved.text).toBe(200);
    expect(result(await figures(f, "2026-Q2"), "PEOPLE_PER_FTE")).toMatchObject({
      value: 4,
      denominator: 0.5,
    });
    // A manual value, then a target.
    expect((await f.lead.post(`${f.base}/indicators/GP_CONSULTATIONS_CHANGE/values`, MANUAL)).status).toBe(
      201,
    );
    expect(result(await figures(f, "2026-Q2"), "GP_CONSULTATIONS_CHANGE")).toMatchObject({
      status: "manual",
      value: -20,
    });
    const settings = await f.lead.get(`${f.base}/indicator-settings`);
    const put = await f.lead.put(`${f.base}/indicator-settings`, {
      overrides: { REFERRALS: { target: { value: 10 } } },
      custom: [],
      economics: {},
      version: settings.body.version,
    });
    expect(put.status, put.text).toBe(200);
    expect(result(await figures(f, "2026-Q2"), "REFERRALS")).toMatchObject({ target: 10 });
  });
});
