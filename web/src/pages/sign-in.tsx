import { useLocation, useNavigate, useSearchParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { isApiError } from "../api";
import { createDemoUsers, createSessionConfig, createSignIn, homePath } from "../data/session";
import { label, t } from "../i18n";
import { PageTitle } from "../ui/page";
import { errorMessage, QueryView } from "../ui/states";

export function SignInPage() {
  const config = createSessionConfig();
  return (
    <QueryView query={config}>
      {(value) => (
        <Show when={value().mode === "cognito"} fallback={<DemoSignIn />}>
          <AccountSignIn pools={value().pools} />
        </Show>
      )}
    </QueryView>
  );
}

type Pool = "members" | "operators";
type SignInError = keyof ReturnType<typeof t>["signIn"]["errors"];

/** Deployed: the API redirects to the Cognito pool's sign-in page and back (code flow, PKCE). */
function AccountSignIn(props: { pools: Pool[] }) {
  const [params] = useSearchParams<{ erreur?: string }>();
  const error = () => {
    const code = params.erreur as SignInError | undefined;
    return code && code in t().signIn.errors ? t().signIn.errors[code] : undefined;
  };
  return (
    <div class="narrow">
      <PageTitle title={t().signIn.accountTitle} />
      <p class="lead">{t().signIn.mission}</p>
      <Show when={error()}>
        {(message) => (
          <div class="alert alert--error" role="alert">
            <p>{message()}</p>
          </div>
        )}
      </Show>
      <p>{t().signIn.accountIntro}</p>
      <ul class="people">
        <For each={props.pools}>
          {(pool) => (
            <li>
              <a class="button" rel="external" href={`/api/session/sign-in?pool=${pool}`}>
                {t().signIn[pool]}
              </a>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

function DemoSignIn() {
  const users = createDemoUsers();
  const signIn = createSignIn();
  const navigate = useNavigate();
  const location = useLocation<{ expired?: boolean; from?: string }>();
  const roles = (codes: string[]) => codes.map((code) => label("roles", code)).join(", ");

  const choose = (userId: string) => {
    if (signIn.isPending) return;
    signIn.mutate(userId, {
      onSuccess: (me) => {
        // Back where the session expired (a kept draft waits there), or to the person's workspace.
        const from = location.state?.from;
        const only = me.memberships.length === 1 ? me.memberships[0] : undefined;
        navigate(from?.startsWith("/") ? from : only ? homePath(only) : "/", { replace: true });
      },
    });
  };

  return (
    <div class="narrow">
      <PageTitle title={t().signIn.title} />
      <Show when={location.state?.expired}>
        <p class="notice">{t().signIn.expired}</p>
      </Show>
      <p class="lead">{t().signIn.mission}</p>
      <p>{t().signIn.intro}</p>
      <Show when={signIn.isError}>
        <div class="alert alert--error" role="alert">
          <p>
            <strong>{t().signIn.failed}</strong> {errorMessage(signIn.error)}
          </p>
        </div>
      </Show>
      <Show
        when={!isApiError(users.error, "route.not_found")}
        fallback={<p class="alert alert--error">{t().signIn.unavailable}</p>}
      >
        <section aria-labelledby="demo-people">
          <h2 id="demo-people">{t().signIn.people}</h2>
          <QueryView query={users} isEmpty={(list) => list.length === 0}>
            {(list) => (
              <ul class="people">
                <For each={list()}>
                  {(person) => (
                    <li>
                      <button
                        type="button"
                        class="person"
                        aria-busy={signIn.isPending && signIn.variables === person.id}
                        onClick={() => choose(person.id)}
                      >
                        <span class="person__name">{person.displayName}</span>
                        <span class="person__email">{person.email}</span>
                        <span class="person__roles">{roles(person.roles)}</span>
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            )}
          </QueryView>
        </section>
      </Show>
      <p class="status-message" role="status">
        {signIn.isPending ? t().signIn.signingIn : ""}
      </p>
    </div>
  );
}
