import type { LinkWorker, LinkWorkerCreate, LinkWorkerUpdate, Page } from "@maillage/schema";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import type * as v from "valibot";
import { call, client } from "../api";
import { historyKeys } from "./history";
import { territoryKeys } from "./territory";

export const linkWorkerKeys = {
  all: (territoryId: string) => ["territories", territoryId, "link-workers"] as const,
  list: (territoryId: string) => ["territories", territoryId, "link-workers", "list"] as const,
  one: (territoryId: string, id: string) => ["territories", territoryId, "link-workers", "one", id] as const,
};

const territory = client.api.territories[":territoryId"];
const linkWorkers = territory["link-workers"];

/** Link workers per page of the list: a screenful, then "see more". */
export const LINK_WORKERS_PAGE_SIZE = 20;

/** The territory's link workers, in creation order, a cursor page at a time. */
export function createLinkWorkers(territoryId: () => string) {
  return useInfiniteQuery(() => ({
    queryKey: linkWorkerKeys.list(territoryId()),
    queryFn: ({ pageParam }): Promise<Page<LinkWorker>> =>
      call(
        linkWorkers.$get({
          param: { territoryId: territoryId() },
          query: { limit: LINK_WORKERS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}

export function createLinkWorker(territoryId: () => string, linkWorkerId: () => string) {
  return useQuery(() => ({
    queryKey: linkWorkerKeys.one(territoryId(), linkWorkerId()),
    queryFn: () =>
      call(
        linkWorkers[":linkWorkerId"].$get({
          param: { territoryId: territoryId(), linkWorkerId: linkWorkerId() },
        }),
      ),
  }));
}

/** After a write: the lists, the overview's team counts and the journals are out of date. */
function invalidateAfterWrite(queryClient: ReturnType<typeof useQueryClient>, territoryId: string) {
  void queryClient.invalidateQueries({ queryKey: linkWorkerKeys.list(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.overview(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId) });
  void queryClient.invalidateQueries({ queryKey: historyKeys.all(territoryId) });
}

export function createAddLinkWorker(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: v.InferOutput<typeof LinkWorkerCreate>) =>
      call(linkWorkers.$post({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved: LinkWorker) => {
      queryClient.setQueryData(linkWorkerKeys.one(territoryId(), saved.id), saved);
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}

export function createUpdateLinkWorker(territoryId: () => string, linkWorkerId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: v.InferOutput<typeof LinkWorkerUpdate>) =>
      call(
        linkWorkers[":linkWorkerId"].$put({
          param: { territoryId: territoryId(), linkWorkerId: linkWorkerId() },
          json: input,
        }),
      ),
    onSuccess: (saved: LinkWorker) => {
      queryClient.setQueryData(linkWorkerKeys.one(territoryId(), saved.id), saved);
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}
