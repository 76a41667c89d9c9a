import type { AuditChange } from "@maillage/schema";
import { For, type JSX, Show } from "solid-js";
import { exportUrl, IMPORT_FORMATS, type Importable, type ImportFormat } from "../data/imports";
import { formatDate, formatNumber, label, t } from "../i18n";
import type { DescribeChange, ShownChange } from "./audit";
import { isEmptyValue, showValue } from "./audit";
import type { FormFields } from "./form";

/** A group of checkboxes bound to a list in the draft (accessibility flags, publics…). */
export function CheckboxGroup<D extends object>(props: {
  form: FormFields<D>;
  name: keyof D & string;
  legend: string;
  options: readonly { value: string; label: string }[];
  onChange: (values: string[]) => void;
}) {
  const id = () => props.form.id(props.name);
  const selected = () => (props.form.draft[props.name] as unknown as string[]) ?? [];
  const errors = () => props.form.field(props.name).errors;
  const toggle = (value: string, checked: boolean) => {
    const next = checked ? [...selected(), value] : selected().filter((item) => item !== value);
    // Kept in the list's own order, so that saving the same choices twice changes nothing.
    const order = props.options.map((option) => option.value);
    props.onChange(next.sort((a, b) => order.indexOf(a) - order.indexOf(b)));
  };
  return (
    <fieldset
      class="field checkboxes"
      classList={{ "field--invalid": (errors()?.length ?? 0) > 0 }}
      aria-describedby={errors()?.length ? `${id()}-error` : undefined}
    >
      <legend>
        {props.legend} <span class="optional">({t().form.optional})</span>
      </legend>
      <Show when={errors()?.length}>
        <ul id={`${id()}-error`} class="field-errors">
          <For each={errors()}>{(error) => <li>{error}</li>}</For>
        </ul>
      </Show>
      {/* The summary's link leads to the group's first box. */}
      <div class="checkboxes__list">
        <For each={props.options}>
          {(option, index) => (
            <label class="checkbox">
              <input
                type="checkbox"
                id={index() === 0 ? id() : `${id()}-${option.value}`}
                value={option.value}
                checked={selected().includes(option.value)}
                onChange={(event) => toggle(option.value, event.currentTarget.checked)}
              />{" "}
              {option.label}
            </label>
          )}
        </For>
      </div>
    </fieldset>
  );
}

/** The export links of a list page: one download per format. */
export function Exports(props: { entity: Importable; territoryId: string }) {
  const i = () => t().imports;
  const what = () => (props.entity === "resources" ? i().exportWhatResources : i().exportWhatLinkWorkers);
  const name = (format: ImportFormat) =>
    format === "csv" ? i().exportCsv : format === "xlsx" ? i().exportXlsx : i().exportDataInclusion;
  return (
    <div class="exports">
      <span class="exports__label">{i().exports}</span>
      <ul class="links">
        <For each={IMPORT_FORMATS[props.entity]}>
          {(format) => (
            <li>
              <a
                href={exportUrl(props.entity, props.territoryId, format)}
                download=""
                aria-label={i().exportLabel(what(), name(format))}
              >
                {name(format)}
              </a>
            </li>
          )}
        </For>
      </ul>
    </div>
  );
}

/** A list's "Voir plus", with what it says while the next page comes. */
export function MoreButton(props: { pending: boolean; onClick: () => void }) {
  return (
    <p>
      <button
        type="button"
        class="button button--secondary"
        aria-disabled={props.pending}
        onClick={() => props.onClick()}
      >
        {props.pending ? t().journal.loadingMore : t().journal.more}
      </button>
    </p>
  );
}

/** A version conflict: nothing was saved; the person reloads the current version. */
export function ConflictAlert(props: {
  id: string;
  title: string;
  text: string;
  reload: string;
  onReload: () => void;
  ref?: (element: HTMLDivElement) => void;
}) {
  return (
    <div
      class="alert alert--warning"
      role="alert"
      tabindex="-1"
      ref={props.ref}
      aria-labelledby={`${props.id}-title`}
    >
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p>{props.text}</p>
      <p>
        <button type="button" class="button" onClick={() => props.onReload()}>
          {props.reload}
        </button>
      </p>
    </div>
  );
}

/** A read-only description list of label/value rows. */
export function Summary(props: { rows: { label: string; value: JSX.Element }[] }) {
  return (
    <dl class="summary summary--profile">
      <For each={props.rows}>
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

// --- History: the fields of link workers and resources, as their forms name them -------------------

type Lists = Parameters<typeof label>[0];

function describeWith(
  labels: () => Record<string, string>,
  lists: Record<string, Lists>,
  dates: readonly string[],
): DescribeChange {
  return (change: AuditChange): ShownChange | undefined => {
    const name = labels()[change.field];
    if (!name) return undefined;
    const list = lists[change.field];
    const one = (value: unknown): string => {
      if (list && typeof value === "string") return label(list, value);
      if (dates.includes(change.field) && typeof value === "string") return formatDate(value);
      if (typeof value === "number") return formatNumber(value);
      return showValue(value);
    };
    const shown = (value: unknown) =>
      isEmptyValue(value) ? undefined : Array.isArray(value) ? value.map(one).join(", ") : one(value);
    return { field: change.field, label: name, before: shown(change.before), after: shown(change.after) };
  };
}

export function linkWorkerLabels(): Record<string, string> {
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

export function resourceLabels(): Record<string, string> {
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

export const describeLinkWorkerChange = describeWith(
  linkWorkerLabels,
  {
    profileType: "linkWorkerProfiles",
    fundingSource: "fundingSources",
    supervision: "supervisionTypes",
    supervisionFrequency: "supervisionFrequencies",
  },
  ["trainingDate", "activeFrom", "activeTo"],
);

export const describeResourceChange = describeWith(
  resourceLabels,
  {
    pillar: "pillars",
    category: "resourceCategories",
    accessibility: "accessibilityFlags",
    cost: "costTypes",
    publics: "resourcePublics",
  },
  ["lastVerified"],
);

/** « 0,8 » as French writes it; the API stores 0.8. */
export const formatFte = (fte: number) => formatNumber(fte);
