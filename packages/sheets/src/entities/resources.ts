import { type Column, column } from "../columns";
import { choice, date, integer, list, text } from "../convert";
import { options } from "./labels";

/** The resource catalogue's spreadsheet: one row per resource (a structure, or one of its services). */
export const resourceColumns: readonly Column[] = [
  column({
    header: "Référence",
    field: "reference",
    convert: text({ max: 40 }),
    example: "RES-001",
    help: "Clé stable de la ligne : une nouvelle importation du fichier modifié met à jour la ressource de même référence. Laissez vide pour une nouvelle ressource (une référence est attribuée).",
  }),
  column({
    header: "Pilier",
    field: "pillar",
    convert: choice(options("pillars")),
    required: true,
    example: "Activités sociales",
  }),
  column({
    header: "Catégorie",
    field: "category",
    convert: choice(options("resourceCategories")),
    required: true,
    example: "Café associatif",
    help: "Une catégorie du pilier choisi.",
  }),
  column({
    header: "Structure",
    field: "structureName",
    convert: text({ max: 160 }),
    required: true,
    example: "Association Le Lien",
  }),
  column({
    header: "Service",
    field: "serviceName",
    convert: text({ max: 160 }),
    example: "Café des aidants du jeudi",
    help: "Vide quand la ressource est la structure elle-même.",
  }),
  column({
    header: "Description",
    field: "description",
    convert: text({ max: 2000, multiline: true }),
    example: "Un moment convivial chaque jeudi après-midi.",
  }),
  column({
    header: "Commune (code INSEE)",
    field: "commune",
    convert: text({ max: 5 }),
    required: true,
    example: "59350",
    aliases: ["Commune", "Code INSEE", "code_insee"],
    help: "Le code INSEE de la commune (5 caractères), pas son code postal.",
  }),
  column({ header: "Adresse", field: "address", convert: text({ max: 200 }), example: "12 rue des Postes" }),
  column({
    header: "Accessibilité",
    field: "accessibility",
    convert: list(choice(options("accessibilityFlags"))),
    example: "Accessible en fauteuil roulant, Desservi par les transports en commun",
  }),
  column({
    header: "Coût",
    field: "cost",
    convert: choice(options("costTypes")),
    required: true,
    example: "Gratuit",
  }),
  column({
    header: "Précisions sur le coût",
    field: "costDetail",
    convert: text({ max: 160 }),
    example: "Adhésion libre",
  }),
  column({ header: "Horaires", field: "schedule", convert: text({ max: 300 }), example: "Jeudi 14h-17h" }),
  column({ header: "Capacité", field: "capacity", convert: integer({ min: 0 }), example: "15" }),
  column({ header: "Téléphone", field: "phone", convert: text({ max: 20 }), example: "03 20 12 34 56" }),
  column({
    header: "Courriel",
    field: "email",
    convert: text({ max: 254 }),
    example: "contact@lelien.example.org",
  }),
  column({
    header: "Site web",
    field: "website",
    convert: text({ max: 300 }),
    example: "https://lelien.example.org",
  }),
  column({
    header: "Publics",
    field: "publics",
    convert: list(choice(options("resourcePublics"))),
    example: "Personnes isolées, Aidants",
  }),
  column({
    header: "Vérifiée le",
    field: "lastVerified",
    convert: date(),
    example: "01/10/2025",
    aliases: ["Vérifié le", "Dernière vérification"],
  }),
];
