import {
  FederationCreate,
  FunderCreate,
  InvitationCreate,
  issuesOf,
  TerritoryCreate,
  TerritoryProfileUpdate,
} from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { t } from "../i18n";
import { translateIssue } from "./issues";

/**
 * The schemas speak English once, for the API and the console; the console translates their messages.
 * A reworded or new schema message must come with its French, or this test fails.
 */
const bad = {
  name: "x",
  carrierType: "hospital",
  carrierName: "y".repeat(161),
  communes: ["ABCDE", "59350", "59350"],
  population: -1.5,
  priorityNeighbourhoods: Array.from({ length: 201 }, () => "Q"),
  programme: "autre",
  startDate: "2026-13-40",
  endDate: "yesterday",
};

const cases: [string, v.GenericSchema, unknown][] = [
  ["TerritoryCreate", TerritoryCreate, bad],
  // version comes from the loaded profile, never from the person: not a form field.
  ["TerritoryProfileUpdate", TerritoryProfileUpdate, { ...bad, version: 1 }],
  ["TerritoryCreate, empty", TerritoryCreate, { ...bad, communes: [], population: 30_000_000 }],
  ["TerritoryCreate, too many communes", TerritoryCreate, { ...bad, communes: Array(1001).fill("59350") }],
  [
    "TerritoryCreate, dates",
    TerritoryCreate,
    {
      ...bad,
      name: "Nom",
      carrierType: "cpts",
      carrierName: "",
      communes: ["59350"],
      population: 1,
      priorityNeighbourhoods: [],
      programme: "ami",
      startDate: "2026-02-01",
      endDate: "2026-01-01",
    },
  ],
  ["InvitationCreate", InvitationCreate, { email: "not-an-email", displayName: "", role: "operator" }],
  ["FederationCreate", FederationCreate, { name: "", description: "z".repeat(501) }],
  ["FunderCreate", FunderCreate, { name: "", funderType: "bank" }],
];

describe("schema messages are translated into French", () => {
  for (const [name, schema, input] of cases) {
    test(name, () => {
      const result = v.safeParse(schema, input);
      expect(result.success).toBe(false);
      for (const issue of issuesOf(result.issues ?? [])) {
        expect(translateIssue(issue.message), `${issue.path}: ${issue.message}`).not.toBe(t().issues.invalid);
      }
    });
  }

  test("a message the console does not know falls back to a generic French text", () => {
    expect(translateIssue("Some brand new rule")).toBe(t().issues.invalid);
  });

  test("the API's unknown-commune message keeps the code", () => {
    expect(translateIssue("Unknown INSEE commune code 99999 (not in the INSEE 2024 density grid)")).toContain(
      "99999",
    );
  });
});
