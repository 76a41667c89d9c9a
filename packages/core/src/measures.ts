import { CustomMeasureDefinition, parseAnswers, score } from "@maillage/measures";
import { type CustomMeasure, type FieldIssue, issuesOf, type MeasureInput, message } from "@maillage/schema";
import * as v from "valibot";

/**
 * A territory's own measures: each checked by @maillage/measures, codes unique, and a code once saved
 * keeps its scale (items, bounds, direction) — the scores already stored were computed on it.
 */
export function definitionIssues(
  measures: readonly CustomMeasure[],
  saved: readonly CustomMeasure[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const codes = new Set<string>();
  measures.forEach((measure, index) => {
    const result = v.safeParse(CustomMeasureDefinition, measure);
    if (!result.success) {
      issues.push(
        ...issuesOf(result.issues).map((i) => ({ ...i, path: `customMeasures.${index}.${i.path}` })),
      );
    }
    if (codes.has(measure.code)) {
      issues.push({ path: `customMeasures.${index}.code`, message: message("values.duplicate") });
    }
    codes.add(measure.code);
    const before = saved.find((m) => m.code === measure.code);
    if (
      before &&
      (before.items !== measure.items ||
        before.min !== measure.min ||
        before.max !== measure.max ||
        before.direction !== measure.direction)
    ) {
      issues.push({ path: `customMeasures.${index}.code`, message: message("measure.definition.frozen") });
    }
  });
  return issues;
}

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
