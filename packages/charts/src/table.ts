import type { ChartDefinition, Interval, Series } from "./definition";
import { formatNumber, PERCENT, words } from "./format";

/** The chart's data as a table: what a screen reader, a spreadsheet or a printed annex reads. */
export interface ChartTable {
  caption: string;
  columns: string[];
  rows: string[][];
}

function formatters(def: ChartDefinition) {
  const w = words[def.locale];
  const f = (v: number | null | undefined) =>
    v === null || v === undefined ? w.na : formatNumber(v, def.format, def.locale);
  const range = (i: Interval | null | undefined) => (i ? `${f(i.low)} – ${f(i.high)}` : w.na);
  return { w, f, range };
}

/** The table of a chart, in the chart's locale and number format; intervals as "a – b". */
export function tableOf(def: ChartDefinition): ChartTable {
  const { w, f, range } = formatters(def);
  if (def.kind === "funnel") {
    return {
      caption: def.title,
      columns: [w.stage, w.count, w.share, w.conversion],
      rows: def.stages.map((s, i) => [
        s.label,
        f(s.count),
        s.share === null ? w.na : formatNumber(s.share, PERCENT, def.locale),
        i === 0 ? "" : s.conversion === null ? w.na : formatNumber(s.conversion, PERCENT, def.locale),
      ]),
    };
  }
  const columns = (series: Series[]) =>
    series.flatMap((s) => (s.intervals ? [s.label, `${s.label} (${w.ci})`] : [s.label]));
  const cells = (series: Series[], i: number) =>
    series.flatMap((s) => (s.intervals ? [f(s.values[i]), range(s.intervals[i])] : [f(s.values[i])]));
  const line = def.kind === "line" ? def.target : def.reference;
  let caption = def.title + (line ? `. ${line.label}${w.colon}${f(line.value)}` : "");
  if (def.kind === "line") {
    return {
      caption,
      columns: [w.period, ...columns(def.series)],
      rows: def.x.map((x, i) => [x.label, ...cells(def.series, i)]),
    };
  }
  if (def.flagNote && def.categories.some((c) => c.flagged)) caption += `. ▲${w.colon}${def.flagNote}`;
  return {
    caption,
    columns: [w.category, ...columns(def.series)],
    rows: def.categories.map((c, i) => [(c.flagged ? "▲ " : "") + c.label, ...cells(def.series, i)]),
  };
}

/**
 * A sentence or two that says what the chart shows: the highest and lowest category, the first and
 * last value of a line, and where a funnel loses the most.
 */
export function summaryOf(def: ChartDefinition): string {
  const { w, f } = formatters(def);
  if (def.kind === "funnel") {
    const [first, ...rest] = def.stages;
    if (!first) return w.none;
    const last = rest[rest.length - 1];
    let out = `${first.label}${w.colon}${f(first.count)}.`;
    if (last) {
      const share =
        last.share === null ? "" : ` (${formatNumber(last.share, PERCENT, def.locale)} ${w.first})`;
      out += ` ${last.label}${w.colon}${f(last.count)}${share}.`;
    }
    let worst = -1;
    let lost = 0;
    def.stages.forEach((s, i) => {
      const drop = i > 0 ? (def.stages[i - 1]?.count ?? 0) - s.count : 0;
      if (drop > lost) [worst, lost] = [i, drop];
    });
    const to = def.stages[worst];
    const from = def.stages[worst - 1];
    if (to && from && to.conversion !== null)
      out += ` ${w.drop(from.label, to.label, f(lost), formatNumber(to.conversion, PERCENT, def.locale))}`;
    return out;
  }
  const series = def.series[0];
  const points = (def.kind === "bar" ? def.categories : def.x).flatMap((p, i) => {
    const v = series?.values[i];
    return v === null || v === undefined ? [] : [{ label: p.label, v }];
  });
  const first = points[0];
  const last = points[points.length - 1];
  if (!series || !first || !last) return w.none;
  const at = (p: { label: string; v: number }) => `${p.label} (${f(p.v)})`;
  if (def.kind === "line") {
    const change = Math.sign(Number(f(last.v) !== f(first.v)) * (last.v - first.v)) + 1;
    const target = def.target ? ` ${def.target.label}${w.colon}${f(def.target.value)}.` : "";
    const on = (p: { label: string; v: number }) => `${f(p.v)} ${w.in} ${p.label}`;
    return `${series.label}${w.colon}${on(first)}, ${w.after} ${on(last)} (${w.change[change]}).${target}`;
  }
  const sorted = [...points].sort((a, b) => b.v - a.v);
  const high = sorted[0] as (typeof points)[number];
  const low = sorted[sorted.length - 1] as (typeof points)[number];
  let out = `${series.label}${w.colon}${points.length > 1 ? `${w.highest} ${at(high)}, ${w.lowest} ${at(low)}` : at(high)}.`;
  const flagged = def.categories.filter((c) => c.flagged).map((c) => c.label);
  if (flagged.length) out += ` ▲${w.colon}${flagged.join(", ")}${def.flagNote ? ` (${def.flagNote})` : ""}.`;
  return out;
}
