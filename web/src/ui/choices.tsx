import { For, type JSX, Show } from "solid-js";

/**
 * A group of radio buttons or checkboxes in a fieldset: the legend names the group, the hint and the
 * errors are linked to each control through aria-describedby, like `Field` does for one control. The
 * first control's id is `${id}` (where the error summary leads), the others `${id}-${value}`.
 */
export function ChoiceGroup(props: {
  id: string;
  legend: string;
  hint?: string;
  errors?: string[] | undefined;
  type: "radio" | "checkbox";
  /** The radio group's name (unique in the page); checkboxes are named by their own id. */
  name?: string;
  options: readonly { value: string; label: string; hint?: string; disabled?: boolean }[];
  checked: (value: string) => boolean;
  onChange: (value: string, checked: boolean) => void;
  /** Below the options (an extra text control of the same group). */
  children?: JSX.Element;
  optionalText?: string;
}) {
  const hintId = () => `${props.id}-hint`;
  const errorId = () => `${props.id}-error`;
  const invalid = () => (props.errors?.length ?? 0) > 0;
  const describedBy = (optionHint: boolean, value: string) => {
    const ids = [
      props.hint ? hintId() : "",
      invalid() ? errorId() : "",
      optionHint ? `${controlId(value)}-hint` : "",
    ].filter(Boolean);
    return ids.length ? ids.join(" ") : undefined;
  };
  const first = () => props.options[0]?.value;
  const controlId = (value: string) => (value === first() ? props.id : `${props.id}-${value}`);
  return (
    <fieldset class="field choices" classList={{ "field--invalid": invalid() }}>
      <legend>
        {props.legend}
        <Show when={props.optionalText}>
          <span class="optional"> ({props.optionalText})</span>
        </Show>
      </legend>
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
      <ul class="choices__list">
        <For each={props.options}>
          {(option) => (
            <li class="choices__item">
              <input
                id={controlId(option.value)}
                type={props.type}
                name={props.name ?? controlId(option.value)}
                value={option.value}
                checked={props.checked(option.value)}
                disabled={option.disabled}
                aria-describedby={describedBy(option.hint !== undefined, option.value)}
                aria-invalid={invalid() ? "true" : undefined}
                onChange={(event) => props.onChange(option.value, event.currentTarget.checked)}
              />
              <label for={controlId(option.value)}>
                {option.label}
                <Show when={option.hint}>
                  <span id={`${controlId(option.value)}-hint`} class="hint choices__hint">
                    {option.hint}
                  </span>
                </Show>
              </label>
            </li>
          )}
        </For>
      </ul>
      {props.children}
    </fieldset>
  );
}

/** One checkbox with its label (a yes/no of its own). */
export function Checkbox(props: {
  id: string;
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
}) {
  return (
    <div class="field choices__item">
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        aria-describedby={props.hint ? `${props.id}-hint` : undefined}
        onChange={(event) => props.onChange(event.currentTarget.checked)}
      />
      <label for={props.id}>
        {props.label}
        <Show when={props.hint}>
          <span id={`${props.id}-hint`} class="hint choices__hint">
            {props.hint}
          </span>
        </Show>
      </label>
    </div>
  );
}
