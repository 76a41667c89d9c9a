import type { Me } from "@maillage/schema";
import { type Accessor, createMemo, createSignal, For, type JSX, onCleanup, Show, untrack } from "solid-js";
import { createStore, reconcile, type SetStoreFunction, unwrap } from "solid-js/store";
import * as v from "valibot";
import { ApiError, type ApiErrorCode, isApiError } from "../api";
import { queryClient } from "../data/query";
import { sessionKeys } from "../data/session";
import { t } from "../i18n";
import { describeIssue, type Issue, issueOf } from "./issues";
import { errorMessage } from "./states";

export type { Issue };

/**
 * Every form of the console is one `createForm`: a draft of what the person typed, checked with the
 * shared schema (every issue at once) before anything is sent, then sent; the API's 400 issues land
 * on their fields like the console's own, a conflict the page explains is kept apart, and a session
 * that expires mid-edit keeps the draft for after sign-in.
 */
export interface FormOptions<D extends object, S extends v.GenericSchema, R> {
  /** Prefix of the controls' ids (`${id}-name`): unique in the page. */
  id: string;
  schema: S;
  initial: () => D;
  /** Field labels, by the first segment of an issue's path (for the error summary). */
  labels: () => Record<string, string>;
  /** The draft in the schema's input shape (typed text to numbers and lists); the draft by default. */
  input?: (draft: D) => unknown;
  /** The value among several that an issue's path is about ("communes.2" → the third code typed). */
  subject?: (draft: D, path: string) => string | undefined;
  /**
   * Rules across fields that the schema cannot state (the shared `pathwayIssues()`), run on the same
   * submit once the schema passes, exactly as the API runs them: their issues block the send.
   */
  check?: (value: v.InferOutput<S>) => Issue[];
  /**
   * Where an issue of a nested path lands ("steps.2.name": the third step's name field): its control's
   * id and label. Without it, or when it answers nothing, the path's first segment names the field.
   */
  locate?: (path: string, draft: D) => { id: string; label: string } | undefined;
  send: (value: v.InferOutput<S>) => Promise<R>;
  /** After a success. By default the form starts over from `initial`. */
  done?: (result: R, form: Form<D>) => void;
  /** An API error the page explains itself (a version conflict): in `conflict()`, not in the summary. */
  conflict?: ApiErrorCode;
  /** Keeps the draft across a sign-in when the session expires: a key unique to what is edited. */
  keep?: string;
}

/** What a form's fields need: the draft and the bindings of each control. */
export interface FormFields<D extends object> {
  readonly draft: D;
  id(field: keyof D & string): string;
  /** The props of `<Field>`: id and errors. */
  field(field: keyof D & string): { id: string; errors: string[] | undefined };
  /** Value and input handler of a text control. */
  text(field: keyof D & string): {
    readonly value: string;
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => void;
  };
  /** Change handler of a select (its options say which one is selected). */
  choice(field: keyof D & string): {
    onChange: (event: Event & { currentTarget: HTMLSelectElement }) => void;
  };
}

/** A form's state, whatever its draft: what the summary, the submit button and the page read. */
export interface FormState {
  errors(field: string): string[] | undefined;
  /** The errors of exactly one path ("steps.2.name"), for the controls of nested values. */
  errorsAt(path: string): string[] | undefined;
  /** The error summary's lines, with the id of the field each one leads to. */
  items: Accessor<{ id: string | undefined; message: string }[]>;
  /** A failure that belongs to no field (network, refusal…). */
  failure: Accessor<unknown>;
  conflict: Accessor<ApiError | undefined>;
  pending: Accessor<boolean>;
  /** The draft was brought back after a sign-in. */
  restored: Accessor<boolean>;
  submit(event?: Event): Promise<void>;
  show(issues: Issue[]): void;
  fail(error: unknown): void;
  clear(): void;
  summaryRef(element: HTMLElement): void;
}

export interface Form<D extends object> extends FormFields<D>, FormState {
  set: SetStoreFunction<D>;
  /** Starts over from `next` (or the initial draft), without issues. */
  reset(next?: D): void;
}

const DRAFT_PREFIX = "maillage.draft.";
const DRAFT_LIFETIME_MS = 12 * 60 * 60 * 1000;
const keepers = new Set<() => void>();

interface Kept {
  user: string;
  at: number;
  draft: Record<string, unknown>;
}

const currentUser = () => queryClient.getQueryData<Me>(sessionKeys.me)?.user.id;

function storage(): Storage | undefined {
  try {
    return sessionStorage;
  } catch {
    return undefined;
  }
}

/** The session ended: every open form with a `keep` key stores its draft (this tab only). */
export function keepDrafts() {
  for (const keep of keepers) keep();
}

/** Signed out on purpose: nothing typed is kept. */
export function forgetDrafts() {
  const store = storage();
  if (!store) return;
  for (const key of Object.keys(store)) if (key.startsWith(DRAFT_PREFIX)) store.removeItem(key);
}

/** A kept draft of this person, taken out of storage (another person's is dropped, not shown). */
function takeKept<D extends object>(key: string, initial: D): D | undefined {
  const store = storage();
  const raw = store?.getItem(DRAFT_PREFIX + key);
  if (!store || raw == null) return undefined;
  store.removeItem(DRAFT_PREFIX + key);
  try {
    const kept = JSON.parse(raw) as Kept;
    if (kept.user !== currentUser() || Date.now() - kept.at > DRAFT_LIFETIME_MS) return undefined;
    const draft = { ...initial };
    for (const name of Object.keys(initial) as (keyof D & string)[]) {
      if (typeof kept.draft[name] === typeof initial[name]) draft[name] = kept.draft[name] as D[typeof name];
    }
    return draft;
  } catch {
    return undefined;
  }
}

const fieldOf = (path: string) => path.split(".")[0] ?? "";

export function createForm<D extends object, S extends v.GenericSchema, R>(
  options: FormOptions<D, S, R>,
): Form<D> {
  const initial = untrack(options.initial);
  const kept = options.keep ? takeKept(options.keep, initial) : undefined;
  const [draft, setDraft] = createStore<D>(structuredClone(kept ?? initial));
  const [issues, setIssues] = createSignal<Issue[]>([]);
  const [failure, setFailure] = createSignal<unknown>();
  const [conflict, setConflict] = createSignal<ApiError>();
  const [pending, setPending] = createSignal(false);
  const [restored, setRestored] = createSignal(kept !== undefined);
  let summary: HTMLElement | undefined;
  const id = (field: string) => `${options.id}-${field}`;

  if (options.keep) {
    const key = DRAFT_PREFIX + options.keep;
    const keep = () => {
      const user = currentUser();
      const typed = unwrap(draft) as Record<string, unknown>;
      // An untouched form keeps nothing (nor says, after sign-in, that it kept something).
      if (!user || JSON.stringify(typed) === JSON.stringify(options.initial())) return;
      const value: Kept = { user, at: Date.now(), draft: typed };
      storage()?.setItem(key, JSON.stringify(value));
    };
    keepers.add(keep);
    onCleanup(() => keepers.delete(keep));
  }

  const texts = createMemo(() =>
    issues().map((issue) => {
      const field = fieldOf(issue.path);
      const located = options.locate?.(issue.path, draft);
      const label = located?.label ?? options.labels()[field];
      const { text, specific } = describeIssue(issue, label);
      return {
        field,
        path: issue.path,
        control: located?.id ?? id(field),
        located: located !== undefined,
        label,
        text,
        specific,
      };
    }),
  );
  const byField = createMemo(() => {
    const grouped: Record<string, string[]> = {};
    for (const { field, text } of texts()) grouped[field] = [...(grouped[field] ?? []), text];
    return grouped;
  });
  const byPath = createMemo(() => {
    const grouped: Record<string, string[]> = {};
    for (const { path, text } of texts()) grouped[path] = [...(grouped[path] ?? []), text];
    return grouped;
  });
  const items = createMemo(() =>
    texts().map(({ control, located, label, text, specific }) =>
      label
        ? // A nested value's issue names where it is ("Étape 3 : Délai cible"), even when specific.
          { id: control, message: specific && !located ? text : t().form.item(label, text) }
        : { id: undefined, message: text },
    ),
  );

  const focusSummary = () => queueMicrotask(() => summary?.focus());
  const withSubjects = (list: Issue[]) =>
    list.map((issue) => ({ ...issue, subject: issue.subject ?? options.subject?.(draft, issue.path) }));

  const form: Form<D> = {
    draft,
    set: setDraft,
    id,
    field: (field) => ({
      id: id(field),
      get errors() {
        return byField()[field];
      },
    }),
    text: (field) => ({
      get value() {
        return String(draft[field] ?? "");
      },
      onInput: (event) => setDraft(field as never, event.currentTarget.value as never),
    }),
    choice: (field) => ({
      onChange: (event) => setDraft(field as never, event.currentTarget.value as never),
    }),
    errors: (field) => byField()[field],
    errorsAt: (path) => byPath()[path],
    items,
    failure,
    conflict,
    pending,
    restored,
    async submit(event) {
      event?.preventDefault();
      if (pending()) return;
      setConflict(undefined);
      setRestored(false);
      const input = options.input ? options.input(draft) : structuredClone(unwrap(draft));
      const result = v.safeParse(options.schema, input);
      if (!result.success) {
        form.show(result.issues.map(issueOf));
        return;
      }
      const crossField = options.check?.(result.output) ?? [];
      if (crossField.length > 0) {
        form.show(crossField);
        return;
      }
      form.clear();
      setPending(true);
      try {
        const answer = await options.send(result.output);
        if (options.done) options.done(answer, form);
        else form.reset();
      } catch (error) {
        if (options.conflict && isApiError(error, options.conflict)) {
          setConflict(error);
          return;
        }
        // 401: the layout keeps the drafts and leads to sign-in; nothing to show here.
        if (isApiError(error) && error.unauthorized) return;
        form.fail(error);
      } finally {
        setPending(false);
      }
    },
    reset(next) {
      setDraft(reconcile(structuredClone(next ?? options.initial())));
      form.clear();
      setConflict(undefined);
    },
    show(next) {
      setFailure(undefined);
      setIssues(withSubjects(next));
      focusSummary();
    },
    fail(error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        form.show(error.issues);
        return;
      }
      setIssues([]);
      setFailure(error ?? new Error("unknown"));
      focusSummary();
    },
    clear() {
      setIssues([]);
      setFailure(undefined);
    },
    summaryRef(element) {
      summary = element;
    },
  };
  return form;
}

/** The form element: no browser validation (the schema's is complete), the summary first. */
export function FormView(props: { form: FormState; children: JSX.Element; "aria-describedby"?: string }) {
  return (
    <form
      class="form"
      novalidate
      aria-describedby={props["aria-describedby"]}
      onSubmit={(event) => void props.form.submit(event)}
    >
      <Show when={props.form.restored()}>
        <p class="notice" role="status">
          {t().form.restored}
        </p>
      </Show>
      <ErrorSummary form={props.form} />
      {props.children}
    </form>
  );
}

export function SubmitButton(props: { form: FormState; label: string }) {
  return (
    <div class="form__actions">
      <button type="submit" class="button" aria-disabled={props.form.pending()}>
        {props.form.pending() ? t().form.saving : props.label}
      </button>
    </div>
  );
}

export function ErrorSummary(props: { form: FormState }) {
  const focusField = (event: MouseEvent, id: string) => {
    event.preventDefault();
    const field = document.getElementById(id);
    field?.scrollIntoView({ block: "center" });
    field?.focus();
  };
  return (
    <Show when={props.form.items().length > 0 || props.form.failure() !== undefined}>
      <div class="error-summary" tabindex="-1" ref={props.form.summaryRef}>
        <Show
          when={props.form.items().length > 0}
          fallback={
            <>
              <h2>{t().form.failed}</h2>
              <p>{errorMessage(props.form.failure())}</p>
              <Show
                when={
                  props.form.failure() instanceof ApiError && (props.form.failure() as ApiError).requestId
                }
              >
                {(id) => <p class="muted">{t().states.reference(id())}</p>}
              </Show>
            </>
          }
        >
          <h2>{t().form.summaryTitle(props.form.items().length)}</h2>
          <ul>
            <For each={props.form.items()}>
              {(item) => (
                <li>
                  <Show when={item.id} fallback={item.message}>
                    {(id) => (
                      <a href={`#${id()}`} on:click={(event) => focusField(event, id())}>
                        {item.message}
                      </a>
                    )}
                  </Show>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </div>
    </Show>
  );
}

export interface ControlProps {
  id: string;
  "aria-describedby": string | undefined;
  "aria-invalid": "true" | undefined;
}

/** A labelled form control with its hint and errors, linked through aria-describedby. */
export function Field(props: {
  id: string;
  label: string;
  hint?: string;
  errors?: string[] | undefined;
  optional?: boolean;
  children: (control: ControlProps) => JSX.Element;
}) {
  const hintId = () => `${props.id}-hint`;
  const errorId = () => `${props.id}-error`;
  const invalid = () => (props.errors?.length ?? 0) > 0;
  const control: ControlProps = {
    get id() {
      return props.id;
    },
    get "aria-describedby"() {
      const ids = [props.hint ? hintId() : "", invalid() ? errorId() : ""].filter(Boolean);
      return ids.length ? ids.join(" ") : undefined;
    },
    get "aria-invalid"() {
      return invalid() ? "true" : undefined;
    },
  };
  return (
    <div class="field" classList={{ "field--invalid": invalid() }}>
      <label for={props.id}>
        {props.label}
        <Show when={props.optional}>
          <span class="optional"> ({t().form.optional})</span>
        </Show>
      </label>
      <Show when={props.hint}>
        <p id={hintId()} class="hint">
          {props.hint}
        </p>
      </Show>
      <Show when={invalid()}>
        <ul id={errorId()} class="field-errors">
          <For each={props.errors}>{(error) => <li>{error}</li>}</For>
        </ul>
      </Show>
      {props.children(control)}
    </div>
  );
}

/** A select of a closed list, with a first "Choose…" option. */
export function ChoiceField<D extends object>(props: {
  form: FormFields<D>;
  name: keyof D & string;
  label: string;
  options: readonly { value: string; label: string }[];
  hint?: string;
}) {
  return (
    <Field {...props.form.field(props.name)} label={props.label} hint={props.hint}>
      {(control) => (
        <select {...control} {...props.form.choice(props.name)}>
          <option value="" selected={props.form.draft[props.name] === ""}>
            {t().form.choose}
          </option>
          <For each={props.options}>
            {(option) => (
              <option value={option.value} selected={props.form.draft[props.name] === option.value}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      )}
    </Field>
  );
}

/** A polite live region that is always in the page, so that screen readers announce its changes. */
export function StatusMessage(props: { children?: JSX.Element }) {
  return (
    <div class="status-message" role="status">
      {props.children}
    </div>
  );
}
