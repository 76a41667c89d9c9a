import type { CustomMeasureDefinition } from "@maillage/measures";
import {
  funnelIssues,
  JourneyAssignment,
  JourneyCreate,
  JourneySettingsUpdate,
  type JourneyStatus,
  JourneyUpdate,
  journeySharings,
  journeyStatuses,
  type LinkWorker,
  prescriberTypes,
  referralReasons,
  routeKey,
  SNOMED_REFERRED,
} from "@maillage/schema";
import { A, useLocation, useNavigate, useParams, useSearchParams } from "@solidjs/router";
import { useQueryClient } from "@tanstack/solid-query";
import { createEffect, createMemo, createSignal, For, type JSX, on, Show, untrack } from "solid-js";
import { isApiError } from "../api";
import {
  createAddJourney,
  createAssignJourney,
  createDeleteJourney,
  createJourney,
  createJourneySettings,
  createJourneys,
  createLinkWorkerChoices,
  createResourceChoices,
  createSaveJourneySettings,
  createUpdateJourney,
  type JourneyView,
  journeyKeys,
} from "../data/journeys";
import { createPathway, createReferralSettings } from "../data/pathway";
import { createMe, createMembership } from "../data/session";
import { densityLabel, formatDate, formatNumber, label, t } from "../i18n";
import { RequireRole } from "../ui/access";
import { MoreButton, Summary } from "../ui/catalogue";
import { ChoiceGroup } from "../ui/choices";
import { createForm, Field, FormView, StatusMessage, SubmitButton } from "../ui/form";
import { isClosed, todayInFrance } from "../ui/journey-draft";
import { ConflictNotice, createConflictReload, EventForm, routeLabel, Timeline } from "../ui/journey-events";
import {
  CodesField,
  emptyPerson,
  FlagField,
  InputField,
  locatePerson,
  type PersonDraft,
  PersonFields,
  personDraftOf,
  personInput,
  SelectField,
  TrackField,
} from "../ui/journey-fields";
import { MeasuresSection } from "../ui/journey-measures";
import { options } from "../ui/link-worker-draft";
import { PageTitle } from "../ui/page";
import { routeName } from "../ui/pathway";
import { errorMessage, Loading, QueryView } from "../ui/states";
import { TableWrap } from "../ui/table";

const READERS = ["territory_lead", "link_worker"] as const;

function useTerritory() {
  const params = useParams();
  const id = () => params.territoryId ?? "";
  const membership = createMembership(id);
  const isLead = () => membership()?.role === "territory_lead";
  return { params, id, membership, isLead, base: () => `/territoires/${id()}/parcours-individuels` };
}

function Breadcrumb(props: { base: string; current: string }) {
  return (
    <nav class="breadcrumb" aria-label={t().journeys.breadcrumb}>
      <ol>
        <li>
          <A href={props.base} end>
            {t().journeys.back}
          </A>
        </li>
        <li aria-current="page">{props.current}</li>
      </ol>
    </nav>
  );
}

/** The link workers a person may assign a journey to: a lead any, a link worker their own record(s). */
function createAssignable(territoryId: () => string, isLead: () => boolean) {
  const workers = createLinkWorkerChoices(territoryId);
  const me = createMe();
  const choices = createMemo(() =>
    (workers.data ?? []).filter((worker) => isLead() || worker.userId === me.data?.user.id),
  );
  return { workers, choices };
}

const workerName = (workers: readonly LinkWorker[] | undefined, id: string | null) =>
  id
    ? (workers?.find((worker) => worker.id === id)?.name ?? t().journeys.unknownWorker)
    : t().journeys.unassigned;

// --- The list ---------------------------------------------------------------------------------------

const statusOf = (value: string | string[] | undefined): JourneyStatus | "" => {
  const text = Array.isArray(value) ? value[0] : value;
  return (journeyStatuses as readonly string[]).includes(text ?? "") ? (text as JourneyStatus) : "";
};

export function JourneysPage() {
  const { id, membership, isLead, base } = useTerritory();
  const j = () => t().journeys;
  const location = useLocation<{ deleted?: string }>();
  const [search, setSearch] = useSearchParams();
  const status = createMemo(() => statusOf(search.status));
  return (
    <>
      <PageTitle title={j().title(membership()?.contextName ?? "")} />
      <RequireRole roles={READERS} contextId={id()}>
        <p class="lead">{j().intro}</p>
        <p class="notice">{j().pseudonymised}</p>
        <p class="actions">
          <A class="button" href={`${base()}/nouveau`}>
            {j().add}
          </A>
          <Show when={isLead()}>
            {" "}
            <A class="button" href={`${base()}/importer`}>
              {t().imports.journeysTitle}
            </A>
          </Show>
        </p>
        <StatusMessage>{location.state?.deleted ? j().deleted(location.state.deleted) : ""}</StatusMessage>
        <StatusFilter
          status={status()}
          apply={(next) => setSearch({ status: next || undefined })}
          clearHref={base()}
        />
        <JourneysList territoryId={id()} base={base()} status={status()} />
        <Show when={id()} keyed>
          {(territoryId) => <Sharing territoryId={territoryId} isLead={isLead()} />}
        </Show>
      </RequireRole>
    </>
  );
}

function StatusFilter(props: {
  status: JourneyStatus | "";
  apply: (status: JourneyStatus | "") => void;
  clearHref: string;
}) {
  const j = () => t().journeys;
  const [selected, setSelected] = createSignal<string>(untrack(() => props.status));
  // Back and forward in the browser: the select shows the URL's filter.
  createEffect(on(() => props.status, setSelected, { defer: true }));
  return (
    <section class="panel filters" aria-labelledby="journey-filters-title">
      <h2 id="journey-filters-title">{j().filters}</h2>
      <form
        class="form"
        onSubmit={(event) => {
          event.preventDefault();
          props.apply(statusOf(selected()));
        }}
      >
        <Field id="journey-filter-status" label={j().status}>
          {(control) => (
            <select {...control} onChange={(event) => setSelected(event.currentTarget.value)}>
              <option value="" selected={selected() === ""}>
                {j().anyStatus}
              </option>
              <For each={options("journeyStatuses", journeyStatuses)}>
                {(option) => (
                  <option value={option.value} selected={selected() === option.value}>
                    {option.label}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <div class="form__actions">
          <button type="submit" class="button">
            {j().filter}
          </button>{" "}
          <A href={props.clearHref} class="button button--quiet" end>
            {j().clearFilter}
          </A>
        </div>
      </form>
    </section>
  );
}

function JourneysList(props: { territoryId: string; base: string; status: JourneyStatus | "" }) {
  const j = () => t().journeys;
  const list = createJourneys(
    () => props.territoryId,
    () => props.status,
  );
  const workers = createLinkWorkerChoices(() => props.territoryId);
  const items = createMemo(() => list.data?.pages.flatMap((page) => page.items) ?? []);
  const [loaded, setLoaded] = createSignal<number>();
  const more = async () => {
    if (list.isFetchingNextPage) return;
    const before = items().length;
    setLoaded(undefined);
    await list.fetchNextPage();
    const added = items().length - before;
    if (added <= 0) return;
    setLoaded(added);
    queueMicrotask(() => document.getElementById(`journey-${before}`)?.focus());
  };
  return (
    <QueryView
      query={list}
      isEmpty={(data) => data.pages.every((page) => page.items.length === 0) && !data.pages.at(-1)?.next}
      empty={props.status ? j().emptyFiltered : j().empty}
    >
      {() => (
        <>
          <p class="muted" id="journeys-count">
            {j().shown(items().length, list.hasNextPage)}
          </p>
          <Show when={items().length > 0}>
            <TableWrap label={j().caption}>
              <table aria-describedby="journeys-count">
                <caption class="visually-hidden">{j().caption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{j().code}</th>
                    <th scope="col">{j().referralDate}</th>
                    <th scope="col">{j().status}</th>
                    <th scope="col">{j().linkWorker}</th>
                    <th scope="col">{j().ageBand}</th>
                    <th scope="col">{j().sex}</th>
                    <th scope="col">{j().track}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={items()}>
                    {(journey, index) => (
                      <tr id={`journey-${index()}`} tabindex="-1">
                        <th scope="row" class="nowrap">
                          <A href={`${props.base}/${journey.id}`}>{journey.code}</A>
                        </th>
                        <td class="nowrap">
                          {journey.milestones.referral ? formatDate(journey.milestones.referral) : "—"}
                        </td>
                        <td>{label("journeyStatuses", journey.status)}</td>
                        <td>{workerName(workers.data, journey.linkWorkerId)}</td>
                        <td>{label("ageBands", journey.person.ageBand)}</td>
                        <td>{label("sexes", journey.person.sex)}</td>
                        <td>{label("tracks", journey.track)}</td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </TableWrap>
          </Show>
          <Show when={list.hasNextPage}>
            <MoreButton pending={list.isFetchingNextPage} onClick={() => void more()} />
          </Show>
          <Show when={list.isFetchNextPageError}>
            <p class="alert alert--error" role="alert">
              {errorMessage(list.error)}
            </p>
          </Show>
          <StatusMessage>{loaded() ? t().journal.loaded(loaded() ?? 0) : ""}</StatusMessage>
        </>
      )}
    </QueryView>
  );
}

// --- Sharing (journey settings) -------------------------------------------------------------------

function Sharing(props: { territoryId: string; isLead: boolean }) {
  const j = () => t().journeys;
  const settings = createJourneySettings(() => props.territoryId);
  return (
    <section class="panel" aria-labelledby="journey-sharing-title">
      <h2 id="journey-sharing-title">{j().sharingTitle}</h2>
      <QueryView query={settings}>
        {(data) => (
          <Show when={props.isLead} fallback={<p>{j().sharingNow(data().sharing)}</p>}>
            <SharingForm territoryId={props.territoryId} initial={untrack(data)} />
          </Show>
        )}
      </QueryView>
    </section>
  );
}

type Settings = { sharing: "assigned" | "team"; version: number; updatedAt: string | null };

function SharingForm(props: { territoryId: string; initial: Settings }) {
  const j = () => t().journeys;
  const territoryId = untrack(() => props.territoryId);
  const queryClient = useQueryClient();
  const save = createSaveJourneySettings(() => territoryId);
  const [status, setStatus] = createSignal("");
  const draftOf = (settings: Settings) => ({
    sharing: settings.sharing as string,
    version: settings.version,
  });
  const form = createForm({
    id: "journey-sharing",
    schema: JourneySettingsUpdate,
    initial: () => draftOf(untrack(() => props.initial)),
    labels: () => ({ sharing: j().sharing }),
    conflict: "journey_settings.version_conflict",
    send: (input) => {
      setStatus("");
      return save.mutateAsync(input);
    },
    done: (saved, form) => {
      form.reset(draftOf(saved));
      setStatus(j().sharingSaved(saved.sharing));
    },
  });
  createEffect(
    on(form.conflict, (error) => {
      const current = error?.current as Settings | undefined;
      if (!current || typeof current !== "object" || !("version" in current)) return;
      queryClient.setQueryData(journeyKeys.settings(territoryId), current);
      form.reset(draftOf(current));
      setStatus(j().sharingReloaded(current.sharing));
    }),
  );
  return (
    <FormView form={form}>
      <ChoiceGroup
        id={form.id("sharing")}
        name="journey-sharing"
        legend={j().sharing}
        hint={j().sharingHint}
        errors={form.errors("sharing")}
        type="radio"
        options={journeySharings.map((value) => ({ value, label: j().sharingOption(value) }))}
        checked={(value) => form.draft.sharing === value}
        onChange={(value, checked) => {
          if (checked) form.set("sharing", value);
        }}
      />
      <SubmitButton form={form} label={j().sharingSave} />
      <StatusMessage>{status()}</StatusMessage>
    </FormView>
  );
}

// --- A new journey ----------------------------------------------------------------------------------

export function NewJourneyPage() {
  const { id, base, isLead } = useTerritory();
  const j = () => t().journeys;
  return (
    <>
      <Breadcrumb base={base()} current={j().newTitle} />
      <PageTitle title={j().newTitle} />
      <RequireRole roles={READERS} contextId={id()}>
        <p class="notice">{j().pseudonymised}</p>
        <Show when={id()} keyed>
          {(territoryId) => <NewJourney territoryId={territoryId} base={base()} isLead={isLead()} />}
        </Show>
      </RequireRole>
    </>
  );
}

function NewJourney(props: { territoryId: string; base: string; isLead: boolean }) {
  const { workers, choices } = createAssignable(
    () => props.territoryId,
    () => props.isLead,
  );
  const referrals = createReferralSettings(() => props.territoryId);
  const j = () => t().journeys;
  return (
    <QueryView query={workers}>
      {() => (
        <QueryView query={referrals}>
          {(settings) => (
            <Show
              when={props.isLead || choices().length > 0}
              fallback={<p class="alert alert--warning">{j().noProfile}</p>}
            >
              <NewJourneyForm
                territoryId={props.territoryId}
                base={props.base}
                isLead={props.isLead}
                workers={choices()}
                routes={settings().routes.filter((route) => route.enabled)}
              />
            </Show>
          )}
        </QueryView>
      )}
    </QueryView>
  );
}

interface NewJourneyDraft {
  person: PersonDraft;
  linkWorkerId: string;
  track: string;
  externalReference: string;
  referral: { date: string; route: string; prescriber: string; reasons: string[]; snomed: boolean };
}

const REFERRAL_FIELDS = ["date", "route", "prescriber", "reasons"] as const;

function NewJourneyForm(props: {
  territoryId: string;
  base: string;
  isLead: boolean;
  workers: readonly LinkWorker[];
  routes: readonly { kind: string; professionalType: string | null; label: string }[];
}) {
  const j = () => t().journeys;
  const territoryId = untrack(() => props.territoryId);
  const navigate = useNavigate();
  const add = createAddJourney(() => territoryId);
  const [taken, setTaken] = createSignal(false);
  const referralLabels = (): Record<(typeof REFERRAL_FIELDS)[number], string> => ({
    date: j().referralDate,
    route: j().route,
    prescriber: j().prescriber,
    reasons: j().reasons,
  });
  const form = createForm({
    id: "journey",
    keep: `journey:new:${territoryId}`,
    schema: JourneyCreate,
    initial: (): NewJourneyDraft => ({
      person: emptyPerson(),
      // A link worker records journeys for themself: their own record, when they have only one.
      linkWorkerId:
        !untrack(() => props.isLead) && props.workers.length === 1 ? (props.workers[0]?.id ?? "") : "",
      track: "",
      externalReference: "",
      referral: { date: todayInFrance(), route: "", prescriber: "", reasons: [], snomed: false },
    }),
    labels: () => ({
      person: j().sectionPerson,
      linkWorkerId: j().linkWorker,
      track: j().track,
      externalReference: j().externalReference,
      events: j().sectionReferral,
    }),
    input: (draft) => ({
      person: personInput(draft.person),
      linkWorkerId: draft.linkWorkerId || null,
      track: draft.track || null,
      externalReference: draft.externalReference.trim() || null,
      events: [{ type: "referral", ...draft.referral }],
      measures: [],
    }),
    locate: (path) => {
      const person = locatePerson("journey", path);
      if (person) return person;
      const referral = /^events\.0\.(\w+)/.exec(path);
      const field = referral?.[1] as (typeof REFERRAL_FIELDS)[number] | undefined;
      if (field && REFERRAL_FIELDS.includes(field)) {
        return { id: `journey-referral-${field}`, label: referralLabels()[field] };
      }
      if (path === "events") return { id: "journey-referral-date", label: j().sectionReferral };
      return undefined;
    },
    check: (input) => funnelIssues(input.events, todayInFrance()),
    send: async (input) => {
      setTaken(false);
      try {
        return await add.mutateAsync(input);
      } catch (error) {
        if (!isApiError(error, "journey.reference_taken")) throw error;
        setTaken(true);
        queueMicrotask(() => document.getElementById(form.id("externalReference"))?.focus());
        return undefined;
      }
    },
    done: (saved) => {
      if (saved) navigate(`${props.base}/${saved.id}`, { state: { created: saved.code } });
    },
  });
  const errors = (path: string) => form.errorsAt(path);
  const referralId = (field: string) => `journey-referral-${field}`;
  const setReferral = <K extends keyof NewJourneyDraft["referral"]>(
    key: K,
    value: NewJourneyDraft["referral"][K],
  ) => form.set("referral", key, value as never);
  return (
    <FormView form={form}>
      <Show when={taken()}>
        <p class="alert alert--error" role="alert">
          {j().referenceTaken}
        </p>
      </Show>
      <PersonFields
        prefix="journey"
        person={form.draft.person}
        set={(key, value) => form.set("person", key, value as never)}
        errors={errors}
      />
      <fieldset class="fieldset">
        <legend>{j().sectionReferral}</legend>
        <div class="field-row">
          <InputField
            id={referralId("date")}
            label={j().referralDate}
            type="date"
            value={form.draft.referral.date}
            onInput={(value) => setReferral("date", value)}
            errors={errors("events.0.date") ?? errors("events")}
            short
          />
          <SelectField
            id={referralId("route")}
            label={j().route}
            hint={props.routes.length === 0 ? j().noRoutes : j().routeHint}
            value={form.draft.referral.route}
            options={props.routes.map((route) => ({
              value: routeKey(route),
              label: routeName(route as Parameters<typeof routeName>[0]),
            }))}
            onChange={(value) => setReferral("route", value)}
            errors={errors("events.0.route")}
          />
          <SelectField
            id={referralId("prescriber")}
            label={j().prescriber}
            value={form.draft.referral.prescriber}
            options={options("prescriberTypes", prescriberTypes)}
            onChange={(value) => setReferral("prescriber", value)}
            errors={errors("events.0.prescriber")}
          />
        </div>
        <CodesField
          id={referralId("reasons")}
          legend={j().reasons}
          hint={j().reasonsHint}
          values={form.draft.referral.reasons}
          options={options("referralReasons", referralReasons)}
          onChange={(values) => setReferral("reasons", values)}
          errors={errors("events.0.reasons")}
        />
        <FlagField
          id={referralId("snomed")}
          label={j().snomedReferred(SNOMED_REFERRED)}
          hint={j().snomedHint}
          checked={form.draft.referral.snomed}
          onChange={(checked) => setReferral("snomed", checked)}
        />
      </fieldset>
      <fieldset class="fieldset">
        <legend>{j().sectionFollow}</legend>
        <div class="field-row">
          <SelectField
            id={form.id("linkWorkerId")}
            label={j().linkWorker}
            hint={props.isLead ? j().linkWorkerLeadHint : j().linkWorkerOwnHint}
            value={form.draft.linkWorkerId}
            options={props.workers.map((worker) => ({ value: worker.id, label: worker.name }))}
            empty={props.isLead ? j().unassigned : undefined}
            onChange={(value) => form.set("linkWorkerId", value)}
            errors={form.errors("linkWorkerId")}
          />
          <TrackField
            id={form.id("track")}
            value={form.draft.track}
            onChange={(value) => form.set("track", value)}
            errors={form.errors("track")}
            allowProposed
          />
        </div>
        <InputField
          id={form.id("externalReference")}
          label={j().externalReference}
          hint={j().externalReferenceHint}
          value={form.draft.externalReference}
          onInput={(value) => form.set("externalReference", value)}
          errors={taken() ? [j().referenceTaken] : form.errors("externalReference")}
          short
          optional
        />
      </fieldset>
      <SubmitButton form={form} label={j().create} />
    </FormView>
  );
}

// --- One journey ------------------------------------------------------------------------------------

export function JourneyPage() {
  const { params, id, isLead, base } = useTerritory();
  const j = () => t().journeys;
  const journeyId = () => params.journeyId ?? "";
  const journey = createJourney(id, journeyId);
  const location = useLocation<{ created?: string }>();
  const code = () => (journey.data?.id === journeyId() ? journey.data.code : "");
  return (
    <>
      <Breadcrumb base={base()} current={code() ? j().journeyTitle(code()) : t().app.loading} />
      <PageTitle title={code() ? j().journeyTitle(code()) : j().back} />
      <RequireRole roles={READERS} contextId={id()}>
        <StatusMessage>{location.state?.created ? j().created(location.state.created) : ""}</StatusMessage>
        <QueryView query={journey}>
          {(data) => (
            <Show when={data().id === journeyId()}>
              <JourneyDetail territoryId={id()} journey={data()} isLead={isLead()} base={base()} />
            </Show>
          )}
        </QueryView>
      </RequireRole>
    </>
  );
}

function JourneyDetail(props: { territoryId: string; journey: JourneyView; isLead: boolean; base: string }) {
  const j = () => t().journeys;
  const territoryId = () => props.territoryId;
  const pathway = createPathway(territoryId);
  const referrals = createReferralSettings(territoryId);
  const resources = createResourceChoices(territoryId);
  const settings = createJourneySettings(territoryId);
  const workers = createLinkWorkerChoices(territoryId);
  const customMeasures = () =>
    ((settings.data as { customMeasures?: unknown[] } | undefined)?.customMeasures ??
      []) as CustomMeasureDefinition[];
  const journey = () => props.journey;
  return (
    <>
      <JourneyHeader journey={journey()} routes={referrals.data?.routes} />
      <Milestones journey={journey()} />
      <section class="panel" aria-labelledby="journey-delays">
        <h2 id="journey-delays">{j().delaysTitle}</h2>
        <Show when={pathway.data} fallback={<Loading />}>
          {(steps) => <Delays journey={journey()} steps={steps().steps} />}
        </Show>
      </section>
      <section class="panel" aria-labelledby="journey-events">
        <h2 id="journey-events">{j().eventsTitle}</h2>
        <Timeline
          territoryId={props.territoryId}
          journey={journey()}
          resources={resources.data ?? []}
          routes={referrals.data?.routes}
        />
        <h3>{isClosed(journey()) ? j().reopenTitle : j().nextTitle}</h3>
        <EventForm territoryId={props.territoryId} journey={journey()} resources={resources.data ?? []} />
      </section>
      <section class="panel" aria-labelledby="journey-measures">
        <h2 id="journey-measures">{j().measures.title}</h2>
        <Show when={pathway.data && !settings.isPending} fallback={<Loading />}>
          <MeasuresSection
            territoryId={props.territoryId}
            journey={journey()}
            pathway={pathway.data}
            customMeasures={customMeasures()}
          />
        </Show>
      </section>
      <section class="panel" aria-labelledby="journey-person">
        <h2 id="journey-person">{j().editTitle}</h2>
        <PersonForm territoryId={props.territoryId} journey={journey()} />
      </section>
      <Show when={props.isLead}>
        <section class="panel" aria-labelledby="journey-lead">
          <h2 id="journey-lead">{j().leadTitle}</h2>
          <AssignForm territoryId={props.territoryId} journey={journey()} workers={workers.data ?? []} />
          <DeleteJourney territoryId={props.territoryId} journey={journey()} base={props.base} />
        </section>
      </Show>
    </>
  );
}

function JourneyHeader(props: { journey: JourneyView; routes: Parameters<typeof routeLabel>[1] }) {
  const j = () => t().journeys;
  const p = () => props.journey.person;
  const yesNo = (key: "qpv" | "livesAlone" | "chronicCondition" | "psychiatricComorbidity") =>
    label("triStates", p()[key]);
  const rows = (): { label: string; value: JSX.Element }[] => [
    {
      label: j().status,
      value: <span class="tag">{label("journeyStatuses", props.journey.status)}</span>,
    },
    { label: j().track, value: label("tracks", props.journey.track) },
    { label: j().linkWorker, value: props.journey.linkWorkerName ?? j().unassigned },
    {
      label: j().route,
      value: props.journey.route ? routeLabel(props.journey.route, props.routes) : t().app.notProvided,
    },
    { label: j().externalReference, value: props.journey.externalReference ?? t().app.notProvided },
    { label: j().ageBand, value: label("ageBands", p().ageBand) },
    { label: j().sex, value: label("sexes", p().sex) },
    {
      label: j().commune,
      value: p().commune ? `${p().commune} (${densityLabel(props.journey.rurality)})` : t().app.notProvided,
    },
    { label: j().qpv, value: yesNo("qpv") },
    { label: j().livesAlone, value: yesNo("livesAlone") },
    { label: j().chronicCondition, value: yesNo("chronicCondition") },
    { label: j().psychiatricComorbidity, value: yesNo("psychiatricComorbidity") },
    { label: j().distress, value: label("distressLevels", p().distress) },
    {
      label: j().precarity,
      value:
        p()
          .precarity.map((code) => label("precarityMarkers", code))
          .join(", ") || t().app.none,
    },
    {
      label: j().targetGroups,
      value:
        p()
          .targetGroups.map((code) => label("targetGroups", code))
          .join(", ") || t().app.none,
    },
    { label: j().version, value: formatNumber(props.journey.version) },
  ];
  return (
    <section class="panel" aria-labelledby="journey-summary">
      <h2 id="journey-summary">{j().summaryTitle}</h2>
      <Summary rows={rows()} />
    </section>
  );
}

const MILESTONES = [
  "referral",
  "firstContact",
  "initialInterview",
  "plan",
  "firstOrientation",
  "firstActivity",
  "firstFollowUp",
  "evaluation",
  "exit",
] as const;

function Milestones(props: { journey: JourneyView }) {
  const j = () => t().journeys;
  return (
    <section class="panel" aria-labelledby="journey-milestones">
      <h2 id="journey-milestones">{j().milestonesTitle}</h2>
      <dl class="summary">
        <For each={MILESTONES}>
          {(key) => (
            <div>
              <dt>{j().milestones[key]}</dt>
              <dd>
                {props.journey.milestones[key]
                  ? formatDate(props.journey.milestones[key] ?? "")
                  : j().notReached}
              </dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
}

function Delays(props: { journey: JourneyView; steps: readonly { id: string; name: string }[] }) {
  const j = () => t().journeys;
  const stepName = (stepId: string) => props.steps.find((step) => step.id === stepId)?.name ?? stepId;
  const state = (delay: JourneyView["delays"][number]) => {
    if (delay.stage === "referral") return j().delayStart;
    if (delay.days === null) return j().delayNotReached;
    if (delay.late === null) return j().delayNoTarget;
    return delay.late ? (
      <strong class="tag tag--stale">{j().late(formatNumber(delay.days - (delay.targetDays ?? 0)))}</strong>
    ) : (
      j().onTime
    );
  };
  return (
    <Show when={props.journey.delays.length > 0} fallback={<p class="muted">{j().noDelays}</p>}>
      <p class="hint" id="journey-delays-hint">
        {j().delaysHint}
      </p>
      <TableWrap label={j().delaysCaption}>
        <table aria-describedby="journey-delays-hint">
          <caption class="visually-hidden">{j().delaysCaption}</caption>
          <thead>
            <tr>
              <th scope="col">{j().step}</th>
              <th scope="col">{j().stage}</th>
              <th scope="col">{j().delay}</th>
              <th scope="col">{j().delayState}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.journey.delays}>
              {(delay) => (
                <tr>
                  <th scope="row">{stepName(delay.stepId)}</th>
                  <td>{label("eventTypes", delay.stage)}</td>
                  <td class="nowrap">
                    {delay.days === null
                      ? "—"
                      : delay.targetDays === null
                        ? j().days(formatNumber(delay.days))
                        : j().daysAgainst(formatNumber(delay.days), formatNumber(delay.targetDays))}
                  </td>
                  <td>{state(delay)}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableWrap>
    </Show>
  );
}

// --- Editing the person, assigning, deleting -------------------------------------------------------

interface PersonEdit {
  person: PersonDraft;
  track: string;
  externalReference: string;
}

const personEditOf = (journey: JourneyView): PersonEdit => ({
  person: personDraftOf(journey.person),
  track: journey.track,
  externalReference: journey.externalReference ?? "",
});

function PersonForm(props: { territoryId: string; journey: JourneyView }) {
  const j = () => t().journeys;
  const update = createUpdateJourney(
    () => props.territoryId,
    () => props.journey.id,
  );
  const [status, setStatus] = createSignal("");
  const [taken, setTaken] = createSignal(false);
  const form = createForm({
    id: "journey-edit",
    keep: untrack(() => `journey:${props.journey.id}`),
    schema: JourneyUpdate,
    initial: () => personEditOf(untrack(() => props.journey)),
    labels: () => ({
      person: j().sectionPerson,
      track: j().track,
      externalReference: j().externalReference,
    }),
    input: (draft) => ({
      person: personInput(draft.person),
      track: draft.track,
      externalReference: draft.externalReference.trim() || null,
      version: props.journey.version,
    }),
    locate: (path) => locatePerson("journey-edit", path),
    conflict: "journey.version_conflict",
    send: async (input) => {
      setStatus("");
      setTaken(false);
      try {
        return await update.mutateAsync(input);
      } catch (error) {
        if (!isApiError(error, "journey.reference_taken")) throw error;
        setTaken(true);
        return undefined;
      }
    },
    done: (saved, form) => {
      if (!saved) return;
      form.reset(personEditOf(saved));
      setStatus(j().personSaved(saved.version));
    },
  });
  createConflictReload(() => props.territoryId, form.conflict);
  return (
    <FormView form={form}>
      <ConflictNotice form={form} id="journey-edit-conflict" />
      <Show when={taken()}>
        <p class="alert alert--error" role="alert">
          {j().referenceTaken}
        </p>
      </Show>
      <PersonFields
        prefix="journey-edit"
        person={form.draft.person}
        set={(key, value) => form.set("person", key, value as never)}
        errors={(path) => form.errorsAt(path)}
      />
      <div class="field-row">
        <TrackField
          id={form.id("track")}
          value={form.draft.track}
          onChange={(value) => form.set("track", value)}
          errors={form.errors("track")}
        />
        <InputField
          id={form.id("externalReference")}
          label={j().externalReference}
          hint={j().externalReferenceHint}
          value={form.draft.externalReference}
          onInput={(value) => form.set("externalReference", value)}
          errors={taken() ? [j().referenceTaken] : form.errors("externalReference")}
          short
          optional
        />
      </div>
      <SubmitButton form={form} label={j().savePerson} />
      <StatusMessage>{status()}</StatusMessage>
    </FormView>
  );
}

function AssignForm(props: { territoryId: string; journey: JourneyView; workers: readonly LinkWorker[] }) {
  const j = () => t().journeys;
  const assign = createAssignJourney(
    () => props.territoryId,
    () => props.journey.id,
  );
  const [status, setStatus] = createSignal("");
  const form = createForm({
    id: "journey-assign",
    schema: JourneyAssignment,
    initial: () => ({ linkWorkerId: untrack(() => props.journey.linkWorkerId) ?? "" }),
    labels: () => ({ linkWorkerId: j().assignTo }),
    input: (draft) => ({ linkWorkerId: draft.linkWorkerId || null, version: props.journey.version }),
    conflict: "journey.version_conflict",
    send: (input) => {
      setStatus("");
      return assign.mutateAsync(input);
    },
    done: (saved, form) => {
      form.reset({ linkWorkerId: saved.linkWorkerId ?? "" });
      setStatus(j().assigned(saved.linkWorkerName ?? j().unassigned, saved.version));
    },
  });
  createConflictReload(() => props.territoryId, form.conflict);
  return (
    <FormView form={form}>
      <ConflictNotice form={form} id="journey-assign-conflict" />
      <SelectField
        id={form.id("linkWorkerId")}
        label={j().assignTo}
        value={form.draft.linkWorkerId}
        options={props.workers.map((worker) => ({ value: worker.id, label: worker.name }))}
        empty={j().unassigned}
        onChange={(value) => form.set("linkWorkerId", value)}
        errors={form.errors("linkWorkerId")}
      />
      <SubmitButton form={form} label={j().assign} />
      <StatusMessage>{status()}</StatusMessage>
    </FormView>
  );
}

/** « Supprimer », then a confirmation in place naming the journey; the list says it is gone. */
function DeleteJourney(props: { territoryId: string; journey: JourneyView; base: string }) {
  const j = () => t().journeys;
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const remove = createDeleteJourney(
    () => props.territoryId,
    () => props.journey.id,
  );
  const [confirming, setConfirming] = createSignal(false);
  const [failure, setFailure] = createSignal("");
  let open: HTMLButtonElement | undefined;
  const cancel = () => {
    setConfirming(false);
    open?.focus();
  };
  const run = async () => {
    if (remove.isPending) return;
    setFailure("");
    const code = props.journey.code;
    try {
      await remove.mutateAsync(props.journey.version);
      navigate(props.base, { state: { deleted: code } });
    } catch (error) {
      if (isApiError(error) && error.unauthorized) return;
      if (isApiError(error, "journey.version_conflict")) {
        void queryClient.invalidateQueries({
          queryKey: journeyKeys.one(props.territoryId, props.journey.id),
        });
        setFailure(j().deleteConflict);
      } else setFailure(errorMessage(error));
    }
  };
  return (
    <div class="form-section">
      <h3>{j().deleteTitle}</h3>
      <p class="hint">{j().deleteHint}</p>
      <Show
        when={confirming()}
        fallback={
          <button
            type="button"
            class="button button--danger"
            ref={open}
            onClick={() => {
              setFailure("");
              setConfirming(true);
            }}
          >
            {j().delete(props.journey.code)}
          </button>
        }
      >
        {/* biome-ignore lint/a11y/useSemanticElements: a group of two buttons, not a form field set */}
        <div
          class="confirm"
          role="group"
          aria-labelledby="journey-delete-question"
          on:keydown={(event) => {
            if (event.key === "Escape") cancel();
          }}
        >
          <p id="journey-delete-question" class="confirm__question">
            {j().deleteQuestion(props.journey.code)}
          </p>
          <p class="confirm__actions">
            <button
              type="button"
              class="button button--danger"
              ref={(element) => queueMicrotask(() => element.focus())}
              aria-disabled={remove.isPending}
              onClick={() => void run()}
            >
              {remove.isPending ? j().deleting : j().deleteConfirm(props.journey.code)}
            </button>
            <button type="button" class="button button--quiet" onClick={cancel}>
              {j().deleteCancel}
            </button>
          </p>
        </div>
      </Show>
      <Show when={failure()}>
        <p class="alert alert--error" role="alert">
          {failure()}
        </p>
      </Show>
    </div>
  );
}
