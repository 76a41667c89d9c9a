import {
  type BarChart,
  type FunnelChart,
  formatNumber,
  type LineChart,
  type Locale,
  type NumberFormat,
  PERCENT,
} from "@maillage/charts";
import type { Dimension, EquityView, FunnelView, TrendView } from "@maillage/indicators";
import { enumLabel } from "@maillage/schema";
import { common } from "../i18n/common";
import { chartTexts } from "./chart-texts";

/**
 * The dashboard's charts, built from the views of @maillage/indicators as chart definitions (plain
 * data). Pure, with the locale passed in: the export pack draws the same definitions on the server.
 * Import this file only from lazily loaded modules: it brings @maillage/charts with it.
 */

const COUNT: NumberFormat = { style: "decimal", maximumFractionDigits: 0 };

/** How a unit of the catalogue reads on a chart's axis and in its table. */
export function formatOfUnit(unit: string | null, locale: Locale): NumberFormat {
  const units = chartTexts[locale].units;
  switch (unit) {
    case "share":
      return PERCENT;
    case "days":
      return { style: "decimal", maximumFractionDigits: 1, unit: units.days };
    case "points":
      return { style: "decimal", maximumFractionDigits: 1, unit: units.points };
    case "per_1000_inhabitants":
      return { style: "decimal", maximumFractionDigits: 2, unit: "‰" };
    case "people":
    case "orientations":
      return COUNT;
    case "ratio":
    case "people_per_fte":
      return { style: "decimal", maximumFractionDigits: 2 };
    default:
      return { style: "decimal", maximumFractionDigits: 1 };
  }
}

/** A group of a disaggregation, as people name it (the schema's closed-list labels where there are). */
export function groupLabel(dimension: string, group: string, locale: Locale): string {
  const texts = chartTexts[locale];
  if (dimension === "qpv") return texts.qpvGroups[group as keyof typeof texts.qpvGroups] ?? group;
  if (group === "unknown") return texts.unknownGroup;
  switch (dimension) {
    case "sex":
      return enumLabel(locale, "sexes", group);
    case "ageBand":
      return enumLabel(locale, "ageBands", group);
    case "rurality": {
      const density = common[locale].density;
      return group === "1" ? density.dense : group === "2" ? density.intermediate : density.rural;
    }
    case "route":
      return enumLabel(locale, "referralRouteKinds", group);
    case "precarity":
      return texts.precarityGroups[group as keyof typeof texts.precarityGroups] ?? group;
    case "track":
      return enumLabel(locale, "tracks", group);
    case "pillar":
      return enumLabel(locale, "pillars", group);
    default:
      return group;
  }
}

const dimensionName = (dimension: string, locale: Locale) => {
  const names = chartTexts[locale].dimensions;
  return Object.hasOwn(names, dimension) ? names[dimension as keyof typeof names] : dimension;
};

/** "janv. 2025" for a month, "T1 2025" for a quarter, the code itself otherwise. */
export function periodLabel(code: string, locale: Locale): string {
  const month = /^(\d{4})-(\d{2})$/.exec(code);
  if (month) {
    const date = new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1));
    const format = new Intl.DateTimeFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      month: "short",
      year: "numeric",
      timeZone: "UTC",
    });
    return format.format(date);
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(code);
  return quarter ? chartTexts[locale].quarter(Number(quarter[2]), Number(quarter[1])) : code;
}

/** The funnel of the period's cohort; a stage whose count is not computable is left out. */
export function funnelChart(funnel: FunnelView, locale: Locale): FunnelChart {
  const texts = chartTexts[locale];
  const stages = funnel.stages.flatMap((stage) =>
    stage.count === null
      ? []
      : [
          {
            key: stage.key,
            label: texts.stages[stage.key],
            count: stage.count,
            share: stage.share,
            conversion: stage.conversion,
          },
        ],
  );
  const first = stages[0];
  const reached = stages.find((s) => s.key === "activity") ?? stages[stages.length - 1];
  const count = (n: number) => formatNumber(n, COUNT, locale);
  return {
    kind: "funnel",
    title: texts.funnelTitle,
    description:
      first && reached && reached !== first && reached.share !== null
        ? texts.funnelSummary(
            count(first.count),
            count(reached.count),
            reached.label,
            formatNumber(reached.share, PERCENT, locale),
          )
        : texts.funnelNone,
    locale,
    format: COUNT,
    stages,
  };
}

const dimensionOf = (equity: EquityView, dimension: Dimension) =>
  equity.dimensions.find((d) => d.dimension === dimension);

/**
 * Who is referred against who lives there: the share of referrals and of the population of each
 * group; a group whose rate is significantly below the territory's is flagged.
 */
export function equityChart(equity: EquityView, dimension: Dimension, locale: Locale): BarChart {
  const texts = chartTexts[locale];
  const groups = dimensionOf(equity, dimension)?.representation ?? [];
  const categories = groups.map((g) => ({
    key: g.group,
    label: groupLabel(dimension, g.group, locale),
    flagged: g.underReached,
  }));
  const flagged = categories.filter((c) => c.flagged).map((c) => c.label);
  return {
    kind: "bar",
    title: texts.equityTitle(dimensionName(dimension, locale)),
    description: flagged.length ? texts.underReachedSummary(flagged.join(", ")) : texts.noneUnderReached,
    locale,
    format: PERCENT,
    categories,
    series: [
      { key: "referrals", label: texts.referralShare, values: groups.map((g) => g.referralShare) },
      { key: "population", label: texts.populationShare, values: groups.map((g) => g.populationShare) },
    ],
    flagNote: texts.underReached,
  };
}

/**
 * Decline rates by group with their Wilson intervals, against the territory's rate; a group whose
 * odds of declining are significantly above the reference group's is flagged.
 */
export function declineChart(equity: EquityView, dimension: Dimension, locale: Locale): BarChart {
  const texts = chartTexts[locale];
  const groups = dimensionOf(equity, dimension)?.decline ?? [];
  const categories = groups.map((g) => ({
    key: g.group,
    label: groupLabel(dimension, g.group, locale),
    flagged: g.significantlyHigher,
  }));
  const flagged = categories.filter((c) => c.flagged).map((c) => c.label);
  const overall = equity.decline?.value;
  return {
    kind: "bar",
    title: texts.declineTitle(dimensionName(dimension, locale)),
    description: flagged.length ? texts.declineHigherSummary(flagged.join(", ")) : texts.noneDeclineHigher,
    locale,
    format: PERCENT,
    categories,
    series: [
      {
        key: "decline",
        label: texts.declineRate,
        values: groups.map((g) => g.value),
        intervals: groups.map((g) => (g.interval ? { low: g.interval.low, high: g.interval.high } : null)),
      },
    ],
    ...(overall === null || overall === undefined
      ? {}
      : { reference: { value: overall, label: texts.overallDecline } }),
    flagNote: texts.declineHigher,
  };
}

/** One indicator month by month, with its interval as a band and its target as a line. */
export function trendChart(
  trend: TrendView,
  label: string,
  locale: Locale,
  target?: number | null,
): LineChart {
  const texts = chartTexts[locale];
  const x = trend.points.map((p) => ({ key: p.period, label: periodLabel(p.period, locale) }));
  const first = x[0];
  const last = x[x.length - 1];
  // Medians and percentiles have no interval: no empty interval column then.
  const intervals = trend.points.some((p) => p.interval)
    ? {
        intervals: trend.points.map((p) =>
          p.interval ? { low: p.interval.low, high: p.interval.high } : null,
        ),
      }
    : {};
  return {
    kind: "line",
    title: label,
    description: first && last ? texts.trendSummary(label, first.label, last.label) : texts.trendNone(label),
    locale,
    format: formatOfUnit(trend.unit, locale),
    x,
    series: [
      {
        key: trend.code,
        label,
        values: trend.points.map((p) => p.value),
        ...intervals,
      },
    ],
    ...(target === null || target === undefined ? {} : { target: { value: target, label: texts.target } }),
  };
}
