import { createHash } from "node:crypto";
import { gunzipSync, gzipSync } from "node:zlib";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  combine,
  defaultCatalogue,
  type EconomicEstimate,
  Economics,
  economicsOf,
  effectiveDefinitions,
  type FinaliseContext,
  finalise,
  type IndicatorDefinition,
  type IndicatorResult,
  IndicatorSettingsUpdate,
  type IndicatorSettings as Info,
  type LinkWorkerInput,
  type ManualEntry,
  type ManualValue,
  ManualValueWrite,
  type PeriodLock,
  PeriodLockBody,
  PeriodUnlockBody,
  parseCustom,
  parsePeriod,
  pathwayParameters,
} from "@maillage/indicators";
import type { AuditChange } from "@maillage/schema";
import * as v from "valibot";
import * as Actor from "./actor";
import * as Batch from "./batch";
import { all, db, diff, entity, Keys, queryAll, tableName, write } from "./db";
import * as Denominators from "./denominators";
import { MaillageError } from "./error";
import { parse } from "./fn";
import * as Jobs from "./jobs";
import { JourneyEntity } from "./journeys";
import { LinkWorkerEntity } from "./link-workers";
import * as Pathway from "./pathway";
import { readerTenant, visibility, writerTenant } from "./referenced";
import * as Rollups from "./rollups";

/**
 * A territory's indicators (DESIGN.md §4): its settings (catalogue overrides, its own indicators,
 * economic figures), its manual values with their provenance, its locked periods, and the figures of
 * any month, quarter or year, finalised from the rollups kept on write (`rollups.ts`) — never from a
 * re-read of its journeys. A locked period answers from the snapshot taken when it was locked, so its
 * figures stay what the steering committee saw whatever is configured later.
 */

export const REBUILD_JOB = "indicators.rebuild";

const invalid = (issues: { path: string; message: string }[]) =>
  new MaillageError("input.invalid", "The request is not valid", { issues });

function periodOf(code: string) {
  try {
    return parsePeriod(code);
  } catch {
    throw invalid([{ path: "period", message: "period.invalid" }]);
  }
}

// ---------------------------------------------------------------------------------------------------
// Settings.

function infoOf(s: Rollups.State): Info {
  const custom = parseCustom(s.custom);
  const economics = v.safeParse(Economics, s.economics);
  return {
    overrides: s.overrides as Info["overrides"],
    custom: custom.success ? custom.output : [],
    economics: economics.success ? economics.output : v.parse(Economics, {}),
    version: s.version,
    updatedAt: s.updatedAt,
  };
}

export async function settings(): Promise<Info & { catalogue: readonly IndicatorDefinition[] }> {
  const territoryId = readerTenant();
  return { ...infoOf(await Rollups.state(territoryId)), catalogue: defaultCatalogue };
}

const computedOnly = (custom: readonly IndicatorDefinition[]) =>
  JSON.stringify(
    custom.filter((d) => d.source.kind === "computed").map((d) => ({ ...d, enabled: true, target: null })),
  );

const auditedSettings = (info: Info) => ({
  ...Object.fromEntries(
    Object.entries(info.overrides).flatMap(([code, o]) => [
      ...(o.enabled !== undefined ? [[`overrides.${code}.enabled`, o.enabled]] : []),
      ...(o.target !== undefined ? [[`overrides.${code}.target`, o.target?.["value" as never] ?? null]] : []),
    ]),
  ),
  custom: info.custom.map((d) => d.code).join(", ") || null,
  ...Object.fromEntries(Object.entries(info.economics).map(([k, value]) => [`economics.${k}`, value])),
});

/**
 * A lead saves the settings from the version they read. A change to the territory's own computed
 * indicators bumps `definitionsVersion` (journey writes in flight retry) and queues a rebuild, in the
 * same transaction: until it has run, those indicators' rollups are incomplete.
 */
export async function updateSettings(
  raw: unknown,
): Promise<Info & { catalogue: readonly IndicatorDefinition[] }> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(IndicatorSettingsUpdate, raw);
  const custom = parseCustom(input.custom);
  if (!custom.success) throw invalid(custom.issues.map((i) => ({ ...i, path: `custom.${i.path}` })));
  const s = await Rollups.state(territoryId);
  const current = infoOf(s);
  if (current.version !== input.version) {
    throw new MaillageError(
      "indicator_settings.version_conflict",
      "The indicator settings were changed by someone else",
      {
        current: { ...current, catalogue: defaultCatalogue },
      },
    );
  }
  const now = new Date();
  const overrides = Object.fromEntries(
    Object.entries(input.overrides).filter(([, o]) => o.enabled !== undefined || o.target !== undefined),
  );
  const next: Info = {
    overrides,
    custom: custom.output,
    economics: input.economics,
    version: s.version + 1,
    updatedAt: now.toISOString(),
  };
  const keys = [
    ...new Set([...Object.keys(auditedSettings(current)), ...Object.keys(auditedSettings(next))]),
  ];
  const changes: AuditChange[] = diff(auditedSettings(current), auditedSettings(next), keys);
  if (changes.length === 0) return { ...current, catalogue: defaultCatalogue };
  const redefine = computedOnly(current.custom) !== computedOnly(next.custom);
  const job = redefine ? Jobs.enqueue(territoryId, REBUILD_JOB, {}, now) : null;
  await write(
    [
      {
        Update: {
          Key: Keys.indicatorSettings(territoryId),
          UpdateExpression: `SET #type = :type, overrides = :overrides, custom = :custom, economics = :economics, version = :next, updatedAt = :now${
            redefine ? ", definitionsVersion = if_not_exists(definitionsVersion, :zero) + :one" : ""
          }${s.exists ? "" : `, #locks = :empty, locksVersion = :zero${redefine ? "" : ", definitionsVersion = :zero"}`}`,
          // An item an import or a rebuild created has no `version`: its settings were never saved (0).
          ConditionExpression: s.exists
            ? "version = :version OR attribute_not_exists(version)"
            : "attribute_not_exists(pk)",
          ExpressionAttributeNames: { "#type": "type", ...(s.exists ? {} : { "#locks": "locks" }) },
          ExpressionAttributeValues: {
            ":type": Rollups.StateEntity.type,
            ":overrides": next.overrides,
            ":custom": next.custom,
            ":economics": next.economics,
            ":next": next.version,
            ":now": next.updatedAt,
            ...(s.exists ? { ":version": s.version } : { ":empty": {}, ":zero": 0 }),
            ...(redefine ? { ":zero": 0, ":one": 1 } : {}),
          },
        },
        onConditionFailed: async () =>
          new MaillageError(
            "indicator_settings.version_conflict",
            "The indicator settings were changed by someone else",
            {
              current: { ...infoOf(await Rollups.state(territoryId)), catalogue: defaultCatalogue },
            },
          ),
      },
      ...(job ? [job.op] : []),
    ],
    [
      {
        contextId: territoryId,
        action: "indicators.settings",
        entityType: "indicator_settings",
        entity: "indicator-settings",
        entityLabel: "Paramètres des indicateurs",
        changes,
      },
    ],
    now,
  );
  if (job) await Jobs.dispatch(job.job);
  return { ...next, catalogue: defaultCatalogue };
}
updateSettings.schema = IndicatorSettingsUpdate;

// ---------------------------------------------------------------------------------------------------
// Figures.

export interface Figures {
  territoryId: string;
  period: string;
  periodKind: "month" | "quarter" | "year";
  months: string[];
  locked: PeriodLock | null;
  snapshot: boolean;
  asOf: string;
  results: (IndicatorResult & {
    rationale: string;
    citation: string;
    source: IndicatorDefinition["source"];
  })[];
  economics: EconomicEstimate[];
}

const lockOf = (period: string, s: Rollups.State): PeriodLock | null => {
  const lock = s.locks[period];
  return lock ? { period, ...lock } : null;
};

/** The lock that covers a period: its own, or that of a period containing all of its months. */
function coveringLock(period: string, s: Rollups.State): PeriodLock | null {
  const own = lockOf(period, s);
  if (own) return own;
  const months = parsePeriod(period).months;
  for (const locked of Object.keys(s.locks).sort()) {
    const covered = new Set(parsePeriod(locked).months);
    if (months.every((m) => covered.has(m))) return lockOf(locked, s);
  }
  return null;
}

async function linkWorkersIn(territoryId: string, start: string, end: string): Promise<LinkWorkerInput[]> {
  const [workers, caseloads] = await Promise.all([
    all(LinkWorkerEntity, { partition: Keys.linkWorkers(territoryId), ...visibility(territoryId) }),
    Rollups.caseloads(territoryId),
  ]);
  return workers
    .filter((w) => (w.activeFrom ?? "0000") <= end && (w.activeTo ?? "9999") >= start)
    .map((w) => ({
      fte: w.fte ?? 0,
      caseloadCapacity: w.caseloadCapacity ?? null,
      openCaseload: caseloads.get(w.id) ?? 0,
    }));
}

const ValueEntity = entity({
  type: "indicator_value",
  schema: v.object({
    code: v.string(),
    period: v.string(),
    value: v.number(),
    source: v.string(),
    asOf: v.string(),
    note: v.nullable(v.string()),
    enteredBy: v.string(),
    enteredByName: v.nullable(v.string()),
    enteredAt: v.string(),
    version: v.number(),
  }),
  key: Keys.indicatorValue,
});

async function valuesOf(territoryId: string, prefix: string): Promise<ManualValue[]> {
  const items = await queryAll({
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": Keys.indicatorRecords(territoryId), ":prefix": prefix },
  });
  return items.map((item) => ValueEntity.parse(item));
}

const entryOf = (value: ManualValue): ManualEntry => ({
  code: value.code,
  period: value.period,
  value: value.value,
  provenance: {
    source: value.source,
    enteredBy: value.enteredByName ?? value.enteredBy,
    enteredAt: value.enteredAt,
    note: value.note,
  },
});

/** Everything `finalise` reads besides the cells, for one period. */
async function contextFor(territoryId: string, period: string): Promise<FinaliseContext> {
  const p = parsePeriod(period);
  const [denominators, linkWorkers, values, pathway] = await Promise.all([
    Denominators.get(),
    linkWorkersIn(territoryId, p.start, p.end),
    valuesOf(territoryId, `VAL#${period}#`),
    Pathway.get(),
  ]);
  return { denominators, linkWorkers, entries: values.map(entryOf), parameters: pathwayParameters(pathway) };
}

function decorate(
  definitions: readonly IndicatorDefinition[],
  results: IndicatorResult[],
): Figures["results"] {
  const byCode = new Map(definitions.map((d) => [d.code, d]));
  return results.map((r) => {
    const d = byCode.get(r.code) as IndicatorDefinition;
    return { ...r, rationale: d.rationale, citation: d.citation, source: d.source };
  });
}

/** Computes a period's figures from the rollups (no snapshot). */
async function compute(territoryId: string, period: string, s: Rollups.State) {
  return computeWith(territoryId, period, s, await contextFor(territoryId, period));
}

async function computeWith(territoryId: string, period: string, s: Rollups.State, context: FinaliseContext) {
  const p = parsePeriod(period);
  const info = infoOf(s);
  const definitions = effectiveDefinitions(info).filter((d) => d.enabled);
  const cells = await Rollups.cellsIn(territoryId, p.months);
  const results = decorate(definitions, finalise(definitions, combine(cells), context, period));
  return { results, economics: economicsOf(results, info.economics, period) };
}

const SnapshotEntity = entity({
  type: "period_snapshot",
  schema: v.object({ period: v.string(), asOf: v.string(), data: v.instance(Uint8Array) }),
  key: Keys.periodSnapshot,
});

const CacheEntity = entity({
  type: "period_cache",
  schema: v.object({
    period: v.string(),
    fingerprint: v.string(),
    asOf: v.string(),
    data: v.instance(Uint8Array),
  }),
  key: Keys.periodCache,
});

/**
 * What a period's figures are computed from, hashed: the change counters of its months' rollups
 * (and the rebuild generation), the settings, and the whole finalise context (denominators, link
 * workers with their open caseloads, manual values, pathway targets). Equal fingerprints, equal
 * figures: the engine is a pure function of these.
 */
function fingerprintOf(
  s: Rollups.State,
  stamp: Record<string, unknown>,
  months: readonly string[],
  context: FinaliseContext,
): string {
  const material = JSON.stringify({
    months: months.map((m) => stamp[`month~${m}`] ?? 0),
    generation: stamp.generation ?? null,
    settings: [s.version, s.definitionsVersion, s.overrides, s.custom, s.economics],
    context,
  });
  return createHash("sha256").update(material).digest("base64url");
}

const pack = (value: unknown) => new Uint8Array(gzipSync(JSON.stringify(value)));
const unpack = <T>(data: Uint8Array) => JSON.parse(gunzipSync(data).toString("utf8")) as T;

/**
 * The figures of a month, quarter or year (`GET …/indicators?period=`). A locked period answers
 * from its snapshot. Otherwise the figures last computed for the period are served when nothing they
 * depend on has changed since (one small read each: the months' counters, the settings, the context);
 * else they are finalised from the rollups and kept for the next read.
 */
export async function figures(period: string): Promise<Figures> {
  const territoryId = readerTenant();
  const p = periodOf(period);
  const [s, snapshot, cached, stamp, context] = await Promise.all([
    Rollups.state(territoryId, false),
    SnapshotEntity.get([territoryId, p.code]),
    CacheEntity.get([territoryId, p.code]),
    Rollups.stamp(territoryId),
    contextFor(territoryId, p.code),
  ]);
  const locked = coveringLock(p.code, s);
  const base = { territoryId, period: p.code, periodKind: p.kind, months: [...p.months], locked };
  if (locked?.period === p.code && snapshot) {
    const data = unpack<Pick<Figures, "results" | "economics">>(snapshot.data);
    return { ...base, snapshot: true, asOf: snapshot.asOf, ...data };
  }
  const fingerprint = fingerprintOf(s, stamp, p.months, context);
  if (cached?.fingerprint === fingerprint) {
    return {
      ...base,
      snapshot: false,
      asOf: cached.asOf,
      ...unpack<Pick<Figures, "results" | "economics">>(cached.data),
    };
  }
  const computed = await computeWith(territoryId, p.code, s, context);
  const asOf = new Date().toISOString();
  try {
    await db().send(
      new PutCommand({
        TableName: tableName(),
        Item: CacheEntity.item([territoryId, p.code], {
          period: p.code,
          fingerprint,
          asOf,
          data: pack(computed),
        }),
      }),
    );
  } catch (error) {
    // A reader that may not write (a policy of its own) still gets its figures, uncached.
    if (
      (error as { name?: string }).name !== "ScopeViolation" &&
      (error as { name?: string }).name !== "AccessDeniedException"
    )
      throw error;
  }
  return { ...base, snapshot: false, asOf, ...computed };
}

export interface TrendPoint {
  period: string;
  status: IndicatorResult["status"];
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  interval: IndicatorResult["interval"];
}

export const TRENDS_MAX_MONTHS = 36;

/** Monthly values of some indicators over a range of months, from one read of their rollups. */
export async function trends(from: string, to: string, codes: readonly string[] | null) {
  const territoryId = readerTenant();
  const start = periodOf(from);
  const end = periodOf(to);
  if (start.kind !== "month") throw invalid([{ path: "from", message: "period.month_expected" }]);
  if (end.kind !== "month") throw invalid([{ path: "to", message: "period.month_expected" }]);
  const months: string[] = [];
  for (let m = start.code; m <= end.code; ) {
    months.push(m);
    const [y, mo] = m.split("-").map(Number) as [number, number];
    m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, "0")}`;
    if (months.length > TRENDS_MAX_MONTHS) throw invalid([{ path: "to", message: "period.range_too_long" }]);
  }
  if (months.length === 0) throw invalid([{ path: "to", message: "period.range_reversed" }]);
  const s = await Rollups.state(territoryId, false);
  const info = infoOf(s);
  const wanted = codes ? new Set(codes) : null;
  const definitions = effectiveDefinitions(info).filter(
    (d) =>
      d.enabled &&
      d.source.kind === "computed" &&
      d.periods.includes("month") &&
      (!wanted || wanted.has(d.code)),
  );
  if (wanted) {
    const known = new Set(effectiveDefinitions(info).map((d) => d.code));
    const unknown = [...wanted].filter((c) => !known.has(c));
    if (unknown.length > 0) throw invalid([{ path: "codes", message: "indicator.code.unknown" }]);
  }
  const first = parsePeriod(months[0] as string);
  const last = parsePeriod(months[months.length - 1] as string);
  const [cells, denominators, linkWorkers, pathway] = await Promise.all([
    Rollups.cellsIn(territoryId, months),
    Denominators.get(),
    linkWorkersIn(territoryId, first.start, last.end),
    Pathway.get(),
  ]);
  const context: FinaliseContext = { denominators, linkWorkers, parameters: pathwayParameters(pathway) };
  const byMonth = new Map<string, typeof cells>();
  for (const cell of cells) byMonth.set(cell.month, [...(byMonth.get(cell.month) ?? []), cell]);
  const series: Record<
    string,
    {
      label: IndicatorResult["label"];
      unit: string;
      type: string;
      direction: IndicatorResult["direction"];
      target: number | null;
      points: TrendPoint[];
    }
  > = {};
  for (const month of months) {
    for (const r of finalise(definitions, combine(byMonth.get(month) ?? []), context, month)) {
      series[r.code] ??= {
        label: r.label,
        unit: r.unit,
        type: r.type,
        direction: r.direction,
        target: r.target,
        points: [],
      };
      series[r.code]?.points.push({
        period: month,
        status: r.status,
        value: r.value,
        numerator: r.numerator,
        denominator: r.denominator,
        interval: r.interval,
      });
    }
  }
  return { from: start.code, to: end.code, months, series };
}

// ---------------------------------------------------------------------------------------------------
// Manual values.

function manualDefinition(s: Rollups.State, code: string): IndicatorDefinition {
  const d = effectiveDefinitions(infoOf(s)).find((x) => x.code === code);
  if (!d) throw new MaillageError("indicator.not_found", "Indicator not found");
  return d;
}

export async function values(code: string): Promise<{ items: ManualValue[] }> {
  const territoryId = readerTenant();
  manualDefinition(await Rollups.state(territoryId, false), code);
  const items = (await valuesOf(territoryId, "VAL#")).filter((x) => x.code === code);
  return { items: items.sort((a, b) => (a.period < b.period ? 1 : a.period > b.period ? -1 : 0)) };
}

/**
 * A lead enters (or, from its version, replaces) the value of a manual indicator for one period,
 * with its source and date; who and when are recorded. A locked period refuses it (409).
 */
export async function addValue(code: string, raw: unknown): Promise<ManualValue> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(ManualValueWrite, raw);
  const s = await Rollups.state(territoryId);
  const d = manualDefinition(s, code);
  if (d.source.kind === "computed") throw invalid([{ path: "code", message: "indicator.not_manual" }]);
  const p = periodOf(input.period);
  if (!d.periods.includes(p.kind)) throw invalid([{ path: "period", message: "period.kind.not_supported" }]);
  // A value is the figure of its own period only: refused when that period is locked or lies within
  // a locked one (a quarter of a locked year), not for a year one of whose quarters is locked.
  const covering = coveringLock(p.code, s);
  if (covering) throw Rollups.lockedError([covering.period]);
  const existing = await ValueEntity.get([territoryId, p.code, code], { consistent: true });
  const conflict = async () =>
    new MaillageError("indicator_value.version_conflict", "This value was changed by someone else", {
      current: (await ValueEntity.get([territoryId, p.code, code], { consistent: true })) ?? null,
    });
  if ((existing?.version ?? 0) !== input.version) throw await conflict();
  const now = new Date();
  const value: ManualValue = {
    code,
    period: p.code,
    value: input.value,
    source: input.source,
    asOf: input.asOf,
    note: input.note,
    enteredBy: Actor.auditId(),
    enteredByName: Actor.auditName(),
    enteredAt: now.toISOString(),
    version: input.version + 1,
  };
  const fields = ["value", "source", "asOf", "note"] as const;
  await write(
    [
      {
        Put: {
          Item: ValueEntity.item([territoryId, p.code, code], value),
          ...(existing
            ? {
                ConditionExpression: "version = :version",
                ExpressionAttributeValues: { ":version": existing.version },
              }
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        },
        onConditionFailed: conflict,
      },
      // The locks as read: a lock taken meanwhile refuses the value.
      s.exists
        ? {
            ConditionCheck: {
              Key: Keys.indicatorSettings(territoryId),
              ConditionExpression: "locksVersion = :locks",
              ExpressionAttributeValues: { ":locks": s.locksVersion },
            },
            onConditionFailed: () => Rollups.lockedError([p.code]),
          }
        : {
            ConditionCheck: {
              Key: Keys.indicatorSettings(territoryId),
              ConditionExpression: "attribute_not_exists(pk)",
            },
            onConditionFailed: () => Rollups.lockedError([p.code]),
          },
    ],
    [
      {
        contextId: territoryId,
        action: "indicators.value",
        entityType: "indicator_value",
        entity: `${code}:${p.code}`,
        entityLabel: `${d.label.fr} — ${p.code}`,
        changes: diff(existing ?? null, value, fields),
      },
    ],
    now,
  );
  return value;
}
addValue.schema = ManualValueWrite;

// ---------------------------------------------------------------------------------------------------
// Period locks.

export async function locks(): Promise<{ items: PeriodLock[] }> {
  const s = await Rollups.state(readerTenant(), false);
  return {
    items: Object.entries(s.locks)
      .map(([period, lock]) => ({ period, ...lock }))
      .sort((a, b) => (a.period < b.period ? 1 : -1)),
  };
}

/**
 * A lead locks a period once its figures are checked: its figures are computed and kept (the
 * snapshot), and from then on journeys and values that would change it are refused until it is
 * unlocked with a reason. Refused while an import or a rebuild is changing the rollups.
 */
export async function lock(period: string, raw: unknown): Promise<PeriodLock> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(PeriodLockBody, raw);
  const p = periodOf(period);
  const s = await Rollups.state(territoryId);
  if (s.locks[p.code])
    throw new MaillageError("period.already_locked", `The period ${p.code} is already locked`);
  const pending = await Batch.pendingRuns(territoryId);
  if (pending.size > 0 || s.applying.length > 0 || s.rebuilding) {
    throw new MaillageError(
      "batch.conflict",
      "An import or a recomputation is changing the figures: lock the period once it is done",
    );
  }
  const computed = await compute(territoryId, p.code, s);
  const now = new Date();
  const lockInfo = {
    lockedAt: now.toISOString(),
    lockedBy: Actor.auditId(),
    lockedByName: Actor.auditName(),
    reason: input.reason,
  };
  const data = new Uint8Array(gzipSync(JSON.stringify(computed)));
  const firstLock = Object.keys(s.locks).length === 0;
  await write(
    [
      {
        Update: {
          Key: Keys.indicatorSettings(territoryId),
          // An item without locks (none yet, or created by an import or a rebuild, without the map)
          // gets the whole map: the version condition guarantees it was still empty.
          UpdateExpression: !s.exists
            ? "SET #type = :type, #locks = :locks, locksVersion = :one, definitionsVersion = :zero, version = :zero, overrides = :empty, custom = :none, economics = :empty"
            : firstLock
              ? "SET #locks = :locks, locksVersion = locksVersion + :one"
              : "SET #locks.#period = :lock, locksVersion = locksVersion + :one",
          ConditionExpression: s.exists
            ? "locksVersion = :version AND attribute_not_exists(rebuilding) AND (attribute_not_exists(applying) OR size(applying) = :zero)"
            : "attribute_not_exists(pk)",
          ExpressionAttributeNames: !s.exists
            ? { "#type": "type", "#locks": "locks" }
            : firstLock
              ? { "#locks": "locks" }
              : { "#locks": "locks", "#period": p.code },
          ExpressionAttributeValues: s.exists
            ? {
                ...(firstLock ? { ":locks": { [p.code]: lockInfo } } : { ":lock": lockInfo }),
                ":one": 1,
                ":version": s.locksVersion,
                ":zero": 0,
              }
            : {
                ":type": Rollups.StateEntity.type,
                ":locks": { [p.code]: lockInfo },
                ":one": 1,
                ":zero": 0,
                ":empty": {},
                ":none": [],
              },
        },
        onConditionFailed: () =>
          new MaillageError(
            "batch.conflict",
            "The figures were changing while the period was locked: try again",
          ),
      },
      {
        Put: {
          Item: SnapshotEntity.item([territoryId, p.code], { period: p.code, asOf: lockInfo.lockedAt, data }),
        },
      },
    ],
    [
      {
        contextId: territoryId,
        action: "period.lock",
        entityType: "period",
        entity: p.code,
        entityLabel: p.code,
        changes: diff(null, { locked: true, reason: input.reason }, ["locked", "reason"]),
      },
    ],
    now,
  );
  return { period: p.code, ...lockInfo };
}
lock.schema = PeriodLockBody;

/** A lead unlocks a period, with the reason the audit trail keeps; its snapshot is dropped. */
export async function unlock(period: string, raw: unknown): Promise<{ period: string; unlockedAt: string }> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(PeriodUnlockBody, raw);
  const p = periodOf(period);
  const s = await Rollups.state(territoryId);
  if (!s.locks[p.code]) throw new MaillageError("period.not_locked", `The period ${p.code} is not locked`);
  const now = new Date();
  await write(
    [
      {
        Update: {
          Key: Keys.indicatorSettings(territoryId),
          UpdateExpression: "REMOVE #locks.#period SET locksVersion = locksVersion + :one",
          ConditionExpression: "attribute_exists(#locks.#period)",
          ExpressionAttributeNames: { "#locks": "locks", "#period": p.code },
          ExpressionAttributeValues: { ":one": 1 },
        },
        onConditionFailed: () => new MaillageError("period.not_locked", `The period ${p.code} is not locked`),
      },
      { Delete: { Key: Keys.periodSnapshot(territoryId, p.code) } },
    ],
    [
      {
        contextId: territoryId,
        action: "period.unlock",
        entityType: "period",
        entity: p.code,
        entityLabel: p.code,
        changes: diff({ locked: true, reason: null }, { locked: false, reason: input.reason }, [
          "locked",
          "reason",
        ]),
      },
    ],
    now,
  );
  return { period: p.code, unlockedAt: now.toISOString() };
}
unlock.schema = PeriodUnlockBody;

// ---------------------------------------------------------------------------------------------------
// Rebuild: every rollup recomputed from all journeys, through the batch path.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Recomputes the territory's rollups from all its journeys (after its own computed indicators
 * changed, or by hand: `npm run rollups:rebuild`). Journey writes that would change figures are
 * refused while it runs (the indicator item's `rebuilding` mark, in their condition); the journeys
 * are listed from their code guards (a base-table partition, read consistently), and the new items
 * are staged and switched on at once by the batch path. Resumable with the same run id.
 */
export async function rebuild(
  runId = `rebuild-${Date.now()}`,
): Promise<{ runId: string; items: number; journeys: number }> {
  // A lead, or the territory's rebuild job (a system actor of the tenant).
  const territoryId = writerTenant();
  const s = await Rollups.state(territoryId);
  if (s.applying.length > 0 || (await Batch.pendingRuns(territoryId)).size > 0) {
    throw new MaillageError("batch.conflict", "An import is changing the figures: rebuild once it is done");
  }
  const run = s.rebuilding ?? runId;
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: Keys.indicatorSettings(territoryId),
      UpdateExpression:
        "SET #type = :type, rebuilding = :run, locksVersion = if_not_exists(locksVersion, :zero), definitionsVersion = if_not_exists(definitionsVersion, :zero)",
      ConditionExpression: "attribute_not_exists(rebuilding) OR rebuilding = :run",
      ExpressionAttributeNames: { "#type": "type" },
      ExpressionAttributeValues: { ":type": Rollups.StateEntity.type, ":run": run, ":zero": 0 },
    }),
  );
  // Writes that read the item before the mark fail their condition; let those that committed settle.
  await sleep(50);
  const definitions = Rollups.definitionsOf(s);
  const codes = await queryAll({
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": Keys.journeyCode(territoryId, "").pk },
    ConsistentRead: true,
  });
  const ids = codes.map((item) => String(item.targetId));
  const journeys = [];
  for (let i = 0; i < ids.length; i += 100) {
    journeys.push(
      ...(await JourneyEntity.getMany(ids.slice(i, i + 100).map((id) => [territoryId, id] as const))),
    );
  }
  const items = Rollups.itemsFor(territoryId, definitions, journeys);
  const kept = new Set(items.map((item) => `${item.pk}|${item.sk}`));
  const stale = (await Rollups.storedKeys(territoryId)).filter((key) => !kept.has(`${key.pk}|${key.sk}`));
  const rows: Batch.Row[] = [
    ...items.map((item) => ({ key: { pk: String(item.pk), sk: String(item.sk) }, item })),
    ...stale.map((key) => ({ key, item: { ...key, type: "rollup" } })),
  ];
  await Batch.runAll(
    {
      tenantId: territoryId,
      runId: run,
      kind: "rollup_rebuild",
      fileHash: `journeys:${journeys.length}`,
      action: "indicators.rebuild",
      label: `${journeys.length} parcours`,
    },
    rows,
  );
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: Keys.indicatorSettings(territoryId),
      UpdateExpression: "REMOVE rebuilding",
      ConditionExpression: "rebuilding = :run",
      ExpressionAttributeValues: { ":run": run },
    }),
  );
  return { runId: run, items: rows.length, journeys: journeys.length };
}

Jobs.register(REBUILD_JOB, async ({ job }) => {
  const result = await rebuild(`rebuild-${job.id}`);
  return result;
});
