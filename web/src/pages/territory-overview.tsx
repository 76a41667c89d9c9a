import { A, useParams } from "@solidjs/router";
import { For, Show } from "solid-js";
import { createMembership } from "../data/session";
import { createOverview } from "../data/territory";
import { densityLabel, formatNumber, formatPercent, t } from "../i18n";
import { CompletenessPanel } from "../ui/completeness";
import { PageTitle } from "../ui/page";
import { QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";
import { Period } from "../ui/territory";

export function OverviewPage() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const overview = createOverview(id);
  const isLead = () => membership()?.role === "territory_lead";
  const name = () =>
    (overview.data?.territory.id === id() ? overview.data.territory.name : undefined) ??
    membership()?.contextName ??
    t().territory.overview;

  return (
    <>
      <PageTitle title={name()} />
      <QueryView query={overview}>
        {(data) => (
          <div class="overview">
            <Show when={isLead()}>
              <CompletenessPanel territoryId={id()} territory={data().territory} />
            </Show>
            <section class="panel" aria-labelledby="overview-profile">
              <h2 id="overview-profile">{t().territory.profileSection}</h2>
              <dl class="summary">
                <div>
                  <dt>{t().territory.carrier}</dt>
                  <dd>
                    {t().carrierTypes[data().territory.carrierType]}
                    <Show when={data().territory.carrierName}>
                      {(carrierName) => <span class="muted"> — {carrierName()}</span>}
                    </Show>
                  </dd>
                </div>
                <div>
                  <dt>{t().territory.programme}</dt>
                  <dd>{t().programmes[data().territory.programme]}</dd>
                </div>
                <div>
                  <dt>{t().territory.period}</dt>
                  <dd>
                    <Period start={data().territory.startDate} end={data().territory.endDate} />
                  </dd>
                </div>
                <div>
                  <dt>{t().territory.population}</dt>
                  <dd>{formatNumber(data().territory.population)}</dd>
                </div>
                <div>
                  <dt>{t().territory.communesCount}</dt>
                  <dd>{formatNumber(data().territory.communes.length)}</dd>
                </div>
                <div>
                  <dt>{t().territory.qpv}</dt>
                  <dd>
                    <Show when={data().territory.priorityNeighbourhoods.length > 0} fallback={t().app.none}>
                      <ul class="inline-list">
                        <For each={data().territory.priorityNeighbourhoods}>{(qpv) => <li>{qpv}</li>}</For>
                      </ul>
                    </Show>
                  </dd>
                </div>
              </dl>
              <p>
                <A href={`/territoires/${id()}/profil`}>
                  {isLead() ? t().territory.editProfile : t().territory.viewProfile}
                </A>
              </p>
            </section>

            <section class="panel" aria-labelledby="overview-rurality">
              <h2 id="overview-rurality">{t().territory.ruralitySection}</h2>
              <dl class="summary">
                <div>
                  <dt>{t().territory.rurality}</dt>
                  <dd>{t().rurality[data().rurality]}</dd>
                </div>
                <div>
                  <dt>{t().territory.ruralShare}</dt>
                  <dd>
                    {data().ruralPopulationShare === null
                      ? t().app.notProvided
                      : formatPercent(data().ruralPopulationShare ?? 0)}
                  </dd>
                </div>
              </dl>
              <p class="muted small">{t().territory.ruralityNote}</p>
            </section>

            <section class="panel panel--wide" aria-labelledby="overview-communes">
              <h2 id="overview-communes">{t().territory.communesSection}</h2>
              <TableWrap label={t().territory.communesCaption}>
                <table>
                  <caption>{t().territory.communesCaption}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t().territory.code}</th>
                      <th scope="col">{t().territory.commune}</th>
                      <th scope="col">{t().territory.density}</th>
                      <th scope="col" class="numeric">
                        {t().territory.municipalPopulation}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={data().communes}>
                      {(commune) => (
                        <tr>
                          <td>
                            <code>{commune.code}</code>
                          </td>
                          <th scope="row">{commune.name ?? t().territory.unknownCommune}</th>
                          <td>{densityLabel(commune.density)}</td>
                          <td class="numeric">
                            {commune.population === null ? "—" : formatNumber(commune.population)}
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </TableWrap>
            </section>

            <section class="panel" aria-labelledby="overview-team">
              <h2 id="overview-team">{t().territory.teamSection}</h2>
              <dl class="summary summary--numbers">
                <div>
                  <dt>{t().territory.leads}</dt>
                  <dd>{formatNumber(data().members.territory_lead)}</dd>
                </div>
                <div>
                  <dt>{t().territory.linkWorkers}</dt>
                  <dd>{formatNumber(data().members.link_worker)}</dd>
                </div>
              </dl>
              <Show when={isLead()}>
                <p class="links">
                  <A href={`/territoires/${id()}/membres`}>{t().territory.members}</A>
                  <A href={`/territoires/${id()}/journal`}>{t().territory.journal}</A>
                </p>
              </Show>
            </section>

            <section class="panel" aria-labelledby="overview-indicators">
              <h2 id="overview-indicators">{t().territory.indicators}</h2>
              <p>{t().territory.indicatorsIntro}</p>
              <p class="links">
                <A href={`/territoires/${id()}/indicateurs`}>{t().territory.indicatorsLink}</A>
                <Show when={isLead()}>
                  <A href={`/territoires/${id()}/indicateurs/parametres`}>
                    {t().territory.indicatorSettings}
                  </A>
                  <A href={`/territoires/${id()}/indicateurs/periodes`}>{t().territory.indicatorPeriods}</A>
                </Show>
              </p>
            </section>

            <section class="panel" aria-labelledby="overview-networks">
              <h2 id="overview-networks">{t().territory.networksSection}</h2>
              <h3>{t().territory.federations}</h3>
              <Show
                when={data().federations.length > 0}
                fallback={<p class="muted">{t().territory.noFederation}</p>}
              >
                <ul>
                  <For each={data().federations}>{(federation) => <li>{federation.name}</li>}</For>
                </ul>
              </Show>
              <h3>{t().territory.funders}</h3>
              <Show when={data().funders.length > 0} fallback={<p class="muted">{t().territory.noFunder}</p>}>
                <ul>
                  <For each={data().funders}>{(funder) => <li>{funder.name}</li>}</For>
                </ul>
              </Show>
            </section>
          </div>
        )}
      </QueryView>
    </>
  );
}
