import { createHash } from "node:crypto";
import { Db, Jobs, MaillageError } from "@maillage/core";
import { TerritoryId } from "@maillage/schema";
import type { Context } from "hono";
import { Hono } from "hono";
import * as v from "valibot";
import { fileStore } from "../files";
import {
  allow,
  CSV,
  JSON_TYPE,
  params,
  query,
  route,
  type UploadType,
  upload,
  uploaded,
  XLSX,
} from "../http/route";
import type { Env } from "../http/types";
import { IMPORTABLE, type Importable, type ImportFormat, type ImportInput } from "../imports/spec";

/**
 * Spreadsheet and data·inclusion imports and exports of the resource catalogue and the link workers,
 * and spreadsheet imports of journeys (no export: one row per person's journey stays in Maillage):
 * `…/template` and `…/export` answer a file; `…/import` stores the uploaded file, enqueues its job
 * (in a transaction) and answers 202 with the job to poll. Registered before the entities' own
 * routes, so that `resources/template` is not read as a resource id.
 */

const members = allow("territory", "territory_lead", "link_worker");
const lead = allow("territory", "territory_lead");
const territoryParams = params(v.object({ territoryId: TerritoryId }), "territory.not_found");

/** A raw upload: 4 MiB (a Lambda request is 6 MB at most, and a binary body travels base64-encoded). */
export const IMPORT_MAX_BYTES = 4 * 1024 * 1024;

const MEDIA: Record<ImportFormat, UploadType> = { csv: CSV, xlsx: XLSX, "data-inclusion": JSON_TYPE };
const EXTENSION: Record<ImportFormat, string> = { csv: "csv", xlsx: "xlsx", "data-inclusion": "json" };

const Accepted = v.object({ jobId: v.string(), dryRun: v.boolean() });

/** An Idempotency-Key as clients generate them (a UUID, a ULID…). */
const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,100}$/;

/** 26 Crockford base-32 characters from a hash: an id of the usual shape, the same for the same key. */
function derivedId(prefix: "job" | "run", territoryId: string, key: string): string {
  const digest = createHash("sha256").update(`${prefix}\u0000${territoryId}\u0000${key}`).digest();
  const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  let out = "";
  for (let i = 0; i < 26; i++) out += alphabet[(digest[i] ?? 0) & 31];
  return `${prefix}_${out}`;
}

function invalid(path: string, message: string): MaillageError {
  return new MaillageError("input.invalid", "The request is not valid", { issues: [{ path, message }] });
}

const attachment = (name: string) => `attachment; filename="${name}"`;

const download = (c: Context<Env>, bytes: Uint8Array, format: ImportFormat, name: string) =>
  c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type":
      format === "csv" ? `${CSV}; charset=utf-8` : format === "xlsx" ? XLSX : `${JSON_TYPE}; charset=utf-8`,
    "content-disposition": attachment(`${name}.${EXTENSION[format]}`),
    "cache-control": "no-store",
  });

const LABELS: Record<Importable, string> = {
  resources: "resources",
  "link-workers": "link workers",
  journeys: "journeys",
};

function routesOf(entity: Importable) {
  const spec = IMPORTABLE[entity];
  const base = `/territories/:territoryId/${entity}`;
  const formats = spec.formats as readonly ImportFormat[];
  const label = LABELS[entity];
  const routes = new Hono<Env>().get(
    `${base}/template`,
    route({
      summary: `The ${label}' import template (French headers and an example row; XLSX adds a help sheet)`,
      tag: entity,
      access: members,
      response: { status: 200, content: [CSV, XLSX], description: "The template (CSV by default)" },
      errors: ["territory.not_found"],
    }),
    territoryParams,
    query(v.object({ format: v.optional(v.picklist(["csv", "xlsx"])) })),
    async (c) => {
      const format = c.req.valid("query").format ?? "csv";
      const { templateOf } = await import("../imports/downloads");
      return download(c, templateOf(entity, format), format, `modele-${spec.file}`);
    },
  );
  if (entity !== "journeys") {
    const exported: Exclude<Importable, "journeys"> = entity;
    routes.get(
      `${base}/export`,
      route({
        summary: `Export the ${label}: CSV (Excel in France), XLSX${formats.includes("data-inclusion") ? " or data·inclusion v1 JSON" : ""}`,
        tag: entity,
        access: members,
        response: {
          status: 200,
          content: formats.includes("data-inclusion") ? [CSV, XLSX, JSON_TYPE] : [CSV, XLSX],
          description: "The export (CSV by default)",
        },
        errors: ["territory.not_found"],
      }),
      territoryParams,
      query(v.object({ format: v.optional(v.picklist(formats)) })),
      async (c) => {
        const format = c.req.valid("query").format ?? "csv";
        const { exportOf } = await import("../imports/downloads");
        return download(c, await exportOf(exported, format), format, spec.file);
      },
    );
  }
  return routes.post(
    `${base}/import`,
    route({
      summary: `Import ${label} from a file (the raw body): a dry run reports every row error; a commit (Idempotency-Key) writes all rows or none`,
      tag: entity,
      access: lead,
      response: {
        status: 202,
        schema: Accepted,
        description: "The import job: poll it for its progress and its report",
        location: "/api/territories/{territoryId}/jobs/{jobId}",
      },
      errors: ["territory.not_found", "batch.conflict"],
    }),
    territoryParams,
    query(
      v.object({
        /** The file's format (by default, from its Content-Type). */
        format: v.optional(v.picklist(formats)),
        /** `true` by default: a commit is asked for explicitly. */
        dryRun: v.optional(v.picklist(["true", "false"])),
      }),
    ),
    upload({ maxBytes: IMPORT_MAX_BYTES, types: formats.map((f) => MEDIA[f]) }),
    async (c) => {
      const { territoryId } = c.req.valid("param");
      const asked = c.req.valid("query");
      const file = uploaded(c);
      const format =
        asked.format ?? (Object.keys(MEDIA) as ImportFormat[]).find((f) => MEDIA[f] === file.mediaType);
      if (!format || MEDIA[format] !== file.mediaType) {
        throw invalid("format", `A ${format} file is sent as ${format ? MEDIA[format] : "?"}`);
      }
      const dryRun = asked.dryRun !== "false";
      const key = c.req.header("idempotency-key")?.trim();
      if (!dryRun && !(key && IDEMPOTENCY_KEY.test(key))) {
        throw invalid(
          "Idempotency-Key",
          "A commit needs an Idempotency-Key header: 8 to 100 letters, digits or - _ . :",
        );
      }
      const fileHash = createHash("sha256").update(file.bytes).digest("hex");
      const fileKey = `${territoryId}/imports/${fileHash}.${EXTENSION[format]}`;
      await fileStore(c.get("config").files).put(fileKey, file.bytes, file.mediaType);
      const input: ImportInput = {
        entity,
        format,
        fileKey,
        fileHash,
        dryRun,
        ...(key && !dryRun ? { runId: derivedId("run", territoryId, key) } : {}),
      };
      const jobId = key && !dryRun ? derivedId("job", territoryId, key) : undefined;
      const { job, op } = Jobs.enqueue(territoryId, spec.kind, { ...input }, new Date(), jobId);
      const location = (id: string) => `/api/territories/${territoryId}/jobs/${id}`;
      try {
        await Db.write([op], []);
      } catch (error) {
        if (!jobId) throw error;
        // The same key again: the same file is the same job (nothing new); another file is a conflict.
        const existing = await Jobs.JobEntity.get([territoryId, jobId], { consistent: true });
        if (!existing) throw error;
        if (existing.input.fileHash !== fileHash || existing.kind !== spec.kind) {
          throw new MaillageError("batch.conflict", "This Idempotency-Key was already used for another file");
        }
        return c.json({ jobId, dryRun: false }, 202, { Location: location(jobId) });
      }
      await Jobs.dispatch(job);
      return c.json({ jobId: job.id, dryRun }, 202, { Location: location(job.id) });
    },
  );
}

export const importRoutes = new Hono<Env>()
  .route("/", routesOf("resources"))
  .route("/", routesOf("link-workers"))
  .route("/", routesOf("journeys"));
