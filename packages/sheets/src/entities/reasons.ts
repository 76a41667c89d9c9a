/**
 * French sentences for the schema's message ids, as an import report shows them beside a cell (the
 * console has its own texts for forms; a report is built on the server, so it carries its sentence).
 * An id not listed here gets a generic sentence naming the column: never an English text.
 */
const reasons: Record<string, string> = {
  "choice.required": "Choisissez une valeur de la liste (voir la feuille « Aide » du modèle).",
  "name.too_short": "Le nom doit comporter au moins 2 caractères.",
  "name.too_long": "Le nom doit comporter 120 caractères au maximum.",
  "text.too_long": "Ce texte est trop long.",
  "commune.format":
    "Ce n'est pas un code INSEE : un code de commune compte 5 caractères, par exemple 59350 (Lille) ou 2A004 (Ajaccio).",
  "commune.unknown":
    "Code INSEE inconnu de la grille de densité INSEE 2024 : vérifiez qu'il s'agit du code de la commune et non de son code postal.",
  "communes.too_many": "Il y a trop de communes dans cette liste.",
  "communes.duplicate": "Une même commune figure plusieurs fois : gardez chaque code une seule fois.",
  "date.format": "Saisissez une date complète, JJ/MM/AAAA.",
  "date.end_before_start": "La date de fin doit être égale ou postérieure à la date de début.",
  "email.format": "Saisissez une adresse e-mail complète, par exemple contact@exemple.fr.",
  "email.too_long": "Une adresse e-mail compte 254 caractères au maximum.",
  "phone.format":
    "Saisissez un numéro de téléphone français, par exemple 03 20 12 34 56 ou +33 3 20 12 34 56, ou un numéro court à 4 chiffres (3646).",
  "url.format": "Saisissez une adresse web commençant par https://, par exemple https://www.exemple.fr.",
  "reference.format":
    "Une référence compte 1 à 40 caractères : lettres sans accents, chiffres, points, tirets ou soulignés, par exemple RES-001.",
  "reference.taken": "Cette référence est déjà celle d'une autre fiche.",
  "reference.duplicate_in_file":
    "Cette référence figure sur plusieurs lignes du fichier : chaque ligne doit avoir la sienne.",
  "fte.range": "L'ETP doit être supérieur à 0 et au plus égal à 1, par exemple 0,8.",
  "count.whole": "Saisissez un nombre entier, 0 ou plus.",
  "language.unknown": "Indiquez les langues par leur code ISO 639-1 à deux lettres, par exemple fr, ar, en.",
  "values.duplicate": "Une même valeur figure plusieurs fois dans la liste.",
  "values.too_many": "Il y a trop de valeurs dans cette liste.",
  "training.without_training":
    "Un intitulé ou une date de formation suppose « oui » dans la colonne « Formation en santé communautaire ».",
  "supervision.frequency_without_supervision": "Sans supervision, laissez la fréquence vide.",
  "category.wrong_pillar": "Cette catégorie n'appartient pas au pilier choisi.",
  "structure_name.too_short": "Le nom de la structure doit comporter au moins 2 caractères.",
  // Journeys (the texts of web/src/i18n/issues.ts, as a report beside a cell says them).
  "text.personal.nir":
    "Cela ressemble à un numéro de sécurité sociale : les parcours sont pseudonymisés, n'inscrivez aucun identifiant personnel.",
  "text.personal.phone":
    "Cela ressemble à un numéro de téléphone : les parcours sont pseudonymisés, n'inscrivez aucune coordonnée.",
  "text.personal.email":
    "Cela ressemble à une adresse e-mail : les parcours sont pseudonymisés, n'inscrivez aucune coordonnée.",
  "text.personal.address":
    "Cela ressemble à une adresse postale : les parcours sont pseudonymisés, n'inscrivez aucune adresse (indiquez plutôt le type de lieu, par exemple mairie ou centre social).",
  "journey.referral.required":
    "Un parcours commence par son orientation : indiquez la date d'orientation, la voie et les motifs.",
  "referral.duplicate": "Un parcours a une seule orientation.",
  "referral.route.unknown":
    "Cette voie d'orientation n'est pas activée dans les voies d'orientation du territoire.",
  "referral.reasons.required": "Choisissez au moins un motif d'orientation.",
  "interview.duration.range": "Saisissez une durée en minutes entières, de 1 à 480 (par exemple 60).",
  "goal.label.too_short": "Chaque objectif a besoin d'un court libellé (au moins 2 caractères).",
  "plan.goals.required": "Un plan de bien-être compte au moins un objectif.",
  "plan.pillars.required": "Choisissez au moins un pilier pour le plan (voir la feuille « Aide » du modèle).",
  "event.date.future": "Cette date est dans le futur : n'enregistrez que ce qui a eu lieu.",
  "event.before_referral": "Cette date précède la date d'orientation : rien ne peut avoir lieu avant.",
  "event.after_exit": "Cette date suit la date de sortie : rien ne peut avoir lieu après la sortie.",
  "event.duplicate": "Cette étape figure déjà dans le parcours.",
  "event.requires_first_contact":
    "L'entretien initial suit un premier contact : indiquez aussi la date du premier contact (au plus tard le jour de l'entretien).",
  "event.requires_interview":
    "Le plan suit l'entretien initial : indiquez aussi la date de l'entretien initial (au plus tard le jour du plan).",
  "event.requires_plan":
    "Cette étape suit le plan de bien-être : indiquez aussi la date du plan (au plus tard le jour de cette étape).",
  "exit.completed_requires_plan":
    "Un parcours n'est mené à terme qu'après un plan de bien-être : indiquez la date du plan, ou un autre motif de sortie.",
  "exit.decline_reason.required": "Un refus va avec son motif : indiquez le motif de refus.",
  "exit.decline_reason.not_applicable":
    "Un motif de refus ne s'indique que pour un refus : videz cette cellule.",
  "exit.redirect_target.required":
    "Une réorientation va avec sa destination : indiquez vers où la personne a été réorientée.",
  "exit.redirect_target.not_applicable":
    "Une destination ne s'indique que pour une réorientation : videz cette cellule.",
  "measure.baseline.duplicate": "Cette mesure a déjà un temps initial.",
  "measure.follow_up_before_baseline": "Une mesure de suivi ne peut pas précéder sa mesure initiale.",
  "measure.before_referral": "Une mesure ne peut pas précéder la date d'orientation.",
  "measure.after_exit": "Cette mesure suit la date de sortie : rien ne peut avoir lieu après la sortie.",
  "measure.instrument.not_defined": "Le territoire n'a pas de mesure avec ce code.",
  "measure.items.count": "Donnez toutes les réponses de cette mesure, dans l'ordre des items.",
  "measure.item.required":
    "Répondez à chaque item : une mesure ne se calcule qu'à partir de réponses complètes.",
  "measure.item.range": "Cette réponse est hors de l'échelle de la mesure.",
  "measure.direct.required": "Choisissez une réponse à la question directe sur la solitude.",
  "link_worker.unknown": "Cet agent de liaison n'existe pas dans le territoire.",
  "resource.unknown": "Cette ressource n'est pas dans le catalogue du territoire.",
  "step.unknown": "Cette étape ne fait pas partie du parcours-type du territoire.",
};

export function reasonOf(messageId: string, header: string): string {
  return reasons[messageId] ?? `La valeur de la colonne « ${header} » n'est pas acceptée.`;
}
