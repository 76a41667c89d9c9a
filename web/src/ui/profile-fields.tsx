import { carrierTypes, programmes, type Territory, type TerritoryCreate } from "@maillage/schema";
import { For } from "solid-js";
import type { SetStoreFunction } from "solid-js/store";
import { t } from "../i18n";
import { Field, type FormErrors } from "./form";

/** What the profile form holds: the text the person typed, turned into the API's shape on submit. */
export interface ProfileDraft {
  name: string;
  carrierType: string;
  carrierName: string;
  communes: string;
  population: string;
  priorityNeighbourhoods: string;
  programme: string;
  startDate: string;
  endDate: string;
}

export const emptyDraft = (): ProfileDraft => ({
  name: "",
  carrierType: "",
  carrierName: "",
  communes: "",
  population: "",
  priorityNeighbourhoods: "",
  programme: "",
  startDate: "",
  endDate: "",
});

export function draftOf(territory: Territory): ProfileDraft {
  return {
    name: territory.name,
    carrierType: territory.carrierType,
    carrierName: territory.carrierName,
    communes: territory.communes.join(", "),
    population: String(territory.population),
    priorityNeighbourhoods: territory.priorityNeighbourhoods.join("\n"),
    programme: territory.programme,
    startDate: territory.startDate,
    endDate: territory.endDate ?? "",
  };
}

/** "59350, 59299 59368" → ["59350", "59299", "59368"] */
export function splitCodes(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter(Boolean);
}

/**
 * The draft in the API's shape, not yet validated: the shared valibot schema does that, so that
 * the console and the API agree on every rule.
 */
export function profileInput(draft: ProfileDraft): Record<keyof TerritoryCreate, unknown> {
  const population = draft.population.replace(/[\s\u202f]/g, "");
  return {
    name: draft.name,
    carrierType: draft.carrierType,
    carrierName: draft.carrierName,
    communes: splitCodes(draft.communes),
    population: population === "" ? Number.NaN : Number(population),
    priorityNeighbourhoods: draft.priorityNeighbourhoods
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean),
    programme: draft.programme,
    startDate: draft.startDate,
    endDate: draft.endDate.trim() === "" ? null : draft.endDate.trim(),
  };
}

/** The commune code an issue such as "communes.2" is about. */
export const communeSubject = (draft: ProfileDraft) => (path: string) => {
  const [field, index] = path.split(".");
  return field === "communes" && index !== undefined ? splitCodes(draft.communes)[Number(index)] : undefined;
};

export function profileLabels(): Record<keyof ProfileDraft, string> {
  const p = t().profile;
  return {
    name: p.name,
    carrierType: p.carrierType,
    carrierName: p.carrierName,
    communes: p.communes,
    population: p.population,
    priorityNeighbourhoods: p.qpv,
    programme: p.programme,
    startDate: p.startDate,
    endDate: p.endDate,
  };
}

export function ProfileFields(props: {
  draft: ProfileDraft;
  setDraft: SetStoreFunction<ProfileDraft>;
  form: FormErrors;
}) {
  const p = () => t().profile;
  const text = (field: keyof ProfileDraft) => ({
    get value() {
      return props.draft[field];
    },
    onInput: (event: InputEvent & { currentTarget: HTMLInputElement | HTMLTextAreaElement }) =>
      props.setDraft(field, event.currentTarget.value),
  });
  return (
    <>
      <Field id={props.form.id("name")} label={p().name} errors={props.form.errors("name")}>
        {(control) => <input {...control} type="text" autocomplete="off" {...text("name")} />}
      </Field>
      <div class="field-row">
        <Field
          id={props.form.id("carrierType")}
          label={p().carrierType}
          errors={props.form.errors("carrierType")}
        >
          {(control) => (
            <select
              {...control}
              onChange={(event) => props.setDraft("carrierType", event.currentTarget.value)}
            >
              <option value="" selected={props.draft.carrierType === ""}>
                {t().operator.choose}
              </option>
              <For each={carrierTypes}>
                {(type) => (
                  <option value={type} selected={props.draft.carrierType === type}>
                    {t().carrierTypes[type]}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <Field
          id={props.form.id("carrierName")}
          label={p().carrierName}
          errors={props.form.errors("carrierName")}
          optional
        >
          {(control) => (
            <input {...control} type="text" autocomplete="organization" {...text("carrierName")} />
          )}
        </Field>
      </div>
      <Field
        id={props.form.id("communes")}
        label={p().communes}
        hint={p().communesHint}
        errors={props.form.errors("communes")}
      >
        {(control) => <input {...control} type="text" spellcheck={false} {...text("communes")} />}
      </Field>
      <Field
        id={props.form.id("population")}
        label={p().population}
        hint={p().populationHint}
        errors={props.form.errors("population")}
      >
        {(control) => (
          <input {...control} class="input--short" type="text" inputmode="numeric" {...text("population")} />
        )}
      </Field>
      <Field
        id={props.form.id("priorityNeighbourhoods")}
        label={p().qpv}
        hint={p().qpvHint}
        errors={props.form.errors("priorityNeighbourhoods")}
        optional
      >
        {(control) => <textarea {...control} rows={4} {...text("priorityNeighbourhoods")} />}
      </Field>
      <Field id={props.form.id("programme")} label={p().programme} errors={props.form.errors("programme")}>
        {(control) => (
          <select {...control} onChange={(event) => props.setDraft("programme", event.currentTarget.value)}>
            <option value="" selected={props.draft.programme === ""}>
              {t().operator.choose}
            </option>
            <For each={programmes}>
              {(programme) => (
                <option value={programme} selected={props.draft.programme === programme}>
                  {t().programmes[programme]}
                </option>
              )}
            </For>
          </select>
        )}
      </Field>
      <div class="field-row">
        <Field id={props.form.id("startDate")} label={p().startDate} errors={props.form.errors("startDate")}>
          {(control) => <input {...control} type="date" {...text("startDate")} />}
        </Field>
        <Field
          id={props.form.id("endDate")}
          label={p().endDate}
          hint={p().endDateHint}
          errors={props.form.errors("endDate")}
          optional
        >
          {(control) => <input {...control} type="date" {...text("endDate")} />}
        </Field>
      </div>
    </>
  );
}
