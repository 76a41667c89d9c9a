import {
  accessibilityFlags,
  categoriesByPillar,
  costTypes,
  type Pillar,
  pillars,
  type Resource,
  type ResourceCreate,
  resourcePublics,
} from "@maillage/schema";
import { createEffect, on, Show } from "solid-js";
import { t } from "../i18n";
import { CheckboxGroup } from "./catalogue";
import { ChoiceField, Field, type FormFields } from "./form";
import { options } from "./link-worker-draft";

/** What the resource form holds: typed text and ticked boxes, turned into the API's shape on submit. */
export interface ResourceDraft {
  pillar: string;
  category: string;
  structureName: string;
  serviceName: string;
  description: string;
  commune: string;
  address: string;
  accessibility: string[];
  cost: string;
  costDetail: string;
  schedule: string;
  capacity: string;
  phone: string;
  email: string;
  website: string;
  publics: string[];
  /** Only when adding one (empty: today); an edit keeps it ("mark as verified" is its own action). */
  lastVerified: string;
  reference: string;
}

export const emptyResource = (): ResourceDraft => ({
  pillar: "",
  category: "",
  structureName: "",
  serviceName: "",
  description: "",
  commune: "",
  address: "",
  accessibility: [],
  cost: "",
  costDetail: "",
  schedule: "",
  capacity: "",
  phone: "",
  email: "",
  website: "",
  publics: [],
  lastVerified: "",
  reference: "",
});

export function resourceDraftOf(resource: Resource): ResourceDraft {
  return {
    pillar: resource.pillar,
    category: resource.category,
    structureName: resource.structureName,
    serviceName: resource.serviceName ?? "",
    description: resource.description ?? "",
    commune: resource.commune,
    address: resource.address ?? "",
    accessibility: [...resource.accessibility],
    cost: resource.cost,
    costDetail: resource.costDetail ?? "",
    schedule: resource.schedule ?? "",
    capacity: resource.capacity === null ? "" : String(resource.capacity),
    phone: resource.phone ?? "",
    email: resource.email ?? "",
    website: resource.website ?? "",
    publics: [...resource.publics],
    lastVerified: resource.lastVerified ?? "",
    reference: resource.reference,
  };
}

const orNull = (text: string) => (text.trim() === "" ? null : text.trim());

function parseCount(text: string): number | null {
  const cleaned = text.replace(/[\s\u202f]/g, "");
  if (cleaned === "") return null;
  return /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
}

/** The draft in the API's shape (without `lastVerified`: an edit keeps it), validated by the schema. */
export function resourceInput(
  draft: ResourceDraft,
): Omit<Record<keyof ResourceCreate, unknown>, "lastVerified"> {
  return {
    pillar: draft.pillar,
    category: draft.category,
    structureName: draft.structureName,
    serviceName: orNull(draft.serviceName),
    description: orNull(draft.description),
    commune: draft.commune.trim().toUpperCase(),
    address: orNull(draft.address),
    accessibility: [...draft.accessibility],
    cost: draft.cost,
    costDetail: orNull(draft.costDetail),
    schedule: orNull(draft.schedule),
    capacity: parseCount(draft.capacity),
    phone: orNull(draft.phone),
    email: orNull(draft.email),
    website: orNull(draft.website),
    publics: [...draft.publics],
    reference: orNull(draft.reference),
  };
}

/** When adding: an empty date means today (the API's default). */
export const newResourceInput = (draft: ResourceDraft) => ({
  ...resourceInput(draft),
  ...(orNull(draft.lastVerified) ? { lastVerified: draft.lastVerified.trim() } : {}),
});

export function resourceFormLabels(): Record<keyof ResourceDraft, string> {
  const r = t().resources;
  return {
    pillar: r.pillar,
    category: r.category,
    structureName: r.structureName,
    serviceName: r.serviceName,
    description: r.description,
    commune: r.commune,
    address: r.address,
    accessibility: r.accessibility,
    cost: r.cost,
    costDetail: r.costDetail,
    schedule: r.schedule,
    capacity: r.capacity,
    phone: r.phone,
    email: r.email,
    website: r.website,
    publics: r.publics,
    lastVerified: r.lastVerified,
    reference: r.reference,
  };
}

/** The categories of a pillar (every category's label when none is chosen yet). */
export const categoriesOf = (pillar: string) =>
  pillar && pillar in categoriesByPillar
    ? options("resourceCategories", categoriesByPillar[pillar as Pillar])
    : [];

/** Sets one field of the draft (the category a new pillar clears, the ticked boxes). */
export type SetField = <K extends keyof ResourceDraft>(field: K, value: ResourceDraft[K]) => void;

export function ResourceFields(props: { form: FormFields<ResourceDraft>; set: SetField; adding?: boolean }) {
  const r = () => t().resources;
  const form = props.form;
  // A category belongs to one pillar: another pillar clears it.
  createEffect(
    on(
      () => form.draft.pillar,
      (pillar) => {
        if (form.draft.category && !categoriesOf(pillar).some((c) => c.value === form.draft.category)) {
          props.set("category", "");
        }
      },
      { defer: true },
    ),
  );
  return (
    <>
      <fieldset class="fieldset">
        <legend>{r().sectionOffer}</legend>
        <div class="field-row">
          <ChoiceField form={form} name="pillar" label={r().pillar} options={options("pillars", pillars)} />
          <ChoiceField
            form={form}
            name="category"
            label={r().category}
            hint={form.draft.pillar ? undefined : r().categoryAfterPillar}
            options={categoriesOf(form.draft.pillar)}
          />
        </div>
        <div class="field-row">
          <Field {...form.field("structureName")} label={r().structureName}>
            {(control) => (
              <input {...control} type="text" autocomplete="organization" {...form.text("structureName")} />
            )}
          </Field>
          <Field {...form.field("serviceName")} label={r().serviceName} hint={r().serviceNameHint} optional>
            {(control) => <input {...control} type="text" {...form.text("serviceName")} />}
          </Field>
        </div>
        <Field {...form.field("description")} label={r().description} optional>
          {(control) => <textarea {...control} rows={4} {...form.text("description")} />}
        </Field>
        <CheckboxGroup
          form={form}
          onChange={(values) => props.set("publics", values)}
          name="publics"
          legend={r().publics}
          options={options("resourcePublics", resourcePublics)}
        />
        <div class="field-row">
          <ChoiceField form={form} name="cost" label={r().cost} options={options("costTypes", costTypes)} />
          <Field {...form.field("costDetail")} label={r().costDetail} hint={r().costDetailHint} optional>
            {(control) => <input {...control} type="text" {...form.text("costDetail")} />}
          </Field>
        </div>
        <div class="field-row">
          <Field {...form.field("schedule")} label={r().schedule} optional>
            {(control) => <input {...control} type="text" {...form.text("schedule")} />}
          </Field>
          <Field {...form.field("capacity")} label={r().capacity} hint={r().capacityHint} optional>
            {(control) => (
              <input
                {...control}
                class="input--short"
                type="text"
                inputmode="numeric"
                {...form.text("capacity")}
              />
            )}
          </Field>
        </div>
      </fieldset>
      <fieldset class="fieldset">
        <legend>{r().sectionPlace}</legend>
        <div class="field-row">
          <Field {...form.field("commune")} label={r().commune} hint={r().communeHint}>
            {(control) => (
              <input
                {...control}
                class="input--short"
                type="text"
                spellcheck={false}
                {...form.text("commune")}
              />
            )}
          </Field>
          <Field {...form.field("address")} label={r().address} optional>
            {(control) => (
              <input {...control} type="text" autocomplete="street-address" {...form.text("address")} />
            )}
          </Field>
        </div>
        <CheckboxGroup
          form={form}
          onChange={(values) => props.set("accessibility", values)}
          name="accessibility"
          legend={r().accessibility}
          options={options("accessibilityFlags", accessibilityFlags)}
        />
      </fieldset>
      <fieldset class="fieldset">
        <legend>{r().sectionContact}</legend>
        <div class="field-row">
          <Field {...form.field("phone")} label={r().phone} hint={r().phoneHint} optional>
            {(control) => <input {...control} type="tel" autocomplete="off" {...form.text("phone")} />}
          </Field>
          <Field {...form.field("email")} label={r().email} optional>
            {(control) => <input {...control} type="email" autocomplete="off" {...form.text("email")} />}
          </Field>
        </div>
        <Field {...form.field("website")} label={r().website} hint={r().websiteHint} optional>
          {(control) => <input {...control} type="url" autocomplete="off" {...form.text("website")} />}
        </Field>
        <div class="field-row">
          <Field {...form.field("reference")} label={r().reference} hint={r().referenceHint} optional>
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
          <Show when={props.adding}>
            <Field
              {...form.field("lastVerified")}
              label={r().lastVerified}
              hint={r().lastVerifiedHint}
              optional
            >
              {(control) => <input {...control} type="date" {...form.text("lastVerified")} />}
            </Field>
          </Show>
        </div>
      </fieldset>
    </>
  );
}
