import { cellKey, type PopulationCell, populationCellKeys } from "@maillage/schema";
import * as Actor from "../actor";
import * as Denominators from "../denominators";
import * as Communes from "../geo/communes";

/**
 * The demo territories' denominators. No real age-sex table was looked up for these communes: each
 * territory's total is the sum of its communes' municipal populations in the INSEE density grid
 * (PMUN21), split by one synthetic structure of the order of France's (shares rounded from INSEE's
 * national estimates), and the source says so. Nothing here may be read as a territory's real figures.
 */
export const DEMO_SOURCE = {
  label: "Démo : répartition synthétique (ordre de grandeur France, INSEE)",
  year: 2021,
};

/** Share of the population in each age band, and the share of women in it (synthetic, France-like). */
const STRUCTURE = {
  "0-17": { share: 0.208, women: 0.488 },
  "18-24": { share: 0.083, women: 0.49 },
  "25-34": { share: 0.116, women: 0.505 },
  "35-44": { share: 0.126, women: 0.51 },
  "45-54": { share: 0.129, women: 0.51 },
  "55-64": { share: 0.129, women: 0.52 },
  "65-74": { share: 0.11, women: 0.535 },
  "75-84": { share: 0.066, women: 0.57 },
  "85+": { share: 0.033, women: 0.68 },
} as const;

/** The total split over the cells, rounded so that the cells add up to it exactly (largest remainder). */
export function splitPopulation(total: number): (PopulationCell & { count: number })[] {
  const exact = populationCellKeys.map((key) => {
    const band = STRUCTURE[key.ageBand];
    const share = band.share * (key.sex === "female" ? band.women : 1 - band.women);
    return { key, value: total * share };
  });
  const cells = exact.map(({ key, value }) => ({ ...key, count: Math.floor(value) }));
  let left = total - cells.reduce((sum, cell) => sum + cell.count, 0);
  const byRemainder = exact
    .map(({ key, value }) => ({ key: cellKey(key), remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder);
  for (const { key } of byRemainder) {
    if (left <= 0) break;
    const cell = cells.find((c) => cellKey(c) === key);
    if (cell) cell.count += 1;
    left -= 1;
  }
  return cells;
}

export interface SeedDenominators {
  territoryId: string;
  lead: { id: string; displayName: string };
  communes: readonly string[];
  /** The share of the population living in a QPV (0: none, stated as such). */
  qpvShare: number;
}

/** Saves each territory's denominators as its lead would (audited, version 1). */
export async function seedDenominators(territories: readonly SeedDenominators[]): Promise<void> {
  for (const territory of territories) {
    const total = territory.communes.reduce(
      (sum, code) => sum + (Communes.describe(code).population ?? 0),
      0,
    );
    await Actor.provide(
      {
        type: "user",
        userId: territory.lead.id,
        displayName: territory.lead.displayName,
        contextKind: "territory",
        contextId: territory.territoryId,
        role: "territory_lead",
      },
      () =>
        Denominators.update({
          population: splitPopulation(total),
          qpvPopulation: Math.round(total * territory.qpvShare),
          source: DEMO_SOURCE,
          version: 0,
        }),
    );
  }
}
