import { describe, expect, test } from "vitest";
import { formatDate, formatDateTime, label, setLocale, t } from ".";

describe("dates read as French writes them", () => {
  test("the first of the month is an ordinal", () => {
    setLocale("fr");
    expect(formatDate("2026-09-01")).toBe("1er septembre 2026");
    expect(formatDate("2026-09-02")).toBe("2 septembre 2026");
    expect(formatDateTime("2026-09-01T10:05:00")).toMatch(/^1er septembre 2026 à 10:05$/);
    expect(t().territory.fromTo(formatDate("2026-09-01"), formatDate("2027-08-31"))).toBe(
      "Du 1er septembre 2026 au 31 août 2027",
    );
  });

  test("English keeps its own form", () => {
    setLocale("en");
    expect(formatDate("2026-09-01")).toBe("1 September 2026");
    setLocale("fr");
  });
});

describe("closed lists have their labels from the shared schema package", () => {
  test("in both languages, and a value the list does not know is shown as it is", () => {
    setLocale("fr");
    expect(label("carrierTypes", "centre_sante")).toBe("Centre de santé");
    expect(t().roles.link_worker).toBe("Agent de liaison");
    expect(label("programmes", "programme_inconnu")).toBe("programme_inconnu");
    setLocale("en");
    expect(label("funderTypes", "local_authority")).toBe("Local authority");
    setLocale("fr");
  });
});

describe("the operator's follow-up names what each button acts on", () => {
  test("detaching names the territory and the federation or funder, in French grammar", () => {
    setLocale("fr");
    const f = t().followUp;
    expect(f.detachLabel("Lille Sud", f.from("federation", "Fédération X"))).toBe(
      "Détacher Lille Sud de la fédération Fédération X",
    );
    expect(f.detachLabel("Lille Sud", f.from("funder", "ARS Hauts-de-France"))).toBe(
      "Détacher Lille Sud du financeur ARS Hauts-de-France",
    );
    expect(t().invitations.deliveredOn(formatDateTime("2026-09-01T10:05:00"))).toMatch(
      /^envoyée le 1er septembre 2026 à 10:05$/,
    );
  });
});
