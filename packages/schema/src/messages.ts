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
  /** Free text that looks like a personal identifier (pseudonymity.ts); never quotes what was found. */
  "text.personal.nir":
    "This looks like a social security number: journeys are pseudonymised, write no personal identifier",
  "text.personal.phone":
    "This looks like a phone number: journeys are pseudonymised, write no contact details",
  "text.personal.email":
    "This looks like an email address: journeys are pseudonymised, write no contact details",
  "text.personal.address":
    "This looks like a postal address: journeys are pseudonymised, write no address (say what kind of place instead, e.g. town hall or social centre)",
  "cursor.invalid": "Invalid cursor: start again from the first page",
  "file.empty": "The file is empty: choose the spreadsheet to import",
  "step.name.too_short": "A step's name must be at least 2 characters long",
  "step.name.too_long": "A step's name must be at most 80 characters long",
  "step.delay.range": "Enter a whole number of days from 0 to 365",
  "step.duration.range": "Enter a whole number of minutes from 1 to 480",
  "step.instrument.unknown": "Unknown measure: WEMWBS, SWEMWBS, ONS4, UCLA3 or custom:<code>",
  "step.instruments.too_many": "At most 6 measures per step",
  "step.instruments.duplicate": "Each measure must appear once",
  "step.unknown": "This step is not in the pathway: a new step has no id",
  "steps.duplicate_id": "This step appears twice",
  "steps.duplicate_name": "Two active steps have this name",
  "steps.removed": "A step cannot be deleted: retire it instead (its journeys keep their history)",
  "steps.none_active": "The pathway needs at least one active step",
  "steps.too_many": "At most 24 steps, retired ones included",
  "track.markers.required": "Choose at least one vulnerability marker",
  "track.markers.duplicate": "Each marker must appear once",
  "track.overrides.too_many": "At most one override per step",
  "track.schemes.too_many": "At most 40 different partner schemes on the integrated track",
  "override.step_duplicate": "This step already has an override",
  "override.step_unknown": "This step is not in the pathway (save a new step before overriding it)",
  "override.step_retired": "This step is retired: remove its override",
  "override.schemes.too_many": "At most 5 partner schemes per step",
  "override.schemes.duplicate": "Each partner scheme must appear once",
  "partner_scheme.unknown": "This partner scheme does not exist in the territory",
  "partner_scheme.retired": "This partner scheme is retired",
  "route.professional_type.required": "Choose the type of health professional",
  "route.professional_type.not_applicable": "Only a health professional route has a professional type",
  "route.label.required": "Name this type of professional (at least 2 characters)",
  "route.duplicate": "This referral route appears twice",
  "routes.too_many": "Too many referral routes",
  "target_group.duplicate": "This target group appears twice",
  "target_groups.too_many": "Too many target groups",
  "structure_name.too_short": "The structure's name must be at least 2 characters long",
  "reference.format":
    "A reference has 1 to 40 characters: letters, digits, dots, dashes or underscores, e.g. AL-001",
  "fte.range": "The FTE must be more than 0 and at most 1, e.g. 0.8",
  "fte.precision": "The FTE has at most two decimals, e.g. 0.8 or 0.25",
  "count.whole": "Enter a whole number, 0 or more",
  "language.unknown": "Expected a two-letter ISO 639-1 language code, e.g. fr",
  "values.duplicate": "Each value must appear once",
  "values.too_many": "Too many values in this list",
  "training.without_training": "A training name or date needs community-health training set to yes",
  "supervision.frequency_without_supervision": "No supervision: leave the frequency empty",
  "link_worker.user_not_link_worker": "This person is not a link worker of the territory",
  "category.wrong_pillar": "This category does not belong to the chosen pillar",
  "phone.format": "Enter a French phone number, e.g. 03 20 12 34 56, or a 4-digit short number (3646)",
  "url.format": "Enter a web address starting with https://, e.g. https://www.example.fr",
  "denominators.cell_duplicate": "This sex and age band appears twice",
  "denominators.cells_too_many": "Too many population cells: one per sex and age band",
  "denominators.total_too_large": "The total population must be at most 20,000,000",
  "denominators.qpv_over_total": "The population living in a QPV cannot exceed the total population",
  "source.label_required": "Name the source of the figures (at least 2 characters)",
  "source.year_range": "Enter the year of the figures, from 1990 to next year",
  "denominators_import.columns": "The header row must name the columns sexe, tranche_age and population",
  "denominators_import.sex_unknown":
    "Unknown sex: femmes or hommes (or qpv, for the population living in a QPV)",
  "denominators_import.age_band_unknown":
    "Unknown age band: 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75-84 or 85+",
  "denominators_import.duplicate": "This figure is already given on an earlier line",
  "denominators_import.empty": "The file has no row of figures",
  "denominators_import.unreadable": "The file cannot be read: save it as CSV (UTF-8) or XLSX",
  "journey.code.format": "A journey code has 6 characters, e.g. K7M-4QX",
  "journey.referral.required": "A journey starts with its referral: add the referral (date, route, reasons)",
  "referral.duplicate": "A journey has one referral: edit the existing one",
  "referral.route.unknown": "This referral route is not enabled in the territory's referral settings",
  "referral.reasons.required": "Choose at least one reason for the referral",
  "interview.duration.range": "Enter a duration in whole minutes, from 1 to 480",
  "goal.label.too_short": "A goal needs a short label (at least 2 characters)",
  "plan.goals.required": "A well-being plan has at least one goal",
  "plan.pillars.required": "Choose at least one pillar for the plan",
  "reopen.reason.required": "Say why the journey is reopened (at least 2 characters)",
  "event.date.future": "This date is in the future: record what has happened",
  "event.before_referral": "This date is before the referral: nothing happens before it",
  "event.after_exit": "The journey has ended on an earlier date: reopen it first",
  "event.duplicate": "This step is already recorded: edit the existing one",
  "event.requires_first_contact":
    "An initial interview comes after a first contact: record the first contact first",
  "event.requires_interview": "A plan comes after the initial interview: record the interview first",
  "event.requires_plan": "This comes after the well-being plan: record the plan first",
  "reopen.without_exit": "Only an ended journey can be reopened",
  "exit.completed_requires_plan": "A journey is completed only after a well-being plan",
  "exit.decline_reason.required": "Choose why the person declined",
  "exit.decline_reason.not_applicable": "A reason for declining goes with a decline only",
  "exit.redirect_target.required": "Choose where the person was redirected",
  "exit.redirect_target.not_applicable": "A redirect target goes with a redirect only",
  "measure.baseline.duplicate": "This measure already has a baseline: record this one as a follow-up",
  "measure.follow_up_before_baseline": "A follow-up measure cannot be dated before its baseline",
  "measure.before_referral": "A measure cannot be dated before the referral",
  "measure.after_exit": "The journey has ended on an earlier date: reopen it first",
  "measure.instrument.not_defined": "This territory has no measure with this code",
  "link_worker.unknown": "This link worker does not exist in the territory",
  "resource.unknown": "This resource is not in the territory's catalogue",
  "measure.items.count": "Answer every item of this measure",
  "measure.item.required": "Answer this item: a measure is scored from complete answers only",
  "measure.item.range": "Choose one of the item's answers (a whole number in the measure's range)",
  "measure.direct.required": "Choose an answer to the direct loneliness question",
  "measure.definition.code":
    "A measure's code has 1 to 40 characters: lowercase letters, digits, dashes or underscores, e.g. mood-scale",
  "measure.definition.items": "A measure has from 1 to 40 items",
  "measure.definition.bounds":
    "An item's lowest and highest answers are whole numbers from -1,000,000 to 1,000,000",
  "measure.definition.range": "The highest answer must be greater than the lowest one",
  "measure.definition.meaningful_change":
    "The meaningful change is a number of points above 0, at most the width of the score's range",
  "measure.definition.frozen":
    "This measure already has a scale: its items, bounds and direction stay as saved (add a new measure instead)",
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
