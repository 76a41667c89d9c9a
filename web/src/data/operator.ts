import type {
  FederationCreate,
  FunderCreate,
  InvitationCreate,
  InvitationSummary,
  Page,
  TerritoryCreate,
} from "@maillage/schema";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { call, client } from "../api";
import { networkKeys } from "./network";
import { INVITATIONS_PAGE_SIZE, territoryKeys } from "./territory";

export type ReaderKind = "federation" | "funder";

export const operatorKeys = {
  all: ["operator"] as const,
  directory: ["operator", "directory"] as const,
  territory: (id: string) => ["operator", "territory", id] as const,
  invitations: (id: string) => ["operator", "territory", id, "invitations"] as const,
  reader: (kind: ReaderKind, id: string) => ["operator", kind, id] as const,
};

const operator = client.api.operator;

export function createDirectory() {
  return useQuery(() => ({
    queryKey: operatorKeys.directory,
    queryFn: () => call(operator.directory.$get()),
  }));
}

function useInvalidateDirectory() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: operatorKeys.directory });
}

export function createCreateTerritory() {
  const invalidate = useInvalidateDirectory();
  return useMutation(() => ({
    mutationFn: (input: TerritoryCreate) => call(operator.territories.$post({ json: input })),
    onSuccess: () => void invalidate(),
  }));
}

export function createCreateFederation() {
  const invalidate = useInvalidateDirectory();
  return useMutation(() => ({
    mutationFn: (input: FederationCreate) => call(operator.federations.$post({ json: input })),
    onSuccess: () => void invalidate(),
  }));
}

export function createCreateFunder() {
  const invalidate = useInvalidateDirectory();
  return useMutation(() => ({
    mutationFn: (input: FunderCreate) => call(operator.funders.$post({ json: input })),
    onSuccess: () => void invalidate(),
  }));
}

export interface Attachment {
  ownerKind: ReaderKind;
  ownerId: string;
  territoryId: string;
}

export function createAttach() {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: ({ ownerKind, ownerId, territoryId }: Attachment) =>
      ownerKind === "federation"
        ? call(
            operator.federations[":federationId"].territories[":territoryId"].$put({
              param: { federationId: ownerId, territoryId },
            }),
          )
        : call(
            operator.funders[":funderId"].territories[":territoryId"].$put({
              param: { funderId: ownerId, territoryId },
            }),
          ),
    onSuccess: (_, { territoryId }) => invalidateAttachments(queryClient, territoryId),
  }));
}

/** What an attachment changes: the operator's views, the readers' views and the territory's overview. */
function invalidateAttachments(queryClient: ReturnType<typeof useQueryClient>, territoryId: string) {
  void queryClient.invalidateQueries({ queryKey: operatorKeys.all });
  void queryClient.invalidateQueries({ queryKey: networkKeys.all });
  void queryClient.invalidateQueries({ queryKey: territoryKeys.one(territoryId) });
}

/** Ends an attachment: the territory's publications to that reader are removed with it. */
export function createDetach() {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: ({ ownerKind, ownerId, territoryId }: Attachment) =>
      ownerKind === "federation"
        ? call(
            operator.federations[":federationId"].territories[":territoryId"].$delete({
              param: { federationId: ownerId, territoryId },
            }),
          )
        : call(
            operator.funders[":funderId"].territories[":territoryId"].$delete({
              param: { funderId: ownerId, territoryId },
            }),
          ),
    onSettled: (_, __, { territoryId }) => invalidateAttachments(queryClient, territoryId),
  }));
}

/** A territory as the operator follows it up: its profile summary and its readers. */
export function createOperatorTerritory(territoryId: () => string) {
  return useQuery(() => ({
    queryKey: operatorKeys.territory(territoryId()),
    queryFn: () => call(operator.territories[":territoryId"].$get({ param: { territoryId: territoryId() } })),
  }));
}

/** A territory's invitations, newest first, one cursor page at a time. */
export function createOperatorInvitations(territoryId: () => string) {
  return useInfiniteQuery(() => ({
    queryKey: operatorKeys.invitations(territoryId()),
    queryFn: ({ pageParam }): Promise<Page<InvitationSummary>> =>
      call(
        operator.territories[":territoryId"].invitations.$get({
          param: { territoryId: territoryId() },
          query: { limit: INVITATIONS_PAGE_SIZE, ...(pageParam ? { cursor: pageParam } : {}) },
        }),
      ),
    initialPageParam: "",
    getNextPageParam: (page) => page.next ?? undefined,
  }));
}

/** A federation or a funder as the operator follows it up: its attached territories. */
export function createOperatorReader(kind: ReaderKind, readerId: () => string) {
  return useQuery(() => ({
    queryKey: operatorKeys.reader(kind, readerId()),
    queryFn: () =>
      kind === "federation"
        ? call(operator.federations[":federationId"].$get({ param: { federationId: readerId() } }))
        : call(operator.funders[":funderId"].$get({ param: { funderId: readerId() } })),
  }));
}

export function createInviteLead() {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: ({ territoryId, ...input }: InvitationCreate & { territoryId: string }) =>
      call(operator.territories[":territoryId"].invitations.$post({ param: { territoryId }, json: input })),
    onSuccess: (_, { territoryId }) =>
      void queryClient.invalidateQueries({ queryKey: operatorKeys.invitations(territoryId) }),
  }));
}
