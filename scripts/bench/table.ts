export type Align = "left" | "right";

/** A plain-text table: columns padded to their widest cell, two spaces apart. */
export function renderTable(header: string[], rows: string[][], align: Align[]): string {
  const lines = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...lines.map((cells) => (cells[column] ?? "").length)));
  const render = (cells: string[]) =>
    widths
      .map((width, column) => {
        const cell = cells[column] ?? "";
        return align[column] === "right" ? cell.padStart(width) : cell.padEnd(width);
      })
      .join("  ")
      .trimEnd();
  const rule = widths.map((width) => "─".repeat(width)).join("  ");
  return [render(header), rule, ...rows.map(render)].join("\n");
}

const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export const format = {
  bytes: (bytes: number) => `${integer.format(bytes)} B`,
  ms: (ms: number) => `${ms.toFixed(2)} ms`,
  count: (n: number) => integer.format(n),
  ratio: (value: number, baseline: number) => `${(value / baseline).toFixed(1)}×`,
  connections: (n: number) => `${n} connection${n === 1 ? "" : "s"}`,
};
