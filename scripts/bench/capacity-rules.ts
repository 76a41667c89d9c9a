/**
 * DynamoDB's documented capacity rules, for the figures DynamoDB Local cannot give (see capacity.ts).
 *
 * Item sizes (UTF-8 names and values; numbers ~1 byte per 2 significant digits + 1; null/boolean 1;
 * List/Map 3 bytes + 1 byte per element):
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html
 * Read units: 4 KB per strongly consistent read, half for eventually consistent, twice for transactional;
 * GetItem and BatchGetItem round each item up, Query rounds the total of the items it returns; a read of
 * a missing item still costs one unit. Write units: 1 KB per write, the larger of the item before and after:
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html
 * Transactions: every item is read or written twice (prepare, commit), so 2 units per 4 KB read
 * (ConditionCheck) or per 1 KB write:
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling
 * Index writes: one write when an item enters, leaves or changes within an index, two when its index key
 * changes, sized by the index entry (here the whole item: both indexes project ALL):
 *   https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes
 */
export const RULES_URLS = [
  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html",
  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/read-write-operations.html",
  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/transaction-apis.html#transaction-capacity-handling",
  "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html#GSI.ThroughputConsiderations.Writes",
] as const;

export const READ_UNIT_BYTES = 4096;
export const WRITE_UNIT_BYTES = 1024;

export type ReadMode = "eventual" | "strong" | "transactional";
const READ_FACTOR: Record<ReadMode, number> = { eventual: 0.5, strong: 1, transactional: 2 };

type Item = Record<string, unknown>;

const utf8 = (text: string) => Buffer.byteLength(text, "utf8");

/** Significant digits, leading and trailing zeros trimmed: 1 byte per two, plus 1. */
function numberSize(value: number | bigint | string): number {
  const mantissa = String(value).replace(/^[-+]/, "").split(/e/i)[0] ?? "";
  const digits = mantissa.replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return Math.ceil(Math.max(digits.length, 1) / 2) + 1;
}

/** The size of one attribute value, in the document client's (unmarshalled) form. */
export function valueSize(value: unknown): number {
  if (value === undefined) return 0;
  if (value === null || typeof value === "boolean") return 1;
  if (typeof value === "string") return utf8(value);
  if (typeof value === "number" || typeof value === "bigint") return numberSize(value);
  if (value instanceof Uint8Array) return value.byteLength;
  if (value instanceof Set) return [...value].reduce<number>((sum, member) => sum + valueSize(member), 0);
  if (Array.isArray(value))
    return 3 + value.reduce<number>((sum, element) => sum + 1 + valueSize(element), 0);
  if (typeof value === "object") {
    // lib-dynamodb's NumberValue (wrapNumbers), kept as its string.
    if ("value" in value && Object.keys(value).length === 1 && typeof value.value === "string") {
      return numberSize(value.value);
    }
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    return 3 + entries.reduce((sum, [name, v]) => sum + 1 + utf8(name) + valueSize(v), 0);
  }
  throw new Error(`No DynamoDB size for a ${typeof value}`);
}

/** The size of an item: its attribute names and values. */
export function itemSize(item: Item | undefined | null): number {
  if (!item) return 0;
  return Object.entries(item).reduce((sum, [name, value]) => {
    return value === undefined ? sum : sum + utf8(name) + valueSize(value);
  }, 0);
}

/** One read of `bytes` (one item, or a Query's total), rounded up to 4 KB; a missing item costs a unit. */
export function readUnits(bytes: number, mode: ReadMode): number {
  return Math.max(1, Math.ceil(bytes / READ_UNIT_BYTES)) * READ_FACTOR[mode];
}

/** One write of `bytes` (the larger of before and after), rounded up to 1 KB. */
export function writeUnits(bytes: number, transactional: boolean): number {
  return Math.max(1, Math.ceil(bytes / WRITE_UNIT_BYTES)) * (transactional ? 2 : 1);
}

export interface IndexKeys {
  partition: string;
  sort?: string;
}

function indexKey(item: Item | undefined, index: IndexKeys): string | undefined {
  if (!item) return undefined;
  const partition = item[index.partition];
  const sort = index.sort ? item[index.sort] : "";
  if (partition === undefined || sort === undefined) return undefined;
  return JSON.stringify([partition, sort]);
}

/** Sizes of the index entries one item write puts, updates or deletes, over all the table's indexes. */
export function indexWrites(
  before: Item | undefined,
  after: Item | undefined,
  indexes: readonly IndexKeys[],
): number[] {
  const writes: number[] = [];
  for (const index of indexes) {
    const [was, is] = [indexKey(before, index), indexKey(after, index)];
    if (was === undefined && is === undefined) continue;
    if (was !== undefined && is !== undefined && was !== is) {
      writes.push(itemSize(before), itemSize(after));
    } else {
      writes.push(Math.max(itemSize(before), itemSize(after)));
    }
  }
  return writes;
}
