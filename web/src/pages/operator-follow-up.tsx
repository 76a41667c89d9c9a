import type { DirectoryEntry, OperatorReaderView, OperatorTerritoryView } from "@maillage/schema";
import { A, useParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, type JSX, Show } from "solid-js";
import {
  createDirectory,
  createInviteLead,
  createOperatorInvitations,
  createOperatorReader,
  createOperatorTerritory,
  type ReaderKind,
} from "../data/operator";
import { formatDateTime, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { AttachForm } from "../ui/attach-form";
import { DetachControl, type Named } from "../ui/detach";
import { StatusMessage } from "../ui/form";
import { InvitationsList } from "../ui/invitations";
import { InviteForm } from "../ui/invite-form";
import { PageTitle } from "../ui/page";
import { QueryView } from "../ui/states";
import { Period, programmeLabel } from "../ui/territory";
import { followUpPath } from "./operator";

/** Back to the operator's workspace, then where we are. */
function Breadcrumb(props: { current: string }) {
  return (
    <nav class="breadcrumb" aria-label={t().followUp.breadcrumb}>
      <ol>
        <li>
          <A href="/operateur" end>
            {t().followUp.back}
          </A>
        </li>
        <Show when={props.current}>
          <li aria-current="page">{props.current}</li>
        </Show>
      </ol>
    </nav>
  );
}

function Section(props: { id: string; title: string; children: JSX.Element }) {
  return (
    <section class="panel" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} tabindex="-1">
        {props.title}
      </h2>
      {props.children}
    </section>
  );
}

/** After a detach the row is gone: the focus goes to the heading of its list, the result is announced. */
function focusHeading(id: string) {
  queueMicrotask(() => document.getElementById(id)?.focus());
}

const byName = (entries: DirectoryEntry[], kind: DirectoryEntry["kind"]) =>
  entries.filter((entry) => entry.kind === kind).sort((a, b) => a.name.localeCompare(b.name, "fr"));

// --- A territory ---------------------------------------------------------------------------------

export function OperatorTerritoryPage() {
  const params = useParams();
  const [name, setName] = createSignal("");
  return (
    <>
      <Breadcrumb current={name()} />
      <PageTitle title={t().followUp.territoryTitle(name())} />
      <RequireRole roles={["operator"]}>
        <Show when={params.territoryId} keyed>
          {(territoryId) => <TerritoryFollowUp territoryId={territoryId} named={setName} />}
        </Show>
      </RequireRole>
    </>
  );
}

/** Only mounted for the operator: nothing is asked of the API otherwise. */
function TerritoryFollowUp(props: { territoryId: string; named: (name: string) => void }) {
  const view = createOperatorTerritory(() => props.territoryId);
  const directory = createDirectory();
  createEffect(() =>
    props.named(
      view.data?.territory.name ??
        directory.data?.find((entry) => entry.id === props.territoryId)?.name ??
        "",
    ),
  );
  return (
    <QueryView query={view}>
      {(data) => (
        <>
          <TerritoryRecord territory={data().territory} />
          <Readers view={data()} />
          <Section id="invitations" title={t().followUp.invitationsSection}>
            <Invitations territoryId={props.territoryId} />
          </Section>
          <Section id="invite" title={t().followUp.inviteSection}>
            <InviteLead territory={data().territory} />
          </Section>
        </>
      )}
    </QueryView>
  );
}

function TerritoryRecord(props: { territory: OperatorTerritoryView["territory"] }) {
  const f = () => t().followUp;
  return (
    <Section id="record" title={f().profileSection}>
      <dl class="summary">
        <div>
          <dt>{f().carrierName}</dt>
          <dd>{props.territory.carrierName || t().app.notProvided}</dd>
        </div>
        <div>
          <dt>{f().programme}</dt>
          <dd>{programmeLabel(props.territory.programme)}</dd>
        </div>
        <div>
          <dt>{f().period}</dt>
          <dd>
            <Period start={props.territory.startDate} end={props.territory.endDate} />
          </dd>
        </div>
        <div>
          <dt>{f().createdAt}</dt>
          <dd>{formatDateTime(props.territory.createdAt)}</dd>
        </div>
        <div>
          <dt>{f().id}</dt>
          <dd>
            <code class="id">{props.territory.id}</code>
          </dd>
        </div>
      </dl>
    </Section>
  );
}

/** The federations and funders the territory publishes to: links, "Détacher", and the attach forms. */
function Readers(props: { view: OperatorTerritoryView }) {
  const f = () => t().followUp;
  const directory = createDirectory();
  const [announced, setAnnounced] = createSignal("");
  const territory = (): Named => props.view.territory;
  const attached = (kind: ReaderKind) => props.view.readers.filter((reader) => reader.kind === kind);
  const attachable = (kind: ReaderKind) =>
    byName(directory.data ?? [], kind).filter((entry) => !props.view.readers.some((r) => r.id === entry.id));
  const detached = (kind: ReaderKind) => (message: string) => {
    setAnnounced(message);
    focusHeading(`readers-${kind}-title`);
  };

  const list = (kind: ReaderKind) => (
    <div class="follow-up__group">
      <h3 id={`readers-${kind}-title`} tabindex="-1">
        {kind === "federation" ? f().federations : f().funders}
      </h3>
      <Show
        when={attached(kind).length > 0}
        fallback={<p class="muted">{kind === "federation" ? f().noFederation : f().noFunder}</p>}
      >
        <ul class="attachments" aria-labelledby={`readers-${kind}-title`}>
          <For each={attached(kind)}>
            {(reader) => (
              <li class="attachments__item">
                <A href={followUpPath(kind, reader.id)}>{reader.name}</A>
                <DetachControl
                  territory={territory()}
                  owner={{ ...reader, kind }}
                  detached={detached(kind)}
                />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h4>{kind === "federation" ? f().attachToFederation : f().attachToFunder}</h4>
      <QueryView query={directory}>
        {() => (
          <Show
            when={attachable(kind).length > 0}
            fallback={
              <p class="muted">
                {kind === "federation" ? f().nothingToAttachFederation : f().nothingToAttachFunder}
              </p>
            }
          >
            <AttachForm
              kind={kind}
              owners={attachable(kind)}
              territories={[territory()]}
              territoryId={territory().id}
            />
          </Show>
        )}
      </QueryView>
    </div>
  );

  return (
    <Section id="readers" title={f().readersSection}>
      <p class="muted">{f().readersIntro}</p>
      <StatusMessage>{announced()}</StatusMessage>
      <div class="field-row field-row--top">
        {list("federation")}
        {list("funder")}
      </div>
    </Section>
  );
}

function Invitations(props: { territoryId: string }) {
  const invitations = createOperatorInvitations(() => props.territoryId);
  return <InvitationsList id="invitations-list" query={invitations} />;
}

function InviteLead(props: { territory: Named }) {
  const inviteLead = createInviteLead();
  return (
    <>
      <p class="muted">{t().members.inviteIntro}</p>
      <InviteForm
        prefix="lead-invite"
        keep={`operator:${props.territory.id}`}
        roles={["territory_lead"]}
        submitLabel={t().operator.inviteLeadSubmit}
        send={({ territoryId: _, ...input }) =>
          inviteLead.mutateAsync({ ...input, territoryId: props.territory.id })
        }
      />
    </>
  );
}

// --- A federation or a funder --------------------------------------------------------------------

export function OperatorFederationPage() {
  const params = useParams();
  return <ReaderPage kind="federation" readerId={params.federationId ?? ""} />;
}

export function OperatorFunderPage() {
  const params = useParams();
  return <ReaderPage kind="funder" readerId={params.funderId ?? ""} />;
}

const readerTitle = (kind: ReaderKind, name: string) =>
  kind === "federation" ? t().followUp.federationTitle(name) : t().followUp.funderTitle(name);

function ReaderPage(props: { kind: ReaderKind; readerId: string }) {
  const [name, setName] = createSignal("");
  return (
    <>
      <Breadcrumb current={name()} />
      <PageTitle title={readerTitle(props.kind, name())} />
      <RequireRole roles={["operator"]}>
        <Show when={props.readerId} keyed>
          {(readerId) => <ReaderFollowUp kind={props.kind} readerId={readerId} named={setName} />}
        </Show>
      </RequireRole>
    </>
  );
}

/** Only mounted for the operator. */
function ReaderFollowUp(props: { kind: ReaderKind; readerId: string; named: (name: string) => void }) {
  const directory = createDirectory();
  const view = createOperatorReader(props.kind, () => props.readerId);
  createEffect(() =>
    props.named(view.data?.name ?? directory.data?.find((entry) => entry.id === props.readerId)?.name ?? ""),
  );
  return (
    <QueryView query={view}>
      {(data) => (
        <>
          <Section id="record" title={t().followUp.profileSection}>
            <dl class="summary">
              <div>
                <dt>{t().followUp.createdAt}</dt>
                <dd>{formatDateTime(data().createdAt)}</dd>
              </div>
              <div>
                <dt>{t().followUp.id}</dt>
                <dd>
                  <code class="id">{data().id}</code>
                </dd>
              </div>
            </dl>
          </Section>
          <ReaderTerritories view={data()} />
        </>
      )}
    </QueryView>
  );
}

function ReaderTerritories(props: { view: OperatorReaderView }) {
  const f = () => t().followUp;
  const directory = createDirectory();
  const [announced, setAnnounced] = createSignal("");
  const owner = () => ({ id: props.view.id, name: props.view.name, kind: props.view.kind });
  const attachable = createMemo(() =>
    byName(directory.data ?? [], "territory").filter(
      (entry) => !props.view.territories.some((territory) => territory.id === entry.id),
    ),
  );
  const detached = (message: string) => {
    setAnnounced(message);
    focusHeading("territories-title");
  };

  return (
    <Section id="territories" title={f().territoriesSection}>
      <StatusMessage>{announced()}</StatusMessage>
      <Show when={props.view.territories.length > 0} fallback={<p class="muted">{f().noTerritory}</p>}>
        <ul class="attachments" aria-labelledby="territories-title">
          <For each={props.view.territories}>
            {(territory) => (
              <li class="attachments__item">
                <A href={followUpPath("territory", territory.id)}>{territory.name}</A>
                <DetachControl territory={territory} owner={owner()} detached={detached} />
              </li>
            )}
          </For>
        </ul>
      </Show>
      <h3>{f().attachTerritory}</h3>
      <QueryView query={directory}>
        {() => (
          <Show when={attachable().length > 0} fallback={<p class="muted">{f().nothingToAttachTerritory}</p>}>
            <AttachForm
              kind={props.view.kind}
              owners={[owner()]}
              territories={attachable()}
              ownerId={props.view.id}
            />
          </Show>
        )}
      </QueryView>
    </Section>
  );
}
