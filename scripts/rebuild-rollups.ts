/**
 * Recomputes a territory's indicator rollups from its journeys, through the batch path (resumable
 * with the same run id), as a system actor scoped to that territory:
 *   MAILLAGE_TABLE=<table> npx tsx scripts/rebuild-rollups.ts ter_… [run-id]
 * Journey writes that would change figures are refused (409) while it runs. Locally, with the store
 * of `npm start` running, set DYNAMODB_ENDPOINT too (printed by `npm start`).
 */
import { Actor, Indicators, MaillageError } from "@maillage/core";
import { TerritoryId } from "@maillage/schema";
import * as v from "valibot";

const [territoryId, runId] = process.argv.slice(2);
if (!v.is(TerritoryId, territoryId ?? "")) {
  console.error(
    "Usage: npx tsx scripts/rebuild-rollups.ts <territory id> [run id] (MAILLAGE_TABLE must be set)",
  );
  process.exit(1);
}

try {
  const result = await Actor.provide(
    { type: "system", reason: "rebuild-rollups", tenantId: territoryId },
    () => Indicators.rebuild(runId),
  );
  console.log(
    `Rollups rebuilt: ${result.items} items from ${result.journeys} journeys (run ${result.runId})`,
  );
} catch (error) {
  if (error instanceof MaillageError) {
    console.error(`${error.code}: ${error.message}`);
    process.exit(1);
  }
  throw error;
}
