import {
  CHOOSE_ONE,
  type Invitation,
  InvitationCreate,
  issuesOf,
  type TerritoryRole,
} from "@maillage/schema";
import { createSignal, For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import * as v from "valibot";
import { formatDateTime, t } from "../i18n";
import { createFormErrors, ErrorSummary, Field, StatusMessage } from "./form";

interface Draft {
  territoryId: string;
  email: string;
  displayName: string;
  role: TerritoryRole;
}

/**
 * Invites a person into a territory. A lead chooses the role; the operator chooses the territory
 * and invites its first lead. In local mode the API answers the link instead of emailing it.
 */
export function InviteForm(props: {
  prefix: string;
  roles: readonly TerritoryRole[];
  territories?: { id: string; name: string }[];
  submitLabel: string;
  send: (input: InvitationCreate & { territoryId: string }) => Promise<Invitation>;
}) {
  const [draft, setDraft] = createStore<Draft>({
    territoryId: "",
    email: "",
    displayName: "",
    role: props.roles[0] ?? "link_worker",
  });
  const [pending, setPending] = createSignal(false);
  const [sent, setSent] = createSignal<Invitation>();
  const labels = () => ({
    territoryId: t().operator.territory,
    email: t().members.email,
    displayName: t().members.displayName,
    role: t().members.role,
  });
  const form = createFormErrors(props.prefix, labels);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    if (pending()) return;
    setSent(undefined);
    const result = v.safeParse(InvitationCreate, {
      email: draft.email,
      displayName: draft.displayName,
      role: draft.role,
    });
    const issues = result.success ? [] : issuesOf(result.issues);
    if (props.territories && !draft.territoryId) {
      issues.unshift({ path: "territoryId", message: CHOOSE_ONE });
    }
    if (!result.success || issues.length > 0) {
      form.show(issues);
      return;
    }
    form.clear();
    setPending(true);
    try {
      const invitation = await props.send({ ...result.output, territoryId: draft.territoryId });
      setSent(invitation);
      setDraft({ email: "", displayName: "" });
    } catch (error) {
      form.fail(error);
    } finally {
      setPending(false);
    }
  };

  return (
    <form class="form" novalidate onSubmit={submit}>
      <ErrorSummary form={form} />
      <Show when={props.territories}>
        {(territories) => (
          <Field
            id={form.id("territoryId")}
            label={t().operator.territory}
            errors={form.errors("territoryId")}
          >
            {(control) => (
              <select {...control} onChange={(event) => setDraft("territoryId", event.currentTarget.value)}>
                <option value="" selected={draft.territoryId === ""}>
                  {t().operator.choose}
                </option>
                <For each={territories()}>
                  {(territory) => (
                    <option value={territory.id} selected={draft.territoryId === territory.id}>
                      {territory.name}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
        )}
      </Show>
      <div class="field-row">
        <Field
          id={form.id("displayName")}
          label={t().members.displayName}
          errors={form.errors("displayName")}
        >
          {(control) => (
            <input
              {...control}
              type="text"
              autocomplete="off"
              value={draft.displayName}
              onInput={(event) => setDraft("displayName", event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id={form.id("email")} label={t().members.email} errors={form.errors("email")}>
          {(control) => (
            <input
              {...control}
              type="email"
              autocomplete="off"
              spellcheck={false}
              value={draft.email}
              onInput={(event) => setDraft("email", event.currentTarget.value)}
            />
          )}
        </Field>
      </div>
      <Show when={props.roles.length > 1}>
        <Field id={form.id("role")} label={t().members.role} errors={form.errors("role")}>
          {(control) => (
            <select
              {...control}
              onChange={(event) => setDraft("role", event.currentTarget.value as TerritoryRole)}
            >
              <For each={props.roles}>
                {(role) => (
                  <option value={role} selected={draft.role === role}>
                    {t().roles[role]}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
      </Show>
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={pending()}>
          {pending() ? t().form.saving : props.submitLabel}
        </button>
      </div>
      <StatusMessage>{sent() ? t().members.invited(sent()?.email ?? "") : ""}</StatusMessage>
      <Show when={sent()}>
        {(invitation) => (
          <div class="invitation-result">
            <Show when={invitation().link}>
              {(link) => (
                <div class="field">
                  <label for={form.id("link")}>{t().members.link}</label>
                  <input
                    id={form.id("link")}
                    class="link-output"
                    type="text"
                    readonly
                    value={link()}
                    onFocus={(event) => event.currentTarget.select()}
                  />
                </div>
              )}
            </Show>
            <p class="muted">{t().members.expires(formatDateTime(invitation().expiresAt))}</p>
          </div>
        )}
      </Show>
    </form>
  );
}
