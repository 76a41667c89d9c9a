import type { Territory, TerritorySummary } from "@maillage/schema";
import { Keys, Scope, type WriteOp } from "./db";
import { PublishedSummaryEntity } from "./entities";

/**
 * What a territory shares with its readers (federations, funders) is written by the territory side
 * into each reader's partition, in the same transaction as the change it reflects, so it can never
 * lag or miss one. Readers' credentials cover only their own partitions: they never read a `ter_…` key.
 * Today: the public summary; with indicators, the disclosure-controlled aggregates (docs/data-model.md).
 */
export function summaryOf(t: Territory): TerritorySummary {
  return {
    id: t.id,
    name: t.name,
    carrierType: t.carrierType,
    programme: t.programme,
    population: t.population,
    communeCount: t.communes.length,
    startDate: t.startDate,
    endDate: t.endDate,
  };
}

/** Puts the territory's summary into every reader's partition (one op per reader). */
export function publishOps(territory: Territory, readerIds: readonly string[], now: string): WriteOp[] {
  const summary = { ...summaryOf(territory), profileVersion: territory.version, publishedAt: now };
  return readerIds.map((readerId) => ({
    Put: { Item: PublishedSummaryEntity.item([readerId, territory.id], summary) },
  }));
}

export function unpublishOps(territoryId: string, readerId: string): WriteOp[] {
  return [{ Delete: { Key: PublishedSummaryEntity.key(readerId, territoryId) } }];
}

/**
 * Runs `fn` with write access to exactly the territory's publication partitions in these readers
 * (ids read from the territory's own item, never from a request).
 */
export function asPublisher<T>(territoryId: string, readerIds: readonly string[], fn: () => T): T {
  return Scope.withWrites(
    readerIds.map((readerId) => Keys.publishedPartition(readerId, territoryId)),
    fn,
  );
}
