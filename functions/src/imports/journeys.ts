import { Journeys, LinkWorkers, Referrals, Resources, Rollups } from "@maillage/core";
import type { FieldIssue } from "@maillage/schema";
import {
  DATE_FIELDS,
  type JourneyRow,
  journeyColumns,
  journeyIssues,
  journeyOf,
  routeLookup,
} from "@maillage/sheets/entities";
import type { Core, FieldError, Validated } from "./engine";

/**
 * The journeys' import: what every row is checked against is read once per run (the pathway, the
 * enabled routes, the link workers and resources by reference, the codes already drawn, the journeys
 * by external reference); each row becomes a journey (`journeyOf`), is checked in full
 * (`Journeys.checkDraft`: schema, funnel, scores), and its issues are put back on its columns. A row
 * whose reference is a journey's updates that journey; a row without one gets a `PAR-00001` reference.
 */

type Summary = Journeys.Summary;
type Draft = Journeys.Draft;

/** Person attributes a file without their column keeps from the journey it updates. */
const PERSON_FIELDS = [
  "ageBand",
  "sex",
  "commune",
  "qpv",
  "precarity",
  "livesAlone",
  "chronicCondition",
  "psychiatricComorbidity",
  "distress",
  "targetGroups",
] as const;

/** Rules of the funnel's order: beside a date cell that did not convert (its step is missing), noise. */
const ORDER_MESSAGES = new Set([
  "journey.referral.required",
  "event.before_referral",
  "event.after_exit",
  "event.requires_first_contact",
  "event.requires_interview",
  "event.requires_plan",
  "exit.completed_requires_plan",
  "measure.before_referral",
  "measure.after_exit",
  "measure.follow_up_before_baseline",
]);

/** The funnel's order rules, and those of them that follow from an earlier one (a step left unseen). */
const FUNNEL_ORDER = new Set([
  "event.before_referral",
  "event.after_exit",
  "event.duplicate",
  "referral.duplicate",
  "event.requires_first_contact",
  "event.requires_interview",
  "event.requires_plan",
  "exit.completed_requires_plan",
]);
const CONSEQUENCES = new Set([
  "event.requires_first_contact",
  "event.requires_interview",
  "event.requires_plan",
  "exit.completed_requires_plan",
]);

/**
 * The funnel reads a row's steps in date order and leaves a misplaced step unseen, so every later step
 * that needs it is refused too: only the first of these is the row's error (fixing it clears the rest).
 */
function withoutConsequences(issues: readonly FieldError[]): FieldError[] {
  let ordered = false;
  return issues.filter((issue) => {
    if (ordered && CONSEQUENCES.has(issue.message)) return false;
    if (FUNNEL_ORDER.has(issue.message)) ordered = true;
    return true;
  });
}

/** Valid stand-ins for what the schema refused, so that the funnel and scores are checked too. */
const PERSON_STAND_INS: Record<string, unknown> = {
  ageBand: "25-34",
  sex: "unspecified",
  commune: null,
  qpv: "unknown",
  precarity: [],
  livesAlone: "unknown",
  chronicCondition: "unknown",
  psychiatricComorbidity: "unknown",
  distress: "unknown",
  targetGroups: [],
};
const EVENT_STAND_INS: Record<string, unknown> = {
  goals: [{ pillar: "social", label: "objectif" }],
  route: "-",
  reasons: ["other"],
  prescriber: "other",
  durationMinutes: 60,
  mode: "phone",
  note: "",
};

/**
 * The journey with a stand-in for each value the schema refused (undefined when one cannot be given):
 * `checkDraft` stops at schema issues, and a report lists every issue of a row at once.
 */
function withStandIns(journey: JourneyRow["journey"], issues: readonly FieldIssue[]) {
  const copy = structuredClone(journey);
  for (const issue of issues) {
    const [head, index, field] = issue.path.split(".");
    if (head === "person" && index && Object.hasOwn(PERSON_STAND_INS, index)) {
      copy.person[index] = structuredClone(PERSON_STAND_INS[index]);
    } else if (head === "externalReference") copy.externalReference = null;
    else if (head === "events" && index !== undefined && field && Object.hasOwn(EVENT_STAND_INS, field)) {
      const event = copy.events[Number(index)];
      if (!event) return undefined;
      event[field] = structuredClone(EVENT_STAND_INS[field]);
    } else return undefined;
  }
  return copy;
}

/** Every issue of one row's journey, on its columns (the schema's, then the funnel's and the scores'). */
function issuesOfRow(
  row: JourneyRow,
  ctx: Journeys.BatchContext,
  routes: ReturnType<typeof routeLookup>,
): { draft: Draft } | { issues: FieldError[] } {
  const issues: FieldError[] = row.issues.map((i) => ({ field: i.field, message: "", reason: i.reason }));
  const checked = Journeys.checkDraft(row.journey, ctx);
  if (checked.ok && issues.length === 0) return { draft: checked.value };
  if (!checked.ok) {
    const first = journeyIssues(row, checked.issues, routes);
    issues.push(...first);
    const standIn = withStandIns(row.journey, checked.issues);
    const again = standIn && Journeys.checkDraft(standIn, ctx);
    if (again && !again.ok) {
      const flagged = new Set(first.map((i) => i.field));
      const more = journeyIssues({ ...row, journey: standIn }, again.issues, routes).filter(
        (i) => !flagged.has(i.field),
      );
      issues.push(...more);
    }
  }
  return { issues };
}

/** The per-run core of the journeys' import (see engine.ts). */
export async function journeyCore(): Promise<Core<Summary>> {
  const [ctx, referrals, workers, resources, existing] = await Promise.all([
    Journeys.batchContext(),
    Referrals.get(),
    LinkWorkers.byReference(),
    Resources.byReference(),
    Journeys.byReference(),
  ]);
  const lookups = {
    linkWorkers: new Map([...workers].map(([reference, worker]) => [reference, worker.id])),
    resources: new Map([...resources].map(([reference, resource]) => [reference, resource.id])),
    routes: routeLookup(referrals.routes),
  };
  /** The rows of a matched journey, read and built once per run (by the check, reused by the plan). */
  const updates = new Map<string, Promise<Journeys.BatchRows>>();
  const { definitions } = await Rollups.guardOf(ctx.territoryId);
  const withRollup = async (rows: Promise<Journeys.BatchRows>) => {
    const built = await rows;
    return {
      ...built,
      rollup: {
        cells: Rollups.deltaOf(definitions, built.before, built.after),
        caseloads: [...Rollups.caseloadDeltaOf(built.before, built.after)],
      },
    };
  };
  return {
    columns: journeyColumns,
    existing,
    referenceOf: (journey) => journey.externalReference ?? "",
    validateRow(values, { absent, failed, match }): Validated {
      const filled: Record<string, unknown> = { ...values };
      if (match) {
        for (const field of PERSON_FIELDS) if (absent.includes(field)) filled[field] = match.person[field];
        if (absent.includes("track")) filled.track = match.track;
      }
      const row = journeyOf(filled, lookups, new Set(failed));
      const result = issuesOfRow(row, ctx, lookups.routes);
      if ("draft" in result)
        return { ok: true, value: { reference: row.journey.externalReference, draft: result.draft } };
      // A date cell that did not convert leaves its step out: the funnel's order says nothing then.
      const incomplete = failed.some((field) => DATE_FIELDS.has(field));
      return {
        ok: false,
        issues: withoutConsequences(
          incomplete ? result.issues.filter((i) => !ORDER_MESSAGES.has(i.message)) : result.issues,
        ),
      };
    },
    reserveReferences: (count) => Journeys.reserveReferences(count),
    batchRows(value, reference, match, now) {
      const draft = { ...(value.draft as Draft), externalReference: reference || null };
      if (!match) return withRollup(Journeys.batchRows(draft, undefined, ctx, now));
      let built = updates.get(match.id);
      if (!built) {
        built = Journeys.batchRows(draft, match, ctx, now);
        updates.set(match.id, built);
      }
      return withRollup(built);
    },
  };
}
