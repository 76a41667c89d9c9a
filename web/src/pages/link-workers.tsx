import { type LinkWorker, LinkWorkerCreate, LinkWorkerUpdate } from "@maillage/schema";
import { A, useLocation, useNavigate, useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import {
  createAddLinkWorker,
  createLinkWorker,
  createLinkWorkers,
  createUpdateLinkWorker,
  linkWorkerKeys,
} from "../data/link-workers";
import { createMembership } from "../data/session";
import { createMembers } from "../data/territory";
import { formatDate, formatNumber, label, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { History } from "../ui/audit";
import { ConflictAlert, describeLinkWorkerChange, Exports, MoreButton, Summary } from "../ui/catalogue";
import { createForm, FormView, StatusMessage, SubmitButton } from "../ui/form";
import {
  emptyLinkWorker,
  type LinkWorkerDraft,
  linkWorkerDraftOf,
  linkWorkerFormLabels,
  linkWorkerInput,
  linkWorkerSubject,
} from "../ui/link-worker-draft";
import { LinkWorkerFields } from "../ui/link-worker-fields";
import { PageTitle } from "../ui/page";
import { errorMessage, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";
import { Period } from "../ui/territory";

const READERS = ["territory_lead", "link_worker"] as const;

function useTerritory() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const isLead = () => membership()?.role === "territory_lead";
  return { params, id, membership, isLead, base: () => `/territoires/${id()}/agents` };
}

function Breadcrumb(props: { base: string; current: string }) {
  return (
    <nav class="breadcrumb" aria-label={t().linkWorkers.breadcrumb}>
      <ol>
        <li>
          <A href={props.base} end>
            {t().linkWorkers.back}
          </A>
        </li>
        <li aria-current="page">{props.current}</li>
      </ol>
    </nav>
  );
}

// --- The list ---------------------------------------------------------------------------------------

export function LinkWorkersPage() {
  const { id, membership, isLead, base } = useTerritory();
  const l = () => t().linkWorkers;
  return (
    <>
      <PageTitle title={l().title(membership()?.contextName ?? "")} />
      <RequireRole roles={READERS} contextId={id()}>
        <p class="lead">{l().intro}</p>
        <Show when={isLead()} fallback={<p class="notice">{l().readOnly}</p>}>
          <p class="actions">
            <A class="button" href={`${base()}/nouveau`}>
              {l().add}
            </A>{" "}
            <A class="button button--secondary" href={`${base()}/import`}>
              {l().import}
            </A>
          </p>
        </Show>
        <Exports entity="link-workers" territoryId={id()} />
        <LinkWorkersList territoryId={id()} base={base()} />
      </RequireRole>
    </>
  );
}

function LinkWorkersList(props: { territoryId: string; base: string }) {
  const l = () => t().linkWorkers;
  const list = createLinkWorkers(() => props.territoryId);
  const items = createMemo(() => list.data?.pages.flatMap((page) => page.items) ?? []);
  const [loaded, setLoaded] = createSignal<number>();
  const more = async () => {
    if (list.isFetchingNextPage) return;
    const before = items().length;
    setLoaded(undefined);
    await list.fetchNextPage();
    const added = items().length - before;
    if (added <= 0) return;
    setLoaded(added);
    queueMicrotask(() => document.getElementById(`link-worker-${before}`)?.focus());
  };
  return (
    <QueryView
      query={list}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      empty={l().empty}
    >
      {() => (
        <>
          <p class="muted" id="link-workers-count">
            {l().shown(items().length, list.hasNextPage)}
          </p>
          <TableWrap label={l().caption}>
            <table aria-describedby="link-workers-count">
              <caption class="visually-hidden">{l().caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{l().name}</th>
                  <th scope="col">{l().reference}</th>
                  <th scope="col">{l().profileType}</th>
                  <th scope="col">{l().employer}</th>
                  <th scope="col" class="numeric">
                    <abbr title={l().fte}>{l().fteShort}</abbr>
                  </th>
                  <th scope="col" class="numeric">
                    {l().caseloadShort}
                  </th>
                  <th scope="col">{l().period}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(worker, index) => (
                    <tr id={`link-worker-${index()}`} tabindex="-1">
                      <th scope="row">
                        <A href={`${props.base}/${worker.id}`}>{worker.name}</A>
                      </th>
                      <td class="nowrap">{worker.reference}</td>
                      <td>{label("linkWorkerProfiles", worker.profileType)}</td>
                      <td>{worker.employer}</td>
                      <td class="numeric">{formatNumber(worker.fte)}</td>
                      <td class="numeric nowrap">
                        <span
                          title={l().caseloadOf(
                            formatNumber(worker.openJourneys),
                            worker.caseloadCapacity === null ? null : formatNumber(worker.caseloadCapacity),
                          )}
                        >
                          {formatNumber(worker.openJourneys)} /{" "}
                          {worker.caseloadCapacity === null ? "—" : formatNumber(worker.caseloadCapacity)}
                        </span>
                      </td>
                      <td>
                        <Show when={worker.activeFrom} fallback="—">
                          {(start) => <Period start={start()} end={worker.activeTo} />}
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
          <Show when={list.hasNextPage}>
            <MoreButton pending={list.isFetchingNextPage} onClick={() => void more()} />
          </Show>
          <Show when={list.isFetchNextPageError}>
            <p class="alert alert--error" role="alert">
              {errorMessage(list.error)}
            </p>
          </Show>
          <StatusMessage>{loaded() ? t().journal.loaded(loaded() ?? 0) : ""}</StatusMessage>
        </>
      )}
    </QueryView>
  );
}

// --- Adding one -------------------------------------------------------------------------------------

export function NewLinkWorkerPage() {
  const { id, base } = useTerritory();
  const l = () => t().linkWorkers;
  return (
    <>
      <Breadcrumb base={base()} current={l().newTitle} />
      <PageTitle title={l().newTitle} />
      <RequireRole roles={["territory_lead"]} contextId={id()}>
        <Show when={id()} keyed>
          {(territoryId) => <NewLinkWorkerForm territoryId={territoryId} base={base()} />}
        </Show>
      </RequireRole>
    </>
  );
}

/** The territory's members with the link_worker role: who a profile can be linked to. */
function createLinkablePeople(territoryId: () => string) {
  const members = createMembers(territoryId);
  return () =>
    (members.data ?? [])
      .filter((member) => member.role === "link_worker")
      .map((member) => ({ id: member.id, displayName: member.displayName }));
}

function NewLinkWorkerForm(props: { territoryId: string; base: string }) {
  const territoryId = untrack(() => props.territoryId);
  const navigate = useNavigate();
  const add = createAddLinkWorker(() => territoryId);
  const people = createLinkablePeople(() => territoryId);
  const form = createForm({
    id: "link-worker",
    keep: `link-worker:new:${territoryId}`,
    schema: LinkWorkerCreate,
    initial: emptyLinkWorker,
    labels: linkWorkerFormLabels,
    input: linkWorkerInput,
    subject: linkWorkerSubject,
    send: (input) => add.mutateAsync(input),
    done: (saved) => navigate(`${props.base}/${saved.id}`, { state: { created: saved.name } }),
  });
  return (
    <FormView form={form}>
      <LinkWorkerFields form={form} people={people()} />
      <SubmitButton form={form} label={t().linkWorkers.create} />
    </FormView>
  );
}

// --- One link worker: its profile, and its history ------------------------------------------------------

export function LinkWorkerPage() {
  const { params, id, isLead, base } = useTerritory();
  const workerId = () => params.linkWorkerId ?? "";
  const worker = createLinkWorker(id, workerId);
  const location = useLocation<{ created?: string }>();
  const name = () => (worker.data?.id === workerId() ? worker.data.name : "");
  return (
    <>
      <Breadcrumb base={base()} current={name() || t().app.loading} />
      <PageTitle title={name() || t().linkWorkers.back} />
      <RequireRole roles={READERS} contextId={id()}>
        <StatusMessage>
          {location.state?.created ? t().linkWorkers.created(location.state.created) : ""}
        </StatusMessage>
        <QueryView query={worker}>
          {(data) => (
            <Show when={data().id === workerId()}>
              <Show when={isLead()} fallback={<LinkWorkerView worker={data()} />}>
                <Show when={data().id} keyed>
                  <LinkWorkerForm territoryId={id()} initial={untrack(data)} />
                </Show>
                <History
                  territoryId={id()}
                  entity={data().id}
                  id="link-worker-history"
                  describe={describeLinkWorkerChange}
                />
              </Show>
            </Show>
          )}
        </QueryView>
      </RequireRole>
    </>
  );
}

/** The profile, read-only (link workers read it; leads edit it), with the current caseload. */
function LinkWorkerView(props: { worker: LinkWorker }) {
  const l = () => t().linkWorkers;
  const w = () => props.worker;
  const text = (value: string | null) => value || t().app.notProvided;
  const rows = () => [
    { label: l().reference, value: w().reference },
    { label: l().profileType, value: label("linkWorkerProfiles", w().profileType) },
    { label: l().employer, value: w().employer },
    { label: l().fte, value: formatNumber(w().fte) },
    {
      label: l().fundingSource,
      value: [label("fundingSources", w().fundingSource), w().fundingDetail].filter(Boolean).join(" · "),
    },
    { label: l().communityHealthTraining, value: w().communityHealthTraining ? t().app.yes : t().app.no },
    { label: l().trainingName, value: text(w().trainingName) },
    {
      label: l().trainingDate,
      value: w().trainingDate ? formatDate(w().trainingDate ?? "") : t().app.notProvided,
    },
    {
      label: l().supervision,
      value: [
        label("supervisionTypes", w().supervision),
        w().supervisionFrequency ? label("supervisionFrequencies", w().supervisionFrequency ?? "") : "",
      ]
        .filter(Boolean)
        .join(" · "),
    },
    {
      label: l().caseload,
      value: l().caseloadOf(
        formatNumber(w().openJourneys),
        w().caseloadCapacity === null ? null : formatNumber(w().caseloadCapacity ?? 0),
      ),
    },
    {
      label: l().caseloadCapacity,
      value:
        w().caseloadCapacity === null
          ? t().app.notProvided
          : l().capacityValue(formatNumber(w().caseloadCapacity ?? 0)),
    },
    { label: l().languages, value: w().languages.join(", ") || t().app.notProvided },
    { label: l().communes, value: w().communes.join(", ") || t().app.notProvided },
    {
      label: l().period,
      value: w().activeFrom ? (
        <Period start={w().activeFrom ?? ""} end={w().activeTo} />
      ) : (
        t().app.notProvided
      ),
    },
    { label: l().user, value: w().userDisplayName ?? l().noUser },
  ];
  return (
    <>
      <p class="notice">{l().readOnly}</p>
      <Summary rows={rows()} />
    </>
  );
}

type Edit = LinkWorkerDraft & { version: number };
type Status = { kind: "saved" | "reloaded"; version: number } | { kind: "unchanged" } | undefined;

function isLinkWorker(value: unknown): value is LinkWorker {
  return typeof value === "object" && value !== null && "version" in value && "fte" in value;
}

function LinkWorkerForm(props: { territoryId: string; initial: LinkWorker }) {
  const initial = untrack(() => props.initial);
  const territoryId = untrack(() => props.territoryId);
  const queryClient = useQueryClient();
  const update = createUpdateLinkWorker(
    () => territoryId,
    () => initial.id,
  );
  const people = createLinkablePeople(() => territoryId);
  const [saved, setSaved] = createSignal<LinkWorker>(initial);
  const [status, setStatus] = createSignal<Status>();
  let conflictBox: HTMLDivElement | undefined;
  const editOf = (worker: LinkWorker): Edit => ({ ...linkWorkerDraftOf(worker), version: worker.version });
  const same = (draft: LinkWorkerDraft) =>
    JSON.stringify(linkWorkerInput(draft)) === JSON.stringify(linkWorkerInput(linkWorkerDraftOf(saved())));

  const form = createForm({
    id: "link-worker",
    keep: `link-worker:${initial.id}`,
    schema: LinkWorkerUpdate,
    initial: () => editOf(initial),
    labels: linkWorkerFormLabels,
    input: (draft) => ({ ...linkWorkerInput(draft), version: draft.version }),
    subject: linkWorkerSubject,
    conflict: "link_worker.version_conflict",
    send: async (input) => {
      setStatus(undefined);
      if (same(form.draft)) return undefined;
      return update.mutateAsync(input);
    },
    done: (result, form) => {
      if (!result) {
        setStatus({ kind: "unchanged" });
        return;
      }
      setSaved(result);
      form.reset(editOf(result));
      setStatus({ kind: "saved", version: result.version });
    },
  });

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );
  const current = () => {
    const error = form.conflict();
    return error && isLinkWorker(error.current) ? error.current : undefined;
  };
  const reload = () => {
    const stored = current();
    if (!stored) return;
    setSaved(stored);
    form.reset(editOf(stored));
    queryClient.setQueryData(linkWorkerKeys.one(territoryId, stored.id), stored);
    setStatus({ kind: "reloaded", version: stored.version });
    document.getElementById(form.id("name"))?.focus();
  };
  const statusText = () => {
    const now = status();
    const l = t().linkWorkers;
    if (!now) return "";
    if (now.kind === "unchanged") return l.unchanged;
    return now.kind === "saved" ? l.saved(now.version) : l.reloaded(now.version);
  };

  return (
    <>
      <p id="link-worker-version" class="muted">
        {t().linkWorkers.version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="link-worker-version">
        <Show when={current()}>
          {(stored) => (
            <ConflictAlert
              id="link-worker-conflict"
              title={t().linkWorkers.conflictTitle}
              text={t().linkWorkers.conflict(stored().version)}
              reload={t().linkWorkers.reloadCurrent}
              onReload={reload}
              ref={(element) => {
                conflictBox = element;
              }}
            />
          )}
        </Show>
        <LinkWorkerFields form={form} people={people()} linkedName={saved().userDisplayName} />
        <SubmitButton form={form} label={t().linkWorkers.save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
  );
}
