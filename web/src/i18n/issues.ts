import type { MessageId } from "@maillage/schema";
import { dictionary } from "./define";

/** What a message may use: the field's label, the value it is about, the rule's bound. */
export interface IssueContext {
  label: string | undefined;
  /** The value among several that the issue is about (one commune code of a list). */
  subject: string | undefined;
  /** The rule's bound, formatted (2, 120, 20 000 000), when the console validated it itself. */
  limit: string | undefined;
}

type Messages = Record<MessageId, (c: IssueContext) => string>;

/** Valibot's own rules, for a schema rule that names no message id. */
type Generic =
  | "min_length"
  | "max_length"
  | "min_value"
  | "max_value"
  | "integer"
  | "number"
  | "email"
  | "iso_date"
  | "picklist"
  | "non_empty"
  | "invalid";

const quoted = (subject: string | undefined, text: string) => (subject ? `« ${subject} » : ${text}` : text);

const fr = {
  "choice.required": ({ label }) =>
    label ? `Choisissez une option dans la liste « ${label} »` : "Choisissez une option dans la liste",
  "name.too_short": () => "Le nom doit comporter au moins 2 caractères",
  "name.too_long": () => "Le nom doit comporter 120 caractères au maximum",
  "carrier_name.too_long": () => "Le nom de la structure porteuse doit comporter 160 caractères au maximum",
  "commune.format": ({ subject }) =>
    subject
      ? `« ${subject} » n'est pas un code INSEE : un code de commune compte 5 caractères, par exemple 75056 (Paris) ou 2A004 (Ajaccio)`
      : "Saisissez des codes INSEE de 5 caractères, par exemple 75056 (Paris) ou 2A004 (Ajaccio)",
  "commune.unknown": ({ subject }) =>
    `Code INSEE inconnu${subject ? ` : ${subject}` : ""}. Il ne figure pas dans la grille de densité INSEE 2024 : vérifiez qu'il s'agit du code de la commune et non de son code postal`,
  "communes.required": () => "Indiquez au moins une commune, par son code INSEE",
  "communes.too_many": () => "Un territoire couvre 1 000 communes au maximum",
  "communes.duplicate": () => "Une même commune figure plusieurs fois : gardez chaque code une seule fois",
  "population.number": () => "Saisissez un nombre, par exemple 12 500",
  "population.whole": () => "Saisissez un nombre entier d'habitants, sans décimale",
  "population.negative": () => "La population ne peut pas être négative",
  "population.too_large": () => "La population doit être de 20 000 000 d'habitants au maximum",
  "neighbourhood.empty": () => "Le nom d'un quartier ne peut pas être vide",
  "neighbourhood.too_long": () => "Le nom d'un quartier doit comporter 120 caractères au maximum",
  "neighbourhoods.too_many": () => "Indiquez 200 quartiers au maximum",
  "date.format": () => "Saisissez une date complète : jour, mois et année",
  "date.end_before_start": () => "La date de fin doit être égale ou postérieure à la date de début",
  "email.format": () => "Saisissez une adresse e-mail complète, par exemple nom@exemple.fr",
  "email.too_long": () => "Une adresse e-mail compte 254 caractères au maximum",
  "display_name.too_short": () => "Saisissez le nom et le prénom de la personne (au moins 2 caractères)",
  "display_name.too_long": () => "Le nom et le prénom doivent comporter 120 caractères au maximum",
  "description.too_long": () => "La description doit comporter 500 caractères au maximum",
  "text.too_long": ({ limit }) =>
    limit ? `Ce texte doit comporter ${limit} caractères au maximum` : "Ce texte est trop long",
  "cursor.invalid": () => "La liste a changé entre-temps : rechargez la page pour repartir du début",
} satisfies Messages;

const en: Messages = {
  "choice.required": ({ label }) =>
    label ? `Choose one of the options of “${label}”` : "Choose one of the options",
  "name.too_short": () => "The name must be at least 2 characters long",
  "name.too_long": () => "The name must be at most 120 characters long",
  "carrier_name.too_long": () => "The carrier structure's name must be at most 160 characters long",
  "commune.format": ({ subject }) =>
    subject
      ? `“${subject}” is not an INSEE code: a commune code has 5 characters, e.g. 75056 (Paris) or 2A004 (Ajaccio)`
      : "Enter 5-character INSEE codes, e.g. 75056 (Paris) or 2A004 (Ajaccio)",
  "commune.unknown": ({ subject }) =>
    `Unknown INSEE code${subject ? ` ${subject}` : ""}. It is not in the INSEE 2024 density grid: check that it is the commune's code, not its postcode`,
  "communes.required": () => "Enter at least one commune, by its INSEE code",
  "communes.too_many": () => "A territory covers at most 1,000 communes",
  "communes.duplicate": () => "A commune appears more than once: keep each code once",
  "population.number": () => "Enter a number, e.g. 12,500",
  "population.whole": () => "Enter a whole number of inhabitants, without decimals",
  "population.negative": () => "The population cannot be negative",
  "population.too_large": () => "The population must be at most 20,000,000 inhabitants",
  "neighbourhood.empty": () => "A neighbourhood's name cannot be empty",
  "neighbourhood.too_long": () => "A neighbourhood's name must be at most 120 characters long",
  "neighbourhoods.too_many": () => "Enter at most 200 neighbourhoods",
  "date.format": () => "Enter a complete date: day, month and year",
  "date.end_before_start": () => "The end date must be on or after the start date",
  "email.format": () => "Enter a complete email address, e.g. name@example.org",
  "email.too_long": () => "An email address has at most 254 characters",
  "display_name.too_short": () => "Enter the person's full name (at least 2 characters)",
  "display_name.too_long": () => "The full name must be at most 120 characters long",
  "description.too_long": () => "The description must be at most 500 characters long",
  "text.too_long": ({ limit }) =>
    limit ? `This text must be at most ${limit} characters long` : "This text is too long",
  "cursor.invalid": () => "The list changed in the meantime: reload the page to start again from the top",
};

const genericFr: Record<Generic, (c: IssueContext) => string> = {
  min_length: ({ limit, subject }) =>
    quoted(subject, limit ? `Saisissez au moins ${limit} caractères` : "Ce texte est trop court"),
  max_length: ({ limit, subject }) =>
    quoted(
      subject,
      limit ? `Ce texte doit comporter ${limit} caractères au maximum` : "Ce texte est trop long",
    ),
  min_value: ({ limit }) => (limit ? `La valeur doit être au moins ${limit}` : "La valeur est trop petite"),
  max_value: ({ limit }) => (limit ? `La valeur doit être au plus ${limit}` : "La valeur est trop grande"),
  integer: () => "Saisissez un nombre entier, sans décimale",
  number: () => "Saisissez un nombre, par exemple 12 500",
  email: () => "Saisissez une adresse e-mail complète, par exemple nom@exemple.fr",
  iso_date: () => "Saisissez une date complète : jour, mois et année",
  picklist: ({ label }) =>
    label ? `Choisissez une option dans la liste « ${label} »` : "Choisissez une option dans la liste",
  non_empty: () => "Ce champ est obligatoire",
  invalid: ({ subject }) => quoted(subject, "Cette valeur n'est pas valide"),
};

const genericEn: Record<Generic, (c: IssueContext) => string> = {
  min_length: ({ limit, subject }) =>
    quoted(subject, limit ? `Enter at least ${limit} characters` : "This text is too short"),
  max_length: ({ limit, subject }) =>
    quoted(subject, limit ? `This text must be at most ${limit} characters long` : "This text is too long"),
  min_value: ({ limit }) => (limit ? `The value must be at least ${limit}` : "The value is too small"),
  max_value: ({ limit }) => (limit ? `The value must be at most ${limit}` : "The value is too large"),
  integer: () => "Enter a whole number, without decimals",
  number: () => "Enter a number, e.g. 12,500",
  email: () => "Enter a complete email address, e.g. name@example.org",
  iso_date: () => "Enter a complete date: day, month and year",
  picklist: ({ label }) => (label ? `Choose one of the options of “${label}”` : "Choose one of the options"),
  non_empty: () => "This field is required",
  invalid: ({ subject }) => quoted(subject, "This value is not valid"),
};

export const issues = dictionary(
  { issues: { messages: fr as Messages, generic: genericFr } },
  { issues: { messages: en, generic: genericEn } },
);
