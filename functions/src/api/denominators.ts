import { Denominators, MaillageError } from "@maillage/core";
import {
  DenominatorsPreview,
  Denominators as DenominatorsSchema,
  DenominatorsUpdate,
  TerritoryId,
} from "@maillage/schema";
import { Hono } from "hono";
import * as v from "valibot";
import { allow, CSV, json, params, query, route, upload, uploaded, XLSX } from "../http/route";
import type { Env } from "../http/types";

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");

/** A file of 18 rows and a QPV row is a few kilobytes; an XLSX of it, about ten. */
export const DENOMINATORS_FILE_MAX_BYTES = 256 * 1024;

const MEDIA = { csv: CSV, xlsx: XLSX } as const;

/**
 * The territory's denominators: population by sex and age band, QPV population and their source,
 * entered by the lead (or read from a file, previewed, then saved); the communes' rurality from the
 * INSEE density grid. Spreadsheet code loads on first use, as the imports' does.
 */
export const denominatorRoutes = new Hono<Env>()
  .get(
    "/territories/:territoryId/denominators",
    route({
      summary:
        "Denominators: population by sex and age band, QPV population, source and year, and the communes' rurality (INSEE grille communale de densité 2024); version 0 until first saved",
      tag: "denominators",
      access: members,
      response: { status: 200, schema: DenominatorsSchema, description: "The denominators" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => c.json(await Denominators.get(), 200),
  )
  .put(
    "/territories/:territoryId/denominators",
    route({
      summary:
        "Save the population grid, the QPV population and the source (optimistic concurrency on version)",
      tag: "denominators",
      access: lead,
      response: {
        status: 200,
        schema: DenominatorsSchema,
        description: "The saved denominators, next version",
      },
      errors: ["territory.not_found", "denominators.version_conflict"],
    }),
    territoryParams,
    json(DenominatorsUpdate),
    async (c) => c.json(await Denominators.update(c.req.valid("json")), 200),
  )
  .get(
    "/territories/:territoryId/denominators/template.csv",
    route({
      summary:
        "The denominators' file template (sexe;tranche_age;population, one row per cell and a qpv row), with the figures saved",
      tag: "denominators",
      access: members,
      response: { status: 200, content: CSV, description: "The template" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    async (c) => {
      const { denominatorsTemplate } = await import("../imports/denominators");
      const bytes = denominatorsTemplate(await Denominators.get());
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        "content-type": `${CSV}; charset=utf-8`,
        "content-disposition": 'attachment; filename="denominateurs.csv"',
        "cache-control": "no-store",
      });
    },
  )
  .post(
    "/territories/:territoryId/denominators/import",
    route({
      summary:
        "Read a file of denominators (the raw body, CSV or XLSX): the figures it gives and every problem by line and column; nothing is saved",
      tag: "denominators",
      access: lead,
      response: {
        status: 200,
        schema: DenominatorsPreview,
        description: "The figures read, and the problems",
      },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(v.object({ format: v.optional(v.picklist(["csv", "xlsx"])) })),
    upload({ maxBytes: DENOMINATORS_FILE_MAX_BYTES, types: [CSV, XLSX] }),
    async (c) => {
      const file = uploaded(c);
      const format = c.req.valid("query").format ?? (file.mediaType === XLSX ? "xlsx" : "csv");
      if (MEDIA[format] !== file.mediaType) {
        throw new MaillageError("input.invalid", "The request is not valid", {
          issues: [{ path: "format", message: `A ${format} file is sent as ${MEDIA[format]}` }],
        });
      }
      const { previewDenominators } = await import("../imports/denominators");
      return c.json(previewDenominators(file.bytes, format), 200);
    },
  );
