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
  "text.personal.nir": () =>
    "Cela ressemble à un numéro de sécurité sociale : les parcours sont pseudonymisés, n'inscrivez aucun identifiant personnel",
  "text.personal.phone": () =>
    "Cela ressemble à un numéro de téléphone : les parcours sont pseudonymisés, n'inscrivez aucune coordonnée",
  "text.personal.email": () =>
    "Cela ressemble à une adresse e-mail : les parcours sont pseudonymisés, n'inscrivez aucune coordonnée",
  "text.personal.address": () =>
    "Cela ressemble à une adresse postale : les parcours sont pseudonymisés, n'inscrivez aucune adresse (indiquez plutôt le type de lieu, par exemple mairie ou centre social)",
  "cursor.invalid": () => "La liste a changé entre-temps : rechargez la page pour repartir du début",
  "file.empty": () => "Le fichier est vide : choisissez le tableur à importer",
  "reference.format": () =>
    "Une référence compte 1 à 40 caractères : lettres, chiffres, points, tirets ou tirets bas, par exemple AL-001",
  "fte.range": () => "L'ETP doit être supérieur à 0 et au plus égal à 1, par exemple 0,8",
  "fte.precision": () => "L'ETP a au plus deux décimales, par exemple 0,8 ou 0,25",
  "count.whole": () => "Saisissez un nombre entier, 0 ou plus",
  "language.unknown": ({ subject }) =>
    quoted(subject, "Saisissez un code de langue ISO 639-1 à deux lettres, par exemple fr ou ar"),
  "values.duplicate": () => "Une même valeur figure plusieurs fois : gardez-la une seule fois",
  "values.too_many": () => "Cette liste contient trop de valeurs",
  "training.without_training": () =>
    "Un intitulé ou une date de formation suppose d'avoir répondu oui à « formation en santé communautaire »",
  "supervision.frequency_without_supervision": () => "Sans supervision, laissez la fréquence vide",
  "link_worker.user_not_link_worker": () =>
    "Cette personne n'est pas agent de liaison du territoire : invitez-la d'abord avec ce rôle",
  "category.wrong_pillar": () => "Cette catégorie n'appartient pas au pilier choisi",
  "phone.format": () =>
    "Saisissez un numéro de téléphone français, par exemple 03 20 12 34 56, ou un numéro court à 4 chiffres (3646)",
  "url.format": () => "Saisissez une adresse web commençant par https://, par exemple https://www.exemple.fr",
  "denominators.cell_duplicate": () =>
    "Cette tranche d'âge figure deux fois pour ce sexe : gardez-en une seule",
  "denominators.cells_too_many": () => "Trop de cases : une seule par sexe et par tranche d'âge",
  "denominators.total_too_large": () => "La population totale doit être de 20 000 000 d'habitants au maximum",
  "denominators.qpv_over_total": () =>
    "La population vivant en QPV ne peut pas dépasser la population totale du territoire",
  "source.label_required": () =>
    "Indiquez la source des chiffres (au moins 2 caractères), par exemple : INSEE, recensement de la population 2021",
  "source.year_range": () => "Saisissez l'année des chiffres, sur 4 chiffres, de 1990 à l'an prochain",
  "denominators_import.columns": () =>
    "La ligne d'en-têtes doit nommer les colonnes sexe, tranche_age et population : reprenez celles du modèle",
  "denominators_import.sex_unknown": ({ subject }) =>
    quoted(subject, "sexe inconnu : écrivez femmes ou hommes (ou qpv pour la population vivant en QPV)"),
  "denominators_import.age_band_unknown": ({ subject }) =>
    quoted(subject, "tranche d'âge inconnue : 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75-84 ou 85+"),
  "denominators_import.duplicate": () =>
    "Ce chiffre figure déjà sur une ligne précédente : gardez-en un seul",
  "denominators_import.empty": () => "Le fichier ne contient aucune ligne de chiffres",
  "denominators_import.unreadable": () =>
    "Ce fichier n'est pas lisible : enregistrez-le au format CSV (UTF-8) ou Excel (.xlsx)",
  "step.name.too_short": () => "Le nom de l'étape doit comporter au moins 2 caractères",
  "step.name.too_long": () => "Le nom de l'étape doit comporter 80 caractères au maximum",
  "step.delay.range": () => "Saisissez un nombre entier de jours, de 0 à 365",
  "step.duration.range": () => "Saisissez une durée en minutes, nombre entier de 1 à 480",
  "step.instrument.unknown": ({ subject }) =>
    quoted(subject, "Mesure inconnue : choisissez WEMWBS, SWEMWBS, ONS4, UCLA3 ou une mesure du territoire"),
  "step.instruments.too_many": () => "Une étape utilise 6 mesures au maximum",
  "step.instruments.duplicate": () => "Une même mesure figure plusieurs fois : gardez-la une seule fois",
  "step.unknown": () => "Cette étape ne fait pas partie du parcours : rechargez la page",
  "steps.duplicate_id": () => "Cette étape figure deux fois dans le parcours",
  "steps.duplicate_name": () => "Deux étapes actives portent ce nom : donnez-leur des noms distincts",
  "steps.removed": () =>
    "Une étape ne peut pas être supprimée : retirez-la plutôt, l'historique des parcours qui l'ont suivie est conservé",
  "steps.none_active": () => "Le parcours doit garder au moins une étape active",
  "steps.too_many": () => "Un parcours compte 24 étapes au maximum, étapes retirées comprises",
  "track.markers.required": () => "Choisissez au moins un critère de vulnérabilité",
  "track.markers.duplicate": () => "Un même critère figure plusieurs fois : gardez-le une seule fois",
  "track.overrides.too_many": () => "Une seule adaptation par étape",
  "track.schemes.too_many": () => "Le parcours intégré mobilise 40 dispositifs différents au maximum",
  "override.step_duplicate": () => "Cette étape est déjà adaptée dans le parcours intégré",
  "override.step_unknown": () =>
    "Cette étape ne fait pas partie du parcours : enregistrez d'abord la nouvelle étape, puis adaptez-la",
  "override.step_retired": () =>
    "Cette étape est retirée : supprimez son adaptation dans le parcours intégré",
  "override.schemes.too_many": () => "Une étape mobilise 5 dispositifs partenaires au maximum",
  "override.schemes.duplicate": () => "Un même dispositif figure plusieurs fois : gardez-le une seule fois",
  "partner_scheme.unknown": () => "Ce dispositif partenaire n'existe pas dans le territoire",
  "partner_scheme.retired": () =>
    "Ce dispositif partenaire est retiré : choisissez-en un autre ou réactivez-le",
  "route.professional_type.required": () => "Précisez le type de professionnel de santé",
  "route.professional_type.not_applicable": () =>
    "Seule la voie « autre professionnel de santé » précise un type de professionnel",
  "route.label.required": () => "Précisez de quel professionnel il s'agit (au moins 2 caractères)",
  "route.duplicate": () => "Cette voie d'orientation figure deux fois",
  "routes.too_many": () => "Il y a trop de voies d'orientation",
  "target_group.duplicate": () => "Ce public cible figure deux fois",
  "target_groups.too_many": () => "Il y a trop de publics cibles",
  "structure_name.too_short": () => "Le nom de la structure doit comporter au moins 2 caractères",
  "journey.code.format": () => "Un code de parcours compte 6 caractères, par exemple K7M-4QX",
  "journey.referral.required": () =>
    "Un parcours commence par son orientation : saisissez l'orientation (date, voie, motifs)",
  "referral.duplicate": () => "Un parcours a une seule orientation : modifiez celle qui existe",
  "referral.route.unknown": () =>
    "Cette voie d'orientation n'est pas activée dans les voies d'orientation du territoire",
  "referral.reasons.required": () => "Choisissez au moins un motif d'orientation",
  "interview.duration.range": () => "Saisissez une durée en minutes entières, de 1 à 480",
  "goal.label.too_short": () => "Un objectif a besoin d'un court libellé (au moins 2 caractères)",
  "plan.goals.required": () => "Un plan de bien-être compte au moins un objectif",
  "plan.pillars.required": () => "Choisissez au moins un pilier pour le plan",
  "reopen.reason.required": () => "Indiquez pourquoi le parcours est rouvert (au moins 2 caractères)",
  "event.date.future": () => "Cette date est dans le futur : enregistrez ce qui a eu lieu",
  "event.before_referral": () => "Cette date précède l'orientation : rien ne peut avoir lieu avant",
  "event.after_exit": () => "Le parcours s'est terminé avant cette date : rouvrez-le d'abord",
  "event.duplicate": () => "Cette étape est déjà enregistrée : modifiez celle qui existe",
  "event.requires_first_contact": () =>
    "L'entretien initial suit un premier contact : enregistrez d'abord le premier contact",
  "event.requires_interview": () => "Le plan suit l'entretien initial : enregistrez d'abord l'entretien",
  "event.requires_plan": () => "Cette étape suit le plan de bien-être : enregistrez d'abord le plan",
  "reopen.without_exit": () => "Seul un parcours terminé peut être rouvert",
  "exit.completed_requires_plan": () => "Un parcours n'est mené à terme qu'après un plan de bien-être",
  "exit.decline_reason.required": () => "Choisissez pourquoi la personne a refusé",
  "exit.decline_reason.not_applicable": () => "Un motif de refus ne s'indique que pour un refus",
  "exit.redirect_target.required": () => "Choisissez vers où la personne a été réorientée",
  "exit.redirect_target.not_applicable": () => "Une destination ne s'indique que pour une réorientation",
  "measure.baseline.duplicate": () =>
    "Cette mesure a déjà un temps initial : enregistrez celle-ci comme un suivi",
  "measure.follow_up_before_baseline": () => "Une mesure de suivi ne peut précéder sa mesure initiale",
  "measure.before_referral": () => "Une mesure ne peut précéder l'orientation",
  "measure.after_exit": () => "Le parcours s'est terminé avant cette date : rouvrez-le d'abord",
  "measure.instrument.not_defined": () => "Le territoire n'a pas de mesure avec ce code",
  "link_worker.unknown": () => "Cet agent de liaison n'existe pas dans le territoire",
  "resource.unknown": () => "Cette ressource n'est pas dans le catalogue du territoire",
  "measure.items.count": ({ limit }) =>
    limit ? `Répondez aux ${limit} items de cette mesure` : "Répondez à chacun des items de cette mesure",
  "measure.item.required": () =>
    "Répondez à cet item : une mesure ne se calcule qu'à partir de réponses complètes",
  "measure.item.range": () =>
    "Choisissez l'une des réponses proposées pour cet item (un nombre entier compris dans l'échelle de la mesure)",
  "measure.direct.required": () => "Choisissez une réponse à la question directe sur la solitude",
  "measure.definition.code": () =>
    "Le code d'une mesure compte 1 à 40 caractères : lettres minuscules, chiffres, tirets ou tirets bas, par exemple echelle-humeur",
  "measure.definition.items": () => "Une mesure compte de 1 à 40 items",
  "measure.definition.bounds": () =>
    "La réponse la plus basse et la plus haute d'un item sont des nombres entiers de -1 000 000 à 1 000 000",
  "measure.definition.range": () => "La réponse la plus haute doit être supérieure à la plus basse",
  "measure.definition.meaningful_change": () =>
    "Le changement significatif est un nombre de points supérieur à 0, au plus égal à l'étendue du score",
  "measure.definition.frozen": () =>
    "Cette mesure a déjà son échelle : ses items, bornes et sens restent ceux enregistrés (ajoutez plutôt une nouvelle mesure)",
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
  "text.personal.nir": () =>
    "This looks like a social security number: journeys are pseudonymised, write no personal identifier",
  "text.personal.phone": () =>
    "This looks like a phone number: journeys are pseudonymised, write no contact details",
  "text.personal.email": () =>
    "This looks like an email address: journeys are pseudonymised, write no contact details",
  "text.personal.address": () =>
    "This looks like a postal address: journeys are pseudonymised, write no address (say what kind of place instead, e.g. town hall or social centre)",
  "cursor.invalid": () => "The list changed in the meantime: reload the page to start again from the top",
  "file.empty": () => "The file is empty: choose the spreadsheet to import",
  "reference.format": () =>
    "A reference has 1 to 40 characters: letters, digits, dots, dashes or underscores, e.g. AL-001",
  "fte.range": () => "The FTE must be more than 0 and at most 1, e.g. 0.8",
  "fte.precision": () => "The FTE has at most two decimals, e.g. 0.8 or 0.25",
  "count.whole": () => "Enter a whole number, 0 or more",
  "language.unknown": ({ subject }) =>
    quoted(subject, "Enter a two-letter ISO 639-1 language code, e.g. fr or ar"),
  "values.duplicate": () => "A value appears more than once: keep it once",
  "values.too_many": () => "This list has too many values",
  "training.without_training": () =>
    "A training name or date requires answering yes to “community-health training”",
  "supervision.frequency_without_supervision": () => "Without supervision, leave the frequency empty",
  "link_worker.user_not_link_worker": () =>
    "This person is not a link worker of the territory: invite them with this role first",
  "category.wrong_pillar": () => "This category does not belong to the chosen pillar",
  "phone.format": () => "Enter a French phone number, e.g. 03 20 12 34 56, or a 4-digit short number (3646)",
  "url.format": () => "Enter a web address starting with https://, e.g. https://www.example.fr",
  "denominators.cell_duplicate": () => "This age band appears twice for this sex: keep only one",
  "denominators.cells_too_many": () => "Too many cells: one per sex and age band",
  "denominators.total_too_large": () => "The total population must be at most 20,000,000 inhabitants",
  "denominators.qpv_over_total": () =>
    "The population living in a QPV cannot exceed the territory's total population",
  "source.label_required": () =>
    "Name the source of the figures (at least 2 characters), e.g. INSEE, recensement de la population 2021",
  "source.year_range": () => "Enter the year of the figures, 4 digits, from 1990 to next year",
  "denominators_import.columns": () =>
    "The header row must name the columns sexe, tranche_age and population: use the template's",
  "denominators_import.sex_unknown": ({ subject }) =>
    quoted(subject, "unknown sex: write femmes or hommes (or qpv for the population living in a QPV)"),
  "denominators_import.age_band_unknown": ({ subject }) =>
    quoted(subject, "unknown age band: 0-17, 18-24, 25-34, 35-44, 45-54, 55-64, 65-74, 75-84 or 85+"),
  "denominators_import.duplicate": () => "This figure is already given on an earlier line: keep only one",
  "denominators_import.empty": () => "The file has no row of figures",
  "denominators_import.unreadable": () => "This file cannot be read: save it as CSV (UTF-8) or Excel (.xlsx)",
  "step.name.too_short": () => "A step's name must be at least 2 characters long",
  "step.name.too_long": () => "A step's name must be at most 80 characters long",
  "step.delay.range": () => "Enter a whole number of days, from 0 to 365",
  "step.duration.range": () => "Enter a duration in whole minutes, from 1 to 480",
  "step.instrument.unknown": ({ subject }) =>
    quoted(
      subject,
      "Unknown measure: choose WEMWBS, SWEMWBS, ONS4, UCLA3 or one of the territory's measures",
    ),
  "step.instruments.too_many": () => "A step uses at most 6 measures",
  "step.instruments.duplicate": () => "A measure appears more than once: keep it once",
  "step.unknown": () => "This step is not part of the pathway: reload the page",
  "steps.duplicate_id": () => "This step appears twice in the pathway",
  "steps.duplicate_name": () => "Two active steps have this name: give them different names",
  "steps.removed": () =>
    "A step cannot be deleted: retire it instead (the history of the journeys that used it is kept)",
  "steps.none_active": () => "The pathway must keep at least one active step",
  "steps.too_many": () => "A pathway has at most 24 steps, retired ones included",
  "track.markers.required": () => "Choose at least one vulnerability marker",
  "track.markers.duplicate": () => "A marker appears more than once: keep it once",
  "track.overrides.too_many": () => "One override per step at most",
  "track.schemes.too_many": () => "The integrated track involves at most 40 different partner schemes",
  "override.step_duplicate": () => "This step already has an override on the integrated track",
  "override.step_unknown": () =>
    "This step is not part of the pathway: save the new step first, then override it",
  "override.step_retired": () => "This step is retired: remove its override from the integrated track",
  "override.schemes.too_many": () => "A step involves at most 5 partner schemes",
  "override.schemes.duplicate": () => "A partner scheme appears more than once: keep it once",
  "partner_scheme.unknown": () => "This partner scheme does not exist in the territory",
  "partner_scheme.retired": () => "This partner scheme is retired: choose another one or restore it",
  "route.professional_type.required": () => "Choose the type of health professional",
  "route.professional_type.not_applicable": () =>
    "Only the “other health professional” route has a professional type",
  "route.label.required": () => "Say which professional this is (at least 2 characters)",
  "route.duplicate": () => "This referral route appears twice",
  "routes.too_many": () => "There are too many referral routes",
  "target_group.duplicate": () => "This target group appears twice",
  "target_groups.too_many": () => "There are too many target groups",
  "structure_name.too_short": () => "The structure's name must be at least 2 characters long",
  "journey.code.format": () => "A journey code has 6 characters, e.g. K7M-4QX",
  "journey.referral.required": () =>
    "A journey starts with its referral: add the referral (date, route, reasons)",
  "referral.duplicate": () => "A journey has one referral: edit the existing one",
  "referral.route.unknown": () => "This referral route is not enabled in the territory's referral settings",
  "referral.reasons.required": () => "Choose at least one reason for the referral",
  "interview.duration.range": () => "Enter a duration in whole minutes, from 1 to 480",
  "goal.label.too_short": () => "A goal needs a short label (at least 2 characters)",
  "plan.goals.required": () => "A well-being plan has at least one goal",
  "plan.pillars.required": () => "Choose at least one pillar for the plan",
  "reopen.reason.required": () => "Say why the journey is reopened (at least 2 characters)",
  "event.date.future": () => "This date is in the future: record what has happened",
  "event.before_referral": () => "This date is before the referral: nothing happens before it",
  "event.after_exit": () => "The journey has ended on an earlier date: reopen it first",
  "event.duplicate": () => "This step is already recorded: edit the existing one",
  "event.requires_first_contact": () =>
    "An initial interview comes after a first contact: record the first contact first",
  "event.requires_interview": () => "A plan comes after the initial interview: record the interview first",
  "event.requires_plan": () => "This comes after the well-being plan: record the plan first",
  "reopen.without_exit": () => "Only an ended journey can be reopened",
  "exit.completed_requires_plan": () => "A journey is completed only after a well-being plan",
  "exit.decline_reason.required": () => "Choose why the person declined",
  "exit.decline_reason.not_applicable": () => "A reason for declining goes with a decline only",
  "exit.redirect_target.required": () => "Choose where the person was redirected",
  "exit.redirect_target.not_applicable": () => "A redirect target goes with a redirect only",
  "measure.baseline.duplicate": () => "This measure already has a baseline: record this one as a follow-up",
  "measure.follow_up_before_baseline": () => "A follow-up measure cannot be dated before its baseline",
  "measure.before_referral": () => "A measure cannot be dated before the referral",
  "measure.after_exit": () => "The journey has ended on an earlier date: reopen it first",
  "measure.instrument.not_defined": () => "This territory has no measure with this code",
  "link_worker.unknown": () => "This link worker does not exist in the territory",
  "resource.unknown": () => "This resource is not in the territory's catalogue",
  "measure.items.count": ({ limit }) =>
    limit ? `Answer all ${limit} items of this measure` : "Answer every item of this measure",
  "measure.item.required": () => "Answer this item: a measure is scored from complete answers only",
  "measure.item.range": () => "Choose one of the item's answers (a whole number in the measure's range)",
  "measure.direct.required": () => "Choose an answer to the direct loneliness question",
  "measure.definition.code": () =>
    "A measure's code has 1 to 40 characters: lowercase letters, digits, dashes or underscores, e.g. mood-scale",
  "measure.definition.items": () => "A measure has from 1 to 40 items",
  "measure.definition.bounds": () =>
    "An item's lowest and highest answers are whole numbers from -1,000,000 to 1,000,000",
  "measure.definition.range": () => "The highest answer must be greater than the lowest one",
  "measure.definition.meaningful_change": () =>
    "The meaningful change is a number of points above 0, at most the width of the score's range",
  "measure.definition.frozen": () =>
    "This measure already has a scale: its items, bounds and direction stay as saved (add a new measure instead)",
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

/**
 * Message ids of packages whose texts load with the pages that use them (the indicators'): their
 * dictionaries add them here when they load, so that the first download does not carry them.
 */
const later: Record<"fr" | "en", Record<string, (c: IssueContext) => string>> = { fr: {}, en: {} };

export function addIssueMessages(messages: Record<"fr" | "en", Record<string, (c: IssueContext) => string>>) {
  Object.assign(later.fr, messages.fr);
  Object.assign(later.en, messages.en);
}

/** The added text of a message id in a language, if a loaded dictionary has it. */
export function laterIssueMessage(language: "fr" | "en", id: string) {
  return Object.hasOwn(later[language], id) ? later[language][id] : undefined;
}

export const issues = dictionary(
  { issues: { messages: fr as Messages, generic: genericFr } },
  { issues: { messages: en, generic: genericEn } },
);
