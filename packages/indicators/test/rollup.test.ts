import { SWEMWBS_METRIC_BY_RAW } from "@maillage/measures";
import { ageBands, daysBetween, sexes, triStates } from "@maillage/schema";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import {
  type Cell,
  combine,
  compute,
  contributions,
  defaultCatalogue,
  finalise,
  type IndicatorJourney,
  inPeriod,
  negate,
  type OrientationRecord,
  orientationContributions,
  parsePeriod,
} from "../src/index";
import { INPUT, J, journey } from "./fixture";

/*
 * The rollup invariant (docs/indicators.md §5): cells stored per month and updated on every write
 * (a journey's new contributions added, its old ones negated) give, for any month, quarter or year,
 * exactly what the engine computes on all the journeys at once: exactly, since cells hold whole
 * numbers only (values in hundredths).
 */

const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const maybe = <T>(arbitrary: fc.Arbitrary<T>) => fc.option(arbitrary, { nil: null });

const outcomeArbitrary = (value: fc.Arbitrary<number>) =>
  maybe(fc.record({ baseline: maybe(value), followUp: maybe(value) }));

const journeyArbitrary: fc.Arbitrary<IndicatorJourney> = fc
  .record({
    start: fc.integer({ min: 0, max: 240 }),
    steps: fc.array(fc.integer({ min: 0, max: 45 }), { minLength: 6, maxLength: 6 }),
    reach: fc.integer({ min: 0, max: 6 }),
    exit: fc.constantFrom(null, "completed", "declined", "lost_to_follow_up", "redirected"),
    sex: fc.constantFrom(...sexes),
    ageBand: fc.constantFrom(...ageBands),
    qpv: fc.constantFrom(...triStates),
    precarity: fc.boolean(),
    rurality: fc.constantFrom(null, 1, 2, 3),
    route: fc.constantFrom(
      null,
      "gp",
      "health_professional:nurse",
      "self_referral",
      "community_organisation",
    ),
    integrated: fc.boolean(),
    wemwbs: outcomeArbitrary(fc.integer({ min: 14, max: 70 })),
    swemwbs: outcomeArbitrary(fc.constantFrom(...Object.values(SWEMWBS_METRIC_BY_RAW))),
    lonely: outcomeArbitrary(fc.constantFrom(0, 1)),
  })
  .map((x): IndicatorJourney => {
    const referral = addDays("2024-11-01", x.start);
    const dates: string[] = [];
    let date = referral;
    for (const step of x.steps.slice(0, x.reach)) {
      date = addDays(date, step);
      dates.push(date);
    }
    const [firstContact, initialInterview, plan, firstOrientation, firstActivity, firstFollowUp] = dates;
    const outcomes: NonNullable<IndicatorJourney["outcomes"]> = {};
    if (x.wemwbs) outcomes.WEMWBS = x.wemwbs;
    if (x.swemwbs) outcomes.SWEMWBS = x.swemwbs;
    if (x.lonely) outcomes.LONELY_OFTEN = x.lonely;
    return journey({
      person: { sex: x.sex, ageBand: x.ageBand, qpv: x.qpv, precarity: x.precarity ? ["unemployed"] : [] },
      rurality: x.rurality as 1 | 2 | 3 | null,
      route: x.route,
      track: x.integrated ? "integrated" : "standard",
      status: x.exit ?? "referred",
      exitReason: x.exit as IndicatorJourney["exitReason"],
      declineReason: x.exit === "declined" ? "no_time" : null,
      milestones: {
        referral,
        firstContact: firstContact ?? null,
        initialInterview: initialInterview ?? null,
        plan: plan ?? null,
        firstOrientation: firstOrientation ?? null,
        firstActivity: firstActivity ?? null,
        firstFollowUp: firstFollowUp ?? null,
        exit: x.exit ? addDays(date, 3) : null,
      },
      outcomes,
    });
  });

const orientationArbitrary: fc.Arbitrary<OrientationRecord> = fc.record({
  date: fc.integer({ min: 0, max: 240 }).map((days) => addDays("2024-11-01", days)),
  pillar: fc.constantFrom("rights", "health", "social", "volunteering"),
  attended: fc.constantFrom(true, false, null),
});

const periodArbitrary = fc.constantFrom(
  "2024-11",
  "2024-12",
  "2024-Q4",
  "2024",
  "2025-01",
  "2025-02",
  "2025-03",
  "2025-Q1",
  "2025-Q2",
  "2025",
);

/** A store of monthly cells, written one journey at a time, as the rollup will be. */
class MonthlyStore {
  private readonly months = new Map<string, Cell[]>();
  /** One write: its cells added to the stored cells of their months. */
  add(cells: readonly Cell[]) {
    for (const month of new Set(cells.map((cell) => cell.month))) {
      const added = cells.filter((cell) => cell.month === month);
      this.months.set(month, combine([...(this.months.get(month) ?? []), ...added]));
    }
  }
  read(period: string): Cell[] {
    return parsePeriod(period).months.flatMap((month) => this.months.get(month) ?? []);
  }
}

const context = { ...INPUT, journeys: [], orientations: [] };
const RUNS = { numRuns: 20 };

describe("rollups equal the engine on all journeys", () => {
  test("monthly cells written journey by journey give the same values as compute, for any period", () => {
    fc.assert(
      fc.property(
        fc.array(journeyArbitrary, { maxLength: 12 }),
        fc.array(orientationArbitrary, { maxLength: 6 }),
        periodArbitrary,
        (journeys, orientations, period) => {
          const store = new MonthlyStore();
          for (const j of journeys) store.add(contributions(defaultCatalogue, j));
          store.add(orientationContributions(defaultCatalogue, orientations));
          const stored = finalise(defaultCatalogue, store.read(period), context, period);
          const direct = compute(defaultCatalogue, { ...INPUT, journeys, orientations }, period);
          expect(stored).toEqual(direct);
        },
      ),
      RUNS,
    );
  });

  test("an edited journey: adding its new cells and negating its old ones equals computing on the new one", () => {
    fc.assert(
      fc.property(
        fc.array(journeyArbitrary, { maxLength: 8 }),
        journeyArbitrary,
        journeyArbitrary,
        periodArbitrary,
        (others, before, after, period) => {
          const store = new MonthlyStore();
          for (const j of [...others, before]) store.add(contributions(defaultCatalogue, j));
          store.add(negate(contributions(defaultCatalogue, before)));
          store.add(contributions(defaultCatalogue, after));
          const stored = finalise(defaultCatalogue, store.read(period), context, period);
          const direct = compute(
            defaultCatalogue,
            { ...INPUT, journeys: [...others, after], orientations: [] },
            period,
          );
          expect(stored).toEqual(direct);
        },
      ),
      RUNS,
    );
  });

  test("combine is order-free and can be applied in any grouping", () => {
    fc.assert(
      fc.property(fc.array(journeyArbitrary, { maxLength: 10 }), fc.nat(), (journeys, split) => {
        const cells = journeys.flatMap((j) => contributions(defaultCatalogue, j));
        const at = cells.length === 0 ? 0 : split % cells.length;
        const whole = combine(cells);
        expect(combine([...cells].reverse())).toEqual(whole);
        expect(combine([...combine(cells.slice(0, at)), ...combine(cells.slice(at))])).toEqual(whole);
      }),
      RUNS,
    );
  });
});

describe("the engine against a plain recount on random journeys", () => {
  test("referrals, declines, the median delay and the mean WEMWBS change of the period's cohort", () => {
    fc.assert(
      fc.property(fc.array(journeyArbitrary, { maxLength: 12 }), periodArbitrary, (journeys, code) => {
        const period = parsePeriod(code);
        const cohort = journeys.filter((j) => inPeriod(j.milestones.referral as string, period));
        const values = compute(defaultCatalogue, { ...INPUT, journeys, orientations: [] }, code);
        const of = (indicator: string) => values.find((x) => x.code === indicator);

        expect(of("REFERRALS")?.value).toBe(cohort.length);
        const declined = cohort.filter((j) => j.exitReason === "declined").length;
        expect(of("DECLINE_RATE")).toMatchObject(
          cohort.length === 0 ? { value: null } : { value: declined / cohort.length, numerator: declined },
        );

        const delays = cohort
          .filter((j) => j.milestones.firstContact !== null)
          .map((j) => daysBetween(j.milestones.referral as string, j.milestones.firstContact as string))
          .sort((a, b) => a - b);
        const middle = Math.floor(delays.length / 2);
        const median =
          delays.length === 0
            ? null
            : delays.length % 2 === 1
              ? delays[middle]
              : ((delays[middle - 1] as number) + (delays[middle] as number)) / 2;
        expect(of("DAYS_TO_FIRST_CONTACT_MEDIAN")?.value).toBe(median);

        const changes = cohort.flatMap((j) => {
          const w = j.outcomes?.WEMWBS;
          return w && w.baseline !== null && w.followUp !== null ? [w.followUp - w.baseline] : [];
        });
        const mean = changes.length === 0 ? null : changes.reduce((a, b) => a + b, 0) / changes.length;
        expect(of("WEMWBS_MEAN_CHANGE")?.value ?? null).toBe(mean);
      }),
      RUNS,
    );
  });
});

describe("contributions", () => {
  test("are keyed by the month of the anchor: J4 (referred 31 March, contacted 2 April)", () => {
    const cells = contributions(defaultCatalogue, J.J4);
    const of = (indicator: string) => cells.filter((c) => c.indicator === indicator && c.dimension === "all");
    expect(of("CONTACTED_SHARE")).toEqual([
      {
        month: "2025-03",
        indicator: "CONTACTED_SHARE",
        dimension: "all",
        group: "all",
        numerator: 1,
        denominator: 1,
      },
    ]);
    expect(of("DAYS_TO_FIRST_CONTACT_MEDIAN")).toEqual([
      {
        month: "2025-03",
        indicator: "DAYS_TO_FIRST_CONTACT_MEDIAN",
        dimension: "all",
        group: "all",
        numerator: 0,
        denominator: 1,
        histogram: { "2": 1 },
      },
    ]);
    expect(of("PEOPLE_PER_FTE").map((c) => c.month)).toEqual(["2025-04"]);
    // One cell overall and one per dimension: female/male… for each of the definition's dimensions.
    expect(
      cells.filter((c) => c.indicator === "DECLINE_RATE").map((c) => `${c.dimension}:${c.group}`),
    ).toEqual([
      "all:all",
      "sex:male",
      "ageBand:25-34",
      "qpv:yes",
      "rurality:1",
      "route:community_organisation",
      "precarity:any_marker",
    ]);
  });

  test("come to nothing once negated", () => {
    const cells = JSON.parse(
      JSON.stringify(Object.values(J).flatMap((j) => contributions(defaultCatalogue, j))),
    );
    expect(combine([...cells, ...negate(cells)])).toEqual([]);
  });

  test("are plain JSON (what the rollup stores)", () => {
    const cells = combine(Object.values(J).flatMap((j) => contributions(defaultCatalogue, j)));
    expect(JSON.parse(JSON.stringify(cells))).toEqual(cells);
    expect(
      finalise(defaultCatalogue, JSON.parse(JSON.stringify(cells)), INPUT, "2025-Q1").find(
        (x) => x.code === "REFERRALS",
      )?.value,
    ).toBe(10);
  });
});
