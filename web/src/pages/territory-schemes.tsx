import {
  type PartnerScheme,
  PartnerSchemeCreate,
  PartnerSchemeUpdate,
  partnerSchemeKinds,
} from "@maillage/schema";
import { A, useParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, on, Show, untrack } from "solid-js";
import { isApiError } from "../api";
import {
  createAddPartnerScheme,
  createPartnerScheme,
  createPartnerSchemes,
  createUpdatePartnerScheme,
  pathwayKeys,
} from "../data/pathway";
import { createMembership } from "../data/session";
import { label, t } from "../i18n";
import { History } from "../ui/audit";
import {
  ChoiceField,
  createForm,
  Field,
  type FormFields,
  FormView,
  StatusMessage,
  SubmitButton,
} from "../ui/form";
import { PageTitle } from "../ui/page";
import { describeSchemeChange } from "../ui/pathway";
import { errorMessage, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

/** The scheme form's draft: flat text fields, the contact's among them. */
interface SchemeDraft {
  kind: string;
  name: string;
  description: string;
  structureName: string;
  contactRole: string;
  contactName: string;
  phone: string;
  email: string;
}

const emptyDraft = (): SchemeDraft => ({
  kind: "",
  name: "",
  description: "",
  structureName: "",
  contactRole: "",
  contactName: "",
  phone: "",
  email: "",
});

const draftOf = (scheme: PartnerScheme): SchemeDraft => ({
  kind: scheme.kind,
  name: scheme.name,
  description: scheme.description,
  structureName: scheme.contact.structureName,
  contactRole: scheme.contact.contactRole,
  contactName: scheme.contact.contactName,
  phone: scheme.contact.phone ?? "",
  email: scheme.contact.email ?? "",
});

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

/** The draft in the API's shape (the contact nested), not yet validated. */
const schemeInput = (draft: SchemeDraft) => ({
  kind: draft.kind,
  name: draft.name,
  description: draft.description,
  contact: {
    structureName: draft.structureName,
    contactRole: draft.contactRole,
    contactName: draft.contactName,
    phone: orNull(draft.phone),
    email: orNull(draft.email),
  },
});

function schemeLabels(): Record<keyof SchemeDraft, string> {
  const s = t().schemes;
  return {
    kind: s.kind,
    name: s.name,
    description: s.description,
    structureName: s.structureName,
    contactRole: s.contactRole,
    contactName: s.contactName,
    phone: s.phone,
    email: s.email,
  };
}

/** "contact.phone" → the phone field. */
function locateContact(prefix: string) {
  return (path: string) => {
    const match = /^contact\.(\w+)/.exec(path);
    const field = match?.[1] as keyof SchemeDraft | undefined;
    if (!field || !(field in schemeLabels())) return undefined;
    return { id: `${prefix}-${field}`, label: schemeLabels()[field] };
  };
}

function SchemeFields(props: {
  form: FormFields<SchemeDraft> & { errorsAt(path: string): string[] | undefined };
}) {
  const s = () => t().schemes;
  const form = props.form;
  const contactField = (field: keyof SchemeDraft) => ({
    id: form.id(field),
    errors: form.errorsAt(`contact.${field}`),
  });
  return (
    <>
      <div class="field-row">
        <ChoiceField
          form={form}
          name="kind"
          label={s().kind}
          options={partnerSchemeKinds.map((kind) => ({
            value: kind,
            label: label("partnerSchemeKinds", kind),
          }))}
        />
        <Field {...form.field("name")} label={s().name} hint={s().nameHint}>
          {(control) => <input {...control} type="text" autocomplete="off" {...form.text("name")} />}
        </Field>
      </div>
      <Field {...form.field("description")} label={s().description} hint={s().descriptionHint} optional>
        {(control) => <textarea {...control} rows={3} {...form.text("description")} />}
      </Field>
      <fieldset class="form-section choices">
        <legend>{s().contact}</legend>
        <p class="hint">{s().contactHint}</p>
        <Field {...contactField("structureName")} label={s().structureName}>
          {(control) => (
            <input {...control} type="text" autocomplete="organization" {...form.text("structureName")} />
          )}
        </Field>
        <div class="field-row">
          <Field {...contactField("contactRole")} label={s().contactRole} hint={s().contactRoleHint} optional>
            {(control) => (
              <input
                {...control}
                type="text"
                autocomplete="organization-title"
                {...form.text("contactRole")}
              />
            )}
          </Field>
          <Field {...contactField("contactName")} label={s().contactName} optional>
            {(control) => <input {...control} type="text" autocomplete="off" {...form.text("contactName")} />}
          </Field>
        </div>
        <div class="field-row">
          <Field {...contactField("phone")} label={s().phone} hint={s().phoneHint} optional>
            {(control) => <input {...control} type="tel" autocomplete="tel" {...form.text("phone")} />}
          </Field>
          <Field {...contactField("email")} label={s().email} optional>
            {(control) => <input {...control} type="email" autocomplete="email" {...form.text("email")} />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}

export function SchemesPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const s = () => t().schemes;
  return (
    <>
      <PageTitle title={s().title(membership()?.contextName ?? "")} />
      <p class="lead">{s().intro}</p>
      <SchemesList territoryId={id()} />
      <Show when={membership()?.role === "territory_lead"}>
        <AddScheme territoryId={id()} />
      </Show>
    </>
  );
}

function SchemesList(props: { territoryId: string }) {
  const schemes = createPartnerSchemes(() => props.territoryId);
  const s = () => t().schemes;
  const items = createMemo(() => schemes.data?.pages.flatMap((page) => page.items) ?? []);
  const [loaded, setLoaded] = createSignal<number>();
  const more = async () => {
    if (schemes.isFetchingNextPage) return;
    const before = items().length;
    setLoaded(undefined);
    await schemes.fetchNextPage();
    const added = items().length - before;
    if (added <= 0) return;
    setLoaded(added);
    queueMicrotask(() => document.getElementById(`scheme-row-${before}`)?.focus());
  };
  return (
    <section class="panel panel--wide" aria-labelledby="schemes-list-title">
      <h2 id="schemes-list-title">{s().caption}</h2>
      <QueryView
        query={schemes}
        isEmpty={(data) => data.pages.every((page) => page.items.length === 0)}
        empty={s().empty}
      >
        {() => (
          <>
            <TableWrap label={s().caption}>
              <table>
                <caption class="visually-hidden">{s().caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{s().name}</th>
                    <th scope="col">{s().kind}</th>
                    <th scope="col">{s().structureName}</th>
                    <th scope="col">{s().contact}</th>
                    <th scope="col">{s().status}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(scheme, index) => (
                      <tr id={`scheme-row-${index()}`} tabindex="-1">
                        <th scope="row">
                          <A href={`/territoires/${props.territoryId}/dispositifs/${scheme.id}`}>
                            {scheme.name}
                          </A>
                        </th>
                        <td>{label("partnerSchemeKinds", scheme.kind)}</td>
                        <td>{scheme.contact.structureName}</td>
                        <td>
                          <ContactLines scheme={scheme} />
                        </td>
                        <td>
                          <span
                            class="tag"
                            classList={{ "tag--revoked": scheme.retired, "tag--accepted": !scheme.retired }}
                          >
                            {scheme.retired ? s().retiredTag : s().active}
                          </span>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
            <Show when={schemes.hasNextPage}>
              <p>
                <button
                  type="button"
                  class="button button--secondary"
                  aria-disabled={schemes.isFetchingNextPage}
                  onClick={() => void more()}
                >
                  {schemes.isFetchingNextPage ? s().loadingMore : s().more}
                </button>
              </p>
            </Show>
            <Show when={schemes.isFetchNextPageError}>
              <p class="alert alert--error" role="alert">
                {errorMessage(schemes.error)}
              </p>
            </Show>
            <StatusMessage>{loaded() ? s().loaded(loaded() ?? 0) : ""}</StatusMessage>
          </>
        )}
      </QueryView>
    </section>
  );
}

function ContactLines(props: { scheme: PartnerScheme }) {
  const contact = () => props.scheme.contact;
  const who = () => [contact().contactRole, contact().contactName].filter(Boolean).join(" — ");
  return (
    <ul class="plain-list">
      <Show when={who()}>
        <li>{who()}</li>
      </Show>
      <Show when={contact().phone}>
        {(phone) => (
          <li>
            <a href={`tel:${phone().replace(/\s/g, "")}`}>{phone()}</a>
          </li>
        )}
      </Show>
      <Show when={contact().email}>
        {(email) => (
          <li>
            <a href={`mailto:${email()}`}>{email()}</a>
          </li>
        )}
      </Show>
    </ul>
  );
}

function AddScheme(props: { territoryId: string }) {
  const territoryId = untrack(() => props.territoryId);
  const add = createAddPartnerScheme(() => territoryId);
  const [created, setCreated] = createSignal<PartnerScheme>();
  const s = () => t().schemes;
  const form = createForm({
    id: "scheme-new",
    keep: `scheme-new:${territoryId}`,
    schema: PartnerSchemeCreate,
    initial: emptyDraft,
    labels: schemeLabels,
    input: schemeInput,
    locate: locateContact("scheme-new"),
    send: (input) => {
      setCreated(undefined);
      return add.mutateAsync(input);
    },
    done: (scheme, form) => {
      setCreated(scheme);
      form.reset();
    },
  });
  return (
    <section class="panel" aria-labelledby="scheme-new-title">
      <h2 id="scheme-new-title">{s().add}</h2>
      <FormView form={form}>
        <SchemeFields form={form} />
        <SubmitButton form={form} label={s().create} />
        <StatusMessage>
          <Show when={created()}>
            {(scheme) => (
              <>
                {s().created(scheme().name)}{" "}
                <A href={`/territoires/${territoryId}/dispositifs/${scheme().id}`}>
                  {s().open(scheme().name)}
                </A>
              </>
            )}
          </Show>
        </StatusMessage>
      </FormView>
    </section>
  );
}

// --- One scheme ---------------------------------------------------------------------------------------

export function SchemePage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const schemeId = () => params.schemeId ?? "";
  const membership = createMembership(id);
  const scheme = createPartnerScheme(id, schemeId);
  const s = () => t().schemes;
  const name = () => (scheme.data?.id === schemeId() ? scheme.data.name : "");
  return (
    <>
      <p class="breadcrumb">
        <A href={`/territoires/${id()}/dispositifs`}>{s().back}</A>
      </p>
      <PageTitle title={s().one(name())} />
      <QueryView query={scheme}>
        {(data) => (
          <Show when={data().id === schemeId() && membership()}>
            <Show
              when={membership()?.role === "territory_lead"}
              fallback={
                <>
                  <p class="notice">{s().readOnly}</p>
                  <SchemeView scheme={data()} />
                </>
              }
            >
              <SchemeEditor territoryId={id()} initial={untrack(data)} />
              <History
                territoryId={id()}
                entity={data().id}
                id="scheme-history"
                describe={describeSchemeChange}
              />
            </Show>
          </Show>
        )}
      </QueryView>
    </>
  );
}

function SchemeView(props: { scheme: PartnerScheme }) {
  const s = () => t().schemes;
  const rows = () => [
    { label: s().kind, value: label("partnerSchemeKinds", props.scheme.kind) },
    { label: s().status, value: props.scheme.retired ? s().retiredTag : s().active },
    { label: s().description, value: props.scheme.description || t().app.notProvided },
    { label: s().structureName, value: props.scheme.contact.structureName },
    { label: s().contactRole, value: props.scheme.contact.contactRole || t().app.notProvided },
    { label: s().contactName, value: props.scheme.contact.contactName || t().app.notProvided },
    { label: s().phone, value: props.scheme.contact.phone ?? t().app.notProvided },
    { label: s().email, value: props.scheme.contact.email ?? t().app.notProvided },
  ];
  return (
    <dl class="summary summary--profile">
      <For each={rows()}>
        {(row) => (
          <div>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

type Status = { text: string } | undefined;

function SchemeEditor(props: { territoryId: string; initial: PartnerScheme }) {
  const territoryId = untrack(() => props.territoryId);
  const [stored, setStored] = createSignal(untrack(() => props.initial));
  const [status, setStatus] = createSignal<Status>();
  const [retireError, setRetireError] = createSignal<unknown>();
  const update = createUpdatePartnerScheme(
    () => territoryId,
    () => stored().id,
  );
  const queryClient = useQueryClient();
  const s = () => t().schemes;
  let conflictBox: HTMLDivElement | undefined;

  type Edit = SchemeDraft & { version: number };
  const editOf = (scheme: PartnerScheme): Edit => ({ ...draftOf(scheme), version: scheme.version });

  const form = createForm({
    id: "scheme",
    keep: `scheme:${territoryId}:${stored().id}`,
    schema: PartnerSchemeUpdate,
    initial: () => editOf(stored()),
    labels: schemeLabels,
    input: (draft) => ({ ...schemeInput(draft), retired: stored().retired, version: draft.version }),
    locate: locateContact("scheme"),
    conflict: "partner_scheme.version_conflict",
    send: (input) => {
      setStatus(undefined);
      return update.mutateAsync(input);
    },
    done: (result, form) => {
      if (result.version === form.draft.version) {
        setStatus({ text: s().unchanged });
        return;
      }
      setStored(result);
      form.reset(editOf(result));
      setStatus({ text: s().saved(result.version) });
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
    return value && typeof value === "object" && "contact" in value ? (value as PartnerScheme) : undefined;
  };
  const reloadCurrent = (latest: PartnerScheme) => {
    setStored(latest);
    form.reset(editOf(latest));
    queryClient.setQueryData(pathwayKeys.scheme(territoryId, latest.id), latest);
    setStatus({ text: s().reloaded(latest.version) });
    document.getElementById(form.id("kind"))?.focus();
  };

  /** Retiring or restoring applies to the stored scheme, whatever is being typed in the form. */
  const toggleRetired = async () => {
    if (update.isPending) return;
    const scheme = stored();
    setRetireError(undefined);
    setStatus(undefined);
    try {
      const { id: _, createdAt: _c, updatedAt: _u, ...rest } = scheme;
      const result = await update.mutateAsync({ ...rest, retired: !scheme.retired });
      setStored(result);
      form.set("version", result.version);
      setStatus({ text: result.retired ? s().retiredDone : s().restoredDone });
    } catch (error) {
      if (isApiError(error, "partner_scheme.version_conflict") && current() === undefined) {
        const latest = error.current as PartnerScheme | undefined;
        if (latest) reloadCurrent(latest);
      }
      setRetireError(error);
    }
  };

  return (
    <>
      <Show when={stored().retired}>
        <p class="notice">{s().retiredNotice}</p>
      </Show>
      <section class="panel" aria-labelledby="scheme-edit-title">
        <h2 id="scheme-edit-title">{s().edit}</h2>
        <FormView form={form}>
          <Show when={current()}>
            {(latest) => (
              <div
                class="alert alert--warning"
                role="alert"
                tabindex="-1"
                ref={conflictBox}
                aria-labelledby="scheme-conflict-title"
              >
                <h2 id="scheme-conflict-title">{s().conflictTitle}</h2>
                <p>{s().conflict(latest().version)}</p>
                <p>
                  <button type="button" class="button" onClick={() => reloadCurrent(latest())}>
                    {s().reloadCurrent}
                  </button>
                </p>
              </div>
            )}
          </Show>
          <SchemeFields form={form} />
          <SubmitButton form={form} label={s().save} />
        </FormView>
      </section>
      <section class="panel" aria-labelledby="scheme-retire-title">
        <h2 id="scheme-retire-title">{stored().retired ? s().restore : s().retire}</h2>
        <p class="hint" id="scheme-retire-hint">
          {s().retireHint}
        </p>
        <p>
          <button
            type="button"
            class="button button--secondary"
            aria-describedby="scheme-retire-hint"
            aria-disabled={update.isPending}
            onClick={() => void toggleRetired()}
          >
            {stored().retired ? s().restore : s().retire}
          </button>
        </p>
        <Show when={retireError()}>
          {(error) => (
            <p class="alert alert--error" role="alert">
              {errorMessage(error())}
            </p>
          )}
        </Show>
      </section>
      <StatusMessage>{status()?.text ?? ""}</StatusMessage>
    </>
  );
}
