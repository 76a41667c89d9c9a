import type { Role } from "@maillage/schema";
import { A } from "@solidjs/router";
import { type JSX, Match, Switch } from "solid-js";
import { createMe } from "../data/session";
import { roleLabel, t } from "../i18n";
import { ErrorState, Loading } from "./states";

function Refusal(props: { title: string; text: string }) {
  return (
    <div class="state state--error" role="alert">
      <h2>{props.title}</h2>
      <p>{props.text}</p>
      <p class="actions">
        <A href="/">{t().app.home}</A>
      </p>
    </div>
  );
}

/**
 * A page, or part of one, for some roles only. The server refuses the others anyway: the console does
 * not offer what the person's role cannot do, nor ask for it. With `contextId`, the role held in that
 * territory, federation or funder; without, any membership with one of the roles (the operator's).
 */
export function RequireRole(props: { roles: readonly Role[]; contextId?: string; children: JSX.Element }) {
  const me = createMe();
  const memberships = () =>
    (me.data?.memberships ?? []).filter(
      (membership) => props.contextId === undefined || membership.contextId === props.contextId,
    );
  const allowed = () => memberships().some((membership) => props.roles.includes(membership.role));
  const forbidden = () => t().states.forbiddenRole(props.roles.map(roleLabel));
  return (
    <Switch>
      <Match when={me.isError && !me.data}>
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      </Match>
      <Match when={!me.data}>
        <Loading />
      </Match>
      <Match when={allowed()}>{props.children}</Match>
      <Match when={props.contextId !== undefined && memberships().length === 0}>
        <Refusal title={t().states.notFoundTitle} text={t().states.notFound} />
      </Match>
      <Match when={true}>
        <Refusal title={t().states.forbiddenTitle} text={forbidden()} />
      </Match>
    </Switch>
  );
}
