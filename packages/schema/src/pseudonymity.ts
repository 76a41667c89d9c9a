import * as v from "valibot";
import { type MessageId, message } from "./messages";

/**
 * Journeys are pseudonymised: no field holds a name, an address, a phone number, an e-mail address
 * or a social security number. Fields are coded wherever they can be; the few short free-text ones
 * (a goal's label, a note on a follow-up, a redirect's destination) use `PseudonymousText`, which
 * refuses what looks like one of these identifiers. Names cannot be told from ordinary words, so
 * they are left to the coded fields and to the console's hints.
 *
 * The detectors favour precision on realistic goal and note texts (dates, times, durations, counts,
 * INSEE codes, "3 cours de yoga", "place disponible" all pass) while catching the usual ways of
 * writing each identifier. Browser-safe: plain regular expressions and BigInt, no Node API.
 */

export const identifierKinds = ["nir", "phone", "email", "address"] as const;
export type IdentifierKind = (typeof identifierKinds)[number];
export interface FoundIdentifier {
  kind: IdentifierKind;
  /** The text that looks like the identifier: for the caller's highlighting, never for a message. */
  match: string;
}

/** What may separate the digits of a number: space, no-break spaces, dot, dash. */
const SEP = "[ .\\-\\u00a0\\u202f]";

// --- NIR -------------------------------------------------------------------------------------

/**
 * A NIR's shape, its separators anywhere between digits (`1 85 05 78 006 084 36`, `185057800608436`,
 * `2-69-05-49-588-157-80`): sex digit, year, month, department (or 2A/2B), commune, order, and an
 * optional two-digit key. Not preceded or followed by another digit.
 */
const NIR_CANDIDATE = new RegExp(
  `(?<!\\p{N})[1-478](?:${SEP}?\\d){4}${SEP}?(?:\\d${SEP}?\\d|2[AaBb])(?:${SEP}?\\d){6}(?:${SEP}?\\d${SEP}?\\d)?(?!\\p{N})`,
  "gu",
);

/**
 * The structure of the 13 first characters: sex 1/2 (3/4 and 7/8 for other and temporary
 * registrations), any year, month 01–12 or a pseudo-month (INSEE gives 20–30 or 50 and above when
 * the civil-status record lacks the month; 20–42 and 50–99 are accepted, erring towards refusal),
 * department 01–99 (96–99 abroad, 97x overseas) or Corsica's 2A/2B.
 */
const NIR_STRUCTURE = /^[1-478]\d{2}(?:0[1-9]|1[0-2]|[23]\d|4[0-2]|[5-9]\d)(?:0[1-9]|[1-9]\d|2[AB])\d{6}$/;

/**
 * The NIR key: 97 − (the 13-digit number mod 97), Corsica's department 2A counted as 19 and 2B as
 * 18. This is INSEE's published rule, as implemented by python-stdnum (stdnum/fr/nir.py,
 * `calc_check_digits`, citing insee.fr definition c1409 and resoo.org "Règles numéro INSEE").
 * Computed with BigInt so the remainder is exact whatever the digits (no floating-point step).
 */
export function nirKey(body: string): number {
  const department = body.slice(5, 7).toUpperCase();
  const digits =
    department === "2A"
      ? `${body.slice(0, 5)}19${body.slice(7)}`
      : department === "2B"
        ? `${body.slice(0, 5)}18${body.slice(7)}`
        : body;
  return 97 - Number(BigInt(digits) % 97n);
}

/**
 * A NIR is refused when:
 * - it has 15 characters with the NIR's structure, whatever its key: a mistyped NIR still points
 *   to one person, and nothing else in a goal or a note has that shape;
 * - it has 15 characters, starts with a sex digit and its key checks, even if the month or the
 *   department is one this structure does not know;
 * - it has 13 characters with the NIR's structure (a NIR written without its key): the structure
 *   (sex digit, month, department) is specific enough that dates, times, amounts and codes do not
 *   produce it, and no other 13-digit number belongs in these fields.
 */
function findNir(text: string): string | undefined {
  for (const candidate of text.matchAll(NIR_CANDIDATE)) {
    const compact = candidate[0].replace(new RegExp(SEP, "g"), "").toUpperCase();
    const body = compact.slice(0, 13);
    if (NIR_STRUCTURE.test(body)) return candidate[0];
    if (compact.length === 15 && /^\d{13}$|^\d{5}2[AB]\d{6}$/.test(body)) {
      if (nirKey(body) === Number(compact.slice(13))) return candidate[0];
    }
  }
  return undefined;
}

// --- E-mail ----------------------------------------------------------------------------------

const LOCAL = "[\\p{L}\\p{N}._%+\\-]+";
const LABEL = "[\\p{L}\\p{N}](?:[\\p{L}\\p{N}\\-]*[\\p{L}\\p{N}])?";
/** A dot, or its spelt-out forms `[dot]`, `(point)`. */
const DOT = "(?:\\.|\\s*[\\[(]\\s*(?:[dD][oO][tT]|[pP][oO][iI][nN][tT])\\s*[\\])]\\s*)";
/** `@`, possibly spaced, or `[at]`, `(at)`, `[arobase]`, ` arobase `. */
const AT =
  "(?:\\s?@\\s?|\\s*[\\[(]\\s*(?:[aA][tT]|[aA][rR][oO][bB][aA][sS][eE])\\s*[\\])]\\s*|\\s+[aA]robase\\s+)";
const EMAIL = new RegExp(
  `(?<![\\p{L}\\p{N}._%+\\-])${LOCAL}${AT}(?:${LABEL}${DOT})+\\p{L}{2,24}(?![\\p{L}\\p{N}\\-])`,
  "u",
);

// --- Phone numbers -----------------------------------------------------------------------------

/**
 * French numbers, national form: 0 then 1–5, 6, 7 or 9 (08 numbers are services, not people) and
 * eight digits, in pairs with one and the same separator throughout (`06 12 34 56 78`,
 * `06.12.34.56.78`, `0612345678`), or 4-2-2-2 as overseas numbers are often written
 * (`0692 12 34 56`). A single separator keeps a date and a time (`01.09.2026 10h`) from passing
 * for a number.
 */
const PHONE_NATIONAL = new RegExp(
  `(?<![\\p{N}+])0[1-79](?<s>${SEP}?)\\d{2}(?:\\k<s>\\d{2}){3}(?!\\p{N})|(?<![\\p{N}+])0[1-79]\\d{2}(?<t>${SEP})\\d{2}\\k<t>\\d{2}\\k<t>\\d{2}(?!\\p{N})`,
  "u",
);
/**
 * International form: `+` and a country code (or 00 and a French or overseas code) then 8 to 12
 * digits, an optional `(0)` or 0 first (`+33 6 12 34 56 78`, `+33 (0)6 12 34 56 78`,
 * `0033 6 12 34 56 78`, `+262 692 12 34 56`); six digits are enough after the codes of the
 * territories with six-digit numbers (New Caledonia 687, Wallis-et-Futuna 681, Saint-Pierre 508).
 */
const PHONE_INTERNATIONAL = new RegExp(
  [
    `(?<![\\p{N}+])(?:\\+|00)(?:687|681|508)(?:${SEP}?\\d){6}(?!\\p{N})`,
    `(?<![\\p{N}+])(?:\\+[1-9]\\d{0,2}|00(?:33|262|269|590|594|596|689))${SEP}?(?:\\(0\\)${SEP}?|0)?(?:${SEP}?\\d){8,12}(?!\\p{N})`,
  ].join("|"),
  "u",
);

// --- Street addresses ----------------------------------------------------------------------------

const VARIANTS: Record<string, string> = {
  a: "aAàÀâÂäÄ",
  e: "eEéÉèÈêÊëË",
  i: "iIîÎïÏ",
  o: "oOôÔöÖ",
  u: "uUùÙûÛüÜ",
  c: "cCçÇ",
};
/**
 * A word matched whatever its case and accents (`allee` matches "Allée", "ALLEE", "allée"), without
 * the `i` flag: under `iu`, `\p{Lu}` would match lower-case letters too.
 */
function loose(word: string): string {
  return [...word]
    .map((char) => {
      if (char === "-") return "[\\- ]?";
      if (char === "'") return "['’]";
      if (char === ".") return "\\.";
      const variants = VARIANTS[char];
      if (variants) return `[${variants}]`;
      return /\p{L}/u.test(char) ? `[${char}${char.toUpperCase()}]` : char;
    })
    .join("");
}
const anyOf = (words: readonly string[]) =>
  `(?:${[...words]
    .sort((a, b) => b.length - a.length)
    .map(loose)
    .join("|")})`;

/** Street types that, after a number, make an address whatever follows ("12 rue de la paix"). */
const STRONG_STREET_TYPES = [
  "rue",
  "ruelle",
  "grand-rue",
  "grande-rue",
  "grand'rue",
  "avenue",
  "boulevard",
  "bld",
  "bvd",
  "impasse",
  "allee",
  "quai",
  "faubourg",
  "fbg",
  "lotissement",
  "lieu-dit",
  "lieudit",
  "rond-point",
  "esplanade",
  "parvis",
  "venelle",
  "chaussee",
] as const;
/**
 * Street types that are also common words, or abbreviations of them ("2 places disponibles",
 * "1 place de parking", "1 promenade de 30 min", "1 route de campagne", "lire 2 BD par mois"): an
 * address only when a capitalised name follows, directly ("place Kléber", "bd Victor Hugo") or after
 * de / du / des / d' / de la / de l' ("place du Marché", "chemin des Vignes", "route de Lyon").
 * "au"/"aux" are not linking words here ("1 passage au CCAS").
 */
const WEAK_STREET_TYPES = [
  "av",
  "bd",
  "imp",
  "place",
  "pl",
  "passage",
  "voie",
  "domaine",
  "promenade",
  "chemin",
  "chem",
  "route",
  "rte",
  "sentier",
  "square",
  "sq",
  "residence",
  "res",
  "cite",
  "hameau",
  "clos",
  "villa",
  "mail",
  "traverse",
  "montee",
  "carrefour",
  "za",
  "zi",
  "zac",
] as const;

/** A street number: 12, 12bis, 3 bis, 12 B (a single letter glued or spaced), 4, (comma). */
const STREET_NUMBER = `(?<![\\p{L}\\p{N}])\\d{1,4}(?:\\s?${anyOf(["bis", "ter", "quater"])}|\\s?[A-Da-d])?(?![\\p{L}\\p{N}]),?\\s+`;
const TYPE_END = "(?![\\p{L}\\p{N}])\\.?";
/** de, du, des, de la, de l', d' before the capitalised name of a weak street type. */
const LINK = "(?:(?:de|du|des)\\s+(?:la\\s+|les\\s+|le\\s+)?|(?:de\\s+)?[ld]['’]\\s*)";
/**
 * "cours" is singular and plural alike ("3 cours de Pilates par semaine"): an address only with a
 * capitalised name directly ("cours Mirabeau") or after an article ("cours de la République",
 * "cours du Chapitre", "cours des Arts"), not after a bare "de" ("cours de Zumba").
 */
const COURS_LINK = "(?:(?:de\\s+(?:la|l['’])|du|des)\\s*)";

/** The rest of the name, for the match: the word begun, then any capitalised words ("Jean Jaurès"). */
const NAME_REST = "[\\p{L}\\p{N}'’\\-]*(?:\\s+\\p{Lu}[\\p{L}'’\\-]*)*";

const STREET = new RegExp(
  [
    `${STREET_NUMBER}${anyOf(STRONG_STREET_TYPES)}${TYPE_END},?\\s+${LINK}?[\\p{L}\\p{N}'’]`,
    `${STREET_NUMBER}${anyOf(WEAK_STREET_TYPES)}${TYPE_END},?\\s+${LINK}?\\p{Lu}`,
    `${STREET_NUMBER}${loose("cours")}${TYPE_END},?\\s+${COURS_LINK}?\\p{Lu}`,
  ]
    .map((street) => `${street}${NAME_REST}`)
    .join("|"),
  "u",
);
/**
 * A French postcode (01–98 then three digits) followed by a capitalised town: "59000 Lille",
 * "75011 PARIS", "97400 Saint-Denis". A code alone ("code INSEE 59350") or before a lower-case word
 * ("59350 habitants") passes.
 */
const POSTCODE_TOWN = /(?<![\p{L}\p{N}])(?:0[1-9]|[1-8]\d|9[0-8])\d{3}(?!\p{N})[ \u00a0]+\p{Lu}[\p{L}'’-]*/u;
/** Postal boxes: "BP 123", "B.P. 45", "CS 40012", "TSA 70001" (CS and TSA numbers have 5 digits). */
const POSTAL_BOX = /(?<![\p{L}\p{N}])(?:B\.?\s?P\.?\s?\d{1,5}|(?:CS|TSA)\s?\d{5})(?!\p{N})/u;

// --- Together ----------------------------------------------------------------------------------

const firstMatch = (text: string, ...patterns: RegExp[]) => {
  for (const pattern of patterns) {
    const found = pattern.exec(text);
    if (found) return found[0];
  }
  return undefined;
};

/**
 * The first thing in `text` that looks like a personal identifier, by kind: a NIR, then an e-mail
 * address, a phone number, a street or postal address.
 */
export function findIdentifier(text: string): FoundIdentifier | undefined {
  const nir = findNir(text);
  if (nir) return { kind: "nir", match: nir.trim() };
  const email = firstMatch(text, EMAIL);
  if (email) return { kind: "email", match: email.trim() };
  const phone = firstMatch(text, PHONE_NATIONAL, PHONE_INTERNATIONAL);
  if (phone) return { kind: "phone", match: phone.trim() };
  const address = firstMatch(text, STREET, POSTCODE_TOWN, POSTAL_BOX);
  if (address) return { kind: "address", match: address.trim() };
  return undefined;
}

const personalMessages = {
  nir: message("text.personal.nir"),
  phone: message("text.personal.phone"),
  email: message("text.personal.email"),
  address: message("text.personal.address"),
} as const satisfies Record<IdentifierKind, MessageId>;

/**
 * A short free text of a journey, at most `max` characters once trimmed, that refuses what looks
 * like a personal identifier with the message id of its kind (`text.personal.phone`…). The message
 * never quotes what was found, and neither does the issue's `received`: issues end up in logs.
 */
export const PseudonymousText = (max: number, min?: { length: number; message: MessageId }) =>
  v.pipe(
    v.string(),
    v.trim(),
    v.minLength(min?.length ?? 0, min?.message ?? message("text.too_long")),
    v.maxLength(max, message("text.too_long")),
    v.rawCheck(({ dataset, addIssue }) => {
      if (typeof dataset.value !== "string") return;
      const found = findIdentifier(dataset.value);
      if (found) {
        addIssue({
          message: personalMessages[found.kind],
          expected: "no personal identifier",
          received: `a ${found.kind === "nir" ? "social security number" : found.kind}`,
        });
      }
    }),
  );
