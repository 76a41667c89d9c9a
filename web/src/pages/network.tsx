import { useParams } from "@solidjs/router";
import { Show } from "solid-js";
import { createFederation, createFunder } from "../data/network";
import { createMembership } from "../data/session";
import { t } from "../i18n";
import { PageTitle } from "../ui/page";
import { QueryView } from "../ui/states";
import { TerritoriesTable } from "../ui/territory";

function AggregatedNote() {
  return <p class="notice">{t().network.aggregatedNote}</p>;
}

export function FederationPage() {
  const params = useParams();
  const id = () => params.federationId ?? "";
  const membership = createMembership(id);
  const view = createFederation(id);
  const name = () => view.data?.federation.name ?? membership()?.contextName ?? "";
  return (
    <>
      <PageTitle title={t().network.federationTitle(name())} />
      <AggregatedNote />
      <QueryView query={view}>
        {(data) => (
          <>
            <Show when={data().federation.description}>
              {(description) => <p class="lead">{description()}</p>}
            </Show>
            <Show
              when={data().territories.length > 0}
              fallback={<p class="state state--empty">{t().network.empty}</p>}
            >
              <TerritoriesTable territories={data().territories} />
            </Show>
          </>
        )}
      </QueryView>
    </>
  );
}

export function FunderPage() {
  const params = useParams();
  const id = () => params.funderId ?? "";
  const membership = createMembership(id);
  const view = createFunder(id);
  const name = () => view.data?.funder.name ?? membership()?.contextName ?? "";
  return (
    <>
      <PageTitle title={t().network.funderTitle(name())} />
      <AggregatedNote />
      <QueryView query={view}>
        {(data) => (
          <>
            <p class="lead">
              {t().form.item(t().network.funderType, t().funderTypes[data().funder.funderType])}
            </p>
            <Show
              when={data().territories.length > 0}
              fallback={<p class="state state--empty">{t().network.empty}</p>}
            >
              <TerritoriesTable territories={data().territories} />
            </Show>
          </>
        )}
      </QueryView>
    </>
  );
}
