import type {
  AuditEntry,
  InvitationCreate,
  InvitationSummary,
  Page,
  TerritoryProfileUpdate,
} from "@maillage/schema";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { call, client } from "../api";
import { networkKeys } from "./network";
import { sessionKeys } from "./session";

export const territoryKeys = {
  all: ["territories"] as const,
  one: (id: string) => ["territories", id] as const,
  overview: (id: string) => ["territories", id, "overview"] as const,
  profile: (id: string) => ["territories", id, "profile"] as const,
  members: (id: string) => ["territories", id, "members"] as const,
  invitations: (id: string) => ["territories", id, "invitations"] as const,
  audit: (id: string) => ["territories", id, "audit"] as const,
};

const territory = client.api.territories[":territoryId"];

export function createOverview(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: territoryKeys.overview(territoryId()),
    queryFn: () => call(territory.$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createProfile(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: territoryKeys.profile(territoryId()),
    queryFn: () => call(territory.profile.$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createUpdateProfile(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: TerritoryProfileUpdate) =>
      call(territory.profile.$put({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: (saved) => {
      queryClient.setQueryData(territoryKeys.profile(territoryId()), saved);
      void queryClient.invalidateQueries({ queryKey: territoryKeys.overview(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
      // The name appears in memberships and in federation and funder views.
      void queryClient.invalidateQueries({ queryKey: sessionKeys.me });
      void queryClient.invalidateQueries({ queryKey: networkKeys.all });
    },
    onError: () => {
      void queryClient.invalidateQueries({ queryKey: territoryKeys.one(territoryId()) });
    },
  }));
}

export function createMembers(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: territoryKeys.members(territoryId()),
    queryFn: () => call(territory.members.$get({ param: { territoryId: territoryId() } })),
  }));
}

export function createInvite(territoryId: () => string) {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (input: InvitationCreate) =>
      call(territory.invitations.$post({ param: { territoryId: territoryId() }, json: input })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: territoryKeys.audit(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.members(territoryId()) });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.invitations(territoryId()) });
    },
  }));
}

/** Invitations per page on the members page: a screenful, then "see more". */
export const INVITATIONS_PAGE_SIZE = 20;

/** The territory's invitations as its leads follow them up, newest first, a cursor page at a time. */
export function createInvitations(territoryId: () => string) {
  return useInfiniteQuery(() => ({
    queryKey: territoryKeys.invitations(territoryId()),
    queryFn: ({ pageParam }): Promise<Page<InvitationSummary>> =>
      call(
        territory.invitations.$get({
          param: { territoryId: territoryId() },
          query: { limit: INVITATIONS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}

/** Entries per page of the journal: a screenful, then "see more". */
export const AUDIT_PAGE_SIZE = 20;

/** The journal, newest first, one cursor page at a time. */
export function createAudit(territoryId: () => string) {
  return useInfiniteQuery(() => ({
    queryKey: territoryKeys.audit(territoryId()),
    queryFn: ({ pageParam }): Promise<Page<AuditEntry>> =>
      call(
        territory.audit.$get({
          param: { territoryId: territoryId() },
          query: {
            limit: AUDIT_PAGE_SIZE,
            ...(pageParam ? { cursor: pageParam } : {}),
          },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}
