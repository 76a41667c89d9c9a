import { pillars, type Resource, ResourceCreate, ResourceQuery, ResourceUpdate } from "@maillage/schema";
import { A, useLocation, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import * as v from "valibot";
import { isApiError } from "../api";
import {
  createAddResource,
  createResource,
  createResources,
  createUpdateResource,
  createVerifyResource,
  type ResourceFilters,
  resourceKeys,
} from "../data/resources";
import { createMembership } from "../data/session";
import { formatDate, label, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { History } from "../ui/audit";
import { ConflictAlert, describeResourceChange, Exports, MoreButton, Summary } from "../ui/catalogue";
import { createForm, Field, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { options } from "../ui/link-worker-draft";
import { PageTitle } from "../ui/page";
import {
  categoriesOf,
  emptyResource,
  newResourceInput,
  type ResourceDraft,
  ResourceFields,
  resourceDraftOf,
  resourceFormLabels,
  resourceInput,
} from "../ui/resource-fields";
import { errorMessage, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

const READERS = ["territory_lead", "link_worker"] as const;

function useTerritory() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const isLead = () => membership()?.role === "territory_lead";
  return { params, id, membership, isLead, base: () => `/territoires/${id()}/ressources` };
}

/** « CPAM de Lille-Douai — Accueil accès aux droits », or the structure alone. */
export const resourceName = (resource: Pick<Resource, "structureName" | "serviceName">) =>
  resource.serviceName ? `${resource.structureName} — ${resource.serviceName}` : resource.structureName;

function Breadcrumb(props: { base: string; current: string }) {
  return (
    <nav class="breadcrumb" aria-label={t().resources.breadcrumb}>
      <ol>
        <li>
          <A href={props.base} end>
            {t().resources.back}
          </A>
        </li>
        <li aria-current="page">{props.current}</li>
      </ol>
    </nav>
  );
}

/** The badge of a stale resource: a word, not a colour only. */
export function StaleBadge() {
  return (
    <span class="tag tag--stale" title={t().resources.staleExplained}>
      {t().resources.stale}
    </span>
  );
}

function LastVerified(props: { resource: Resource }) {
  return (
    <>
      {props.resource.lastVerified ? formatDate(props.resource.lastVerified) : t().resources.neverVerified}
      <Show when={props.resource.stale}>
        {" "}
        <StaleBadge />
      </Show>
    </>
  );
}

// --- Filters, in the URL's query string -------------------------------------------------------------

type FilterDraft = { pillar: string; category: string; commune: string; stale: string; q: string };
const FILTER_KEYS = ["pillar", "category", "commune", "stale", "q"] as const;

/** The filters the URL carries, each one kept only if the API would accept it. */
function filtersOf(search: Partial<Record<string, string | string[]>>): ResourceFilters {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search[key];
    const text = Array.isArray(value) ? value[0] : value;
    if (text?.trim()) raw[key] = text.trim();
  }
  const result = v.safeParse(ResourceQuery, raw);
  if (!result.success) {
    for (const issue of result.issues) delete raw[v.getDotPath(issue)?.split(".")[0] ?? ""];
  }
  if (raw.category && (!raw.pillar || !categoriesOf(raw.pillar).some((c) => c.value === raw.category))) {
    delete raw.category;
  }
  return raw as ResourceFilters;
}

const filterDraftOf = (filters: ResourceFilters): FilterDraft => ({
  pillar: filters.pillar ?? "",
  category: filters.category ?? "",
  commune: filters.commune ?? "",
  stale: filters.stale ?? "",
  q: filters.q ?? "",
});

function FiltersForm(props: {
  filters: ResourceFilters;
  apply: (filters: ResourceFilters) => void;
  clearHref: string;
}) {
  const r = () => t().resources;
  const form = createForm({
    id: "filters",
    schema: ResourceQuery,
    initial: () => filterDraftOf(props.filters),
    labels: () => ({
      pillar: r().pillar,
      category: r().category,
      commune: r().commune,
      stale: r().staleFilter,
      q: r().search,
    }),
    input: (draft) =>
      Object.fromEntries(
        Object.entries({ ...draft, commune: draft.commune.trim().toUpperCase(), q: draft.q.trim() }).filter(
          ([, value]) => value !== "",
        ),
      ),
    send: async (query) => {
      props.apply({
        ...(query.pillar ? { pillar: query.pillar } : {}),
        ...(query.category ? { category: query.category } : {}),
        ...(query.commune ? { commune: query.commune } : {}),
        ...(query.stale !== undefined ? { stale: query.stale ? "true" : "false" } : {}),
        ...(query.q ? { q: query.q } : {}),
      });
    },
    done: () => {},
  });
  // Back and forward in the browser: the form shows the URL's filters.
  createEffect(
    on(
      () => JSON.stringify(props.filters),
      () => form.reset(filterDraftOf(props.filters)),
      { defer: true },
    ),
  );
  createEffect(
    on(
      () => form.draft.pillar,
      (pillar) => {
        if (form.draft.category && !categoriesOf(pillar).some((c) => c.value === form.draft.category)) {
          form.set("category", "");
        }
      },
      { defer: true },
    ),
  );
  const select = (
    name: "pillar" | "category" | "stale",
    all: string,
    list: { value: string; label: string }[],
  ) => (
    <select id={form.id(name)} {...form.choice(name)} aria-invalid={form.errors(name) ? "true" : undefined}>
      <option value="" selected={form.draft[name] === ""}>
        {all}
      </option>
      <For each={list}>
        {(option) => (
          <option value={option.value} selected={form.draft[name] === option.value}>
            {option.label}
          </option>
        )}
      </For>
    </select>
  );
  return (
    <section class="panel filters" aria-labelledby="filters-title">
      <h2 id="filters-title">{r().filters}</h2>
      <FormView form={form}>
        <div class="field-row">
          <Field {...form.field("pillar")} label={r().pillar}>
            {() => select("pillar", r().anyPillar, options("pillars", pillars))}
          </Field>
          <Field
            {...form.field("category")}
            label={r().category}
            hint={form.draft.pillar ? undefined : r().categoryAfterPillar}
          >
            {(control) => (
              <select {...control} {...form.choice("category")}>
                <option value="" selected={form.draft.category === ""}>
                  {r().anyCategory}
                </option>
                <For each={categoriesOf(form.draft.pillar)}>
                  {(option) => (
                    <option value={option.value} selected={form.draft.category === option.value}>
                      {option.label}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <Field {...form.field("commune")} label={r().commune} hint={r().communeFilterHint} optional>
            {(control) => (
              <input
                {...control}
                class="input--short"
                type="text"
                spellcheck={false}
                {...form.text("commune")}
              />
            )}
          </Field>
          <Field {...form.field("stale")} label={r().staleFilter}>
            {() =>
              select("stale", r().anyStale, [
                { value: "true", label: r().staleOnly },
                { value: "false", label: r().freshOnly },
              ])
            }
          </Field>
        </div>
        <Field {...form.field("q")} label={r().search} hint={r().searchHint} optional>
          {(control) => <input {...control} type="search" {...form.text("q")} />}
        </Field>
        <div class="form__actions">
          <button type="submit" class="button">
            {r().filter}
          </button>{" "}
          <A href={props.clearHref} class="button button--quiet" end>
            {r().clearFilters}
          </A>
        </div>
      </FormView>
    </section>
  );
}

// --- The catalogue --------------------------------------------------------------------------------

export function ResourcesPage() {
  const { id, membership, isLead, base } = useTerritory();
  const [search, setSearch] = useSearchParams();
  const filters = createMemo(() => filtersOf(search), undefined, {
    equals: (a, b) => JSON.stringify(a) === JSON.stringify(b),
  });
  const r = () => t().resources;
  const apply = (next: ResourceFilters) =>
    setSearch(Object.fromEntries(FILTER_KEYS.map((key) => [key, next[key] ?? undefined])));
  return (
    <>
      <PageTitle title={r().title(membership()?.contextName ?? "")} />
      <RequireRole roles={READERS} contextId={id()}>
        <p class="lead">{r().intro}</p>
        <Show when={isLead()} fallback={<p class="notice">{r().readOnly}</p>}>
          <p class="actions">
            <A class="button" href={`${base()}/nouvelle`}>
              {r().add}
            </A>{" "}
            <A class="button button--secondary" href={`${base()}/import`}>
              {r().import}
            </A>
          </p>
        </Show>
        <Exports entity="resources" territoryId={id()} />
        <FiltersForm filters={filters()} apply={apply} clearHref={base()} />
        <ResourcesList territoryId={id()} base={base()} filters={filters()} isLead={isLead()} />
      </RequireRole>
    </>
  );
}

function ResourcesList(props: {
  territoryId: string;
  base: string;
  filters: ResourceFilters;
  isLead: boolean;
}) {
  const r = () => t().resources;
  const list = createResources(
    () => props.territoryId,
    () => props.filters,
  );
  const verify = createVerifyResource(() => props.territoryId);
  const items = createMemo(() => list.data?.pages.flatMap((page) => page.items) ?? []);
  const [loaded, setLoaded] = createSignal<number>();
  const [verifying, setVerifying] = createSignal<string>();
  const [message, setMessage] = createSignal("");
  const [failure, setFailure] = createSignal("");
  const filtered = () => Object.keys(props.filters).length > 0;

  const more = async () => {
    if (list.isFetchingNextPage) return;
    const before = items().length;
    setLoaded(undefined);
    await list.fetchNextPage();
    const added = items().length - before;
    if (added <= 0) return;
    setLoaded(added);
    queueMicrotask(() => document.getElementById(`resource-${before}`)?.focus());
  };

  const markVerified = async (resource: Resource) => {
    if (verifying()) return;
    setVerifying(resource.id);
    setMessage("");
    setFailure("");
    try {
      const saved = await verify.mutateAsync(resource);
      setMessage(r().verified(resourceName(saved), formatDate(saved.lastVerified ?? "")));
    } catch (error) {
      if (isApiError(error) && error.unauthorized) return;
      setFailure(
        isApiError(error, "resource.version_conflict")
          ? r().verifyConflict(resourceName(resource))
          : errorMessage(error),
      );
    } finally {
      setVerifying(undefined);
    }
  };

  return (
    <QueryView
      query={list}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0) && !data.pages.at(-1)?.next}
      empty={filtered() ? r().empty : r().emptyCatalogue}
    >
      {() => (
        <>
          <p class="muted" id="resources-count">
            {r().shown(items().length, list.hasNextPage)}
          </p>
          <Show when={failure()}>
            <p class="alert alert--error" role="alert">
              {failure()}
            </p>
          </Show>
          <Show when={items().length > 0}>
            <TableWrap label={r().caption}>
              <table aria-describedby="resources-count">
                <caption class="visually-hidden">{r().caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{r().name}</th>
                    <th scope="col">{r().pillar}</th>
                    <th scope="col">{r().category}</th>
                    <th scope="col">{r().commune}</th>
                    <th scope="col">{r().cost}</th>
                    <th scope="col">{r().lastVerified}</th>
                    <Show when={props.isLead}>
                      <th scope="col">
                        <span class="visually-hidden">{r().verify}</span>
                      </th>
                    </Show>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(resource, index) => (
                      <tr id={`resource-${index()}`} tabindex="-1">
                        <th scope="row">
                          <A href={`${props.base}/${resource.id}`}>{resourceName(resource)}</A>
                        </th>
                        <td>{label("pillars", resource.pillar)}</td>
                        <td>{label("resourceCategories", resource.category)}</td>
                        <td class="nowrap">{resource.commune}</td>
                        <td>{label("costTypes", resource.cost)}</td>
                        <td>
                          <LastVerified resource={resource} />
                        </td>
                        <Show when={props.isLead}>
                          <td>
                            <button
                              type="button"
                              class="button button--secondary button--small"
                              aria-disabled={verifying() !== undefined}
                              onClick={() => void markVerified(resource)}
                            >
                              {verifying() === resource.id ? r().verifying : r().verify}
                              <span class="visually-hidden"> : {resourceName(resource)}</span>
                            </button>
                          </td>
                        </Show>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
          </Show>
          <Show when={list.hasNextPage}>
            <MoreButton pending={list.isFetchingNextPage} onClick={() => void more()} />
          </Show>
          <Show when={list.isFetchNextPageError}>
            <p class="alert alert--error" role="alert">
              {errorMessage(list.error)}
            </p>
          </Show>
          <StatusMessage>{message() || (loaded() ? t().journal.loaded(loaded() ?? 0) : "")}</StatusMessage>
        </>
      )}
    </QueryView>
  );
}

// --- Adding one -------------------------------------------------------------------------------------

export function NewResourcePage() {
  const { id, base } = useTerritory();
  return (
    <>
      <Breadcrumb base={base()} current={t().resources.newTitle} />
      <PageTitle title={t().resources.newTitle} />
      <RequireRole roles={["territory_lead"]} contextId={id()}>
        <Show when={id()} keyed>
          {(territoryId) => <NewResourceForm territoryId={territoryId} base={base()} />}
        </Show>
      </RequireRole>
    </>
  );
}

function NewResourceForm(props: { territoryId: string; base: string }) {
  const territoryId = untrack(() => props.territoryId);
  const navigate = useNavigate();
  const add = createAddResource(() => territoryId);
  const form = createForm({
    id: "resource",
    keep: `resource:new:${territoryId}`,
    schema: ResourceCreate,
    initial: emptyResource,
    labels: resourceFormLabels,
    input: newResourceInput,
    send: (input) => add.mutateAsync(input),
    done: (saved) => navigate(`${props.base}/${saved.id}`, { state: { created: resourceName(saved) } }),
  });
  return (
    <FormView form={form}>
      <ResourceFields form={form} set={(field, value) => form.set(field as never, value as never)} adding />
      <SubmitButton form={form} label={t().resources.create} />
    </FormView>
  );
}

// --- One resource ---------------------------------------------------------------------------------

export function ResourcePage() {
  const { params, id, isLead, base } = useTerritory();
  const resourceId = () => params.resourceId ?? "";
  const resource = createResource(id, resourceId);
  const location = useLocation<{ created?: string }>();
  const name = () => (resource.data?.id === resourceId() ? resourceName(resource.data) : "");
  return (
    <>
      <Breadcrumb base={base()} current={name() || t().app.loading} />
      <PageTitle title={name() || t().resources.back} />
      <RequireRole roles={READERS} contextId={id()}>
        <StatusMessage>
          {location.state?.created ? t().resources.created(location.state.created) : ""}
        </StatusMessage>
        <QueryView query={resource}>
          {(data) => (
            <Show when={data().id === resourceId()}>
              <Show when={isLead()} fallback={<ResourceView resource={data()} />}>
                <Show when={data().id} keyed>
                  <ResourceForm territoryId={id()} initial={untrack(data)} />
                </Show>
                <History
                  territoryId={id()}
                  entity={data().id}
                  id="resource-history"
                  describe={describeResourceChange}
                />
              </Show>
            </Show>
          )}
        </QueryView>
      </RequireRole>
    </>
  );
}

function ResourceView(props: { resource: Resource }) {
  const r = () => t().resources;
  const x = () => props.resource;
  const text = (value: string | null) => value || t().app.notProvided;
  const list = (values: string[], name: "accessibilityFlags" | "resourcePublics") =>
    values.map((value) => label(name, value)).join(", ") || t().app.notProvided;
  const rows = () => [
    { label: r().pillar, value: label("pillars", x().pillar) },
    { label: r().category, value: label("resourceCategories", x().category) },
    { label: r().description, value: text(x().description) },
    { label: r().publics, value: list(x().publics, "resourcePublics") },
    {
      label: r().cost,
      value: [label("costTypes", x().cost), x().costDetail].filter(Boolean).join(" · "),
    },
    { label: r().schedule, value: text(x().schedule) },
    { label: r().capacity, value: x().capacity === null ? t().app.notProvided : String(x().capacity) },
    { label: r().commune, value: x().commune },
    { label: r().address, value: text(x().address) },
    { label: r().accessibility, value: list(x().accessibility, "accessibilityFlags") },
    { label: r().phone, value: text(x().phone) },
    { label: r().email, value: text(x().email) },
    { label: r().website, value: text(x().website) },
    { label: r().lastVerified, value: <LastVerified resource={x()} /> },
    { label: r().reference, value: x().reference },
  ];
  return (
    <>
      <p class="notice">{r().readOnly}</p>
      <Summary rows={rows()} />
    </>
  );
}

type Edit = ResourceDraft & { version: number };
type Status =
  | { kind: "saved" | "reloaded"; version: number }
  | { kind: "unchanged" }
  | { kind: "verified"; name: string; date: string }
  | undefined;

function isResource(value: unknown): value is Resource {
  return typeof value === "object" && value !== null && "version" in value && "pillar" in value;
}

function ResourceForm(props: { territoryId: string; initial: Resource }) {
  const initial = untrack(() => props.initial);
  const territoryId = untrack(() => props.territoryId);
  const queryClient = useQueryClient();
  const update = createUpdateResource(
    () => territoryId,
    () => initial.id,
  );
  const verify = createVerifyResource(() => territoryId);
  const [saved, setSaved] = createSignal<Resource>(initial);
  const [status, setStatus] = createSignal<Status>();
  const [verifyFailure, setVerifyFailure] = createSignal("");
  let conflictBox: HTMLDivElement | undefined;
  const editOf = (resource: Resource): Edit => ({ ...resourceDraftOf(resource), version: resource.version });
  const same = (draft: ResourceDraft) =>
    JSON.stringify(resourceInput(draft)) === JSON.stringify(resourceInput(resourceDraftOf(saved())));
  const r = () => t().resources;

  const form = createForm({
    id: "resource",
    keep: `resource:${initial.id}`,
    schema: ResourceUpdate,
    initial: () => editOf(initial),
    labels: resourceFormLabels,
    input: (draft) => ({ ...resourceInput(draft), version: draft.version }),
    conflict: "resource.version_conflict",
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

  /** Verified: a new version, which the draft (its other fields untouched) now starts from. */
  const markVerified = async () => {
    if (verify.isPending) return;
    setVerifyFailure("");
    setStatus(undefined);
    try {
      const result = await verify.mutateAsync({ id: initial.id, version: form.draft.version });
      const untouched = same(form.draft);
      setSaved(result);
      if (untouched) form.reset(editOf(result));
      else form.set("version", result.version);
      setStatus({
        kind: "verified",
        name: resourceName(result),
        date: formatDate(result.lastVerified ?? ""),
      });
    } catch (error) {
      if (isApiError(error) && error.unauthorized) return;
      setVerifyFailure(
        isApiError(error, "resource.version_conflict")
          ? r().verifyConflict(resourceName(saved()))
          : errorMessage(error),
      );
    }
  };

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );
  const current = () => {
    const error = form.conflict();
    return error && isResource(error.current) ? error.current : undefined;
  };
  const reload = () => {
    const stored = current();
    if (!stored) return;
    setSaved(stored);
    form.reset(editOf(stored));
    queryClient.setQueryData(resourceKeys.one(territoryId, stored.id), stored);
    setStatus({ kind: "reloaded", version: stored.version });
    document.getElementById(form.id("pillar"))?.focus();
  };
  const statusText = () => {
    const now = status();
    if (!now) return "";
    if (now.kind === "unchanged") return r().unchanged;
    if (now.kind === "verified") return r().verified(now.name, now.date);
    return now.kind === "saved" ? r().saved(now.version) : r().reloaded(now.version);
  };

  return (
    <>
      <section class="panel" aria-labelledby="resource-verification">
        <h2 id="resource-verification">{r().lastVerified}</h2>
        <p>
          <LastVerified resource={saved()} />
        </p>
        <p>
          <button
            type="button"
            class="button button--secondary"
            aria-disabled={verify.isPending}
            onClick={() => void markVerified()}
          >
            {verify.isPending ? r().verifying : r().verify}
          </button>
        </p>
        <Show when={verifyFailure()}>
          <p class="alert alert--error" role="alert">
            {verifyFailure()}
          </p>
        </Show>
      </section>
      <p id="resource-version" class="muted">
        {r().version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="resource-version">
        <Show when={current()}>
          {(stored) => (
            <ConflictAlert
              id="resource-conflict"
              title={r().conflictTitle}
              text={r().conflict(stored().version)}
              reload={r().reloadCurrent}
              onReload={reload}
              ref={(element) => {
                conflictBox = element;
              }}
            />
          )}
        </Show>
        <ResourceFields form={form} set={(field, value) => form.set(field as never, value as never)} />
        <SubmitButton form={form} label={r().save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
  );
}
