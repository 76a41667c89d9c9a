import { type FieldIssue, issuesOf } from "@maillage/schema";
import { createMemo, createSignal, For, type JSX, Show } from "solid-js";
import * as v from "valibot";
import { ApiError } from "../api";
import { t } from "../i18n";
import { translateIssue } from "./issues";
import { errorMessage } from "./states";

export interface Issue extends FieldIssue {
  /** The value the issue is about, when the field holds several (one commune code among many). */
  subject?: string;
}

const fieldOf = (path: string) => path.split(".")[0] ?? "";

/**
 * A form's error state: field issues (client-side validation or the API's `issues`) grouped by field,
 * an error summary that takes focus on a failed submit, and errors that belong to no field.
 */
export function createFormErrors(prefix: string, labels: () => Record<string, string>) {
  const [issues, setIssues] = createSignal<Issue[]>([]);
  const [failure, setFailure] = createSignal<unknown>();
  let summary: HTMLElement | undefined;

  const message = (issue: Issue) => {
    const text = translateIssue(issue.message);
    return issue.subject && !text.includes(issue.subject) ? t().issues.inCommune(issue.subject, text) : text;
  };
  const byField = createMemo(() => {
    const grouped: Record<string, string[]> = {};
    for (const issue of issues()) {
      const field = fieldOf(issue.path);
      grouped[field] = [...(grouped[field] ?? []), message(issue)];
    }
    return grouped;
  });
  const items = createMemo(() =>
    issues().map((issue) => {
      const field = fieldOf(issue.path);
      const label = labels()[field];
      return label
        ? { id: `${prefix}-${field}`, message: t().form.item(label, message(issue)) }
        : { id: undefined, message: message(issue) };
    }),
  );
  const focusSummary = () => queueMicrotask(() => summary?.focus());
  const show = (next: Issue[]) => {
    setFailure(undefined);
    setIssues(next);
    focusSummary();
  };

  return {
    id: (field: string) => `${prefix}-${field}`,
    errors: (field: string) => byField()[field],
    items,
    failure,
    summaryRef: (element: HTMLElement) => {
      summary = element;
    },
    clear() {
      setIssues([]);
      setFailure(undefined);
    },
    show,
    /** Checks input with the shared schema: the parsed value, or undefined with the issues shown. */
    validate<S extends v.GenericSchema>(
      schema: S,
      input: unknown,
      subjectOf?: (path: string) => string | undefined,
    ): v.InferOutput<S> | undefined {
      const result = v.safeParse(schema, input);
      if (!result.success) {
        show(issuesOf(result.issues).map((issue) => ({ ...issue, subject: subjectOf?.(issue.path) })));
        return undefined;
      }
      setIssues([]);
      setFailure(undefined);
      return result.output;
    },
    /** An API failure: field issues go to their fields, anything else to the summary. */
    fail(error: unknown, subjectOf?: (path: string) => string | undefined) {
      if (error instanceof ApiError && error.issues.length > 0) {
        show(error.issues.map((issue) => ({ ...issue, subject: subjectOf?.(issue.path) })));
        return;
      }
      setIssues([]);
      setFailure(error ?? new Error("unknown"));
      focusSummary();
    },
  };
}

export type FormErrors = ReturnType<typeof createFormErrors>;

export function ErrorSummary(props: { form: FormErrors }) {
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

/** A polite live region that is always in the page, so that screen readers announce its changes. */
export function StatusMessage(props: { children?: JSX.Element }) {
  return (
    <div class="status-message" role="status">
      {props.children}
    </div>
  );
}
