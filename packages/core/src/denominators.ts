import {
  type AuditChange,
  cellKey,
  completePopulation,
  DENSITY_GRID_SOURCE,
  type DenominatorCommune,
  DenominatorSource,
  DenominatorsUpdate,
  denominatorsIssues,
  type Denominators as Info,
  PopulationCell,
  PopulationCount,
  populationCellKeys,
  populationTotal,
} from "@maillage/schema";
import * as v from "valibot";
import * as Actor from "./actor";
import { diff, Keys, write } from "./db";
import { entity } from "./db/entity";
import { TerritoryEntity } from "./entities";
import { MaillageError } from "./error";
import { parse } from "./fn";
import * as Communes from "./geo/communes";

/**
 * What a lead enters, one item per territory (`ter_X / DENOMINATORS`), absent until saved: the grid
 * (every cell, null when not entered), the QPV population and the source. The communes' rurality is
 * not stored: it is read from the density grid for the profile's communes at each read.
 */
export const DenominatorsEntity = entity({
  type: "denominators",
  schema: v.object({
    population: v.array(PopulationCell),
    qpvPopulation: v.nullable(PopulationCount),
    source: v.nullable(DenominatorSource),
    version: v.number(),
    updatedAt: v.string(),
  }),
  key: Keys.denominators,
});

type Stored = v.InferOutput<typeof DenominatorsEntity.schema>;

/** The record the audit trail names (`GET …/audit?entity=denominators`). */
export const AUDIT_ENTITY = "denominators";

/** What the trail records: each cell (`population.female.0-17`), the QPV population, the source's fields. */
export const AUDITED_FIELDS = [
  ...populationCellKeys.map((key) => `population.${cellKey(key)}`),
  "qpvPopulation",
  "source.label",
  "source.year",
  "source.url",
] as const;

const audited = (document: Pick<Stored, "population" | "qpvPopulation" | "source">) => ({
  ...Object.fromEntries(document.population.map((cell) => [`population.${cellKey(cell)}`, cell.count])),
  qpvPopulation: document.qpvPopulation,
  "source.label": document.source?.label ?? null,
  "source.year": document.source?.year ?? null,
  "source.url": document.source?.url ?? null,
});

/** The territory's communes known to the density grid, with their class and municipal population. */
function communesOf(codes: readonly string[]): DenominatorCommune[] {
  return codes.flatMap((code) => {
    const { name, density, population } = Communes.describe(code);
    return name !== null && density !== null && population !== null
      ? [{ code, name, rurality: density, population }]
      : [];
  });
}

async function load(territoryId: string, consistent = false): Promise<Info> {
  const [stored, territory] = await Promise.all([
    DenominatorsEntity.get([territoryId], { consistent }),
    TerritoryEntity.get([territoryId], { consistent }),
  ]);
  if (!territory) throw new MaillageError("territory.not_found", "Territory not found");
  return toInfo(stored, territory.communes);
}

function toInfo(stored: Stored | undefined, codes: readonly string[]): Info {
  const population = completePopulation(stored?.population);
  const { total, complete } = populationTotal(population);
  const communes = communesOf(codes);
  return {
    population,
    qpvPopulation: stored?.qpvPopulation ?? null,
    source: stored?.source ?? null,
    totalPopulation: total,
    complete,
    communes,
    communesPopulation: communes.reduce((sum, commune) => sum + commune.population, 0),
    communesSource: DENSITY_GRID_SOURCE,
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
  };
}

const conflict = (current: Info) =>
  new MaillageError("denominators.version_conflict", "The denominators were changed by someone else", {
    current,
  });

/** The territory's denominators (version 0, nothing entered, until first saved); every member reads them. */
export async function get(): Promise<Info> {
  return load(Actor.territoryId());
}

/**
 * A lead saves the grid, the QPV population and the source from the version they read (409 with the
 * stored document otherwise); cells left out are not entered. An unchanged save writes nothing.
 */
export async function update(raw: DenominatorsUpdate): Promise<Info> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(DenominatorsUpdate, raw);
  const issues = denominatorsIssues(input);
  if (issues.length > 0) throw new MaillageError("input.invalid", "The request is not valid", { issues });
  const current = await load(territoryId, true);
  if (current.version !== input.version) throw conflict(current);
  const now = new Date();
  const next: Stored = {
    population: completePopulation(input.population),
    qpvPopulation: input.qpvPopulation,
    source: input.source
      ? {
          label: input.source.label,
          year: input.source.year,
          ...(input.source.url ? { url: input.source.url } : {}),
        }
      : null,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  const changes: AuditChange[] = diff(audited(current), audited(next), AUDITED_FIELDS);
  if (changes.length === 0) return current;
  await write(
    [
      {
        Put: {
          Item: DenominatorsEntity.item([territoryId], next),
          ...(current.version > 0
            ? {
                ConditionExpression: "version = :version",
                ExpressionAttributeValues: { ":version": current.version },
              }
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        },
        onConditionFailed: async () => conflict(await load(territoryId, true)),
      },
    ],
    [
      {
        contextId: territoryId,
        action: "denominators.update",
        entityType: "denominators",
        entity: AUDIT_ENTITY,
        entityLabel: "Dénominateurs du territoire",
        changes,
      },
    ],
    now,
  );
  const { communes, communesPopulation } = current;
  const { total, complete } = populationTotal(next.population);
  return {
    ...current,
    population: next.population,
    qpvPopulation: next.qpvPopulation,
    source: next.source,
    totalPopulation: total,
    complete,
    communes,
    communesPopulation,
    version: next.version,
    updatedAt: next.updatedAt,
  };
}
