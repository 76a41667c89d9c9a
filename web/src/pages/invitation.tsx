import { InvitationAccept } from "@maillage/schema";
import { A, useNavigate } from "@solidjs/router";
import { Match, onMount, Show, Switch } from "solid-js";
import * as v from "valibot";
import { isApiError } from "../api";
import { createAcceptInvitation } from "../data/session";
import { t } from "../i18n";
import { PageTitle } from "../ui/page";
import { errorMessage, Loading } from "../ui/states";

/** An invitation to an existing account waits here (this tab only) while its person signs in. */
const PENDING = "maillage.invitation";

function pending(): string | undefined {
  try {
    const token = sessionStorage.getItem(PENDING) ?? undefined;
    sessionStorage.removeItem(PENDING);
    return token;
  } catch {
    return undefined;
  }
}

function keepPending(token: string) {
  try {
    sessionStorage.setItem(PENDING, token);
  } catch {
    // Without storage, the person opens the link again once signed in.
  }
}

/** The token travels in the URL fragment, so that it never reaches a server log. */
export function InvitationPage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? pending() ?? "";
  // Checked with the API's own schema: a cut or altered link is said to be so, without asking.
  const wellFormed = v.is(InvitationAccept, { token });
  const accept = createAcceptInvitation();
  const navigate = useNavigate();

  onMount(() => {
    if (!token) return;
    history.replaceState(history.state, "", window.location.pathname);
    if (!wellFormed) return;
    accept.mutate(token, {
      onSuccess: () => navigate("/", { replace: true }),
      onError: (error) => {
        if (isApiError(error, "auth.invitation_sign_in")) keepPending(token);
      },
    });
  });

  const failure = () =>
    isApiError(accept.error, "input.invalid") ? t().invitation.malformed : errorMessage(accept.error);

  return (
    <div class="narrow">
      <PageTitle title={t().invitation.title} />
      <Switch fallback={<Loading />}>
        <Match when={!token}>
          <div class="alert alert--error" role="alert">
            <p>{t().invitation.missing}</p>
          </div>
        </Match>
        <Match when={!wellFormed}>
          <div class="alert alert--error" role="alert">
            <p>{t().invitation.malformed}</p>
          </div>
          <p>
            <A href="/">{t().app.home}</A>
          </p>
        </Match>
        <Match when={accept.isError}>
          <div class="alert alert--error" role="alert">
            <p>
              <strong>{t().invitation.failed}</strong> {failure()}
            </p>
          </div>
          <p>
            <Show
              when={isApiError(accept.error, "auth.invitation_sign_in")}
              fallback={<A href="/">{t().app.home}</A>}
            >
              <A href="/connexion" state={{ from: "/invitation" }}>
                {t().invitation.signIn}
              </A>
            </Show>
          </p>
        </Match>
        <Match when={accept.isPending || accept.isIdle}>
          <p role="status">{t().invitation.accepting}</p>
        </Match>
      </Switch>
    </div>
  );
}
