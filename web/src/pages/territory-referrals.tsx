import {
  type ReferralRoute,
  type ReferralSettings,
  ReferralSettingsUpdate,
  referralSettingsIssues,
  routeKey,
  type TargetGroup,
} from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createSignal, For, on, Show, untrack } from "solid-js";
import { createReferralSettings, createSaveReferralSettings, pathwayKeys } from "../data/pathway";
import { createMembership } from "../data/session";
import { label, t } from "../i18n";
import { History } from "../ui/audit";
import { Checkbox } from "../ui/choices";
import { createForm, Field, type Form, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { PageTitle } from "../ui/page";
import { describeReferralChange, routeName } from "../ui/pathway";
import { QueryView } from "../ui/states";

interface ReferralsDraft {
  routes: ReferralRoute[];
  targetGroups: TargetGroup[];
  version: number;
}

const draftOf = (settings: ReferralSettings): ReferralsDraft => ({
  routes: settings.routes.map((route) => ({ ...route })),
  targetGroups: settings.targetGroups.map((group) => ({ ...group })),
  version: settings.version,
});

const routeDomId = (route: Pick<ReferralRoute, "kind" | "professionalType">) =>
  `referrals-route-${routeKey(route).replace(":", "-")}`;
const groupDomId = (group: string) => `referrals-group-${group}`;

export function ReferralsPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const settings = createReferralSettings(id);
  const r = () => t().referrals;
  return (
    <>
      <PageTitle title={r().title(membership()?.contextName ?? "")} />
      <p class="lead">{r().intro}</p>
      <QueryView query={settings}>
        {(data) => (
          <Show when={membership()}>
            <Show
              when={membership()?.role === "territory_lead"}
              fallback={
                <>
                  <p class="notice">{r().readOnly}</p>
                  <ReferralsView settings={data()} />
                </>
              }
            >
              <ReferralsForm territoryId={id()} initial={untrack(data)} />
              <History
                territoryId={id()}
                entity="referral-settings"
                id="referrals-history"
                describe={describeReferralChange}
              />
            </Show>
          </Show>
        )}
      </QueryView>
    </>
  );
}

function ReferralsView(props: { settings: ReferralSettings }) {
  const r = () => t().referrals;
  const routes = () => props.settings.routes.filter((route) => route.enabled);
  const groups = () => props.settings.targetGroups.filter((group) => group.enabled);
  return (
    <>
      <Show when={props.settings.version === 0}>
        <p class="notice">{r().neverSaved}</p>
      </Show>
      <section class="panel" aria-labelledby="referrals-view-routes">
        <h2 id="referrals-view-routes">{r().routes}</h2>
        <Show when={routes().length > 0} fallback={<p class="muted">{r().none}</p>}>
          <dl class="summary">
            <For each={routes()}>
              {(route) => (
                <div>
                  <dt>{routeName(route)}</dt>
                  <dd>{route.description || t().app.notProvided}</dd>
                </div>
              )}
            </For>
          </dl>
        </Show>
      </section>
      <section class="panel" aria-labelledby="referrals-view-groups">
        <h2 id="referrals-view-groups">{r().groups}</h2>
        <Show when={groups().length > 0} fallback={<p class="muted">{r().noGroup}</p>}>
          <dl class="summary">
            <For each={groups()}>
              {(group) => (
                <div>
                  <dt>{label("targetGroups", group.group)}</dt>
                  <dd>{group.description || t().app.notProvided}</dd>
                </div>
              )}
            </For>
          </dl>
        </Show>
      </section>
    </>
  );
}

type Status = { kind: "saved" | "reloaded" | "unchanged"; version: number } | undefined;

function ReferralsForm(props: { territoryId: string; initial: ReferralSettings }) {
  const territoryId = untrack(() => props.territoryId);
  const [stored, setStored] = createSignal(untrack(() => props.initial));
  const [status, setStatus] = createSignal<Status>();
  const save = createSaveReferralSettings(() => territoryId);
  const queryClient = useQueryClient();
  const r = () => t().referrals;
  let conflictBox: HTMLDivElement | undefined;

  const form = createForm({
    id: "referrals",
    keep: `referrals:${territoryId}`,
    schema: ReferralSettingsUpdate,
    initial: () => draftOf(stored()),
    labels: () => ({ routes: r().routes, targetGroups: r().groups }),
    check: referralSettingsIssues,
    locate: (path, draft) => {
      const route = /^routes\.(\d+)\.(\w+)/.exec(path);
      const item = route ? draft.routes[Number(route[1])] : undefined;
      if (route && item) {
        const field = route[2] ?? "";
        const control = field === "label" || field === "description" ? field : "enabled";
        return {
          id: `${routeDomId(item)}-${control}`,
          label: `${routeName(item)} · ${r().fields[field] ?? r().fields.enabled}`,
        };
      }
      const group = /^targetGroups\.(\d+)\.(\w+)/.exec(path);
      const entry = group ? draft.targetGroups[Number(group[1])] : undefined;
      if (group && entry) {
        const field = group[2] === "description" ? "description" : "enabled";
        return {
          id: `${groupDomId(entry.group)}-${field}`,
          label: `${label("targetGroups", entry.group)} · ${r().fields[field]}`,
        };
      }
      return undefined;
    },
    conflict: "referral_settings.version_conflict",
    send: (input) => {
      setStatus(undefined);
      return save.mutateAsync(input);
    },
    done: (result, form) => {
      if (result.version === form.draft.version) {
        setStatus({ kind: "unchanged", version: result.version });
        return;
      }
      setStored(result);
      form.reset(draftOf(result));
      setStatus({ kind: "saved", version: result.version });
    },
  });

  createEffect(
    on(form.conflict, (error) => {
      if (error) queueMicrotask(() => conflictBox?.focus());
    }),
  );
  const current = () => {
    const error = form.conflict();
    const value = error?.current;
    return value && typeof value === "object" && "routes" in value ? (value as ReferralSettings) : undefined;
  };
  const reloadCurrent = () => {
    const latest = current();
    if (!latest) return;
    setStored(latest);
    form.reset(draftOf(latest));
    queryClient.setQueryData(pathwayKeys.referrals(territoryId), latest);
    setStatus({ kind: "reloaded", version: latest.version });
  };
  const statusText = () => {
    const now = status();
    if (!now) return "";
    if (now.kind === "unchanged") return r().unchanged;
    return now.kind === "saved" ? r().saved(now.version) : r().reloaded(now.version);
  };

  const indexed = () => form.draft.routes.map((route, index) => ({ route, index }));
  const general = () => indexed().filter(({ route }) => route.kind !== "health_professional");
  const professionals = () => indexed().filter(({ route }) => route.kind === "health_professional");

  return (
    <>
      <Show when={stored().version === 0}>
        <p class="notice">{r().neverSaved}</p>
      </Show>
      <p id="referrals-version" class="muted">
        {r().version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="referrals-version">
        <Show when={current()}>
          {(latest) => (
            <div
              class="alert alert--warning"
              role="alert"
              tabindex="-1"
              ref={conflictBox}
              aria-labelledby="referrals-conflict-title"
            >
              <h2 id="referrals-conflict-title">{r().conflictTitle}</h2>
              <p>{r().conflict(latest().version)}</p>
              <p>
                <button type="button" class="button" onClick={reloadCurrent}>
                  {r().reloadCurrent}
                </button>
              </p>
            </div>
          )}
        </Show>
        <fieldset class="form-section choices" id="referrals-routes" tabindex="-1">
          <legend>
            <h2>{r().routes}</h2>
          </legend>
          <p class="hint">{r().routesHint}</p>
          <ul class="toggles">
            <For each={general()}>
              {({ route, index }) => <RouteToggle form={form} route={route} index={index} />}
            </For>
          </ul>
          <fieldset class="choices choices--nested">
            <legend>{r().professionals}</legend>
            <p class="hint">{r().professionalsHint}</p>
            <ul class="toggles">
              <For each={professionals()}>
                {({ route, index }) => <RouteToggle form={form} route={route} index={index} />}
              </For>
            </ul>
          </fieldset>
        </fieldset>
        <fieldset class="form-section choices" id="referrals-targetGroups" tabindex="-1">
          <legend>
            <h2>{r().groups}</h2>
          </legend>
          <p class="hint">{r().groupsHint}</p>
          <ul class="toggles">
            <For each={form.draft.targetGroups}>
              {(group, index) => <GroupToggle form={form} group={group} index={index()} />}
            </For>
          </ul>
        </fieldset>
        <SubmitButton form={form} label={r().save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
  );
}

function RouteToggle(props: { form: Form<ReferralsDraft>; route: ReferralRoute; index: number }) {
  const r = () => t().referrals;
  const at = (field: string) => `routes.${props.index}.${field}`;
  const base = () => routeDomId(props.route);
  const errors = (field: string) => props.form.errorsAt(at(field));
  const open = () =>
    props.route.enabled || errors("description") !== undefined || errors("label") !== undefined;
  return (
    <li class="toggle">
      <Show when={errors("enabled") ?? errors("kind") ?? errors("professionalType")}>
        {(list) => (
          <ul class="field-errors">
            <For each={list()}>{(error) => <li>{error}</li>}</For>
          </ul>
        )}
      </Show>
      <Checkbox
        id={`${base()}-enabled`}
        label={
          props.route.professionalType
            ? label("healthProfessionalTypes", props.route.professionalType)
            : routeName(props.route)
        }
        checked={props.route.enabled}
        onChange={(checked) => props.form.set("routes", props.index, "enabled", checked)}
      />
      <Show when={open()}>
        <div class="toggle__details">
          <Show when={props.route.professionalType === "other"}>
            <Field
              id={`${base()}-label`}
              label={r().otherLabel}
              hint={r().otherLabelHint}
              errors={errors("label")}
            >
              {(control) => (
                <input
                  {...control}
                  type="text"
                  value={props.route.label}
                  onInput={(event) =>
                    props.form.set("routes", props.index, "label", event.currentTarget.value)
                  }
                />
              )}
            </Field>
          </Show>
          <Field
            id={`${base()}-description`}
            label={r().description(routeName(props.route))}
            hint={r().descriptionHint}
            errors={errors("description")}
            optional
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={props.route.description}
                onInput={(event) =>
                  props.form.set("routes", props.index, "description", event.currentTarget.value)
                }
              />
            )}
          </Field>
        </div>
      </Show>
    </li>
  );
}

function GroupToggle(props: { form: Form<ReferralsDraft>; group: TargetGroup; index: number }) {
  const r = () => t().referrals;
  const at = (field: string) => `targetGroups.${props.index}.${field}`;
  const base = () => groupDomId(props.group.group);
  const name = () => label("targetGroups", props.group.group);
  const errors = (field: string) => props.form.errorsAt(at(field));
  return (
    <li class="toggle">
      <Show when={errors("enabled") ?? errors("group")}>
        {(list) => (
          <ul class="field-errors">
            <For each={list()}>{(error) => <li>{error}</li>}</For>
          </ul>
        )}
      </Show>
      <Checkbox
        id={`${base()}-enabled`}
        label={name()}
        checked={props.group.enabled}
        onChange={(checked) => props.form.set("targetGroups", props.index, "enabled", checked)}
      />
      <Show when={props.group.enabled || errors("description") !== undefined}>
        <div class="toggle__details">
          <Field
            id={`${base()}-description`}
            label={r().description(name())}
            errors={errors("description")}
            optional
          >
            {(control) => (
              <textarea
                {...control}
                rows={2}
                value={props.group.description}
                onInput={(event) =>
                  props.form.set("targetGroups", props.index, "description", event.currentTarget.value)
                }
              />
            )}
          </Field>
        </div>
      </Show>
    </li>
  );
}
