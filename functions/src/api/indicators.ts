import { Indicators } from "@maillage/core";
import {
  IndicatorCode,
  IndicatorSettings,
  IndicatorSettingsUpdate,
  ManualValue,
  ManualValueWrite,
  PeriodCode,
  PeriodLock,
  PeriodLockBody,
  PeriodUnlockBody,
} from "@maillage/indicators";
import { TerritoryId } from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, json, params, query, route } from "../http/route";
import type { Env } from "../http/types";

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");
const codeParams = params(v.object({ territoryId: TerritoryId, code: IndicatorCode }), "indicator.not_found");
/**
 * Bounded and without `:` (a segment spelled `:period` would match the route twice in Hono's trie
 * router, its handlers run twice); a malformed period of these characters is a 400 at `period`.
 */
const periodParams = params(
  v.object({ territoryId: TerritoryId, period: v.pipe(v.string(), v.regex(/^[\w-]{1,16}$/)) }),
  "territory.not_found",
);

const Value = v.object({
  status: v.string(),
  value: v.nullable(v.number()),
  numerator: v.nullable(v.number()),
  denominator: v.nullable(v.number()),
  interval: v.nullable(v.object({ low: v.number(), high: v.number(), method: v.string() })),
});
const Figures = v.object({
  territoryId: v.string(),
  period: v.string(),
  periodKind: v.picklist(["month", "quarter", "year"]),
  months: v.array(v.string()),
  locked: v.nullable(PeriodLock),
  snapshot: v.boolean(),
  asOf: v.string(),
  results: v.array(
    v.looseObject({
      ...Value.entries,
      code: v.string(),
      label: v.object({ fr: v.string(), en: v.string() }),
      level: v.string(),
      type: v.string(),
      unit: v.string(),
      target: v.nullable(v.number()),
      disaggregations: v.record(v.string(), v.record(v.string(), Value)),
    }),
  ),
  economics: v.array(v.looseObject({ code: v.string(), status: v.string(), value: v.nullable(v.number()) })),
});
const Trends = v.object({
  from: v.string(),
  to: v.string(),
  months: v.array(v.string()),
  series: v.record(
    v.string(),
    v.looseObject({
      label: v.object({ fr: v.string(), en: v.string() }),
      points: v.array(v.looseObject(Value.entries)),
    }),
  ),
});
const Settings = v.object({
  ...IndicatorSettings.entries,
  catalogue: v.array(v.looseObject({ code: v.string() })),
});

/**
 * Indicators (DESIGN.md §4): the figures of a period from the rollups, monthly trends, the
 * territory's settings, manual values with their provenance, and period locks.
 */
export const indicatorRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId/indicators",
    route({
      summary:
        "The figures of a month, quarter or year: every enabled indicator with numerator, denominator, 95% interval, target, status and disaggregations; economic estimates; a locked period answers from its snapshot",
      tag: "indicators",
      access: members,
      response: { status: 200, schema: Figures, description: "The figures" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(v.object({ period: PeriodCode })),
    async (c) => c.json(await Indicators.figures(c.req.valid("query").period), 200),
  )
  .get(
    "/territories/:territoryId/indicators/trends",
    route({
      summary: `Monthly values of the computed indicators (or of \`codes\`, comma-separated) from one month to another (at most ${Indicators.TRENDS_MAX_MONTHS})`,
      tag: "indicators",
      access: members,
      response: { status: 200, schema: Trends, description: "One series per indicator" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(
      v.object({
        from: PeriodCode,
        to: PeriodCode,
        codes: v.optional(v.pipe(v.string(), v.maxLength(2000))),
      }),
    ),
    async (c) => {
      const { from, to, codes } = c.req.valid("query");
      const list = codes
        ? codes
            .split(",")
            .map((code) => code.trim())
            .filter(Boolean)
        : null;
      return c.json(await Indicators.trends(from, to, list), 200);
    },
  )
  .get(
    "/territories/:territoryId/indicator-settings",
    route({
      summary:
        "The territory's indicator settings (catalogue overrides, its own indicators, economic figures) and the default catalogue",
      tag: "indicators",
      access: members,
      response: { status: 200, schema: Settings, description: "The settings" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Indicators.settings(), 200),
  )
  .put(
    "/territories/:territoryId/indicator-settings",
    route({
      summary:
        "Save the indicator settings (optimistic concurrency on version); a change to the territory's own computed indicators queues a recomputation of its rollups",
      tag: "indicators",
      access: lead,
      response: { status: 200, schema: Settings, description: "The saved settings, next version" },
      errors: ["territory.not_found", "indicator_settings.version_conflict"],
    }),
    territoryParams,
    json(IndicatorSettingsUpdate),
    async (c) => c.json(await Indicators.updateSettings(c.req.valid("json")), 200),
  )
  .get(
    "/territories/:territoryId/indicators/:code/values",
    route({
      summary: "The values entered for one manual indicator, newest period first, with their provenance",
      tag: "indicators",
      access: members,
      response: { status: 200, schema: v.object({ items: v.array(ManualValue) }), description: "The values" },
      errors: ["territory.not_found", "indicator.not_found"],
    }),
    codeParams,
    async (c) => c.json(await Indicators.values(c.req.valid("param").code), 200),
  )
  .post(
    "/territories/:territoryId/indicators/:code/values",
    route({
      summary:
        "Enter (version 0) or replace (its version) the value of a manual indicator for one period, with its source and date; refused for a locked period",
      tag: "indicators",
      access: lead,
      response: { status: 201, schema: ManualValue, description: "The value as recorded" },
      errors: [
        "territory.not_found",
        "indicator.not_found",
        "indicator_value.version_conflict",
        "period.locked",
      ],
    }),
    codeParams,
    json(ManualValueWrite),
    async (c) => c.json(await Indicators.addValue(c.req.valid("param").code, c.req.valid("json")), 201),
  )
  .get(
    "/territories/:territoryId/periods",
    route({
      summary: "The locked periods, with who locked them, when and why",
      tag: "indicators",
      access: members,
      response: { status: 200, schema: v.object({ items: v.array(PeriodLock) }), description: "The locks" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Indicators.locks(), 200),
  )
  .post(
    "/territories/:territoryId/periods/:period/lock",
    route({
      summary:
        "Lock a period once its figures are checked: they are kept as they are, and journeys or values that would change them are refused until it is unlocked",
      tag: "indicators",
      access: lead,
      response: { status: 200, schema: PeriodLock, description: "The lock" },
      errors: ["territory.not_found", "period.already_locked", "batch.conflict"],
    }),
    periodParams,
    json(PeriodLockBody),
    async (c) => c.json(await Indicators.lock(c.req.valid("param").period, c.req.valid("json")), 200),
  )
  .post(
    "/territories/:territoryId/periods/:period/unlock",
    route({
      summary: "Unlock a period, with the reason the audit trail keeps",
      tag: "indicators",
      access: lead,
      response: {
        status: 200,
        schema: v.object({ period: v.string(), unlockedAt: v.string() }),
        description: "Unlocked",
      },
      errors: ["territory.not_found", "period.not_locked"],
    }),
    periodParams,
    json(PeriodUnlockBody),
    async (c) => c.json(await Indicators.unlock(c.req.valid("param").period, c.req.valid("json")), 200),
  );
