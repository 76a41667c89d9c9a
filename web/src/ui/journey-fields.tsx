import {
  ageBands,
  distressLevels,
  precarityMarkers,
  sexes,
  targetGroups,
  tracks,
  triStates,
} from "@maillage/schema";
import { For, Show } from "solid-js";
import { ApiError } from "../api";
import { t } from "../i18n";
import { ChoiceGroup } from "./choices";
import { Field } from "./form";
import { options } from "./link-worker-draft";

/**
 * What the journey forms share: controls bound to a nested path of a draft (`person.commune`,
 * `goals.2.label`), where the API's issues land too, the person's coded attributes, and the API's
 * issue paths brought back to the form's own.
 */

/** A select of a closed list (or of given options), with a first "Choose…" option. */
export function SelectField(props: {
  id: string;
  label: string;
  value: string;
  options: readonly { value: string; label: string }[];
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  hint?: string;
  /** The first option's text, for an empty value that means something ("Not assigned"). */
  empty?: string;
  optional?: boolean;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      errors={props.errors}
      optional={props.optional}
    >
      {(control) => (
        <select {...control} onChange={(event) => props.onChange(event.currentTarget.value)}>
          <option value="" selected={props.value === ""}>
            {props.empty ?? t().form.choose}
          </option>
          <For each={props.options}>
            {(option) => (
              <option value={option.value} selected={props.value === option.value}>
                {option.label}
              </option>
            )}
          </For>
        </select>
      )}
    </Field>
  );
}

/** A text, date or number-as-text input. */
export function InputField(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  errors?: string[] | undefined;
  hint?: string;
  type?: "text" | "date";
  inputmode?: "numeric" | "text";
  short?: boolean;
  optional?: boolean;
}) {
  return (
    <Field
      id={props.id}
      label={props.label}
      hint={props.hint}
      errors={props.errors}
      optional={props.optional}
    >
      {(control) => (
        <input
          {...control}
          type={props.type ?? "text"}
          class={props.short ? "input--short" : undefined}
          inputmode={props.inputmode}
          spellcheck={false}
          autocomplete="off"
          value={props.value}
          onInput={(event) => props.onInput(event.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/** Checkboxes bound to a list of codes, kept in the list's own order. */
export function CodesField(props: {
  id: string;
  legend: string;
  values: readonly string[];
  options: readonly { value: string; label: string }[];
  onChange: (values: string[]) => void;
  errors?: string[] | undefined;
  hint?: string;
  optional?: boolean;
}) {
  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...props.values, value] : props.values.filter((item) => item !== value);
    const order = props.options.map((option) => option.value);
    props.onChange([...new Set(next)].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  };
  return (
    <ChoiceGroup
      id={props.id}
      legend={props.legend}
      hint={props.hint}
      errors={props.errors}
      type="checkbox"
      options={props.options}
      checked={(value) => props.values.includes(value)}
      onChange={toggle}
      optionalText={props.optional ? t().form.optional : undefined}
    />
  );
}

/** One checkbox bound to a boolean of the draft. */
export function FlagField(props: {
  id: string;
  label: string;
  hint?: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
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

// --- The person ---------------------------------------------------------------------------------------

/** The person's coded attributes as the form holds them ("" until chosen). */
export interface PersonDraft {
  ageBand: string;
  sex: string;
  commune: string;
  qpv: string;
  precarity: string[];
  livesAlone: string;
  chronicCondition: string;
  psychiatricComorbidity: string;
  distress: string;
  targetGroups: string[];
}

/** Yes / no / not known are recorded only if the person says: "not known" until they do. */
export const emptyPerson = (): PersonDraft => ({
  ageBand: "",
  sex: "",
  commune: "",
  qpv: "unknown",
  precarity: [],
  livesAlone: "unknown",
  chronicCondition: "unknown",
  psychiatricComorbidity: "unknown",
  distress: "unknown",
  targetGroups: [],
});

export function personDraftOf(person: {
  ageBand: string;
  sex: string;
  commune: string | null;
  qpv: string;
  precarity: string[];
  livesAlone: string;
  chronicCondition: string;
  psychiatricComorbidity: string;
  distress: string;
  targetGroups: string[];
}): PersonDraft {
  // Plain copies: the journey comes from the query's store, whose lists a form's draft cannot clone.
  return {
    ...person,
    commune: person.commune ?? "",
    precarity: [...person.precarity],
    targetGroups: [...person.targetGroups],
  };
}

/** The draft in the API's shape (the shared schema checks it). */
export function personInput(draft: PersonDraft) {
  const commune = draft.commune.trim().toUpperCase();
  return { ...draft, commune: commune === "" ? null : commune };
}

const TRI_STATES = ["qpv", "livesAlone", "chronicCondition", "psychiatricComorbidity"] as const;

/** The person's fields' labels, by the key of each attribute. */
export function personLabels(): Record<keyof PersonDraft, string> {
  const j = t().journeys;
  return {
    ageBand: j.ageBand,
    sex: j.sex,
    commune: j.commune,
    qpv: j.qpv,
    precarity: j.precarity,
    livesAlone: j.livesAlone,
    chronicCondition: j.chronicCondition,
    psychiatricComorbidity: j.psychiatricComorbidity,
    distress: j.distress,
    targetGroups: j.targetGroups,
  };
}

/** The controls of the person's attributes, at `${prefix}-person-<key>`, their errors at `person.<key>`. */
export function PersonFields(props: {
  prefix: string;
  person: PersonDraft;
  set: <K extends keyof PersonDraft>(key: K, value: PersonDraft[K]) => void;
  errors: (path: string) => string[] | undefined;
}) {
  const j = () => t().journeys;
  const id = (key: keyof PersonDraft) => `${props.prefix}-person-${key}`;
  const errors = (key: keyof PersonDraft) => props.errors(`person.${key}`);
  const triLabels = () => personLabels();
  return (
    <fieldset class="fieldset">
      <legend>{j().sectionPerson}</legend>
      <p class="hint">{j().personHint}</p>
      <div class="field-row">
        <SelectField
          id={id("ageBand")}
          label={j().ageBand}
          value={props.person.ageBand}
          options={options("ageBands", ageBands)}
          onChange={(value) => props.set("ageBand", value)}
          errors={errors("ageBand")}
        />
        <SelectField
          id={id("sex")}
          label={j().sex}
          value={props.person.sex}
          options={options("sexes", sexes)}
          onChange={(value) => props.set("sex", value)}
          errors={errors("sex")}
        />
      </div>
      <InputField
        id={id("commune")}
        label={j().commune}
        hint={j().communeHint}
        value={props.person.commune}
        onInput={(value) => props.set("commune", value)}
        errors={errors("commune")}
        short
        optional
      />
      <div class="field-row">
        <For each={TRI_STATES}>
          {(key) => (
            <SelectField
              id={id(key)}
              label={triLabels()[key]}
              value={props.person[key]}
              options={options("triStates", triStates)}
              onChange={(value) => props.set(key, value)}
              errors={errors(key)}
            />
          )}
        </For>
        <SelectField
          id={id("distress")}
          label={j().distress}
          value={props.person.distress}
          options={options("distressLevels", distressLevels)}
          onChange={(value) => props.set("distress", value)}
          errors={errors("distress")}
        />
      </div>
      <CodesField
        id={id("precarity")}
        legend={j().precarity}
        values={props.person.precarity}
        options={options("precarityMarkers", precarityMarkers)}
        onChange={(values) => props.set("precarity", values)}
        errors={errors("precarity")}
        optional
      />
      <CodesField
        id={id("targetGroups")}
        legend={j().targetGroups}
        values={props.person.targetGroups}
        options={options("targetGroups", targetGroups)}
        onChange={(values) => props.set("targetGroups", values)}
        errors={errors("targetGroups")}
        optional
      />
    </fieldset>
  );
}

/** The track: proposed by the server from the pathway's integrated track when `allowProposed`. */
export function TrackField(props: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  errors?: string[] | undefined;
  allowProposed?: boolean;
}) {
  const j = () => t().journeys;
  return (
    <SelectField
      id={props.id}
      label={j().track}
      hint={props.allowProposed ? j().trackHint : undefined}
      value={props.value}
      options={options("tracks", tracks)}
      empty={props.allowProposed ? j().trackProposed : undefined}
      onChange={props.onChange}
      errors={props.errors}
    />
  );
}

/** Where a `person.<key>` issue lands: its control, named by its label. */
export function locatePerson(prefix: string, path: string): { id: string; label: string } | undefined {
  const [head, key] = path.split(".");
  if (head !== "person" || !key) return undefined;
  const label = (personLabels() as Record<string, string>)[key];
  return label ? { id: `${prefix}-person-${key}`, label } : undefined;
}

/**
 * The API reports an added event's or measure's issues under `event.` / `measure.` (what was sent):
 * the form's own paths have no prefix.
 */
export function withoutPrefix(error: unknown, prefix: string): unknown {
  if (!(error instanceof ApiError) || error.issues.length === 0) return error;
  const issues = error.issues.map((issue) =>
    issue.path.startsWith(`${prefix}.`) ? { ...issue, path: issue.path.slice(prefix.length + 1) } : issue,
  );
  return new ApiError(error.status, error.code, error.message, error.requestId, issues, error.current);
}
