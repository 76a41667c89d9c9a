/**
 * A chart as plain JSON data (no functions), so that the console and the export pack draw the same
 * thing from the same definition, and a pack can store it as it is.
 */
export type Locale = "fr" | "en";

export interface NumberFormat {
  style: "decimal" | "percent";
  maximumFractionDigits: number;
  /** Written after the number and a no-break space: "j", "pts". */
  unit?: string;
}

interface Base {
  title: string;
  /** The one-sentence takeaway, for screen readers (the SVG's `<desc>`). */
  description: string;
  locale: Locale;
  format: NumberFormat;
}

export interface Interval {
  low: number;
  high: number;
}

export interface Series {
  key: string;
  label: string;
  /** One per category (bar) or per x (line); null: not computable. */
  values: (number | null)[];
  intervals?: (Interval | null)[];
}

export interface BarChart extends Base {
  kind: "bar";
  categories: { key: string; label: string; flagged?: boolean }[];
  series: Series[];
  /** A vertical line: the overall rate, a target. */
  reference?: { value: number; label: string };
  /** What a flagged category means, said in the legend and the table's caption. */
  flagNote?: string;
}

export interface LineChart extends Base {
  kind: "line";
  x: { key: string; label: string }[];
  series: Series[];
  target?: { value: number; label: string };
}

export interface FunnelChart extends Base {
  kind: "funnel";
  stages: {
    key: string;
    label: string;
    count: number;
    /** Of the first stage. */
    share: number | null;
    /** Of the previous stage. */
    conversion: number | null;
  }[];
}

export type ChartDefinition = BarChart | LineChart | FunnelChart;
