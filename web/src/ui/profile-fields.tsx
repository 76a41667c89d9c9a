import { carrierTypes, programmes, type Territory, type TerritoryCreate } from "@maillage/schema";
import { label, t } from "../i18n";
import { ChoiceField, Field, type FormFields } from "./form";

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
export const communeSubject = (draft: ProfileDraft, path: string) => {
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

export function ProfileFields(props: { form: FormFields<ProfileDraft> }) {
  const p = () => t().profile;
  const form = props.form;
  const options = (list: "carrierTypes" | "programmes", values: readonly string[]) =>
    values.map((value) => ({ value, label: label(list, value) }));
  return (
    <>
      <Field {...form.field("name")} label={p().name}>
        {(control) => <input {...control} type="text" autocomplete="off" {...form.text("name")} />}
      </Field>
      <div class="field-row">
        <ChoiceField
          form={form}
          name="carrierType"
          label={p().carrierType}
          options={options("carrierTypes", carrierTypes)}
        />
        <Field {...form.field("carrierName")} label={p().carrierName} optional>
          {(control) => (
            <input {...control} type="text" autocomplete="organization" {...form.text("carrierName")} />
          )}
        </Field>
      </div>
      <Field {...form.field("communes")} label={p().communes} hint={p().communesHint}>
        {(control) => <input {...control} type="text" spellcheck={false} {...form.text("communes")} />}
      </Field>
      <Field {...form.field("population")} label={p().population} hint={p().populationHint}>
        {(control) => (
          <input
            {...control}
            class="input--short"
            type="text"
            inputmode="numeric"
            {...form.text("population")}
          />
        )}
      </Field>
      <Field {...form.field("priorityNeighbourhoods")} label={p().qpv} hint={p().qpvHint} optional>
        {(control) => <textarea {...control} rows={4} {...form.text("priorityNeighbourhoods")} />}
      </Field>
      <ChoiceField
        form={form}
        name="programme"
        label={p().programme}
        options={options("programmes", programmes)}
      />
      <div class="field-row">
        <Field {...form.field("startDate")} label={p().startDate}>
          {(control) => <input {...control} type="date" {...form.text("startDate")} />}
        </Field>
        <Field {...form.field("endDate")} label={p().endDate} hint={p().endDateHint} optional>
          {(control) => <input {...control} type="date" {...form.text("endDate")} />}
        </Field>
      </div>
    </>
  );
}
