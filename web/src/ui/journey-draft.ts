import { type EventType, type FieldIssue, funnelIssues, OPEN_STATUSES } from "@maillage/schema";
import type { JourneyView } from "../data/journeys";

/**
 * The journey page's rules, pure: which event comes next, what the event form holds and sends, and
 * the funnel's issues of an event before it is sent (the API runs the same rules).
 */

type StoredEvent = JourneyView["events"][number];

/** Today in France (YYYY-MM-DD), the day the funnel's "not in the future" rule reads. */
export const todayInFrance = () =>
  new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

/** Completed, declined, lost to follow-up or redirected: only a reopening may follow. */
export const isClosed = (journey: Pick<JourneyView, "status">) => !OPEN_STATUSES.includes(journey.status);

/**
 * The events that make sense next, in funnel order: the next of first contact, interview and plan
 * (each happens once), then orientations, follow-ups and the evaluation once there is a plan; an exit
 * at any time; only a reopening once the journey has ended.
 */
export function nextEventTypes(journey: Pick<JourneyView, "status" | "events">): EventType[] {
  if (isClosed(journey)) return ["reopen"];
  const has = (type: EventType) => journey.events.some((event) => event.type === type);
  const next: EventType[] = [];
  if (!has("first_contact")) next.push("first_contact");
  else if (!has("initial_interview")) next.push("initial_interview");
  else if (!has("plan")) next.push("plan");
  else next.push("orientation", "follow_up", "evaluation");
  next.push("exit");
  return next;
}

/** The one most likely next: after a plan, an orientation, then a follow-up, an evaluation, the exit. */
export function suggestedEventType(journey: Pick<JourneyView, "status" | "events">): EventType {
  const next = nextEventTypes(journey);
  if (!next.includes("orientation")) return next[0] ?? "exit";
  const has = (type: EventType) => journey.events.some((event) => event.type === type);
  if (has("evaluation")) return "exit";
  if (has("follow_up")) return "evaluation";
  if (has("orientation")) return "follow_up";
  return "orientation";
}

/** What the event form holds, whatever the type (each type's input reads its own fields). */
export interface EventDraft {
  type: string;
  date: string;
  mode: string;
  durationMinutes: string;
  goals: { pillar: string; label: string }[];
  pillars: string[];
  resourceId: string;
  attendance: string;
  note: string;
  /** The exit's coded reason, or a reopening's short text. */
  reason: string;
  declineReason: string;
  redirectTarget: string;
  snomed: boolean;
}

export const eventDraftFor = (journey: Pick<JourneyView, "status" | "events">): EventDraft => ({
  type: suggestedEventType(journey),
  date: todayInFrance(),
  mode: "",
  durationMinutes: "",
  goals: [{ pillar: "", label: "" }],
  pillars: [],
  resourceId: "",
  attendance: "pending",
  note: "",
  reason: "",
  declineReason: "",
  redirectTarget: "",
  snomed: false,
});

const whole = (text: string) => {
  const cleaned = text.replace(/[\s\u202f]/g, "");
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
};

/** The draft as the event the API takes (the shared schema checks it). */
export function eventInput(draft: EventDraft): Record<string, unknown> {
  const base = { type: draft.type, date: draft.date };
  switch (draft.type) {
    case "first_contact":
      return { ...base, mode: draft.mode };
    case "initial_interview":
      return { ...base, mode: draft.mode, durationMinutes: whole(draft.durationMinutes) };
    case "plan":
      return {
        ...base,
        goals: draft.goals.map((goal) => ({ pillar: goal.pillar, label: goal.label.trim() })),
        pillars: draft.pillars,
      };
    case "orientation":
      return { ...base, resourceId: draft.resourceId, attendance: draft.attendance };
    case "follow_up":
      return { ...base, mode: draft.mode, note: draft.note.trim() };
    case "exit":
      return {
        ...base,
        reason: draft.reason,
        declineReason: draft.reason === "declined" ? draft.declineReason : null,
        redirectTarget: draft.reason === "redirected" ? draft.redirectTarget : null,
        snomed: draft.reason === "declined" && draft.snomed,
      };
    case "reopen":
      return { ...base, reason: draft.reason.trim() };
    default:
      return base;
  }
}

/**
 * The funnel's rules (the API runs the same) for one event added to, or replacing one of, the
 * journey's events: the issues of that event, on the form's own paths.
 */
export function candidateIssues(
  events: readonly StoredEvent[],
  candidate: { type: EventType; date: string },
  replacing?: number,
): FieldIssue[] {
  const list: { type: EventType; date: string }[] = [...events];
  const index = replacing ?? list.length;
  list[index] = candidate;
  const prefix = `events.${index}.`;
  return funnelIssues(list, todayInFrance()).flatMap((issue) =>
    issue.path.startsWith(prefix) ? [{ ...issue, path: issue.path.slice(prefix.length) }] : [],
  );
}
