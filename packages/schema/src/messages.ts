/**
 * The messages a field can get, from the shared schemas or from the server's own checks, by id.
 * A schema gives the id as its message (`v.minLength(2, message("name.too_short"))`), so the API
 * answers `{ path: "name", message: "name.too_short" }`: the console shows its own text for each id,
 * in French or English (a missing one fails its typecheck), and never reads English to translate it.
 * The English here is for any other reader of an id (API clients, server exports, logs of tests).
 */
export const messageTexts = {
  "choice.required": "Choose one of the options",
  "name.too_short": "The name must be at least 2 characters long",
  "name.too_long": "The name must be at most 120 characters long",
  "carrier_name.too_long": "The carrier structure's name must be at most 160 characters long",
  "commune.format": "Expected an INSEE commune code: 5 characters, e.g. 75056",
  "commune.unknown": "Unknown INSEE commune code (not in the INSEE 2024 density grid)",
  "communes.required": "Enter at least one commune",
  "communes.too_many": "At most 1,000 communes",
  "communes.duplicate": "Each commune must appear once",
  "population.number": "Enter a number, e.g. 12500",
  "population.whole": "Enter a whole number of inhabitants",
  "population.negative": "The population cannot be negative",
  "population.too_large": "The population must be at most 20,000,000",
  "neighbourhood.empty": "A neighbourhood's name cannot be empty",
  "neighbourhood.too_long": "A neighbourhood's name must be at most 120 characters long",
  "neighbourhoods.too_many": "At most 200 neighbourhoods",
  "date.format": "Enter a date as YYYY-MM-DD, e.g. 2026-09-01",
  "date.end_before_start": "The end date must be on or after the start date",
  "email.format": "Enter an email address, e.g. name@example.org",
  "email.too_long": "An email address has at most 254 characters",
  "display_name.too_short": "The name must be at least 2 characters long",
  "display_name.too_long": "The name must be at most 120 characters long",
  "description.too_long": "The description must be at most 500 characters long",
  /** Any other bounded text: the console reads the bound from the schema's issue. */
  "text.too_long": "This text is too long",
  "cursor.invalid": "Invalid cursor: start again from the first page",
} as const;

export type MessageId = keyof typeof messageTexts;

/** A schema message, checked to be a known id. */
export const message = <const Id extends MessageId>(id: Id): Id => id;

export function isMessageId(value: string): value is MessageId {
  return Object.hasOwn(messageTexts, value);
}

/** The English text of a message id; anything else (a library's own message) is returned as it is. */
export function messageText(idOrText: string): string {
  return isMessageId(idOrText) ? messageTexts[idOrText] : idOrText;
}

/** Kept for the picklists that import it. */
export const CHOOSE_ONE = message("choice.required");
