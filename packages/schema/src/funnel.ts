import type { FieldIssue } from "./errors";
import type { EventType, JourneyStatus, MeasureInput, Milestones, StepDelay } from "./journeys";
import { type MessageId, message } from "./messages";
import { DEFAULT_STEP_IDS, type Pathway } from "./pathway";

/**
 * The funnel as a state machine (DESIGN.md §3), pure so that the API, the import and the console
 * apply the same rules:
 * - exactly one referral, and nothing dated before it; no date after today (Europe/Paris);
 * - each stage needs the one before it: an initial interview needs a first contact, a plan needs an
 *   interview, orientations, follow-ups and the evaluation need a plan; first contact, interview and
 *   plan happen once (a plan is revised by editing it);
 * - an exit ends the journey: nothing but a reopening may follow it; a reopening follows an exit;
 * - a completed exit needs a plan; a decline names its reason, a redirect its target (and only they do).
 * Events are read in date order; on one day, in funnel order (a contact before the interview it leads to).
 */

const ORDER: Record<EventType, number> = {
  referral: 0,
  first_contact: 1,
  initial_interview: 2,
  plan: 3,
  orientation: 4,
  follow_up: 5,
  evaluation: 6,
  exit: 7,
  reopen: 8,
};

type Dated = { type: EventType; date: string };

/** Indexes of `events` in chronological order (date, then funnel order, then given order). */
export function chronological<E extends Dated>(events: readonly E[]): number[] {
  return events
    .map((_, index) => index)
    .sort((a, b) => {
      const x = events[a] as E;
      const y = events[b] as E;
      if (x.date !== y.date) return x.date < y.date ? -1 : 1;
      if (ORDER[x.type] !== ORDER[y.type]) return ORDER[x.type] - ORDER[y.type];
      return a - b;
    });
}

export function sortEvents<E extends Dated>(events: readonly E[]): E[] {
  return chronological(events).map((index) => events[index] as E);
}

const ONCE: readonly EventType[] = ["referral", "first_contact", "initial_interview", "plan"];
const NEEDS: Partial<Record<EventType, { type: EventType; id: MessageId }>> = {
  initial_interview: { type: "first_contact", id: "event.requires_first_contact" },
  plan: { type: "initial_interview", id: "event.requires_interview" },
  orientation: { type: "plan", id: "event.requires_plan" },
  follow_up: { type: "plan", id: "event.requires_plan" },
  evaluation: { type: "plan", id: "event.requires_plan" },
};

type EventLike = Dated & {
  reason?: string;
  declineReason?: string | null;
  redirectTarget?: string | null;
};

/**
 * Every rule the events break, with the path of the event (its index in the given list) and field.
 * `today` is the current day in France (YYYY-MM-DD).
 */
export function funnelIssues(events: readonly EventLike[], today: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const at = (index: number, field: string, id: MessageId) =>
    issues.push({ path: `events.${index}.${field}`, message: message(id) });
  events.forEach((event, index) => {
    if (event.date > today) at(index, "date", "event.date.future");
    if (event.type === "exit") {
      if (event.reason === "declined" && !event.declineReason)
        at(index, "declineReason", "exit.decline_reason.required");
      if (event.reason !== "declined" && event.declineReason)
        at(index, "declineReason", "exit.decline_reason.not_applicable");
      if (event.reason === "redirected" && !event.redirectTarget)
        at(index, "redirectTarget", "exit.redirect_target.required");
      if (event.reason !== "redirected" && event.redirectTarget)
        at(index, "redirectTarget", "exit.redirect_target.not_applicable");
    }
  });
  const referrals = events.filter((e) => e.type === "referral");
  if (referrals.length === 0) {
    issues.push({ path: "events", message: message("journey.referral.required") });
    return issues;
  }
  const seen = new Set<EventType>();
  let exited = false;
  for (const index of chronological(events)) {
    const event = events[index] as EventLike;
    if (!seen.has("referral") && event.type !== "referral") {
      at(index, "date", "event.before_referral");
      continue;
    }
    if (exited && event.type !== "reopen") {
      at(index, "date", "event.after_exit");
      continue;
    }
    if (ONCE.includes(event.type) && seen.has(event.type)) {
      at(index, "type", event.type === "referral" ? "referral.duplicate" : "event.duplicate");
      continue;
    }
    const need = NEEDS[event.type];
    if (need && !seen.has(need.type)) {
      at(index, "type", need.id);
      continue;
    }
    if (event.type === "exit" && event.reason === "completed" && !seen.has("plan")) {
      at(index, "reason", "exit.completed_requires_plan");
      continue;
    }
    if (event.type === "reopen" && !exited) {
      at(index, "type", "reopen.without_exit");
      continue;
    }
    if (event.type === "exit") exited = true;
    if (event.type === "reopen") exited = false;
    seen.add(event.type);
  }
  return issues;
}

type MeasureLike = Pick<MeasureInput, "instrument" | "timepoint" | "date">;

/**
 * Rules of the measures against the (valid) events: dated within the journey (not before the
 * referral, not after an exit that was not reopened, not in the future), one baseline per
 * instrument, follow-ups on or after their baseline.
 */
export function measureIssues(
  measures: readonly MeasureLike[],
  events: readonly Dated[],
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const ordered = sortEvents(events);
  const referral = ordered.find((e) => e.type === "referral")?.date;
  const last = ordered.at(-1);
  const closedOn = last?.type === "exit" ? last.date : null;
  const baselines = new Map<string, string>();
  measures.forEach((measure, index) => {
    if (measure.timepoint !== "baseline") return;
    if (baselines.has(measure.instrument)) {
      issues.push({ path: `measures.${index}.timepoint`, message: message("measure.baseline.duplicate") });
    } else baselines.set(measure.instrument, measure.date);
  });
  measures.forEach((measure, index) => {
    const path = `measures.${index}.date`;
    if (measure.date > today) issues.push({ path, message: message("event.date.future") });
    else if (referral && measure.date < referral)
      issues.push({ path, message: message("measure.before_referral") });
    else if (closedOn && measure.date > closedOn)
      issues.push({ path, message: message("measure.after_exit") });
    const baseline = baselines.get(measure.instrument);
    if (measure.timepoint === "follow_up" && baseline && measure.date < baseline) {
      issues.push({ path, message: message("measure.follow_up_before_baseline") });
    }
  });
  return issues;
}

type OrientationLike = Dated & { attendance?: string };

/** Where the journey stands: its exit if the last exit was not reopened, else the furthest stage reached. */
export function statusOf(events: readonly (EventLike & OrientationLike)[]): JourneyStatus {
  const ordered = sortEvents(events);
  const last = [...ordered].reverse().find((e) => e.type === "exit" || e.type === "reopen");
  if (last?.type === "exit") {
    return last.reason === "completed"
      ? "completed"
      : last.reason === "declined"
        ? "declined"
        : last.reason === "redirected"
          ? "redirected"
          : "lost_to_follow_up";
  }
  const has = (type: EventType) => ordered.some((e) => e.type === type);
  if (ordered.some((e) => e.type === "orientation" && e.attendance === "attended")) return "active";
  if (has("plan")) return "planned";
  if (has("initial_interview")) return "interviewed";
  if (has("first_contact")) return "contacted";
  return "referred";
}

/** The funnel's dates: the first of each stage; the exit only while the journey is closed. */
export function milestonesOf(events: readonly (EventLike & OrientationLike)[]): Milestones {
  const ordered = sortEvents(events);
  const first = (predicate: (e: EventLike & OrientationLike) => boolean) =>
    ordered.find(predicate)?.date ?? null;
  const last = ordered.at(-1);
  return {
    referral: first((e) => e.type === "referral"),
    firstContact: first((e) => e.type === "first_contact"),
    initialInterview: first((e) => e.type === "initial_interview"),
    plan: first((e) => e.type === "plan"),
    firstOrientation: first((e) => e.type === "orientation"),
    firstActivity: first((e) => e.type === "orientation" && e.attendance === "attended"),
    firstFollowUp: first((e) => e.type === "follow_up"),
    evaluation: first((e) => e.type === "evaluation"),
    exit: last?.type === "exit" ? last.date : null,
  };
}

/**
 * Which milestone realises each of the six national steps (their ids are fixed): a step the
 * territory added has no funnel event of its own, so no delay is computed for it.
 */
const [IDENTIFY, ORIENT, CO_BUILD, SUPPORT, FOLLOW, EVALUATE] = DEFAULT_STEP_IDS;
export const STEP_MILESTONES: Record<string, { stage: EventType; milestone: keyof Milestones }> = {
  [IDENTIFY]: { stage: "referral", milestone: "referral" },
  [ORIENT]: { stage: "first_contact", milestone: "firstContact" },
  [CO_BUILD]: { stage: "initial_interview", milestone: "initialInterview" },
  [SUPPORT]: { stage: "orientation", milestone: "firstActivity" },
  [FOLLOW]: { stage: "follow_up", milestone: "firstFollowUp" },
  [EVALUATE]: { stage: "evaluation", milestone: "evaluation" },
};

/** Whole days from one ISO date to another (calendar days; no time zone involved). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * Delay of each active national step against its target (the integrated track's override when the
 * journey follows it): days from the previous dated step's milestone. A step not reached has no delay.
 */
export function delaysOf(
  milestones: Milestones,
  pathway: Pick<Pathway, "steps" | "integratedTrack">,
  track: "standard" | "integrated",
): StepDelay[] {
  const delays: StepDelay[] = [];
  let previous: string | null = null;
  for (const step of pathway.steps) {
    const mapped = STEP_MILESTONES[step.id];
    if (step.retired || !mapped) continue;
    const date = milestones[mapped.milestone];
    const override =
      track === "integrated"
        ? pathway.integratedTrack?.overrides.find((o) => o.stepId === step.id)
        : undefined;
    const targetDays = override?.targetDelayDays ?? step.targetDelayDays;
    const days = date && previous ? daysBetween(previous, date) : null;
    delays.push({
      stepId: step.id,
      stage: mapped.stage,
      days,
      targetDays: mapped.stage === "referral" ? null : targetDays,
      late: days === null || targetDays === null || mapped.stage === "referral" ? null : days > targetDays,
    });
    if (date) previous = date;
  }
  return delays;
}
