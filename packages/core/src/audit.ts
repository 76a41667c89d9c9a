import { type AuditEntry, type AuditQuery, message, type Page, type PageQuery } from "@maillage/schema";
import { decodeTime } from "ulid";
import * as Actor from "./actor";
import { Keys, monthOf, page } from "./db";
import { AuditEntity } from "./entities";
import { MaillageError } from "./error";

/** Month buckets from `latest` back to `earliest`, newest first ("2026-12", "2026-11", …). */
function monthsBack(latest: string, earliest: string): string[] {
  const months: string[] = [];
  let [year, month] = latest.split("-").map(Number) as [number, number];
  for (let m = `${year}-${String(month).padStart(2, "0")}`; m >= earliest; ) {
    months.push(m);
    month -= 1;
    if (month === 0) {
      month = 12;
      year -= 1;
    }
    m = `${year}-${String(month).padStart(2, "0")}`;
  }
  return months;
}

/** The month the tenant was created, read from its id (a ULID carries its creation time). */
function creationMonth(contextId: string): string {
  const ulid = contextId.split("_")[1] ?? "";
  return monthOf(new Date(decodeTime(ulid)).toISOString());
}

interface Cursor {
  /** Bucket to continue from, and the position inside it (null: its start). */
  m: string;
  k: string | null;
}

const invalidCursor = () =>
  new MaillageError("input.invalid", "Invalid cursor", {
    issues: [{ path: "cursor", message: message("cursor.invalid") }],
  });

function decode(cursor: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Cursor;
    if (!/^\d{4}-\d{2}$/.test(parsed.m) || (parsed.k !== null && typeof parsed.k !== "string")) throw 0;
    return parsed;
  } catch {
    throw invalidCursor();
  }
}

const encode = (cursor: Cursor) => Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");

/**
 * A tenant's audit trail, newest first, one page at a time across its month buckets. Entries of one
 * millisecond keep their order (monotonic ids). Used by leads for their territory.
 */
export async function list(query: AuditQuery = {}, now = new Date()): Promise<Page<AuditEntry>> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  if (query.entity) return historyOf(territoryId, query.entity, query);
  return listFor(territoryId, query, now);
}

/** One record's history, newest first (the audit entries' gsi1). */
export function historyOf(contextId: string, entity: string, query: PageQuery): Promise<Page<AuditEntry>> {
  return page(AuditEntity, {
    index: "gsi1",
    partition: Keys.auditOfEntity(contextId, entity),
    descending: true,
    limit: query.limit ?? 50,
    cursor: query.cursor,
  });
}

export async function listFor(contextId: string, query: PageQuery, now: Date): Promise<Page<AuditEntry>> {
  const limit = query.limit ?? 50;
  const start = query.cursor ? decode(query.cursor) : { m: monthOf(now.toISOString()), k: null };
  const months = monthsBack(start.m, creationMonth(contextId));
  const items: AuditEntry[] = [];
  let inner: string | null = start.k;
  for (const [index, month] of months.entries()) {
    const result = await page(AuditEntity, {
      partition: Keys.auditBucket(contextId, month),
      descending: true,
      limit: limit - items.length,
      cursor: inner ?? undefined,
    });
    items.push(...result.items);
    inner = null;
    if (result.next) return { items, next: encode({ m: month, k: result.next }) };
    const following = months[index + 1];
    if (items.length >= limit) return { items, next: following ? encode({ m: following, k: null }) : null };
  }
  return { items, next: null };
}
