import type { FieldIssue, MessageId } from "@maillage/schema";
import * as v from "valibot";
import { formatNumber, locale, t } from "../i18n";
import { laterIssueMessage } from "../i18n/issues";

/** A field issue from the shared schema (validated here) or from the API's 400 answer. */
export interface Issue extends FieldIssue {
  /** Valibot's rule (min_length, picklist…), when the console validated the value itself. */
  type?: string;
  /** The rule's bound, formatted, when it is a number (2, 120, 20 000 000). */
  limit?: string;
  /** The value the issue is about, when the field holds several (one commune code among many). */
  subject?: string;
}

/** A valibot issue as the form shows it: path, message id, rule and bound. */
export function issueOf(issue: v.BaseIssue<unknown>): Issue {
  return {
    path: v.getDotPath(issue) ?? "",
    message: issue.message,
    type: issue.type,
    ...(typeof issue.requirement === "number" ? { limit: formatNumber(issue.requirement) } : {}),
  };
}

const GENERIC = new Set([
  "min_length",
  "max_length",
  "min_value",
  "max_value",
  "integer",
  "number",
  "email",
  "iso_date",
  "picklist",
  "non_empty",
]);

type Generic = keyof ReturnType<typeof t>["issues"]["generic"];

/**
 * The person's text for an issue, by the schema's message id (never by reading English); for a rule
 * that names no id, by valibot's rule type, with the field's label and the bound. `specific` texts
 * name their field already, so the error summary shows them as they are.
 */
export function describeIssue(issue: Issue, label?: string): { text: string; specific: boolean } {
  const context = { label, subject: issue.subject, limit: issue.limit };
  const { messages, generic } = t().issues;
  if (Object.hasOwn(messages, issue.message)) {
    return { text: messages[issue.message as MessageId](context), specific: true };
  }
  const added = laterIssueMessage(locale(), issue.message);
  if (added) return { text: added(context), specific: true };
  const type = (issue.type && GENERIC.has(issue.type) ? issue.type : "invalid") as Generic;
  return { text: generic[type](context), specific: false };
}
