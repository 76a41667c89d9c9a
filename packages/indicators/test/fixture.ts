import type { Denominators, Milestones } from "@maillage/schema";
import type { EngineInput, IndicatorJourney, OrientationRecord } from "../src/index";

type Person = IndicatorJourney["person"];

const NO_MILESTONES: Milestones = {
  referral: null,
  firstContact: null,
  initialInterview: null,
  plan: null,
  firstOrientation: null,
  firstActivity: null,
  firstFollowUp: null,
  evaluation: null,
  exit: null,
};

/** A journey with the given fields; everything else empty (referred, never contacted). */
export function journey(fields: {
  person?: Partial<Person>;
  milestones: Partial<Milestones> & { referral: string };
  rurality?: 1 | 2 | 3 | null;
  route?: string | null;
  track?: "standard" | "integrated";
  status?: IndicatorJourney["status"];
  exitReason?: IndicatorJourney["exitReason"];
  declineReason?: IndicatorJourney["declineReason"];
  outcomes?: IndicatorJourney["outcomes"];
}): IndicatorJourney {
  return {
    person: { sex: "female", ageBand: "45-54", qpv: "no", precarity: [], targetGroups: [], ...fields.person },
    rurality: fields.rurality === undefined ? 1 : fields.rurality,
    track: fields.track ?? "standard",
    status: fields.status ?? "referred",
    route: fields.route === undefined ? "gp" : fields.route,
    exitReason: fields.exitReason ?? null,
    declineReason: fields.declineReason ?? null,
    milestones: { ...NO_MILESTONES, ...fields.milestones },
    outcomes: fields.outcomes ?? {},
  };
}

/*
 * Ten journeys referred in 2025-Q1 (J1–J10), one referred on 2024-12-31 (J11) and one on 2025-04-01
 * (J12). Every expected figure in catalogue.test.ts is worked out by hand from this table.
 *
 *       sex  age    qpv  rur route                  referral   contact    interview  plan       activity   exit
 * J1    F    25-34  no   1   gp                     2025-01-01 2025-01-03 2025-01-10 2025-01-10 2025-01-20 completed 03-20
 * J2    M    65-74  no   3   gp                     2025-01-31 2025-02-04 —          —          —          declined  02-04
 * J3    F    45-54  yes  1   self_referral (prec.)  2025-02-10 2025-02-11 2025-02-18 2025-02-25 2025-03-05 (active)
 * J4    M    25-34  yes  1   community_org. (prec.) 2025-03-31 2025-04-02 —          —          —          (contacted)
 * J5    F    75-84  no   2   hp:nurse               2025-02-28 —          —          —          —          declined  03-03
 * J6    F    55-64  ?    —   gp                     2025-03-15 2025-03-25 2025-03-28 2025-04-05 —          lost      05-10
 * J7    U    18-24  no   3   social_worker          2025-01-15 2025-01-29 2025-02-05 2025-02-05 2025-02-20 completed 03-31
 * J8    M    45-54  no   1   hospital               2025-02-14 2025-02-14 —          —          —          redirected 02-20
 * J9    F    65-74  no   1   gp                     2025-03-01 2025-03-08 2025-03-10 —          —          declined  03-10
 * J10   F    35-44  yes  2   (none)                 2025-01-20 2025-01-27 —          —          —          (contacted)
 * J11   M    35-44  no   1   gp                     2024-12-31 2025-01-02 —          —          —          (contacted)
 * J12   F    45-54  no   1   gp                     2025-04-01 —          —          —          —          (referred)
 *
 * Outcomes (baseline → follow-up): J1 WEMWBS 40→46, SWEMWBS 19.25→21.54, UCLA3 7→5, LONELY_OFTEN 1→0,
 * ONS4_LIFE_SATISFACTION 4→7; J3 WEMWBS 35→—, LONELY_OFTEN 1→—; J6 WEMWBS 30→33, SWEMWBS 18.59→19.98,
 * ONS4_LIFE_SATISFACTION 5→5; J7 WEMWBS 50→48, SWEMWBS 23.21→22.35, UCLA3 4→4, LONELY_OFTEN 0→0.
 */
export const J = {
  J1: journey({
    person: { sex: "female", ageBand: "25-34", qpv: "no" },
    rurality: 1,
    route: "gp",
    status: "completed",
    exitReason: "completed",
    milestones: {
      referral: "2025-01-01",
      firstContact: "2025-01-03",
      initialInterview: "2025-01-10",
      plan: "2025-01-10",
      firstOrientation: "2025-01-15",
      firstActivity: "2025-01-20",
      exit: "2025-03-20",
    },
    outcomes: {
      WEMWBS: { baseline: 40, followUp: 46 },
      SWEMWBS: { baseline: 19.25, followUp: 21.54 },
      UCLA3: { baseline: 7, followUp: 5 },
      LONELY_OFTEN: { baseline: 1, followUp: 0 },
      ONS4_LIFE_SATISFACTION: { baseline: 4, followUp: 7 },
    },
  }),
  J2: journey({
    person: { sex: "male", ageBand: "65-74", qpv: "no" },
    rurality: 3,
    route: "gp",
    status: "declined",
    exitReason: "declined",
    declineReason: "not_interested",
    milestones: { referral: "2025-01-31", firstContact: "2025-02-04", exit: "2025-02-04" },
  }),
  J3: journey({
    person: { sex: "female", ageBand: "45-54", qpv: "yes", precarity: ["complementary_solidarity_cover"] },
    rurality: 1,
    route: "self_referral",
    track: "integrated",
    status: "active",
    milestones: {
      referral: "2025-02-10",
      firstContact: "2025-02-11",
      initialInterview: "2025-02-18",
      plan: "2025-02-25",
      firstOrientation: "2025-03-01",
      firstActivity: "2025-03-05",
    },
    outcomes: { WEMWBS: { baseline: 35, followUp: null }, LONELY_OFTEN: { baseline: 1, followUp: null } },
  }),
  J4: journey({
    person: { sex: "male", ageBand: "25-34", qpv: "yes", precarity: ["unemployed"] },
    rurality: 1,
    route: "community_organisation",
    status: "contacted",
    milestones: { referral: "2025-03-31", firstContact: "2025-04-02" },
  }),
  J5: journey({
    person: { sex: "female", ageBand: "75-84", qpv: "no" },
    rurality: 2,
    route: "health_professional:nurse",
    status: "declined",
    exitReason: "declined",
    declineReason: "health_worsened",
    milestones: { referral: "2025-02-28", exit: "2025-03-03" },
  }),
  J6: journey({
    person: { sex: "female", ageBand: "55-64", qpv: "unknown" },
    rurality: null,
    route: "gp",
    status: "lost_to_follow_up",
    exitReason: "lost_to_follow_up",
    milestones: {
      referral: "2025-03-15",
      firstContact: "2025-03-25",
      initialInterview: "2025-03-28",
      plan: "2025-04-05",
      exit: "2025-05-10",
    },
    outcomes: {
      WEMWBS: { baseline: 30, followUp: 33 },
      SWEMWBS: { baseline: 18.59, followUp: 19.98 },
      ONS4_LIFE_SATISFACTION: { baseline: 5, followUp: 5 },
    },
  }),
  J7: journey({
    person: { sex: "unspecified", ageBand: "18-24", qpv: "no" },
    rurality: 3,
    route: "social_worker",
    status: "completed",
    exitReason: "completed",
    milestones: {
      referral: "2025-01-15",
      firstContact: "2025-01-29",
      initialInterview: "2025-02-05",
      plan: "2025-02-05",
      firstOrientation: "2025-02-10",
      firstActivity: "2025-02-20",
      exit: "2025-03-31",
    },
    outcomes: {
      WEMWBS: { baseline: 50, followUp: 48 },
      SWEMWBS: { baseline: 23.21, followUp: 22.35 },
      UCLA3: { baseline: 4, followUp: 4 },
      LONELY_OFTEN: { baseline: 0, followUp: 0 },
    },
  }),
  J8: journey({
    person: { sex: "male", ageBand: "45-54", qpv: "no" },
    rurality: 1,
    route: "hospital",
    status: "redirected",
    exitReason: "redirected",
    milestones: { referral: "2025-02-14", firstContact: "2025-02-14", exit: "2025-02-20" },
  }),
  J9: journey({
    person: { sex: "female", ageBand: "65-74", qpv: "no" },
    rurality: 1,
    route: "gp",
    status: "declined",
    exitReason: "declined",
    declineReason: "no_time",
    milestones: {
      referral: "2025-03-01",
      firstContact: "2025-03-08",
      initialInterview: "2025-03-10",
      exit: "2025-03-10",
    },
  }),
  J10: journey({
    person: { sex: "female", ageBand: "35-44", qpv: "yes" },
    rurality: 2,
    route: null,
    status: "contacted",
    milestones: { referral: "2025-01-20", firstContact: "2025-01-27" },
  }),
  J11: journey({
    person: { sex: "male", ageBand: "35-44", qpv: "no" },
    status: "contacted",
    milestones: { referral: "2024-12-31", firstContact: "2025-01-02" },
  }),
  J12: journey({
    person: { sex: "female", ageBand: "45-54", qpv: "no" },
    milestones: { referral: "2025-04-01" },
  }),
};

export const JOURNEYS: IndicatorJourney[] = Object.values(J);

/*
 * Population 20,000: female 10,400, male 9,600 (by age band below), QPV 2,500; communes by rurality:
 * dense 12,000, intermediate 5,000, rural 3,000.
 */
const FEMALE = [2000, 800, 1200, 1300, 1400, 1300, 1200, 800, 400];
const MALE = [2100, 900, 1200, 1300, 1300, 1100, 1000, 500, 200];
const BANDS = ["0-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65-74", "75-84", "85+"] as const;

export const DENOMINATORS: Pick<Denominators, "population" | "qpvPopulation" | "communes"> = {
  population: [
    ...BANDS.map((ageBand, i) => ({ sex: "female" as const, ageBand, count: FEMALE[i] as number })),
    ...BANDS.map((ageBand, i) => ({ sex: "male" as const, ageBand, count: MALE[i] as number })),
  ],
  qpvPopulation: 2500,
  communes: [
    { code: "01001", name: "Dense", rurality: 1, population: 12_000 },
    { code: "01002", name: "Intermédiaire", rurality: 2, population: 5_000 },
    { code: "01003", name: "Rurale", rurality: 3, population: 3_000 },
  ],
};

/** Q1: 5 orientations (one pending); one before and one after the quarter. */
export const ORIENTATIONS: OrientationRecord[] = [
  { date: "2025-01-15", pillar: "social", attended: true },
  { date: "2025-02-10", pillar: "health", attended: true },
  { date: "2025-02-20", pillar: "social", attended: true },
  { date: "2025-03-01", pillar: "rights", attended: false },
  { date: "2025-03-31", pillar: "volunteering", attended: null },
  { date: "2024-12-31", pillar: "social", attended: true },
  { date: "2025-04-01", pillar: "health", attended: true },
];

export const INPUT: EngineInput = {
  journeys: JOURNEYS,
  orientations: ORIENTATIONS,
  denominators: DENOMINATORS,
  linkWorkers: [
    { fte: 1, caseloadCapacity: 40, openCaseload: 30 },
    { fte: 0.5, caseloadCapacity: 20, openCaseload: 25 },
    { fte: 0.8, caseloadCapacity: null, openCaseload: 10 },
  ],
  entries: [
    {
      code: "GP_CONSULTATIONS_CHANGE",
      period: "2025-Q1",
      value: -25,
      provenance: {
        source: "CPAM de la Gironde, extraction SNDS",
        enteredBy: "usr_lead",
        enteredAt: "2025-04-15",
      },
    },
  ],
  parameters: { referralToFirstContactDays: 7, referralToFirstActivityDays: 51 },
};
