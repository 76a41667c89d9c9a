import { describe, expect, test } from "vitest";
import { indexWrites, itemSize, readUnits, valueSize, writeUnits } from "./capacity-rules";

const KB = 1024;
const GSI1 = [{ partition: "gsi1pk", sort: "gsi1sk" }];

describe("DynamoDB capacity rules (the documentation's own examples)", () => {
  test("item sizes: names and values, numbers by significant digits, List/Map overheads", () => {
    expect(itemSize({ name: "Lille" })).toBe(4 + 5);
    expect(itemSize({ né: "é" })).toBe(3 + 2);
    expect(valueSize(255_423)).toBe(4); // 6 significant digits: 3 bytes + 1
    expect(valueSize(1000)).toBe(2); // trailing zeros trimmed: 1 digit
    expect(valueSize(-0.25)).toBe(2);
    expect(valueSize(true)).toBe(1);
    expect(valueSize(null)).toBe(1);
    expect(valueSize([])).toBe(3);
    expect(valueSize(["a", "bc"])).toBe(3 + (1 + 1) + (1 + 2));
    expect(valueSize({ x: 1 })).toBe(3 + 1 + 1 + 2);
    expect(valueSize(new Set(["ab", "c"]))).toBe(3);
    expect(itemSize({ kept: "a", dropped: undefined })).toBe(5);
  });

  test("reads: 4 KB units, half when eventually consistent, twice in a transaction; a miss costs a unit", () => {
    expect(readUnits(3.5 * KB, "strong")).toBe(1);
    expect(readUnits(10 * KB, "strong")).toBe(3);
    expect(readUnits(8 * KB, "eventual")).toBe(1);
    expect(readUnits(8 * KB, "transactional")).toBe(4);
    expect(readUnits(0, "strong")).toBe(1);
    expect(readUnits(0, "eventual")).toBe(0.5);
    // BatchGetItem rounds each item: 1.5 KB + 6.5 KB count as 4 KB + 8 KB.
    expect(readUnits(1.5 * KB, "strong") + readUnits(6.5 * KB, "strong")).toBe(3);
    // Query rounds the total: 10 items of 40.8 KB in all count as 44 KB; 1500 × 64 B as 96 KB.
    expect(readUnits(40.8 * KB, "strong")).toBe(11);
    expect(readUnits(1500 * 64, "strong")).toBe(24);
  });

  test("writes: 1 KB units, twice in a transaction", () => {
    expect(writeUnits(500, false)).toBe(1);
    expect(writeUnits(1.6 * KB, false)).toBe(2);
    // Three 500-byte items in one transaction: 6 WCU.
    expect(3 * writeUnits(500, true)).toBe(6);
  });

  test("index writes: entering, staying, changing key, leaving, or not indexed", () => {
    const indexed = { pk: "u", sk: "MEM#t", gsi1pk: "t", gsi1sk: "MEMBER#u" };
    const moved = { ...indexed, gsi1pk: "t2" };
    const plain = { pk: "t", sk: "TERRITORY" };
    expect(indexWrites(undefined, indexed, GSI1)).toEqual([itemSize(indexed)]);
    expect(indexWrites(indexed, { ...indexed, role: "x" }, GSI1)).toHaveLength(1);
    expect(indexWrites(indexed, moved, GSI1)).toHaveLength(2);
    expect(indexWrites(indexed, undefined, GSI1)).toHaveLength(1);
    expect(indexWrites(plain, { ...plain, name: "x" }, GSI1)).toEqual([]);
  });
});
