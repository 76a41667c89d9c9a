import { type ChartDefinition, renderSvg, summaryOf, tableOf } from "@maillage/charts";
import { createMemo, For } from "solid-js";
import { chartTexts } from "./chart-texts";
import { TableWrap } from "./table";

/**
 * A chart as a figure: the SVG the export pack draws too, a caption with its title and summary, and
 * its data as a real table for whoever does not see the chart. Load it lazily,
 * `lazy(() => import("../ui/chart"))`, so that @maillage/charts stays out of the first download.
 */
export default function Chart(props: { definition: ChartDefinition }) {
  const svg = createMemo(() => renderSvg(props.definition));
  const table = createMemo(() => tableOf(props.definition));
  return (
    <figure class="chart">
      {/*
       * The one place the console injects markup. It is safe: renderSvg builds the whole string
       * itself, every text from the definition goes through escapeXml, and everything else is
       * numbers and its own constant tags and attributes (tested in packages/charts).
       */}
      <div class="chart__image" innerHTML={svg()} />
      <figcaption class="chart__caption">
        <strong>{props.definition.title}</strong> {summaryOf(props.definition)}
      </figcaption>
      <details class="chart__data">
        <summary>{chartTexts[props.definition.locale].table}</summary>
        <TableWrap label={table().caption}>
          <table>
            <caption>{table().caption}</caption>
            <thead>
              <tr>
                <For each={table().columns}>
                  {(column, i) => (
                    <th scope="col" class={i() > 0 ? "numeric" : undefined}>
                      {column}
                    </th>
                  )}
                </For>
              </tr>
            </thead>
            <tbody>
              <For each={table().rows}>
                {(row) => (
                  <tr>
                    <th scope="row">{row[0]}</th>
                    <For each={row.slice(1)}>{(cell) => <td class="numeric">{cell}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableWrap>
      </details>
    </figure>
  );
}
