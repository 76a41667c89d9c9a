import { defaultCodes } from "@maillage/indicators";
import { A, useParams, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createSignal, For, lazy, on, Show, Suspense, untrack } from "solid-js";
import {
  createIndicators,
  type DashboardResult,
  type EconomicEstimate,
  type IndicatorsOfPeriod,
} from "../data/indicators";
import { createMembership } from "../data/session";
import { formatDateTime, locale } from "../i18n";
import { ti } from "../i18n/indicators";
import { RequireRole } from "../ui/access";
import { Field, StatusMessage } from "../ui/form";
import {
  dateOf,
  formatEuros,
  formatRange,
  formatValue,
  periodName,
  periodWithCode,
  reasonText,
  THEMES,
  themeOf,
} from "../ui/indicator-format";
import { todayInFrance } from "../ui/journey-draft";
import { PageTitle } from "../ui/page";
import {
  convertPeriod,
  isFuturePeriod,
  lastCompleteQuarter,
  type PeriodKind,
  parsePeriodCode,
  periodCode,
  shiftPeriod,
} from "../ui/periods";
import { Loading, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

/** The funnel, equity and trend views load after the tiles (their tables, and charts when there are). */
const DashboardViews = lazy(() => import("../ui/dashboard-views"));

const READERS = ["territory_lead", "link_worker"] as const;

const KINDS: readonly PeriodKind[] = ["month", "quarter", "year"];
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export function IndicatorsPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const isLead = () => membership()?.role === "territory_lead";
  const [search, setSearch] = useSearchParams();
  const today = todayInFrance();
  const asked = () => first(search.periode);
  const period = createMemo(() => {
    const code = asked();
    return code && parsePeriodCode(code) ? code : lastCompleteQuarter(today);
  });
  const x = () => ti().indicators;
  return (
    <>
      <PageTitle title={x().title(membership()?.contextName ?? "")} />
      <RequireRole roles={READERS} contextId={id()}>
        <p class="lead">{x().intro}</p>
        <Show when={isLead()}>
          <p class="links">
            <A href={`/territoires/${id()}/indicateurs/parametres`}>{x().settingsLink}</A>
            <A href={`/territoires/${id()}/indicateurs/periodes`}>{x().periodsLink}</A>
          </p>
        </Show>
        <Show when={asked() && !parsePeriodCode(asked() ?? "")}>
          <p class="notice">{x().period.invalid(asked() ?? "")}</p>
        </Show>
        <PeriodPicker
          period={period()}
          today={today}
          href={(code) => `/territoires/${id()}/indicateurs?periode=${encodeURIComponent(code)}`}
          apply={(code) => setSearch({ periode: code })}
        />
        <Show when={id()} keyed>
          {(territoryId) => <Dashboard territoryId={territoryId} period={period()} isLead={isLead()} />}
        </Show>
      </RequireRole>
    </>
  );
}

// --- The period ------------------------------------------------------------------------------------

/**
 * The period shown, its previous and next (links: the period is in the address, so back and forward
 * work), and a form to choose another kind or moment. Changing a select moves nothing: "Afficher" does.
 */
function PeriodPicker(props: {
  period: string;
  today: string;
  href: (code: string) => string;
  apply: (code: string) => void;
}) {
  const p = () => ti().indicators.period;
  const parts = () => parsePeriodCode(props.period) ?? { kind: "quarter" as const, year: 2026, index: 1 };
  const [kind, setKind] = createSignal<PeriodKind>(untrack(parts).kind);
  const [year, setYear] = createSignal(untrack(parts).year);
  const [index, setIndex] = createSignal(untrack(parts).index);
  // Back and forward in the browser: the form shows the address's period.
  createEffect(
    on(
      () => props.period,
      () => {
        setKind(parts().kind);
        setYear(parts().year);
        setIndex(parts().index);
      },
      { defer: true },
    ),
  );
  const thisYear = Number(props.today.slice(0, 4));
  const years = () => {
    const from = Math.min(thisYear - 6, parts().year);
    return Array.from({ length: thisYear - from + 1 }, (_, i) => thisYear - i);
  };
  const previous = () => shiftPeriod(props.period, -1);
  const next = () => shiftPeriod(props.period, 1);
  const chosen = () => {
    const k = kind();
    if (k === "year") return String(year());
    const max = k === "quarter" ? 4 : 12;
    const i = Math.min(Math.max(index(), 1), max);
    return periodCode({ kind: k, year: year(), index: i });
  };
  const changeKind = (next: PeriodKind) => {
    // The same moment in the new kind: the quarter of the month shown, the last month of the quarter.
    const converted = parsePeriodCode(convertPeriod(chosen(), next));
    setKind(next);
    if (converted) {
      setYear(converted.year);
      setIndex(converted.index || 1);
    }
  };
  return (
    <section class="panel period-picker" aria-labelledby="period-picker-title">
      <h2 id="period-picker-title">{p().title(periodWithCode(props.period))}</h2>
      <p class="period-picker__steps">
        <A class="button button--secondary" href={props.href(previous())}>
          <span aria-hidden="true">← </span>
          {p().previous(periodName(previous()))}
        </A>
        <Show when={!isFuturePeriod(next(), props.today)} fallback={<span class="muted">{p().noNext}</span>}>
          <A class="button button--secondary" href={props.href(next())}>
            {p().next(periodName(next()))}
            <span aria-hidden="true"> →</span>
          </A>
        </Show>
      </p>
      <form
        class="form period-picker__form"
        aria-label={p().choose}
        onSubmit={(event) => {
          event.preventDefault();
          props.apply(chosen());
        }}
      >
        <div class="field-row">
          <Field id="period-kind" label={p().kind}>
            {(control) => (
              <select {...control} onChange={(event) => changeKind(event.currentTarget.value as PeriodKind)}>
                <For each={KINDS}>
                  {(k) => (
                    <option value={k} selected={kind() === k}>
                      {p().kinds[k]}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <Field id="period-year" label={p().year}>
            {(control) => (
              <select {...control} onChange={(event) => setYear(Number(event.currentTarget.value))}>
                <For each={years()}>
                  {(y) => (
                    <option value={y} selected={year() === y}>
                      {y}
                    </option>
                  )}
                </For>
              </select>
            )}
          </Field>
          <Show when={kind() === "quarter"}>
            <Field id="period-quarter" label={p().quarter}>
              {(control) => (
                <select {...control} onChange={(event) => setIndex(Number(event.currentTarget.value))}>
                  <For each={[1, 2, 3, 4]}>
                    {(q) => (
                      <option value={q} selected={index() === q}>
                        {p().quarterOption(q)}
                      </option>
                    )}
                  </For>
                </select>
              )}
            </Field>
          </Show>
          <Show when={kind() === "month"}>
            <Field id="period-month" label={p().month}>
              {(control) => (
                <select {...control} onChange={(event) => setIndex(Number(event.currentTarget.value))}>
                  <For each={Array.from({ length: 12 }, (_, i) => i + 1)}>
                    {(m) => (
                      <option value={m} selected={index() === m}>
                        {new Intl.DateTimeFormat(locale() === "fr" ? "fr-FR" : "en-GB", {
                          month: "long",
                          timeZone: "UTC",
                        }).format(new Date(Date.UTC(2000, m - 1, 1)))}
                      </option>
                    )}
                  </For>
                </select>
              )}
            </Field>
          </Show>
        </div>
        <div class="form__actions">
          <button type="submit" class="button">
            {p().show}
          </button>
        </div>
      </form>
    </section>
  );
}

// --- The dashboard ---------------------------------------------------------------------------------

function Dashboard(props: { territoryId: string; period: string; isLead: boolean }) {
  const x = () => ti().indicators;
  const indicators = createIndicators(
    () => props.territoryId,
    () => props.period,
  );
  // Another period chosen: say when its figures are loading, then that they are shown.
  const [changed, setChanged] = createSignal(false);
  createEffect(
    on(
      () => props.period,
      () => setChanged(true),
      { defer: true },
    ),
  );
  const announcement = () => {
    if (!changed()) return "";
    const name = periodWithCode(props.period);
    return indicators.isPlaceholderData || indicators.isFetching
      ? x().period.loading(name)
      : x().period.shown(name);
  };
  return (
    <QueryView query={indicators}>
      {(data) => (
        <>
          <StatusMessage>{announcement()}</StatusMessage>
          <div
            classList={{ "is-stale": indicators.isPlaceholderData }}
            aria-busy={indicators.isPlaceholderData}
          >
            <PeriodStatus data={data()} isLead={props.isLead} territoryId={props.territoryId} />
            <nav class="toc" aria-label={x().toc}>
              <ul>
                <For each={levelsOf(data().results)}>
                  {(level) => (
                    <li>
                      <a href={`#niveau-${level}`}>{x().levels[level]}</a>
                    </li>
                  )}
                </For>
                <li>
                  <a href="#entonnoir">{x().sections.funnel}</a>
                </li>
                <li>
                  <a href="#equite">{x().sections.equity}</a>
                </li>
                <li>
                  <a href="#tendances">{x().sections.trends}</a>
                </li>
                <li>
                  <a href="#estimations">{x().sections.economics}</a>
                </li>
              </ul>
            </nav>
            <Show
              when={data().results.length > 0}
              fallback={
                <div class="state state--empty">
                  <p>{x().none}</p>
                  <p class="muted">{x().noneHint}</p>
                </div>
              }
            >
              <For each={levelsOf(data().results)}>
                {(level) => <LevelSection level={level} results={data().results} />}
              </For>
            </Show>
            <Suspense fallback={<Loading />}>
              <DashboardViews
                territoryId={props.territoryId}
                period={data().period}
                results={data().results}
              />
            </Suspense>
            <EconomicsSection
              estimates={data().economics}
              isLead={props.isLead}
              territoryId={props.territoryId}
            />
          </div>
        </>
      )}
    </QueryView>
  );
}

const levelsOf = (results: readonly DashboardResult[]) =>
  (["macro", "micro"] as const).filter((level) => results.some((r) => r.level === level));

/** Locked or not, snapshot or live, and when the figures were computed. */
function PeriodStatus(props: { data: IndicatorsOfPeriod; isLead: boolean; territoryId: string }) {
  const s = () => ti().indicators.status;
  const asOf = () => formatDateTime(props.data.asOf);
  return (
    <Show
      when={props.data.locked}
      fallback={
        <div class="notice">
          <p>{s().computed(asOf())}</p>
          <p>{s().provisional}</p>
          <Show when={props.isLead}>
            <p>
              <A href={`/territoires/${props.territoryId}/indicateurs/periodes`}>{s().manage}</A>
            </p>
          </Show>
        </div>
      }
    >
      {(lock) => (
        <div class="alert alert--locked" id="period-lock">
          <p>
            <strong>
              {s().locked(formatDateTime(lock().lockedAt), lock().lockedByName ?? s().lockedBy)}
            </strong>
          </p>
          <Show when={lock().period !== props.data.period}>
            <p>{s().covering(periodWithCode(lock().period))}</p>
          </Show>
          <Show when={lock().reason}>{(reason) => <p>{s().reason(reason())}</p>}</Show>
          <p>{props.data.snapshot ? s().snapshot(asOf()) : s().lockedLive(asOf())}</p>
          <Show when={props.isLead}>
            <p>
              <A href={`/territoires/${props.territoryId}/indicateurs/periodes`}>{s().manage}</A>
            </p>
          </Show>
        </div>
      )}
    </Show>
  );
}

function LevelSection(props: { level: "macro" | "micro"; results: readonly DashboardResult[] }) {
  const x = () => ti().indicators;
  const themes = createMemo(() =>
    THEMES.map((theme) => ({
      theme,
      results: props.results.filter((r) => r.level === props.level && themeOf(r) === theme),
    })).filter((group) => group.results.length > 0),
  );
  return (
    <section class="indicator-level" aria-labelledby={`niveau-${props.level}`}>
      <h2 id={`niveau-${props.level}`} tabindex="-1">
        {x().levels[props.level]}
      </h2>
      <For each={themes()}>
        {(group) => (
          <section aria-labelledby={`theme-${props.level}-${group.theme}`}>
            <h3 id={`theme-${props.level}-${group.theme}`}>{x().themes[group.theme]}</h3>
            <ul class="tiles">
              <For each={group.results}>{(result) => <Tile result={result} />}</For>
            </ul>
          </section>
        )}
      </For>
    </section>
  );
}

/** The label in the person's language (French when English is missing). */
const labelOf = (label: { fr: string; en: string }) => (locale() === "en" ? label.en || label.fr : label.fr);

const formatCount = (value: number) =>
  new Intl.NumberFormat(locale() === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: 2 }).format(value);

/** The catalogue's rationales are written in English: said so, for screen readers (WCAG 3.1.2). */
const CATALOGUE = new Set(defaultCodes);
const english = (code: string) => (locale() !== "en" && CATALOGUE.has(code) ? "en" : undefined);

/** One indicator: its value, interval, counts, target and whether it is met, provenance, definition. */
function Tile(props: { result: DashboardResult }) {
  const x = () => ti().indicators;
  const r = () => props.result;
  const tileId = () => `indicateur-${r().code}`;
  const computedValue = () => (r().status === "not_computable" ? null : r().value);
  const counts = () => {
    const { type, numerator, denominator } = r();
    if (type === "count") return undefined;
    if (type === "proportion" || type === "threshold_share" || type === "ratio") {
      if (numerator === null || denominator === null) return undefined;
      return { term: x().tile.counts, text: `${formatCount(numerator)} / ${formatCount(denominator)}` };
    }
    if (type === "rate") {
      if (numerator === null || denominator === null) return undefined;
      return {
        term: x().tile.counts,
        text: `${formatCount(numerator)} / ${x().tile.inhabitants(formatCount(denominator))}`,
      };
    }
    return denominator === null ? undefined : { term: x().tile.people, text: formatCount(denominator) };
  };
  const target = () => {
    const { target, direction } = r();
    if (target === null) return undefined;
    const value = formatValue(r(), target);
    if (direction === "higher_is_better") return x().tile.targetAtLeast(value);
    if (direction === "lower_is_better") return x().tile.targetAtMost(value);
    return value;
  };
  const met = () => {
    const value = r().meetsTarget;
    if (value === null) return r().direction === null ? undefined : x().tile.notAssessed;
    return value ? x().tile.met : x().tile.notMet;
  };
  const provenance = () => {
    const p = r().provenance;
    if (!p || r().status === "computed" || r().status === "not_computable") return undefined;
    const by = p.enteredBy || x().tile.someone;
    if (r().status === "imported")
      return x().tile.imported(p.source, p.enteredAt ? dateOf(p.enteredAt) : "—");
    return p.enteredAt
      ? x().tile.manual(by, p.source, dateOf(p.enteredAt))
      : x().tile.manualNoDate(by, p.source);
  };
  return (
    <li class="tile" classList={{ "tile--not-computable": computedValue() === null }}>
      <article aria-labelledby={`${tileId()}-label`}>
        <h4 id={`${tileId()}-label`} class="tile__label">
          {labelOf(r().label)}
        </h4>
        <Show
          when={computedValue() !== null}
          fallback={
            <p class="tile__value tile__value--none">
              {x().tile.notComputable}
              <span class="tile__reason"> : {reasonText(r().reason)}</span>
            </p>
          }
        >
          <p class="tile__value">{formatValue(r(), computedValue() ?? 0)}</p>
        </Show>
        <dl class="tile__facts">
          <Show when={r().interval}>
            {(interval) => (
              <div>
                <dt>
                  <abbr title={x().tile.intervalTerm}>{locale() === "fr" ? "IC 95 %" : "95% CI"}</abbr>
                </dt>
                <dd>{formatRange(r(), interval().low, interval().high)}</dd>
              </div>
            )}
          </Show>
          <Show when={counts()}>
            {(c) => (
              <div>
                <dt>{c().term}</dt>
                <dd>{c().text}</dd>
              </div>
            )}
          </Show>
          <Show when={target()}>
            {(text) => (
              <div>
                <dt>{x().tile.target}</dt>
                <dd>
                  {text()}
                  <Show when={met()}>
                    {(m) => (
                      <>
                        {" — "}
                        <span
                          class="tag"
                          classList={{
                            "tag--met": r().meetsTarget === true,
                            "tag--not-met": r().meetsTarget === false,
                          }}
                        >
                          <span aria-hidden="true">
                            {r().meetsTarget === true ? "✓ " : r().meetsTarget === false ? "✗ " : ""}
                          </span>
                          {m()}
                        </span>
                      </>
                    )}
                  </Show>
                </dd>
              </div>
            )}
          </Show>
        </dl>
        <Show when={provenance()}>
          {(text) => (
            <p class="tile__provenance small">
              {text()}
              <Show when={r().provenance?.note}>{(note) => <> {x().tile.note(note())}</>}</Show>
            </p>
          )}
        </Show>
        <details class="tile__definition">
          <summary aria-label={x().tile.definitionOf(labelOf(r().label))}>{x().tile.definition}</summary>
          <dl>
            <div>
              <dt>{x().tile.code}</dt>
              <dd>
                <code>{r().code}</code>
              </dd>
            </div>
            <div>
              <dt>{x().tile.rationale}</dt>
              <dd lang={english(r().code)}>{r().rationale}</dd>
            </div>
            <div>
              <dt>{x().tile.citation}</dt>
              <dd>{r().citation}</dd>
            </div>
          </dl>
        </details>
      </article>
    </li>
  );
}

// --- Economic estimates ----------------------------------------------------------------------------

function EconomicsSection(props: {
  estimates: readonly EconomicEstimate[];
  isLead: boolean;
  territoryId: string;
}) {
  const e = () => ti().indicators.economics;
  return (
    <section class="indicator-level" aria-labelledby="estimations">
      <h2 id="estimations" tabindex="-1">
        {ti().indicators.sections.economics}
      </h2>
      <p>{e().intro}</p>
      <Show when={props.isLead}>
        <p>
          <A href={`/territoires/${props.territoryId}/indicateurs/parametres#indicator-settings-economics`}>
            {e().enter}
          </A>
        </p>
      </Show>
      <Show when={props.estimates.length > 0} fallback={<p class="muted">{e().none}</p>}>
        <ul class="estimates">
          <For each={props.estimates}>{(estimate) => <Estimate estimate={estimate} />}</For>
        </ul>
      </Show>
    </section>
  );
}

/** The inputs of an estimate that are amounts in euros (the territory's costs). */
const EUROS = new Set([
  "linkWorkerAnnualCostPerFte",
  "otherAnnualCosts",
  "gpConsultationUnitCost",
  "unplannedHospitalUnitCost",
]);

function Estimate(props: { estimate: EconomicEstimate }) {
  const e = () => ti().indicators.economics;
  const est = () => props.estimate;
  const headingId = () => `estimation-${est().code}`;
  const missing = () => est().inputs.filter((input) => input.value === null);
  const notComputable = () => {
    if (est().reason === "people.none") return e().noPeople;
    const names = missing().map((input) => labelOf(input.label));
    return names.length > 0
      ? e().missing(names.join(", "))
      : `${e().notComputable} ${reasonText(est().reason)}`;
  };
  const inputValue = (key: string, value: number) => {
    if (EUROS.has(key)) return formatEuros(value);
    if (key === "gpChange" || key === "hospitalChange")
      return formatValue({ unit: "percent_change", type: "manual" }, value);
    return formatCount(value);
  };
  return (
    <li class="estimate panel">
      <article aria-labelledby={headingId()}>
        <h3 id={headingId()}>
          <span class="tag tag--estimate">{e().tag}</span> {labelOf(est().label)}
        </h3>
        <Show
          when={est().status === "estimate" && est().value !== null}
          fallback={<p class="tile__value tile__value--none">{notComputable()}</p>}
        >
          <p class="tile__value">{formatEuros(est().value ?? 0)}</p>
        </Show>
        <p>
          <strong>{e().formula} : </strong>
          {labelOf(est().formula)}
        </p>
        <TableWrap label={e().inputsCaption(labelOf(est().label))}>
          <table class="compact">
            <caption>{e().inputs}</caption>
            <thead>
              <tr>
                <th scope="col">{e().input}</th>
                <th scope="col" class="numeric">
                  {e().value}
                </th>
                <th scope="col">{e().source}</th>
              </tr>
            </thead>
            <tbody>
              <For each={est().inputs}>
                {(input) => (
                  <tr>
                    <th scope="row">{labelOf(input.label)}</th>
                    <td class="numeric">
                      {input.value === null ? (
                        <strong>{e().missingValue}</strong>
                      ) : (
                        inputValue(input.key, input.value)
                      )}
                    </td>
                    <td>{input.source ?? <span class="muted">{e().noSource}</span>}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
        <p>
          <strong>{e().assumptions} : </strong>
          {est().assumptions ?? <span class="muted">{e().noAssumptions}</span>}
        </p>
      </article>
    </li>
  );
}
