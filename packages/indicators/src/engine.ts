import { Totals } from "./cells";
import type { IndicatorDefinition } from "./definitions";
import { type FinaliseContext, finalise, type IndicatorResult } from "./finalise";
import type { IndicatorJourney, OrientationRecord } from "./journeys";

/** Everything the engine reads: the journeys, orientations to resources, and what finalise reads. */
export interface EngineInput extends FinaliseContext {
  readonly journeys: readonly IndicatorJourney[];
  readonly orientations?: readonly OrientationRecord[];
}

/**
 * One value per enabled definition for the period: exactly `finalise` of the combined contributions
 * of every journey and orientation, so that stored monthly rollups and a full recomputation agree.
 */
export function compute(
  definitions: readonly IndicatorDefinition[],
  input: EngineInput,
  period: string,
): IndicatorResult[] {
  const totals = new Totals();
  for (const journey of input.journeys) totals.journey(definitions, journey);
  totals.orientations(definitions, input.orientations ?? []);
  return finalise(definitions, totals.cells(), input, period);
}
