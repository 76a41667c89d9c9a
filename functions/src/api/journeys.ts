import { Journeys } from "@maillage/core";
import {
  EventId,
  Journey,
  JourneyAssignment,
  JourneyCreate,
  JourneyEventWrite,
  JourneyId,
  JourneyMeasureWrite,
  JourneyQuery,
  JourneySettings,
  JourneySettingsUpdate,
  JourneySummary,
  JourneyUpdate,
  MeasureId,
  Page,
  TerritoryId,
  VersionBody,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

/**
 * Journeys: members of the territory only (a lead sees all, a link worker theirs); no federation,
 * funder or operator route reaches them.
 */
const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");
const journeyParams = params(
  v.object({ territoryId: TerritoryId, journeyId: JourneyId }),
  "journey.not_found",
);
const eventParams = params(
  v.object({ territoryId: TerritoryId, journeyId: JourneyId, eventId: EventId }),
  "journey.not_found",
);
const measureParams = params(
  v.object({ territoryId: TerritoryId, journeyId: JourneyId, measureId: MeasureId }),
  "journey.not_found",
);
/** A write that would change a locked period's figures, or lands during a recomputation: 409. */
const rollupErrors = ["period.locked", "indicators.rebuilding"] as const;
const writeErrors = [
  "territory.not_found",
  "journey.not_found",
  "journey.version_conflict",
  "batch.conflict",
  ...rollupErrors,
] as const;
const one = (description: string) => ({ status: 200 as const, schema: Journey, description });

export const journeyRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId/journeys",
    route({
      summary: "The journeys the person may see, newest referral first (by status, by link worker)",
      tag: "journeys",
      access: members,
      response: { status: 200, schema: Page(JourneySummary), description: "One page of journeys" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(JourneyQuery),
    async (c) => c.json(await Journeys.list(c.req.valid("query")), 200),
  )
  .post(
    "/territories/:territoryId/journeys",
    route({
      summary: "Record a journey (its code is drawn by the server); the events are checked as a whole",
      tag: "journeys",
      access: members,
      response: { status: 201, schema: Journey, description: "The journey, version 1" },
      errors: ["territory.not_found", "journey.reference_taken", ...rollupErrors],
    }),
    territoryParams,
    json(JourneyCreate),
    async (c) => c.json(await Journeys.create(c.req.valid("json")), 201),
  )
  .get(
    "/territories/:territoryId/journeys/:journeyId",
    route({
      summary: "One journey: person, events, measures with their scores, delays against the pathway",
      tag: "journeys",
      access: members,
      response: one("The journey"),
      errors: ["territory.not_found", "journey.not_found"],
    }),
    journeyParams,
    async (c) => c.json(await Journeys.get(c.req.valid("param").journeyId), 200),
  )
  .put(
    "/territories/:territoryId/journeys/:journeyId",
    route({
      summary: "Edit the person's attributes, the track and the pilot's reference",
      tag: "journeys",
      access: members,
      response: one("The saved journey"),
      errors: [...writeErrors, "journey.reference_taken"],
    }),
    journeyParams,
    json(JourneyUpdate),
    async (c) => c.json(await Journeys.update(c.req.valid("param").journeyId, c.req.valid("json")), 200),
  )
  .delete(
    "/territories/:territoryId/journeys/:journeyId",
    route({
      summary: "Delete a journey entered by mistake (leads; audited)",
      tag: "journeys",
      access: lead,
      response: { status: 204, description: "Journey deleted" },
      errors: [...writeErrors],
    }),
    journeyParams,
    json(VersionBody),
    async (c) => {
      await Journeys.remove(c.req.valid("param").journeyId, c.req.valid("json"));
      return c.body(null, 204);
    },
  )
  .put(
    "/territories/:territoryId/journeys/:journeyId/assignment",
    route({
      summary: "Assign the journey to a link worker (leads; audited)",
      tag: "journeys",
      access: lead,
      response: one("The reassigned journey"),
      errors: [...writeErrors],
    }),
    journeyParams,
    json(JourneyAssignment),
    async (c) => c.json(await Journeys.assign(c.req.valid("param").journeyId, c.req.valid("json")), 200),
  )
  .post(
    "/territories/:territoryId/journeys/:journeyId/events",
    route({
      summary:
        "Add an event (first contact, interview, plan, orientation, follow-up, evaluation, exit, reopening)",
      tag: "journeys",
      access: members,
      response: one("The journey with its new event"),
      errors: [...writeErrors],
    }),
    journeyParams,
    json(JourneyEventWrite),
    async (c) => c.json(await Journeys.addEvent(c.req.valid("param").journeyId, c.req.valid("json")), 200),
  )
  .put(
    "/territories/:territoryId/journeys/:journeyId/events/:eventId",
    route({
      summary: "Replace an event (the whole journey is checked again)",
      tag: "journeys",
      access: members,
      response: one("The journey with the changed event"),
      errors: [...writeErrors],
    }),
    eventParams,
    json(JourneyEventWrite),
    async (c) => {
      const { journeyId, eventId } = c.req.valid("param");
      return c.json(await Journeys.updateEvent(journeyId, eventId, c.req.valid("json")), 200);
    },
  )
  .delete(
    "/territories/:territoryId/journeys/:journeyId/events/:eventId",
    route({
      summary: "Remove an event (refused if the journey would no longer be valid)",
      tag: "journeys",
      access: members,
      response: one("The journey without the event"),
      errors: [...writeErrors],
    }),
    eventParams,
    json(VersionBody),
    async (c) => {
      const { journeyId, eventId } = c.req.valid("param");
      return c.json(await Journeys.removeEvent(journeyId, eventId, c.req.valid("json")), 200);
    },
  )
  .post(
    "/territories/:territoryId/journeys/:journeyId/measures",
    route({
      summary: "Record a measure (coded answers; scored by the server)",
      tag: "journeys",
      access: members,
      response: one("The journey with the scored measure"),
      errors: [...writeErrors],
    }),
    journeyParams,
    json(JourneyMeasureWrite),
    async (c) => c.json(await Journeys.addMeasure(c.req.valid("param").journeyId, c.req.valid("json")), 200),
  )
  .put(
    "/territories/:territoryId/journeys/:journeyId/measures/:measureId",
    route({
      summary: "Correct a measure's answers, date or time point",
      tag: "journeys",
      access: members,
      response: one("The journey with the corrected measure"),
      errors: [...writeErrors],
    }),
    measureParams,
    json(JourneyMeasureWrite),
    async (c) => {
      const { journeyId, measureId } = c.req.valid("param");
      return c.json(await Journeys.updateMeasure(journeyId, measureId, c.req.valid("json")), 200);
    },
  )
  .delete(
    "/territories/:territoryId/journeys/:journeyId/measures/:measureId",
    route({
      summary: "Remove a measure",
      tag: "journeys",
      access: members,
      response: one("The journey without the measure"),
      errors: [...writeErrors],
    }),
    measureParams,
    json(VersionBody),
    async (c) => {
      const { journeyId, measureId } = c.req.valid("param");
      return c.json(await Journeys.removeMeasure(journeyId, measureId, c.req.valid("json")), 200);
    },
  )
  .get(
    "/territories/:territoryId/journey-settings",
    route({
      summary: "Who sees which journeys (assigned only, or the team's)",
      tag: "journeys",
      access: members,
      response: {
        status: 200,
        schema: JourneySettings,
        description: "The settings (version 0: never saved)",
      },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Journeys.settings(), 200),
  )
  .put(
    "/territories/:territoryId/journey-settings",
    route({
      summary: "Share journeys with the whole team, or keep them to their link worker (leads)",
      tag: "journeys",
      access: lead,
      response: { status: 200, schema: JourneySettings, description: "The saved settings" },
      errors: ["territory.not_found", "journey_settings.version_conflict"],
    }),
    territoryParams,
    json(JourneySettingsUpdate),
    async (c) => c.json(await Journeys.updateSettings(c.req.valid("json")), 200),
  );
