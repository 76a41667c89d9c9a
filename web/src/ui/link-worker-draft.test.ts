import { LinkWorkerCreate } from "@maillage/schema";
import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { setLocale } from "../i18n";
import { describeIssue, issueOf } from "./issues";
import { emptyLinkWorker, linkWorkerInput, parseDecimal } from "./link-worker-draft";

describe("the link worker form reads what French people type", () => {
  test("an FTE with a decimal comma or point; anything else is a number the schema refuses", () => {
    expect(parseDecimal("0,8")).toBe(0.8);
    expect(parseDecimal(" 0.5 ")).toBe(0.5);
    expect(parseDecimal("1")).toBe(1);
    expect(parseDecimal("")).toBeNaN();
    expect(parseDecimal("0,8,1")).toBeNaN();
    expect(parseDecimal("huit")).toBeNaN();
  });

  test("a full profile passes the shared schema; a bad FTE and a missing employer are reported in one pass", () => {
    setLocale("fr");
    const draft = {
      ...emptyLinkWorker(),
      name: "Lina Essai",
      profileType: "health_mediator",
      employer: "CCAS de Lille",
      fte: "0,8",
      fundingSource: "ars",
      communityHealthTraining: "no",
      supervision: "group",
      supervisionFrequency: "monthly",
      caseloadCapacity: "30",
      languages: "FR, ar",
      communes: "59350 59299",
    };
    const valid = v.safeParse(LinkWorkerCreate, linkWorkerInput(draft));
    expect(valid.success).toBe(true);
    expect(valid.output).toMatchObject({ fte: 0.8, languages: ["fr", "ar"], communes: ["59350", "59299"] });
    expect(valid.output).toMatchObject({
      reference: null,
      userId: null,
      trainingName: null,
      caseloadCapacity: 30,
    });

    const invalid = v.safeParse(LinkWorkerCreate, linkWorkerInput({ ...draft, fte: "1,5", employer: "" }));
    expect(invalid.success).toBe(false);
    const issues = (invalid.issues ?? []).map(issueOf);
    expect(issues.map((issue) => issue.path).sort()).toEqual(["employer", "fte"]);
    const fte = issues.find((issue) => issue.path === "fte");
    expect(fte && describeIssue(fte).text).toBe(
      "L'ETP doit être supérieur à 0 et au plus égal à 1, par exemple 0,8",
    );
  });
});
