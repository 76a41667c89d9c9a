import { A, type RouteSectionProps, useLocation, useNavigate, useParams } from "@solidjs/router";
import { createEffect, createSignal, For, on, Show } from "solid-js";
import { onUnauthorized, queryClient } from "../data/query";
import { createMe, createMembership, createSignOut, homePath } from "../data/session";
import { roleLabel, setLocale, t } from "../i18n";
import { forgetDrafts, keepDrafts } from "./form";

const PUBLIC_PATHS = new Set(["/connexion", "/invitation"]);

/** The workspace a path belongs to, as the header's context switcher names it. */
function workspaceOf(pathname: string): string {
  const match = /^\/(territoires|federations|financeurs)\/([^/]+)/.exec(pathname);
  if (match) return `/${match[1]}/${match[2]}`;
  return pathname.startsWith("/operateur") ? "/operateur" : "";
}

function LanguageToggle() {
  return (
    <button
      type="button"
      class="button button--quiet"
      lang={t().lang.switchToCode}
      title={t().lang.switchLabel}
      onClick={() => setLocale(t().lang.switchToCode === "en" ? "en" : "fr")}
    >
      {t().lang.switchTo}
    </button>
  );
}

function ContextSwitcher() {
  const me = createMe();
  const location = useLocation();
  const navigate = useNavigate();
  const [selected, setSelected] = createSignal("");
  createEffect(
    on(
      () => location.pathname,
      (pathname) => setSelected(workspaceOf(pathname)),
    ),
  );
  return (
    <Show when={(me.data?.memberships.length ?? 0) > 1}>
      <form
        class="context-switcher"
        onSubmit={(event) => {
          event.preventDefault();
          if (selected()) navigate(selected());
        }}
      >
        <label for="context-switcher">{t().header.context}</label>
        <select id="context-switcher" onChange={(event) => setSelected(event.currentTarget.value)}>
          <option value="" disabled selected={selected() === ""}>
            {t().header.contextChoose}
          </option>
          <For each={me.data?.memberships}>
            {(membership) => (
              <option value={homePath(membership)} selected={selected() === homePath(membership)}>
                {membership.contextName} · {roleLabel(membership.role)}
              </option>
            )}
          </For>
        </select>
        <button type="submit" class="button button--secondary">
          {t().header.contextGo}
        </button>
      </form>
    </Show>
  );
}

export function Layout(props: RouteSectionProps) {
  const location = useLocation();
  const navigate = useNavigate();
  const isPublic = () => PUBLIC_PATHS.has(location.pathname);
  const me = createMe(() => !isPublic());
  const signOut = createSignOut();
  let main: HTMLElement | undefined;

  onUnauthorized(() => {
    if (isPublic()) return;
    // Before the cache (and the person it names) is cleared: what was being typed waits for sign-in.
    keepDrafts();
    queryClient.clear();
    navigate("/connexion", { replace: true, state: { expired: true, from: location.pathname } });
  });

  // A new page: move focus to its h1, so that screen readers announce it (not on the first load).
  // Pages that load on first visit put their h1 in later: focus follows the page's h1 for a moment,
  // unless the person has moved focus themself.
  let stopFollowing: (() => void) | undefined;
  createEffect(
    on(
      () => location.pathname,
      () => {
        stopFollowing?.();
        requestAnimationFrame(() => {
          if (!main) return;
          let focused: HTMLElement | undefined;
          const follow = () => {
            const heading = main?.querySelector<HTMLElement>("h1") ?? undefined;
            const active = document.activeElement;
            const ours =
              active === document.body || active === main || active === focused || !active?.isConnected;
            if (heading && heading !== focused && ours) {
              heading.focus();
              focused = heading;
            }
          };
          follow();
          if (!focused) main.focus();
          const observer = new MutationObserver(follow);
          observer.observe(main, { childList: true, subtree: true });
          const timer = setTimeout(() => observer.disconnect(), 3000);
          stopFollowing = () => {
            observer.disconnect();
            clearTimeout(timer);
          };
        });
      },
      { defer: true },
    ),
  );

  const skipToContent = (event: MouseEvent) => {
    event.preventDefault();
    main?.focus();
    main?.scrollIntoView();
  };

  return (
    <>
      <a class="skip-link" href="#main" on:click={skipToContent}>
        {t().app.skipLink}
      </a>
      <header class="site-header">
        <div class="site-header__bar">
          <A href="/" class="brand" end>
            <span class="brand__name">{t().app.name}</span>
            <span class="brand__tagline">{t().app.tagline}</span>
          </A>
          <div class="site-header__account">
            <Show when={!isPublic() && me.data}>
              {(data) => (
                <>
                  <p class="user">
                    <span class="muted">{t().header.signedInAs}</span>{" "}
                    <strong>{data().user.displayName}</strong>
                  </p>
                  <button
                    type="button"
                    class="button button--quiet"
                    onClick={() => {
                      forgetDrafts();
                      signOut.mutate(undefined, {
                        onSuccess: ({ logoutUrl }) => {
                          if (logoutUrl) window.location.assign(logoutUrl);
                          else navigate("/connexion", { replace: true });
                        },
                        onError: () => navigate("/connexion", { replace: true }),
                      });
                    }}
                  >
                    {t().header.signOut}
                  </button>
                </>
              )}
            </Show>
            <LanguageToggle />
          </div>
        </div>
        <Show when={!isPublic() && me.data}>
          <nav class="site-nav" aria-label={t().header.mainNav}>
            <div class="site-nav__inner">
              <A href="/" end>
                {t().header.home}
              </A>
              <ContextSwitcher />
            </div>
          </nav>
        </Show>
      </header>
      <main id="main" tabindex="-1" ref={main}>
        {props.children}
      </main>
    </>
  );
}

/**
 * Territory pages share the territory's sections; members, journal, indicator settings and periods
 * are for its leads only (link workers and resources are read by every member, edited by leads; the
 * indicators are read by every member).
 */
export function TerritoryLayout(props: RouteSectionProps) {
  const params = useParams();
  const membership = createMembership(() => params.territoryId ?? "");
  const base = () => `/territoires/${params.territoryId}`;
  return (
    <>
      <Show when={membership()}>
        {(current) => (
          <nav class="subnav" aria-label={t().territory.nav}>
            <p class="subnav__context">
              <span class="subnav__name">{current().contextName}</span>
              <span class="tag">{roleLabel(current().role)}</span>
            </p>
            <ul>
              <li>
                <A href={base()} end>
                  {t().territory.overview}
                </A>
              </li>
              <li>
                <A href={`${base()}/parcours-individuels`}>{t().journeys.nav}</A>
              </li>
              <li>
                <A href={`${base()}/indicateurs`} end>
                  {t().territory.indicators}
                </A>
              </li>
              <li>
                <A href={`${base()}/profil`}>{t().territory.profile}</A>
              </li>
              <li>
                <A href={`${base()}/parcours`}>{t().pathway.nav}</A>
              </li>
              <li>
                <A href={`${base()}/orientations`}>{t().referrals.nav}</A>
              </li>
              <li>
                <A href={`${base()}/denominateurs`}>{t().denominators.nav}</A>
              </li>
              <li>
                <A href={`${base()}/dispositifs`}>{t().schemes.nav}</A>
              </li>
              <li>
                <A href={`${base()}/agents`}>{t().linkWorkers.nav}</A>
              </li>
              <li>
                <A href={`${base()}/ressources`}>{t().resources.nav}</A>
              </li>
              <Show when={current().role === "territory_lead"}>
                <li>
                  <A href={`${base()}/membres`}>{t().territory.members}</A>
                </li>
                <li>
                  <A href={`${base()}/journal`}>{t().territory.journal}</A>
                </li>
                <li>
                  <A href={`${base()}/indicateurs/parametres`}>{t().territory.indicatorSettings}</A>
                </li>
                <li>
                  <A href={`${base()}/indicateurs/periodes`}>{t().territory.indicatorPeriods}</A>
                </li>
              </Show>
            </ul>
          </nav>
        )}
      </Show>
      {props.children}
    </>
  );
}
