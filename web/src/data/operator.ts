import type { FederationCreate, FunderCreate, InvitationCreate, TerritoryCreate } from "@maillage/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { call, client } from "../api";
import { networkKeys } from "./network";
import { territoryKeys } from "./territory";

export const operatorKeys = {
  directory: ["operator", "directory"] as const,
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
  ownerKind: "federation" | "funder";
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
    onSuccess: (_, { territoryId }) => {
      void queryClient.invalidateQueries({ queryKey: operatorKeys.directory });
      void queryClient.invalidateQueries({ queryKey: networkKeys.all });
      void queryClient.invalidateQueries({ queryKey: territoryKeys.one(territoryId) });
    },
  }));
}

export function createInviteLead() {
  return useMutation(() => ({
    mutationFn: ({ territoryId, ...input }: InvitationCreate & { territoryId: string }) =>
      call(operator.territories[":territoryId"].invitations.$post({ param: { territoryId }, json: input })),
  }));
}
