import type { Territory, TerritorySummary } from "@maillage/schema";
import { For, Show } from "solid-js";
import { formatDate, formatNumber, label, t } from "../i18n";
import { TableWrap } from "./table";

/** Labels for values the API sends as plain strings (summaries) but that come from a closed list. */
export const carrierLabel = (type: string) => label("carrierTypes", type);
export const programmeLabel = (programme: string) => label("programmes", programme);

export function Period(props: { start: string; end: string | null }) {
  return (
    <>
      {props.end
        ? t().territory.fromTo(formatDate(props.start), formatDate(props.end))
        : t().territory.from(formatDate(props.start))}
    </>
  );
}

/** The profile as a read-only description list. */
export function ProfileView(props: { territory: Territory }) {
  const p = () => t().profile;
  const rows = () => [
    { label: p().name, value: props.territory.name },
    { label: p().carrierType, value: carrierLabel(props.territory.carrierType) },
    { label: p().carrierName, value: props.territory.carrierName || t().app.notProvided },
    { label: p().communes, value: props.territory.communes.join(", ") },
    { label: p().population, value: formatNumber(props.territory.population) },
    {
      label: p().qpv,
      value: props.territory.priorityNeighbourhoods.join(", ") || t().app.none,
    },
    { label: p().programme, value: programmeLabel(props.territory.programme) },
    { label: p().startDate, value: formatDate(props.territory.startDate) },
    {
      label: p().endDate,
      value: props.territory.endDate ? formatDate(props.territory.endDate) : t().app.notProvided,
    },
  ];
  return (
    <dl class="summary summary--profile">
      <For each={rows()}>
        {(row) => (
          <div>
            <dt>{row.label}</dt>
            <dd>{row.value}</dd>
          </div>
        )}
      </For>
    </dl>
  );
}

/** Territories side by side, as federations and funders see them (profiles only). */
export function TerritoriesTable(props: { territories: TerritorySummary[] }) {
  const n = () => t().network;
  return (
    <TableWrap label={n().caption}>
      <table>
        <caption>{n().caption}</caption>
        <thead>
          <tr>
            <th scope="col">{n().name}</th>
            <th scope="col">{n().programme}</th>
            <th scope="col">{n().carrier}</th>
            <th scope="col" class="numeric">
              {n().population}
            </th>
            <th scope="col" class="numeric">
              {n().communes}
            </th>
            <th scope="col">{n().start}</th>
            <th scope="col">{n().end}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.territories}>
            {(territory) => (
              <tr>
                <th scope="row">{territory.name}</th>
                <td>{programmeLabel(territory.programme)}</td>
                <td>{carrierLabel(territory.carrierType)}</td>
                <td class="numeric">{formatNumber(territory.population)}</td>
                <td class="numeric">{formatNumber(territory.communeCount)}</td>
                <td>{formatDate(territory.startDate)}</td>
                <td>
                  <Show when={territory.endDate} fallback="—">
                    {(end) => <>{formatDate(end())}</>}
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableWrap>
  );
}
