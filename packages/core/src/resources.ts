import {
  createId,
  type FieldIssue,
  type Resource as Info,
  type Page,
  pillarOf,
  ResourceCreate,
  type ResourceQuery,
  ResourceRow,
  ResourceStored,
  ResourceUpdate,
  ResourceVerify,
} from "@maillage/schema";
import type * as Batch from "./batch";
import * as Clock from "./clock";
import { all, diff, entity, Keys, type PageRequest, page, write } from "./db";
import { MaillageError } from "./error";
import { parse } from "./fn";
import {
  assertNotStaging,
  communeIssues as communeIssuesOf,
  formatReference,
  guardDelete,
  guardEntity,
  guardPut,
  isCode,
  parseOrThrow,
  parseWithCommunes,
  type RawRead,
  readerTenant,
  readOne,
  referenceMap,
  reserveNumbers,
  versionCondition,
  visibility,
  writerTenant,
} from "./referenced";

/**
 * The territory's resource catalogue: `ter_X#RES / res_…`, indexed by pillar (gsi1
 * `ter_X#RES#<pillar>` / `<category>#res_…`) and by last verification (gsi2 `ter_X#RESVERIFIED` /
 * `<date>#res_…`), with a reference guard `ter_X#RESREF / <REFERENCE>` in the same transaction. Leads
 * write, every member reads. Imports write through the batch path (`batchRows`); readers pass items
 * through `Batch.visible`. Stale (never verified, or verified more than 6 months before today) is
 * computed against `today`, a parameter (default: `Clock.today()`).
 */

export type { Info };
export type Stored = ResourceStored;

const indexOf = (r: Pick<Stored, "pillar" | "category" | "lastVerified">) => ({
  pillar: r.pillar,
  category: r.category,
  lastVerified: r.lastVerified,
});

export const ResourceEntity = entity({ type: "resource", schema: ResourceStored, key: Keys.resource });
export const ResourceRefEntity = guardEntity("resource_ref", Keys.resourceRef);

const itemOf = (territoryId: string, stored: Stored) =>
  ResourceEntity.item([territoryId, stored.id, indexOf(stored)], stored);

export const AUDITED_FIELDS = [
  "reference",
  "pillar",
  "category",
  "structureName",
  "serviceName",
  "description",
  "commune",
  "address",
  "accessibility",
  "cost",
  "costDetail",
  "schedule",
  "capacity",
  "phone",
  "email",
  "website",
  "publics",
  "lastVerified",
] as const;

const ROW_FIELDS = AUDITED_FIELDS.filter((f) => f !== "reference");

/** Generated references: RES-0001… */
export const REFERENCE_PREFIX = "RES";
const COUNTER = "RES";
const DIGITS = 4;

/**
 * At most this many resources are read for one filtered page that no index serves (free text, commune
 * alone): the page may then be short, with a `next` cursor to read on.
 */
export const MAX_READ_PER_PAGE = 500;

const COMMUNE_FIELDS = { single: ["commune"] };

/** Unknown INSEE codes of a raw body, for the API's validator (same 400 as the schema's issues). */
export const communeIssues = (raw: unknown) => communeIssuesOf(raw, COMMUNE_FIELDS);

const notFound = () => new MaillageError("resource.not_found", "Resource not found");
const referenceTaken = () =>
  new MaillageError("resource.reference_taken", "Another resource of the territory has this reference");

const toInfo = (stored: Stored, today: string): Info => ({
  ...stored,
  stale: Clock.isStale(stored.lastVerified, today),
});

const visibleStored = (read: RawRead): Stored | undefined =>
  read.seen && read.seen.type === ResourceEntity.type ? ResourceEntity.parse(read.seen) : undefined;

/** Lower case, without accents or punctuation: "Café" and "cafe" match, "l'Écoute" and "ecoute" too. */
export function normalize(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

const searchText = (r: Stored) =>
  normalize([r.structureName, r.serviceName ?? "", r.description ?? ""].join(" "));

interface Options {
  /** YYYY-MM-DD; `Clock.today()` when absent. */
  today?: string;
}

/**
 * Picks the read for the filters: a category (its pillar's index, by prefix), stale (the verification
 * index below the cutoff), a pillar, not stale (the verification index from the cutoff), else the
 * catalogue's partition, read at most `MAX_READ_PER_PAGE` items at a time. Every filter is checked on
 * every item anyway (an import's staged image may have moved its index keys).
 */
function readFor(territoryId: string, query: ResourceQuery, cutoff: string): PageRequest {
  if (query.category) {
    return {
      index: "gsi1",
      partition: Keys.resourcesByPillar(territoryId, pillarOf(query.category)),
      prefix: `${query.category}#`,
    };
  }
  if (query.stale === true) {
    return { index: "gsi2", partition: Keys.resourcesByVerification(territoryId), before: cutoff };
  }
  if (query.pillar) return { index: "gsi1", partition: Keys.resourcesByPillar(territoryId, query.pillar) };
  if (query.stale === false) {
    return { index: "gsi2", partition: Keys.resourcesByVerification(territoryId), from: cutoff };
  }
  return { partition: Keys.resources(territoryId) };
}

/** Search and filter the catalogue, a page at a time. */
export async function list(query: ResourceQuery = {}, options: Options = {}): Promise<Page<Info>> {
  const territoryId = readerTenant();
  const today = options.today ?? Clock.today();
  if (query.category && query.pillar && pillarOf(query.category) !== query.pillar) {
    throw new MaillageError("input.invalid", "The request is not valid", {
      issues: [{ path: "category", message: "category.wrong_pillar" }],
    });
  }
  const cutoff = Clock.staleCutoff(today);
  const terms = query.q ? normalize(query.q).split(" ").filter(Boolean) : [];
  const filter = (r: Stored) =>
    (!query.pillar || r.pillar === query.pillar) &&
    (!query.category || r.category === query.category) &&
    (!query.commune || r.commune === query.commune) &&
    (query.stale === undefined || Clock.isStale(r.lastVerified, today) === query.stale) &&
    (terms.length === 0 || terms.every((term) => searchText(r).includes(term)));
  const result = await page(ResourceEntity, {
    ...readFor(territoryId, query, cutoff),
    limit: query.limit ?? 50,
    cursor: query.cursor,
    ...visibility(territoryId),
    filter,
    maxRead: MAX_READ_PER_PAGE,
  });
  return { items: result.items.map((r) => toInfo(r, today)), next: result.next };
}

export async function get(resourceId: string, options: Options = {}): Promise<Info> {
  const territoryId = readerTenant();
  const read = await readOne(territoryId, ResourceEntity.key(territoryId, resourceId));
  const stored = visibleStored(read);
  if (!stored) throw notFound();
  return toInfo(stored, options.today ?? Clock.today());
}

async function nextReference(territoryId: string): Promise<string> {
  return formatReference(REFERENCE_PREFIX, await reserveNumbers(territoryId, COUNTER, 1), DIGITS);
}

/**
 * A lead adds a resource: record, reference guard and audit entry in one transaction. Without a
 * reference, the next "RES-…" number; without `lastVerified`, today (the lead is checking it now).
 */
export async function create(raw: ResourceCreate, options: Options = {}): Promise<Info> {
  const territoryId = writerTenant();
  const input = parseOrThrow(ResourceCreate, raw, COMMUNE_FIELDS);
  const today = options.today ?? Clock.today();
  const now = new Date();
  const at = now.toISOString();
  const id = createId("resource");
  for (let attempt = 0; ; attempt++) {
    const reference = input.reference ?? (await nextReference(territoryId));
    const stored: Stored = {
      ...input,
      id,
      reference,
      lastVerified: input.lastVerified === undefined ? today : input.lastVerified,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    try {
      await write(
        [
          { Put: { Item: itemOf(territoryId, stored), ConditionExpression: "attribute_not_exists(pk)" } },
          guardPut(
            ResourceRefEntity.item([territoryId, reference], { targetId: id, reference }),
            referenceTaken,
          ),
        ],
        [
          {
            contextId: territoryId,
            action: "resource.create",
            entityType: "resource",
            entity: id,
            entityLabel: stored.structureName,
            changes: diff(null, stored, AUDITED_FIELDS),
          },
        ],
        now,
      );
      return toInfo(stored, today);
    } catch (error) {
      if (input.reference || !isCode(error, "resource.reference_taken") || attempt >= 20) throw error;
    }
  }
}
create.schema = ResourceCreate;

const conflict = async (territoryId: string, resourceId: string, today: string) => {
  const current = visibleStored(
    await readOne(territoryId, ResourceEntity.key(territoryId, resourceId), true),
  );
  return new MaillageError("resource.version_conflict", "The resource was changed by someone else", {
    ...(current ? { current: toInfo(current, today) } : {}),
  });
};

/** Loads the record to change, from the version its editor started from (404, 409 otherwise). */
async function loadForChange(territoryId: string, resourceId: string, version: number, today: string) {
  const read = await readOne(territoryId, ResourceEntity.key(territoryId, resourceId), true);
  const before = visibleStored(read);
  if (!before) throw notFound();
  assertNotStaging(read);
  if (before.version !== version) throw await conflict(territoryId, resourceId, today);
  return { read, before };
}

async function save(
  territoryId: string,
  read: RawRead,
  before: Stored,
  next: Stored,
  action: string,
  today: string,
): Promise<Info> {
  const changes = diff(before, next, AUDITED_FIELDS);
  if (changes.length === 0) return toInfo(before, today);
  const now = new Date();
  const after: Stored = { ...next, version: before.version + 1, updatedAt: now.toISOString() };
  const moved = after.reference.toUpperCase() !== before.reference.toUpperCase();
  const guard = ResourceRefEntity.item([territoryId, after.reference], {
    targetId: after.id,
    reference: after.reference,
  });
  await write(
    [
      {
        Put: { Item: itemOf(territoryId, after), ...versionCondition(read, before.version) },
        onConditionFailed: () => conflict(territoryId, after.id, today),
      },
      ...(moved
        ? [
            guardDelete(ResourceRefEntity.key(territoryId, before.reference), after.id),
            guardPut(guard, referenceTaken),
          ]
        : after.reference !== before.reference
          ? [{ Put: { Item: guard } }]
          : []),
    ],
    [
      {
        contextId: territoryId,
        action,
        entityType: "resource",
        entity: after.id,
        entityLabel: after.structureName,
        changes,
      },
    ],
    now,
  );
  return toInfo(after, today);
}

/**
 * A lead edits a resource (every field, from the version they loaded: 409 with the current record
 * otherwise). An unchanged save writes nothing.
 */
export async function update(resourceId: string, raw: ResourceUpdate, options: Options = {}): Promise<Info> {
  const territoryId = writerTenant();
  const { version, ...input } = parseOrThrow(ResourceUpdate, raw, COMMUNE_FIELDS);
  const today = options.today ?? Clock.today();
  const { read, before } = await loadForChange(territoryId, resourceId, version, today);
  const next: Stored = {
    ...before,
    ...input,
    reference: input.reference ?? before.reference,
    lastVerified: input.lastVerified === undefined ? before.lastVerified : input.lastVerified,
  };
  return save(territoryId, read, before, next, "resource.update", today);
}
update.schema = ResourceUpdate;

/** "Mark as verified": last verified today (audited); already verified today, nothing is written. */
export async function verify(resourceId: string, raw: ResourceVerify, options: Options = {}): Promise<Info> {
  const territoryId = writerTenant();
  const { version } = parse(ResourceVerify, raw);
  const today = options.today ?? Clock.today();
  const { read, before } = await loadForChange(territoryId, resourceId, version, today);
  return save(territoryId, read, before, { ...before, lastVerified: today }, "resource.verify", today);
}
verify.schema = ResourceVerify;

// ---------------------------------------------------------------------------------------------------
// The batch path (spreadsheet and data·inclusion imports).

export type Row = ResourceRow;

/**
 * Validates one plain row (mapped to field names, empty cells as null): the row, or every issue with
 * its field path (the commune checked against the INSEE grid, the category against its pillar).
 */
export function validateRow(
  raw: Record<string, unknown>,
): { ok: true; value: Row } | { ok: false; issues: FieldIssue[] } {
  return parseWithCommunes(ResourceRow, raw, COMMUNE_FIELDS);
}

/** The catalogue by upper-cased reference (what readers see), for matching a file's rows. */
export async function byReference(): Promise<Map<string, Stored>> {
  const territoryId = writerTenant();
  const [refs, items] = await Promise.all([
    referenceMap(territoryId, Keys.resourceRefs(territoryId)),
    all(ResourceEntity, { partition: Keys.resources(territoryId), ...visibility(territoryId) }),
  ]);
  const byId = new Map(items.map((item) => [item.id, item]));
  const map = new Map<string, Stored>();
  for (const [reference, id] of refs) {
    const item = byId.get(id);
    if (item) map.set(reference, item);
  }
  return map;
}

/** `count` new references ("RES-0042"…), for rows of a file that have none. */
export async function reserveReferences(count: number): Promise<string[]> {
  if (count <= 0) return [];
  const first = await reserveNumbers(writerTenant(), COUNTER, count);
  return Array.from({ length: count }, (_, i) => formatReference(REFERENCE_PREFIX, first + i, DIGITS));
}

export interface BatchRows {
  /** What to stage (the record, and its reference guard for a new record); empty when unchanged. */
  rows: Batch.Row[];
  kind: "create" | "update" | "unchanged";
  id: string;
  changes: ReturnType<typeof diff>;
}

/**
 * The batch rows of one valid row with its reference: an update of `existing` (from `byReference`) or
 * a new record, whose reference guard is a second row. `now` stamps the rows.
 */
export function batchRows(
  row: Row & { reference: string },
  existing: Stored | undefined,
  now: Date,
): BatchRows {
  const territoryId = writerTenant();
  const at = now.toISOString();
  const fields = Object.fromEntries(ROW_FIELDS.map((field) => [field, row[field]])) as Omit<Row, "reference">;
  if (existing) {
    const next: Stored = { ...existing, ...fields, reference: existing.reference };
    const changes = diff(existing, next, AUDITED_FIELDS);
    if (changes.length === 0) return { rows: [], kind: "unchanged", id: existing.id, changes };
    const after: Stored = { ...next, version: existing.version + 1, updatedAt: at };
    return {
      rows: [{ key: ResourceEntity.key(territoryId, existing.id), item: itemOf(territoryId, after) }],
      kind: "update",
      id: existing.id,
      changes,
    };
  }
  const id = createId("resource");
  const stored: Stored = {
    ...fields,
    id,
    reference: row.reference,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return {
    rows: [
      { key: ResourceEntity.key(territoryId, id), item: itemOf(territoryId, stored) },
      {
        key: ResourceRefEntity.key(territoryId, row.reference),
        item: ResourceRefEntity.item([territoryId, row.reference], {
          targetId: id,
          reference: row.reference,
        }),
      },
    ],
    kind: "create",
    id,
    changes: diff(null, stored, AUDITED_FIELDS),
  };
}

/** The whole catalogue (exports): what readers see. */
export async function listAll(options: Options = {}): Promise<Info[]> {
  const territoryId = readerTenant();
  const today = options.today ?? Clock.today();
  const items = await all(ResourceEntity, {
    partition: Keys.resources(territoryId),
    ...visibility(territoryId),
  });
  return items.map((r) => toInfo(r, today));
}
