import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { CommuneInfo } from "@maillage/schema";

/**
 * INSEE "grille communale de densité" (2024 vintage, 2021 municipal populations), copied from
 * shared/reference/grille-densite-communes.csv (sources in that folder's SOURCES.md §4).
 * dens3: 1 = dense, 2 = intermediate density, 3 = rural (INSEE's 3-level aggregation).
 */
const DENSITY_LABELS = { 1: "Dense", 2: "Densité intermédiaire", 3: "Rural" } as const;

interface Row {
  name: string;
  density: 1 | 2 | 3;
  population: number;
}

let rows: Map<string, Row> | undefined;

function load(): Map<string, Row> {
  if (rows) return rows;
  // In a Lambda bundle the file is copied next to the handler and named by MAILLAGE_COMMUNES_CSV.
  const configured = process.env.MAILLAGE_COMMUNES_CSV;
  const path = configured
    ? resolve(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), configured)
    : fileURLToPath(new URL("../../data/grille-densite-communes.csv", import.meta.url));
  const map = new Map<string, Row>();
  const lines = readFileSync(path, "utf8").split("\n");
  for (const line of lines.slice(1)) {
    if (!line) continue;
    // codgeo,libgeo,dens7,libdens7,pmun21,dens3 — the file has no quoted cells (checked: 6 fields per line).
    const [code, name, , , population, dens3] = line.trimEnd().split(",");
    if (!code || !name || !dens3) continue;
    const density = Number(dens3);
    if (density !== 1 && density !== 2 && density !== 3) continue;
    map.set(code, { name, density, population: Number(population) });
  }
  rows = map;
  return map;
}

export function describe(code: string): CommuneInfo {
  const row = load().get(code);
  if (!row) return { code, name: null, density: null, densityLabel: null, population: null };
  return {
    code,
    name: row.name,
    density: row.density,
    densityLabel: DENSITY_LABELS[row.density],
    population: row.population,
  };
}

export function unknownCodes(codes: readonly string[]): string[] {
  const table = load();
  return codes.filter((code) => !table.has(code));
}

/**
 * Rurality of a set of communes: the class (dense/intermediate/rural) holding most of their population.
 * Also returns the rural population share, the equity denominator later views use.
 */
export function rurality(codes: readonly string[]): {
  rurality: "urban" | "intermediate" | "rural" | "unknown";
  ruralPopulationShare: number | null;
} {
  const byDensity = { 1: 0, 2: 0, 3: 0 };
  for (const code of codes) {
    const row = load().get(code);
    if (row) byDensity[row.density] += row.population;
  }
  const total = byDensity[1] + byDensity[2] + byDensity[3];
  if (total === 0) return { rurality: "unknown", ruralPopulationShare: null };
  const top = ([1, 2, 3] as const).reduce((a, b) => (byDensity[b] > byDensity[a] ? b : a));
  return {
    rurality: top === 1 ? "urban" : top === 2 ? "intermediate" : "rural",
    ruralPopulationShare: byDensity[3] / total,
  };
}
