import {
  createId,
  type FieldIssue,
  type LinkWorker as Info,
  LinkWorkerCreate,
  type LinkWorkerQuery,
  LinkWorkerRow,
  LinkWorkerStored,
  LinkWorkerUpdate,
  type Page,
} from "@maillage/schema";
import type * as Batch from "./batch";
import { all, diff, entity, Keys, page, SK_PREFIX, write } from "./db";
import { MembershipEntity } from "./entities";
import { MaillageError } from "./error";
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
import * as Rollups from "./rollups";

/**
 * Link workers (agents de liaison) of a territory: `ter_X#LW / lwk_…`, with a reference guard
 * `ter_X#LWREF / <REFERENCE>` in the same transaction. Leads write, every member reads. Imports write
 * through the batch path (`batchRows`), so readers pass items through `Batch.visible`.
 */

export type { Info };
export type Stored = LinkWorkerStored;

export const LinkWorkerEntity = entity({
  type: "link_worker",
  schema: LinkWorkerStored,
  key: Keys.linkWorker,
});
export const LinkWorkerRefEntity = guardEntity("link_worker_ref", Keys.linkWorkerRef);

/** What the audit trail records of a change: the profile, the reference and the linked person. */
export const AUDITED_FIELDS = [
  "reference",
  "name",
  "profileType",
  "employer",
  "fte",
  "fundingSource",
  "fundingDetail",
  "communityHealthTraining",
  "trainingName",
  "trainingDate",
  "supervision",
  "supervisionFrequency",
  "caseloadCapacity",
  "languages",
  "communes",
  "activeFrom",
  "activeTo",
  "userId",
] as const;

/** The profile fields an import may set (never the linked person). */
const ROW_FIELDS = AUDITED_FIELDS.filter((f) => f !== "userId" && f !== "reference");

/** Generated references: AL-001, AL-002… (agent de liaison). */
export const REFERENCE_PREFIX = "AL";
const COUNTER = "LW";
const DIGITS = 3;

/** Unknown INSEE codes of a raw body, for the API's validator (same 400 as the schema's issues). */
export const communeIssues = (raw: unknown) => communeIssuesOf(raw, COMMUNE_FIELDS);

const notFound = () => new MaillageError("link_worker.not_found", "Link worker not found");
const referenceTaken = () =>
  new MaillageError("link_worker.reference_taken", "Another link worker of the territory has this reference");

const COMMUNE_FIELDS = { list: ["communes"] };

/** The territory's members with the link_worker role: id → display name (one Query of the members index). */
async function linkWorkerPeople(territoryId: string): Promise<Map<string, string | null>> {
  const members = await all(MembershipEntity, {
    index: "gsi1",
    partition: territoryId,
    prefix: SK_PREFIX.member,
  });
  return new Map(
    members.filter((m) => m.role === "link_worker").map((m) => [m.userId, m.displayName ?? null]),
  );
}

function toInfo(stored: Stored, people: Map<string, string | null>, caseloads?: Map<string, number>): Info {
  return {
    ...stored,
    userDisplayName: stored.userId ? (people.get(stored.userId) ?? null) : null,
    openJourneys: caseloads?.get(stored.id) ?? 0,
  };
}

/**
 * Open journeys per link worker: a count over each one's caseload index (journeys' gsi2), reading
 * only the status attribute.
 */
/** Open journeys per link worker, as the rollups keep them on every journey write (one read). */
async function caseloadsOf(territoryId: string, ids: readonly string[]): Promise<Map<string, number>> {
  const all = await Rollups.caseloads(territoryId);
  return new Map(ids.map((id) => [id, all.get(id) ?? 0]));
}

function checkPerson(userId: string | null, people: Map<string, string | null>): void {
  if (userId && !people.has(userId)) {
    throw new MaillageError("input.invalid", "The request is not valid", {
      issues: [{ path: "userId", message: "link_worker.user_not_link_worker" }],
    });
  }
}

const visibleStored = (read: RawRead): Stored | undefined =>
  read.seen && read.seen.type === LinkWorkerEntity.type ? LinkWorkerEntity.parse(read.seen) : undefined;

/** The link workers of the actor's territory, a page at a time (id order: creation order). */
export async function list(query: LinkWorkerQuery = {}): Promise<Page<Info>> {
  const territoryId = readerTenant();
  const [result, people] = await Promise.all([
    page(LinkWorkerEntity, {
      partition: Keys.linkWorkers(territoryId),
      limit: query.limit ?? 50,
      cursor: query.cursor,
      ...visibility(territoryId),
    }),
    linkWorkerPeople(territoryId),
  ]);
  const caseloads = await caseloadsOf(
    territoryId,
    result.items.map((item) => item.id),
  );
  return { items: result.items.map((item) => toInfo(item, people, caseloads)), next: result.next };
}

export async function get(linkWorkerId: string): Promise<Info> {
  const territoryId = readerTenant();
  const [read, people] = await Promise.all([
    readOne(territoryId, LinkWorkerEntity.key(territoryId, linkWorkerId)),
    linkWorkerPeople(territoryId),
  ]);
  const stored = visibleStored(read);
  if (!stored) throw notFound();
  return toInfo(stored, people, await caseloadsOf(territoryId, [stored.id]));
}

async function nextReference(territoryId: string): Promise<string> {
  return formatReference(REFERENCE_PREFIX, await reserveNumbers(territoryId, COUNTER, 1), DIGITS);
}

/**
 * A lead adds a link worker: the record, its reference guard and the audit entry in one transaction.
 * Without a reference, the next "AL-…" number is used (one already taken by hand is skipped).
 */
export async function create(raw: LinkWorkerCreate): Promise<Info> {
  const territoryId = writerTenant();
  const input = parseOrThrow(LinkWorkerCreate, raw, COMMUNE_FIELDS);
  const people = await linkWorkerPeople(territoryId);
  checkPerson(input.userId, people);
  const now = new Date();
  const at = now.toISOString();
  const id = createId("linkWorker");
  for (let attempt = 0; ; attempt++) {
    const reference = input.reference ?? (await nextReference(territoryId));
    const stored: Stored = { ...input, id, reference, version: 1, createdAt: at, updatedAt: at };
    try {
      await write(
        [
          {
            Put: {
              Item: LinkWorkerEntity.item([territoryId, id], stored),
              ConditionExpression: "attribute_not_exists(pk)",
            },
          },
          guardPut(
            LinkWorkerRefEntity.item([territoryId, reference], { targetId: id, reference }),
            referenceTaken,
          ),
        ],
        [
          {
            contextId: territoryId,
            action: "link_worker.create",
            entityType: "link_worker",
            entity: id,
            entityLabel: stored.name,
            changes: diff(null, stored, AUDITED_FIELDS),
          },
        ],
        now,
      );
      return toInfo(stored, people);
    } catch (error) {
      if (input.reference || !isCode(error, "link_worker.reference_taken") || attempt >= 20) throw error;
    }
  }
}
create.schema = LinkWorkerCreate;

const conflict = async (territoryId: string, linkWorkerId: string) => {
  const [read, people] = await Promise.all([
    readOne(territoryId, LinkWorkerEntity.key(territoryId, linkWorkerId), true),
    linkWorkerPeople(territoryId),
  ]);
  const current = visibleStored(read);
  return new MaillageError("link_worker.version_conflict", "The link worker was changed by someone else", {
    ...(current ? { current: toInfo(current, people, await caseloadsOf(territoryId, [current.id])) } : {}),
  });
};

/**
 * A lead edits a link worker (every field, from the version they loaded: 409 with the current record
 * otherwise). A new reference moves its guard in the same transaction. An unchanged save writes nothing.
 */
export async function update(linkWorkerId: string, raw: LinkWorkerUpdate): Promise<Info> {
  const territoryId = writerTenant();
  const { version, ...input } = parseOrThrow(LinkWorkerUpdate, raw, COMMUNE_FIELDS);
  const [read, people] = await Promise.all([
    readOne(territoryId, LinkWorkerEntity.key(territoryId, linkWorkerId), true),
    linkWorkerPeople(territoryId),
  ]);
  const before = visibleStored(read);
  if (!before) throw notFound();
  assertNotStaging(read);
  if (before.version !== version) throw await conflict(territoryId, linkWorkerId);
  // A link kept as it was is not re-checked (the person may since have left the territory).
  if (input.userId !== before.userId) checkPerson(input.userId, people);
  const reference = input.reference ?? before.reference;
  const next = { ...before, ...input, reference };
  const changes = diff(before, next, AUDITED_FIELDS);
  if (changes.length === 0) return toInfo(before, people, await caseloadsOf(territoryId, [before.id]));
  const now = new Date();
  const after: Stored = { ...next, version: version + 1, updatedAt: now.toISOString() };
  const moved = reference.toUpperCase() !== before.reference.toUpperCase();
  await write(
    [
      {
        Put: {
          Item: LinkWorkerEntity.item([territoryId, linkWorkerId], after),
          ...versionCondition(read, version),
        },
        onConditionFailed: () => conflict(territoryId, linkWorkerId),
      },
      ...(moved
        ? [
            guardDelete(LinkWorkerRefEntity.key(territoryId, before.reference), linkWorkerId),
            guardPut(
              LinkWorkerRefEntity.item([territoryId, reference], { targetId: linkWorkerId, reference }),
              referenceTaken,
            ),
          ]
        : reference !== before.reference
          ? // Only the case changed: the guard keeps its key, its stored spelling follows.
            [
              {
                Put: {
                  Item: LinkWorkerRefEntity.item([territoryId, reference], {
                    targetId: linkWorkerId,
                    reference,
                  }),
                },
              },
            ]
          : []),
    ],
    [
      {
        contextId: territoryId,
        action: "link_worker.update",
        entityType: "link_worker",
        entity: linkWorkerId,
        entityLabel: after.name,
        changes,
      },
    ],
    now,
  );
  return toInfo(after, people, await caseloadsOf(territoryId, [after.id]));
}
update.schema = LinkWorkerUpdate;

// ---------------------------------------------------------------------------------------------------
// The batch path (spreadsheet imports): pure row validation, then rows staged on their final keys.

/** A valid spreadsheet row (every field but the linked person). */
export type Row = LinkWorkerRow;

/**
 * Validates one plain row (already mapped from the file's columns to field names, empty cells as
 * null): the row, or every issue with its field path (communes checked against the INSEE grid).
 */
export function validateRow(
  raw: Record<string, unknown>,
): { ok: true; value: Row } | { ok: false; issues: FieldIssue[] } {
  return parseWithCommunes(LinkWorkerRow, raw, COMMUNE_FIELDS);
}

/** The territory's link workers by upper-cased reference (what readers see), for matching a file's rows. */
export async function byReference(): Promise<Map<string, Stored>> {
  const territoryId = writerTenant();
  const [refs, items] = await Promise.all([
    referenceMap(territoryId, Keys.linkWorkerRefs(territoryId)),
    all(LinkWorkerEntity, { partition: Keys.linkWorkers(territoryId), ...visibility(territoryId) }),
  ]);
  const byId = new Map(items.map((item) => [item.id, item]));
  const map = new Map<string, Stored>();
  for (const [reference, id] of refs) {
    const item = byId.get(id);
    if (item) map.set(reference, item);
  }
  return map;
}

/** `count` new references ("AL-014"…), for rows of a file that have none. */
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
  /** The audited fields that the row changes (for a dry-run report). */
  changes: ReturnType<typeof diff>;
}

/**
 * The batch rows of one valid row with its reference: an update of `existing` (the record holding that
 * reference, from `byReference`) or a new record. A new record's guard is a second row; the guard of an
 * existing record stays as it is (the reference is the match). The linked person of an existing record
 * is kept. `now` stamps the rows.
 */
export function batchRows(
  row: Row & { reference: string },
  existing: Stored | undefined,
  now: Date,
): BatchRows {
  const territoryId = writerTenant();
  const at = now.toISOString();
  const profile = Object.fromEntries(ROW_FIELDS.map((field) => [field, row[field]])) as Omit<
    Row,
    "reference"
  >;
  if (existing) {
    const next: Stored = { ...existing, ...profile, reference: existing.reference };
    const changes = diff(existing, next, AUDITED_FIELDS);
    if (changes.length === 0) return { rows: [], kind: "unchanged", id: existing.id, changes };
    const after: Stored = { ...next, version: existing.version + 1, updatedAt: at };
    return {
      rows: [
        {
          key: LinkWorkerEntity.key(territoryId, existing.id),
          item: LinkWorkerEntity.item([territoryId, existing.id], after),
        },
      ],
      kind: "update",
      id: existing.id,
      changes,
    };
  }
  const id = createId("linkWorker");
  const stored: Stored = {
    ...profile,
    id,
    reference: row.reference,
    userId: null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  };
  return {
    rows: [
      { key: LinkWorkerEntity.key(territoryId, id), item: LinkWorkerEntity.item([territoryId, id], stored) },
      {
        key: LinkWorkerRefEntity.key(territoryId, row.reference),
        item: LinkWorkerRefEntity.item([territoryId, row.reference], {
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

/** Every link worker of the territory (exports): what readers see. */
export async function listAll(): Promise<Info[]> {
  const territoryId = readerTenant();
  const [items, people] = await Promise.all([
    all(LinkWorkerEntity, { partition: Keys.linkWorkers(territoryId), ...visibility(territoryId) }),
    linkWorkerPeople(territoryId),
  ]);
  const caseloads = await caseloadsOf(
    territoryId,
    items.map((item) => item.id),
  );
  return items.map((item) => toInfo(item, people, caseloads));
}
