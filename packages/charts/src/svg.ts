import type { BarChart, ChartDefinition, FunnelChart, LineChart, NumberFormat, Series } from "./definition";
import { formatNumber, PERCENT, textWidth, words } from "./format";

/**
 * Okabe–Ito colours that keep at least 3:1 against white (WCAG 1.4.11); series are also told apart
 * by their legend, line dashes and labels, never by colour alone.
 */
export const PALETTE = ["#0072B2", "#D55E00", "#009E73", "#CC79A7"] as const;
const INK = "#1b1f24";
const MUTED = "#4d5560";
const GRID = "#d0d5db";
const DASHES = [undefined, "6 3", "2 2", "8 3 2 3"];

type Attrs = Record<string, string | number | undefined>;
type Drawn = [svg: string, height: number];

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text safe in XML content and attributes; control characters (invalid in XML 1.0) become spaces. */
export const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ENTITIES[c] as string).replace(/\p{Cc}/gu, " ");

const num = (x: number) => String(Math.round(x * 10) / 10);

function el(name: string, attrs: Attrs, body?: string): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value !== undefined) out += ` ${key}="${typeof value === "number" ? num(value) : escapeXml(value)}"`;
  }
  return body === undefined ? `${out}/>` : `${out}>${body}</${name}>`;
}

const text = (x: number, y: number, content: string, attrs: Attrs = {}) =>
  el("text", { x, y, ...attrs }, escapeXml(content));

const vertical = (x: number, y1: number, y2: number, stroke: string, attrs: Attrs = {}) =>
  el("path", { d: `M${num(x)} ${num(y1)}V${num(y2)}`, stroke, ...attrs });

const colour = (index: number) => PALETTE[index % PALETTE.length] as string;

/** FNV-1a: ids that follow from the definition, so the same chart is always the same string. */
function hash(input: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < input.length; i++) h = Math.imul(h ^ input.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/** The label, cut with an ellipsis when it is wider than `max` (the table has it whole). */
function fit(label: string, max: number): string {
  if (textWidth(label) <= max) return label;
  return `${[...label].slice(0, Math.max(1, Math.floor(max / textWidth("a")) - 1)).join("")}…`;
}

/** Show every k-th label: the smallest k at which labels `width` wide, `spacing` apart, leave a gap. */
export const labelStep = (width: number, spacing: number) => Math.max(1, Math.ceil((width + 6) / spacing));

/** Round ticks from 0 (or below) to above every value, no finer than the format shows. */
function ticks(values: number[], format: NumberFormat): number[] {
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values);
  const finest = 10 ** -(format.maximumFractionDigits + (format.style === "percent" ? 2 : 0));
  const raw = Math.max((high - low) / 5, finest);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 5, 10].find((m) => m * power >= raw * (1 - 1e-9)) as number) * power;
  const first = Math.floor(low / step + 1e-9);
  const last = Math.max(first + 1, Math.ceil(high / step - 1e-9));
  const out: number[] = [];
  for (let i = first; i <= last; i++) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** A legend key: its label and its swatch, drawn at (x, y). */
type Key = [label: string, swatch: (x: number, y: number) => string];

/** Legend keys flowed in rows across the width; returns the SVG and the height it takes. */
function legend(keys: Key[], width: number): Drawn {
  let x = 0;
  let y = 8;
  let out = "";
  for (const [label, swatch] of keys) {
    const shown = fit(label, width - 24);
    const w = 36 + textWidth(shown);
    if (x > 0 && x + w > width) [x, y] = [0, y + 18];
    out += swatch(x + 2, y) + text(x + 22, y + 11, shown);
    x += w;
  }
  return [out, keys.length ? y + 22 : 0];
}

const box = (fill: string, outline?: string) => (x: number, y: number) =>
  el("rect", { x, y, width: 14, height: 12, fill, stroke: outline });
const stroke = (colour: string, dash?: string) => (x: number, y: number) =>
  el("path", { d: `M${x} ${y + 6}h14`, stroke: colour, "stroke-width": 2, "stroke-dasharray": dash });

/** Every value the chart must reach (values, interval limits, a reference line), and round ticks over them. */
function domain(series: Series[], extra: { value: number } | undefined, format: NumberFormat) {
  const values = extra ? [extra.value] : [];
  for (const s of series) {
    for (const v of s.values) if (v !== null) values.push(v);
    for (const i of s.intervals ?? []) if (i) values.push(i.low, i.high);
  }
  const scale = ticks(values, format);
  return { values, scale, d0: scale[0] as number, d1: scale[scale.length - 1] as number };
}

const dashed = { "stroke-width": 2, "stroke-dasharray": "4 3" };

function bar(def: BarChart, width: number, id: string): Drawn {
  const w = words[def.locale];
  const f = (v: number) => formatNumber(v, def.format, def.locale);
  const { series, categories, reference } = def;
  const thick = series.length > 1 ? 14 : 18;
  const band = Math.max(series.length, 1) * thick + 12;
  const labels = categories.map((c) => (c.flagged ? "▲ " : "") + c.label);
  const left = Math.min(width * 0.4, Math.max(0, ...labels.map((l) => textWidth(l))) + 12);
  const hatch = `url(#${id}-h)`;
  const flagged = categories.some((c) => c.flagged);

  const keys: Key[] = series.length > 1 ? series.map((s, i) => [s.label, box(colour(i))]) : [];
  if (reference) keys.push([reference.label + w.colon + f(reference.value), stroke(INK, "4 3")]);
  if (def.flagNote && flagged) keys.push([`▲ ${def.flagNote}`, box(hatch, INK)]);
  const [keySvg, top] = legend(keys, width);

  const { values, scale, d0, d1 } = domain(series, reference, def.format);
  const right = width - 8 - Math.max(0, ...values.map((v) => textWidth(f(v))));
  const x = (v: number) => left + ((v - d0) / (d1 - d0)) * (right - left);
  const plotTop = top + 6;
  const bottom = plotTop + categories.length * band;

  const tickLabels = scale.map(f);
  const k = labelStep(Math.max(...tickLabels.map((l) => textWidth(l))), (right - left) / (scale.length - 1));
  let grid = "";
  let axis = "";
  scale.forEach((t, i) => {
    grid += vertical(x(t), plotTop, bottom, GRID);
    if (i % k === 0) axis += text(x(t), bottom + 16, tickLabels[i] as string);
  });

  let bars = "";
  let notes = "";
  categories.forEach((c, ci) => {
    const y0 = plotTop + ci * band + 6;
    notes += text(left - 8, y0 + (band - 12) / 2 + 4, fit(labels[ci] as string, left - 12), {
      "text-anchor": "end",
      "font-weight": c.flagged ? "bold" : undefined,
    });
    series.forEach((s, si) => {
      const v = s.values[ci] ?? null;
      const y = y0 + si * thick;
      const mid = y + thick / 2 - 1;
      if (v === null) {
        notes += text(x(0) + 4, mid + 4, w.na, { fill: MUTED, "font-style": "italic" });
        return;
      }
      const a = Math.min(x(0), x(v));
      let end = Math.max(x(0), x(v));
      const rect = { x: a, y, width: end - a, height: thick - 2 };
      bars +=
        el("rect", { class: "bar", ...rect, fill: colour(si) }) +
        (c.flagged ? el("rect", { ...rect, fill: hatch }) : "");
      const interval = s.intervals?.[ci];
      if (interval) {
        const [lo, hi] = [num(x(interval.low)), num(x(interval.high))];
        const cap = num(mid - 4);
        bars += el("path", {
          d: `M${lo} ${num(mid)}H${hi}M${lo} ${cap}v8M${hi} ${cap}v8`,
          stroke: INK,
          "stroke-width": 1.5,
        });
        end = Math.max(end, x(interval.high));
      }
      notes += text(end + 4, mid + 4, f(v));
    });
  });
  const defs = flagged
    ? `<defs><pattern id="${id}-h" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="1.5" height="6" fill="${INK}"/></pattern></defs>`
    : "";
  const ref = reference ? vertical(x(reference.value), plotTop - 4, bottom, INK, dashed) : "";
  return [
    `${defs}${keySvg}<g>${grid}</g>${vertical(x(0), plotTop, bottom, INK)}<g>${bars}</g>${ref}<g>${notes}</g>${el("g", { class: "axis", fill: MUTED, "text-anchor": "middle" }, axis)}`,
    bottom + 26,
  ];
}

function wrap(content: string, width: number): string[] {
  const rows = [""];
  for (const word of content.split(" ")) {
    const row = rows.pop() as string;
    if (row && textWidth(`${row} ${word}`) > width) rows.push(row, word);
    else rows.push(row ? `${row} ${word}` : word);
  }
  return rows;
}

function lineChart(def: LineChart, width: number): Drawn {
  const w = words[def.locale];
  const f = (v: number) => formatNumber(v, def.format, def.locale);
  const { series, target, x: xs } = def;
  const keys: Key[] =
    series.length > 1 ? series.map((s, i) => [s.label, stroke(colour(i), DASHES[i % 4])]) : [];
  if (target) keys.push([target.label + w.colon + f(target.value), stroke(INK, "4 3")]);
  const [keySvg, top] = legend(keys, width);

  const { scale, d0, d1 } = domain(series, target, def.format);
  const tickLabels = scale.map(f);
  const xWidth = Math.max(0, ...xs.map((p) => textWidth(p.label, 11)));
  const left = Math.max(Math.max(...tickLabels.map((l) => textWidth(l))) + 10, xWidth / 2 + 2);
  const right = width - xWidth / 2 - 2;
  const step = (right - left) / Math.max(xs.length, 1);
  const px = (i: number) => num(left + (i + 0.5) * step);
  const bottom = top + 190;
  const py = (v: number) => num(bottom - ((v - d0) / (d1 - d0)) * 180);

  let grid = "";
  let axis = "";
  scale.forEach((t, i) => {
    grid += el("path", { d: `M${num(left)} ${py(t)}H${num(right)}`, stroke: t === 0 ? INK : GRID });
    axis += text(left - 6, Number(py(t)) + 4, tickLabels[i] as string);
  });
  const k = labelStep(xWidth, step);
  let xLabels = "";
  xs.forEach((p, i) => {
    if (i % k === 0)
      xLabels +=
        el("path", { d: `M${px(i)} ${bottom}v4`, stroke: INK }) + text(Number(px(i)), bottom + 16, p.label);
  });

  let plot = "";
  const footnotes: string[] = [];
  series.forEach((s, si) => {
    const fill = colour(si);
    // The interval band: one polygon per run of months with an interval (high limits, then low back).
    let upper: string[] = [];
    let lower: string[] = [];
    const flush = () => {
      if (upper.length)
        plot += el("path", {
          d: `M${[...upper, ...lower.reverse()].join("L")}Z`,
          fill,
          stroke: fill,
          "fill-opacity": 0.2,
          "stroke-opacity": 0.3,
        });
      upper = [];
      lower = [];
    };
    let d = "";
    let marks = "";
    let pen = "M";
    const missing: string[] = [];
    xs.forEach((p, i) => {
      const interval = s.intervals?.[i];
      if (interval) {
        upper.push(`${px(i)} ${py(interval.high)}`);
        lower.push(`${px(i)} ${py(interval.low)}`);
      } else flush();
      const v = s.values[i];
      if (v === null || v === undefined) {
        pen = "M";
        missing.push(p.label);
        return;
      }
      d += `${pen}${px(i)} ${py(v)}`;
      pen = "L";
      marks += el("circle", { cx: px(i), cy: py(v), r: 2.5 });
    });
    flush();
    if (d)
      plot += el("path", {
        d,
        fill: "none",
        stroke: fill,
        "stroke-width": 2,
        "stroke-dasharray": DASHES[si % 4],
      });
    plot += el("g", { fill }, marks);
    if (missing.length)
      footnotes.push(...wrap(`${s.label}${w.colon}${w.na} (${missing.join(", ")})`, width - 8));
  });
  const goal = target
    ? el("path", { d: `M${num(left)} ${py(target.value)}H${num(right)}`, stroke: INK, ...dashed })
    : "";
  const notes = footnotes.map((n, i) => text(0, bottom + 40 + i * 16, n, { fill: MUTED })).join("");
  return [
    `${keySvg}<g>${grid}</g>${el("g", { fill: MUTED, "text-anchor": "end" }, axis)}${el("g", { class: "x-labels", "text-anchor": "middle", "font-size": 11 }, xLabels)}${plot}${goal}${notes}`,
    bottom + 28 + footnotes.length * 16,
  ];
}

function funnel(def: FunnelChart, width: number): Drawn {
  const w = words[def.locale];
  const f = (v: number) => formatNumber(v, def.format, def.locale);
  const left = Math.min(width * 0.4, Math.max(0, ...def.stages.map((s) => textWidth(s.label))) + 12);
  const max = Math.max(1, ...def.stages.map((s) => s.count));
  let out = "";
  def.stages.forEach((s, i) => {
    const y = 8 + i * 48;
    out += text(left - 8, y + 14, fit(s.label, left - 12), { "text-anchor": "end" });
    const length = (Math.max(0, s.count) / max) * (width - 8 - left);
    if (length > 0)
      out += el("rect", { class: "bar", x: left, y, width: length, height: 20, fill: colour(0) });
    const count = f(s.count);
    const note =
      i === 0
        ? count
        : `${count} (${s.conversion === null ? w.na : `${formatNumber(s.conversion, PERCENT, def.locale)} ${w.previous}`})`;
    out += text(left, y + 36, fit(note, width - left - 4));
  });
  return [out, 12 + def.stages.length * 48];
}

/**
 * The chart as a standalone SVG document: labelled by its title and description, deterministic,
 * every text escaped, and no `style` anywhere (the console's CSP allows no inline style).
 */
export function renderSvg(def: ChartDefinition, options: { width?: number } = {}): string {
  const width = Math.max(240, Math.round(options.width ?? 640));
  const id = `c${hash(JSON.stringify(def) + width)}`;
  const [body, drawn] =
    def.kind === "bar"
      ? bar(def, width, id)
      : def.kind === "line"
        ? lineChart(def, width)
        : funnel(def, width);
  const height = Math.ceil(drawn);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}-t ${id}-d" font-family="sans-serif" font-size="12" fill="${INK}"><title id="${id}-t">${escapeXml(def.title)}</title><desc id="${id}-d">${escapeXml(def.description)}</desc><rect width="${width}" height="${height}" fill="#fff"/>${body}</svg>`;
}
