import { useQuery } from "@tanstack/solid-query";
import { call, client } from "../api";

export const networkKeys = {
  all: ["network"] as const,
  federation: (id: string) => ["network", "federation", id] as const,
  funder: (id: string) => ["network", "funder", id] as const,
};

export function createFederation(federationId: () => string) {
  return useQuery(() => ({
    queryKey: networkKeys.federation(federationId()),
    queryFn: () =>
      call(client.api.federations[":federationId"].$get({ param: { federationId: federationId() } })),
  }));
}

export function createFunder(funderId: () => string) {
  return useQuery(() => ({
    queryKey: networkKeys.funder(funderId()),
    queryFn: () => call(client.api.funders[":funderId"].$get({ param: { funderId: funderId() } })),
  }));
}
