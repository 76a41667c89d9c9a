import {
  type EnumName,
  fundingSources,
  type LinkWorker,
  type LinkWorkerCreate,
  linkWorkerProfiles,
  supervisionFrequencies,
  supervisionTypes,
} from "@maillage/schema";
import { For } from "solid-js";
import { label, t } from "../i18n";
import { ChoiceField, Field, type FormFields } from "./form";
import { splitCodes } from "./profile-fields";

/** What the link worker form holds: the text the person typed, turned into the API's shape on submit. */
export interface LinkWorkerDraft {
  name: string;
  reference: string;
  profileType: string;
  employer: string;
  fte: string;
  fundingSource: string;
  fundingDetail: string;
  /** "yes" | "no" | "" (not chosen yet). */
  communityHealthTraining: string;
  trainingName: string;
  trainingDate: string;
  supervision: string;
  supervisionFrequency: string;
  caseloadCapacity: string;
  languages: string;
  communes: string;
  activeFrom: string;
  activeTo: string;
  userId: string;
}

export const emptyLinkWorker = (): LinkWorkerDraft => ({
  name: "",
  reference: "",
  profileType: "",
  employer: "",
  fte: "",
  fundingSource: "",
  fundingDetail: "",
  communityHealthTraining: "",
  trainingName: "",
  trainingDate: "",
  supervision: "",
  supervisionFrequency: "",
  caseloadCapacity: "",
  languages: "",
  communes: "",
  activeFrom: "",
  activeTo: "",
  userId: "",
});

/** A decimal as French writes it (0,8) or as the API does (0.8). */
const decimalText = (value: number) => String(value).replace(".", ",");

export function linkWorkerDraftOf(worker: LinkWorker): LinkWorkerDraft {
  return {
    name: worker.name,
    reference: worker.reference,
    profileType: worker.profileType,
    employer: worker.employer,
    fte: decimalText(worker.fte),
    fundingSource: worker.fundingSource,
    fundingDetail: worker.fundingDetail ?? "",
    communityHealthTraining: worker.communityHealthTraining ? "yes" : "no",
    trainingName: worker.trainingName ?? "",
    trainingDate: worker.trainingDate ?? "",
    supervision: worker.supervision,
    supervisionFrequency: worker.supervisionFrequency ?? "",
    caseloadCapacity: worker.caseloadCapacity === null ? "" : String(worker.caseloadCapacity),
    languages: worker.languages.join(", "),
    communes: worker.communes.join(", "),
    activeFrom: worker.activeFrom ?? "",
    activeTo: worker.activeTo ?? "",
    userId: worker.userId ?? "",
  };
}

const blank = (text: string) => text.trim() === "";
const orNull = (text: string) => (blank(text) ? null : text.trim());

/** "0,8" or "0.8" → 0.8; anything else → NaN, which the schema reports with its own message. */
export function parseDecimal(text: string): number {
  const cleaned = text.replace(/[\s\u202f]/g, "").replace(",", ".");
  return /^\d+(\.\d+)?$|^\.\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

function parseCount(text: string): number | null {
  const cleaned = text.replace(/[\s\u202f]/g, "");
  if (cleaned === "") return null;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

const splitLanguages = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim().toLowerCase())
    .filter(Boolean);

/**
 * The draft in the API's shape, not yet validated: the shared valibot schema does that, so that the
 * console and the API agree on every rule (and report them all in one pass).
 */
export function linkWorkerInput(draft: LinkWorkerDraft): Record<keyof LinkWorkerCreate, unknown> {
  return {
    name: draft.name,
    reference: orNull(draft.reference),
    profileType: draft.profileType,
    employer: draft.employer,
    fte: parseDecimal(draft.fte),
    fundingSource: draft.fundingSource,
    fundingDetail: orNull(draft.fundingDetail),
    communityHealthTraining:
      draft.communityHealthTraining === "yes"
        ? true
        : draft.communityHealthTraining === "no"
          ? false
          : undefined,
    trainingName: orNull(draft.trainingName),
    trainingDate: orNull(draft.trainingDate),
    supervision: draft.supervision,
    supervisionFrequency: orNull(draft.supervisionFrequency),
    caseloadCapacity: parseCount(draft.caseloadCapacity),
    languages: splitLanguages(draft.languages),
    communes: splitCodes(draft.communes),
    activeFrom: orNull(draft.activeFrom),
    activeTo: orNull(draft.activeTo),
    userId: orNull(draft.userId),
  };
}

/** The value an issue such as "communes.2" or "languages.0" is about. */
export const linkWorkerSubject = (draft: LinkWorkerDraft, path: string) => {
  const [field, index] = path.split(".");
  if (index === undefined) return undefined;
  if (field === "communes") return splitCodes(draft.communes)[Number(index)];
  if (field === "languages") return splitLanguages(draft.languages)[Number(index)];
  return undefined;
};

export function linkWorkerFormLabels(): Record<keyof LinkWorkerDraft, string> {
  const l = t().linkWorkers;
  return {
    name: l.name,
    reference: l.reference,
    profileType: l.profileType,
    employer: l.employer,
    fte: l.fte,
    fundingSource: l.fundingSource,
    fundingDetail: l.fundingDetail,
    communityHealthTraining: l.communityHealthTraining,
    trainingName: l.trainingName,
    trainingDate: l.trainingDate,
    supervision: l.supervision,
    supervisionFrequency: l.supervisionFrequency,
    caseloadCapacity: l.caseloadCapacity,
    languages: l.languages,
    communes: l.communes,
    activeFrom: l.activeFrom,
    activeTo: l.activeTo,
    userId: l.user,
  };
}

export const options = (list: EnumName, values: readonly string[]) =>
  values.map((value) => ({ value, label: label(list, value) }));

export interface LinkablePerson {
  id: string;
  displayName: string;
}

export function LinkWorkerFields(props: {
  form: FormFields<LinkWorkerDraft>;
  /** The territory's members with the link_worker role. */
  people: readonly LinkablePerson[];
  /** The linked person's name when they are no longer among the members. */
  linkedName?: string | null;
}) {
  const l = () => t().linkWorkers;
  const form = props.form;
  const people = () => {
    const current = form.draft.userId;
    if (!current || props.people.some((person) => person.id === current)) return props.people;
    return [...props.people, { id: current, displayName: props.linkedName ?? l().formerMember }];
  };
  return (
    <>
      <fieldset class="fieldset">
        <legend>{l().sectionIdentity}</legend>
        <div class="field-row">
          <Field {...form.field("name")} label={l().name}>
            {(control) => <input {...control} type="text" autocomplete="off" {...form.text("name")} />}
          </Field>
          <Field {...form.field("reference")} label={l().reference} hint={l().referenceHint} optional>
            {(control) => (
              <input
                {...control}
                class="input--short"
                type="text"
                spellcheck={false}
                {...form.text("reference")}
              />
            )}
          </Field>
        </div>
        <div class="field-row">
          <ChoiceField
            form={form}
            name="profileType"
            label={l().profileType}
            options={options("linkWorkerProfiles", linkWorkerProfiles)}
          />
          <Field {...form.field("employer")} label={l().employer}>
            {(control) => (
              <input {...control} type="text" autocomplete="organization" {...form.text("employer")} />
            )}
          </Field>
        </div>
        <Field {...form.field("fte")} label={l().fte} hint={l().fteHint}>
          {(control) => (
            <input {...control} class="input--short" type="text" inputmode="decimal" {...form.text("fte")} />
          )}
        </Field>
        <div class="field-row">
          <ChoiceField
            form={form}
            name="fundingSource"
            label={l().fundingSource}
            options={options("fundingSources", fundingSources)}
          />
          <Field
            {...form.field("fundingDetail")}
            label={l().fundingDetail}
            hint={l().fundingDetailHint}
            optional
          >
            {(control) => <input {...control} type="text" {...form.text("fundingDetail")} />}
          </Field>
        </div>
        <Field {...form.field("userId")} label={l().user} hint={l().userHint} optional>
          {(control) => (
            <select {...control} {...form.choice("userId")}>
              <option value="" selected={form.draft.userId === ""}>
                {l().noUser}
              </option>
              <For each={people()}>
                {(person) => (
                  <option value={person.id} selected={form.draft.userId === person.id}>
                    {person.displayName}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{l().sectionTraining}</legend>
        <ChoiceField
          form={form}
          name="communityHealthTraining"
          label={l().communityHealthTraining}
          options={[
            { value: "yes", label: t().app.yes },
            { value: "no", label: t().app.no },
          ]}
        />
        <div class="field-row">
          <Field {...form.field("trainingName")} label={l().trainingName} hint={l().trainingHint} optional>
            {(control) => <input {...control} type="text" {...form.text("trainingName")} />}
          </Field>
          <Field {...form.field("trainingDate")} label={l().trainingDate} hint={l().trainingHint} optional>
            {(control) => <input {...control} type="date" {...form.text("trainingDate")} />}
          </Field>
        </div>
        <div class="field-row">
          <ChoiceField
            form={form}
            name="supervision"
            label={l().supervision}
            options={options("supervisionTypes", supervisionTypes)}
          />
          <Field
            {...form.field("supervisionFrequency")}
            label={l().supervisionFrequency}
            hint={l().supervisionFrequencyHint}
            optional
          >
            {(control) => (
              <select {...control} {...form.choice("supervisionFrequency")}>
                <option value="" selected={form.draft.supervisionFrequency === ""}>
                  {t().app.notProvided}
                </option>
                <For each={options("supervisionFrequencies", supervisionFrequencies)}>
                  {(option) => (
                    <option value={option.value} selected={form.draft.supervisionFrequency === option.value}>
                      {option.label}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{l().sectionActivity}</legend>
        <Field
          {...form.field("caseloadCapacity")}
          label={l().caseloadCapacity}
          hint={l().caseloadCapacityHint}
          optional
        >
          {(control) => (
            <input
              {...control}
              class="input--short"
              type="text"
              inputmode="numeric"
              {...form.text("caseloadCapacity")}
            />
          )}
        </Field>
        <Field {...form.field("languages")} label={l().languages} hint={l().languagesHint} optional>
          {(control) => <input {...control} type="text" spellcheck={false} {...form.text("languages")} />}
        </Field>
        <Field {...form.field("communes")} label={l().communes} hint={l().communesHint} optional>
          {(control) => <input {...control} type="text" spellcheck={false} {...form.text("communes")} />}
        </Field>
        <div class="field-row">
          <Field {...form.field("activeFrom")} label={l().activeFrom} optional>
            {(control) => <input {...control} type="date" {...form.text("activeFrom")} />}
          </Field>
          <Field {...form.field("activeTo")} label={l().activeTo} hint={l().activeToHint} optional>
            {(control) => <input {...control} type="date" {...form.text("activeTo")} />}
          </Field>
        </div>
      </fieldset>
    </>
  );
}
