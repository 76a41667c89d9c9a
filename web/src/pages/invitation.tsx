import { A, useNavigate } from "@solidjs/router";
import { Match, onMount, Switch } from "solid-js";
import { createAcceptInvitation } from "../data/session";
import { t } from "../i18n";
import { PageTitle } from "../ui/page";
import { errorMessage, Loading } from "../ui/states";

/** The token travels in the URL fragment, so that it never reaches a server log. */
export function InvitationPage() {
  const token = new URLSearchParams(window.location.hash.slice(1)).get("token") ?? "";
  const accept = createAcceptInvitation();
  const navigate = useNavigate();

  onMount(() => {
    if (!token) return;
    history.replaceState(history.state, "", window.location.pathname);
    accept.mutate(token, { onSuccess: () => navigate("/", { replace: true }) });
  });

  return (
    <div class="narrow">
      <PageTitle title={t().invitation.title} />
      <Switch fallback={<Loading />}>
        <Match when={!token}>
          <div class="alert alert--error" role="alert">
            <p>{t().invitation.missing}</p>
          </div>
        </Match>
        <Match when={accept.isError}>
          <div class="alert alert--error" role="alert">
            <p>
              <strong>{t().invitation.failed}</strong> {errorMessage(accept.error)}
            </p>
          </div>
          <p>
            <A href="/">{t().app.home}</A>
          </p>
        </Match>
        <Match when={accept.isPending || accept.isIdle}>
          <p role="status">{t().invitation.accepting}</p>
        </Match>
      </Switch>
    </div>
  );
}
