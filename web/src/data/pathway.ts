import type {
  Page,
  PartnerScheme,
  PartnerSchemeCreate,
  PartnerSchemeUpdate,
  PathwayUpdate,
  ReferralSettingsUpdate,
} from "@maillage/schema";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { call, client } from "../api";
import { historyKeys } from "./history";
import { territoryKeys } from "./territory";

/** The pilot's configuration: pathway, referral settings, partner schemes, and what is still missing. */
export const pathwayKeys = {
  pathway: (territoryId: string) => ["territories", territoryId, "pathway"] as const,
  referrals: (territoryId: string) => ["territories", territoryId, "referral-settings"] as const,
  schemes: (territoryId: string) => ["territories", territoryId, "partner-schemes"] as const,
  schemeList: (territoryId: string) => ["territories", territoryId, "partner-schemes", "list"] as const,
  schemeAll: (territoryId: string) => ["territories", territoryId, "partner-schemes", "all"] as const,
  scheme: (territoryId: string, schemeId: string) =>
    ["territories", territoryId, "partner-schemes", "one", schemeId] as const,
  /** Under the overview's key: every write that invalidates the overview refreshes the panel too. */
  completeness: (territoryId: string, what: string) =>
    ["territories", territoryId, "overview", "completeness", what] as const,
};

const territory = client.api.territories[":territoryId"];
const schemes = territory["partner-schemes"];

/** After a write: the overview (its completeness panel), the journal and the histories are out of date. */
function invalidateAfterWrite(queryClient: ReturnType<typeof useQueryClient>, territoryId: string) {
  void queryClient.invalidateQueries({ queryKey: territoryKeys.overview(territoryId) });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId) });
  void queryClient.invalidateQueries({ queryKey: historyKeys.all(territoryId) });
}

export function createPathway(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: pathwayKeys.pathway(territoryId()),
    queryFn: () => call(territory.pathway.$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createSavePathway(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: PathwayUpdate) =>
      call(territory.pathway.$put({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved) => {
      queryClient.setQueryData(pathwayKeys.pathway(territoryId()), saved);
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}

export function createReferralSettings(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: pathwayKeys.referrals(territoryId()),
    queryFn: () => call(territory["referral-settings"].$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createSaveReferralSettings(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: ReferralSettingsUpdate) =>
      call(territory["referral-settings"].$put({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved) => {
      queryClient.setQueryData(pathwayKeys.referrals(territoryId()), saved);
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}

/** Partner schemes per page of the list: a screenful, then "see more". */
export const SCHEMES_PAGE_SIZE = 20;

/** The territory's partner schemes, in creation order, a cursor page at a time. */
export function createPartnerSchemes(territoryId: () => string) {
  return useInfiniteQuery(() => ({
    queryKey: pathwayKeys.schemeList(territoryId()),
    queryFn: ({ pageParam }): Promise<Page<PartnerScheme>> =>
      call(
        schemes.$get({
          param: { territoryId: territoryId() },
          query: { limit: SCHEMES_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}

/** Every partner scheme of the territory (the integrated track chooses among them): all pages. */
export function createAllPartnerSchemes(territoryId: () => string, enabled: () => boolean = () => true) {
  return useQuery(() => ({
    queryKey: pathwayKeys.schemeAll(territoryId()),
    enabled: enabled(),
    queryFn: async (): Promise<PartnerScheme[]> => {
      const all: PartnerScheme[] = [];
      let cursor: string | null = null;
      do {
        const page: Page<PartnerScheme> = await call(
          schemes.$get({
            param: { territoryId: territoryId() },
            query: { limit: 200, ...(cursor ? { cursor } : {}) },
          }),
        );
        all.push(...page.items);
        cursor = page.next;
      } while (cursor);
      return all;
    },
  }));
}

export function createPartnerScheme(territoryId: () => string, schemeId: () => string) {
  return useQuery(() => ({
    queryKey: pathwayKeys.scheme(territoryId(), schemeId()),
    queryFn: () =>
      call(schemes[":schemeId"].$get({ param: { territoryId: territoryId(), schemeId: schemeId() } })),
  }));
}

export function createAddPartnerScheme(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: PartnerSchemeCreate) =>
      call(schemes.$post({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved: PartnerScheme) => {
      queryClient.setQueryData(pathwayKeys.scheme(territoryId(), saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.schemes(territoryId()) });
      invalidateAfterWrite(queryClient, territoryId());
    },
  }));
}

export function createUpdatePartnerScheme(territoryId: () => string, schemeId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: PartnerSchemeUpdate) =>
      call(
        schemes[":schemeId"].$put({
          param: { territoryId: territoryId(), schemeId: schemeId() },
          json: input,
        }),
      ),
    onSuccess: (saved: PartnerScheme) => {
      queryClient.setQueryData(pathwayKeys.scheme(territoryId(), saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.schemes(territoryId()) });
      invalidateAfterWrite(queryClient, territoryId());
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: pathwayKeys.scheme(territoryId(), schemeId()) });
    },
  }));
}

/** Whether the territory has at least one link worker (the completeness panel). */
export function createHasLinkWorker(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: pathwayKeys.completeness(territoryId(), "link-workers"),
    queryFn: async () => {
      const page = await call(
        territory["link-workers"].$get({ param: { territoryId: territoryId() }, query: { limit: 1 } }),
      );
      return page.items.length > 0;
    },
  }));
}

/** Whether the catalogue has a resource (`stale`: one unverified for 6 months). */
export function createHasResource(territoryId: () => string, stale: boolean) {
  return useQuery(() => ({
    queryKey: pathwayKeys.completeness(territoryId(), stale ? "stale-resources" : "resources"),
    queryFn: async () => {
      const page = await call(
        territory.resources.$get({
          param: { territoryId: territoryId() },
          // The client types the parsed query; it sends `true` as "true".
          query: stale ? { limit: 1, stale: true } : { limit: 1 },
        }),
      );
      return page.items.length > 0;
    },
  }));
}
