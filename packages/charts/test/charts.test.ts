import { describe, expect, test } from "vitest";
import {
  type BarChart,
  type ChartDefinition,
  type FunnelChart,
  formatNumber,
  type LineChart,
  PALETTE,
  renderSvg,
  summaryOf,
  tableOf,
} from "../src/index";

const percent = { style: "percent", maximumFractionDigits: 1 } as const;

const bar = (overrides: Partial<BarChart> = {}): BarChart => ({
  kind: "bar",
  title: "Taux de refus par densité",
  description: "Les refus sont plus fréquents en commune rurale.",
  locale: "fr",
  format: percent,
  categories: [
    { key: "1", label: "Dense" },
    { key: "2", label: "Densité intermédiaire" },
    { key: "3", label: "Rural", flagged: true },
  ],
  series: [
    {
      key: "decline",
      label: "Taux de refus",
      values: [0.1, 0.2, 0.4],
      intervals: [{ low: 0.05, high: 0.15 }, { low: 0.125, high: 0.3 }, null],
    },
  ],
  reference: { value: 0.2, label: "Taux global" },
  flagNote: "Significativement plus élevé",
  ...overrides,
});

/** The first 36 months from January 2023, labelled as the console labels them ("janv. 2023"). */
const months = Array.from({ length: 36 }, (_, i) => {
  const date = new Date(Date.UTC(2023, i, 1));
  const label = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "numeric", timeZone: "UTC" });
  return { key: date.toISOString().slice(0, 7), label: label.format(date) };
});

const trend = (overrides: Partial<LineChart> = {}): LineChart => ({
  kind: "line",
  title: "Délai médian jusqu'au premier contact",
  description: "Le délai baisse depuis 2024.",
  locale: "fr",
  format: { style: "decimal", maximumFractionDigits: 1, unit: "j" },
  x: months,
  series: [
    {
      key: "median",
      label: "Délai médian",
      values: months.map((_, i) => (i === 4 ? null : 10 - i / 6)),
      intervals: months.map((_, i) => (i === 4 ? null : { low: 8 - i / 6, high: 12 - i / 6 })),
    },
  ],
  target: { value: 7, label: "Objectif" },
  ...overrides,
});

const funnel: FunnelChart = {
  kind: "funnel",
  title: "Entonnoir du parcours",
  description: "Une personne orientée sur trois commence une activité.",
  locale: "fr",
  format: { style: "decimal", maximumFractionDigits: 0 },
  stages: [
    { key: "referred", label: "Orientées", count: 1200, share: 1, conversion: null },
    { key: "contacted", label: "Contactées", count: 1080, share: 0.9, conversion: 0.9 },
    { key: "interviewed", label: "Entretien initial", count: 600, share: 0.5, conversion: 600 / 1080 },
    { key: "activity", label: "Activité commencée", count: 400, share: 400 / 1200, conversion: 400 / 600 },
  ],
};

/** The attributes of every element of a name, in document order. */
function elements(svg: string, name: string): Record<string, string>[] {
  return [...svg.matchAll(new RegExp(`<${name}\\b([^>]*?)/?>`, "g"))].map((m) =>
    Object.fromEntries([...(m[1] ?? "").matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]])),
  );
}
const bars = (svg: string) => elements(svg, "rect").filter((r) => r.class === "bar");
/** The text elements with their content, unescaped tags left as they are. */
const texts = (svg: string) =>
  [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    x: Number(/\bx="([^"]*)"/.exec(m[1] ?? "")?.[1]),
    y: Number(/\by="([^"]*)"/.exec(m[1] ?? "")?.[1]),
    content: m[2] ?? "",
  }));

const all: ChartDefinition[] = [bar(), trend(), funnel];

describe("renderSvg", () => {
  test("a standalone SVG document, labelled by its title and description", () => {
    for (const def of all) {
      const svg = renderSvg(def);
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 640 \d+"/);
      expect(svg.endsWith("</svg>")).toBe(true);
      const [, titleId, descId] = /aria-labelledby="([^" ]+) ([^"]+)"/.exec(svg) ?? [];
      expect(svg).toContain(`role="img"`);
      expect(svg).toContain(`<title id="${titleId}">${def.title.replace("'", "&#39;")}</title>`);
      expect(svg).toContain(`<desc id="${descId}">${def.description}</desc>`);
    }
  });

  test("bar lengths are proportional to the values, from the same zero", () => {
    const def = bar({
      series: [{ key: "s", label: "Part", values: [0.1, 0.25, 0.4] }],
      reference: undefined,
    });
    const rects = bars(renderSvg(def));
    expect(rects).toHaveLength(3);
    const [a, b, c] = rects.map((r) => Number(r.width)) as [number, number, number];
    expect(new Set(rects.map((r) => r.x)).size).toBe(1);
    expect(b / a).toBeCloseTo(2.5, 2);
    expect(c / a).toBeCloseTo(4, 2);
  });

  test("grouped bars: one bar per series and category, each series in its own colour", () => {
    const def = bar({
      series: [
        { key: "referrals", label: "Part des orientations", values: [0.6, 0.3, 0.1] },
        { key: "population", label: "Part de la population", values: [0.5, 0.3, 0.2] },
      ],
      reference: undefined,
    });
    const svg = renderSvg(def);
    const rects = bars(svg);
    expect(rects.map((r) => r.fill)).toEqual([
      PALETTE[0],
      PALETTE[1],
      PALETTE[0],
      PALETTE[1],
      PALETTE[0],
      PALETTE[1],
    ]);
    expect(Number(rects[0]?.width) / Number(rects[1]?.width)).toBeCloseTo(0.6 / 0.5, 2);
    expect(svg).toContain(">Part des orientations</text>");
    expect(svg).toContain(">Part de la population</text>");
  });

  test("the height grows with the number of categories and stages", () => {
    const height = (svg: string) => Number(/viewBox="0 0 \d+ (\d+)"/.exec(svg)?.[1]);
    const three = height(renderSvg(bar()));
    const five = height(
      renderSvg(
        bar({
          categories: ["a", "b", "c", "d", "e"].map((key) => ({ key, label: key })),
          series: [{ key: "s", label: "S", values: [1, 2, 3, 4, 5] }],
        }),
      ),
    );
    expect(five).toBeGreaterThan(three);
    expect(height(renderSvg({ ...funnel, stages: funnel.stages.slice(0, 2) }))).toBeLessThan(
      height(renderSvg(funnel)),
    );
  });

  test("intervals are drawn as whiskers from low to high", () => {
    const svg = renderSvg(bar());
    const whiskers = elements(svg, "path").filter((p) => p.stroke && /^M[\d.]+ [\d.]+H/.test(p.d ?? ""));
    expect(whiskers).toHaveLength(2);
    const [first] = bars(svg);
    const x0 = Number(first?.x);
    const per = Number(first?.width) / 0.1;
    const [, lo, , hi] = /^M([\d.]+) ([\d.]+)H([\d.]+)/.exec(whiskers[0]?.d ?? "") ?? [];
    expect(Number(lo) - x0).toBeCloseTo(0.05 * per, 0);
    expect(Number(hi) - x0).toBeCloseTo(0.15 * per, 0);
  });

  test("a flagged category is marked by a symbol, bold text and a hatch, not by colour alone", () => {
    const svg = renderSvg(bar());
    expect(svg).toMatch(/<text[^>]*font-weight="bold"[^>]*>▲ Rural<\/text>/);
    const id = /<pattern id="([^"]+)"/.exec(svg)?.[1];
    expect(id).toBeTruthy();
    expect(elements(svg, "rect").filter((r) => r.fill === `url(#${id})`)).toHaveLength(2);
    expect(svg).toContain("▲ Significativement plus élevé");
  });

  test("the reference line stands at its value", () => {
    const svg = renderSvg(bar());
    const [first] = bars(svg);
    const per = Number(first?.width) / 0.1;
    const line = elements(svg, "path").find((p) => p["stroke-dasharray"] === "4 3" && /V/.test(p.d ?? ""));
    const x = Number(/^M([\d.]+)/.exec(line?.d ?? "")?.[1]);
    expect(x - Number(first?.x)).toBeCloseTo(0.2 * per, 0);
    expect(svg).toContain("Taux global\u00a0: 20\u00a0%");
  });

  test("a null value is drawn as nothing and said to be not computable", () => {
    const def = bar({
      series: [{ key: "s", label: "Part", values: [0.1, null, 0.3] }],
      reference: undefined,
      categories: [
        { key: "a", label: "A" },
        { key: "b", label: "B" },
        { key: "c", label: "C" },
      ],
    });
    const svg = renderSvg(def);
    expect(bars(svg)).toHaveLength(2);
    expect(texts(svg).filter((t) => t.content === "non calculable")).toHaveLength(1);
    expect(renderSvg({ ...def, locale: "en" })).toContain(">not computable</text>");
  });

  test("labels are escaped, in texts and in the title", () => {
    const def = bar({
      title: `Taux <script>&"'`,
      categories: [
        { key: "a", label: `<b>A & "B"</b>` },
        { key: "b", label: "B" },
        { key: "c", label: "C" },
      ],
    });
    const svg = renderSvg(def);
    expect(svg).not.toContain("<script>");
    expect(svg).not.toContain("<b>");
    expect(svg).toContain("&lt;b&gt;A &amp; &quot;B&quot;&lt;/b&gt;");
    expect(svg).toContain("<title id=");
    expect(svg).toContain("Taux &lt;script&gt;&amp;&quot;&#39;</title>");
    // Every `&` starts an entity: the document stays well-formed XML.
    expect(svg.match(/&(?!amp;|lt;|gt;|quot;|#39;)/g)).toBeNull();
  });

  test("a label too long for its column is cut with an ellipsis; the table keeps it whole", () => {
    const label = "La personne elle-même (auto-orientation), par un service d'accueil de jour 😀";
    const def = bar({ categories: [{ key: "a", label }], series: [{ key: "s", label: "S", values: [0.5] }] });
    const shown = texts(renderSvg(def, { width: 320 })).find((t) => t.content.startsWith("La personne"));
    expect(shown?.content.endsWith("…")).toBe(true);
    expect((shown?.content.length ?? 0) * 12 * 0.6).toBeLessThanOrEqual(320 * 0.4);
    expect(tableOf(def).rows[0]?.[0]).toBe(label);
  });

  test("no style attribute nor style element, anywhere (strict CSP)", () => {
    for (const def of [...all, { ...bar(), locale: "en" as const }]) {
      const svg = renderSvg(def, { width: 480 });
      expect(svg).not.toMatch(/\sstyle=/);
      expect(svg).not.toMatch(/<style/);
    }
  });

  test("deterministic: the same definition gives the same string, another one other ids", () => {
    for (const def of all) expect(renderSvg(structuredClone(def))).toBe(renderSvg(def));
    const id = (svg: string) => /<title id="([^"]+)"/.exec(svg)?.[1];
    expect(id(renderSvg(bar()))).not.toBe(id(renderSvg(bar({ title: "Autre" }))));
    expect(id(renderSvg(bar()))).not.toBe(id(renderSvg(bar(), { width: 800 })));
  });

  test("U+202F never appears (PDF fonts lack it): French spaces are U+00A0", () => {
    const big = bar({
      series: [{ key: "s", label: "Effectif", values: [12345, 2345.5, 100000] }],
      reference: undefined,
    });
    for (const def of [
      ...all,
      { ...big, format: { style: "decimal", maximumFractionDigits: 1 } } as BarChart,
    ]) {
      const svg = renderSvg(def);
      expect(svg).not.toContain("\u202f");
      expect(JSON.stringify(tableOf(def))).not.toContain("\u202f");
      expect(summaryOf(def)).not.toContain("\u202f");
    }
    expect(renderSvg(funnel)).toContain(">1\u00a0200</text>");
  });

  test("a 36-month line thins its labels so that none overlap, and leaves gaps for null values", () => {
    const svg = renderSvg(trend());
    const axis = /<g class="x-labels"[^>]*font-size="(\d+)"[^>]*>(.*?)<\/g>/.exec(svg);
    const size = Number(axis?.[1]);
    const labels = texts(axis?.[2] ?? "");
    expect(labels.length).toBeGreaterThan(3);
    expect(labels.length).toBeLessThan(36);
    expect(labels[0]?.content).toBe("janv. 2023");
    // Sans-serif letters are narrower than 0.6 em on average: a label is at most that wide.
    const width = (t: string) => t.length * size * 0.6;
    for (let i = 1; i < labels.length; i++) {
      const [a, b] = [labels[i - 1], labels[i]] as [(typeof labels)[number], (typeof labels)[number]];
      expect(b.x - width(b.content) / 2).toBeGreaterThan(a.x + width(a.content) / 2);
    }
    for (const label of labels) {
      expect(label.x - width(label.content) / 2).toBeGreaterThanOrEqual(0);
      expect(label.x + width(label.content) / 2).toBeLessThanOrEqual(640);
    }
    // The line breaks at the null month (two sub-paths), and the footnote names it.
    const line = elements(svg, "path").find((p) => p.fill === "none");
    expect(line?.d?.match(/M/g)).toHaveLength(2);
    expect(elements(svg, "circle")).toHaveLength(35);
    expect(svg).toContain("Délai médian\u00a0: non calculable (mai 2023)");
    // The interval band is two polygons, around the gap.
    expect(elements(svg, "path").filter((p) => p["fill-opacity"])).toHaveLength(2);
  });

  test("a short line keeps every label", () => {
    const def = trend({
      x: months.slice(0, 6),
      series: [{ key: "v", label: "V", values: [1, 2, 3, 4, 5, 6] }],
    });
    const axis = /<g class="x-labels"[^>]*>(.*?)<\/g>/.exec(renderSvg(def))?.[1] ?? "";
    expect(texts(axis).map((t) => t.content)).toEqual(months.slice(0, 6).map((m) => m.label));
  });

  test("funnel: one bar per stage, width in proportion to its count, with the step's conversion", () => {
    const svg = renderSvg(funnel);
    const widths = bars(svg).map((r) => Number(r.width));
    expect(widths).toHaveLength(4);
    const [first, second, , last] = widths as [number, number, number, number];
    expect(second / first).toBeCloseTo(0.9, 2);
    expect(last / first).toBeCloseTo(1 / 3, 2);
    expect(svg).toContain(">1\u00a0080 (90\u00a0% de l&#39;étape précédente)</text>");
    expect(svg).toContain(">600 (55,6\u00a0% de l&#39;étape précédente)</text>");
    const empty = renderSvg({
      ...funnel,
      stages: [
        { key: "a", label: "A", count: 0, share: null, conversion: null },
        { key: "b", label: "B", count: 0, share: null, conversion: null },
      ],
    });
    expect(bars(empty)).toHaveLength(0);
    expect(empty).toContain(">0 (non calculable)</text>");
    expect(empty).not.toContain("NaN");
  });

  test("no NaN or Infinity, whatever the data (all null, single value, no category)", () => {
    const cases: ChartDefinition[] = [
      bar({ series: [{ key: "s", label: "S", values: [null, null, null] }], reference: undefined }),
      bar({ categories: [], series: [] }),
      trend({ x: [], series: [] }),
      trend({ x: months.slice(0, 1), series: [{ key: "v", label: "V", values: [0] }], target: undefined }),
      { ...funnel, stages: [] },
    ];
    for (const def of cases) expect(renderSvg(def)).not.toMatch(/NaN|Infinity/);
  });

  test("the palette keeps 3:1 contrast against white", () => {
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      }) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const colour of PALETTE) expect(1.05 / (luminance(colour) + 0.05)).toBeGreaterThanOrEqual(3);
  });
});

describe("tableOf", () => {
  test("bar: one row per category, values and intervals in French format", () => {
    expect(tableOf(bar())).toEqual({
      caption:
        "Taux de refus par densité. Taux global\u00a0: 20\u00a0%. ▲\u00a0: Significativement plus élevé",
      columns: ["Catégorie", "Taux de refus", "Taux de refus (IC à 95\u00a0%)"],
      rows: [
        ["Dense", "10\u00a0%", "5\u00a0% – 15\u00a0%"],
        ["Densité intermédiaire", "20\u00a0%", "12,5\u00a0% – 30\u00a0%"],
        ["▲ Rural", "40\u00a0%", "non calculable"],
      ],
    });
  });

  test("line: one row per period, null as not computable", () => {
    const table = tableOf(trend());
    expect(table.columns).toEqual(["Période", "Délai médian", "Délai médian (IC à 95\u00a0%)"]);
    expect(table.rows).toHaveLength(36);
    expect(table.rows[0]).toEqual(["janv. 2023", "10\u00a0j", "8\u00a0j – 12\u00a0j"]);
    expect(table.rows[4]).toEqual(["mai 2023", "non calculable", "non calculable"]);
    expect(table.caption).toBe("Délai médian jusqu'au premier contact. Objectif\u00a0: 7\u00a0j");
  });

  test("funnel: count, share of the first stage and conversion from the previous one", () => {
    expect(tableOf(funnel).rows).toEqual([
      ["Orientées", "1\u00a0200", "100\u00a0%", ""],
      ["Contactées", "1\u00a0080", "90\u00a0%", "90\u00a0%"],
      ["Entretien initial", "600", "50\u00a0%", "55,6\u00a0%"],
      ["Activité commencée", "400", "33,3\u00a0%", "66,7\u00a0%"],
    ]);
  });

  test("English", () => {
    const table = tableOf({ ...bar(), locale: "en" });
    expect(table.columns[2]).toBe("Taux de refus (95% CI)");
    expect(table.rows[1]).toEqual(["Densité intermédiaire", "20%", "12.5% – 30%"]);
  });
});

describe("formatNumber", () => {
  test("French decimals, thousands and percent with no-break spaces; the unit after one", () => {
    expect(formatNumber(0.125, percent, "fr")).toBe("12,5\u00a0%");
    expect(formatNumber(12345.25, { style: "decimal", maximumFractionDigits: 1 }, "fr")).toBe(
      "12\u00a0345,3",
    );
    expect(formatNumber(3.5, { style: "decimal", maximumFractionDigits: 1, unit: "j" }, "fr")).toBe(
      "3,5\u00a0j",
    );
    expect(formatNumber(-0, { style: "decimal", maximumFractionDigits: 0 }, "fr")).toBe("0");
    expect(formatNumber(0.125, percent, "en")).toBe("12.5%");
  });
});

describe("summaryOf", () => {
  test("bar: the highest and lowest category, and the flagged ones", () => {
    expect(summaryOf(bar())).toBe(
      "Taux de refus\u00a0: valeur la plus élevée Rural (40\u00a0%), la plus basse Dense (10\u00a0%). ▲\u00a0: Rural (Significativement plus élevé).",
    );
    expect(summaryOf({ ...bar(), locale: "en", flagNote: undefined })).toBe(
      "Taux de refus: highest Rural (40%), lowest Dense (10%). ▲: Rural.",
    );
  });

  test("line: the first and last value, and which way it went", () => {
    expect(summaryOf(trend())).toBe(
      "Délai médian\u00a0: 10\u00a0j en janv. 2023, puis 4,2\u00a0j en déc. 2025 (en baisse). Objectif\u00a0: 7\u00a0j.",
    );
    const flat = trend({
      series: [{ key: "v", label: "V", values: months.map(() => 3) }],
      target: undefined,
    });
    expect(summaryOf({ ...flat, locale: "en" })).toBe(
      "V: 3\u00a0j in janv. 2023, then 3\u00a0j in déc. 2025 (unchanged).",
    );
  });

  test("funnel: from first to last stage, and the biggest drop", () => {
    expect(summaryOf(funnel)).toBe(
      "Orientées\u00a0: 1\u00a0200. Activité commencée\u00a0: 400 (33,3\u00a0% de la première étape). Plus forte baisse\u00a0: de «\u00a0Contactées\u00a0» à «\u00a0Entretien initial\u00a0» (−480, soit 55,6\u00a0% de l'étape précédente).",
    );
  });

  test("nothing computable", () => {
    expect(summaryOf(bar({ series: [{ key: "s", label: "S", values: [null, null, null] }] }))).toBe(
      "Aucune valeur calculable.",
    );
    expect(summaryOf({ ...funnel, stages: [], locale: "en" })).toBe("No computable value.");
  });
});
