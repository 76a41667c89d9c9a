import { CHOOSE_ONE } from "@maillage/schema";
import { t } from "../i18n";

const pattern = (re: RegExp, message: string) => re.exec(message)?.[1];

/** Schema messages are written in English once, for API and console: the console translates them. */
export function translateIssue(message: string): string {
  const i = t().issues;
  const exact: Record<string, string> = {
    "At least 2 characters": i.minChars("2"),
    "At most 120 characters": i.maxChars("120"),
    "At most 160 characters": i.maxChars("160"),
    "Expected an INSEE commune code (5 characters, e.g. 75056)": i.insee,
    "At least one commune": i.atLeastOneCommune,
    "At most 1000 communes": i.maxCommunes,
    "Each commune must appear once": i.duplicateCommune,
    "Expected a whole number": i.wholeNumber,
    "Cannot be negative": i.negative,
    "At most 20,000,000": i.maxPopulation,
    "At most 200 neighbourhoods": i.maxNeighbourhoods,
    "Expected a date (YYYY-MM-DD)": i.date,
    "The end date must be on or after the start date": i.endBeforeStart,
    "Expected an email address": i.email,
    [CHOOSE_ONE]: i.choice,
  };
  const known = exact[message];
  if (known) return known;
  const unknownCode = pattern(/^Unknown INSEE commune code (\S+)/, message);
  if (unknownCode) return i.unknownInsee(unknownCode);
  if (/^Invalid type: Expected number/.test(message)) return i.number;
  const min = pattern(/^Invalid length: Expected >=(\d+)/, message);
  if (min) return i.minChars(min);
  const max = pattern(/^Invalid length: Expected <=(\d+)/, message);
  if (max) return i.maxChars(max);
  if (/^Invalid type: Expected "/.test(message)) return i.choice;
  return i.invalid;
}
