import { type CustomMeasureDefinition, parseAnswers, score } from "@maillage/measures";
import type { FieldIssue, MeasureInput } from "@maillage/schema";

/**
 * A journey's measure, scored by @maillage/measures: its `answers` are the instrument's answer set
 * (`items`, `answers`, `direct`), and issues come back on the measure's own paths (`answers.items.3`).
 * Only the coded answers and the score are stored, never an item's wording.
 */
export function scoreOf(
  measure: Pick<MeasureInput, "instrument" | "answers">,
  customMeasures: readonly Record<string, unknown>[],
): { ok: true; score: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  const definitions = customMeasures as unknown as CustomMeasureDefinition[];
  const parsed = parseAnswers({ ...measure.answers, instrument: measure.instrument }, definitions);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.issues.map((issue) => ({
        ...issue,
        path: issue.path === "instrument" ? "instrument" : `answers.${issue.path}`,
      })),
    };
  }
  return { ok: true, score: { ...score(parsed.answers, definitions) } as Record<string, unknown> };
}
