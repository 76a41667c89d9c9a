import type { AuditEntry, Role } from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { createMembership } from "../data/session";
import { createAudit } from "../data/territory";
import { formatDate, formatDateTime, formatNumber, t } from "../i18n";
import { PageTitle } from "../ui/page";
import { profileLabels } from "../ui/profile-fields";
import { QueryView } from "../ui/states";
import { carrierLabel, programmeLabel } from "../ui/territory";

/** Attributes that say nothing about the change itself (the entry has its own date). */
const IGNORED = new Set(["type", "createdAt", "updatedAt", "invitedBy"]);

export interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

/** Profile fields in the form's order; other attributes follow alphabetically, the version last. */
const ORDER = [
  "name",
  "carrierType",
  "carrierName",
  "communes",
  "population",
  "priorityNeighbourhoods",
  "programme",
  "startDate",
  "endDate",
];
const rank = (field: string) => {
  if (field === "version") return ORDER.length + 1;
  const index = ORDER.indexOf(field);
  return index === -1 ? ORDER.length : index;
};

/** The fields whose value differs between the stored before and after images. */
export function changesOf(entry: Pick<AuditEntry, "before" | "after">): Change[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
  return fields
    .filter((field) => !IGNORED.has(field))
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .map((field) => ({ field, before: before[field], after: after[field] }));
}

function show(value: unknown): string {
  if (value === undefined || value === null || value === "") return "—";
  if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "—";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

export function JournalPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const audit = createAudit(id);
  const fieldLabel = (field: string) => {
    const labels: Record<string, string> = {
      ...profileLabels(),
      email: t().members.email,
      displayName: t().members.displayName,
      role: t().members.role,
    };
    return labels[field] ?? t().journal.fields[field] ?? field;
  };
  const formatValue = (field: string, value: unknown) => {
    if (typeof value === "string") {
      if (field === "carrierType") return carrierLabel(value);
      if (field === "programme") return programmeLabel(value);
      if (field === "role") return t().roles[value as Role] ?? value;
      if (field === "status") return t().journal.statuses[value] ?? value;
      if (field === "startDate" || field === "endDate") return formatDate(value);
      if (field === "expiresAt") return formatDateTime(value);
    }
    return show(value);
  };

  return (
    <>
      <PageTitle title={t().journal.title(membership()?.contextName ?? "")} />
      <p class="lead">{t().journal.intro}</p>
      <QueryView query={audit} isEmpty={(entries) => entries.length === 0} empty={t().journal.empty}>
        {(entries) => (
          <div class="table-wrap">
            <table class="journal">
              <caption class="visually-hidden">{t().journal.caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t().journal.date}</th>
                  <th scope="col">{t().journal.person}</th>
                  <th scope="col">{t().journal.action}</th>
                  <th scope="col">{t().journal.changes}</th>
                </tr>
              </thead>
              <tbody>
                <For each={entries()}>
                  {(entry) => (
                    <tr>
                      <td class="nowrap">
                        <time datetime={entry.at}>{formatDateTime(entry.at)}</time>
                      </td>
                      <td>
                        <Show
                          when={!entry.userId.startsWith("system:")}
                          fallback={<span class="muted">{t().journal.system}</span>}
                        >
                          <Show when={entry.userName}>
                            {(name) => (
                              <>
                                {name()}
                                <br />
                              </>
                            )}
                          </Show>
                          <code class="id">{entry.userId}</code>
                        </Show>
                      </td>
                      <td>{t().journal.actions[entry.action] ?? entry.action}</td>
                      <td>
                        <Show
                          when={changesOf(entry).length > 0}
                          fallback={<span class="muted">{t().journal.noChange}</span>}
                        >
                          <ul class="changes">
                            <For each={changesOf(entry)}>
                              {(change) => (
                                <li>
                                  <span class="changes__field">{fieldLabel(change.field)}</span>{" "}
                                  <del>{formatValue(change.field, change.before)}</del>{" "}
                                  <span aria-hidden="true">→</span>{" "}
                                  <span class="visually-hidden">{t().journal.becomes}</span>{" "}
                                  <ins>{formatValue(change.field, change.after)}</ins>
                                </li>
                              )}
                            </For>
                          </ul>
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </div>
        )}
      </QueryView>
    </>
  );
}
