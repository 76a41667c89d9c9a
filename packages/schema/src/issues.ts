import * as v from "valibot";
import type { FieldIssue } from "./errors";

/**
 * Flattens valibot issues into dotted field paths ("communes.2"), shared by API and console. The
 * message is the schema's message id (messages.ts) or, for a rule that names none, valibot's text.
 */
export function issuesOf(issues: readonly v.BaseIssue<unknown>[]): FieldIssue[] {
  return issues.map((issue) => ({
    path: v.getDotPath(issue) ?? "",
    message: issue.message,
  }));
}
