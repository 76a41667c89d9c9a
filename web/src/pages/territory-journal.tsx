import type { AuditChange, AuditEntry } from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { createMemo, createSignal, For, Show } from "solid-js";
import { createMembership } from "../data/session";
import { createAudit } from "../data/territory";
import { formatDate, formatDateTime, formatNumber, label, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { StatusMessage } from "../ui/form";
import { PageTitle } from "../ui/page";
import { profileLabels } from "../ui/profile-fields";
import { errorMessage, QueryView } from "../ui/states";

/**
 * What the journal never shows, even if an entry carried it: identifiers, versions and timestamps say
 * nothing a person can read (the entry has its own date and author).
 */
const HIDDEN_FIELDS = new Set(["id", "version", "createdAt", "updatedAt", "type"]);
const ID = /^[a-z]{3}_[0-9A-HJKMNP-TV-Z]{26}$/;
const isHidden = (change: AuditChange) =>
  HIDDEN_FIELDS.has(change.field) ||
  change.field.endsWith("Id") ||
  [change.before, change.after].some((value) => typeof value === "string" && ID.test(value));

const isEmpty = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

function show(value: unknown): string {
  if (isEmpty(value)) return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "boolean") return value ? t().app.yes : t().app.no;
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

function fieldLabel(field: string): string {
  const labels: Record<string, string | undefined> = {
    ...profileLabels(),
    email: t().members.email,
    displayName: t().members.displayName,
    role: t().members.role,
    description: t().operator.description,
    funderType: t().operator.funderType,
  };
  return labels[field] ?? t().journal.fields[field] ?? field;
}

function formatValue(field: string, value: unknown): string {
  if (typeof value === "string" && value !== "") {
    if (field === "carrierType") return label("carrierTypes", value);
    if (field === "programme") return label("programmes", value);
    if (field === "funderType") return label("funderTypes", value);
    if (field === "role") return label("roles", value);
    if (field === "contextKind") return label("contextKinds", value);
    if (field === "status") return t().journal.statuses[value] ?? value;
    if (field === "startDate" || field === "endDate") return formatDate(value);
    if (field === "expiresAt") return formatDateTime(value);
  }
  return show(value);
}

interface Shown {
  field: string;
  label: string;
  before: string | undefined;
  after: string | undefined;
}

/** The changes worth a line: declared fields whose shown value actually differs. */
export function shownChanges(entry: Pick<AuditEntry, "changes">): Shown[] {
  return entry.changes
    .filter((change) => !isHidden(change))
    .map((change) => ({
      field: change.field,
      label: fieldLabel(change.field),
      before: isEmpty(change.before) ? undefined : formatValue(change.field, change.before),
      after: isEmpty(change.after) ? undefined : formatValue(change.field, change.after),
    }))
    .filter((change) => change.before !== change.after);
}

/** Whom or what the entry is about (the invited person…), when it is not the territory itself. */
function subjectOf(entry: AuditEntry): string | undefined {
  if (entry.entityType === "territory") return undefined;
  if (entry.entityLabel) return label("roles", entry.entityLabel);
  return t().journal.entities[entry.entityType];
}

function person(entry: AuditEntry): string {
  if (entry.userName) return entry.userName;
  return entry.userId.startsWith("system:") ? t().journal.system : t().journal.unknownPerson;
}

function Change(props: { change: Shown }) {
  return (
    <li>
      <span class="changes__field">{props.change.label}</span>{" "}
      <Show
        when={props.change.before !== undefined && props.change.after !== undefined}
        fallback={
          <Show
            when={props.change.after !== undefined}
            fallback={
              <>
                <del>{props.change.before}</del> <span class="muted">({t().journal.cleared})</span>
              </>
            }
          >
            <ins>{props.change.after}</ins>
          </Show>
        }
      >
        <del>{props.change.before}</del> <span aria-hidden="true">→</span>{" "}
        <span class="visually-hidden">{t().journal.becomes}</span> <ins>{props.change.after}</ins>
      </Show>
    </li>
  );
}

function Entry(props: { entry: AuditEntry; index: number }) {
  const changes = createMemo(() => shownChanges(props.entry));
  const summary = () => Object.entries(props.entry.summary ?? {});
  return (
    <li class="journal__entry" id={`journal-entry-${props.index}`} tabindex="-1">
      <p class="journal__meta">
        <time datetime={props.entry.at}>{formatDateTime(props.entry.at)}</time>
        <span class="journal__person">{person(props.entry)}</span>
      </p>
      <div class="journal__body">
        <h2 class="journal__action">
          {t().journal.actions[props.entry.action] ?? props.entry.action}
          <Show when={subjectOf(props.entry)}>
            {(subject) => <span class="journal__subject"> · {subject()}</span>}
          </Show>
        </h2>
        <Show when={changes().length > 0}>
          <ul class="changes">
            <For each={changes()}>{(change) => <Change change={change} />}</For>
          </ul>
        </Show>
        <Show when={summary().length > 0}>
          <dl class="journal__summary">
            <For each={summary()}>
              {([key, value]) => (
                <div>
                  <dt>{t().journal.summary[key] ?? key}</dt>
                  <dd>{show(value)}</dd>
                </div>
              )}
            </For>
          </dl>
        </Show>
        <Show when={changes().length === 0 && summary().length === 0 && !subjectOf(props.entry)}>
          <p class="muted">{t().journal.noChange}</p>
        </Show>
      </div>
    </li>
  );
}

export function JournalPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  return (
    <>
      <PageTitle title={t().journal.title(membership()?.contextName ?? "")} />
      <RequireRole roles={["territory_lead"]} contextId={id()}>
        <p class="lead">{t().journal.intro}</p>
        <Journal territoryId={id()} />
      </RequireRole>
    </>
  );
}

function Journal(props: { territoryId: string }) {
  const audit = createAudit(() => props.territoryId);
  const entries = createMemo(() => audit.data?.pages.flatMap((page) => page.items) ?? []);
  const [loaded, setLoaded] = createSignal<number>();

  const more = async () => {
    if (audit.isFetchingNextPage) return;
    const before = entries().length;
    setLoaded(undefined);
    await audit.fetchNextPage();
    const added = entries().length - before;
    if (added <= 0) return;
    setLoaded(added);
    // The first new entry takes the focus, so that reading goes on where the list grew.
    queueMicrotask(() => document.getElementById(`journal-entry-${before}`)?.focus());
  };

  return (
    <QueryView
      query={audit}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      empty={t().journal.empty}
    >
      {() => (
        <>
          <ol class="journal" aria-label={t().journal.caption}>
            <For each={entries()}>{(entry, index) => <Entry entry={entry} index={index()} />}</For>
          </ol>
          <Show
            when={audit.hasNextPage}
            fallback={
              <Show when={(audit.data?.pages.length ?? 0) > 1}>
                <p class="muted">{t().journal.end}</p>
              </Show>
            }
          >
            <p>
              <button
                type="button"
                class="button button--secondary"
                aria-disabled={audit.isFetchingNextPage}
                onClick={() => void more()}
              >
                {audit.isFetchingNextPage ? t().journal.loadingMore : t().journal.more}
              </button>
            </p>
          </Show>
          <Show when={audit.isFetchNextPageError}>
            <p class="alert alert--error" role="alert">
              {errorMessage(audit.error)}
            </p>
          </Show>
          <StatusMessage>{loaded() ? t().journal.loaded(loaded() ?? 0) : ""}</StatusMessage>
        </>
      )}
    </QueryView>
  );
}
