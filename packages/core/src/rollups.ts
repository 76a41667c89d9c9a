import { GetCommand, QueryCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type Cell,
  combine,
  contributions,
  type IndicatorDefinition,
  lockedMonths,
  negate,
  orientationContributions,
  parseCustom,
  rollupDefinitions,
} from "@maillage/indicators";
import { type JourneySummary, OPEN_STATUSES } from "@maillage/schema";
import * as v from "valibot";
import * as Batch from "./batch";
import { db, entity, Keys, tableName, type WriteOp } from "./db";
import { MaillageError } from "./error";

/**
 * Rollups kept exact on write (DESIGN.md §4; docs/indicators.md §5). Each item holds what the
 * journeys of one month add to one indicator (`ter#AGG / <yyyy-mm>#<code>`), as additive cells of
 * `@maillage/indicators`: one attribute per cell field (`sex~female~n`, `all~all~d`, `…~h~12`). A
 * journey write adds the difference between the journey's old and new cells with DynamoDB's `ADD`,
 * in the journey's own transaction, so rollups can never drift from the journeys; a quarter or a year
 * is the sum of its months, and a dashboard reads a bounded number of items whatever the number of
 * journeys. Open caseloads, a stock rather than a flow, are kept the same way in one item
 * (`ter#AGG / CASELOAD`, one count per link worker).
 *
 * The territory's indicator item (`ter / INDICATORS`) holds what every write must agree with: the
 * locked periods (`locksVersion`), the territory's own computed definitions (`definitionsVersion`),
 * and whether a rebuild or an import's rollups are in progress. A write that changes rollups carries
 * a condition on it, so a lock, a definition change or a rebuild cannot slip in between its read and
 * its commit.
 */

const SEP = "~";
const TYPE = "rollup";
const STOCK_TYPE = "rollup_stock";
const CASELOAD_SK = "CASELOAD";
/**
 * One counter per month, added to by every change of that month's rollups, and the generation a
 * rebuild writes: what a cached period's figures are checked against (`Indicators.figures`).
 */
const STAMP_SK = "STAMP";

// ---------------------------------------------------------------------------------------------------
// The indicator item: settings, locks, rollup state.

const Lock = v.object({
  lockedAt: v.string(),
  lockedBy: v.string(),
  lockedByName: v.nullable(v.string()),
  reason: v.nullable(v.string()),
});

export const StateEntity = entity({
  type: "indicator_settings",
  schema: v.object({
    overrides: v.optional(
      v.record(
        v.string(),
        v.object({ enabled: v.optional(v.boolean()), target: v.optional(v.nullable(v.any())) }),
      ),
      {},
    ),
    custom: v.optional(v.array(v.any()), []),
    economics: v.optional(v.record(v.string(), v.any()), {}),
    version: v.optional(v.number(), 0),
    updatedAt: v.optional(v.nullable(v.string()), null),
    locks: v.optional(v.record(v.string(), Lock), {}),
    locksVersion: v.optional(v.number(), 0),
    definitionsVersion: v.optional(v.number(), 0),
    rebuilding: v.optional(v.nullable(v.string()), null),
    applying: v.optional(v.array(v.string()), []),
  }),
  key: Keys.indicatorSettings,
});
export type State = v.InferOutput<typeof StateEntity.schema> & { exists: boolean };

/** The territory's indicator item as stored (defaults when never saved). */
export async function state(territoryId: string, consistent = true): Promise<State> {
  const result = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: Keys.indicatorSettings(territoryId),
      ...(consistent ? { ConsistentRead: true } : {}),
    }),
  );
  const raw = result.Item ?? {};
  const applying = raw.applying instanceof Set ? [...raw.applying] : (raw.applying ?? []);
  return { ...StateEntity.parse({ ...raw, applying }), exists: result.Item !== undefined };
}

/** The definitions rollups are kept for in this territory (the catalogue's and its own computed ones). */
export function definitionsOf(s: Pick<State, "custom">): IndicatorDefinition[] {
  const custom = parseCustom(s.custom);
  return rollupDefinitions({ custom: custom.success ? custom.output : [] });
}

// ---------------------------------------------------------------------------------------------------
// Cells of a journey.

type Summary = JourneySummary;

/** Every cell a journey adds to the rollups (its own milestones and its orientations). */
export function cellsOf(definitions: readonly IndicatorDefinition[], journey: Summary | null): Cell[] {
  if (!journey) return [];
  return [
    ...contributions(definitions, journey),
    ...orientationContributions(definitions, journey.orientations ?? []),
  ];
}

/** What changes in the rollups when a journey goes from `before` to `after` (null: absent). */
export function deltaOf(
  definitions: readonly IndicatorDefinition[],
  before: Summary | null,
  after: Summary | null,
): Cell[] {
  return combine([...negate(cellsOf(definitions, before)), ...cellsOf(definitions, after)]);
}

const openWith = (journey: Summary | null) =>
  journey && (OPEN_STATUSES as readonly string[]).includes(journey.status) && journey.linkWorkerId
    ? journey.linkWorkerId
    : null;

/** How a journey changes the open caseloads: −1 for the link worker it leaves, +1 for the one it joins. */
export function caseloadDeltaOf(before: Summary | null, after: Summary | null): Map<string, number> {
  const delta = new Map<string, number>();
  const from = openWith(before);
  const to = openWith(after);
  if (from === to) return delta;
  if (from) delta.set(from, -1);
  if (to) delta.set(to, (delta.get(to) ?? 0) + 1);
  return delta;
}

// ---------------------------------------------------------------------------------------------------
// Items.

const attributeOf = (cell: Pick<Cell, "dimension" | "group">, field: string) =>
  `${cell.dimension}${SEP}${cell.group}${SEP}${field}`;

/** The attributes a set of cells of one month and indicator adds (every field a whole number). */
function attributesOf(cells: readonly Cell[]): Map<string, number> {
  const attributes = new Map<string, number>();
  const add = (name: string, value: number) => {
    if (value !== 0) attributes.set(name, (attributes.get(name) ?? 0) + value);
  };
  for (const cell of cells) {
    add(attributeOf(cell, "n"), cell.numerator);
    add(attributeOf(cell, "d"), cell.denominator);
    if (cell.sumSquares !== undefined) add(attributeOf(cell, "s"), cell.sumSquares);
    for (const [value, count] of Object.entries(cell.histogram ?? {}))
      add(attributeOf(cell, `h${SEP}${value}`), count);
  }
  return attributes;
}

/** The cells one stored rollup item holds (zero fields dropped, as `combine` does). */
export function cellsOfItem(item: Record<string, unknown>): Cell[] {
  const sk = String(item.sk);
  const at = sk.indexOf("#");
  const month = sk.slice(0, at);
  const indicator = sk.slice(at + 1);
  const cells = new Map<
    string,
    {
      dimension: string;
      group: string;
      numerator: number;
      denominator: number;
      sumSquares?: number;
      histogram?: Record<string, number>;
    }
  >();
  for (const [name, value] of Object.entries(item)) {
    if (typeof value !== "number" || !name.includes(SEP)) continue;
    const [dimension, group, field, bin] = name.split(SEP) as [string, string, string, string | undefined];
    const key = `${dimension}${SEP}${group}`;
    let cell = cells.get(key);
    if (!cell) {
      cell = { dimension, group, numerator: 0, denominator: 0 };
      cells.set(key, cell);
    }
    if (field === "n") cell.numerator = value;
    else if (field === "d") cell.denominator = value;
    else if (field === "s") cell.sumSquares = value;
    else if (field === "h" && bin !== undefined && value !== 0) {
      cell.histogram ??= {};
      cell.histogram[bin] = value;
    }
  }
  return combine(
    [...cells.values()].map((c) => ({ ...c, month, indicator, dimension: c.dimension as Cell["dimension"] })),
  );
}

const groupByItem = (cells: readonly Cell[]) => {
  const items = new Map<string, { month: string; indicator: string; cells: Cell[] }>();
  for (const cell of cells) {
    const key = `${cell.month}#${cell.indicator}`;
    let entry = items.get(key);
    if (!entry) {
      entry = { month: cell.month, indicator: cell.indicator, cells: [] };
      items.set(key, entry);
    }
    entry.cells.push(cell);
  }
  return [...items.values()];
};

/** One `ADD` update per item; `run`: an import's id, applied once per item whatever the retries. */
function addUpdate(
  key: { pk: string; sk: string },
  type: string,
  attributes: Map<string, number>,
  run?: string,
) {
  const names: Record<string, string> = { "#type": "type" };
  const values: Record<string, unknown> = { ":type": type };
  const adds: string[] = [];
  let i = 0;
  for (const [name, value] of attributes) {
    names[`#a${i}`] = name;
    values[`:a${i}`] = value;
    adds.push(`#a${i} :a${i}`);
    i++;
  }
  if (run) {
    names["#runs"] = "runs";
    values[":run"] = new Set([run]);
    values[":runId"] = run;
    adds.push("#runs :run");
  }
  return {
    Key: key,
    UpdateExpression: `SET #type = :type ADD ${adds.join(", ")}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
    ...(run ? { ConditionExpression: "attribute_not_exists(#runs) OR NOT contains(#runs, :runId)" } : {}),
  };
}

/** The updates that add `cells` (and caseload changes) to a territory's rollups. */
export function updatesOf(
  territoryId: string,
  cells: readonly Cell[],
  caseloads: ReadonlyMap<string, number> = new Map(),
  run?: string,
) {
  const updates = groupByItem(cells)
    .map(({ month, indicator, cells }) => ({
      key: Keys.rollup(territoryId, month, indicator),
      attributes: attributesOf(cells),
    }))
    .filter((u) => u.attributes.size > 0)
    .map((u) => addUpdate(u.key, TYPE, u.attributes, run));
  const months = new Map([...new Set(cells.map((c) => c.month))].map((month) => [`month${SEP}${month}`, 1]));
  if (months.size > 0) {
    updates.push(addUpdate({ pk: Keys.rollups(territoryId), sk: STAMP_SK }, STOCK_TYPE, months, run));
  }
  const stock = new Map(
    [...caseloads].filter(([, n]) => n !== 0).map(([id, n]) => [`caseload${SEP}${id}`, n]),
  );
  if (stock.size > 0)
    updates.push(addUpdate({ pk: Keys.rollups(territoryId), sk: CASELOAD_SK }, STOCK_TYPE, stock, run));
  return updates;
}

// ---------------------------------------------------------------------------------------------------
// The write path.

/** What a journey write reads once to keep the rollups: definitions, locks, and the item's versions. */
export interface Guard {
  readonly territoryId: string;
  readonly definitions: readonly IndicatorDefinition[];
  readonly locked: ReadonlyMap<string, string>;
  readonly state: State;
}

export async function guardOf(territoryId: string): Promise<Guard> {
  const s = await state(territoryId);
  return { territoryId, definitions: definitionsOf(s), locked: lockedMonths(Object.keys(s.locks)), state: s };
}

export function lockedError(periods: readonly string[]) {
  const list = [...new Set(periods)].sort();
  return new MaillageError(
    "period.locked",
    `Locked period${list.length > 1 ? "s" : ""} ${list.join(", ")}: unlock ${list.length > 1 ? "them" : "it"} first, with a reason`,
    { periods: list },
  );
}

/** The locked periods a set of cells would change (empty: none). */
export function lockedBy(locked: ReadonlyMap<string, string>, cells: readonly Cell[]): string[] {
  return [
    ...new Set(cells.flatMap((cell) => (locked.has(cell.month) ? [locked.get(cell.month) as string] : []))),
  ];
}

/** The condition every rollup change carries: the item as read (locks, definitions), no rebuild running. */
function stateCheck(guard: Guard, onChanged: () => Promise<MaillageError>): WriteOp {
  const key = Keys.indicatorSettings(guard.territoryId);
  return guard.state.exists
    ? {
        ConditionCheck: {
          Key: key,
          ConditionExpression:
            "locksVersion = :locks AND definitionsVersion = :definitions AND attribute_not_exists(rebuilding)",
          ExpressionAttributeValues: {
            ":locks": guard.state.locksVersion,
            ":definitions": guard.state.definitionsVersion,
          },
        },
        onConditionFailed: onChanged,
      }
    : {
        ConditionCheck: { Key: key, ConditionExpression: "attribute_not_exists(pk)" },
        onConditionFailed: onChanged,
      };
}

async function changedError(territoryId: string, cells: readonly Cell[]): Promise<MaillageError> {
  const again = await guardOf(territoryId);
  const locked = lockedBy(again.locked, cells);
  if (locked.length > 0) return lockedError(locked);
  return new MaillageError(
    "indicators.rebuilding",
    "The territory's indicators are being recomputed or were just reconfigured: try again in a moment",
  );
}

/**
 * The operations a journey write adds to its transaction: the rollup changes, with the condition on
 * the indicator item; a change to a locked period is refused (409 `period.locked`). Nothing when the
 * write changes no figure (a note, a reassignment of a closed journey).
 */
export function journeyOps(guard: Guard, before: Summary | null, after: Summary | null): WriteOp[] {
  const cells = deltaOf(guard.definitions, before, after);
  const caseloads = caseloadDeltaOf(before, after);
  if (cells.length === 0 && caseloads.size === 0) return [];
  const locked = lockedBy(guard.locked, cells);
  if (locked.length > 0) throw lockedError(locked);
  if (guard.state.rebuilding) {
    throw new MaillageError(
      "indicators.rebuilding",
      "The territory's indicators are being recomputed: try again in a moment",
    );
  }
  return [
    stateCheck(guard, () => changedError(guard.territoryId, cells)),
    ...updatesOf(guard.territoryId, cells, caseloads).map((Update) => ({ Update })),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Imports: rollups applied after the run is switched on, once per item (resumable).

/** The months of a territory's locked periods, by the period that locks them. */
export async function lockedMonthsOf(territoryId: string): Promise<Map<string, string>> {
  return lockedMonths(Object.keys((await state(territoryId)).locks));
}

/** Before an import stages: refuses a change to a locked period, and marks the run's rollups pending. */
export async function beginRun(territoryId: string, runId: string, cells: readonly Cell[]): Promise<void> {
  const s = await state(territoryId);
  if (s.applying.includes(runId)) return;
  const locked = lockedBy(lockedMonths(Object.keys(s.locks)), cells);
  if (locked.length > 0) throw lockedError(locked);
  if (s.rebuilding) {
    throw new MaillageError(
      "indicators.rebuilding",
      "The territory's indicators are being recomputed: try again in a moment",
    );
  }
  try {
    await db().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: Keys.indicatorSettings(territoryId),
        UpdateExpression:
          "SET #type = :type, locksVersion = if_not_exists(locksVersion, :zero), definitionsVersion = if_not_exists(definitionsVersion, :zero) ADD applying :run",
        ConditionExpression: s.exists
          ? "locksVersion = :locks AND attribute_not_exists(rebuilding)"
          : "attribute_not_exists(pk)",
        ExpressionAttributeNames: { "#type": "type" },
        ExpressionAttributeValues: {
          ":type": StateEntity.type,
          ":run": new Set([runId]),
          ":zero": 0,
          ...(s.exists ? { ":locks": s.locksVersion } : {}),
        },
      }),
    );
  } catch (error) {
    if ((error as { name?: string }).name === "ConditionalCheckFailedException") {
      throw await changedError(territoryId, cells);
    }
    throw error;
  }
}

/** Adds a committed run's cells to the rollups, each item once, then clears the run's mark. */
export async function applyRun(
  territoryId: string,
  runId: string,
  cells: readonly Cell[],
  caseloads: ReadonlyMap<string, number>,
) {
  const updates = updatesOf(territoryId, cells, caseloads, runId);
  for (let start = 0; start < updates.length; start += 25) {
    await Promise.all(
      updates.slice(start, start + 25).map(async (update) => {
        try {
          await db().send(new UpdateCommand({ TableName: tableName(), ...update }));
        } catch (error) {
          if ((error as { name?: string }).name !== "ConditionalCheckFailedException") throw error;
        }
      }),
    );
  }
  await db().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: Keys.indicatorSettings(territoryId),
      UpdateExpression: "DELETE applying :run",
      ExpressionAttributeValues: { ":run": new Set([runId]) },
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Reads.

/** The stored cells of some months (what a quarter or a year sums), as readers see them. */
export async function cellsIn(territoryId: string, months: readonly string[]): Promise<Cell[]> {
  if (months.length === 0) return [];
  const sorted = [...months].sort();
  const wanted = new Set(months);
  const [items, pending] = await Promise.all([
    queryItems(territoryId, `${sorted[0]}#`, `${sorted[sorted.length - 1]}#~`),
    Batch.pendingRuns(territoryId),
  ]);
  const cells: Cell[] = [];
  for (const raw of items) {
    const seen = Batch.visible(raw, pending);
    if (!seen || seen.type !== TYPE || !wanted.has(String(seen.sk).slice(0, 7))) continue;
    cells.push(...cellsOfItem(seen));
  }
  return cells;
}

async function queryItems(territoryId: string, from: string, to: string) {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk AND sk BETWEEN :from AND :to",
        ExpressionAttributeValues: { ":pk": Keys.rollups(territoryId), ":from": from, ":to": to },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(result.Items ?? []));
    start = result.LastEvaluatedKey;
  } while (start);
  return items;
}

/** The months' change counters and the rebuild generation (see `STAMP_SK`). */
export async function stamp(territoryId: string): Promise<Record<string, unknown>> {
  const [result, pending] = await Promise.all([
    db().send(
      new GetCommand({ TableName: tableName(), Key: { pk: Keys.rollups(territoryId), sk: STAMP_SK } }),
    ),
    Batch.pendingRuns(territoryId),
  ]);
  const item = result.Item ? Batch.visible(result.Item, pending) : undefined;
  return Object.fromEntries(
    Object.entries(item ?? {}).filter(([name]) => name === "generation" || name.startsWith(`month${SEP}`)),
  );
}

/** Open journeys per link worker, as kept on write. */
export async function caseloads(territoryId: string): Promise<Map<string, number>> {
  const result = await db().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: Keys.rollups(territoryId), sk: CASELOAD_SK },
    }),
  );
  const counts = new Map<string, number>();
  const item = result.Item ? Batch.visible(result.Item, await Batch.pendingRuns(territoryId)) : undefined;
  for (const [name, value] of Object.entries(item ?? {})) {
    if (name.startsWith(`caseload${SEP}`) && typeof value === "number" && value !== 0) {
      counts.set(name.slice(`caseload${SEP}`.length), value);
    }
  }
  return counts;
}

// ---------------------------------------------------------------------------------------------------
// Rebuild (and the demo's first write): every item as computed from all journeys.

/** The full items of a territory's rollups for a set of journeys (absolute values, for puts). */
export function itemsFor(
  territoryId: string,
  definitions: readonly IndicatorDefinition[],
  journeys: readonly Summary[],
) {
  const cells = combine(journeys.flatMap((j) => cellsOf(definitions, j)));
  const caseload = new Map<string, number>();
  for (const journey of journeys) {
    const id = openWith(journey);
    if (id) caseload.set(id, (caseload.get(id) ?? 0) + 1);
  }
  const items: Record<string, unknown>[] = groupByItem(cells).map(({ month, indicator, cells }) => ({
    ...Keys.rollup(territoryId, month, indicator),
    type: TYPE,
    ...Object.fromEntries(attributesOf(cells)),
  }));
  items.push({
    pk: Keys.rollups(territoryId),
    sk: STAMP_SK,
    type: STOCK_TYPE,
    generation: `${Date.now()}-${Math.random().toString(36).slice(2)}`,
  });
  items.push({
    pk: Keys.rollups(territoryId),
    sk: CASELOAD_SK,
    type: STOCK_TYPE,
    ...Object.fromEntries([...caseload].map(([id, n]) => [`caseload${SEP}${id}`, n])),
  });
  return items;
}

/** Every stored rollup item's key (a rebuild blanks those it no longer has). */
export async function storedKeys(territoryId: string): Promise<{ pk: string; sk: string }[]> {
  const items = await queryItems(territoryId, "0", "~");
  return items.map((item) => ({ pk: String(item.pk), sk: String(item.sk) }));
}
