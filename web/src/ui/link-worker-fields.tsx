import {
  fundingSources,
  linkWorkerProfiles,
  supervisionFrequencies,
  supervisionTypes,
} from "@maillage/schema";
import { For } from "solid-js";
import { t } from "../i18n";
import { ChoiceField, Field, type FormFields } from "./form";
import { type LinkWorkerDraft, options } from "./link-worker-draft";

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
