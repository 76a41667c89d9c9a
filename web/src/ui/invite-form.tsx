import { CHOOSE_ONE, type Invitation, InvitationCreate, type TerritoryRole } from "@maillage/schema";
import { createSignal, Show } from "solid-js";
import * as v from "valibot";
import { formatDateTime, roleLabel, t } from "../i18n";
import { ChoiceField, createForm, Field, FormView, StatusMessage, SubmitButton } from "./form";

interface Draft {
  territoryId: string;
  email: string;
  displayName: string;
  role: string;
}

/** The operator chooses the territory too: the same schema, with that choice first. */
const WithTerritory = v.object({
  territoryId: v.pipe(v.string(), v.nonEmpty(CHOOSE_ONE)),
  ...InvitationCreate.entries,
});

/**
 * Invites a person into a territory. A lead chooses the role; the operator chooses the territory
 * and invites its first lead. In local mode the API answers the link instead of emailing it.
 */
export function InviteForm(props: {
  prefix: string;
  roles: readonly TerritoryRole[];
  territories?: { id: string; name: string }[];
  /** What is edited, for a draft kept across a sign-in (the territory's id). */
  keep: string;
  submitLabel: string;
  send: (input: InvitationCreate & { territoryId: string }) => Promise<Invitation>;
}) {
  const [sent, setSent] = createSignal<Invitation>();
  const withTerritory = props.territories !== undefined;
  const form = createForm({
    id: props.prefix,
    keep: `${props.prefix}:${props.keep}`,
    schema: withTerritory
      ? WithTerritory
      : v.object({ territoryId: v.string(), ...InvitationCreate.entries }),
    initial: (): Draft => ({ territoryId: "", email: "", displayName: "", role: props.roles[0] ?? "" }),
    labels: () => ({
      territoryId: t().operator.territory,
      email: t().members.email,
      displayName: t().members.displayName,
      role: t().members.role,
    }),
    send: (input) => {
      setSent(undefined);
      return props.send(input);
    },
    done: (invitation, form) => {
      setSent(invitation);
      form.set({ email: "", displayName: "" });
    },
  });

  return (
    <FormView form={form}>
      <Show when={props.territories}>
        {(territories) => (
          <ChoiceField
            form={form}
            name="territoryId"
            label={t().operator.territory}
            options={territories().map((territory) => ({ value: territory.id, label: territory.name }))}
          />
        )}
      </Show>
      <div class="field-row">
        <Field {...form.field("displayName")} label={t().members.displayName}>
          {(control) => <input {...control} type="text" autocomplete="off" {...form.text("displayName")} />}
        </Field>
        <Field {...form.field("email")} label={t().members.email}>
          {(control) => (
            <input {...control} type="email" autocomplete="off" spellcheck={false} {...form.text("email")} />
          )}
        </Field>
      </div>
      <Show when={props.roles.length > 1}>
        <ChoiceField
          form={form}
          name="role"
          label={t().members.role}
          options={props.roles.map((role) => ({ value: role, label: roleLabel(role) }))}
        />
      </Show>
      <SubmitButton form={form} label={props.submitLabel} />
      <StatusMessage>{sent() ? t().members.invited(sent()?.email ?? "") : ""}</StatusMessage>
      <Show when={sent()}>
        {(invitation) => (
          <div class="invitation-result">
            <Show when={invitation().link}>
              {(link) => (
                <div class="field">
                  <label for={`${props.prefix}-link`}>{t().members.link}</label>
                  <input
                    id={`${props.prefix}-link`}
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
    </FormView>
  );
}
