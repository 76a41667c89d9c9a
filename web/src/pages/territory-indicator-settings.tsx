import {
  type IndicatorDefinition,
  type IndicatorSettings,
  IndicatorSettingsUpdate,
} from "@maillage/indicators";
import type { FieldIssue } from "@maillage/schema";
import { A, useParams } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show, untrack } from "solid-js";
import * as v from "valibot";
import { ApiError } from "../api";
import { createIndicatorSettings, createSaveIndicatorSettings, type SettingsView } from "../data/indicators";
import { createMembership } from "../data/session";
import { locale, t } from "../i18n";
import { ti } from "../i18n/indicators";
import { RequireRole } from "../ui/access";
import { createForm, Field, type Form, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { formatValue, targetOfText, targetToText, unitSymbol } from "../ui/indicator-format";
import { describeIssue } from "../ui/issues";
import { PageTitle } from "../ui/page";
import { QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

const LEADS = ["territory_lead"] as const;

const FIGURES = [
  ["linkWorkerAnnualCostPerFte", "perYear"],
  ["otherAnnualCosts", "perYear"],
  ["gpConsultationUnitCost", "euros"],
  ["gpConsultationsPerPersonYear", "perPersonYear"],
  ["unplannedHospitalUnitCost", "euros"],
  ["unplannedHospitalUsesPerPersonYear", "perPersonYear"],
] as const;
type Figure = (typeof FIGURES)[number][0];

type TargetMode = "default" | "none" | "own";

interface Row {
  enabled: boolean;
  mode: TargetMode;
  target: string;
}

/** What the lead types: text, turned into numbers and JSON only when the form is checked. */
type Draft = {
  rows: Record<string, Row>;
  source: string;
  assumptions: string;
  custom: string;
  version: number;
} & Record<Figure, string>;

/**
 * The API's update, with the targets typed by the console (a number, else a message at the field) and
 * the territory's own indicators as JSON text (a list, else a message): their definitions are checked
 * by the server, which reports every issue with its path.
 */
const SettingsInput = v.object({
  ...IndicatorSettingsUpdate.entries,
  overrides: v.record(
    v.string(),
    v.object({
      enabled: v.optional(v.boolean()),
      target: v.optional(
        v.nullable(v.object({ value: v.pipe(v.number("value.number"), v.finite("value.number")) })),
      ),
    }),
  ),
  custom: v.pipe(v.array(v.unknown(), "custom.json"), v.maxLength(40, "indicator.values.too_many")),
});

const shown = (value: number | null | undefined) =>
  value === null || value === undefined ? "" : String(value).replace(".", locale() === "fr" ? "," : ".");

/** "42 000", "42000", "4,5" → a number; "" → null; anything else stays text, for the schema to name. */
function numberOf(text: string): number | string | null {
  const compact = text.replace(/[\s\u00a0\u202f€]/g, "");
  if (compact === "") return null;
  return /^-?\d+([.,]\d+)?$/.test(compact) ? Number(compact.replace(",", ".")) : text;
}

const textOrNull = (text: string) => (text.trim() === "" ? null : text.trim());

function draftOf(settings: SettingsView): Draft {
  const rows: Record<string, Row> = {};
  for (const d of settings.catalogue) {
    const override = settings.overrides[d.code];
    const target = override?.target;
    rows[d.code] = {
      enabled: override?.enabled ?? d.enabled,
      mode:
        target === undefined ? "default" : target === null ? "none" : "value" in target ? "own" : "default",
      target: target && "value" in target ? targetToText(d.unit, target.value) : "",
    };
  }
  const economics = settings.economics;
  return {
    rows,
    linkWorkerAnnualCostPerFte: shown(economics.linkWorkerAnnualCostPerFte),
    otherAnnualCosts: shown(economics.otherAnnualCosts),
    gpConsultationUnitCost: shown(economics.gpConsultationUnitCost),
    gpConsultationsPerPersonYear: shown(economics.gpConsultationsPerPersonYear),
    unplannedHospitalUnitCost: shown(economics.unplannedHospitalUnitCost),
    unplannedHospitalUsesPerPersonYear: shown(economics.unplannedHospitalUsesPerPersonYear),
    source: economics.source ?? "",
    assumptions: economics.assumptions ?? "",
    custom: JSON.stringify(settings.custom, null, 2),
    version: settings.version,
  };
}

function inputOf(draft: Draft, catalogue: readonly IndicatorDefinition[]) {
  const overrides: Record<string, { enabled?: boolean; target?: { value: number | string } | null }> = {};
  for (const d of catalogue) {
    const row = draft.rows[d.code];
    if (!row) continue;
    const override: { enabled?: boolean; target?: { value: number | string } | null } = {};
    if (row.enabled !== d.enabled) override.enabled = row.enabled;
    if (row.mode === "none") override.target = null;
    if (row.mode === "own") override.target = { value: targetOfText(d.unit, row.target) };
    if (Object.keys(override).length > 0) overrides[d.code] = override;
  }
  let custom: unknown = draft.custom;
  try {
    custom = JSON.parse(draft.custom.trim() === "" ? "[]" : draft.custom);
  } catch {
    // Not JSON: the text itself, which the schema names (custom.json).
  }
  return {
    overrides,
    custom,
    economics: {
      ...Object.fromEntries(FIGURES.map(([figure]) => [figure, numberOf(draft[figure])])),
      source: textOrNull(draft.source),
      assumptions: textOrNull(draft.assumptions),
    },
    version: draft.version,
  };
}

const labelOf = (label: { fr: string; en: string }) => (locale() === "en" ? label.en || label.fr : label.fr);

/** Where an issue of a territory's own indicators is: "custom.3.denominator" (or "3.denominator"). */
function customPath(path: string): { index: number; rest: string } | undefined {
  const match = /^(?:custom\.)?(\d+)(?:\.(.*))?$/.exec(path);
  if (match) return { index: Number(match[1]), rest: match[2] ?? "" };
  return undefined;
}

/**
 * A definition's shape is checked by valibot, whose own texts ("Invalid key: Expected "label" but
 * received undefined") name no message id: a missing field and a wrong type get one here.
 */
function namedIssue(issue: FieldIssue): FieldIssue {
  if (/^Invalid key:/.test(issue.message)) return { ...issue, message: "indicator.field.missing" };
  if (/^Invalid type:/.test(issue.message)) return { ...issue, message: "indicator.field.type" };
  return issue;
}

export function IndicatorSettingsPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const s = () => ti().indicatorSettings;
  return (
    <>
      <PageTitle title={s().title(membership()?.contextName ?? "")} />
      <RequireRole roles={LEADS} contextId={id()}>
        <p class="lead">{s().intro}</p>
        <p>
          <A href={`/territoires/${id()}/indicateurs`}>{s().back}</A>
        </p>
        <Show when={id()} keyed>
          {(territoryId) => <SettingsLoader territoryId={territoryId} />}
        </Show>
      </RequireRole>
    </>
  );
}

function SettingsLoader(props: { territoryId: string }) {
  const settings = createIndicatorSettings(() => props.territoryId);
  return (
    <QueryView query={settings}>
      {(data) => (
        <SettingsEditor
          territoryId={props.territoryId}
          initial={untrack(data)}
          reload={async () => (await settings.refetch()).data}
        />
      )}
    </QueryView>
  );
}

type Status = { kind: "saved" | "reloaded" | "unchanged"; version: number } | undefined;

function SettingsEditor(props: {
  territoryId: string;
  initial: SettingsView;
  reload: () => Promise<SettingsView | undefined>;
}) {
  const territoryId = untrack(() => props.territoryId);
  const [stored, setStored] = createSignal(untrack(() => props.initial));
  const [status, setStatus] = createSignal<Status>();
  const [customIssues, setCustomIssues] = createSignal<FieldIssue[]>([]);
  const save = createSaveIndicatorSettings(() => territoryId);
  const s = () => ti().indicatorSettings;
  const catalogue = () => stored().catalogue;
  const byCode = (code: string) => catalogue().find((d) => d.code === code);
  let conflictBox: HTMLDivElement | undefined;

  const form = createForm({
    id: "indicator-settings",
    keep: `indicator-settings:${territoryId}`,
    schema: SettingsInput,
    initial: () => draftOf(stored()),
    input: (draft) => inputOf(draft, catalogue()),
    labels: () => ({
      overrides: s().catalogue,
      custom: s().customJson,
      economics: s().economics,
    }),
    locate: (path) => {
      const target = /^overrides\.([A-Z0-9_]+)\.(target|enabled)/.exec(path);
      if (target) {
        const code = target[1] ?? "";
        const d = byCode(code);
        const name = d ? labelOf(d.label) : code;
        return target[2] === "enabled"
          ? { id: `indicator-settings-enabled-${code}`, label: s().enabledLabel(name) }
          : { id: `indicator-settings-target-${code}`, label: s().targetValue(name) };
      }
      const economics = /^economics\.(\w+)$/.exec(path);
      if (economics) {
        const field = economics[1] ?? "";
        const label =
          field === "source"
            ? s().source
            : field === "assumptions"
              ? s().assumptions
              : (s().figures[field as Figure] ?? field);
        return { id: `indicator-settings-${field}`, label };
      }
      const custom = path === "custom" ? { index: -1, rest: "" } : customPath(path);
      if (custom) {
        return {
          id: "indicator-settings-custom",
          label: custom.index < 0 ? s().customJson : s().customAt(custom.index + 1, custom.rest),
        };
      }
      return undefined;
    },
    conflict: "indicator_settings.version_conflict",
    send: async (input) => {
      setStatus(undefined);
      setCustomIssues([]);
      try {
        return await save.mutateAsync(input as IndicatorSettingsUpdate);
      } catch (error) {
        if (!(error instanceof ApiError) || error.issues.length === 0) throw error;
        const issues = error.issues.map(namedIssue);
        setCustomIssues(issues.filter((issue) => issue.path !== "custom" && customPath(issue.path)));
        throw new ApiError(error.status, error.code, error.message, error.requestId, issues, error.current);
      }
    },
    done: (result: IndicatorSettings, form) => {
      const next = { ...stored(), ...result };
      if (result.version === form.draft.version) {
        setStatus({ kind: "unchanged", version: result.version });
        return;
      }
      setStored(next);
      form.reset(draftOf(next));
      setStatus({ kind: "saved", version: result.version });
    },
  });

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );
  const reloadCurrent = async () => {
    const latest = await props.reload();
    if (!latest) return;
    setStored(latest);
    form.reset(draftOf(latest));
    setCustomIssues([]);
    setStatus({ kind: "reloaded", version: latest.version });
  };
  const statusText = () => {
    const now = status();
    if (!now) return "";
    if (now.kind === "unchanged") return s().unchanged;
    return now.kind === "saved" ? s().saved(now.version) : s().reloaded(now.version);
  };
  const customErrors = () => {
    const own = form.errorsAt("custom") ?? [];
    const located = customIssues().map((issue) => {
      const at = customPath(issue.path);
      const where = at ? s().customAt(at.index + 1, at.rest) : issue.path;
      return `${where} : ${describeIssue(issue).text}`;
    });
    const all = [...own, ...located];
    return all.length > 0 ? all : undefined;
  };

  return (
    <>
      <p id="indicator-settings-version" class="muted">
        {s().version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="indicator-settings-version">
        <Show when={form.conflict()}>
          <div
            class="alert alert--warning"
            role="alert"
            tabindex="-1"
            ref={conflictBox}
            aria-labelledby="indicator-settings-conflict-title"
          >
            <h2 id="indicator-settings-conflict-title">{s().conflictTitle}</h2>
            <p>{s().conflict}</p>
            <p>
              <button type="button" class="button" onClick={() => void reloadCurrent()}>
                {s().reloadCurrent}
              </button>
            </p>
          </div>
        </Show>
        <fieldset class="form-section" id="indicator-settings-overrides" tabindex="-1">
          <legend>
            <h2>{s().catalogue}</h2>
          </legend>
          <p class="hint">{s().catalogueHint}</p>
          <CatalogueTable form={form} catalogue={catalogue()} />
        </fieldset>

        <fieldset class="form-section" id="indicator-settings-custom-section">
          <legend>
            <h2>{s().custom}</h2>
          </legend>
          <p class="hint">{s().customHint}</p>
          <Show when={stored().custom.length > 0} fallback={<p class="muted">{s().customNone}</p>}>
            <TableWrap label={s().customCaption}>
              <table class="compact">
                <caption class="visually-hidden">{s().customCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s().code}</th>
                    <th scope="col">{s().label}</th>
                    <th scope="col">{s().level}</th>
                    <th scope="col">{s().enabled}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={stored().custom}>
                    {(d) => (
                      <tr>
                        <td>
                          <code>{d.code}</code>
                        </td>
                        <th scope="row">{labelOf(d.label)}</th>
                        <td>{s().levels[d.level]}</td>
                        <td>{d.enabled ? t().app.yes : t().app.no}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
          </Show>
          <Field
            id="indicator-settings-custom"
            label={s().customJson}
            hint={s().customJsonHint}
            errors={customErrors()}
          >
            {(control) => (
              <textarea
                {...control}
                {...form.text("custom")}
                rows={12}
                class="code-input"
                spellcheck={false}
              />
            )}
          </Field>
        </fieldset>

        <fieldset class="form-section" id="indicator-settings-economics" tabindex="-1">
          <legend>
            <h2>{s().economics}</h2>
          </legend>
          <p class="hint">{s().economicsHint}</p>
          <For each={FIGURES}>
            {([figure, unit]) => (
              <Field
                id={`indicator-settings-${figure}`}
                label={`${s().figures[figure]} (${s().figureUnits[unit]})`}
                hint={unit === "perPersonYear" ? s().frequencyHint : s().figureHint(s().figureUnits[unit])}
                errors={form.errorsAt(`economics.${figure}`)}
                optional
              >
                {(control) => (
                  <input
                    {...control}
                    {...form.text(figure)}
                    type="text"
                    inputmode="decimal"
                    class="input--short"
                  />
                )}
              </Field>
            )}
          </For>
          <Field
            id="indicator-settings-source"
            label={s().source}
            hint={s().sourceHint}
            errors={form.errorsAt("economics.source")}
          >
            {(control) => <input {...control} {...form.text("source")} type="text" />}
          </Field>
          <Field
            id="indicator-settings-assumptions"
            label={s().assumptions}
            hint={s().assumptionsHint}
            errors={form.errorsAt("economics.assumptions")}
            optional
          >
            {(control) => <textarea {...control} {...form.text("assumptions")} rows={4} />}
          </Field>
        </fieldset>
        <SubmitButton form={form} label={s().save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
  );
}

/** The catalogue: followed or not, and the target (the catalogue's, none, or the territory's own). */
function CatalogueTable(props: { form: Form<Draft>; catalogue: readonly IndicatorDefinition[] }) {
  const s = () => ti().indicatorSettings;
  const x = () => ti().indicators;
  const defaultTarget = (d: IndicatorDefinition) => {
    if (!d.target) return s().noDefault;
    if ("value" in d.target) return s().defaultTarget(formatValue(d, d.target.value));
    return s().defaultTarget(s().parameters[d.target.parameter] ?? d.target.parameter);
  };
  const symbol = (d: IndicatorDefinition) => (d.unit === "share" ? "%" : unitSymbol(d.unit));
  return (
    <TableWrap label={s().catalogueCaption}>
      <table class="compact settings-catalogue">
        <caption class="visually-hidden">{s().catalogueCaption}</caption>
        <thead>
          <tr>
            <th scope="col">{s().code}</th>
            <th scope="col">{s().label}</th>
            <th scope="col">{s().level}</th>
            <th scope="col">{s().enabled}</th>
            <th scope="col">{s().target}</th>
            <th scope="col">{s().direction}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.catalogue}>
            {(d) => {
              const row = () =>
                props.form.draft.rows[d.code] ?? { enabled: d.enabled, mode: "default", target: "" };
              const targetId = `indicator-settings-target-${d.code}`;
              const hintId = `${targetId}-hint`;
              const errors = () => props.form.errorsAt(`overrides.${d.code}.target.value`);
              return (
                <tr>
                  <td>
                    <code>{d.code}</code>
                  </td>
                  <th scope="row">
                    {labelOf(d.label)}
                    <Show when={d.source.kind === "manual"}>
                      <span class="muted small"> ({s().manual})</span>
                    </Show>
                  </th>
                  <td>{s().levels[d.level]}</td>
                  <td>
                    <input
                      id={`indicator-settings-enabled-${d.code}`}
                      type="checkbox"
                      checked={row().enabled}
                      aria-label={s().enabledLabel(labelOf(d.label))}
                      onChange={(event) =>
                        props.form.set("rows", d.code, "enabled", event.currentTarget.checked)
                      }
                    />
                  </td>
                  <td classList={{ "field--invalid": errors() !== undefined }}>
                    <div class="target-control">
                      <select
                        id={`indicator-settings-mode-${d.code}`}
                        aria-label={s().targetMode(labelOf(d.label))}
                        aria-describedby={hintId}
                        onChange={(event) =>
                          props.form.set("rows", d.code, "mode", event.currentTarget.value as TargetMode)
                        }
                      >
                        <For each={["default", "none", "own"] as const}>
                          {(mode) => (
                            <option value={mode} selected={row().mode === mode}>
                              {s().targetModes[mode]}
                            </option>
                          )}
                        </For>
                      </select>
                      <Show when={row().mode === "own"}>
                        <span class="nowrap">
                          <input
                            id={targetId}
                            type="text"
                            inputmode="decimal"
                            class="input--short"
                            value={row().target}
                            aria-label={s().targetValue(labelOf(d.label))}
                            aria-invalid={errors() ? "true" : undefined}
                            aria-describedby={errors() ? `${hintId} ${targetId}-error` : hintId}
                            onInput={(event) =>
                              props.form.set("rows", d.code, "target", event.currentTarget.value)
                            }
                          />
                          <Show when={symbol(d)}>{(unit) => <span> {unit()}</span>}</Show>
                        </span>
                      </Show>
                    </div>
                    <Show when={errors()}>
                      {(list) => (
                        <ul id={`${targetId}-error`} class="field-errors">
                          <For each={list()}>{(error) => <li>{error}</li>}</For>
                        </ul>
                      )}
                    </Show>
                    <p id={hintId} class="hint small">
                      {defaultTarget(d)}
                    </p>
                  </td>
                  <td>{d.direction ? x().directions[d.direction] : x().directions.none}</td>
                </tr>
              );
            }}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
