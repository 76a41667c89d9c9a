import {
  continuityModels,
  MAX_OVERRIDE_SCHEMES,
  markerRules,
  type PartnerScheme,
  type Pathway,
  PathwayUpdate,
  pathwayIssues,
  type Step,
  standardMeasures,
  stepActorTypes,
  vulnerabilityMarkers,
} from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createSignal, For, on, Show, untrack } from "solid-js";
import { createAllPartnerSchemes, createPathway, createSavePathway, pathwayKeys } from "../data/pathway";
import { createMembership } from "../data/session";
import { label, t } from "../i18n";
import { History } from "../ui/audit";
import { Checkbox, ChoiceGroup } from "../ui/choices";
import { createForm, Field, type Form, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { PageTitle } from "../ui/page";
import { describePathwayChange, PathwayView } from "../ui/pathway";
import { QueryView } from "../ui/states";

/** What the form holds of one step: the text typed, turned into numbers and lists on submit. */
interface StepDraft {
  /** Stable in the page: the stored id, or a key of its own for a new step. */
  key: string;
  /** "" for a new step (the server gives it an id). */
  id: string;
  name: string;
  description: string;
  responsibleActor: string;
  targetDelayDays: string;
  expectedDurationMinutes: string;
  /** Standard measures ticked, in their order. */
  instruments: string[];
  /** The territory's own measures, as typed ("satisfaction, suivi-6-mois"). */
  custom: string;
  retired: boolean;
}

interface OverrideDraft {
  stepId: string;
  /** "" : as on the main pathway. */
  responsibleActor: string;
  targetDelayDays: string;
  expectedDurationMinutes: string;
  partnerSchemeIds: string[];
  note: string;
}

interface TrackDraft {
  enabled: boolean;
  name: string;
  description: string;
  markers: string[];
  markerRule: string;
  overrides: OverrideDraft[];
}

interface PathwayDraft {
  continuityModel: string;
  steps: StepDraft[];
  track: TrackDraft;
  version: number;
}

const CUSTOM = "custom:";
const isStandard = (code: string) => (standardMeasures as readonly string[]).includes(code);
const numberText = (value: number | null) => (value === null ? "" : String(value));
/** "" → null (no target); "7" → 7; "7,5" or "sept" → a number the schema refuses, with its message. */
const numberOf = (text: string) => {
  const trimmed = text.trim().replace(",", ".");
  return trimmed === "" ? null : Number(trimmed);
};
const newKey = () => `new-${Math.random().toString(36).slice(2, 10)}`;

function stepDraft(step: Step): StepDraft {
  return {
    key: step.id,
    id: step.id,
    name: step.name,
    description: step.description,
    responsibleActor: step.responsibleActor,
    targetDelayDays: numberText(step.targetDelayDays),
    expectedDurationMinutes: numberText(step.expectedDurationMinutes),
    instruments: step.instruments.filter(isStandard),
    custom: step.instruments
      .filter((code) => !isStandard(code))
      .map((code) => (code.startsWith(CUSTOM) ? code.slice(CUSTOM.length) : code))
      .join(", "),
    retired: step.retired,
  };
}

function draftOf(pathway: Pathway): PathwayDraft {
  const track = pathway.integratedTrack;
  return {
    continuityModel: pathway.continuityModel,
    steps: pathway.steps.map(stepDraft),
    track: {
      enabled: track !== null,
      name: track?.name ?? t().pathway.track,
      description: track?.description ?? "",
      markers: [...(track?.markers ?? [])],
      markerRule: track?.markerRule ?? "any",
      overrides: (track?.overrides ?? []).map((override) => ({
        stepId: override.stepId,
        responsibleActor: override.responsibleActor ?? "",
        targetDelayDays: numberText(override.targetDelayDays),
        expectedDurationMinutes: numberText(override.expectedDurationMinutes),
        partnerSchemeIds: [...override.partnerSchemeIds],
        note: override.note,
      })),
    },
    version: pathway.version,
  };
}

/** The measures of a step in the API's shape: the stored order kept when the same measures are chosen. */
function instrumentsOf(step: StepDraft, stored: Pathway): string[] {
  const custom = step.custom
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter(Boolean)
    .map((code) => (isStandard(code) || code.startsWith(CUSTOM) ? code : `${CUSTOM}${code}`));
  const list = [...step.instruments, ...custom];
  const before = stored.steps.find((s) => s.id === step.id)?.instruments;
  const same = before && before.length === list.length && before.every((code) => list.includes(code));
  return same ? [...before] : list;
}

/** The draft in the API's shape, not yet validated (the shared schema and `pathwayIssues` do that). */
function pathwayInput(draft: PathwayDraft, stored: Pathway) {
  return {
    continuityModel: draft.continuityModel,
    steps: draft.steps.map((step) => ({
      ...(step.id ? { id: step.id } : {}),
      name: step.name,
      description: step.description,
      responsibleActor: step.responsibleActor,
      targetDelayDays: numberOf(step.targetDelayDays),
      expectedDurationMinutes: numberOf(step.expectedDurationMinutes),
      instruments: instrumentsOf(step, stored),
      retired: step.retired,
    })),
    integratedTrack: draft.track.enabled
      ? {
          name: draft.track.name,
          description: draft.track.description,
          markers: [...draft.track.markers],
          markerRule: draft.track.markerRule,
          overrides: draft.track.overrides.map((override) => ({
            stepId: override.stepId,
            responsibleActor: override.responsibleActor === "" ? null : override.responsibleActor,
            targetDelayDays: numberOf(override.targetDelayDays),
            expectedDurationMinutes: numberOf(override.expectedDurationMinutes),
            partnerSchemeIds: [...override.partnerSchemeIds],
            note: override.note,
          })),
        }
      : null,
    version: draft.version,
  };
}

export function PathwayPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const pathway = createPathway(id);
  const schemes = createAllPartnerSchemes(id);
  const isLead = () => membership()?.role === "territory_lead";
  const p = () => t().pathway;

  return (
    <>
      <PageTitle title={p().title(membership()?.contextName ?? "")} />
      <p class="lead">{p().intro}</p>
      <QueryView query={pathway}>
        {(data) => (
          <Show when={membership()}>
            <Show
              when={isLead()}
              fallback={
                <>
                  <p class="notice">{p().readOnly}</p>
                  <Show when={data().version === 0}>
                    <p class="notice">{p().defaultNoticeReadOnly}</p>
                  </Show>
                  <PathwayView pathway={data()} schemes={schemes.data} />
                </>
              }
            >
              {/* The partner schemes are needed to offer them and to check the track: wait for them. */}
              <QueryView query={schemes}>
                {(list) => <PathwayForm territoryId={id()} initial={untrack(data)} schemes={list()} />}
              </QueryView>
              <History
                territoryId={id()}
                entity="pathway"
                id="pathway-history"
                describe={describePathwayChange(pathway.data, schemes.data)}
              />
            </Show>
          </Show>
        )}
      </QueryView>
    </>
  );
}

type Status =
  | { kind: "saved" | "reloaded"; version: number }
  | { kind: "unchanged"; version: number }
  | { kind: "announce"; text: string }
  | undefined;

function PathwayForm(props: { territoryId: string; initial: Pathway; schemes: PartnerScheme[] }) {
  const territoryId = untrack(() => props.territoryId);
  const [stored, setStored] = createSignal<Pathway>(untrack(() => props.initial));
  const [status, setStatus] = createSignal<Status>();
  const save = createSavePathway(() => territoryId);
  const queryClient = useQueryClient();
  const p = () => t().pathway;
  let conflictBox: HTMLDivElement | undefined;

  const stepLabel = (draft: PathwayDraft, index: number) =>
    p().step(index + 1, draft.steps[index]?.name.trim() ?? "");

  const form: Form<PathwayDraft> = createForm({
    id: "pathway",
    keep: `pathway:${territoryId}`,
    schema: PathwayUpdate,
    initial: () => draftOf(stored()),
    labels: () => ({
      continuityModel: p().continuity,
      steps: p().steps,
      integratedTrack: p().track,
    }),
    input: (draft) => pathwayInput(draft, stored()),
    check: (value) =>
      pathwayIssues(value, {
        storedStepIds: stored().steps.map((step) => step.id),
        schemes: props.schemes,
      }),
    subject: (draft, path) => {
      const instrument = /^steps\.(\d+)\.instruments\.(\d+)$/.exec(path);
      if (instrument) {
        const step = draft.steps[Number(instrument[1])];
        const code = step ? instrumentsOf(step, stored())[Number(instrument[2])] : undefined;
        return code === undefined ? undefined : code.replace(CUSTOM, "");
      }
      const scheme = /^integratedTrack\.overrides\.(\d+)\.partnerSchemeIds\.(\d+)$/.exec(path);
      if (scheme) {
        const schemeId = draft.track.overrides[Number(scheme[1])]?.partnerSchemeIds[Number(scheme[2])];
        return props.schemes.find((s) => s.id === schemeId)?.name;
      }
      return undefined;
    },
    locate: (path, draft) => locate(path, draft),
    conflict: "pathway.version_conflict",
    send: (input) => {
      setStatus(undefined);
      return save.mutateAsync(input);
    },
    done: (result, form) => {
      if (result.version === form.draft.version) {
        setStatus({ kind: "unchanged", version: result.version });
        return;
      }
      setStored(result);
      form.reset(draftOf(result));
      setStatus({ kind: "saved", version: result.version });
    },
  });

  /** Where an issue's path leads: the control of that step, track field or override. */
  function locate(path: string, draft: PathwayDraft): { id: string; label: string } | undefined {
    const fieldLabels: Record<string, string> = {
      id: p().name,
      name: p().name,
      description: p().description,
      responsibleActor: p().actor,
      targetDelayDays: p().fields.targetDelayDays ?? "",
      expectedDurationMinutes: p().fields.expectedDurationMinutes ?? "",
      instruments: p().instruments,
    };
    const step = /^steps\.(\d+)\.(\w+)/.exec(path);
    if (step) {
      const index = Number(step[1]);
      const key = draft.steps[index]?.key;
      const field = step[2] ?? "";
      if (!key) return undefined;
      const control = field === "instruments" ? "custom" : field === "id" ? "name" : field;
      return {
        id: stepId(key, control),
        label: `${stepLabel(draft, index)} · ${fieldLabels[field] ?? field}`,
      };
    }
    const override = /^integratedTrack\.overrides\.(\d+)\.(\w+)/.exec(path);
    if (override) {
      const stepKey = draft.track.overrides[Number(override[1])]?.stepId;
      if (!stepKey) return undefined;
      const field = override[2] ?? "";
      const index = draft.steps.findIndex((s) => s.id === stepKey);
      const name = draft.steps[index]?.name ?? "";
      const control = field === "stepId" ? "toggle" : field === "partnerSchemeIds" ? "schemes" : field;
      const overrideLabels: Record<string, string> = {
        stepId: p().overrides,
        responsibleActor: p().overrideActor,
        targetDelayDays: p().overrideDelay,
        expectedDurationMinutes: p().overrideDuration,
        partnerSchemeIds: p().overrideSchemes,
        note: p().overrideNote,
      };
      return {
        id: overrideId(stepKey, control),
        label: `${p().track} · ${p().overrideOf(name)} · ${overrideLabels[field] ?? field}`,
      };
    }
    const track = /^integratedTrack\.(\w+)$/.exec(path);
    if (track) {
      const field = track[1] ?? "";
      const trackLabels: Record<string, string> = {
        name: p().trackName,
        description: p().trackDescription,
        markers: p().markers,
        markerRule: p().markerRule,
        overrides: p().overrides,
      };
      return { id: `pathway-track-${field}`, label: `${p().track} · ${trackLabels[field] ?? field}` };
    }
    if (/^integratedTrack\.markers\.\d+$/.test(path))
      return { id: "pathway-track-markers", label: p().markers };
    return undefined;
  }

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );
  const current = () => {
    const error = form.conflict();
    return error && isPathway(error.current) ? error.current : undefined;
  };
  const reloadCurrent = () => {
    const latest = current();
    if (!latest) return;
    setStored(latest);
    form.reset(draftOf(latest));
    queryClient.setQueryData(pathwayKeys.pathway(territoryId), latest);
    setStatus({ kind: "reloaded", version: latest.version });
    document.getElementById("pathway-continuityModel")?.focus();
  };

  const statusText = () => {
    const now = status();
    if (!now) return "";
    if (now.kind === "announce") return now.text;
    if (now.kind === "unchanged") return p().unchanged;
    return now.kind === "saved" ? p().saved(now.version) : p().reloaded(now.version);
  };
  const announce = (text: string) => setStatus({ kind: "announce", text });
  const nameOf = (step: StepDraft | undefined) => step?.name.trim() || p().unnamed;

  const move = (index: number, by: -1 | 1, button: "up" | "down") => {
    const target = index + by;
    const steps = form.draft.steps;
    if (target < 0 || target >= steps.length) return;
    const moved = steps[index];
    if (!moved) return;
    const next = [...steps];
    next.splice(index, 1);
    next.splice(target, 0, moved);
    form.set("steps", next);
    announce(p().moved(nameOf(moved), target + 1, next.length));
    // The moved step keeps the focus on the same button, so that it can be moved again at once.
    queueMicrotask(() => document.getElementById(stepId(moved.key, button))?.focus());
  };

  const addStep = () => {
    const key = newKey();
    form.set("steps", form.draft.steps.length, {
      key,
      id: "",
      name: "",
      description: "",
      responsibleActor: "link_worker",
      targetDelayDays: "",
      expectedDurationMinutes: "",
      instruments: [],
      custom: "",
      retired: false,
    });
    announce(p().added);
    queueMicrotask(() => document.getElementById(stepId(key, "name"))?.focus());
  };

  const toggleRetired = (index: number) => {
    const step = form.draft.steps[index];
    if (!step) return;
    form.set("steps", index, "retired", !step.retired);
    announce(step.retired ? p().restored(nameOf(step)) : p().retired(nameOf(step)));
  };

  const removeNew = (index: number) => {
    const step = form.draft.steps[index];
    if (!step || step.id) return;
    const focusTo = form.draft.steps[index + 1]?.key ?? form.draft.steps[index - 1]?.key;
    form.set(
      "steps",
      form.draft.steps.filter((_, i) => i !== index),
    );
    announce(p().removed(nameOf(step)));
    queueMicrotask(() =>
      (focusTo
        ? document.getElementById(stepId(focusTo, "name"))
        : document.getElementById("pathway-add")
      )?.focus(),
    );
  };

  return (
    <>
      <Show when={stored().version === 0}>
        <p class="notice" id="pathway-default">
          {p().defaultNotice}
        </p>
      </Show>
      <p id="pathway-version" class="muted">
        {p().version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="pathway-version">
        <Show when={current()}>
          {(latest) => (
            <div
              class="alert alert--warning"
              role="alert"
              tabindex="-1"
              ref={conflictBox}
              aria-labelledby="pathway-conflict-title"
            >
              <h2 id="pathway-conflict-title">{p().conflictTitle}</h2>
              <p>{p().conflict(latest().version)}</p>
              <p>
                <button type="button" class="button" onClick={reloadCurrent}>
                  {p().reloadCurrent}
                </button>
              </p>
            </div>
          )}
        </Show>

        <ChoiceGroup
          id="pathway-continuityModel"
          name="pathway-continuityModel"
          type="radio"
          legend={p().continuity}
          hint={p().continuityHint}
          errors={form.errors("continuityModel")}
          options={continuityModels.map((model) => ({
            value: model,
            label: label("continuityModels", model),
            hint: p().continuityHelp[model],
          }))}
          checked={(value) => form.draft.continuityModel === value}
          onChange={(value) => form.set("continuityModel", value)}
        />

        <section class="form-section" aria-labelledby="pathway-steps">
          <h2 id="pathway-steps" tabindex="-1">
            {p().steps}
          </h2>
          <p class="hint">{p().stepsHint}</p>
          <Show when={form.errorsAt("steps")}>
            {(errors) => (
              <ul class="field-errors">
                <For each={errors()}>{(error) => <li>{error}</li>}</For>
              </ul>
            )}
          </Show>
          <ol class="steps" aria-label={p().stepsCaption}>
            <For each={form.draft.steps}>
              {(step, index) => (
                <StepEditor
                  form={form}
                  step={step}
                  index={index()}
                  count={form.draft.steps.length}
                  onMove={move}
                  onRetire={toggleRetired}
                  onRemove={removeNew}
                />
              )}
            </For>
          </ol>
          <p>
            <button type="button" id="pathway-add" class="button button--secondary" onClick={addStep}>
              {p().add}
            </button>
          </p>
        </section>

        <TrackEditor form={form} schemes={props.schemes} />

        <SubmitButton form={form} label={p().save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
  );
}

function isPathway(value: unknown): value is Pathway {
  return typeof value === "object" && value !== null && "version" in value && "steps" in value;
}

const stepId = (key: string, control: string) => `pathway-step-${key}-${control}`;
const overrideId = (stepKey: string, control: string) => `pathway-ovr-${stepKey}-${control}`;

/** Errors of a path and of the values under it ("steps.2.instruments", "….instruments.1"). */
function errorsUnder(form: Form<PathwayDraft>, path: string, count: number): string[] | undefined {
  const all = [path, ...Array.from({ length: count }, (_, i) => `${path}.${i}`)].flatMap(
    (at) => form.errorsAt(at) ?? [],
  );
  return all.length > 0 ? all : undefined;
}

function StepEditor(props: {
  form: Form<PathwayDraft>;
  step: StepDraft;
  index: number;
  count: number;
  onMove: (index: number, by: -1 | 1, button: "up" | "down") => void;
  onRetire: (index: number) => void;
  onRemove: (index: number) => void;
}) {
  const p = () => t().pathway;
  const form = props.form;
  const at = (field: string) => `steps.${props.index}.${field}`;
  const id = (control: string) => stepId(props.step.key, control);
  const name = () => props.step.name.trim() || p().unnamed;
  const errors = (field: string) => form.errorsAt(at(field));
  const hasErrors = () =>
    ["name", "id", "description", "responsibleActor", "targetDelayDays", "expectedDurationMinutes"].some(
      (field) => errors(field),
    ) || errorsUnder(form, at("instruments"), 10) !== undefined;
  // A retired step shows its name only (it can be renamed or restored), unless a field needs fixing.
  const showDetails = () => !props.step.retired || hasErrors();
  const set = (field: keyof StepDraft, value: string) =>
    form.set("steps", props.index, field as never, value as never);
  const text = (field: keyof StepDraft) => ({
    value: String(props.step[field]),
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      set(field, event.currentTarget.value),
  });
  const custom = () => errorsUnder(form, at("instruments"), 10);

  return (
    <li class="step" classList={{ "step--retired": props.step.retired }}>
      <fieldset class="step__fieldset">
        <legend class="step__legend">
          {p().step(props.index + 1, props.step.name.trim())}
          <Show when={props.step.retired}>
            {" "}
            <span class="tag tag--revoked">{p().retiredTag}</span>
          </Show>
          <Show when={!props.step.id}>
            {" "}
            <span class="tag tag--pending">{p().newTag}</span>
          </Show>
        </legend>
        <Field id={id("name")} label={p().name} errors={[...(errors("name") ?? []), ...(errors("id") ?? [])]}>
          {(control) => <input {...control} type="text" autocomplete="off" {...text("name")} />}
        </Field>
        <Show when={showDetails()}>
          <Field id={id("description")} label={p().description} errors={errors("description")} optional>
            {(control) => <textarea {...control} rows={2} {...text("description")} />}
          </Field>
          <Field id={id("responsibleActor")} label={p().actor} errors={errors("responsibleActor")}>
            {(control) => (
              <select {...control} onChange={(event) => set("responsibleActor", event.currentTarget.value)}>
                <For each={stepActorTypes}>
                  {(actor) => (
                    <option value={actor} selected={props.step.responsibleActor === actor}>
                      {label("stepActorTypes", actor)}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <div class="field-row field-row--top">
            <Field
              id={id("targetDelayDays")}
              label={p().delay}
              hint={p().delayHint}
              errors={errors("targetDelayDays")}
              optional
            >
              {(control) => (
                <input
                  {...control}
                  class="input--short"
                  type="text"
                  inputmode="numeric"
                  {...text("targetDelayDays")}
                />
              )}
            </Field>
            <Field
              id={id("expectedDurationMinutes")}
              label={p().duration}
              hint={p().durationHint}
              errors={errors("expectedDurationMinutes")}
              optional
            >
              {(control) => (
                <input
                  {...control}
                  class="input--short"
                  type="text"
                  inputmode="numeric"
                  {...text("expectedDurationMinutes")}
                />
              )}
            </Field>
          </div>
          <ChoiceGroup
            id={id("instruments")}
            type="checkbox"
            legend={p().instruments}
            hint={p().instrumentsHint}
            options={standardMeasures.map((code) => ({ value: code, label: label("measures", code) }))}
            checked={(code) => props.step.instruments.includes(code)}
            onChange={(code, checked) =>
              form.set("steps", props.index, "instruments", (list) =>
                checked ? [...list.filter((c) => c !== code), code] : list.filter((c) => c !== code),
              )
            }
          >
            <Field
              id={id("custom")}
              label={p().customInstruments}
              hint={p().customInstrumentsHint}
              errors={custom()}
              optional
            >
              {(control) => <input {...control} type="text" spellcheck={false} {...text("custom")} />}
            </Field>
          </ChoiceGroup>
        </Show>
        <div class="step__actions">
          <button
            type="button"
            id={id("up")}
            class="button button--secondary button--small"
            aria-label={p().moveUp(name())}
            aria-disabled={props.index === 0}
            onClick={() => props.onMove(props.index, -1, "up")}
          >
            <span aria-hidden="true">↑ </span>
            {p().up}
          </button>
          <button
            type="button"
            id={id("down")}
            class="button button--secondary button--small"
            aria-label={p().moveDown(name())}
            aria-disabled={props.index === props.count - 1}
            onClick={() => props.onMove(props.index, 1, "down")}
          >
            <span aria-hidden="true">↓ </span>
            {p().down}
          </button>
          <Show
            when={props.step.id}
            fallback={
              <button
                type="button"
                class="button button--secondary button--small"
                aria-label={p().remove(name())}
                onClick={() => props.onRemove(props.index)}
              >
                {p().removeShort}
              </button>
            }
          >
            <button
              type="button"
              class="button button--secondary button--small"
              aria-label={props.step.retired ? p().restore(name()) : p().retire(name())}
              onClick={() => props.onRetire(props.index)}
            >
              {props.step.retired ? p().restoreShort : p().retireShort}
            </button>
          </Show>
        </div>
      </fieldset>
    </li>
  );
}

function TrackEditor(props: { form: Form<PathwayDraft>; schemes: PartnerScheme[] }) {
  const p = () => t().pathway;
  const form = props.form;
  const track = () => form.draft.track;
  const indexOf = (stepKey: string) => track().overrides.findIndex((o) => o.stepId === stepKey);
  const toggle = (stepKey: string, on: boolean) => {
    if (on && indexOf(stepKey) < 0) {
      form.set("track", "overrides", track().overrides.length, {
        stepId: stepKey,
        responsibleActor: "",
        targetDelayDays: "",
        expectedDurationMinutes: "",
        partnerSchemeIds: [],
        note: "",
      });
    } else if (!on) {
      form.set(
        "track",
        "overrides",
        track().overrides.filter((o) => o.stepId !== stepKey),
      );
    }
  };
  // A step's override can be chosen once it is saved (it has an id); a retired one shows its override
  // only if it still has one (to be removed).
  const candidates = () =>
    form.draft.steps.filter((step) => step.id && (!step.retired || indexOf(step.id) >= 0));
  const fresh = () => form.draft.steps.filter((step) => !step.id);
  const errorsOf = (path: string) => form.errorsAt(path);

  return (
    <section class="form-section" aria-labelledby="pathway-track-title">
      <h2 id="pathway-track-title">{p().track}</h2>
      <p class="hint">{p().trackIntro}</p>
      <Checkbox
        id="pathway-track-enabled"
        label={p().trackEnabled}
        checked={track().enabled}
        onChange={(checked) => form.set("track", "enabled", checked)}
      />
      <Show when={track().enabled}>
        <Field id="pathway-track-name" label={p().trackName} errors={errorsOf("integratedTrack.name")}>
          {(control) => (
            <input
              {...control}
              type="text"
              value={track().name}
              onInput={(event) => form.set("track", "name", event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id="pathway-track-description"
          label={p().trackDescription}
          errors={errorsOf("integratedTrack.description")}
          optional
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={track().description}
              onInput={(event) => form.set("track", "description", event.currentTarget.value)}
            />
          )}
        </Field>
        <ChoiceGroup
          id="pathway-track-markers"
          type="checkbox"
          legend={p().markers}
          hint={p().markersHint}
          errors={errorsUnder(form, "integratedTrack.markers", vulnerabilityMarkers.length)}
          options={vulnerabilityMarkers.map((marker) => ({
            value: marker,
            label: label("vulnerabilityMarkers", marker),
          }))}
          checked={(marker) => track().markers.includes(marker)}
          onChange={(marker, checked) =>
            form.set("track", "markers", (list) =>
              checked ? [...list.filter((m) => m !== marker), marker] : list.filter((m) => m !== marker),
            )
          }
        />
        <ChoiceGroup
          id="pathway-track-markerRule"
          name="pathway-track-markerRule"
          type="radio"
          legend={p().markerRule}
          errors={errorsOf("integratedTrack.markerRule")}
          options={markerRules.map((rule) => ({ value: rule, label: label("markerRules", rule) }))}
          checked={(rule) => track().markerRule === rule}
          onChange={(rule) => form.set("track", "markerRule", rule)}
        />
        <fieldset class="field choices" id="pathway-track-overrides" tabindex="-1">
          <legend>{p().overrides}</legend>
          <p class="hint">{p().overridesHint}</p>
          <Show when={errorsOf("integratedTrack.overrides")}>
            {(errors) => (
              <ul class="field-errors">
                <For each={errors()}>{(error) => <li>{error}</li>}</For>
              </ul>
            )}
          </Show>
          <ul class="overrides">
            <For each={candidates()}>
              {(step) => (
                <li class="override">
                  <Show when={errorsOf(`integratedTrack.overrides.${indexOf(step.id)}.stepId`)}>
                    {(errors) => (
                      <ul class="field-errors">
                        <For each={errors()}>{(error) => <li>{error}</li>}</For>
                      </ul>
                    )}
                  </Show>
                  <Checkbox
                    id={overrideId(step.id, "toggle")}
                    label={p().overrideToggle(step.name.trim() || p().unnamed)}
                    checked={indexOf(step.id) >= 0}
                    onChange={(checked) => toggle(step.id, checked)}
                  />
                  <Show when={indexOf(step.id) >= 0}>
                    <OverrideEditor
                      form={form}
                      step={step}
                      index={indexOf(step.id)}
                      schemes={props.schemes}
                    />
                  </Show>
                </li>
              )}
            </For>
          </ul>
          <For each={fresh()}>
            {(step) => <p class="hint">{p().overrideNewStep(step.name.trim() || p().newStep)}</p>}
          </For>
        </fieldset>
      </Show>
    </section>
  );
}

function OverrideEditor(props: {
  form: Form<PathwayDraft>;
  step: StepDraft;
  index: number;
  schemes: PartnerScheme[];
}) {
  const p = () => t().pathway;
  const form = props.form;
  const override = () => form.draft.track.overrides[props.index];
  const at = (field: string) => `integratedTrack.overrides.${props.index}.${field}`;
  const id = (control: string) => overrideId(props.step.id, control);
  const set = (field: keyof OverrideDraft, value: string) =>
    form.set("track", "overrides", props.index, field as never, value as never);
  // Active schemes, and any retired one still chosen (so that its issue has a place to be fixed).
  const offered = () =>
    props.schemes.filter((scheme) => !scheme.retired || override()?.partnerSchemeIds.includes(scheme.id));
  return (
    <div class="override__fields">
      <Field
        id={id("responsibleActor")}
        label={p().overrideActor}
        errors={form.errorsAt(at("responsibleActor"))}
      >
        {(control) => (
          <select {...control} onChange={(event) => set("responsibleActor", event.currentTarget.value)}>
            <option value="" selected={override()?.responsibleActor === ""}>
              {p().sameActor}
            </option>
            <For each={stepActorTypes}>
              {(actor) => (
                <option value={actor} selected={override()?.responsibleActor === actor}>
                  {label("stepActorTypes", actor)}
                </option>
              )}
            </For>
          </select>
        )}
      </Field>
      <div class="field-row field-row--top">
        <Field
          id={id("targetDelayDays")}
          label={p().overrideDelay}
          hint={p().asMain}
          errors={form.errorsAt(at("targetDelayDays"))}
          optional
        >
          {(control) => (
            <input
              {...control}
              class="input--short"
              type="text"
              inputmode="numeric"
              value={override()?.targetDelayDays ?? ""}
              onInput={(event) => set("targetDelayDays", event.currentTarget.value)}
            />
          )}
        </Field>
        <Field
          id={id("expectedDurationMinutes")}
          label={p().overrideDuration}
          hint={p().asMain}
          errors={form.errorsAt(at("expectedDurationMinutes"))}
          optional
        >
          {(control) => (
            <input
              {...control}
              class="input--short"
              type="text"
              inputmode="numeric"
              value={override()?.expectedDurationMinutes ?? ""}
              onInput={(event) => set("expectedDurationMinutes", event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Show when={offered().length > 0} fallback={<p class="hint">{p().noSchemes}</p>}>
        <ChoiceGroup
          id={id("schemes")}
          type="checkbox"
          legend={p().overrideSchemes}
          hint={p().overrideSchemesHint}
          errors={errorsUnder(form, at("partnerSchemeIds"), MAX_OVERRIDE_SCHEMES + 5)}
          options={offered().map((scheme) => ({
            value: scheme.id,
            label: scheme.retired ? p().schemeRetired(scheme.name) : scheme.name,
          }))}
          checked={(schemeId) => override()?.partnerSchemeIds.includes(schemeId) ?? false}
          onChange={(schemeId, checked) =>
            form.set("track", "overrides", props.index, "partnerSchemeIds", (list) =>
              checked
                ? [...list.filter((s) => s !== schemeId), schemeId]
                : list.filter((s) => s !== schemeId),
            )
          }
          optionalText={t().form.optional}
        />
      </Show>
      <Field id={id("note")} label={p().overrideNote} errors={form.errorsAt(at("note"))} optional>
        {(control) => (
          <textarea
            {...control}
            rows={2}
            value={override()?.note ?? ""}
            onInput={(event) => set("note", event.currentTarget.value)}
          />
        )}
      </Field>
    </div>
  );
}
