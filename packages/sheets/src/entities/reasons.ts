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
};

export function reasonOf(messageId: string, header: string): string {
  return reasons[messageId] ?? `La valeur de la colonne « ${header} » n'est pas acceptée.`;
}
