import { A } from "@solidjs/router";
import { type Accessor, type JSX, Match, Show, Switch } from "solid-js";
import { ApiError, isApiError } from "../api";
import { t } from "../i18n";

/** A sentence explaining an error to the person, whatever its origin. */
export function errorMessage(error: unknown): string {
  const s = t().states;
  if (!(error instanceof ApiError)) return s.error;
  if (error.code === "network") return s.network;
  if (error.code === "attachment.already_exists") return t().operator.alreadyAttached;
  if (error.code === "membership.already_exists") return t().invitation.already;
  if (error.code === "auth.invitation_invalid") return t().invitation.invalid;
  if (error.code === "auth.invitation_sign_in") return t().invitation.signInFirst;
  if (error.code === "period.locked") return s.periodLocked(error.periods);
  if (error.code === "indicators.rebuilding") return s.rebuilding;
  if (error.status === 400) return s.invalid;
  if (error.status === 403) return s.forbidden;
  if (error.status === 404) return s.notFound;
  if (error.status === 409) return s.conflict;
  if (error.status === 413) return s.tooLarge;
  return s.error;
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t().app.loading}
    </p>
  );
}

export function ErrorState(props: { error: unknown; onRetry?: () => void }) {
  const status = () => (props.error instanceof ApiError ? props.error.status : 500);
  const title = () => {
    if (status() === 404) return t().states.notFoundTitle;
    if (status() === 403) return t().states.forbiddenTitle;
    return t().states.errorTitle;
  };
  const retryable = () => status() === 0 || status() >= 500;
  return (
    <div class="state state--error" role="alert">
      <h2>{title()}</h2>
      <p>{errorMessage(props.error)}</p>
      <Show when={isApiError(props.error) && props.error.requestId}>
        {(id) => <p class="muted">{t().states.reference(id())}</p>}
      </Show>
      <p class="actions">
        <Show when={retryable() && props.onRetry}>
          {(retry) => (
            <button type="button" class="button" onClick={() => retry()()}>
              {t().app.retry}
            </button>
          )}
        </Show>
        <A href="/">{t().app.home}</A>
      </p>
    </div>
  );
}

export function Empty(props: { children: JSX.Element }) {
  return <p class="state state--empty">{props.children}</p>;
}

/** What QueryView reads of a query (a plain or an infinite one). */
export interface QueryState<T> {
  data: T | undefined;
  isError: boolean;
  error: unknown;
  refetch: () => unknown;
}

/** Loading, error, empty and data states of one query. */
export function QueryView<T>(props: {
  query: QueryState<T>;
  isEmpty?: (data: T) => boolean;
  empty?: JSX.Element;
  children: (data: Accessor<T>) => JSX.Element;
}) {
  const hasData = () => props.query.data !== undefined;
  return (
    <Switch>
      <Match when={props.query.isError && !hasData()}>
        <ErrorState error={props.query.error} onRetry={() => void props.query.refetch()} />
      </Match>
      <Match when={!hasData()}>
        <Loading />
      </Match>
      <Match when={props.isEmpty?.(props.query.data as T)}>
        <Empty>{props.empty ?? t().states.empty}</Empty>
      </Match>
      <Match when={props.query.data}>{(data) => props.children(data as Accessor<T>)}</Match>
    </Switch>
  );
}
