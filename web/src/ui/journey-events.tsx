import {
  attendances,
  contactModes,
  declineReasons,
  type EventType,
  exitReasons,
  JourneyEvent,
  pillars,
  type ReferralRoute,
  type Resource,
  redirectTargets,
  SNOMED_DECLINED,
  SNOMED_REFERRED,
} from "@maillage/schema";
import { useQueryClient } from "@tanstack/solid-query";
import { type Accessor, createEffect, createSignal, For, type JSX, on, Show, untrack } from "solid-js";
import type { ApiError } from "../api";
import { createAddEvent, createUpdateEvent, type JourneyView, journeyQuery } from "../data/journeys";
import { formatDate, formatNumber, label, t } from "../i18n";
import { createForm, type FormState, FormView, StatusMessage, SubmitButton } from "./form";
import {
  candidateIssues,
  type EventDraft,
  eventDraftFor,
  eventInput,
  nextEventTypes,
  suggestedEventType,
} from "./journey-draft";
import { CodesField, FlagField, InputField, SelectField, withoutPrefix } from "./journey-fields";
import { options } from "./link-worker-draft";
import { routeName } from "./pathway";

type StoredEvent = JourneyView["events"][number];

/** « Maison sport-santé — Marche nordique », or the structure alone. */
export const resourceName = (resource: Pick<Resource, "structureName" | "serviceName">) =>
  resource.serviceName ? `${resource.structureName} — ${resource.serviceName}` : resource.structureName;

/** A referral route's name from its key ("gp", "health_professional:nurse"), as the settings name it. */
export function routeLabel(key: string, routes: readonly ReferralRoute[] | undefined): string {
  const [kind = "", professionalType = null] = key.split(":");
  const route = routes?.find((r) => r.kind === kind && r.professionalType === professionalType);
  return routeName(
    route ?? { kind: kind as ReferralRoute["kind"], professionalType: professionalType as never, label: "" },
  );
}

/**
 * A version conflict on a journey's form: the current journey (in the 409) replaces the cached one,
 * so that the page shows it and the next send carries its version; the notice says so.
 */
export function createConflictReload(territoryId: () => string, conflict: Accessor<ApiError | undefined>) {
  const queryClient = useQueryClient();
  createEffect(
    on(conflict, (error) => {
      const current = error?.current as JourneyView | undefined;
      if (!current || typeof current !== "object" || !("version" in current)) return;
      queryClient.setQueryData(journeyQuery(territoryId(), current.id).queryKey, current);
    }),
  );
}

export function ConflictNotice(props: { form: FormState; id: string }) {
  const version = () => (props.form.conflict()?.current as { version?: number } | undefined)?.version;
  return (
    <Show when={props.form.conflict()}>
      <div
        class="alert alert--warning"
        role="alert"
        tabindex="-1"
        aria-labelledby={`${props.id}-title`}
        ref={(element) => queueMicrotask(() => element.focus())}
      >
        <h3 id={`${props.id}-title`}>{t().journeys.conflictTitle}</h3>
        <p>{t().journeys.conflict(version())}</p>
      </div>
    </Show>
  );
}

function eventLabels(type: string): Record<string, string> {
  const j = t().journeys;
  return {
    type: j.eventType,
    date: j.eventDate,
    mode: j.mode,
    durationMinutes: j.durationMinutes,
    goals: j.goals,
    pillars: j.pillars,
    resourceId: j.resource,
    attendance: j.attendance,
    note: j.note,
    reason: type === "reopen" ? j.reopenReason : j.exitReason,
    declineReason: j.declineReason,
    redirectTarget: j.redirectTarget,
  };
}

/** Where a goal's issue lands ("goals.2.label": the third goal's label). */
function locateGoal(prefix: string, path: string) {
  const match = /^goals\.(\d+)\.(pillar|label)$/.exec(path);
  if (!match) return undefined;
  const index = Number(match[1]);
  const j = t().journeys;
  return {
    id: `${prefix}-goals-${index}-${match[2]}`,
    label: match[2] === "pillar" ? j.goalPillar(index + 1) : j.goalLabel(index + 1),
  };
}

// --- Adding the next event ----------------------------------------------------------------------------

export function EventForm(props: {
  territoryId: string;
  journey: JourneyView;
  resources: readonly Resource[];
}) {
  const j = () => t().journeys;
  const add = createAddEvent(
    () => props.territoryId,
    () => props.journey.id,
  );
  const [saved, setSaved] = createSignal("");
  // What was sent: by the time it is saved, the type select already offers the next step.
  let added = "";
  const form = createForm({
    id: "event",
    schema: JourneyEvent,
    initial: () => eventDraftFor(untrack(() => props.journey)),
    labels: (): Record<string, string> => eventLabels(form.draft.type),
    input: eventInput,
    locate: (path) => locateGoal("event", path),
    check: (event) => candidateIssues(props.journey.events, event),
    conflict: "journey.version_conflict",
    send: async (event) => {
      setSaved("");
      added = event.type;
      try {
        return await add.mutateAsync({ event, version: props.journey.version });
      } catch (error) {
        throw withoutPrefix(error, "event");
      }
    },
    done: (journey, form) => {
      form.reset(eventDraftFor(journey));
      setSaved(j().eventSaved(label("eventTypes", added), journey.version));
    },
  });
  createConflictReload(() => props.territoryId, form.conflict);

  const types = () => nextEventTypes(props.journey);
  // The journey moved on (a conflict reloaded it, another form added an event): offer what fits now.
  createEffect(
    on(
      () => types().join(","),
      () => {
        if (!types().includes(form.draft.type as EventType))
          form.set("type", suggestedEventType(props.journey));
      },
      { defer: true },
    ),
  );
  const hasPlan = () => props.journey.events.some((event) => event.type === "plan");
  const exitOptions = () =>
    options(
      "exitReasons",
      exitReasons.filter((reason) => reason !== "completed" || hasPlan()),
    );
  const set = <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => form.set(key, value as never);
  const text = (key: keyof EventDraft) => ({
    id: form.id(key),
    value: String(form.draft[key] ?? ""),
    errors: form.errors(key),
    onInput: (value: string) => set(key, value as never),
  });
  const select = (key: keyof EventDraft) => ({
    id: form.id(key),
    value: String(form.draft[key] ?? ""),
    errors: form.errors(key),
    onChange: (value: string) => set(key, value as never),
  });
  const modeField = () => (
    <SelectField {...select("mode")} label={j().mode} options={options("contactModes", contactModes)} />
  );

  return (
    <FormView form={form}>
      <ConflictNotice form={form} id="event-conflict" />
      <div class="field-row">
        <SelectField
          {...select("type")}
          label={j().eventType}
          hint={j().eventTypeHint}
          options={options("eventTypes", types())}
        />
        <InputField {...text("date")} label={j().eventDate} type="date" short />
      </div>
      <Show when={form.draft.type === "first_contact"}>{modeField()}</Show>
      <Show when={form.draft.type === "initial_interview"}>
        <div class="field-row">
          {modeField()}
          <InputField
            {...text("durationMinutes")}
            label={j().durationMinutes}
            hint={j().durationHint}
            inputmode="numeric"
            short
          />
        </div>
      </Show>
      <Show when={form.draft.type === "plan"}>
        <PlanFields form={form} set={set} />
      </Show>
      <Show when={form.draft.type === "orientation"}>
        <div class="field-row">
          <SelectField
            {...select("resourceId")}
            label={j().resource}
            hint={props.resources.length === 0 ? j().noResources : undefined}
            options={props.resources.map((resource) => ({
              value: resource.id,
              label: `${resourceName(resource)} (${label("pillars", resource.pillar)})`,
            }))}
          />
          <SelectField
            {...select("attendance")}
            label={j().attendance}
            options={options("attendances", attendances)}
          />
        </div>
      </Show>
      <Show when={form.draft.type === "follow_up"}>
        {modeField()}
        <InputField {...text("note")} label={j().note} hint={j().noteHint} optional />
      </Show>
      <Show when={form.draft.type === "exit"}>
        <SelectField {...select("reason")} label={j().exitReason} options={exitOptions()} />
        <Show when={form.draft.reason === "declined"}>
          <SelectField
            {...select("declineReason")}
            label={j().declineReason}
            options={options("declineReasons", declineReasons)}
          />
          <FlagField
            id={form.id("snomed")}
            label={j().snomedDeclined(SNOMED_DECLINED)}
            hint={j().snomedHint}
            checked={form.draft.snomed}
            onChange={(checked) => set("snomed", checked)}
          />
        </Show>
        <Show when={form.draft.reason === "redirected"}>
          <SelectField
            {...select("redirectTarget")}
            label={j().redirectTarget}
            options={options("redirectTargets", redirectTargets)}
          />
        </Show>
      </Show>
      <Show when={form.draft.type === "reopen"}>
        <InputField {...text("reason")} label={j().reopenReason} hint={j().reopenHint} />
      </Show>
      <SubmitButton form={form} label={j().addEvent(label("eventTypes", form.draft.type))} />
      <StatusMessage>{saved()}</StatusMessage>
    </FormView>
  );
}

function PlanFields(props: {
  form: FormState & { draft: EventDraft; id: (field: keyof EventDraft & string) => string };
  set: <K extends keyof EventDraft>(key: K, value: EventDraft[K]) => void;
}) {
  const j = () => t().journeys;
  const goals = () => props.form.draft.goals;
  const setGoal = (index: number, key: "pillar" | "label", value: string) => {
    props.set(
      "goals",
      goals().map((goal, i) => (i === index ? { ...goal, [key]: value } : goal)),
    );
    // A goal's pillar is one of the plan's: checked for the person, who may uncheck it.
    if (key === "pillar" && value && !props.form.draft.pillars.includes(value)) {
      props.set(
        "pillars",
        pillars.filter((p) => p === value || props.form.draft.pillars.includes(p)),
      );
    }
  };
  const addGoal = () => {
    props.set("goals", [...goals(), { pillar: "", label: "" }]);
    const index = goals().length - 1;
    queueMicrotask(() => document.getElementById(`event-goals-${index}-pillar`)?.focus());
  };
  const removeGoal = (index: number) => {
    props.set(
      "goals",
      goals().filter((_, i) => i !== index),
    );
    queueMicrotask(() => document.getElementById("event-goals")?.focus());
  };
  return (
    <>
      <fieldset
        class="fieldset"
        classList={{ "field--invalid": (props.form.errorsAt("goals")?.length ?? 0) > 0 }}
      >
        <legend>{j().goals}</legend>
        <p class="hint">{j().goalsHint}</p>
        <Show when={props.form.errorsAt("goals")}>
          {(errors) => (
            <ul class="field-errors">
              <For each={errors()}>{(error) => <li>{error}</li>}</For>
            </ul>
          )}
        </Show>
        <For each={goals()}>
          {(goal, index) => (
            <div class="field-row field-row--top">
              <SelectField
                id={`event-goals-${index()}-pillar`}
                label={j().goalPillar(index() + 1)}
                value={goal.pillar}
                options={options("pillars", pillars)}
                onChange={(value) => setGoal(index(), "pillar", value)}
                errors={props.form.errorsAt(`goals.${index()}.pillar`)}
              />
              <InputField
                id={`event-goals-${index()}-label`}
                label={j().goalLabel(index() + 1)}
                value={goal.label}
                onInput={(value) => setGoal(index(), "label", value)}
                errors={props.form.errorsAt(`goals.${index()}.label`)}
              />
              <Show when={goals().length > 1}>
                <p>
                  <button
                    type="button"
                    class="button button--quiet button--small"
                    onClick={() => removeGoal(index())}
                  >
                    {j().removeGoal(index() + 1)}
                  </button>
                </p>
              </Show>
            </div>
          )}
        </For>
        <p>
          <button
            type="button"
            id="event-goals"
            class="button button--secondary button--small"
            onClick={addGoal}
          >
            {j().addGoal}
          </button>
        </p>
      </fieldset>
      <CodesField
        id={props.form.id("pillars")}
        legend={j().pillars}
        hint={j().pillarsHint}
        values={props.form.draft.pillars}
        options={options("pillars", pillars)}
        onChange={(values) => props.set("pillars", values)}
        errors={props.form.errors("pillars")}
      />
    </>
  );
}

// --- The timeline -------------------------------------------------------------------------------------

/** The journey's events in order, with their dates and coded details; orientations' attendance editable. */
export function Timeline(props: {
  territoryId: string;
  journey: JourneyView;
  resources: readonly Resource[];
  routes: readonly ReferralRoute[] | undefined;
}) {
  const j = () => t().journeys;
  const resource = (id: string) => {
    const found = props.resources.find((r) => r.id === id);
    return found ? resourceName(found) : j().unknownResource;
  };
  const rows = (event: StoredEvent): { label: string; value: JSX.Element }[] => {
    const list = (name: Parameters<typeof label>[0], values: readonly string[]) =>
      values.map((value) => label(name, value)).join(", ");
    switch (event.type) {
      case "referral":
        return [
          { label: j().route, value: routeLabel(event.route, props.routes) },
          { label: j().prescriber, value: label("prescriberTypes", event.prescriber) },
          { label: j().reasons, value: list("referralReasons", event.reasons) },
          ...(event.snomed ? [{ label: j().snomed, value: j().snomedReferredValue(SNOMED_REFERRED) }] : []),
        ];
      case "first_contact":
        return [{ label: j().mode, value: label("contactModes", event.mode) }];
      case "initial_interview":
        return [
          { label: j().mode, value: label("contactModes", event.mode) },
          { label: j().durationMinutes, value: j().minutes(formatNumber(event.durationMinutes)) },
        ];
      case "plan":
        return [
          {
            label: j().goals,
            value: (
              <ul class="inline-list">
                <For each={event.goals}>
                  {(goal) => (
                    <li>
                      {goal.label} <span class="muted">({label("pillars", goal.pillar)})</span>
                    </li>
                  )}
                </For>
              </ul>
            ),
          },
          { label: j().pillars, value: list("pillars", event.pillars) },
        ];
      case "orientation":
        return [
          { label: j().resource, value: resource(event.resourceId) },
          { label: j().attendance, value: label("attendances", event.attendance) },
        ];
      case "follow_up":
        return [
          { label: j().mode, value: label("contactModes", event.mode) },
          ...(event.note ? [{ label: j().note, value: event.note }] : []),
        ];
      case "exit":
        return [
          { label: j().exitReason, value: label("exitReasons", event.reason) },
          ...(event.declineReason
            ? [{ label: j().declineReason, value: label("declineReasons", event.declineReason) }]
            : []),
          ...(event.redirectTarget
            ? [{ label: j().redirectTarget, value: label("redirectTargets", event.redirectTarget) }]
            : []),
          ...(event.snomed ? [{ label: j().snomed, value: j().snomedDeclinedValue(SNOMED_DECLINED) }] : []),
        ];
      case "reopen":
        return [{ label: j().reopenReason, value: event.reason }];
      default:
        return [];
    }
  };
  // Keyed by id: an event's block (and its attendance form, its focus) outlives a new journey version.
  const ids = () => props.journey.events.map((event) => event.id);
  const eventOf = (id: string) => props.journey.events.find((event) => event.id === id);
  const [saved, setSaved] = createSignal("");
  return (
    <>
      <ol class="steps-view">
        <For each={ids()}>
          {(id) => (
            <Show when={eventOf(id)}>
              {(event) => (
                <li class="steps-view__step" id={`event-${id}`}>
                  <h3>
                    {label("eventTypes", event().type)}{" "}
                    <span class="muted">· {formatDate(event().date)}</span>
                  </h3>
                  <Show when={rows(event()).length > 0}>
                    <dl class="summary">
                      <For each={rows(event())}>
                        {(row) => (
                          <div>
                            <dt>{row.label}</dt>
                            <dd>{row.value}</dd>
                          </div>
                        )}
                      </For>
                    </dl>
                  </Show>
                  <Show when={orientationOf(event())}>
                    {(orientation) => (
                      <AttendanceForm
                        territoryId={props.territoryId}
                        journey={props.journey}
                        event={orientation()}
                        resourceName={resource(orientation().resourceId)}
                        saved={setSaved}
                      />
                    )}
                  </Show>
                </li>
              )}
            </Show>
          )}
        </For>
      </ol>
      <StatusMessage>{saved()}</StatusMessage>
    </>
  );
}

type Orientation = Extract<StoredEvent, { type: "orientation" }>;
const orientationOf = (event: StoredEvent): Orientation | undefined =>
  event.type === "orientation" ? event : undefined;

/** An orientation's attendance, the change most often made after the fact (PUT of the event). */
function AttendanceForm(props: {
  territoryId: string;
  journey: JourneyView;
  event: Orientation;
  resourceName: string;
  saved: (text: string) => void;
}) {
  const j = () => t().journeys;
  const update = createUpdateEvent(
    () => props.territoryId,
    () => props.journey.id,
  );
  const prefix = untrack(() => `attendance-${props.event.id}`);
  const index = () => props.journey.events.findIndex((event) => event.id === props.event.id);
  const form = createForm({
    id: prefix,
    schema: JourneyEvent,
    initial: () => ({ attendance: untrack(() => props.event.attendance) as string }),
    labels: () => ({ attendance: j().attendanceOf(props.resourceName) }),
    input: (draft) => ({ ...props.event, attendance: draft.attendance }),
    check: (event) => candidateIssues(props.journey.events, event, index()),
    conflict: "journey.version_conflict",
    send: async (event) => {
      props.saved("");
      try {
        return await update.mutateAsync({ eventId: props.event.id, event, version: props.journey.version });
      } catch (error) {
        throw withoutPrefix(error, "event");
      }
    },
    done: (journey, form) => {
      const attendance = form.draft.attendance;
      form.reset({ attendance });
      props.saved(j().attendanceSaved(props.resourceName, label("attendances", attendance), journey.version));
    },
  });
  createConflictReload(() => props.territoryId, form.conflict);
  return (
    <FormView form={form}>
      <ConflictNotice form={form} id={`${prefix}-conflict`} />
      <div class="field-row field-row--top">
        <SelectField
          id={form.id("attendance")}
          label={j().attendanceOf(props.resourceName)}
          value={form.draft.attendance}
          options={options("attendances", attendances)}
          onChange={(value) => form.set("attendance", value)}
          errors={form.errors("attendance")}
        />
      </div>
      <div class="form__actions">
        <button type="submit" class="button button--secondary button--small" aria-disabled={form.pending()}>
          {form.pending() ? t().form.saving : j().saveAttendance}
          <span class="visually-hidden"> : {props.resourceName}</span>
        </button>
      </div>
    </FormView>
  );
}
