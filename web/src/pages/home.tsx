import { A, useNavigate } from "@solidjs/router";
import { createEffect, For, Show } from "solid-js";
import { createMe, homePath } from "../data/session";
import { roleLabel, t } from "../i18n";
import { PageTitle } from "../ui/page";
import { QueryView } from "../ui/states";

/** With one membership, straight to it; with several, the context switcher. */
export function HomePage() {
  const me = createMe();
  const navigate = useNavigate();
  createEffect(() => {
    const memberships = me.data?.memberships;
    const only = memberships?.length === 1 ? memberships[0] : undefined;
    if (only) navigate(homePath(only), { replace: true });
  });
  return (
    <>
      <PageTitle title={t().home.title} />
      <QueryView query={me} isEmpty={(data) => data.memberships.length === 0} empty={t().home.none}>
        {(data) => (
          <Show when={data().memberships.length > 1}>
            <p class="lead">{t().home.intro}</p>
            <ul class="workspaces">
              <For each={data().memberships}>
                {(membership) => (
                  <li>
                    <A href={homePath(membership)} class="workspace">
                      <span class="workspace__name">{membership.contextName}</span>
                      <span class="workspace__meta">
                        {t().contextKinds[membership.contextKind]} ·{" "}
                        {t().home.as(roleLabel(membership.role).toLowerCase())}
                      </span>
                    </A>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </QueryView>
    </>
  );
}

export function NotFoundPage() {
  return (
    <>
      <PageTitle title={t().states.pageNotFound} />
      <p>{t().states.notFound}</p>
      <p>
        <A href="/">{t().app.home}</A>
      </p>
    </>
  );
}
