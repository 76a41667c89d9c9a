import { type Territory, TerritoryProfileUpdate } from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createMemo, createSignal, For, Show, untrack } from "solid-js";
import { createStore } from "solid-js/store";
import { isApiError } from "../api";
import { createMe, createMembership } from "../data/session";
import { createProfile, createUpdateProfile, territoryKeys } from "../data/territory";
import { t } from "../i18n";
import { createFormErrors, ErrorSummary, StatusMessage } from "../ui/form";
import { PageTitle } from "../ui/page";
import {
  communeSubject,
  draftOf,
  type ProfileDraft,
  ProfileFields,
  profileInput,
  profileLabels,
} from "../ui/profile-fields";
import { QueryView } from "../ui/states";
import { carrierLabel, ProfileView, programmeLabel } from "../ui/territory";

export function ProfilePage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const me = createMe();
  const membership = createMembership(id);
  const profile = createProfile(id);
  const name = () =>
    (profile.data?.id === id() ? profile.data.name : undefined) ?? membership()?.contextName ?? "";

  return (
    <>
      <PageTitle title={t().profile.title(name())} />
      <QueryView query={profile}>
        {(data) => (
          // A form belongs to one territory: it starts over when the path names another one.
          <Show when={data().id === id() && me.data}>
            <Show
              when={membership()?.role === "territory_lead"}
              fallback={
                <>
                  <p class="notice">{t().profile.readOnly}</p>
                  <ProfileView territory={data()} />
                </>
              }
            >
              <ProfileForm territoryId={id()} initial={untrack(data)} />
            </Show>
          </Show>
        )}
      </QueryView>
    </>
  );
}

type Status = { kind: "saved" | "reloaded"; version: number } | undefined;

function ProfileForm(props: { territoryId: string; initial: Territory }) {
  const initial = untrack(() => props.initial);
  const territoryId = untrack(() => props.territoryId);
  const [draft, setDraft] = createStore<ProfileDraft>(draftOf(initial));
  const [version, setVersion] = createSignal(initial.version);
  const [conflict, setConflict] = createSignal<Territory>();
  const [status, setStatus] = createSignal<Status>();
  const form = createFormErrors("profile", profileLabels);
  const update = createUpdateProfile(() => territoryId);
  const queryClient = useQueryClient();
  let conflictBox: HTMLDivElement | undefined;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (update.isPending) return;
    setStatus(undefined);
    setConflict(undefined);
    const subject = communeSubject({ ...draft });
    const input = form.validate(
      TerritoryProfileUpdate,
      { ...profileInput(draft), version: version() },
      subject,
    );
    if (!input) return;
    update.mutate(input, {
      onSuccess: (saved) => {
        setVersion(saved.version);
        setDraft(draftOf(saved));
        setStatus({ kind: "saved", version: saved.version });
      },
      onError: (error) => {
        if (isApiError(error, "territory.version_conflict") && isTerritory(error.current)) {
          setConflict(error.current);
          queueMicrotask(() => conflictBox?.focus());
          return;
        }
        form.fail(error, subject);
      },
    });
  };

  const reloadCurrent = () => {
    const current = conflict();
    if (!current) return;
    setDraft(draftOf(current));
    setVersion(current.version);
    setConflict(undefined);
    form.clear();
    queryClient.setQueryData(territoryKeys.profile(territoryId), current);
    setStatus({ kind: "reloaded", version: current.version });
    document.getElementById(form.id("name"))?.focus();
  };

  const statusText = () => {
    const current = status();
    if (!current) return "";
    return current.kind === "saved"
      ? t().profile.saved(current.version)
      : t().profile.reloaded(current.version);
  };

  return (
    <form class="form" novalidate onSubmit={submit} aria-describedby="profile-version">
      <p id="profile-version" class="muted">
        {t().profile.intro} {t().profile.version(version())}
      </p>
      <ErrorSummary form={form} />
      <Show when={conflict()}>
        {(current) => (
          <div
            class="alert alert--warning"
            role="alert"
            tabindex="-1"
            ref={conflictBox}
            aria-labelledby="profile-conflict-title"
          >
            <h2 id="profile-conflict-title">{t().profile.conflictTitle}</h2>
            <p>{t().profile.conflict(current().version)}</p>
            <ConflictTable mine={draft} current={current()} />
            <p>
              <button type="button" class="button" onClick={reloadCurrent}>
                {t().profile.reloadCurrent}
              </button>
            </p>
          </div>
        )}
      </Show>
      <ProfileFields draft={draft} setDraft={setDraft} form={form} />
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={update.isPending}>
          {update.isPending ? t().form.saving : t().profile.save}
        </button>
      </div>
      <StatusMessage>{statusText()}</StatusMessage>
    </form>
  );
}

function isTerritory(value: unknown): value is Territory {
  return typeof value === "object" && value !== null && "version" in value && "communes" in value;
}

/** The fields where the person's input and the stored version differ. */
function ConflictTable(props: { mine: ProfileDraft; current: Territory }) {
  const display = (field: keyof ProfileDraft, value: string) => {
    if (!value) return "—";
    if (field === "carrierType") return carrierLabel(value);
    if (field === "programme") return programmeLabel(value);
    if (field === "priorityNeighbourhoods") return value.split("\n").join(", ");
    return value;
  };
  const rows = createMemo(() => {
    const current = draftOf(props.current);
    const labels = profileLabels();
    const normalise = (field: keyof ProfileDraft, draft: ProfileDraft) =>
      JSON.stringify(profileInput(draft)[field]);
    return (Object.keys(labels) as (keyof ProfileDraft)[])
      .filter((field) => normalise(field, props.mine) !== normalise(field, current))
      .map((field) => ({
        label: labels[field],
        mine: display(field, props.mine[field]),
        current: display(field, current[field]),
      }));
  });
  return (
    <Show when={rows().length > 0}>
      <div class="table-wrap">
        <table class="compact">
          <thead>
            <tr>
              <th scope="col">{t().profile.conflictField}</th>
              <th scope="col">{t().profile.conflictMine}</th>
              <th scope="col">{t().profile.conflictCurrent}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <td>{row.mine}</td>
                  <td>{row.current}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </Show>
  );
}
