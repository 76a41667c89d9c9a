import type { AuditChange, PartnerScheme, Pathway, ReferralRoute, TrackOverride } from "@maillage/schema";
import { For, Show } from "solid-js";
import { label, t } from "../i18n";
import { type DescribeChange, isEmptyValue, type ShownChange, showValue } from "./audit";

/** What the pathway pages and the pathway's history share: how its values read. */

export const measureLabel = (code: string) =>
  code.startsWith("custom:") ? code.slice("custom:".length) : label("measures", code);

export const delayText = (days: number | null) =>
  days === null ? t().pathway.noDelay : t().pathway.days(days);
export const durationText = (minutes: number | null) =>
  minutes === null ? t().pathway.noDuration : t().pathway.minutes(minutes);

/** A partner scheme's name, by id (retired ones said so). */
export function schemeName(schemes: readonly PartnerScheme[] | undefined, id: string): string {
  const scheme = schemes?.find((s) => s.id === id);
  if (!scheme) return t().pathway.unknownScheme;
  return scheme.retired ? t().pathway.schemeRetired(scheme.name) : scheme.name;
}

/** The pathway as read by those who cannot edit it: continuity model, steps, integrated track. */
export function PathwayView(props: { pathway: Pathway; schemes: readonly PartnerScheme[] | undefined }) {
  const p = () => t().pathway;
  const stepName = (id: string) => props.pathway.steps.find((step) => step.id === id)?.name ?? id;
  return (
    <div class="pathway-view">
      <section class="panel" aria-labelledby="pathway-view-model">
        <h2 id="pathway-view-model">{p().continuity}</h2>
        <p>
          <strong>{label("continuityModels", props.pathway.continuityModel)}</strong>
        </p>
        <p class="muted">{p().continuityHelp[props.pathway.continuityModel]}</p>
      </section>
      <section class="panel" aria-labelledby="pathway-view-steps">
        <h2 id="pathway-view-steps">{p().steps}</h2>
        <ol class="steps-view">
          <For each={props.pathway.steps}>
            {(step) => (
              <li class="steps-view__step">
                <h3>
                  {step.name}
                  <Show when={step.retired}>
                    {" "}
                    <span class="tag tag--revoked">{p().retiredTag}</span>
                  </Show>
                </h3>
                <Show when={step.description}>
                  <p>{step.description}</p>
                </Show>
                <dl class="summary">
                  <div>
                    <dt>{p().actor}</dt>
                    <dd>{label("stepActorTypes", step.responsibleActor)}</dd>
                  </div>
                  <div>
                    <dt>{p().fields.targetDelayDays}</dt>
                    <dd>{delayText(step.targetDelayDays)}</dd>
                  </div>
                  <div>
                    <dt>{p().fields.expectedDurationMinutes}</dt>
                    <dd>{durationText(step.expectedDurationMinutes)}</dd>
                  </div>
                  <div>
                    <dt>{p().instruments}</dt>
                    <dd>
                      {step.instruments.length > 0
                        ? step.instruments.map(measureLabel).join(", ")
                        : p().noInstrument}
                    </dd>
                  </div>
                </dl>
              </li>
            )}
          </For>
        </ol>
      </section>
      <section class="panel" aria-labelledby="pathway-view-track">
        <h2 id="pathway-view-track">{p().track}</h2>
        <Show when={props.pathway.integratedTrack} fallback={<p class="muted">{p().trackNone}</p>}>
          {(track) => (
            <>
              <h3>{track().name}</h3>
              <Show when={track().description}>
                <p>{track().description}</p>
              </Show>
              <dl class="summary">
                <div>
                  <dt>{p().markers}</dt>
                  <dd>
                    {track()
                      .markers.map((m) => label("vulnerabilityMarkers", m))
                      .join(", ")}
                  </dd>
                </div>
                <div>
                  <dt>{p().markerRule}</dt>
                  <dd>{label("markerRules", track().markerRule)}</dd>
                </div>
              </dl>
              <Show when={track().overrides.length > 0}>
                <h3>{p().overrides}</h3>
                <ul class="overrides-view">
                  <For each={track().overrides}>
                    {(override) => (
                      <li>
                        <strong>{p().overrideOf(stepName(override.stepId))}</strong>
                        <OverrideSummary override={override} schemes={props.schemes} />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </section>
    </div>
  );
}

function OverrideSummary(props: { override: TrackOverride; schemes: readonly PartnerScheme[] | undefined }) {
  const p = () => t().pathway;
  return (
    <dl class="summary">
      <div>
        <dt>{p().actor}</dt>
        <dd>
          {props.override.responsibleActor
            ? label("stepActorTypes", props.override.responsibleActor)
            : p().asMain}
        </dd>
      </div>
      <div>
        <dt>{p().fields.targetDelayDays}</dt>
        <dd>
          {props.override.targetDelayDays === null ? p().asMain : delayText(props.override.targetDelayDays)}
        </dd>
      </div>
      <div>
        <dt>{p().fields.expectedDurationMinutes}</dt>
        <dd>
          {props.override.expectedDurationMinutes === null
            ? p().asMain
            : durationText(props.override.expectedDurationMinutes)}
        </dd>
      </div>
      <Show when={props.override.partnerSchemeIds.length > 0}>
        <div>
          <dt>{p().overrideSchemes}</dt>
          <dd>{props.override.partnerSchemeIds.map((id) => schemeName(props.schemes, id)).join(", ")}</dd>
        </div>
      </Show>
      <Show when={props.override.note}>
        <div>
          <dt>{p().overrideNote}</dt>
          <dd>{props.override.note}</dd>
        </div>
      </Show>
    </dl>
  );
}

// --- The pathway's history ---------------------------------------------------------------------------

type Value = (value: unknown) => string;

/**
 * The pathway's audit fields (`steps.<stepId>.<field>`, `integratedTrack.overrides.<stepId>…`, see
 * packages/core/src/pathway.ts) named with the steps' and schemes' names, values with their labels.
 */
export function describePathwayChange(
  pathway: Pathway | undefined,
  schemes: readonly PartnerScheme[] | undefined,
): DescribeChange {
  const p = () => t().pathway;
  const stepName = (id: string, fallback?: unknown) =>
    pathway?.steps.find((step) => step.id === id)?.name ??
    (typeof fallback === "string" ? fallback : p().unknownStep);
  const values: Record<string, Value> = {
    continuityModel: (v) => label("continuityModels", String(v)),
    responsibleActor: (v) => label("stepActorTypes", String(v)),
    targetDelayDays: (v) => (typeof v === "number" ? p().days(v) : showValue(v)),
    expectedDurationMinutes: (v) => (typeof v === "number" ? p().minutes(v) : showValue(v)),
    instruments: (v) => (Array.isArray(v) ? v.map((code) => measureLabel(String(code))).join(", ") : ""),
    markers: (v) =>
      Array.isArray(v) ? v.map((m) => label("vulnerabilityMarkers", String(m))).join(", ") : "",
    markerRule: (v) => label("markerRules", String(v)),
    partnerSchemeIds: (v) =>
      Array.isArray(v) ? v.map((id) => schemeName(schemes, String(id))).join(", ") : "",
    order: (v) => (Array.isArray(v) ? v.map(String).join(", ") : showValue(v)),
    overrides: (v) =>
      Array.isArray(v)
        ? v
            .map((override: { stepId?: unknown }) => {
              const fields = whole(override);
              return `${p().historyStep(stepName(String(override.stepId)))}${fields ? ` (${fields})` : ""}`;
            })
            .join(" ; ")
        : showValue(v),
  };
  const format = (field: string, value: unknown) =>
    isEmptyValue(value) ? undefined : (values[field] ?? showValue)(value);
  const fieldName = (field: string) => p().fields[field] ?? field;
  /** A whole step or override, added or removed: its fields in one line. */
  function whole(value: unknown): string | undefined {
    if (!value || typeof value !== "object") return undefined;
    const record = value as Record<string, unknown>;
    return Object.entries(record)
      .filter(
        ([field, v]) => field !== "stepId" && field !== "name" && field !== "retired" && !isEmptyValue(v),
      )
      .map(([field, v]) => `${fieldName(field)} : ${format(field, v)}`)
      .join(" · ");
  }
  const shown = (
    field: string,
    label: string,
    before: unknown,
    after: unknown,
    key = field,
  ): ShownChange => ({
    field,
    label,
    before: format(key, before),
    after: format(key, after),
  });

  return (change: AuditChange) => {
    const { field, before, after } = change;
    if (field === "continuityModel") return shown(field, fieldName(field), before, after);
    if (field === "steps.order") return shown(field, fieldName("order"), before, after, "order");
    let match = /^steps\.([^.]+)$/.exec(field);
    if (match) {
      const name = (after as { name?: unknown } | null)?.name;
      return {
        field,
        label: p().historyNewStep(stepName(match[1] ?? "", name)),
        before: undefined,
        after: whole(after),
      };
    }
    match = /^steps\.([^.]+)\.(\w+)$/.exec(field);
    if (match) {
      const [, stepId = "", key = ""] = match;
      return shown(field, `${p().historyStep(stepName(stepId))} · ${fieldName(key)}`, before, after, key);
    }
    if (field === "integratedTrack") {
      const name = (value: unknown) =>
        value && typeof value === "object"
          ? `${(value as { name?: string }).name ?? ""} — ${whole(value)}`
          : undefined;
      return { field, label: p().historyTrack, before: name(before), after: name(after) };
    }
    match = /^integratedTrack\.(\w+)$/.exec(field);
    if (match) {
      const key = match[1] ?? "";
      return shown(field, `${p().historyTrack} · ${fieldName(key)}`, before, after, key);
    }
    match = /^integratedTrack\.overrides\.([^.]+)$/.exec(field);
    if (match) {
      return {
        field,
        label: p().historyOverride(stepName(match[1] ?? "")),
        before: whole(before),
        after: whole(after),
      };
    }
    match = /^integratedTrack\.overrides\.([^.]+)\.(\w+)$/.exec(field);
    if (match) {
      const [, stepId = "", key = ""] = match;
      return shown(field, `${p().historyOverride(stepName(stepId))} · ${fieldName(key)}`, before, after, key);
    }
    return undefined;
  };
}

/** A route's name: its kind, or its professional type ("Infirmier·ère"), or what the lead typed for "other". */
export function routeName(route: Pick<ReferralRoute, "kind" | "professionalType" | "label">): string {
  if (route.professionalType === "other" && route.label.trim()) return route.label.trim();
  if (route.professionalType) return label("healthProfessionalTypes", route.professionalType);
  return label("referralRouteKinds", route.kind);
}

/** `routes.<key>.<field>` (key `gp`, `health_professional:nurse`) and `targetGroups.<group>.<field>`. */
export const describeReferralChange: DescribeChange = (change: AuditChange) => {
  const r = t().referrals;
  const value = (v: unknown) => (isEmptyValue(v) ? undefined : showValue(v));
  const route = /^routes\.([^.]+)\.(\w+)$/.exec(change.field);
  if (route) {
    const [kind = "", professionalType = null] = (route[1] ?? "").split(":");
    const name = routeName({
      kind: kind as ReferralRoute["kind"],
      professionalType: professionalType as never,
      label: "",
    });
    return {
      field: change.field,
      label: `${r.historyRoute(name)} · ${r.fields[route[2] ?? ""] ?? route[2]}`,
      before: value(change.before),
      after: value(change.after),
    };
  }
  const group = /^targetGroups\.([^.]+)\.(\w+)$/.exec(change.field);
  if (group) {
    return {
      field: change.field,
      label: `${r.historyGroup(label("targetGroups", group[1] ?? ""))} · ${r.fields[group[2] ?? ""] ?? group[2]}`,
      before: value(change.before),
      after: value(change.after),
    };
  }
  return undefined;
};

/** A partner scheme's fields (`contact.phone`…), its kind by its label. */
export const describeSchemeChange: DescribeChange = (change: AuditChange) => {
  const field = t().schemes.fields[change.field];
  if (!field) return undefined;
  const value = (v: unknown) =>
    isEmptyValue(v)
      ? undefined
      : change.field === "kind"
        ? label("partnerSchemeKinds", String(v))
        : showValue(v);
  return { field: change.field, label: field, before: value(change.before), after: value(change.after) };
};

/**
 * The configuration's entries in the journal: each by its record's kind (pathway, referral settings,
 * partner scheme), the others left to the journal's own labels.
 */
export function describeConfigurationChange(
  pathway: Pathway | undefined,
  schemes: readonly PartnerScheme[] | undefined,
): DescribeChange {
  const ofPathway = describePathwayChange(pathway, schemes);
  return (change, entry) => {
    if (entry.entityType === "pathway") return ofPathway(change, entry);
    if (entry.entityType === "referral_settings") return describeReferralChange(change, entry);
    if (entry.entityType === "partner_scheme") return describeSchemeChange(change, entry);
    return undefined;
  };
}
