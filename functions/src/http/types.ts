import type { Actor, MaillageError } from "@maillage/core";
import type { Config } from "../config";

export interface Identity {
  userId: string;
  via: "cookie" | "bearer";
  /** May act as operator: local sessions, or a token from the operators' pool (MFA required). */
  operatorGrade: boolean;
  /** The server-side session the token belongs to, checked by route() on every request. */
  sessionId: string;
}

/** Hono variables shared by every route. */
export type Env = {
  Variables: {
    config: Config;
    requestId: string;
    identity: Identity | undefined;
    /** Why a presented session was not accepted (expired, invalid, unknown person). */
    authProblem: MaillageError | undefined;
    actor: Actor.Actor | undefined;
    /** What the route's `prefetch` read, awaited by its handler (see route()). */
    prefetched: Promise<unknown> | undefined;
  };
};
