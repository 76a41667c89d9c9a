import { describe, expect, test } from "vitest";
import type { JourneyView } from "../data/journeys";
import { setLocale, t } from "../i18n";
import {
  candidateIssues,
  eventDraftFor,
  eventInput,
  nextEventTypes,
  suggestedEventType,
  todayInFrance,
} from "./journey-draft";

type Events = JourneyView["events"];
type Status = JourneyView["status"];

const day = (n: number) => `2026-01-${String(n).padStart(2, "0")}`;
const referral = {
  id: "evt_1",
  type: "referral",
  date: day(1),
  route: "gp",
  prescriber: "gp",
  reasons: ["sleep"],
  snomed: false,
};
const journey = (status: Status, types: string[]) => ({
  status,
  events: [referral, ...types.map((type, i) => ({ id: `evt_${i + 2}`, type, date: day(i + 2) }))] as Events,
});

describe("the next event of a journey", () => {
  test("follows the funnel: contact, interview, plan, then orientations, follow-ups, evaluation, exit", () => {
    expect(nextEventTypes(journey("referred", []))).toEqual(["first_contact", "exit"]);
    expect(nextEventTypes(journey("contacted", ["first_contact"]))).toEqual(["initial_interview", "exit"]);
    expect(nextEventTypes(journey("interviewed", ["first_contact", "initial_interview"]))).toEqual([
      "plan",
      "exit",
    ]);
    const planned = journey("planned", ["first_contact", "initial_interview", "plan"]);
    expect(nextEventTypes(planned)).toEqual(["orientation", "follow_up", "evaluation", "exit"]);
    expect(suggestedEventType(planned)).toBe("orientation");
    const followed = journey("active", [
      "first_contact",
      "initial_interview",
      "plan",
      "orientation",
      "follow_up",
    ]);
    expect(suggestedEventType(followed)).toBe("evaluation");
    expect(
      suggestedEventType(journey("active", [...followed.events.slice(1).map((e) => e.type), "evaluation"])),
    ).toBe("exit");
  });

  test("an ended journey can only be reopened", () => {
    for (const status of ["completed", "declined", "lost_to_follow_up", "redirected"] as const) {
      expect(nextEventTypes(journey(status, ["exit"]))).toEqual(["reopen"]);
    }
    expect(eventDraftFor(journey("declined", ["exit"])).type).toBe("reopen");
  });
});

describe("the event form's draft", () => {
  const draft = { ...eventDraftFor(journey("referred", [])), date: day(3) };

  test("sends only what its type has", () => {
    expect(
      eventInput({ ...draft, type: "initial_interview", mode: "phone", durationMinutes: " 60 " }),
    ).toEqual({
      type: "initial_interview",
      date: day(3),
      mode: "phone",
      durationMinutes: 60,
    });
    expect(
      eventInput({ ...draft, type: "initial_interview", mode: "phone", durationMinutes: "1 h" }),
    ).toMatchObject({ durationMinutes: Number.NaN });
    expect(
      eventInput({
        ...draft,
        type: "plan",
        goals: [{ pillar: "social", label: "  Chorale " }],
        pillars: ["social"],
      }),
    ).toEqual({
      type: "plan",
      date: day(3),
      goals: [{ pillar: "social", label: "Chorale" }],
      pillars: ["social"],
    });
  });

  test("an exit keeps the decline reason, its SNOMED CT code and the redirect target only where they apply", () => {
    const exit = { ...draft, type: "exit", declineReason: "no_time", redirectTarget: "gp", snomed: true };
    expect(eventInput({ ...exit, reason: "declined" })).toEqual({
      type: "exit",
      date: day(3),
      reason: "declined",
      declineReason: "no_time",
      redirectTarget: null,
      snomed: true,
    });
    expect(eventInput({ ...exit, reason: "redirected" })).toMatchObject({
      declineReason: null,
      redirectTarget: "gp",
      snomed: false,
    });
    expect(eventInput({ ...exit, reason: "completed" })).toMatchObject({
      declineReason: null,
      redirectTarget: null,
    });
  });
});

describe("the funnel's rules, before anything is sent", () => {
  const events = journey("contacted", ["first_contact"]).events;

  test("are reported on the form's own paths", () => {
    expect(candidateIssues(events, { type: "plan", date: day(5) })).toEqual([
      { path: "type", message: "event.requires_interview" },
    ]);
    expect(candidateIssues(events, { type: "initial_interview", date: "2999-01-01" })).toEqual([
      { path: "date", message: "event.date.future" },
    ]);
    expect(candidateIssues(events, { type: "initial_interview", date: todayInFrance() })).toEqual([]);
  });

  test("an edited event replaces its own place", () => {
    expect(candidateIssues(events, { type: "first_contact", date: day(4) }, 1)).toEqual([]);
    expect(candidateIssues(events, { type: "first_contact", date: day(4) })).toEqual([
      { path: "type", message: "event.duplicate" },
    ]);
  });
});

describe("the journey page's texts", () => {
  test("French counts points and days as it writes them", () => {
    setLocale("fr");
    const j = t().journeys;
    expect(j.measures.points("+1,5")).toBe("+1,5 point");
    expect(j.measures.points("−1")).toBe("−1 point");
    expect(j.measures.points("+4,86")).toBe("+4,86 points");
    expect(j.daysAgainst("4", "7")).toBe("4 j (cible 7 j)");
    setLocale("en");
    expect(t().journeys.daysAgainst("1", "7")).toBe("1 day (target 7 days)");
    setLocale("fr");
  });
});
