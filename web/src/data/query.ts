import { MutationCache, QueryCache, QueryClient } from "@tanstack/solid-query";
import { ApiError } from "../api";

let unauthorized: () => void = () => {};

/** The layout registers what to do when the API answers 401 anywhere (go to sign-in). */
export function onUnauthorized(handler: () => void) {
  unauthorized = handler;
}

const signOutOn401 = (error: Error) => {
  if (error instanceof ApiError && error.unauthorized) unauthorized();
};

export const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signOutOn401 }),
  mutationCache: new MutationCache({ onError: signOutOn401 }),
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // An answer the server chose (4xx) will not change on retry; network and 5xx errors may.
      retry: (count, error) =>
        count < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
    },
  },
});
