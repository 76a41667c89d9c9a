import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Actor, Invitation, Jobs, Territory } from "@maillage/core";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { as, createOperator, ORIGIN, profile, testApp, testConfig } from "../../test/harness";
import { registerInvitationDelivery } from "../src/http/invitation";

/**
 * Invitation delivery runs as a job after the invitation commits. A stand-in for the Cognito API
 * keeps the pool's users; it can fail the next call after doing its work (an answer lost on the way).
 */
const poolUsers = new Set<string>();
let calls = 0;
let failNext = 0;
let idp: Server;

beforeAll(async () => {
  idp = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => {
      body += chunk;
    });
    request.on("end", () => {
      calls++;
      response.setHeader("content-type", "application/x-amz-json-1.1");
      const { Username } = JSON.parse(body) as { Username: string };
      if (poolUsers.has(Username)) {
        response.statusCode = 400;
        return response.end(JSON.stringify({ __type: "UsernameExistsException", message: "exists" }));
      }
      poolUsers.add(Username);
      if (failNext > 0) {
        failNext--;
        response.statusCode = 500;
        return response.end(JSON.stringify({ __type: "InternalErrorException", message: "try later" }));
      }
      response.end(JSON.stringify({ User: { Username, UserStatus: "FORCE_CHANGE_PASSWORD" } }));
    });
  });
  await new Promise<void>((resolve) => idp.listen(0, "127.0.0.1", resolve));
  const { config } = testConfig();
  registerInvitationDelivery({
    ...config,
    auth: {
      mode: "cognito",
      members: {
        issuer: "https://cognito-idp.eu-west-3.amazonaws.com/eu-west-3_TEST",
        clientId: "members-client",
        idpEndpoint: `http://127.0.0.1:${(idp.address() as AddressInfo).port}`,
      },
    },
  });
});

afterAll(() => {
  idp.close();
});

describe("invitation delivery job", () => {
  test("a Cognito failure is retried by the job and the person is created exactly once", async () => {
    const territory = await Actor.provide({ type: "system", reason: "test" }, () =>
      Territory.create(profile("Territoire des invitations")),
    );
    failNext = 1;
    const operator = {
      type: "user" as const,
      userId: "usr_op",
      contextKind: "platform" as const,
      contextId: "platform",
      role: "operator" as const,
    };
    const invitation = await Actor.provide(operator, () =>
      Invitation.create(territory.id, {
        email: "lente@example.org",
        displayName: "Léa Lente",
        role: "territory_lead",
      }),
    );
    await Jobs.idle();
    expect(calls).toBe(2);
    expect([...poolUsers]).toEqual(["lente@example.org"]);
    const job = await Actor.provide(
      {
        type: "user",
        userId: "usr_x",
        contextKind: "territory",
        contextId: territory.id,
        role: "territory_lead",
      },
      () => Jobs.get(invitation.deliveryJobId ?? ""),
    );
    expect(job).toMatchObject({ status: "succeeded", attempts: 2, result: { via: "cognito" } });
    const stored = await Actor.provide({ type: "system", reason: "test", tenantId: territory.id }, () =>
      Invitation.forDelivery(territory.id, invitation.id),
    );
    expect(stored?.deliveryJobId).toBe(invitation.deliveryJobId);

    // A finished job is not run again (a duplicate dispatch, a sweep): no second call.
    expect(await Jobs.run(territory.id, invitation.deliveryJobId ?? "")).toBeUndefined();
    expect(calls).toBe(2);
  });
});

describe("invitation findings", () => {
  const { app, lines } = testApp();

  test("the invitation link is in the response only, never in a log line", async () => {
    const operator = await createOperator();
    const territory = await Actor.provide({ type: "system", reason: "test" }, () =>
      Territory.create(profile("Territoire du lien")),
    );
    const response = await as(app, operator).post(
      `/api/operator/territories/${territory.id}/invitations`,
      { email: "lien@example.org", displayName: "Lina Lien", role: "territory_lead" },
      { origin: ORIGIN },
    );
    expect(response.status).toBe(201);
    const token = String(response.body.link).split("#token=")[1] ?? "";
    expect(token.length).toBeGreaterThan(20);
    await Jobs.idle();
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(JSON.stringify(line)).not.toContain(token);
  });

  test("a token never opens a session for an existing account: that person must be signed in", async () => {
    const operator = await createOperator();
    const territory = await Actor.provide({ type: "system", reason: "test" }, () =>
      Territory.create(profile("Territoire de l'intrus")),
    );
    // A lead invites the operator's own address as a link worker, then accepts the link themself.
    const me = await as(app, operator).get("/api/me");
    const invited = await as(app, operator).post(
      `/api/operator/territories/${territory.id}/invitations`,
      { email: me.body.user.email, displayName: "Olivia", role: "link_worker" },
      { origin: ORIGIN },
    );
    const token = String(invited.body.link).split("#token=")[1];
    const anonymous = await as(app).post("/api/invitations/accept", { token });
    expect(anonymous.status).toBe(403);
    expect(anonymous.body.code).toBe("auth.invitation_sign_in");
    expect(anonymous.headers.get("set-cookie") ?? "").not.toContain("maillage_session=ey");

    // Signed in as the invited person, it is accepted and grants the membership.
    const accepted = await as(app, operator).post("/api/invitations/accept", { token }, { origin: ORIGIN });
    expect(accepted.status).toBe(200);
    expect(accepted.body.memberships.map((m: { contextId: string }) => m.contextId)).toContain(territory.id);
  });
});
