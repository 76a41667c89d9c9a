import type { Page, Resource, ResourceCreate, ResourceUpdate } from "@maillage/schema";
import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/solid-query";
import type * as v from "valibot";
import { call, client } from "../api";
import { historyKeys } from "./history";
import { territoryKeys } from "./territory";

/** The catalogue's filters as the URL and the API carry them (every one optional). */
export interface ResourceFilters {
  pillar?: string;
  category?: string;
  commune?: string;
  stale?: "true" | "false";
  q?: string;
}

export const resourceKeys = {
  all: (territoryId: string) => ["territories", territoryId, "resources"] as const,
  lists: (territoryId: string) => ["territories", territoryId, "resources", "list"] as const,
  list: (territoryId: string, filters: ResourceFilters) =>
    ["territories", territoryId, "resources", "list", filters] as const,
  one: (territoryId: string, id: string) => ["territories", territoryId, "resources", "one", id] as const,
};

const territory = client.api.territories[":territoryId"];
const resources = territory.resources;

/** Resources per page: a screenful, then "see more" (a filtered page may be shorter). */
export const RESOURCES_PAGE_SIZE = 20;

/** The catalogue, filtered, a cursor page at a time. */
export function createResources(territoryId: () => string, filters: () => ResourceFilters) {
  return useInfiniteQuery(() => ({
    queryKey: resourceKeys.list(territoryId(), filters()),
    queryFn: ({ pageParam }): Promise<Page<Resource>> =>
      call(
        resources.$get({
          param: { territoryId: territoryId() },
          // The API's schema checks each value (an enum, a commune code): the console sends them as typed.
          query: {
            ...(filters() as Record<string, never>),
            limit: RESOURCES_PAGE_SIZE,
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}

export function createResource(territoryId: () => string, resourceId: () => string) {
  return useQuery(() => ({
    queryKey: resourceKeys.one(territoryId(), resourceId()),
    queryFn: () =>
      call(
        resources[":resourceId"].$get({ param: { territoryId: territoryId(), resourceId: resourceId() } }),
      ),
  }));
}

type Client = ReturnType<typeof useQueryClient>;

/** A saved resource replaces its copy in every loaded list page, where it stays until the next load. */
function putInLists(queryClient: Client, territoryId: string, saved: Resource) {
  queryClient.setQueriesData<InfiniteData<Page<Resource>>>(
    { queryKey: resourceKeys.lists(territoryId) },
    (data) =>
      data
        ? {
            ...data,
            pages: data.pages.map((page) => ({
              ...page,
              items: page.items.map((item) => (item.id === saved.id ? saved : item)),
            })),
          }
        : data,
  );
}

function afterWrite(queryClient: Client, territoryId: string, saved: Resource, refetchLists: boolean) {
  queryClient.setQueryData(resourceKeys.one(territoryId, saved.id), saved);
  putInLists(queryClient, territoryId, saved);
  // Lists shown now keep their rows in place (a verified one does not vanish from a "stale" filter);
  // they are read again when next shown.
  void queryClient.invalidateQueries({
    queryKey: resourceKeys.lists(territoryId),
    refetchType: refetchLists ? "active" : "none",
  });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.overview(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId) });
  void queryClient.invalidateQueries({ queryKey: historyKeys.all(territoryId) });
}

export function createAddResource(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: v.InferOutput<typeof ResourceCreate>) =>
      call(resources.$post({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved: Resource) => afterWrite(queryClient, territoryId(), saved, true),
  }));
}

export function createUpdateResource(territoryId: () => string, resourceId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: v.InferOutput<typeof ResourceUpdate>) =>
      call(
        resources[":resourceId"].$put({
          param: { territoryId: territoryId(), resourceId: resourceId() },
          json: input,
        }),
      ),
    onSuccess: (saved: Resource) => afterWrite(queryClient, territoryId(), saved, false),
  }));
}

/** "Mark as verified": the version the person saw; a newer one is a conflict. */
export function createVerifyResource(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (resource: Pick<Resource, "id" | "version">) =>
      call(
        resources[":resourceId"].verify.$post({
          param: { territoryId: territoryId(), resourceId: resource.id },
          json: { version: resource.version },
        }),
      ),
    onSuccess: (saved: Resource) => afterWrite(queryClient, territoryId(), saved, false),
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: resourceKeys.all(territoryId()) });
    },
  }));
}

/** Every resource list of the territory is read again (after an import). */
export function invalidateResources(queryClient: Client, territoryId: string) {
  void queryClient.invalidateQueries({ queryKey: resourceKeys.all(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.overview(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId) });
  void queryClient.invalidateQueries({ queryKey: historyKeys.all(territoryId) });
}
