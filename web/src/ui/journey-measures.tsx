import {
  type Change,
  type CustomMeasureDefinition,
  change,
  type InstrumentInfo,
  infoOf,
  lonelinessFrequencies,
  type Ons4Change,
  type Ons4Score,
  ons4Questions,
  parseAnswers,
  type SwemwbsScore,
  type Ucla3Score,
  type WemwbsScore,
} from "@maillage/measures";
import { MeasureInput, measureIssues, type Pathway, timepoints } from "@maillage/schema";
import { createMemo, createSignal, For, Show, untrack } from "solid-js";
import { createAddMeasure, type JourneyView } from "../data/journeys";
import { formatDate, formatNumber, label, t } from "../i18n";
import { createForm, FormView, StatusMessage, SubmitButton } from "./form";
import { todayInFrance } from "./journey-draft";
import { ConflictNotice, createConflictReload } from "./journey-events";
import { InputField, SelectField, withoutPrefix } from "./journey-fields";
import { options } from "./link-worker-draft";
import { measureLabel } from "./pathway";
import { TableWrap } from "./table";

type StoredMeasure = JourneyView["measures"][number];
type Score = StoredMeasure["score"];

/** The instruments a journey is measured with: those its pathway's steps name, and any already recorded. */
export function journeyInstruments(pathway: Pick<Pathway, "steps"> | undefined, journey: JourneyView) {
  const codes = (pathway?.steps ?? []).filter((step) => !step.retired).flatMap((step) => step.instruments);
  return [...new Set([...codes, ...journey.measures.map((measure) => measure.instrument)])];
}

const signed = (value: number) => `${value > 0 ? "+" : value < 0 ? "−" : ""}${formatNumber(Math.abs(value))}`;

/** The server's score, as the instrument reads it (ONS4: four answers with bands, never a total). */
export function scoreText(instrument: string, score: Score): string {
  const m = t().journeys.measures;
  switch (instrument) {
    case "WEMWBS": {
      const s = score as unknown as WemwbsScore;
      return m.wemwbsScore(formatNumber(s.total));
    }
    case "SWEMWBS": {
      const s = score as unknown as SwemwbsScore;
      return m.swemwbsScore(formatNumber(s.raw), formatNumber(s.metric));
    }
    case "ONS4": {
      const s = score as unknown as Ons4Score;
      return ons4Questions
        .map((question) => {
          const answer = s[question];
          const band =
            question === "anxiety"
              ? m.anxietyBands[answer.band as keyof typeof m.anxietyBands]
              : m.bands[answer.band as keyof typeof m.bands];
          return m.ons4Answer(m.ons4[question], formatNumber(answer.value), band ?? answer.band);
        })
        .join(" · ");
    }
    case "UCLA3": {
      const s = score as unknown as Ucla3Score;
      return m.ucla3Score(formatNumber(s.total), m.direct[s.direct] ?? s.direct);
    }
    default:
      return typeof score.total === "number" ? m.customScore(formatNumber(score.total)) : "—";
  }
}

function changeWords(delta: Change, info: InstrumentInfo | undefined): string {
  const m = t().journeys.measures;
  const rule = info?.changeRule;
  const parts = [
    delta.delta === 0 ? m.noChange : delta.improved ? m.improved : m.worsened,
    ...(delta.meaningful === null || !rule?.meaningful
      ? []
      : [
          delta.meaningful
            ? m.meaningful(formatNumber(rule.meaningful.points))
            : m.notMeaningful(formatNumber(rule.meaningful.points)),
        ]),
    ...(delta.reliable === null || !rule?.reliable
      ? []
      : [
          delta.reliable
            ? m.reliable(formatNumber(rule.reliable.points))
            : m.notReliable(formatNumber(rule.reliable.points)),
        ]),
  ];
  return m.changeSummary(m.points(signed(delta.delta)), parts.join(" ; "));
}

/** The change from the baseline to the latest follow-up, read with the instrument's own rule. */
export function changeText(
  instrument: string,
  baseline: StoredMeasure,
  followUp: StoredMeasure,
  info: InstrumentInfo | undefined,
): string | undefined {
  const m = t().journeys.measures;
  try {
    const result = change(instrument as never, baseline.score as never, followUp.score as never) as
      | Change
      | Ons4Change;
    if (instrument === "ONS4") {
      const ons = result as Ons4Change;
      return ons4Questions
        .map((question) => {
          const delta = ons[question];
          const way = delta.delta === 0 ? m.noChange : delta.improved ? m.improved : m.worsened;
          return `${m.ons4[question]} ${m.points(signed(delta.delta))} (${way})`;
        })
        .join(" · ");
    }
    return changeWords(result as Change, info);
  } catch {
    // Scores the module cannot compare (a custom measure whose definition changed): no change shown.
    return undefined;
  }
}

/** The measures of the journey, one section per instrument, each with its form. */
export function MeasuresSection(props: {
  territoryId: string;
  journey: JourneyView;
  pathway: Pathway | undefined;
  customMeasures: readonly CustomMeasureDefinition[];
}) {
  const m = () => t().journeys.measures;
  const instruments = createMemo(() => journeyInstruments(props.pathway, props.journey));
  return (
    <>
      <p class="hint">{m().help}</p>
      <Show when={instruments().length > 0} fallback={<p class="muted">{m().none}</p>}>
        <For each={instruments()}>
          {(code) => (
            <InstrumentMeasures
              territoryId={props.territoryId}
              journey={props.journey}
              pathway={props.pathway}
              code={code}
              info={infoOf(code, props.customMeasures)}
              customMeasures={props.customMeasures}
            />
          )}
        </For>
      </Show>
    </>
  );
}

const idOf = (code: string) => `measure-${code.replace(/[^A-Za-z0-9_-]/g, "-")}`;

function InstrumentMeasures(props: {
  territoryId: string;
  journey: JourneyView;
  pathway: Pathway | undefined;
  code: string;
  info: InstrumentInfo | undefined;
  customMeasures: readonly CustomMeasureDefinition[];
}) {
  const m = () => t().journeys.measures;
  const recorded = () => props.journey.measures.filter((measure) => measure.instrument === props.code);
  const stepName = (stepId: string | null) =>
    stepId ? (props.pathway?.steps.find((step) => step.id === stepId)?.name ?? "—") : "—";
  const baseline = () => recorded().find((measure) => measure.timepoint === "baseline");
  const followUp = () =>
    recorded()
      .filter((measure) => measure.timepoint === "follow_up")
      .at(-1);
  const evolution = () => {
    const before = baseline();
    const after = followUp();
    return before && after ? changeText(props.code, before, after, props.info) : undefined;
  };
  const id = () => idOf(props.code);
  return (
    <section class="panel" aria-labelledby={`${id()}-title`}>
      <h3 id={`${id()}-title`}>{measureLabel(props.code)}</h3>
      <Show when={recorded().length > 0} fallback={<p class="muted">{m().noneRecorded}</p>}>
        <TableWrap label={m().caption(measureLabel(props.code))}>
          <table>
            <caption class="visually-hidden">{m().caption(measureLabel(props.code))}</caption>
            <thead>
              <tr>
                <th scope="col">{m().timepoint}</th>
                <th scope="col">{m().date}</th>
                <th scope="col">{m().step}</th>
                <th scope="col">{m().score}</th>
              </tr>
            </thead>
            <tbody>
              <For each={recorded()}>
                {(measure) => (
                  <tr>
                    <th scope="row">{label("timepoints", measure.timepoint)}</th>
                    <td class="nowrap">{formatDate(measure.date)}</td>
                    <td>{stepName(measure.stepId)}</td>
                    <td>{scoreText(props.code, measure.score)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </Show>
      <Show when={evolution()}>
        {(text) => (
          <p id={`${id()}-change`}>
            <strong>{m().change}</strong> {text()}
          </p>
        )}
      </Show>
      <Show when={props.info}>
        {(info) => (
          <MeasureForm
            territoryId={props.territoryId}
            journey={props.journey}
            pathway={props.pathway}
            info={info()}
            customMeasures={props.customMeasures}
          />
        )}
      </Show>
    </section>
  );
}

interface MeasureDraft {
  timepoint: string;
  date: string;
  stepId: string;
  items: string[];
  ons: Record<(typeof ons4Questions)[number], string>;
  direct: string;
}

const answer = (text: string): number | null => {
  const cleaned = text.replace(/[\s\u202f]/g, "");
  if (cleaned === "") return null;
  return /^-?\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
};

/** The answer set the API takes for the instrument (without `instrument`), from what was typed. */
function answersOf(instrument: string, draft: MeasureDraft): Record<string, unknown> {
  if (instrument === "ONS4") {
    return { answers: Object.fromEntries(ons4Questions.map((q) => [q, answer(draft.ons[q])])) };
  }
  const items = draft.items.map(answer);
  if (instrument === "UCLA3") return { items, direct: draft.direct || undefined };
  return { items };
}

function MeasureForm(props: {
  territoryId: string;
  journey: JourneyView;
  pathway: Pathway | undefined;
  info: InstrumentInfo;
  customMeasures: readonly CustomMeasureDefinition[];
}) {
  const m = () => t().journeys.measures;
  const code = untrack(() => props.info.instrument);
  const prefix = `${idOf(code)}-form`;
  const add = createAddMeasure(
    () => props.territoryId,
    () => props.journey.id,
  );
  const [saved, setSaved] = createSignal("");
  const steps = () =>
    (props.pathway?.steps ?? []).filter((step) => !step.retired && step.instruments.includes(code));
  const stepFor = (timepoint: string) => (timepoint === "baseline" ? steps()[0] : steps().at(-1))?.id ?? "";
  const initial = (journey: JourneyView): MeasureDraft => {
    const timepoint = journey.measures.some((x) => x.instrument === code && x.timepoint === "baseline")
      ? "follow_up"
      : "baseline";
    return {
      timepoint,
      date: todayInFrance(),
      stepId: stepFor(timepoint),
      items: Array.from({ length: props.info.itemCount }, () => ""),
      ons: { life_satisfaction: "", worthwhile: "", happiness: "", anxiety: "" },
      direct: "",
    };
  };
  const range = () => props.info.itemRange;
  const itemLabel = (index: number) => m().item(index + 1);
  const locate = (path: string) => {
    const item = /^answers\.items\.(\d+)$/.exec(path);
    if (item) return { id: `${prefix}-item-${item[1]}`, label: itemLabel(Number(item[1])) };
    const ons = /^answers\.answers\.(\w+)$/.exec(path);
    if (ons) {
      const question = ons[1] as (typeof ons4Questions)[number];
      return { id: `${prefix}-ons-${question}`, label: m().ons4[question] ?? question };
    }
    if (path === "answers.direct") return { id: `${prefix}-direct`, label: m().directQuestion };
    if (path.startsWith("answers")) {
      const first = code === "ONS4" ? `${prefix}-ons-life_satisfaction` : `${prefix}-item-0`;
      return { id: first, label: m().answers };
    }
    return undefined;
  };
  const form = createForm({
    id: prefix,
    schema: MeasureInput,
    initial: () => initial(untrack(() => props.journey)),
    labels: () => ({
      timepoint: m().timepoint,
      date: m().date,
      stepId: m().step,
      answers: m().answers,
      instrument: measureLabel(code),
    }),
    input: (draft) => ({
      instrument: code,
      timepoint: draft.timepoint,
      date: draft.date,
      stepId: draft.stepId || null,
      answers: answersOf(code, draft),
    }),
    locate,
    // The scoring module's checks and the dates' rules, as the API runs them, before anything is sent.
    check: (measure) => {
      const parsed = parseAnswers({ ...measure.answers, instrument: code }, props.customMeasures);
      const answerIssues = parsed.success
        ? []
        : parsed.issues.map((issue) => ({ ...issue, path: `answers.${issue.path}` }));
      const index = props.journey.measures.length;
      const prefixOf = `measures.${index}.`;
      const dateIssues = measureIssues(
        [...props.journey.measures, measure],
        props.journey.events,
        todayInFrance(),
      ).flatMap((issue) =>
        issue.path.startsWith(prefixOf) ? [{ ...issue, path: issue.path.slice(prefixOf.length) }] : [],
      );
      return [...dateIssues, ...answerIssues];
    },
    conflict: "journey.version_conflict",
    send: async (measure) => {
      setSaved("");
      try {
        return await add.mutateAsync({ measure, version: props.journey.version });
      } catch (error) {
        throw withoutPrefix(error, "measure");
      }
    },
    done: (journey, form) => {
      const stored = journey.measures.filter((x) => x.instrument === code).at(-1);
      form.reset(initial(journey));
      if (stored) {
        setSaved(
          m().saved(measureLabel(code), label("timepoints", stored.timepoint), scoreText(code, stored.score)),
        );
      }
    },
  });
  createConflictReload(() => props.territoryId, form.conflict);
  const itemHint = () => m().itemsHint(formatNumber(range().min), formatNumber(range().max));
  return (
    <FormView form={form}>
      <h4>{m().formTitle(measureLabel(code))}</h4>
      <ConflictNotice form={form} id={`${prefix}-conflict`} />
      <div class="field-row">
        <SelectField
          id={form.id("timepoint")}
          label={m().timepoint}
          value={form.draft.timepoint}
          options={options("timepoints", timepoints)}
          onChange={(value) => {
            form.set("timepoint", value);
            form.set("stepId", stepFor(value));
          }}
          errors={form.errors("timepoint")}
        />
        <InputField
          id={form.id("date")}
          label={m().date}
          type="date"
          value={form.draft.date}
          onInput={(value) => form.set("date", value)}
          errors={form.errors("date")}
          short
        />
        <SelectField
          id={form.id("stepId")}
          label={m().step}
          value={form.draft.stepId}
          options={(props.pathway?.steps ?? [])
            .filter((step) => !step.retired)
            .map((step) => ({ value: step.id, label: step.name }))}
          empty={m().noStep}
          onChange={(value) => form.set("stepId", value)}
          errors={form.errors("stepId")}
        />
      </div>
      <fieldset class="fieldset">
        <legend>{m().answers}</legend>
        <p class="hint" id={`${prefix}-answers-hint`}>
          {code === "ONS4" ? m().ons4Hint : code === "UCLA3" ? m().ucla3Hint : itemHint()}
        </p>
        <Show
          when={code === "ONS4"}
          fallback={
            <div class="field-row">
              <For each={form.draft.items}>
                {(value, index) => (
                  <InputField
                    id={`${prefix}-item-${index()}`}
                    label={itemLabel(index())}
                    value={value}
                    onInput={(text) => form.set("items", index(), text)}
                    errors={form.errorsAt(`answers.items.${index()}`)}
                    inputmode="numeric"
                    short
                  />
                )}
              </For>
            </div>
          }
        >
          <div class="field-row">
            <For each={ons4Questions}>
              {(question) => (
                <InputField
                  id={`${prefix}-ons-${question}`}
                  label={m().ons4Input(m().ons4[question])}
                  value={form.draft.ons[question]}
                  onInput={(text) => form.set("ons", question, text)}
                  errors={form.errorsAt(`answers.answers.${question}`)}
                  inputmode="numeric"
                  short
                />
              )}
            </For>
          </div>
        </Show>
        <Show when={code === "UCLA3"}>
          <SelectField
            id={`${prefix}-direct`}
            label={m().directQuestion}
            value={form.draft.direct}
            options={lonelinessFrequencies.map((value) => ({ value, label: m().direct[value] }))}
            onChange={(value) => form.set("direct", value)}
            errors={form.errorsAt("answers.direct")}
          />
        </Show>
      </fieldset>
      <SubmitButton form={form} label={m().save(measureLabel(code))} />
      <StatusMessage>{saved()}</StatusMessage>
    </FormView>
  );
}
