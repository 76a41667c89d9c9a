import {
  CHOOSE_ONE,
  type DirectoryEntry,
  FederationCreate,
  FunderCreate,
  funderTypes,
  TerritoryCreate,
} from "@maillage/schema";
import { createMemo, createSignal, For, type JSX } from "solid-js";
import { createStore } from "solid-js/store";
import {
  createAttach,
  createCreateFederation,
  createCreateFunder,
  createCreateTerritory,
  createDirectory,
  createInviteLead,
} from "../data/operator";
import { formatDateTime, t } from "../i18n";
import { createFormErrors, ErrorSummary, Field, StatusMessage } from "../ui/form";
import { InviteForm } from "../ui/invite-form";
import { PageTitle } from "../ui/page";
import {
  communeSubject,
  emptyDraft,
  type ProfileDraft,
  ProfileFields,
  profileInput,
  profileLabels,
} from "../ui/profile-fields";
import { QueryView } from "../ui/states";

type Kind = DirectoryEntry["kind"];

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
      <PageTitle title={t().operator.title} />
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
    <div class="table-wrap">
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
                <th scope="row">{entry.name}</th>
                <td>
                  <code class="id">{entry.id}</code>
                </td>
                <td>{formatDateTime(entry.createdAt)}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function CreateTerritoryForm() {
  const [draft, setDraft] = createStore<ProfileDraft>(emptyDraft());
  const [created, setCreated] = createSignal("");
  const form = createFormErrors("new-territory", profileLabels);
  const create = createCreateTerritory();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setCreated("");
    const subject = communeSubject({ ...draft });
    const input = form.validate(TerritoryCreate, profileInput(draft), subject);
    if (!input) return;
    create.mutate(input, {
      onSuccess: (territory) => {
        setCreated(territory.name);
        setDraft(emptyDraft());
      },
      onError: (error) => form.fail(error, subject),
    });
  };

  return (
    <form class="form" novalidate onSubmit={submit}>
      <ErrorSummary form={form} />
      <ProfileFields draft={draft} setDraft={setDraft} form={form} />
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={create.isPending}>
          {create.isPending ? t().form.saving : t().operator.createTerritorySubmit}
        </button>
      </div>
      <StatusMessage>{created() ? t().operator.territoryCreated(created()) : ""}</StatusMessage>
    </form>
  );
}

function CreateFederationForm() {
  const [draft, setDraft] = createStore({ name: "", description: "" });
  const [created, setCreated] = createSignal("");
  const form = createFormErrors("new-federation", () => ({
    name: t().operator.name,
    description: t().operator.description,
  }));
  const create = createCreateFederation();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setCreated("");
    const input = form.validate(FederationCreate, { ...draft });
    if (!input) return;
    create.mutate(input, {
      onSuccess: (federation) => {
        setCreated(federation.name);
        setDraft({ name: "", description: "" });
      },
      onError: (error) => form.fail(error),
    });
  };

  return (
    <form class="form" novalidate onSubmit={submit}>
      <ErrorSummary form={form} />
      <Field id={form.id("name")} label={t().operator.name} errors={form.errors("name")}>
        {(control) => (
          <input
            {...control}
            type="text"
            autocomplete="off"
            value={draft.name}
            onInput={(event) => setDraft("name", event.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        id={form.id("description")}
        label={t().operator.description}
        errors={form.errors("description")}
        optional
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={draft.description}
            onInput={(event) => setDraft("description", event.currentTarget.value)}
          />
        )}
      </Field>
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={create.isPending}>
          {create.isPending ? t().form.saving : t().operator.createFederationSubmit}
        </button>
      </div>
      <StatusMessage>{created() ? t().operator.federationCreated(created()) : ""}</StatusMessage>
    </form>
  );
}

function CreateFunderForm() {
  const [draft, setDraft] = createStore({ name: "", funderType: "" });
  const [created, setCreated] = createSignal("");
  const form = createFormErrors("new-funder", () => ({
    name: t().operator.name,
    funderType: t().operator.funderType,
  }));
  const create = createCreateFunder();

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    setCreated("");
    const input = form.validate(FunderCreate, { ...draft });
    if (!input) return;
    create.mutate(input, {
      onSuccess: (funder) => {
        setCreated(funder.name);
        setDraft({ name: "", funderType: "" });
      },
      onError: (error) => form.fail(error),
    });
  };

  return (
    <form class="form" novalidate onSubmit={submit}>
      <ErrorSummary form={form} />
      <div class="field-row">
        <Field id={form.id("name")} label={t().operator.name} errors={form.errors("name")}>
          {(control) => (
            <input
              {...control}
              type="text"
              autocomplete="off"
              value={draft.name}
              onInput={(event) => setDraft("name", event.currentTarget.value)}
            />
          )}
        </Field>
        <Field id={form.id("funderType")} label={t().operator.funderType} errors={form.errors("funderType")}>
          {(control) => (
            <select {...control} onChange={(event) => setDraft("funderType", event.currentTarget.value)}>
              <option value="" selected={draft.funderType === ""}>
                {t().operator.choose}
              </option>
              <For each={funderTypes}>
                {(type) => (
                  <option value={type} selected={draft.funderType === type}>
                    {t().funderTypes[type]}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
      </div>
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={create.isPending}>
          {create.isPending ? t().form.saving : t().operator.createFunderSubmit}
        </button>
      </div>
      <StatusMessage>{created() ? t().operator.funderCreated(created()) : ""}</StatusMessage>
    </form>
  );
}

function AttachForm(props: {
  kind: "federation" | "funder";
  owners: DirectoryEntry[];
  territories: DirectoryEntry[];
}) {
  const [draft, setDraft] = createStore({ ownerId: "", territoryId: "" });
  const [done, setDone] = createSignal<{ territory: string; owner: string }>();
  const ownerLabel = () => (props.kind === "federation" ? t().operator.federation : t().operator.funder);
  const form = createFormErrors(`attach-${props.kind}`, () => ({
    ownerId: ownerLabel(),
    territoryId: t().operator.territory,
  }));
  const attach = createAttach();
  const nameOf = (entries: DirectoryEntry[], id: string) => entries.find((e) => e.id === id)?.name ?? id;

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    if (attach.isPending) return;
    setDone(undefined);
    const missing = (["ownerId", "territoryId"] as const)
      .filter((field) => !draft[field])
      .map((field) => ({ path: field, message: CHOOSE_ONE }));
    if (missing.length > 0) return form.show(missing);
    form.clear();
    const { ownerId, territoryId } = draft;
    attach.mutate(
      { ownerKind: props.kind, ownerId, territoryId },
      {
        onSuccess: () =>
          setDone({
            territory: nameOf(props.territories, territoryId),
            owner: nameOf(props.owners, ownerId),
          }),
        onError: (error) => form.fail(error),
      },
    );
  };

  const select = (field: "ownerId" | "territoryId", entries: () => DirectoryEntry[]) => (
    <Field
      id={form.id(field)}
      label={field === "ownerId" ? ownerLabel() : t().operator.territory}
      errors={form.errors(field)}
    >
      {(control) => (
        <select {...control} onChange={(event) => setDraft(field, event.currentTarget.value)}>
          <option value="" selected={draft[field] === ""}>
            {t().operator.choose}
          </option>
          <For each={entries()}>
            {(entry) => (
              <option value={entry.id} selected={draft[field] === entry.id}>
                {entry.name}
              </option>
            )}
          </For>
        </select>
      )}
    </Field>
  );

  return (
    <form class="form" novalidate onSubmit={submit}>
      <ErrorSummary form={form} />
      {select("ownerId", () => props.owners)}
      {select("territoryId", () => props.territories)}
      <div class="form__actions">
        <button type="submit" class="button" aria-disabled={attach.isPending}>
          {t().operator.attachSubmit}
        </button>
      </div>
      <StatusMessage>
        {done() ? t().operator.attached(done()?.territory ?? "", done()?.owner ?? "") : ""}
      </StatusMessage>
    </form>
  );
}
