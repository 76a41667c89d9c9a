import {
  type IndicatorDefinition,
  type ManualValue,
  ManualValueWrite,
  PeriodCode,
  type PeriodLock,
  PeriodLockBody,
  PeriodUnlockBody,
} from "@maillage/indicators";
import { A, useParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import * as v from "valibot";
import { ApiError, isApiError } from "../api";
import {
  createIndicatorSettings,
  createLockPeriod,
  createManualValues,
  createPeriodLocks,
  createSaveManualValue,
  createUnlockPeriod,
} from "../data/indicators";
import { createMembership } from "../data/session";
import { formatDateTime, locale, t } from "../i18n";
import { ti } from "../i18n/indicators";
import { RequireRole } from "../ui/access";
import { createForm, Field, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { dateOf, formatValue, periodWithCode, unitSymbol } from "../ui/indicator-format";
import { todayInFrance } from "../ui/journey-draft";
import { PageTitle } from "../ui/page";
import { parsePeriodCode } from "../ui/periods";
import { errorMessage, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

const LEADS = ["territory_lead"] as const;

const labelOf = (label: { fr: string; en: string }) => (locale() === "en" ? label.en || label.fr : label.fr);
const textOrNull = (text: string) => (text.trim() === "" ? null : text.trim());

/**
 * Some refusals of the API are about one field of the form (the period is locked, already locked):
 * they become that field's issue, with the period named, like the console's own checks.
 */
function asIssue(error: unknown, codes: readonly string[], path: string): unknown {
  if (!(error instanceof ApiError) || !codes.includes(error.code)) return error;
  return new ApiError(
    400,
    "input.invalid",
    error.message,
    error.requestId,
    [{ path, message: error.code }],
    undefined,
  );
}

export function PeriodsPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const p = () => ti().periodLocks;
  return (
    <>
      <PageTitle title={p().title(membership()?.contextName ?? "")} />
      <RequireRole roles={LEADS} contextId={id()}>
        <p class="lead">{p().intro}</p>
        <p>
          <A href={`/territoires/${id()}/indicateurs`}>{p().back}</A>
        </p>
        <Show when={id()} keyed>
          {(territoryId) => (
            <>
              <Locks territoryId={territoryId} />
              <LockForm territoryId={territoryId} />
              <ManualValues territoryId={territoryId} />
            </>
          )}
        </Show>
      </RequireRole>
    </>
  );
}

// --- Locks -----------------------------------------------------------------------------------------

function Locks(props: { territoryId: string }) {
  const p = () => ti().periodLocks;
  const locks = createPeriodLocks(() => props.territoryId);
  const [message, setMessage] = createSignal("");
  let heading: HTMLHeadingElement | undefined;
  const unlocked = (text: string) => {
    setMessage(text);
    // The row goes: the focus goes back to the list's heading, the message is announced.
    queueMicrotask(() => heading?.focus());
  };
  return (
    <section class="panel panel--wide" aria-labelledby="periods-locked-title">
      <h2 id="periods-locked-title" tabindex="-1" ref={heading}>
        {p().locked}
      </h2>
      <StatusMessage>{message()}</StatusMessage>
      <QueryView query={locks} isEmpty={(data) => data.items.length === 0} empty={p().none}>
        {(data) => (
          <TableWrap label={p().lockedCaption}>
            <table>
              <caption class="visually-hidden">{p().lockedCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{p().period}</th>
                  <th scope="col">{p().lockedAt}</th>
                  <th scope="col">{p().lockedBy}</th>
                  <th scope="col">{p().reason}</th>
                  <th scope="col">{p().actions}</th>
                </tr>
              </thead>
              <tbody>
                <For each={data().items}>
                  {(lock: PeriodLock) => (
                    <tr>
                      <th scope="row">{periodWithCode(lock.period)}</th>
                      <td>{formatDateTime(lock.lockedAt)}</td>
                      <td>{lock.lockedByName ?? ti().indicators.status.lockedBy}</td>
                      <td>{lock.reason ?? p().noReason}</td>
                      <td>
                        <UnlockControl
                          territoryId={props.territoryId}
                          period={lock.period}
                          unlocked={unlocked}
                        />
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
    </section>
  );
}

/** "Déverrouiller", then the reason (required, kept in the journal) in place, and a confirmation. */
function UnlockControl(props: { territoryId: string; period: string; unlocked: (message: string) => void }) {
  const p = () => ti().periodLocks;
  const [open, setOpen] = createSignal(false);
  let button: HTMLButtonElement | undefined;
  return (
    <Show
      when={open()}
      fallback={
        <button
          type="button"
          class="button button--secondary button--small"
          ref={button}
          aria-label={p().unlockLabel(periodWithCode(props.period))}
          onClick={() => setOpen(true)}
        >
          {p().unlock}
        </button>
      }
    >
      <UnlockForm
        territoryId={props.territoryId}
        period={props.period}
        cancel={() => {
          setOpen(false);
          queueMicrotask(() => button?.focus());
        }}
        unlocked={props.unlocked}
      />
    </Show>
  );
}

function UnlockForm(props: {
  territoryId: string;
  period: string;
  cancel: () => void;
  unlocked: (message: string) => void;
}) {
  const p = () => ti().periodLocks;
  const period = untrack(() => props.period);
  const unlock = createUnlockPeriod(() => props.territoryId);
  const domId = `unlock-${period}`;
  const form = createForm({
    id: domId,
    schema: PeriodUnlockBody,
    initial: () => ({ reason: "" }),
    labels: () => ({ reason: p().unlockReason(period) }),
    send: async (input) => {
      try {
        await unlock.mutateAsync({ period, reason: input.reason });
        return p().unlocked(periodWithCode(period));
      } catch (error) {
        // Someone unlocked it meanwhile: the outcome is the one asked for.
        if (isApiError(error, "period.not_locked")) return p().notLocked(periodWithCode(period));
        throw error;
      }
    },
    done: (message) => props.unlocked(message),
  });
  return (
    <div
      class="confirm"
      on:keydown={(event) => {
        if (event.key === "Escape") props.cancel();
      }}
    >
      <FormView form={form}>
        <Field
          {...form.field("reason")}
          label={p().unlockReason(periodWithCode(period))}
          hint={p().unlockReasonHint}
        >
          {(control) => (
            <textarea
              {...control}
              {...form.text("reason")}
              rows={3}
              ref={(element) => queueMicrotask(() => element.focus())}
            />
          )}
        </Field>
        <p class="confirm__actions">
          <button type="submit" class="button button--danger button--small" aria-disabled={form.pending()}>
            {form.pending() ? t().form.saving : p().unlockConfirm}
          </button>
          <button type="button" class="button button--quiet button--small" onClick={props.cancel}>
            {p().cancel}
          </button>
        </p>
      </FormView>
    </div>
  );
}

const LockInput = v.object({ period: PeriodCode, reason: PeriodLockBody.entries.reason });

function LockForm(props: { territoryId: string }) {
  const p = () => ti().periodLocks;
  const lock = createLockPeriod(() => props.territoryId);
  const [message, setMessage] = createSignal("");
  const form = createForm({
    id: "period-lock",
    schema: LockInput,
    initial: () => ({ period: "", reason: "" }),
    input: (draft) => ({ period: draft.period.trim(), reason: textOrNull(draft.reason) }),
    labels: () => ({ period: p().lockPeriod, reason: p().lockReason }),
    subject: (draft, path) => (path === "period" ? draft.period.trim() : undefined),
    send: async (input) => {
      setMessage("");
      try {
        await lock.mutateAsync({ period: input.period, reason: input.reason ?? null });
        return input.period;
      } catch (error) {
        const field = asIssue(error, ["period.already_locked"], "period");
        throw asIssue(field, ["batch.conflict", "indicators.rebuilding"], "");
      }
    },
    done: (period, form) => {
      form.reset();
      setMessage(p().lockedDone(periodWithCode(period)));
    },
  });
  return (
    <section class="panel panel--wide" aria-labelledby="period-lock-title">
      <h2 id="period-lock-title">{p().lockTitle}</h2>
      <FormView form={form}>
        <Field {...form.field("period")} label={p().lockPeriod} hint={p().periodHint}>
          {(control) => (
            <input
              {...control}
              {...form.text("period")}
              type="text"
              class="input--short"
              autocomplete="off"
            />
          )}
        </Field>
        <Field {...form.field("reason")} label={p().lockReason} hint={p().lockReasonHint} optional>
          {(control) => <textarea {...control} {...form.text("reason")} rows={2} />}
        </Field>
        <SubmitButton form={form} label={p().lock} />
        <StatusMessage>{message()}</StatusMessage>
      </FormView>
    </section>
  );
}

// --- Manual values ---------------------------------------------------------------------------------

function ManualValues(props: { territoryId: string }) {
  const p = () => ti().periodLocks;
  const settings = createIndicatorSettings(() => props.territoryId);
  return (
    <section class="panel panel--wide" aria-labelledby="manual-values-title">
      <h2 id="manual-values-title">{p().values}</h2>
      <p>{p().valuesIntro}</p>
      <QueryView query={settings}>
        {(data) => {
          const manual = createMemo(() =>
            [...data().catalogue, ...data().custom].filter((d) => d.source.kind === "manual"),
          );
          return (
            <Show when={manual().length > 0} fallback={<p class="muted">{p().noManual}</p>}>
              <For each={manual()}>
                {(definition) => (
                  <ManualIndicator
                    territoryId={props.territoryId}
                    definition={definition}
                    catalogue={data().catalogue.some((d) => d.code === definition.code)}
                  />
                )}
              </For>
            </Show>
          );
        }}
      </QueryView>
    </section>
  );
}

interface ValueDraft {
  period: string;
  value: string;
  source: string;
  asOf: string;
  note: string;
}

const emptyValue = (): ValueDraft => ({ period: "", value: "", source: "", asOf: todayInFrance(), note: "" });

/** "-25", "−25", "-25,5", "1.5" → a number; anything else stays text, for the schema to name. */
function numberOf(text: string): number | string {
  const compact = text.replace(/[\s\u00a0\u202f%]/g, "").replace("\u2212", "-");
  return /^[-+]?\d+([.,]\d+)?$/.test(compact) ? Number(compact.replace(",", ".")) : text;
}

function ManualIndicator(props: {
  territoryId: string;
  definition: IndicatorDefinition;
  catalogue: boolean;
}) {
  const p = () => ti().periodLocks;
  const d = () => props.definition;
  const code = untrack(() => props.definition.code);
  const values = createManualValues(
    () => props.territoryId,
    () => code,
  );
  const save = createSaveManualValue(
    () => props.territoryId,
    () => code,
  );
  const [message, setMessage] = createSignal("");
  const items = () => values.data?.items ?? [];
  const existing = (period: string) => items().find((item) => item.period === period.trim());
  const domId = `manual-${code}`;
  const kinds = () =>
    d()
      .periods.map((kind) => p().kinds[kind] ?? kind)
      .join(p().or);
  const unit = () => unitSymbol(d().unit);
  const provenance = () => {
    const source = d().source;
    return source.kind === "manual" ? source.provenance : undefined;
  };
  const periodHint = () => {
    const list = d()
      .periods.map((kind) => p().periodExamples[kind])
      .join(p().or);
    return `${list.charAt(0).toUpperCase()}${list.slice(1)}.`;
  };
  let conflictBox: HTMLDivElement | undefined;

  const form = createForm({
    id: domId,
    schema: ManualValueWrite,
    initial: emptyValue,
    input: (draft) => ({
      period: draft.period.trim(),
      value: numberOf(draft.value),
      source: draft.source,
      asOf: draft.asOf,
      note: textOrNull(draft.note),
      version: existing(draft.period)?.version ?? 0,
    }),
    labels: () => ({
      period: p().period,
      value: p().value,
      source: p().source,
      asOf: p().asOf,
      note: p().note,
    }),
    subject: (draft, path) => (path === "period" ? draft.period.trim() : undefined),
    check: (value) => {
      const kind = parsePeriodCode(value.period)?.kind;
      return kind && d().periods.includes(kind)
        ? []
        : [{ path: "period", message: "period.kind.not_supported" }];
    },
    conflict: "indicator_value.version_conflict",
    send: async (input) => {
      setMessage("");
      try {
        return await save.mutateAsync(input);
      } catch (error) {
        throw asIssue(error, ["period.locked"], "period");
      }
    },
    done: (saved: ManualValue, form) => {
      form.reset();
      setMessage(p().saved(periodWithCode(saved.period)));
    },
  });

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );

  const replace = (item: ManualValue) => {
    form.reset({
      period: item.period,
      value: String(item.value).replace(".", locale() === "fr" ? "," : "."),
      source: item.source,
      asOf: item.asOf.slice(0, 10),
      note: item.note ?? "",
    });
    queueMicrotask(() => document.getElementById(form.id("value"))?.focus());
  };

  const replaced = () => {
    const period = form.draft.period.trim();
    return period ? existing(period) : undefined;
  };

  return (
    <section class="manual-indicator" aria-labelledby={`${domId}-title`}>
      <h3 id={`${domId}-title`}>{labelOf(d().label)}</h3>
      <p class="muted">
        <code>{code}</code>
        {" · "}
        {p().periodsAllowed(kinds())}
        <Show when={provenance()}>
          {(source) => (
            <>
              {" "}
              {p().expectedLabel}{" "}
              <span lang={props.catalogue && locale() !== "en" ? "en" : undefined}>{source()}</span>
            </>
          )}
        </Show>
      </p>
      <QueryView query={values} isEmpty={(data) => data.items.length === 0} empty={p().noValue}>
        {(data) => (
          <TableWrap label={p().valuesCaption(labelOf(d().label))}>
            <table class="compact">
              <caption class="visually-hidden">{p().valuesCaption(labelOf(d().label))}</caption>
              <thead>
                <tr>
                  <th scope="col">{p().period}</th>
                  <th scope="col" class="numeric">
                    {p().value}
                  </th>
                  <th scope="col">{p().source}</th>
                  <th scope="col">{p().asOf}</th>
                  <th scope="col">{p().note}</th>
                  <th scope="col">{p().enteredBy}</th>
                  <th scope="col">{p().actions}</th>
                </tr>
              </thead>
              <tbody>
                <For each={data().items}>
                  {(item) => (
                    <tr>
                      <th scope="row">{periodWithCode(item.period)}</th>
                      <td class="numeric">{formatValue(d(), item.value)}</td>
                      <td>{item.source}</td>
                      <td>{dateOf(item.asOf)}</td>
                      <td>{item.note ?? "—"}</td>
                      <td>
                        {p().enteredByOn(
                          item.enteredByName ?? ti().indicators.tile.someone,
                          dateOf(item.enteredAt),
                        )}
                      </td>
                      <td>
                        <button
                          type="button"
                          class="button button--secondary button--small"
                          aria-label={p().replaceLabel(periodWithCode(item.period))}
                          onClick={() => replace(item)}
                        >
                          {p().replace}
                        </button>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
        )}
      </QueryView>
      <h4 id={`${domId}-form-title`}>{p().formTitle(labelOf(d().label))}</h4>
      <FormView form={form}>
        <Show when={form.conflict()}>
          <div class="alert alert--warning" role="alert" tabindex="-1" ref={conflictBox}>
            <p>{p().conflict}</p>
          </div>
        </Show>
        <div class="field-row field-row--top">
          <Field {...form.field("period")} label={p().period} hint={periodHint()}>
            {(control) => (
              <input
                {...control}
                {...form.text("period")}
                type="text"
                class="input--short"
                autocomplete="off"
              />
            )}
          </Field>
          <Field
            {...form.field("value")}
            label={unit() ? `${p().value} (${unit()})` : p().value}
            hint={unit() === "%" ? p().valueHint(unit()) : p().valueHintPlain}
          >
            {(control) => (
              <input
                {...control}
                {...form.text("value")}
                type="text"
                inputmode="decimal"
                class="input--short"
              />
            )}
          </Field>
        </div>
        <Show when={replaced()}>
          {(item) => <p class="notice">{p().replaces(periodWithCode(item().period), item().version)}</p>}
        </Show>
        <Field {...form.field("source")} label={p().source} hint={p().sourceHint}>
          {(control) => <input {...control} {...form.text("source")} type="text" />}
        </Field>
        <Field {...form.field("asOf")} label={p().asOf} hint={p().asOfHint}>
          {(control) => <input {...control} {...form.text("asOf")} type="date" class="input--short" />}
        </Field>
        <Field {...form.field("note")} label={p().note} optional>
          {(control) => <textarea {...control} {...form.text("note")} rows={2} />}
        </Field>
        <SubmitButton form={form} label={p().save} />
        <StatusMessage>{message()}</StatusMessage>
      </FormView>
      <Show when={values.isError && values.data}>
        <p class="alert alert--error">{errorMessage(values.error)}</p>
      </Show>
    </section>
  );
}
