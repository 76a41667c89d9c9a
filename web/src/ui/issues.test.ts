import {
  FederationCreate,
  FunderCreate,
  InvitationCreate,
  isMessageId,
  TerritoryCreate,
  TerritoryProfileUpdate,
} from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { setLocale, t } from "../i18n";
import { describeIssue, issueOf } from "./issues";

/**
 * Every rule of the shared schemas names a message id, which the console's dictionaries turn into
 * French and English (a missing one fails the typecheck): a new rule without an id fails here.
 */
const bad = {
  name: "x",
  carrierType: "hospital",
  carrierName: "y".repeat(161),
  communes: ["ABCDE", "59350", "59350"],
  population: -1.5,
  priorityNeighbourhoods: ["", ...Array.from({ length: 200 }, () => "Q".repeat(121))],
  programme: "autre",
  startDate: "2026-13-40",
  endDate: "yesterday",
};

const cases: [string, v.GenericSchema, unknown][] = [
  ["TerritoryCreate", TerritoryCreate, bad],
  // version comes from the loaded profile, never from the person: not a form field.
  ["TerritoryProfileUpdate", TerritoryProfileUpdate, { ...bad, version: 1 }],
  ["TerritoryCreate, empty", TerritoryCreate, { ...bad, communes: [], population: 30_000_000 }],
  ["TerritoryCreate, not a number", TerritoryCreate, { ...bad, population: Number.NaN }],
  ["TerritoryCreate, too many communes", TerritoryCreate, { ...bad, communes: Array(1001).fill("59350") }],
  ["TerritoryCreate, duplicates", TerritoryCreate, { ...bad, communes: ["59350", "59350"] }],
  ["InvitationCreate", InvitationCreate, { email: "not-an-email", displayName: "", role: "operator" }],
  [
    "InvitationCreate, long",
    InvitationCreate,
    { email: `${"a".repeat(250)}@b.fr`, displayName: "z".repeat(121), role: "link_worker" },
  ],
  ["FederationCreate", FederationCreate, { name: "", description: "z".repeat(501) }],
  ["FederationCreate, long name", FederationCreate, { name: "n".repeat(121), description: "" }],
  ["FunderCreate", FunderCreate, { name: "", funderType: "bank" }],
];

describe("schema messages are keyed, and the console has a text for each key", () => {
  for (const [name, schema, input] of cases) {
    test(name, () => {
      const result = v.safeParse(schema, input);
      expect(result.success).toBe(false);
      for (const issue of result.issues ?? []) {
        const path = v.getDotPath(issue);
        expect(isMessageId(issue.message), `${path}: "${issue.message}" is not a message id`).toBe(true);
        expect(describeIssue(issueOf(issue)).specific).toBe(true);
      }
    });
  }

  test("one pass: the date rule is checked even when other fields are wrong", () => {
    const result = v.safeParse(TerritoryCreate, {
      ...bad,
      startDate: "2026-02-01",
      endDate: "2026-01-01",
    });
    const paths = (result.issues ?? []).map((issue) => v.getDotPath(issue));
    expect(paths).toContain("name");
    expect(paths).toContain("communes.0");
    expect(paths).toContain("endDate");
  });

  test("the messages are helpful, in French first", () => {
    setLocale("fr");
    const text = (message: string, extra: object = {}) =>
      describeIssue({ path: "x", message, ...extra }, "Champ").text;
    expect(text("name.too_short")).toBe("Le nom doit comporter au moins 2 caractères");
    expect(text("population.number")).toBe("Saisissez un nombre, par exemple 12 500");
    expect(text("commune.format", { subject: "5935" })).toContain("« 5935 » n'est pas un code INSEE");
    expect(text("commune.unknown", { subject: "99999" })).toContain("Code INSEE inconnu : 99999");
    expect(text("choice.required")).toBe("Choisissez une option dans la liste « Champ »");
  });

  test("a rule that names no id gets a French text from its type and bound", () => {
    const result = v.safeParse(v.object({ note: v.pipe(v.string(), v.maxLength(254)) }), {
      note: "x".repeat(300),
    });
    const issue = issueOf(result.issues?.[0] as v.BaseIssue<unknown>);
    expect(describeIssue(issue, "Note")).toEqual({
      text: "Ce texte doit comporter 254 caractères au maximum",
      specific: false,
    });
  });

  test("an answer the console does not know falls back to a generic French text", () => {
    expect(describeIssue({ path: "x", message: "Some brand new rule" }).text).toBe(
      t().issues.generic.invalid({ label: undefined, subject: undefined, limit: undefined }),
    );
  });
});
