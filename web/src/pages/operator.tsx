import {
  type DirectoryEntry,
  FederationCreate,
  FunderCreate,
  funderTypes,
  TerritoryCreate,
} from "@maillage/schema";
import { A } from "@solidjs/router";
import { createMemo, createSignal, For, type JSX } from "solid-js";
import {
  createCreateFederation,
  createCreateFunder,
  createCreateTerritory,
  createDirectory,
  createInviteLead,
} from "../data/operator";
import { formatDateTime, label, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { AttachForm } from "../ui/attach-form";
import { ChoiceField, createForm, Field, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { InviteForm } from "../ui/invite-form";
import { PageTitle } from "../ui/page";
import { communeSubject, emptyDraft, ProfileFields, profileInput, profileLabels } from "../ui/profile-fields";
import { QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

type Kind = DirectoryEntry["kind"];

/** The operator's follow-up page of a territory, a federation or a funder. */
export function followUpPath(kind: Kind, id: string): string {
  const section = { territory: "territoires", federation: "federations", funder: "financeurs" }[kind];
  return `/operateur/${section}/${id}`;
}

const sections = [
  "directory",
  "create-territory",
  "create-federation",
  "create-funder",
  "attach",
  "invite",
] as const;

function sectionTitle(section: (typeof sections)[number]): string {
  const o = t().operator;
  return {
    directory: o.directory,
    "create-territory": o.createTerritory,
    "create-federation": o.createFederation,
    "create-funder": o.createFunder,
    attach: o.attach,
    invite: o.inviteLead,
  }[section];
}

function Section(props: { id: (typeof sections)[number]; children: JSX.Element }) {
  return (
    <section class="panel" id={props.id} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} tabindex="-1">
        {sectionTitle(props.id)}
      </h2>
      {props.children}
    </section>
  );
}

export function OperatorPage() {
  return (
    <>
      <PageTitle title={t().operator.title} />
      <RequireRole roles={["operator"]}>
        <Workspace />
      </RequireRole>
    </>
  );
}

/** Only mounted for the operator: nothing is asked of the API, and no form is offered, otherwise. */
function Workspace() {
  const directory = createDirectory();
  const entries = (kind: Kind) =>
    (directory.data ?? [])
      .filter((entry) => entry.kind === kind)
      .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  const territories = createMemo(() => entries("territory"));
  const inviteLead = createInviteLead();

  const jumpTo = (event: MouseEvent, id: string) => {
    event.preventDefault();
    const heading = document.getElementById(`${id}-title`);
    heading?.scrollIntoView();
    heading?.focus();
  };

  return (
    <>
      <nav class="toc" aria-label={t().operator.contents}>
        <ul>
          <For each={sections}>
            {(section) => (
              <li>
                <a href={`#${section}`} on:click={(event) => jumpTo(event, section)}>
                  {sectionTitle(section)}
                </a>
              </li>
            )}
          </For>
        </ul>
      </nav>

      <Section id="directory">
        <QueryView query={directory}>
          {() => (
            <div class="directory">
              <DirectoryTable
                title={t().operator.territories}
                entries={territories()}
                empty={t().operator.noTerritory}
              />
              <DirectoryTable
                title={t().operator.federations}
                entries={entries("federation")}
                empty={t().operator.noFederation}
              />
              <DirectoryTable
                title={t().operator.funders}
                entries={entries("funder")}
                empty={t().operator.noFunder}
              />
            </div>
          )}
        </QueryView>
      </Section>

      <Section id="create-territory">
        <CreateTerritoryForm />
      </Section>

      <Section id="create-federation">
        <CreateFederationForm />
      </Section>

      <Section id="create-funder">
        <CreateFunderForm />
      </Section>

      <Section id="attach">
        <div class="field-row field-row--top">
          <div>
            <h3>{t().operator.attachFederation}</h3>
            <AttachForm kind="federation" owners={entries("federation")} territories={territories()} />
          </div>
          <div>
            <h3>{t().operator.attachFunder}</h3>
            <AttachForm kind="funder" owners={entries("funder")} territories={territories()} />
          </div>
        </div>
      </Section>

      <Section id="invite">
        <p class="muted">{t().members.inviteIntro}</p>
        <InviteForm
          prefix="lead-invite"
          keep="operator"
          roles={["territory_lead"]}
          territories={territories()}
          submitLabel={t().operator.inviteLeadSubmit}
          send={(input) => inviteLead.mutateAsync(input)}
        />
      </Section>
    </>
  );
}

function DirectoryTable(props: { title: string; entries: DirectoryEntry[]; empty: string }) {
  return (
    <TableWrap label={props.title}>
      <table>
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{t().operator.name}</th>
            <th scope="col">{t().operator.id}</th>
            <th scope="col">{t().operator.createdAt}</th>
          </tr>
        </thead>
        <tbody>
          <For
            each={props.entries}
            fallback={
              <tr>
                <td colspan="3" class="muted">
                  {props.empty}
                </td>
              </tr>
            }
          >
            {(entry) => (
              <tr>
                <th scope="row">
                  <A href={followUpPath(entry.kind, entry.id)}>{entry.name}</A>
                </th>
                <td>
                  <code class="id">{entry.id}</code>
                </td>
                <td>{formatDateTime(entry.createdAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}

function CreateTerritoryForm() {
  const [created, setCreated] = createSignal("");
  const create = createCreateTerritory();
  const form = createForm({
    id: "new-territory",
    keep: "new-territory",
    schema: TerritoryCreate,
    initial: emptyDraft,
    labels: profileLabels,
    input: profileInput,
    subject: communeSubject,
    send: (input) => {
      setCreated("");
      return create.mutateAsync(input);
    },
    done: (territory, form) => {
      setCreated(territory.name);
      form.reset();
    },
  });

  return (
    <FormView form={form}>
      <ProfileFields form={form} />
      <SubmitButton form={form} label={t().operator.createTerritorySubmit} />
      <StatusMessage>{created() ? t().operator.territoryCreated(created()) : ""}</StatusMessage>
    </FormView>
  );
}

function CreateFederationForm() {
  const [created, setCreated] = createSignal("");
  const create = createCreateFederation();
  const form = createForm({
    id: "new-federation",
    keep: "new-federation",
    schema: FederationCreate,
    initial: () => ({ name: "", description: "" }),
    labels: () => ({ name: t().operator.name, description: t().operator.description }),
    send: (input) => {
      setCreated("");
      return create.mutateAsync(input);
    },
    done: (federation, form) => {
      setCreated(federation.name);
      form.reset();
    },
  });

  return (
    <FormView form={form}>
      <Field {...form.field("name")} label={t().operator.name}>
        {(control) => <input {...control} type="text" autocomplete="off" {...form.text("name")} />}
      </Field>
      <Field {...form.field("description")} label={t().operator.description} optional>
        {(control) => <textarea {...control} rows={3} {...form.text("description")} />}
      </Field>
      <SubmitButton form={form} label={t().operator.createFederationSubmit} />
      <StatusMessage>{created() ? t().operator.federationCreated(created()) : ""}</StatusMessage>
    </FormView>
  );
}

function CreateFunderForm() {
  const [created, setCreated] = createSignal("");
  const create = createCreateFunder();
  const form = createForm({
    id: "new-funder",
    keep: "new-funder",
    schema: FunderCreate,
    initial: () => ({ name: "", funderType: "" }),
    labels: () => ({ name: t().operator.name, funderType: t().operator.funderType }),
    send: (input) => {
      setCreated("");
      return create.mutateAsync(input);
    },
    done: (funder, form) => {
      setCreated(funder.name);
      form.reset();
    },
  });

  return (
    <FormView form={form}>
      <div class="field-row">
        <Field {...form.field("name")} label={t().operator.name}>
          {(control) => <input {...control} type="text" autocomplete="off" {...form.text("name")} />}
        </Field>
        <ChoiceField
          form={form}
          name="funderType"
          label={t().operator.funderType}
          options={funderTypes.map((type) => ({ value: type, label: label("funderTypes", type) }))}
        />
      </div>
      <SubmitButton form={form} label={t().operator.createFunderSubmit} />
      <StatusMessage>{created() ? t().operator.funderCreated(created()) : ""}</StatusMessage>
    </FormView>
  );
}
