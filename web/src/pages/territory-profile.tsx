import { type Territory, TerritoryProfileUpdate } from "@maillage/schema";
import { useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import { createMe, createMembership } from "../data/session";
import { createProfile, createUpdateProfile, territoryKeys } from "../data/territory";
import { t } from "../i18n";
import { createForm, FormView, StatusMessage, SubmitButton } from "../ui/form";
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
import { TableWrap } from "../ui/table";
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

type ProfileEdit = ProfileDraft & { version: number };

type Status = { kind: "saved" | "reloaded"; version: number } | { kind: "unchanged" } | undefined;

function ProfileForm(props: { territoryId: string; initial: Territory }) {
  const initial = untrack(() => props.initial);
  const territoryId = untrack(() => props.territoryId);
  const [saved, setSaved] = createSignal<ProfileDraft>(draftOf(initial));
  const [status, setStatus] = createSignal<Status>();
  const update = createUpdateProfile(() => territoryId);
  const queryClient = useQueryClient();
  let conflictBox: HTMLDivElement | undefined;

  const same = (a: ProfileDraft, b: ProfileDraft) =>
    JSON.stringify(profileInput(a)) === JSON.stringify(profileInput(b));

  // The version the draft started from travels with it (a draft kept across a sign-in too): saving
  // over a newer version is a conflict, never a silent overwrite.
  const editOf = (territory: Territory): ProfileEdit => ({
    ...draftOf(territory),
    version: territory.version,
  });

  const form = createForm({
    id: "profile",
    keep: `profile:${territoryId}`,
    schema: TerritoryProfileUpdate,
    initial: () => editOf(initial),
    labels: profileLabels,
    input: (draft) => ({ ...profileInput(draft), version: draft.version }),
    subject: communeSubject,
    conflict: "territory.version_conflict",
    send: async (input) => {
      setStatus(undefined);
      // Saving what is already saved would only add a version and an empty journal entry.
      if (same(form.draft, saved())) return undefined;
      return update.mutateAsync(input);
    },
    done: (result, form) => {
      if (!result) {
        setStatus({ kind: "unchanged" });
        return;
      }
      setSaved(draftOf(result));
      form.reset(editOf(result));
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
    return error && isTerritory(error.current) ? error.current : undefined;
  };

  const reloadCurrent = () => {
    const stored = current();
    if (!stored) return;
    setSaved(draftOf(stored));
    form.reset(editOf(stored));
    queryClient.setQueryData(territoryKeys.profile(territoryId), stored);
    setStatus({ kind: "reloaded", version: stored.version });
    document.getElementById(form.id("name"))?.focus();
  };

  const statusText = () => {
    const now = status();
    if (!now) return "";
    if (now.kind === "unchanged") return t().profile.unchanged;
    return now.kind === "saved" ? t().profile.saved(now.version) : t().profile.reloaded(now.version);
  };

  return (
    <>
      <p id="profile-version" class="muted">
        {t().profile.intro} {t().profile.version(form.draft.version)}
      </p>
      <FormView form={form} aria-describedby="profile-version">
        <Show when={current()}>
          {(stored) => (
            <div
              class="alert alert--warning"
              role="alert"
              tabindex="-1"
              ref={conflictBox}
              aria-labelledby="profile-conflict-title"
            >
              <h2 id="profile-conflict-title">{t().profile.conflictTitle}</h2>
              <p>{t().profile.conflict(stored().version)}</p>
              <ConflictTable mine={form.draft} current={stored()} />
              <p>
                <button type="button" class="button" onClick={reloadCurrent}>
                  {t().profile.reloadCurrent}
                </button>
              </p>
            </div>
          )}
        </Show>
        <ProfileFields form={form} />
        <SubmitButton form={form} label={t().profile.save} />
        <StatusMessage>{statusText()}</StatusMessage>
      </FormView>
    </>
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
      <TableWrap label={t().profile.conflictTitle}>
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
      </TableWrap>
    </Show>
  );
}
