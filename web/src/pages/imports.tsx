import type { Job } from "@maillage/schema";
import { A, useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createSignal, For, type JSX, on, Show } from "solid-js";
import { isApiError } from "../api";
import {
  createJob,
  formatOfFile,
  IMPORT_MAX_BYTES,
  type Importable,
  type ImportFormat,
  startImport,
  templateUrl,
} from "../data/imports";
import { journeyKeys } from "../data/journeys";
import { linkWorkerKeys } from "../data/link-workers";
import { invalidateResources } from "../data/resources";
import { createMembership } from "../data/session";
import { territoryKeys } from "../data/territory";
import { formatNumber, formatPercent, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { linkWorkerLabels, resourceLabels } from "../ui/catalogue";
import { StatusMessage } from "../ui/form";
import { PageTitle } from "../ui/page";
import { errorMessage } from "../ui/states";
import { TableWrap } from "../ui/table";

/** What an import job answers (functions/src/imports/engine.ts, `runImport`). */
interface Report {
  dryRun: boolean;
  committed: boolean;
  rows: number;
  valid: number;
  errors: { line: number; column: string; reason: string }[];
  errorCount: number;
  unmapped: { field: string; value: string; count: number }[];
  wouldCreate: number;
  wouldUpdate: number;
  unchanged: number;
  encoding?: string;
  created?: number;
  updated?: number;
}

function reportOf(job: Job | undefined): Report | undefined {
  if (job?.status !== "succeeded" || !job.result) return undefined;
  const r = job.result as Partial<Report>;
  const n = (value: unknown) => (typeof value === "number" ? value : 0);
  return {
    dryRun: r.dryRun !== false,
    committed: r.committed === true,
    rows: n(r.rows),
    valid: n(r.valid),
    errors: Array.isArray(r.errors) ? r.errors : [],
    errorCount: n(r.errorCount),
    unmapped: Array.isArray(r.unmapped) ? r.unmapped : [],
    wouldCreate: n(r.wouldCreate),
    wouldUpdate: n(r.wouldUpdate),
    unchanged: n(r.unchanged),
    ...(typeof r.encoding === "string" ? { encoding: r.encoding } : {}),
    created: n(r.created),
    updated: n(r.updated),
  };
}

export function ResourcesImportPage() {
  return <ImportPage entity="resources" />;
}

export function LinkWorkersImportPage() {
  return <ImportPage entity="link-workers" />;
}

export function JourneysImportPage() {
  return <ImportPage entity="journeys" />;
}

/** What differs between the imports: where they come from and go back to, their words. */
const PAGES: Record<
  Importable,
  { path: string; back: () => string; title: () => string; hint: () => string; to: () => string }
> = {
  resources: {
    path: "ressources",
    back: () => t().resources.back,
    title: () => t().imports.resourcesTitle,
    hint: () => t().imports.fileHintResources,
    to: () => t().imports.toResources,
  },
  "link-workers": {
    path: "agents",
    back: () => t().linkWorkers.back,
    title: () => t().imports.linkWorkersTitle,
    hint: () => t().imports.fileHintLinkWorkers,
    to: () => t().imports.toLinkWorkers,
  },
  journeys: {
    path: "parcours-individuels",
    back: () => t().imports.journeysBack,
    title: () => t().imports.journeysTitle,
    hint: () => t().imports.fileHintJourneys,
    to: () => t().imports.toJourneys,
  },
};

function ImportPage(props: { entity: Importable }) {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const i = () => t().imports;
  const page = () => PAGES[props.entity];
  const back = () => `/territoires/${id()}/${page().path}`;
  const membership = createMembership(id);
  return (
    <>
      <nav class="breadcrumb" aria-label={t().resources.breadcrumb}>
        <ol>
          <li>
            <A href={back()} end>
              {page().back()}
            </A>
          </li>
          <li aria-current="page">{page().title()}</li>
        </ol>
      </nav>
      <PageTitle title={page().title()} />
      <RequireRole roles={["territory_lead"]} contextId={id()}>
        <p class="lead">{i().intro}</p>
        <Show when={membership() && id()} keyed>
          {(territoryId) => <Wizard entity={props.entity} territoryId={territoryId} back={back()} />}
        </Show>
      </RequireRole>
    </>
  );
}

function Step(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="panel step" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} tabindex="-1">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** A job's progress as a bar and a percentage (kept at 100 % once done). */
function Progress(props: { id: string; job: Job | undefined; label: string; doneLabel: string }) {
  const i = () => t().imports;
  const done = () => props.job?.status === "succeeded" || props.job?.status === "failed";
  const fraction = () => {
    const progress = props.job?.progress;
    if (done()) return 1;
    if (!progress || progress.total === 0) return 0;
    return Math.min(1, progress.done / progress.total);
  };
  return (
    <div class="progress">
      <p id={`${props.id}-label`}>{done() ? props.doneLabel : props.label}</p>
      <progress
        id={props.id}
        max={1}
        value={fraction()}
        aria-labelledby={`${props.id}-label ${props.id}-text`}
      />
      <p id={`${props.id}-text`} class="muted">
        {props.job?.status === "queued" && !props.job.progress
          ? i().waiting
          : i().progress(formatPercent(fraction()))}
      </p>
    </div>
  );
}

function Wizard(props: { entity: Importable; territoryId: string; back: string }) {
  const i = () => t().imports;
  const queryClient = useQueryClient();
  const isResources = () => props.entity === "resources";
  const [file, setFile] = createSignal<{ file: File; format: ImportFormat; key: string }>();
  const [fileError, setFileError] = createSignal("");
  const [dryJobId, setDryJobId] = createSignal<string>();
  const [commitJobId, setCommitJobId] = createSignal<string>();
  const [sending, setSending] = createSignal<"dry" | "commit">();
  const [sendError, setSendError] = createSignal<{ step: "dry" | "commit"; error: unknown }>();
  const dryJob = createJob(() => props.territoryId, dryJobId);
  const commitJob = createJob(() => props.territoryId, commitJobId);
  const dryReport = () => reportOf(dryJob.data);
  const commitReport = () => reportOf(commitJob.data);
  let input: HTMLInputElement | undefined;

  const choose = (chosen: File | undefined) => {
    setDryJobId(undefined);
    setCommitJobId(undefined);
    setSendError(undefined);
    setFileError("");
    setFile(undefined);
    if (!chosen) return;
    const format = formatOfFile(props.entity, chosen.name);
    if (!format) {
      setFileError(isResources() ? i().fileType : i().fileTypeSpreadsheet);
      return;
    }
    if (chosen.size > IMPORT_MAX_BYTES) {
      setFileError(i().fileTooLarge);
      return;
    }
    // One key per file choice: a retried commit of this choice is the same import, never a second one.
    setFile({ file: chosen, format, key: crypto.randomUUID() });
  };

  const send = async (step: "dry" | "commit") => {
    const chosen = file();
    if (!chosen) {
      setFileError(i().fileMissing);
      input?.focus();
      return;
    }
    if (sending()) return;
    setSending(step);
    setSendError(undefined);
    if (step === "dry") {
      setDryJobId(undefined);
      setCommitJobId(undefined);
    }
    try {
      const jobId = await startImport({
        entity: props.entity,
        territoryId: props.territoryId,
        file: chosen.file,
        format: chosen.format,
        dryRun: step === "dry",
        ...(step === "commit" ? { idempotencyKey: chosen.key } : {}),
      });
      if (step === "dry") setDryJobId(jobId);
      else setCommitJobId(jobId);
    } catch (error) {
      if (isApiError(error) && error.unauthorized) return;
      setSendError({ step, error });
    } finally {
      setSending(undefined);
    }
  };

  // The report, then the result, take the focus when they arrive; a file with errors is chosen again.
  createEffect(
    on(dryReport, (report) => {
      if (!report) return;
      if (report.errorCount > 0 && input) input.value = "";
      queueMicrotask(() => document.getElementById("import-report-title")?.focus());
    }),
  );
  createEffect(
    on(commitReport, (report) => {
      if (!report) return;
      if (report.committed) {
        if (isResources()) invalidateResources(queryClient, props.territoryId);
        else if (props.entity === "journeys") {
          void queryClient.invalidateQueries({ queryKey: journeyKeys.lists(props.territoryId) });
          void queryClient.invalidateQueries({ queryKey: linkWorkerKeys.all(props.territoryId) });
        } else {
          void queryClient.invalidateQueries({ queryKey: linkWorkerKeys.all(props.territoryId) });
          void queryClient.invalidateQueries({ queryKey: territoryKeys.one(props.territoryId) });
        }
      }
      queueMicrotask(() => document.getElementById("import-result-title")?.focus());
    }),
  );

  const again = () => {
    if (input) input.value = "";
    choose(undefined);
    input?.focus();
  };

  const running = (job: Job | undefined) =>
    job !== undefined && (job.status === "queued" || job.status === "running");
  const canCommit = () => {
    const report = dryReport();
    return report !== undefined && report.errorCount === 0 && report.valid > 0;
  };

  return (
    <>
      <Step id="import-template" title={i().step1}>
        <p>{i().step1Text}</p>
        <ul>
          <li>
            <a href={templateUrl(props.entity, props.territoryId, "csv")} download="">
              {i().templateCsv}
            </a>
          </li>
          <li>
            <a href={templateUrl(props.entity, props.territoryId, "xlsx")} download="">
              {i().templateXlsx}
            </a>
          </li>
        </ul>
      </Step>

      <Step id="import-file" title={i().step2}>
        <div class="field" classList={{ "field--invalid": fileError() !== "" }}>
          <label for="import-file-input">{i().file}</label>
          <p id="import-file-hint" class="hint">
            {PAGES[props.entity].hint()}
          </p>
          <Show when={fileError()}>
            <p id="import-file-error" class="field-errors" role="alert">
              {fileError()}
            </p>
          </Show>
          <input
            id="import-file-input"
            ref={input}
            type="file"
            accept={isResources() ? ".csv,.xlsx,.json" : ".csv,.xlsx"}
            aria-describedby={fileError() ? "import-file-hint import-file-error" : "import-file-hint"}
            aria-invalid={fileError() ? "true" : undefined}
            onChange={(event) => choose(event.currentTarget.files?.[0])}
          />
        </div>
        <Show when={file()}>
          {(chosen) => (
            <p class="muted">{i().chosen(chosen().file.name, i().formats[chosen().format] ?? "")}</p>
          )}
        </Show>
        <p>
          <button
            type="button"
            class="button"
            aria-disabled={sending() !== undefined || running(dryJob.data)}
            onClick={() => void send("dry")}
          >
            {sending() === "dry" || running(dryJob.data) ? i().checking : i().check}
          </button>
        </p>
        <Show when={sendError()?.step === "dry"}>
          <p class="alert alert--error" role="alert">
            {errorMessage(sendError()?.error)}
          </p>
        </Show>
      </Step>

      <Show when={dryJobId()}>
        <Step id="import-check" title={i().step3}>
          <JobState job={dryJob} label={i().checking} doneLabel={i().checked} id="import-check-progress" />
          <Show when={dryReport()}>{(report) => <ReportView report={report()} entity={props.entity} />}</Show>
        </Step>
      </Show>

      <Show when={canCommit()}>
        <Step id="import-commit" title={i().step4}>
          <Show when={!commitReport()?.committed}>
            <p>
              <button
                type="button"
                class="button"
                aria-disabled={sending() !== undefined || running(commitJob.data)}
                onClick={() => void send("commit")}
              >
                {sending() === "commit" || running(commitJob.data)
                  ? i().committing
                  : sendError()?.step === "commit"
                    ? i().retryCommit
                    : i().commit(dryReport()?.valid ?? 0, formatNumber)}
              </button>
            </p>
          </Show>
          <Show when={sendError()?.step === "commit"}>
            <div class="alert alert--error" role="alert">
              <p>{errorMessage(sendError()?.error)}</p>
              <p>{i().retryNote}</p>
            </div>
          </Show>
          <Show when={commitJobId()}>
            <JobState
              job={commitJob}
              label={i().committing}
              doneLabel={i().committed}
              id="import-commit-progress"
            />
          </Show>
          <Show when={commitReport()}>
            {(report) => (
              <Show
                when={report().committed}
                fallback={
                  <>
                    <p class="alert alert--warning" role="alert">
                      {i().refused}
                    </p>
                    <ReportView report={report()} entity={props.entity} />
                  </>
                }
              >
                <div class="result">
                  <h3 id="import-result-title" tabindex="-1">
                    {i().done}
                  </h3>
                  <dl class="summary summary--numbers">
                    <div>
                      <dt>{i().created}</dt>
                      <dd>{formatNumber(report().created ?? 0)}</dd>
                    </div>
                    <div>
                      <dt>{i().updated}</dt>
                      <dd>{formatNumber(report().updated ?? 0)}</dd>
                    </div>
                    <div>
                      <dt>{i().unchanged}</dt>
                      <dd>{formatNumber(report().unchanged)}</dd>
                    </div>
                  </dl>
                  <p class="actions">
                    <A href={props.back}>{PAGES[props.entity].to()}</A>{" "}
                    <button type="button" class="button button--secondary" onClick={again}>
                      {i().another}
                    </button>
                  </p>
                </div>
              </Show>
            )}
          </Show>
          <StatusMessage>
            {commitReport()?.committed
              ? i().resultText(commitReport()?.created ?? 0, commitReport()?.updated ?? 0, formatNumber)
              : ""}
          </StatusMessage>
        </Step>
      </Show>
    </>
  );
}

/** A polled job: its progress, or why it could not be followed or failed. */
function JobState(props: {
  job: ReturnType<typeof createJob>;
  label: string;
  doneLabel: string;
  id: string;
}) {
  const i = () => t().imports;
  return (
    <>
      <Progress id={props.id} job={props.job.data} label={props.label} doneLabel={props.doneLabel} />
      <Show when={props.job.isError && !props.job.isFetching}>
        <div class="alert alert--error" role="alert">
          <p>{errorMessage(props.job.error)}</p>
          <p>
            <button type="button" class="button button--secondary" onClick={() => void props.job.refetch()}>
              {t().app.retry}
            </button>
          </p>
        </div>
      </Show>
      <Show when={props.job.data?.status === "failed"}>
        <div class="alert alert--error" role="alert">
          <p>{i().failed}</p>
          <Show when={props.job.data?.error}>{(code) => <p class="muted">{i().failedCode(code())}</p>}</Show>
        </div>
      </Show>
    </>
  );
}

function ReportView(props: { report: Report; entity: Importable }) {
  const i = () => t().imports;
  const fieldName = (field: string) =>
    (props.entity === "resources"
      ? resourceLabels()
      : props.entity === "link-workers"
        ? linkWorkerLabels()
        : ({} as Record<string, string>))[field] ?? field;
  const numbers = () => [
    { label: i().rows, value: props.report.rows },
    { label: i().valid, value: props.report.valid },
    { label: i().errorsTotal, value: props.report.errorCount },
    { label: i().wouldCreate, value: props.report.wouldCreate },
    { label: i().wouldUpdate, value: props.report.wouldUpdate },
    { label: i().unchanged, value: props.report.unchanged },
  ];
  return (
    <div class="report">
      <h3 id="import-report-title" tabindex="-1">
        {i().report}
      </h3>
      <dl class="summary summary--numbers">
        <For each={numbers()}>
          {(item) => (
            <div>
              <dt>{item.label}</dt>
              <dd>{formatNumber(item.value)}</dd>
            </div>
          )}
        </For>
      </dl>
      <Show when={props.report.encoding}>
        {(encoding) => (
          <p class="muted">
            {i().encoding} : {encoding()}
          </p>
        )}
      </Show>
      <Show
        when={props.report.errorCount > 0}
        fallback={
          <p class="notice" role="status">
            {props.report.valid > 0 ? i().ready(props.report.valid, formatNumber) : i().nothing}
          </p>
        }
      >
        <h4>{i().errorsTitle(props.report.errorCount)}</h4>
        <p class="alert alert--error">{i().fixAndRetry}</p>
        <Show when={props.report.errors.length < props.report.errorCount}>
          <p class="muted">
            {i().errorsTruncated(
              formatNumber(props.report.errors.length),
              formatNumber(props.report.errorCount),
            )}
          </p>
        </Show>
        <TableWrap label={i().errorsCaption}>
          <table class="compact import-errors">
            <caption class="visually-hidden">{i().errorsCaption}</caption>
            <thead>
              <tr>
                <th scope="col" class="numeric">
                  {i().line}
                </th>
                <th scope="col">{i().column}</th>
                <th scope="col">{i().reason}</th>
              </tr>
            </thead>
            <tbody>
              <For each={props.report.errors}>
                {(error) => (
                  <tr>
                    <td class="numeric">{formatNumber(error.line)}</td>
                    <td>{error.column || i().wholeRow}</td>
                    <td>{error.reason}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </Show>
      <Show when={props.report.unmapped.length > 0}>
        <h4>{i().unmappedTitle}</h4>
        <p>{i().unmappedIntro}</p>
        <TableWrap label={i().unmappedCaption}>
          <table class="compact">
            <caption class="visually-hidden">{i().unmappedCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{i().field}</th>
                <th scope="col">{i().value}</th>
                <th scope="col" class="numeric">
                  {i().count}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={props.report.unmapped}>
                {(item) => (
                  <tr>
                    <td>{fieldName(item.field)}</td>
                    <td>{item.value}</td>
                    <td class="numeric">{formatNumber(item.count)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </Show>
    </div>
  );
}
