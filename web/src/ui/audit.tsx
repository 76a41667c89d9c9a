import type { AuditChange, AuditEntry } from "@maillage/schema";
import { createMemo, createSignal, For, Show, untrack } from "solid-js";
import { Dynamic } from "solid-js/web";
import { createHistory } from "../data/history";
import { createAudit } from "../data/territory";
import { formatDate, formatDateTime, formatNumber, label, t } from "../i18n";
import { StatusMessage } from "./form";
import { profileLabels } from "./profile-fields";
import { errorMessage, QueryView } from "./states";

/**
 * Audit entries as people read them: the journal's entries, and each configured item's history
 * (pathway, referral settings, a partner scheme), with the same component.
 */

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

export const isEmptyValue = (value: unknown) =>
  value === undefined || value === null || value === "" || (Array.isArray(value) && value.length === 0);

/** A recorded value as text: lists joined, numbers and booleans in the person's language. */
export function showValue(value: unknown): string {
  if (isEmptyValue(value)) return "—";
  if (Array.isArray(value)) return value.map(showValue).join(", ");
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

/** A journey's event or measure as its audit entry records it (coded values only). */
function journeyItem(field: string, value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const item = value as Record<string, unknown>;
  const date = typeof item.date === "string" ? formatDate(item.date) : "";
  if (field === "events" && typeof item.type === "string") {
    const reason =
      item.type === "exit" && typeof item.reason === "string"
        ? ` (${label("exitReasons", item.reason)})`
        : "";
    return `${label("eventTypes", item.type)}${reason}, ${date}`;
  }
  if (field === "measures" && typeof item.instrument === "string") {
    const timepoint = typeof item.timepoint === "string" ? label("timepoints", item.timepoint) : "";
    return `${item.instrument} (${timepoint}), ${date}`;
  }
  return undefined;
}

function formatValue(field: string, value: unknown): string {
  const journey = field === "events" || field === "measures" ? journeyItem(field, value) : undefined;
  if (journey) return journey;
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
  return showValue(value);
}

/** One change as shown: the field's label, and its values before and after (undefined: empty). */
export interface ShownChange {
  field: string;
  label: string;
  before: string | undefined;
  after: string | undefined;
}

/**
 * How a page names the fields of its own records ("steps.stp_….targetDelayDays" → « Étape
 * Orienter · Délai cible »); undefined leaves the change to the journal's own labels.
 */
export type DescribeChange = (change: AuditChange, entry: AuditEntry) => ShownChange | undefined;

/** The changes worth a line: declared fields whose shown value actually differs. */
export function shownChanges(entry: AuditEntry, describe?: DescribeChange): ShownChange[] {
  return entry.changes
    .filter((change) => !isHidden(change))
    .map(
      (change) =>
        describe?.(change, entry) ?? {
          field: change.field,
          label: fieldLabel(change.field),
          before: isEmptyValue(change.before) ? undefined : formatValue(change.field, change.before),
          after: isEmptyValue(change.after) ? undefined : formatValue(change.field, change.after),
        },
    )
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

function Change(props: { change: ShownChange }) {
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

/**
 * One audit entry: when, who, what (the action and what it was about), and the fields it changed.
 * `level` is the heading level of the action (2 in the journal, 3 in a page's history section).
 */
export function AuditEntryView(props: {
  entry: AuditEntry;
  /** The element id, so that "see more" can move focus to the first new entry. */
  id: string;
  level?: 2 | 3;
  describe?: DescribeChange;
  /** Leaves out the entry's subject (a history of one record names it already). */
  hideSubject?: boolean;
}) {
  const changes = createMemo(() => shownChanges(props.entry, props.describe));
  const summary = () => Object.entries(props.entry.summary ?? {});
  const subject = () => (props.hideSubject ? undefined : subjectOf(props.entry));
  return (
    <li class="journal__entry" id={props.id} tabindex="-1">
      <p class="journal__meta">
        <time datetime={props.entry.at}>{formatDateTime(props.entry.at)}</time>
        <span class="journal__person">{person(props.entry)}</span>
      </p>
      <div class="journal__body">
        <Dynamic component={props.level === 3 ? "h3" : "h2"} class="journal__action">
          {t().journal.actions[props.entry.action] ?? props.entry.action}
          <Show when={subject()}>{(name) => <span class="journal__subject"> · {name()}</span>}</Show>
        </Dynamic>
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
                  <dd>{showValue(value)}</dd>
                </div>
              )}
            </For>
          </dl>
        </Show>
        <Show when={changes().length === 0 && summary().length === 0 && !subject()}>
          <p class="muted">{t().journal.noChange}</p>
        </Show>
      </div>
    </li>
  );
}

/**
 * A list of audit entries with "see more": the journal (no `entity`), or one record's history. The
 * first new entry of a page takes the focus, so that reading goes on where the list grew.
 */
export function AuditList(props: {
  territoryId: string;
  entity?: string;
  /** Prefix of the entries' ids: unique in the page. */
  idPrefix: string;
  label: string;
  empty: string;
  level?: 2 | 3;
  describe?: DescribeChange;
  hideSubject?: boolean;
}) {
  // One list for its whole life: the journal, or the history of the record it was created for.
  const entity = untrack(() => props.entity);
  const audit = entity
    ? createHistory(
        () => props.territoryId,
        () => entity,
      )
    : createAudit(() => props.territoryId);
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
    queueMicrotask(() => document.getElementById(`${props.idPrefix}-${before}`)?.focus());
  };

  return (
    <QueryView
      query={audit}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      empty={props.empty}
    >
      {() => (
        <>
          <ol class="journal" aria-label={props.label}>
            <For each={entries()}>
              {(entry, index) => (
                <AuditEntryView
                  entry={entry}
                  id={`${props.idPrefix}-${index()}`}
                  level={props.level}
                  describe={props.describe}
                  hideSubject={props.hideSubject}
                />
              )}
            </For>
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

/**
 * A configured item's "Historique": a disclosure (closed at first, so that the page does not read the
 * trail until asked) with the item's audit entries, newest first. For leads (the trail is theirs).
 */
export function History(props: {
  territoryId: string;
  entity: string;
  /** Unique in the page. */
  id: string;
  describe?: DescribeChange;
}) {
  const [open, setOpen] = createSignal(false);
  const h = () => t().itemHistory;
  return (
    <section class="panel history" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{h().title}</h2>
      <p>
        <button
          type="button"
          class="button button--secondary"
          aria-expanded={open()}
          aria-controls={`${props.id}-content`}
          onClick={() => setOpen(!open())}
        >
          {open() ? h().hide : h().show}
        </button>
      </p>
      <div id={`${props.id}-content`}>
        <Show when={open()}>
          <AuditList
            territoryId={props.territoryId}
            entity={props.entity}
            idPrefix={`${props.id}-entry`}
            label={h().caption}
            empty={h().empty}
            level={3}
            describe={props.describe}
            hideSubject
          />
        </Show>
      </div>
    </section>
  );
}
