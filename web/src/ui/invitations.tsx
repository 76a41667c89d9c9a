import type { InvitationSummary, Page } from "@maillage/schema";
import { createMemo, createSignal, For, Show } from "solid-js";
import { formatDate, formatDateTime, roleLabel, t } from "../i18n";
import { StatusMessage } from "./form";
import { errorMessage, type QueryState, QueryView } from "./states";
import { TableWrap } from "./table";

/** What the list reads of an infinite query of invitation pages. */
export interface InvitationPages extends QueryState<{ pages: Page<InvitationSummary>[] }> {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage: () => Promise<unknown>;
}

type State = "pending" | "expired" | "accepted" | "revoked";

const stateOf = (invitation: InvitationSummary): State =>
  invitation.status === "pending" && invitation.expired ? "expired" : invitation.status;

/** « en attente jusqu'au 8 décembre 2026 », « expirée le … », « acceptée », « annulée ». */
function InvitationState(props: { invitation: InvitationSummary }) {
  const i = () => t().invitations;
  const state = () => stateOf(props.invitation);
  const expiry = () => formatDate(props.invitation.expiresAt);
  return (
    <>
      <span class={`tag tag--${state()}`}>{i()[state()]}</span>
      <Show when={state() === "pending" || state() === "expired"}>
        {" "}
        <span class="muted small">
          {state() === "pending" ? i().expiresOn(expiry()) : i().expiredOn(expiry())}
        </span>
      </Show>
    </>
  );
}

/**
 * A territory's invitations with their state, newest first, a page at a time ("Voir plus"): what the
 * operator and the territory's leads follow up after inviting someone.
 */
export function InvitationsList(props: { id: string; query: InvitationPages }) {
  const i = () => t().invitations;
  const items = createMemo(() => props.query.data?.pages.flatMap((page) => page.items) ?? []);
  const [loaded, setLoaded] = createSignal<number>();
  const rowId = (index: number) => `${props.id}-${index}`;

  const more = async () => {
    if (props.query.isFetchingNextPage) return;
    const before = items().length;
    setLoaded(undefined);
    await props.query.fetchNextPage();
    const added = items().length - before;
    if (added <= 0) return;
    setLoaded(added);
    // The first new invitation takes the focus, so that reading goes on where the list grew.
    queueMicrotask(() => document.getElementById(rowId(before))?.focus());
  };

  return (
    <QueryView
      query={props.query}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
      empty={i().empty}
    >
      {() => (
        <>
          <TableWrap label={i().caption}>
            <table id={props.id}>
              <caption>{i().caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{i().person}</th>
                  <th scope="col">{i().email}</th>
                  <th scope="col">{i().role}</th>
                  <th scope="col">{i().status}</th>
                  <th scope="col">{i().createdAt}</th>
                  <th scope="col">{i().delivery}</th>
                </tr>
              </thead>
              <tbody>
                <For each={items()}>
                  {(invitation, index) => (
                    <tr>
                      <th scope="row" id={rowId(index())} tabindex="-1">
                        {invitation.displayName}
                      </th>
                      <td>{invitation.email}</td>
                      <td>{roleLabel(invitation.role)}</td>
                      <td>
                        <InvitationState invitation={invitation} />
                      </td>
                      <td>{formatDateTime(invitation.createdAt)}</td>
                      <td>
                        <Show
                          when={invitation.deliveredAt}
                          fallback={<span class="muted">{i().notDelivered}</span>}
                        >
                          {(at) => <>{i().deliveredOn(formatDateTime(at()))}</>}
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </TableWrap>
          <Show
            when={props.query.hasNextPage}
            fallback={
              <Show when={(props.query.data?.pages.length ?? 0) > 1}>
                <p class="muted">{i().end}</p>
              </Show>
            }
          >
            <p>
              <button
                type="button"
                class="button button--secondary"
                aria-disabled={props.query.isFetchingNextPage}
                aria-controls={props.id}
                onClick={() => void more()}
              >
                {props.query.isFetchingNextPage ? i().loadingMore : i().more}
              </button>
            </p>
          </Show>
          <Show when={props.query.isFetchNextPageError}>
            <p class="alert alert--error" role="alert">
              {errorMessage(props.query.error)}
            </p>
          </Show>
          <StatusMessage>{loaded() ? i().loaded(loaded() ?? 0) : ""}</StatusMessage>
        </>
      )}
    </QueryView>
  );
}
