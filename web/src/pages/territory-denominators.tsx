import {
  type AuditChange,
  ageBands,
  cellKey,
  type DenominatorCommune,
  type Denominators,
  type DenominatorsPreview,
  DenominatorsUpdate,
  denominatorsIssues,
  type PopulationCell,
  populationCellKeys,
  populationSexes,
} from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import { isApiError } from "../api";
import {
  createDenominators,
  createSaveDenominators,
  DENOMINATORS_FILE_MAX_BYTES,
  denominatorKeys,
  formatOfFile,
  previewFile,
  templateUrl,
} from "../data/denominators";
import { createMembership } from "../data/session";
import { densityLabel, formatNumber, formatPercent, t } from "../i18n";
import { type DescribeChange, History, isEmptyValue, showValue } from "../ui/audit";
import { createForm, Field, type Form, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { describeIssue } from "../ui/issues";
import { PageTitle } from "../ui/page";
import { errorMessage, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

/** What the lead types: text, turned into numbers only when the form is checked. */
interface Draft {
  counts: Record<string, string>;
  qpvPopulation: string;
  sourceLabel: string;
  sourceYear: string;
  sourceUrl: string;
  version: number;
}

const shown = (count: number | null) => (count === null ? "" : String(count));

const draftOf = (data: Denominators): Draft => ({
  counts: Object.fromEntries(data.population.map((cell) => [cellKey(cell), shown(cell.count)])),
  qpvPopulation: shown(data.qpvPopulation),
  sourceLabel: data.source?.label ?? "",
  sourceYear: data.source ? String(data.source.year) : "",
  sourceUrl: data.source?.url ?? "",
  version: data.version,
});

/**
 * "12 500", "12500", "1 234" → a number; "" → null (not entered); anything else stays text, so that
 * the shared schema names the problem (`population.number`).
 */
function numberOf(text: string): number | string | null {
  const compact = text.replace(/[\s\u00a0\u202f]/g, "");
  if (compact === "") return null;
  return /^-?\d+([.,]\d+)?$/.test(compact) ? Number(compact.replace(",", ".")) : text;
}

const inputOf = (draft: Draft) => {
  const label = draft.sourceLabel.trim();
  const year = draft.sourceYear.trim();
  const url = draft.sourceUrl.trim();
  return {
    population: populationCellKeys.map((key) => ({
      ...key,
      count: numberOf(draft.counts[cellKey(key)] ?? ""),
    })),
    qpvPopulation: numberOf(draft.qpvPopulation),
    source:
      label === "" && year === "" && url === ""
        ? null
        : { label, year: numberOf(year), ...(url ? { url } : {}) },
    version: draft.version,
  };
};

const cellDomId = (cell: { sex: string; ageBand: string }) =>
  `denominators-cell-${cell.sex}-${cell.ageBand.replace("+", "plus")}`;

const sexName = (sex: string) => t().denominators.sexes[sex] ?? sex;
const cellName = (cell: { sex: string; ageBand: string }) =>
  t().denominators.cell(sexName(cell.sex), t().denominators.ageBand(cell.ageBand));

/** The cells of one sex and age band, in the grid's order. */
const indexOf = (sex: string, ageBand: string) =>
  populationCellKeys.findIndex((key) => key.sex === sex && key.ageBand === ageBand);

/** Sums by sex, by age band and overall, of the counts that are numbers. */
function totalsOf(counts: (sex: string, band: string) => number | null) {
  const sum = (values: (number | null)[]) =>
    values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
  const bySex = Object.fromEntries(
    populationSexes.map((sex) => [sex, sum(ageBands.map((band) => counts(sex, band)))]),
  );
  const byBand = Object.fromEntries(
    ageBands.map((band) => [band, sum(populationSexes.map((sex) => counts(sex, band)))]),
  );
  const all = populationSexes.flatMap((sex) => ageBands.map((band) => counts(sex, band)));
  return { bySex, byBand, total: sum(all), missing: all.filter((v) => v === null).length };
}

const describeChange: DescribeChange = (change: AuditChange) => {
  const d = t().denominators;
  const value = (v: unknown) => (isEmptyValue(v) ? undefined : showValue(v));
  const cell = /^population\.(\w+)\.(.+)$/.exec(change.field);
  const label = cell ? cellName({ sex: cell[1] ?? "", ageBand: cell[2] ?? "" }) : d.fields[change.field];
  if (!label) return undefined;
  return { field: change.field, label, before: value(change.before), after: value(change.after) };
};

export function DenominatorsPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const denominators = createDenominators(id);
  const d = () => t().denominators;
  return (
    <>
      <PageTitle title={d().title(membership()?.contextName ?? "")} />
      <p class="lead">{d().intro}</p>
      <QueryView query={denominators}>
        {(data) => (
          <Show when={membership()}>
            <Show
              when={membership()?.role === "territory_lead"}
              fallback={
                <>
                  <p class="notice">{d().readOnly}</p>
                  <DenominatorsView data={data()} />
                  <Communes data={data()} />
                </>
              }
            >
              <DenominatorsForm territoryId={id()} initial={untrack(data)} />
              <Communes data={data()} />
              <History
                territoryId={id()}
                entity="denominators"
                id="denominators-history"
                describe={describeChange}
              />
            </Show>
          </Show>
        )}
      </QueryView>
    </>
  );
}

/** The grid as a table of figures (read only). */
function DenominatorsView(props: { data: Denominators }) {
  const d = () => t().denominators;
  const count = (sex: string, band: string) =>
    props.data.population.find((cell) => cell.sex === sex && cell.ageBand === band)?.count ?? null;
  const totals = createMemo(() => totalsOf(count));
  return (
    <>
      <Show when={props.data.version === 0}>
        <p class="notice">{d().neverSaved}</p>
      </Show>
      <section class="panel" aria-labelledby="denominators-view-title">
        <h2 id="denominators-view-title">{d().population}</h2>
        <PopulationTable
          cell={(sex, band) => {
            const value = count(sex, band);
            return value === null ? <span class="muted">{d().notEntered}</span> : formatNumber(value);
          }}
          totals={totals()}
        />
        <dl class="summary">
          <div>
            <dt>{d().qpv}</dt>
            <dd>
              {props.data.qpvPopulation === null ? d().notEntered : formatNumber(props.data.qpvPopulation)}
            </dd>
          </div>
          <div>
            <dt>{d().source}</dt>
            <dd>
              <Show when={props.data.source} fallback={d().noSource}>
                {(source) => (
                  <>
                    {d().sourceShown(source().label, source().year)}
                    <Show when={source().url}>
                      {(url) => (
                        <>
                          {" — "}
                          <a href={url()} rel="noopener noreferrer" target="_blank">
                            {url()}
                          </a>
                        </>
                      )}
                    </Show>
                  </>
                )}
              </Show>
            </dd>
          </div>
        </dl>
      </section>
    </>
  );
}

type Totals = ReturnType<typeof totalsOf>;

/** Age bands down, sexes across, totals on the right and at the foot; what a cell shows is the caller's. */
function PopulationTable(props: {
  cell: (sex: (typeof populationSexes)[number], band: (typeof ageBands)[number]) => unknown;
  totals: Totals;
}) {
  const d = () => t().denominators;
  const total = (value: number | null | undefined) =>
    value === null || value === undefined ? "—" : formatNumber(value);
  return (
    <TableWrap label={d().population}>
      <table class="denominators-grid">
        <caption class="visually-hidden">{d().population}</caption>
        <thead>
          <tr>
            <th scope="col">{d().ageBandColumn}</th>
            <For each={populationSexes}>
              {(sex) => (
                <th scope="col" class="numeric">
                  {sexName(sex)}
                </th>
              )}
            </For>
            <th scope="col" class="numeric">
              {d().total}
            </th>
          </tr>
        </thead>
        <tbody>
          <For each={ageBands}>
            {(band) => (
              <tr>
                <th scope="row">{d().ageBand(band)}</th>
                <For each={populationSexes}>
                  {(sex) => <td class="numeric">{props.cell(sex, band) as never}</td>}
                </For>
                <td class="numeric">{total(props.totals.byBand[band])}</td>
              </tr>
            )}
          </For>
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{d().total}</th>
            <For each={populationSexes}>
              {(sex) => <td class="numeric">{total(props.totals.bySex[sex])}</td>}
            </For>
            <td class="numeric" id="denominators-total">
              {total(props.totals.total)}
            </td>
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

/** The communes as the density grid describes them, with the grid named. */
function Communes(props: { data: Denominators }) {
  const d = () => t().denominators;
  return (
    <section class="panel" aria-labelledby="denominators-communes-title">
      <h2 id="denominators-communes-title">{d().communes}</h2>
      <p>
        <strong>{d().grid}</strong>
      </p>
      <p class="hint">{d().gridNote}</p>
      <Show when={props.data.communes.length > 0} fallback={<p class="muted">{d().noCommune}</p>}>
        <TableWrap label={d().communesCaption}>
          <table>
            <caption class="visually-hidden">{d().communesCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{d().code}</th>
                <th scope="col">{d().commune}</th>
                <th scope="col">{d().density}</th>
                <th scope="col" class="numeric">
                  {d().municipalPopulation}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.data.communes}>
                {(commune: DenominatorCommune) => (
                  <tr>
                    <td>
                      <code>{commune.code}</code>
                    </td>
                    <th scope="row">{commune.name}</th>
                    <td>{densityLabel(commune.rurality)}</td>
                    <td class="numeric">{formatNumber(commune.population)}</td>
                  </tr>
                )}
              </For>
            </tbody>
            <tfoot>
              <tr>
                <td />
                <th scope="row">{d().total}</th>
                <td />
                <td class="numeric">{formatNumber(props.data.communesPopulation)}</td>
              </tr>
            </tfoot>
          </table>
        </TableWrap>
      </Show>
    </section>
  );
}

type Status = { kind: "saved" | "reloaded" | "unchanged"; version: number } | undefined;

function DenominatorsForm(props: { territoryId: string; initial: Denominators }) {
  const territoryId = untrack(() => props.territoryId);
  const [stored, setStored] = createSignal(untrack(() => props.initial));
  const [status, setStatus] = createSignal<Status>();
  const save = createSaveDenominators(() => territoryId);
  const queryClient = useQueryClient();
  const d = () => t().denominators;
  let conflictBox: HTMLDivElement | undefined;

  const form = createForm({
    id: "denominators",
    keep: `denominators:${territoryId}`,
    schema: DenominatorsUpdate,
    initial: () => draftOf(stored()),
    input: inputOf,
    labels: () => ({ population: d().population, qpvPopulation: d().qpv, source: d().source }),
    check: denominatorsIssues,
    locate: (path) => {
      const cell = /^population\.(\d+)\./.exec(path);
      const key = cell ? populationCellKeys[Number(cell[1])] : undefined;
      if (key) return { id: cellDomId(key), label: cellName(key) };
      if (path === "population") return { id: "denominators-population", label: d().population };
      const source = /^source\.(label|year|url)$/.exec(path);
      if (source) {
        return {
          id: `denominators-source-${source[1]}`,
          label: d().fields[path] ?? d().source,
        };
      }
      return undefined;
    },
    conflict: "denominators.version_conflict",
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

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );
  const current = () => {
    const value = form.conflict()?.current;
    return value && typeof value === "object" && "population" in value ? (value as Denominators) : undefined;
  };
  const reloadCurrent = () => {
    const latest = current();
    if (!latest) return;
    setStored(latest);
    form.reset(draftOf(latest));
    queryClient.setQueryData(denominatorKeys.one(territoryId), latest);
    setStatus({ kind: "reloaded", version: latest.version });
  };
  const statusText = () => {
    const now = status();
    if (!now) return "";
    if (now.kind === "unchanged") return d().unchanged;
    return now.kind === "saved" ? d().saved(now.version) : d().reloaded(now.version);
  };

  const countAt = (sex: string, band: string) => {
    const value = numberOf(form.draft.counts[cellKey({ sex, ageBand: band })] ?? "");
    return typeof value === "number" ? value : null;
  };
  const totals = createMemo(() => totalsOf(countAt));
  const gap = () => {
    const total = totals().total;
    const communes = stored().communesPopulation;
    return total === null || communes === 0 ? undefined : (total - communes) / communes;
  };

  const fill = (preview: DenominatorsPreview) => {
    form.set(
      "counts",
      Object.fromEntries(
        preview.population.map((cell: PopulationCell) => [cellKey(cell), shown(cell.count)]),
      ),
    );
    form.set("qpvPopulation", shown(preview.qpvPopulation));
    form.clear();
  };

  return (
    <>
      <Show when={stored().version === 0}>
        <p class="notice">{d().neverSaved}</p>
      </Show>
      <ImportPanel territoryId={territoryId} onPreview={fill} />
      <p id="denominators-version" class="muted">
        {d().version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="denominators-version">
        <Show when={current()}>
          {(latest) => (
            <div
              class="alert alert--warning"
              role="alert"
              tabindex="-1"
              ref={conflictBox}
              aria-labelledby="denominators-conflict-title"
            >
              <h2 id="denominators-conflict-title">{d().conflictTitle}</h2>
              <p>{d().conflict(latest().version)}</p>
              <p>
                <button type="button" class="button" onClick={reloadCurrent}>
                  {d().reloadCurrent}
                </button>
              </p>
            </div>
          )}
        </Show>
        <fieldset class="form-section" id="denominators-population" tabindex="-1">
          <legend>
            <h2>{d().population}</h2>
          </legend>
          <p class="hint" id="denominators-population-hint">
            {d().populationHint}
          </p>
          <Show when={form.errorsAt("population")}>
            {(list) => (
              <ul class="field-errors">
                <For each={list()}>{(error) => <li>{error}</li>}</For>
              </ul>
            )}
          </Show>
          <PopulationTable
            cell={(sex, band) => <CountInput form={form} sex={sex} band={band} />}
            totals={totals()}
          />
          <p id="denominators-total-summary">
            <strong>{d().totalPopulation} : </strong>
            {totals().total === null ? d().notEntered : formatNumber(totals().total ?? 0)}
          </p>
          <Show when={totals().total !== null && totals().missing > 0}>
            <p class="hint">{d().incomplete(totals().missing)}</p>
          </Show>
          <Show when={stored().communesPopulation > 0}>
            <p class="hint" id="denominators-communes-hint">
              {d().communesHint(formatNumber(stored().communesPopulation))}
              <Show when={gap()}>{(value) => <> {d().gap(formatPercent(value()))}</>}</Show>
            </p>
          </Show>
        </fieldset>
        <Field {...form.field("qpvPopulation")} label={d().qpv} hint={d().qpvHint} optional>
          {(control) => (
            <input
              {...control}
              {...form.text("qpvPopulation")}
              type="text"
              inputmode="numeric"
              class="input--short"
            />
          )}
        </Field>
        <fieldset class="form-section" id="denominators-source">
          <legend>
            <h2>{d().source}</h2>
          </legend>
          <p class="hint">{d().sourceHint}</p>
          <Field
            id="denominators-source-label"
            label={d().sourceLabel}
            hint={d().sourceLabelHint}
            errors={form.errorsAt("source.label")}
          >
            {(control) => <input {...control} {...form.text("sourceLabel")} type="text" />}
          </Field>
          <div class="field-row field-row--top">
            <Field
              id="denominators-source-year"
              label={d().sourceYear}
              hint={d().sourceYearHint}
              errors={form.errorsAt("source.year")}
            >
              {(control) => (
                <input
                  {...control}
                  {...form.text("sourceYear")}
                  type="text"
                  inputmode="numeric"
                  class="input--short"
                />
              )}
            </Field>
            <Field
              id="denominators-source-url"
              label={d().sourceUrl}
              hint={d().sourceUrlHint}
              errors={form.errorsAt("source.url")}
              optional
            >
              {(control) => <input {...control} {...form.text("sourceUrl")} type="url" />}
            </Field>
          </div>
        </fieldset>
        <SubmitButton form={form} label={d().save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
  );
}

/** One cell of the grid: a labelled text input (numeric keyboard), its errors beside it. */
function CountInput(props: {
  form: Form<Draft>;
  sex: (typeof populationSexes)[number];
  band: (typeof ageBands)[number];
}) {
  const key = () => cellKey({ sex: props.sex, ageBand: props.band });
  const domId = () => cellDomId({ sex: props.sex, ageBand: props.band });
  const errors = () => props.form.errorsAt(`population.${indexOf(props.sex, props.band)}.count`);
  return (
    <div classList={{ "field--invalid": errors() !== undefined }}>
      <label class="visually-hidden" for={domId()}>
        {cellName({ sex: props.sex, ageBand: props.band })}
      </label>
      <Show when={errors()}>
        {(list) => (
          <ul id={`${domId()}-error`} class="field-errors">
            <For each={list()}>{(error) => <li>{error}</li>}</For>
          </ul>
        )}
      </Show>
      <input
        id={domId()}
        type="text"
        inputmode="numeric"
        autocomplete="off"
        class="input--short"
        value={props.form.draft.counts[key()] ?? ""}
        aria-invalid={errors() ? "true" : undefined}
        aria-describedby={errors() ? `${domId()}-error` : undefined}
        onInput={(event) => props.form.set("counts", key(), event.currentTarget.value)}
      />
    </div>
  );
}

type FileState =
  | { kind: "idle" }
  | { kind: "reading" }
  | { kind: "filled"; rows: number }
  | { kind: "errors"; preview: DenominatorsPreview }
  | { kind: "failed"; error: unknown };

/** Reads a file on the server and hands its figures to the form (nothing saved). */
function ImportPanel(props: { territoryId: string; onPreview: (preview: DenominatorsPreview) => void }) {
  const d = () => t().denominators;
  const [fileError, setFileError] = createSignal("");
  const [state, setState] = createSignal<FileState>({ kind: "idle" });
  let input: HTMLInputElement | undefined;

  const read = async () => {
    const file = input?.files?.[0];
    setFileError("");
    if (!file) {
      setFileError(d().fileMissing);
      input?.focus();
      return;
    }
    const format = formatOfFile(file.name);
    if (!format) {
      setFileError(d().fileType);
      input?.focus();
      return;
    }
    if (file.size > DENOMINATORS_FILE_MAX_BYTES) {
      setFileError(d().fileTooLarge);
      input?.focus();
      return;
    }
    if (state().kind === "reading") return;
    setState({ kind: "reading" });
    try {
      const preview = await previewFile(props.territoryId, file, format);
      if (preview.errorCount > 0) setState({ kind: "errors", preview });
      else {
        props.onPreview(preview);
        setState({ kind: "filled", rows: preview.rows });
      }
    } catch (error) {
      if (isApiError(error) && error.unauthorized) return;
      setState({ kind: "failed", error });
    }
    queueMicrotask(() => document.getElementById("denominators-file-result")?.focus());
  };

  const message = (issue: DenominatorsPreview["errors"][number]) =>
    describeIssue({ path: "", message: issue.message, ...(issue.value ? { subject: issue.value } : {}) })
      .text;

  return (
    <section class="panel" aria-labelledby="denominators-import-title">
      <h2 id="denominators-import-title">{d().importTitle}</h2>
      <p>{d().importIntro}</p>
      <p>
        <a href={templateUrl(props.territoryId)} download="">
          {d().template}
        </a>
      </p>
      <div class="field" classList={{ "field--invalid": fileError() !== "" }}>
        <label for="denominators-file">{d().file}</label>
        <p id="denominators-file-hint" class="hint">
          {d().fileHint}
        </p>
        <Show when={fileError()}>
          <p id="denominators-file-error" class="field-errors" role="alert">
            {fileError()}
          </p>
        </Show>
        <input
          id="denominators-file"
          ref={input}
          type="file"
          accept=".csv,.xlsx"
          aria-describedby={
            fileError() ? "denominators-file-hint denominators-file-error" : "denominators-file-hint"
          }
          aria-invalid={fileError() ? "true" : undefined}
          onChange={() => {
            setFileError("");
            setState({ kind: "idle" });
          }}
        />
      </div>
      <p>
        <button
          type="button"
          class="button button--secondary"
          aria-disabled={state().kind === "reading"}
          onClick={() => void read()}
        >
          {state().kind === "reading" ? d().reading : d().read}
        </button>
      </p>
      <div id="denominators-file-result" tabindex="-1">
        <Show when={state().kind === "filled" && (state() as { rows: number }).rows}>
          {(rows) => <p class="notice">{d().filled(rows())}</p>}
        </Show>
        <Show when={state().kind === "failed"}>
          <p class="alert alert--error" role="alert">
            {errorMessage((state() as { error: unknown }).error)}
          </p>
        </Show>
        <Show when={state().kind === "errors" && (state() as { preview: DenominatorsPreview }).preview}>
          {(preview) => (
            <div class="alert alert--error">
              <h3>{d().fileErrors(preview().errorCount)}</h3>
              <p>{d().fileErrorsNote}</p>
              <Show when={preview().errors.length < preview().errorCount}>
                <p class="muted">
                  {d().errorsTruncated(
                    formatNumber(preview().errors.length),
                    formatNumber(preview().errorCount),
                  )}
                </p>
              </Show>
              <TableWrap label={d().errorsCaption}>
                <table class="compact import-errors">
                  <caption class="visually-hidden">{d().errorsCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col" class="numeric">
                        {d().line}
                      </th>
                      <th scope="col">{d().column}</th>
                      <th scope="col">{d().problem}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={preview().errors}>
                      {(issue) => (
                        <tr>
                          <td class="numeric">{formatNumber(issue.line)}</td>
                          <td>{issue.column || d().wholeFile}</td>
                          <td>{message(issue)}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableWrap>
            </div>
          )}
        </Show>
      </div>
    </section>
  );
}
