import * as v from "valibot";
import { describe, expect, test } from "vitest";
import { issuesOf } from "../src/issues";
import { messageText } from "../src/messages";
import { findIdentifier, nirKey, PseudonymousText } from "../src/pseudonymity";

/**
 * A NIR key computed independently of the module (which uses BigInt): Horner's rule digit by digit,
 * keeping the remainder mod 97 so every step stays a small exact integer.
 */
function keyOf(body: string): string {
  const digits = body.replace(/^(.{5})2A/i, "$119").replace(/^(.{5})2B/i, "$118");
  let remainder = 0;
  for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  return String(97 - remainder).padStart(2, "0");
}

const kindOf = (text: string) => findIdentifier(text)?.kind;

describe("NIR (numéro de sécurité sociale)", () => {
  test("the keys, worked by hand", () => {
    // 1 85 05 78 006 084: 1850578006084 = 97 × 19078123774 + 6
    //   (97 × 19078123774 = 1907812377400 − 3 × 19078123774 = 1850578006078), key 97 − 6 = 91.
    expect(keyOf("1850578006084")).toBe("91");
    // 2 69 05 2A 004 123 (Corsica, 2A counted as 19): 2690519004123 = 97 × 27737309320 + 83
    //   (97 × 27737309320 = 2773730932000 − 83211927960 = 2690519004040), key 97 − 83 = 14.
    expect(keyOf("269052A004123")).toBe("14");
    // 2 69 05 49 588 157: 2690549588157 = 97 × 27737624620 + 17
    //   (97 × 27737624620 = 2773762462000 − 83212873860 = 2690549588140), key 97 − 17 = 80.
    expect(keyOf("2690549588157")).toBe("80");
    // python-stdnum's own examples (stdnum/fr/nir.py): 2 53 07 2A 073 004 43 and 2 53 07 2B 073 004 70.
    expect(keyOf("253072A073004")).toBe("43");
    expect(keyOf("253072B073004")).toBe("70");
    // The module's BigInt computation agrees.
    for (const body of [
      "1850578006084",
      "269052A004123",
      "253072B073004",
      "7991299001005",
      "2890475112034",
    ]) {
      expect(String(nirKey(body)).padStart(2, "0")).toBe(keyOf(body));
    }
  });

  test.each([
    ["spaced, valid key", "1 85 05 78 006 084 91"],
    ["compact, valid key", "185057800608491"],
    ["dashes, valid key", "2-69-05-49-588-157-80"],
    ["dots, valid key", "2.69.05.49.588.157.80"],
    ["Corsica 2A, valid key", "2 69 05 2A 004 123 14"],
    ["Corsica 2B, compact, valid key", "253072B07300470"],
    ["lower-case 2a", "2 53 07 2a 073 004 43"],
    ["born abroad (department 99)", `1 89 04 99 216 002 ${keyOf("1890499216002")}`],
    ["temporary registration (7)", `7 99 12 99 001 005 ${keyOf("7991299001005")}`],
    ["pseudo-month 20", `2 75 20 59 350 012 ${keyOf("2752059350012")}`],
    ["pseudo-month 62", `1 48 62 13 055 003 ${keyOf("1486213055003")}`],
    ["unusual grouping", "18505 780060 8491"],
    ["without its key (13 digits)", "1 85 05 78 006 084"],
    ["without its key, compact", "2690549588157"],
    ["within a sentence", "Assuré n° 1 85 05 78 006 084 91, orienté par la CPAM"],
    ["followed by a count", "NIR 1 85 05 78 006 084 91 2 séances"],
    ["the key typed wrong (36 for 91): still a NIR", "1 85 05 78 006 084 36"],
  ])("%s: %s", (_, text) => {
    expect(findIdentifier(text)?.kind).toBe("nir");
  });

  test("the match is the number as written", () => {
    expect(findIdentifier("Assuré n° 1 85 05 78 006 084 91, orienté")).toEqual({
      kind: "nir",
      match: "1 85 05 78 006 084 91",
    });
  });

  test("a 15-digit number outside the NIR's structure is one only if its key checks", () => {
    // Month 15 is neither a month nor a pseudo-month.
    const body = "1851578006084";
    const key = keyOf(body);
    expect(kindOf(`${body}${key}`)).toBe("nir");
    const wrong = String(((Number(key) + 1) % 97) + 1).padStart(2, "0");
    expect(wrong).not.toBe(key);
    expect(kindOf(`${body}${wrong}`)).toBeUndefined();
  });

  test.each([
    ["a 13-digit number with no month", "Dossier 1234567890123"],
    ["a SIRET (14 digits)", "Structure SIRET 41800012300017"],
    ["a spaced SIRET", "SIRET 418 000 123 00017"],
    ["department 00", "1 85 05 00 006 084"],
    ["a sex digit 5", "5 85 05 78 006 084 91"],
    ["a 16-digit number", "1850578006084910"],
  ])("not a NIR: %s", (_, text) => {
    expect(kindOf(text)).not.toBe("nir");
  });
});

describe("phone numbers", () => {
  test.each([
    "06 12 34 56 78",
    "06.12.34.56.78",
    "06-12-34-56-78",
    "0612345678",
    "07 81 23 45 67",
    "+33 6 12 34 56 78",
    "+33 (0)6 12 34 56 78",
    "+33612345678",
    "+33 06 12 34 56 78",
    "0033 6 12 34 56 78",
    "01 42 68 53 00",
    "03 20 12 34 56",
    "05.56.12.34.56",
    "09 72 10 11 12",
    "0590 12 34 56",
    "0596 71 23 45",
    "0594 30 12 34",
    "0262 21 12 34",
    "0269 61 12 34",
    "0692 12 34 56",
    "06 92 12 34 56",
    "+262 692 12 34 56",
    "+262 262 21 12 34",
    "+590 590 12 34 56",
    "00590 690 12 34 56",
    "+687 28 12 34",
    "+44 20 7946 0958",
    "Rappeler sa fille au 06 12 34 56 78 avant jeudi",
    "tél:0612345678",
  ])("%s", (text) => {
    expect(kindOf(text)).toBe("phone");
  });

  test.each([
    "2026",
    "2026-09-01",
    "01/09/2026",
    "le 01 09 2026",
    "le 01.09.2026 10h",
    "Rencontre le 12/03/2026 à 14h30",
    "45 min",
    "12 séances",
    "Objectif 10 000 pas par jour",
    "Budget de 1 500 €",
    "code INSEE 59350",
    "59000",
    "Appeler le 3646 (Assurance maladie)",
    "Numéro d'urgence 115",
    "Période 2025-2026",
    "+2 séances",
  ])("not a phone number: %s", (text) => {
    expect(findIdentifier(text)).toBeUndefined();
  });
});

describe("e-mail addresses", () => {
  test.each([
    ["jean.dupont@orange.fr", "jean.dupont@orange.fr"],
    ["Écrire à marie-l.martin@laposte.net", "marie-l.martin@laposte.net"],
    ["contact: j.dupont+ccas@mairie-lille.fr.", "j.dupont+ccas@mairie-lille.fr"],
    ["jean [at] orange.fr", "jean [at] orange.fr"],
    ["jean(at)free.fr", "jean(at)free.fr"],
    ["jean [AT] orange [dot] fr", "jean [AT] orange [dot] fr"],
    ["jean arobase orange.fr", "jean arobase orange.fr"],
    ["jean @ gmail.com", "jean @ gmail.com"],
  ])("%s", (text, match) => {
    expect(findIdentifier(text)).toEqual({ kind: "email", match });
  });

  test.each([
    "RDV @ 14h",
    "Atelier @ la MJC",
    "Voir ameli.fr pour les droits",
    "Atelier informatique : créer une adresse e-mail",
    "Inscription sur le site de la mairie",
  ])("not an e-mail address: %s", (text) => {
    expect(findIdentifier(text)).toBeUndefined();
  });
});

describe("street and postal addresses", () => {
  test.each([
    ["12 rue de la Paix", "12 rue de la Paix"],
    ["12 rue de la paix", "12 rue de la paix"],
    ["12 RUE DE LA PAIX", "12 RUE DE LA PAIX"],
    ["3 bis av. Jean Jaurès", "3 bis av. Jean Jaurès"],
    ["Bât B, 4 allée des Tilleuls", "4 allée des Tilleuls"],
    ["4 Allee des Tilleuls", "4 Allee des Tilleuls"],
    ["12bis rue Nationale", "12bis rue Nationale"],
    ["7 ter, boulevard Gambetta", "7 ter, boulevard Gambetta"],
    ["12B rue Victor Hugo", "12B rue Victor Hugo"],
    ["12 bd Victor Hugo", "12 bd Victor Hugo"],
    ["15 impasse des lilas", "15 impasse des lilas"],
    ["2 lieu-dit les Granges", "2 lieu-dit les Granges"],
    ["1 rond-point de l'Europe", "1 rond-point de l'Europe"],
    ["6 quai de la Loire", "6 quai de la Loire"],
    ["4 place du Marché", "4 place du Marché"],
    ["12 Place Kléber", "12 Place Kléber"],
    ["8 chemin des Vignes", "8 chemin des Vignes"],
    ["45 route de Lyon", "45 route de Lyon"],
    ["3 résidence Les Acacias", "3 résidence Les Acacias"],
    ["3 residence Les Acacias", "3 residence Les Acacias"],
    ["10 cité Jardin", "10 cité Jardin"],
    ["5 ZA des Prés", "5 ZA des Prés"],
    ["12 cours Mirabeau", "12 cours Mirabeau"],
    ["3 cours de la République", "3 cours de la République"],
    ["21 cours de l'Intendance", "21 cours de l'Intendance"],
    ["Habite au 3 promenade des Anglais depuis 2019", "3 promenade des Anglais"],
    ["59000 Lille", "59000 Lille"],
    ["75011 PARIS", "75011 PARIS"],
    ["97400 Saint-Denis", "97400 Saint-Denis"],
    ["20000 Ajaccio", "20000 Ajaccio"],
    ["BP 123", "BP 123"],
    ["B.P. 45", "B.P. 45"],
    ["CS 40012", "CS 40012"],
  ])("%s", (text, match) => {
    expect(findIdentifier(text)).toEqual({ kind: "address", match });
  });

  test.each([
    "atelier dans la rue",
    "place disponible",
    "2 places disponibles",
    "1 place de parking",
    "Rejoindre la chorale de la place du marché",
    "Rejoindre la chorale de la Place du Marché",
    "3 cours de yoga par semaine",
    "3 cours de Pilates par semaine",
    "2 cours d'aquagym",
    "2 séances",
    "1 promenade de 30 min",
    "1 route de campagne",
    "1 passage au CCAS",
    "lire 2 BD par mois",
    "code INSEE 59350",
    "59350 habitants",
    "Préparer le BPJEPS",
    "Atelier au CS 2 fois par semaine",
  ])("not an address: %s", (text) => {
    expect(findIdentifier(text)).toBeUndefined();
  });
});

describe("realistic texts that hold no identifier", () => {
  test.each([
    "Reprendre une activité physique adaptée 2 fois par semaine",
    "Atelier cuisine au centre social",
    "Rencontre le 12/03/2026 à 14h30",
    "Objectif : marcher 30 min par jour",
    "3 séances de sophrologie",
    "Rejoindre la chorale de la place du marché",
    "code INSEE 59350",
    "RDV CCAS",
    "Orientation vers la Maison France Services",
    "Inscription à l'épicerie solidaire, 1 fois par mois",
    "Suivi téléphonique à 3 mois",
    "Rendez-vous CPAM pour la complémentaire santé solidaire le 2026-09-01",
    "Bilan à 6 mois : WEMWBS passé de 38 à 47",
    "Jardin partagé du quartier, 2 h le samedi",
    "Orientée vers l'association Marche et Rêve, 10 km par semaine",
    "Atelier numérique de 9h30 à 11h30",
    "Redirigée vers le CMP, délai 3 semaines",
    "Groupe de parole 1er et 3e jeudi du mois",
    "",
  ])("%s", (text) => {
    expect(findIdentifier(text)).toBeUndefined();
  });
});

describe("PseudonymousText", () => {
  const Goal = v.object({ label: PseudonymousText(80) });

  test("trims a clean text and accepts it", () => {
    expect(v.parse(Goal, { label: "  Atelier cuisine au centre social " })).toEqual({
      label: "Atelier cuisine au centre social",
    });
  });

  test.each([
    ["nir", "NIR 1 85 05 78 006 084 91"],
    ["phone", "Appeler le 06 12 34 56 78"],
    ["email", "jean.dupont@orange.fr"],
    ["address", "Rendez-vous au 12 rue de la Paix"],
  ] as const)("a %s gets text.personal.%s at the field's path", (kind, label) => {
    const result = v.safeParse(Goal, { label });
    expect(result.success).toBe(false);
    expect(issuesOf(result.issues ?? [])).toEqual([{ path: "label", message: `text.personal.${kind}` }]);
  });

  test("the path of a nested field", () => {
    const Plan = v.object({ goals: v.array(v.object({ label: PseudonymousText(80) })) });
    const result = v.safeParse(Plan, {
      goals: [{ label: "Marcher 30 min par jour" }, { label: "Voir Mme X au 59000 Lille" }],
    });
    expect(issuesOf(result.issues ?? [])).toEqual([
      { path: "goals.1.label", message: "text.personal.address" },
    ]);
  });

  test("neither the message nor the issue quotes the identifier", () => {
    const result = v.safeParse(Goal, { label: "Appeler le 06 12 34 56 78" });
    const [issue] = result.issues ?? [];
    expect(issue?.message).toBe("text.personal.phone");
    expect(issue?.received).not.toContain("06");
    expect(issue?.expected).not.toContain("06");
    for (const id of [
      "text.personal.nir",
      "text.personal.phone",
      "text.personal.email",
      "text.personal.address",
    ]) {
      expect(messageText(id)).toMatch(/pseudonymised/);
      expect(messageText(id)).not.toMatch(/\d/);
    }
  });

  test("too long gives text.too_long; too long with an identifier gives both", () => {
    const Short = v.object({ note: PseudonymousText(20) });
    expect(issuesOf(v.safeParse(Short, { note: "Atelier cuisine au centre social" }).issues ?? [])).toEqual([
      { path: "note", message: "text.too_long" },
    ]);
    expect(issuesOf(v.safeParse(Short, { note: "Appeler sa fille au 06 12 34 56 78" }).issues ?? [])).toEqual(
      [
        { path: "note", message: "text.too_long" },
        { path: "note", message: "text.personal.phone" },
      ],
    );
  });

  test("not a string", () => {
    expect(issuesOf(v.safeParse(Goal, { label: 612345678 }).issues ?? [])).toEqual([
      { path: "label", message: expect.any(String) },
    ]);
  });
});
