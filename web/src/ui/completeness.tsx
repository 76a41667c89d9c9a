import type { Territory } from "@maillage/schema";
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import {
  createAllPartnerSchemes,
  createHasLinkWorker,
  createHasResource,
  createPathway,
  createReferralSettings,
} from "../data/pathway";
import { t } from "../i18n";

/** One item of the panel: done, to do, or not known yet (loading, or its request failed). */
type State = "done" | "todo" | "checking" | "unknown";

interface Item {
  id: string;
  label: string;
  /** Said when it is to do, if more than the label (why). */
  todo?: string;
  state: State;
  href: string;
  link: string;
}

interface QueryLike<T> {
  data: T | undefined;
  isError: boolean;
}

const stateOf = <T,>(query: QueryLike<T>, done: (data: T) => boolean): State => {
  if (query.data !== undefined) return done(query.data) ? "done" : "todo";
  return query.isError ? "unknown" : "checking";
};

/**
 * What the pilot still has to fill in before it can start, each item with a link to where it is done.
 * Done and to do are said in words (and marked by a symbol), never by colour alone.
 */
export function CompletenessPanel(props: { territoryId: string; territory: Territory }) {
  const c = () => t().completeness;
  const base = () => `/territoires/${props.territoryId}`;
  const pathway = createPathway(() => props.territoryId);
  const referrals = createReferralSettings(() => props.territoryId);
  const schemes = createAllPartnerSchemes(() => props.territoryId);
  const linkWorkers = createHasLinkWorker(() => props.territoryId);
  const resources = createHasResource(() => props.territoryId, false);
  const stale = createHasResource(() => props.territoryId, true);

  const items = (): Item[] => [
    {
      id: "pathway",
      label: c().pathway,
      todo: c().pathwayTodo,
      state: stateOf(pathway, (data) => data.version >= 1),
      href: `${base()}/parcours`,
      link: c().open.pathway,
    },
    {
      id: "route",
      label: c().route,
      state: stateOf(referrals, (data) => data.routes.some((route) => route.enabled)),
      href: `${base()}/orientations`,
      link: c().open.referrals,
    },
    {
      id: "group",
      label: c().group,
      state: stateOf(referrals, (data) => data.targetGroups.some((group) => group.enabled)),
      href: `${base()}/orientations`,
      link: c().open.referrals,
    },
    {
      id: "scheme",
      label: c().scheme,
      state: stateOf(schemes, (data) => data.some((scheme) => !scheme.retired)),
      href: `${base()}/dispositifs`,
      link: c().open.schemes,
    },
    {
      id: "link-worker",
      label: c().linkWorker,
      state: stateOf(linkWorkers, (has) => has),
      href: `${base()}/agents`,
      link: c().open.linkWorkers,
    },
    {
      id: "resource",
      label: c().resource,
      state: stateOf(resources, (has) => has),
      href: `${base()}/ressources`,
      link: c().open.resources,
    },
    {
      id: "fresh",
      label: c().fresh,
      todo: c().freshTodo,
      state: stateOf(stale, (has) => !has),
      href: `${base()}/ressources`,
      link: c().open.resources,
    },
    {
      id: "communes",
      label: c().communes,
      state: props.territory.communes.length > 0 ? "done" : "todo",
      href: `${base()}/profil`,
      link: c().open.profile,
    },
  ];
  const known = () => items().every((item) => item.state === "done" || item.state === "todo");
  const remaining = () => items().filter((item) => item.state !== "done").length;
  const stateText = (state: State) =>
    state === "done"
      ? c().done
      : state === "todo"
        ? c().todo
        : state === "checking"
          ? c().checking
          : c().unknown;

  return (
    <section class="panel panel--wide completeness" aria-labelledby="overview-completeness">
      <h2 id="overview-completeness">{c().title}</h2>
      <p>{c().intro}</p>
      <Show when={known()}>
        <p class="completeness__summary" role="status">
          <strong>{c().remaining(remaining(), items().length)}</strong>
        </p>
      </Show>
      <ul class="checklist" aria-label={c().caption}>
        <For each={items()}>
          {(item) => (
            <li class={`checklist__item checklist__item--${item.state}`} id={`completeness-${item.id}`}>
              <span class="checklist__state">
                <span aria-hidden="true" class="checklist__mark">
                  {item.state === "done" ? "✓" : item.state === "todo" ? "!" : "…"}
                </span>
                {stateText(item.state)}
              </span>
              <span class="checklist__label">
                {item.label}
                <Show when={item.state === "todo" && item.todo}>
                  <span class="checklist__why"> — {item.todo}</span>
                </Show>
              </span>
              <A class="checklist__link" href={item.href}>
                {item.link}
              </A>
            </li>
          )}
        </For>
      </ul>
    </section>
  );
}
