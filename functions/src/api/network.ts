import { Federations, Funders } from "@maillage/core";
import { FederationId, FederationView, FunderId, FunderView } from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, params, route } from "../http/route";
import type { Env } from "../http/types";

export const networkRoutes = new Hono<Env>()
  .get(
    "/federations/:federationId",
    route({
      summary: "A federation's territories side by side (profiles only, read-only)",
      tag: "federation",
      access: allow("federation", "federation"),
      response: { status: 200, schema: FederationView, description: "Federation and territories" },
      errors: ["federation.not_found"],
    }),
    params(v.object({ federationId: FederationId }), "federation.not_found"),
    async (c) => c.json(await Federations.get(), 200),
  )
  .get(
    "/funders/:funderId",
    route({
      summary: "A funder's funded territories (profiles only, read-only)",
      tag: "funder",
      access: allow("funder", "funder"),
      response: { status: 200, schema: FunderView, description: "Funder and territories" },
      errors: ["funder.not_found"],
    }),
    params(v.object({ funderId: FunderId }), "funder.not_found"),
    async (c) => c.json(await Funders.get(), 200),
  );
