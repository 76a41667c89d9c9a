import type { AuditEntry, Page } from "@maillage/schema";
import { useInfiniteQuery } from "@tanstack/solid-query";
import { call, client } from "../api";
import { AUDIT_PAGE_SIZE } from "./territory";

export const historyKeys = {
  all: (territoryId: string) => ["territories", territoryId, "history"] as const,
  of: (territoryId: string, entity: string) => ["territories", territoryId, "history", entity] as const,
};

/** One record's history (a link worker, a resource…), newest first, a cursor page at a time. */
export function createHistory(territoryId: () => string, entity: () => string) {
  return useInfiniteQuery(() => ({
    queryKey: historyKeys.of(territoryId(), entity()),
    queryFn: ({ pageParam }): Promise<Page<AuditEntry>> =>
      call(
        client.api.territories[":territoryId"].audit.$get({
          param: { territoryId: territoryId() },
          query: {
            entity: entity(),
            limit: AUDIT_PAGE_SIZE,
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}
