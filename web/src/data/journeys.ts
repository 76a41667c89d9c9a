import type {
  JourneyAssignment,
  JourneyCreate,
  JourneyEventWrite,
  JourneyMeasureWrite,
  JourneySettingsUpdate,
  JourneyStatus,
  JourneySummary,
  JourneyUpdate,
  LinkWorker,
  Page,
  Resource,
} from "@maillage/schema";
import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type * as v from "valibot";
import { call, client } from "../api";
import { historyKeys } from "./history";
import { linkWorkerKeys } from "./link-workers";
import { resourceKeys } from "./resources";
import { territoryKeys } from "./territory";

export type JourneyListItem = v.InferOutput<typeof JourneySummary>;

export const journeyKeys = {
  all: (territoryId: string) => ["territories", territoryId, "journeys"] as const,
  lists: (territoryId: string) => ["territories", territoryId, "journeys", "list"] as const,
  list: (territoryId: string, status: string) =>
    ["territories", territoryId, "journeys", "list", status] as const,
  one: (territoryId: string, id: string) => ["territories", territoryId, "journeys", "one", id] as const,
  settings: (territoryId: string) => ["territories", territoryId, "journey-settings"] as const,
  /** Under the link workers' and resources' own keys: their writes refresh these choices too. */
  linkWorkerChoices: (territoryId: string) => [...linkWorkerKeys.all(territoryId), "all"] as const,
  resourceChoices: (territoryId: string) => [...resourceKeys.all(territoryId), "all"] as const,
};

const territory = client.api.territories[":territoryId"];
const journeys = territory.journeys;
const journey = journeys[":journeyId"];

/** Journeys per page of the list: a screenful, then "see more". */
export const JOURNEYS_PAGE_SIZE = 20;

/** The journeys the person may see, newest referral first, by status ("" for all), a page at a time. */
export function createJourneys(territoryId: () => string, status: () => JourneyStatus | "") {
  return useInfiniteQuery(() => ({
    queryKey: journeyKeys.list(territoryId(), status()),
    queryFn: ({ pageParam }): Promise<Page<JourneyListItem>> =>
      call(
        journeys.$get({
          param: { territoryId: territoryId() },
          query: {
            limit: JOURNEYS_PAGE_SIZE,
            ...(status() ? { status: status() as JourneyStatus } : {}),
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}

const readJourney = (territoryId: string, journeyId: string) =>
  call(journey.$get({ param: { territoryId, journeyId } }));

/** A journey as the API answers it: summary, events, scored measures, delays, link worker's name. */
export type JourneyView = Awaited<ReturnType<typeof readJourney>>;

/** One journey's query, shared by the page's `useQuery` and the writes' `setQueryData`. */
export const journeyQuery = (territoryId: string, journeyId: string) =>
  queryOptions({
    queryKey: journeyKeys.one(territoryId, journeyId),
    queryFn: () => readJourney(territoryId, journeyId),
  });

export function createJourney(territoryId: () => string, journeyId: () => string) {
  return useQuery(() => journeyQuery(territoryId(), journeyId()));
}

/** Every page of a list (the selects of a form offer all of them). */
async function allPages<T>(read: (cursor: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    all.push(...page.items);
    cursor = page.next;
  } while (cursor);
  return all;
}

/** The territory's link workers, all of them: who a journey can be assigned to. */
export function createLinkWorkerChoices(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: journeyKeys.linkWorkerChoices(territoryId()),
    queryFn: () =>
      allPages<LinkWorker>((cursor) =>
        call(
          territory["link-workers"].$get({
            param: { territoryId: territoryId() },
            query: { limit: 200, ...(cursor ? { cursor } : {}) },
          }),
        ),
      ),
  }));
}

/** The whole catalogue: the resources an orientation can name. */
export function createResourceChoices(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: journeyKeys.resourceChoices(territoryId()),
    queryFn: () =>
      allPages<Resource>((cursor) =>
        call(
          territory.resources.$get({
            param: { territoryId: territoryId() },
            query: { limit: 200, ...(cursor ? { cursor } : {}) },
          }),
        ),
      ),
  }));
}

type Client = ReturnType<typeof useQueryClient>;

/** After a write: the lists, the caseloads of the link workers, the overview and the journals. */
function invalidateAfterWrite(queryClient: Client, territoryId: string) {
  void queryClient.invalidateQueries({ queryKey: journeyKeys.lists(territoryId) });
  void queryClient.invalidateQueries({ queryKey: linkWorkerKeys.all(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.overview(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId) });
  void queryClient.invalidateQueries({ queryKey: historyKeys.all(territoryId) });
}

/** A write that answers the whole journey: it becomes the cached one. */
function createJourneyWrite<I>(
  territoryId: () => string,
  send: (territoryId: string, input: I) => Promise<JourneyView>,
) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: I) => send(territoryId(), input),
    onSuccess: (saved: JourneyView) => {
      queryClient.setQueryData(journeyQuery(territoryId(), saved.id).queryKey, saved);
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}

export function createAddJourney(territoryId: () => string) {
  return createJourneyWrite(territoryId, (id, input: v.InferOutput<typeof JourneyCreate>) =>
    call(journeys.$post({ param: { territoryId: id }, json: input })),
  );
}

export function createUpdateJourney(territoryId: () => string, journeyId: () => string) {
  return createJourneyWrite(territoryId, (id, input: JourneyUpdate) =>
    call(journey.$put({ param: { territoryId: id, journeyId: journeyId() }, json: input })),
  );
}

export function createAssignJourney(territoryId: () => string, journeyId: () => string) {
  return createJourneyWrite(territoryId, (id, input: v.InferOutput<typeof JourneyAssignment>) =>
    call(journey.assignment.$put({ param: { territoryId: id, journeyId: journeyId() }, json: input })),
  );
}

export function createAddEvent(territoryId: () => string, journeyId: () => string) {
  return createJourneyWrite(territoryId, (id, input: v.InferOutput<typeof JourneyEventWrite>) =>
    call(journey.events.$post({ param: { territoryId: id, journeyId: journeyId() }, json: input })),
  );
}

export function createUpdateEvent(territoryId: () => string, journeyId: () => string) {
  return createJourneyWrite(
    territoryId,
    (id, input: v.InferOutput<typeof JourneyEventWrite> & { eventId: string }) => {
      const { eventId, ...body } = input;
      return call(
        journey.events[":eventId"].$put({
          param: { territoryId: id, journeyId: journeyId(), eventId },
          json: body,
        }),
      );
    },
  );
}

export function createAddMeasure(territoryId: () => string, journeyId: () => string) {
  return createJourneyWrite(territoryId, (id, input: v.InferOutput<typeof JourneyMeasureWrite>) =>
    call(journey.measures.$post({ param: { territoryId: id, journeyId: journeyId() }, json: input })),
  );
}

/** A lead deletes a journey entered by mistake: it leaves the cache and the lists. */
export function createDeleteJourney(territoryId: () => string, journeyId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (version: number) =>
      call(
        journey.$delete({
          param: { territoryId: territoryId(), journeyId: journeyId() },
          json: { version },
        }),
      ),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: journeyKeys.one(territoryId(), journeyId()) });
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}

export function createJourneySettings(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: journeyKeys.settings(territoryId()),
    queryFn: () => call(territory["journey-settings"].$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createSaveJourneySettings(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: v.InferOutput<typeof JourneySettingsUpdate>) =>
      call(territory["journey-settings"].$put({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved) => {
      queryClient.setQueryData(journeyKeys.settings(territoryId()), saved);
      // Who sees which journeys changed: every list is read again.
      void queryClient.invalidateQueries({ queryKey: journeyKeys.all(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
    },
  }));
}
