import { Actor, Demo, Invitation, MaillageError, User } from "@maillage/core";
import { DevSignIn, InvitationAccept, Me } from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { revokeRefreshToken } from "../http/cognito";
import { endSession, startSession } from "../http/identity";
import { finishSignIn, hostedLogoutUrl, startSignIn } from "../http/oauth";
import { json, PUBLIC, query, route, SIGNED_IN } from "../http/route";
import type { Env } from "../http/types";

const DemoUser = v.object({
  id: v.string(),
  displayName: v.string(),
  email: v.string(),
  roles: v.array(v.string()),
});

function assertLocal(mode: string) {
  if (mode !== "local") throw new MaillageError("route.not_found", "No such route");
}

async function me(userId: string) {
  const user = await User.get(userId);
  if (!user) throw new MaillageError("auth.unknown_user", "Unknown person");
  return { user, memberships: await User.memberships(userId) };
}

const SignedOut = v.object({ logoutUrl: v.nullable(v.string()) });

const SessionConfig = v.object({
  mode: v.picklist(["local", "cognito"]),
  pools: v.array(v.picklist(["members", "operators"])),
});

export const session = new Hono<Env>()
  .get(
    "/session/config",
    route({
      summary: "How people sign in here: the local demo, or Cognito pools",
      tag: "session",
      access: PUBLIC,
      response: { status: 200, schema: SessionConfig, description: "Sign-in mode and pools" },
    }),
    (c) => {
      const auth = c.get("config").auth;
      const pools: ("members" | "operators")[] =
        auth.mode === "cognito"
          ? (["members", "operators"] as const).filter((name) => auth[name]?.domain !== undefined)
          : [];
      return c.json({ mode: auth.mode, pools }, 200);
    },
  )
  .get(
    "/session/sign-in",
    route({
      summary: "Start Cognito sign-in (redirects to the pool's hosted page; PKCE)",
      tag: "session",
      access: PUBLIC,
      response: { status: 302, description: "Redirect to Cognito" },
      errors: ["route.not_found"],
    }),
    query(v.object({ pool: v.picklist(["members", "operators"]) })),
    (c) => startSignIn(c, c.req.valid("query").pool),
  )
  .get(
    "/session/callback",
    route({
      summary: "Cognito redirects here: the code is exchanged and the session cookie set",
      tag: "session",
      access: PUBLIC,
      response: { status: 302, description: "Redirect to the console (or to sign-in with an error)" },
      errors: ["route.not_found"],
    }),
    (c) => finishSignIn(c),
  )
  .get(
    "/session/demo-users",
    route({
      summary: "Demo people offered by the local sign-in page (local mode only)",
      tag: "session",
      access: PUBLIC,
      response: { status: 200, schema: v.array(DemoUser), description: "One person per role" },
      errors: ["route.not_found"],
    }),
    async (c) => {
      assertLocal(c.get("config").auth.mode);
      const ids = await Promise.all(Demo.DEMO_EMAILS.map((email) => User.idByEmail(email)));
      const people = await Promise.all(
        ids.flatMap((id) => (id ? [Promise.all([User.get(id), User.memberships(id)])] : [])),
      );
      const users = people.flatMap(([user, memberships]) =>
        user ? [{ ...user, roles: [...new Set(memberships.map((m) => m.role))] }] : [],
      );
      return c.json(users, 200);
    },
  )
  .post(
    "/session/demo",
    route({
      summary: "Sign in as a demo person (local mode only)",
      tag: "session",
      access: PUBLIC,
      response: { status: 200, schema: Me, description: "The signed-in person and their memberships" },
      errors: ["route.not_found", "auth.unknown_user"],
    }),
    json(DevSignIn),
    async (c) => {
      assertLocal(c.get("config").auth.mode);
      const { userId } = c.req.valid("json");
      const body = await me(userId);
      await startSession(c, userId);
      return c.json(body, 200);
    },
  )
  .delete(
    "/session",
    route({
      summary: "Sign out: ends the session server-side (in Cognito mode, also gives the pool's logout URL)",
      tag: "session",
      access: PUBLIC,
      response: { status: 200, schema: SignedOut, description: "Session cookie cleared" },
    }),
    async (c) => {
      const logoutUrl = hostedLogoutUrl(c);
      await revokeRefreshToken(c);
      await endSession(c);
      return c.json({ logoutUrl }, 200);
    },
  )
  .get(
    "/me",
    route({
      summary: "The signed-in person and their memberships (contexts)",
      tag: "session",
      access: SIGNED_IN,
      response: { status: 200, schema: Me, description: "Person and memberships" },
      errors: ["auth.unknown_user"],
    }),
    async (c) => c.json(await me(c.get("identity")?.userId ?? ""), 200),
  )
  .post(
    "/invitations/accept",
    route({
      summary: "Accept an invitation (creates the person if new and grants the membership)",
      tag: "session",
      access: PUBLIC,
      response: { status: 200, schema: Me, description: "The person, now a member" },
      errors: ["auth.invitation_invalid", "auth.invitation_sign_in", "membership.already_exists"],
    }),
    json(InvitationAccept),
    async (c) => {
      // An invitation to an existing account is accepted by that person, signed in; only a person
      // created by this acceptance gets a first session from the token.
      const { userId, created } = await Actor.provide({ type: "system", reason: "invitation" }, () =>
        Invitation.accept(c.req.valid("json"), c.get("identity")?.userId),
      );
      if (created && c.get("config").auth.mode === "local") await startSession(c, userId);
      return c.json(await me(userId), 200);
    },
  );
