import {
  type Decline,
  type Dimension,
  type EquityView,
  equityOf,
  funnelOf,
  type Representation,
  type TrendView,
} from "@maillage/indicators";
import { createMemo, createSignal, For, lazy, Show, Suspense } from "solid-js";
import { createTrends, type DashboardResult, type TrendSeries } from "../data/indicators";
import { locale } from "../i18n";
import { ti } from "../i18n/indicators";
import { declineChart, equityChart, funnelChart, trendChart } from "./dashboard-charts";
import {
  dimensionLabel,
  formatRange,
  formatValue,
  groupLabel,
  periodName,
  periodWithCode,
  reasonText,
} from "./indicator-format";
import { monthsEndingWith } from "./periods";
import { Empty, Loading, QueryView } from "./states";
import { TableWrap } from "./table";

/** The SVG charts load with their package (@maillage/charts), after the tables. */
const Chart = lazy(() => import("./chart"));

/**
 * The dashboard's three views of a period, from the views of @maillage/indicators: the funnel of the
 * period's cohort, equity by group (share of referrals against share of population, rates and decline
 * rates with their intervals and odds ratios), and monthly trends. Each is a chart (with its data
 * table) and a table of the figures with their intervals and, for a missing figure, its reason.
 */
export default function DashboardViews(props: {
  territoryId: string;
  period: string;
  results: readonly DashboardResult[];
}) {
  return (
    <>
      <FunnelSection period={props.period} results={props.results} />
      <EquitySection period={props.period} results={props.results} />
      <TrendsSection territoryId={props.territoryId} period={props.period} />
    </>
  );
}

const tag = () => (locale() === "fr" ? "fr-FR" : "en-GB");
const count = (value: number) => new Intl.NumberFormat(tag(), { maximumFractionDigits: 2 }).format(value);
const SHARE = { unit: "share", type: "proportion" };
const RATE = { unit: "per_1000_inhabitants", type: "rate" };
const share = (value: number) => formatValue(SHARE, value);
const labelOf = (label: { fr: string; en: string }) => (locale() === "en" ? label.en || label.fr : label.fr);

function withInterval(
  figure: { unit: string; type: string },
  value: number,
  interval: { low: number; high: number } | null,
) {
  const main = formatValue(figure, value);
  return interval ? `${main} (${formatRange(figure, interval.low, interval.high)})` : main;
}

function ChartSlot(props: { children: import("solid-js").JSX.Element }) {
  return <Suspense fallback={<Loading />}>{props.children}</Suspense>;
}

// --- Funnel ----------------------------------------------------------------------------------------

function FunnelSection(props: { period: string; results: readonly DashboardResult[] }) {
  const v = () => ti().indicators.views;
  const funnel = createMemo(() => funnelOf(props.results));
  const counted = () => funnel().stages.filter((stage) => stage.count !== null).length;
  // Nobody referred in the period: no funnel to draw (every share would be "not computable").
  const referred = () => funnel().stages[0]?.count ?? 0;
  return (
    <section class="indicator-level" aria-labelledby="entonnoir">
      <h2 id="entonnoir" tabindex="-1">
        {ti().indicators.sections.funnel}
      </h2>
      <p>{v().funnelIntro}</p>
      <Show when={counted() > 1 && referred() > 0} fallback={<Empty>{v().funnelEmpty}</Empty>}>
        <ChartSlot>
          <Chart definition={funnelChart(funnel(), locale())} />
        </ChartSlot>
        <TableWrap label={v().funnelCaption(periodName(props.period))}>
          <table>
            <caption>{v().funnelCaption(periodWithCode(props.period))}</caption>
            <thead>
              <tr>
                <th scope="col">{v().stage}</th>
                <th scope="col" class="numeric">
                  {v().count}
                </th>
                <th scope="col" class="numeric">
                  {v().ofReferred}
                </th>
                <th scope="col" class="numeric">
                  {v().ofPrevious}
                </th>
                <th scope="col" class="numeric">
                  {v().lost}
                </th>
              </tr>
            </thead>
            <tbody>
              <For each={funnel().stages}>
                {(stage) => (
                  <tr>
                    <th scope="row">{v().stages[stage.key]}</th>
                    <td class="numeric">
                      {stage.count === null ? (
                        <span class="muted">{reasonText(stage.reason)}</span>
                      ) : (
                        count(stage.count)
                      )}
                    </td>
                    <td class="numeric">{stage.share === null ? v().notAvailable : share(stage.share)}</td>
                    <td class="numeric">
                      {stage.conversion === null ? v().notAvailable : share(stage.conversion)}
                    </td>
                    <td class="numeric">
                      {stage.dropOff === null ? v().notAvailable : count(stage.dropOff)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </Show>
    </section>
  );
}

// --- Equity ----------------------------------------------------------------------------------------

interface EquityRow {
  group: string;
  representation: Representation | undefined;
  decline: Decline | undefined;
  /** Dimensions without a population: the group's referrals, of all referrals (REFERRALS by group). */
  referrals: number | null;
  referralShare: number | null;
}

/** One table per dimension: the group's representation and its declines, side by side. */
function equityRows(
  equity: EquityView,
  results: readonly DashboardResult[],
  dimension: Dimension,
): EquityRow[] {
  const entry = equity.dimensions.find((d) => d.dimension === dimension);
  const referrals = results.find((r) => r.code === "REFERRALS");
  const total = referrals?.value ?? null;
  const groups = [
    ...new Set([
      ...(entry?.representation ?? []).map((r) => r.group),
      ...(entry?.decline ?? []).map((d) => d.group),
    ]),
  ];
  return groups.map((group) => {
    const representation = entry?.representation?.find((r) => r.group === group);
    const n = representation
      ? representation.referrals
      : (referrals?.disaggregations[dimension]?.[group]?.value ?? null);
    return {
      group,
      representation,
      decline: entry?.decline?.find((d) => d.group === group),
      referrals: n,
      referralShare: representation ? representation.referralShare : n !== null && total ? n / total : null,
    };
  });
}

function EquitySection(props: { period: string; results: readonly DashboardResult[] }) {
  const v = () => ti().indicators.views;
  const equity = createMemo(() => equityOf(props.results));
  return (
    <section class="indicator-level" aria-labelledby="equite">
      <h2 id="equite" tabindex="-1">
        {ti().indicators.sections.equity}
      </h2>
      <p>{v().equityIntro}</p>
      <p class="hint">{v().equityRule}</p>
      <Show when={equity().rate?.status === "computed" && equity().rate}>
        {(rate) => (
          <p>
            <strong>{v().overall} : </strong>
            {withInterval(RATE, rate().value ?? 0, rate().interval)}
            <Show when={equity().decline?.status === "computed" && equity().decline}>
              {(decline) => (
                <>
                  {" · "}
                  {v().declineRateOverall} : {withInterval(SHARE, decline().value ?? 0, decline().interval)}
                </>
              )}
            </Show>
          </p>
        )}
      </Show>
      <Show when={equity().dimensions.length > 0} fallback={<Empty>{v().equityEmpty}</Empty>}>
        <For each={equity().dimensions}>
          {(entry) => (
            <EquityDimensionView
              equity={equity()}
              dimension={entry.dimension}
              results={props.results}
              period={props.period}
            />
          )}
        </For>
      </Show>
    </section>
  );
}

function EquityDimensionView(props: {
  equity: EquityView;
  dimension: Dimension;
  results: readonly DashboardResult[];
  period: string;
}) {
  const v = () => ti().indicators.views;
  const entry = () => props.equity.dimensions.find((d) => d.dimension === props.dimension);
  const rows = createMemo(() => equityRows(props.equity, props.results, props.dimension));
  const hasRepresentation = () => entry()?.representation !== null && entry()?.representation !== undefined;
  const hasDecline = () => entry()?.decline !== null && entry()?.decline !== undefined;
  const hasOdds = () => (entry()?.decline ?? []).some((d) => d.oddsRatio !== null);
  const caption = () => v().equityCaption(dimensionLabel(props.dimension), periodWithCode(props.period));
  const odds = (decline: Decline) => {
    const or = decline.oddsRatio;
    if (!or) return v().notAvailable;
    if (or.status === "reference") return v().reference;
    if (or.value === null) return reasonText(or.reason);
    const f = new Intl.NumberFormat(tag(), { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return or.low === null || or.high === null
      ? f.format(or.value)
      : `${f.format(or.value)} (${f.format(or.low)} – ${f.format(or.high)})`;
  };
  const flags = (row: EquityRow) =>
    [
      row.representation?.underReached ? v().underRepresented : "",
      row.representation?.overReached ? v().overRepresented : "",
      row.decline?.significantlyHigher ? v().declinesMore : "",
      row.decline?.significantlyLower ? v().declinesLess : "",
    ].filter(Boolean);
  return (
    <section aria-labelledby={`equite-${props.dimension}`}>
      <h3 id={`equite-${props.dimension}`}>{v().byDimension(dimensionLabel(props.dimension))}</h3>
      <ChartSlot>
        <Show when={hasRepresentation()}>
          <Chart definition={equityChart(props.equity, props.dimension, locale())} />
        </Show>
        <Show when={hasDecline()}>
          <Chart definition={declineChart(props.equity, props.dimension, locale())} />
        </Show>
      </ChartSlot>
      <TableWrap label={caption()}>
        <table class="compact">
          <caption>{caption()}</caption>
          <thead>
            <tr>
              <th scope="col">{v().group}</th>
              <th scope="col" class="numeric">
                {v().referrals}
              </th>
              <th scope="col" class="numeric">
                {v().shareOfReferrals}
              </th>
              <Show when={hasRepresentation()}>
                <th scope="col" class="numeric">
                  {v().shareOfPopulation}
                </th>
                <th scope="col" class="numeric">
                  {v().rate}
                </th>
              </Show>
              <Show when={hasDecline()}>
                <th scope="col" class="numeric">
                  {v().declineRate}
                </th>
              </Show>
              <Show when={hasOdds()}>
                <th scope="col" class="numeric">
                  {v().oddsRatio}
                </th>
              </Show>
              <th scope="col">{v().flag}</th>
            </tr>
          </thead>
          <tbody>
            <For each={rows()}>
              {(row) => (
                <tr>
                  <th scope="row">{groupLabel(props.dimension, row.group)}</th>
                  <td class="numeric">{row.referrals === null ? v().notAvailable : count(row.referrals)}</td>
                  <td class="numeric">
                    {row.referralShare === null ? v().notAvailable : share(row.referralShare)}
                  </td>
                  <Show when={hasRepresentation()}>
                    <td class="numeric">
                      {row.representation?.populationShare === null ||
                      row.representation?.populationShare === undefined
                        ? v().notAvailable
                        : share(row.representation.populationShare)}
                    </td>
                    <td class="numeric">
                      {row.representation?.rate === null || row.representation?.rate === undefined ? (
                        <span class="muted">{reasonText(row.representation?.reason ?? null)}</span>
                      ) : (
                        withInterval(RATE, row.representation.rate, row.representation.interval)
                      )}
                    </td>
                  </Show>
                  <Show when={hasDecline()}>
                    <td class="numeric">
                      {row.decline?.status === "computed" && row.decline.value !== null ? (
                        withInterval(SHARE, row.decline.value, row.decline.interval)
                      ) : (
                        <span class="muted">{reasonText(row.decline?.reason ?? null)}</span>
                      )}
                    </td>
                  </Show>
                  <Show when={hasOdds()}>
                    <td class="numeric">{row.decline ? odds(row.decline) : v().notAvailable}</td>
                  </Show>
                  <td>
                    <For each={flags(row)}>{(flag) => <strong class="tag tag--not-met">{flag}</strong>}</For>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableWrap>
    </section>
  );
}

// --- Trends ----------------------------------------------------------------------------------------

const TREND_MONTHS = 12;

/** The API's series of one indicator as the views' trend (the same points, its target on each). */
export function trendViewOf(code: string, series: TrendSeries): TrendView {
  return {
    code,
    label: series.label,
    unit: series.unit,
    points: series.points.map((point) => ({
      period: point.period,
      status: point.status,
      value: point.status === "not_computable" ? null : point.value,
      interval: point.interval,
      numerator: point.numerator,
      denominator: point.denominator,
      target: series.target,
      reason: (point as { reason?: string | null }).reason ?? null,
    })),
  };
}

function TrendsSection(props: { territoryId: string; period: string }) {
  const v = () => ti().indicators.views;
  const range = createMemo(() => monthsEndingWith(props.period, TREND_MONTHS));
  const trends = createTrends(
    () => props.territoryId,
    () => range(),
  );
  const [chosen, setChosen] = createSignal("");
  const codes = () => Object.keys(trends.data?.series ?? {});
  const code = () => {
    const list = codes();
    const wanted = chosen();
    if (wanted && list.includes(wanted)) return wanted;
    return list.includes("REFERRALS") ? "REFERRALS" : (list[0] ?? "");
  };
  return (
    <section class="indicator-level" aria-labelledby="tendances">
      <h2 id="tendances" tabindex="-1">
        {ti().indicators.sections.trends}
      </h2>
      <p>{v().trendsIntro(periodName(range().from), periodName(range().to))}</p>
      <QueryView
        query={trends}
        isEmpty={(data) => Object.keys(data.series).length === 0}
        empty={v().trendsEmpty}
      >
        {(data) => (
          <>
            <div class="field">
              <label for="trend-indicator">{v().trendIndicator}</label>
              <p id="trend-indicator-hint" class="hint">
                {v().trendHint}
              </p>
              <select
                id="trend-indicator"
                aria-describedby="trend-indicator-hint"
                onChange={(event) => setChosen(event.currentTarget.value)}
              >
                <For each={codes()}>
                  {(c) => (
                    <option value={c} selected={code() === c}>
                      {labelOf(data().series[c]?.label ?? { fr: c, en: c })}
                    </option>
                  )}
                </For>
              </select>
            </div>
            <Show when={data().series[code()]} keyed>
              {(series) => <Trend code={code()} series={series} />}
            </Show>
          </>
        )}
      </QueryView>
    </section>
  );
}

function Trend(props: { code: string; series: TrendSeries }) {
  const v = () => ti().indicators.views;
  const x = () => ti().indicators;
  const s = () => props.series;
  const trend = createMemo(() => trendViewOf(props.code, props.series));
  const withCounts = () => s().points.some((p) => p.numerator !== null && p.denominator !== null);
  return (
    <>
      <Show when={s().target !== null}>
        <p>
          <strong>{x().tile.target} : </strong>
          {formatValue(s(), s().target ?? 0)}
          <Show when={s().direction}>{(direction) => <> ({x().directions[direction()]})</>}</Show>
        </p>
      </Show>
      <ChartSlot>
        <Chart definition={trendChart(trend(), labelOf(s().label), locale(), s().target)} />
      </ChartSlot>
      <TableWrap label={v().trendCaption(labelOf(s().label))}>
        <table class="compact">
          <caption>{v().trendCaption(labelOf(s().label))}</caption>
          <thead>
            <tr>
              <th scope="col">{v().month}</th>
              <th scope="col" class="numeric">
                {v().value}
              </th>
              <th scope="col" class="numeric">
                {x().tile.intervalTerm}
              </th>
              <Show when={withCounts()}>
                <th scope="col" class="numeric">
                  {x().tile.counts}
                </th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={trend().points}>
              {(point) => (
                <tr>
                  <th scope="row">{periodName(point.period)}</th>
                  <td class="numeric">
                    {point.value === null ? (
                      <span class="muted">
                        {x().tile.notComputable}
                        <Show when={point.reason}>{(reason) => <> : {reasonText(reason())}</>}</Show>
                      </span>
                    ) : (
                      formatValue(s(), point.value)
                    )}
                  </td>
                  <td class="numeric">
                    {point.interval
                      ? formatRange(s(), point.interval.low, point.interval.high)
                      : v().notAvailable}
                  </td>
                  <Show when={withCounts()}>
                    <td class="numeric">
                      {point.numerator !== null && point.denominator !== null
                        ? `${count(point.numerator)} / ${count(point.denominator)}`
                        : v().notAvailable}
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableWrap>
    </>
  );
}
