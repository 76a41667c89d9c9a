import type { FieldIssue } from "@maillage/schema";
import { type CustomMeasureDefinition, parseAnswers } from "../src/index";

/** The issues of an answer set, as the API would answer them. */
export function issuesOf(input: unknown, customDefinitions: readonly CustomMeasureDefinition[] = []) {
  const result = parseAnswers(input, customDefinitions);
  return result.success ? [] : result.issues;
}

/** The only issue of an answer set (fails when there are none or several). */
export function onlyIssue(
  input: unknown,
  customDefinitions: readonly CustomMeasureDefinition[] = [],
): FieldIssue | undefined {
  const issues = issuesOf(input, customDefinitions);
  if (issues.length !== 1) throw new Error(`Expected one issue, got ${JSON.stringify(issues)}`);
  return issues[0];
}

/** `count` answers all equal to `value`. */
export const repeat = (count: number, value: number) => Array.from({ length: count }, () => value);

/** `items` with `value` in place `index` (any value, for refusals). */
export const withItem = (items: readonly unknown[], index: number, value: unknown): unknown[] =>
  items.map((item, i) => (i === index ? value : item));
