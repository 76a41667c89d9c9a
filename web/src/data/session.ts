import type { Membership } from "@maillage/schema";
import { useMutation, useQuery, useQueryClient } from "@tanstack/solid-query";
import { createMemo } from "solid-js";
import { call, client } from "../api";

export const sessionKeys = {
  me: ["me"] as const,
  demoUsers: ["session", "demo-users"] as const,
  config: ["session", "config"] as const,
};

/** How people sign in on this deployment: the local demo, or Cognito pools. */
export function createSessionConfig() {
  return useQuery(() => ({
    queryKey: sessionKeys.config,
    queryFn: () => call(client.api.session.config.$get()),
    staleTime: Number.POSITIVE_INFINITY,
  }));
}

export function createMe(enabled: () => boolean = () => true) {
  return useQuery(() => ({
    queryKey: sessionKeys.me,
    queryFn: () => call(client.api.me.$get()),
    enabled: enabled(),
    staleTime: 60_000,
  }));
}

/** The signed-in person's membership in one context (territory, federation, funder), if any. */
export function createMembership(contextId: () => string) {
  const me = createMe();
  return createMemo(() => me.data?.memberships.find((m) => m.contextId === contextId()));
}

export function createDemoUsers() {
  return useQuery(() => ({
    queryKey: sessionKeys.demoUsers,
    queryFn: () => call(client.api.session["demo-users"].$get()),
  }));
}

export function createSignIn() {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (userId: string) => call(client.api.session.demo.$post({ json: { userId } })),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, me);
    },
  }));
}

export function createSignOut() {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: () => call(client.api.session.$delete()),
    onSettled: () => queryClient.clear(),
  }));
}

export function createAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation(() => ({
    mutationFn: (token: string) => call(client.api.invitations.accept.$post({ json: { token } })),
    onSuccess: (me) => {
      queryClient.clear();
      queryClient.setQueryData(sessionKeys.me, me);
    },
  }));
}

/** Where a membership's workspace lives in the console. */
export function homePath(membership: Pick<Membership, "contextKind" | "contextId">): string {
  switch (membership.contextKind) {
    case "platform":
      return "/operateur";
    case "territory":
      return `/territoires/${membership.contextId}`;
    case "federation":
      return `/federations/${membership.contextId}`;
    case "funder":
      return `/financeurs/${membership.contextId}`;
  }
}
