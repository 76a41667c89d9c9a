import { type Column, column } from "../columns";
import { boolean, choice, date, decimal, integer, list, text } from "../convert";
import { options } from "./labels";

/** The link workers' spreadsheet: one row per link worker (the linked person is never imported). */
export const linkWorkerColumns: readonly Column[] = [
  column({
    header: "Référence",
    field: "reference",
    convert: text({ max: 40 }),
    example: "AL-001",
    help: "Clé stable de la ligne : une nouvelle importation du fichier modifié met à jour l'agent de même référence. Laissez vide pour un nouvel agent (une référence est attribuée).",
  }),
  column({
    header: "Nom",
    field: "name",
    convert: text({ max: 120 }),
    required: true,
    example: "Samir Benali",
  }),
  column({
    header: "Profil",
    field: "profileType",
    convert: choice(options("linkWorkerProfiles")),
    required: true,
    example: "Médiateur·rice en santé",
  }),
  column({
    header: "Structure employeuse",
    field: "employer",
    convert: text({ max: 160 }),
    required: true,
    example: "CPTS Lille Sud",
  }),
  column({
    header: "ETP",
    field: "fte",
    convert: decimal({ min: 0, max: 1 }),
    required: true,
    example: "0,8",
    help: "Équivalent temps plein, entre 0 et 1 (virgule décimale).",
  }),
  column({
    header: "Financement",
    field: "fundingSource",
    convert: choice(options("fundingSources")),
    required: true,
    example: "ARS (FIR)",
  }),
  column({
    header: "Précisions sur le financement",
    field: "fundingDetail",
    convert: text({ max: 160 }),
    example: "FIR 2026",
  }),
  column({
    header: "Formation en santé communautaire",
    field: "communityHealthTraining",
    convert: boolean(),
    required: true,
    example: "oui",
  }),
  column({
    header: "Intitulé de la formation",
    field: "trainingName",
    convert: text({ max: 160 }),
    example: "DU santé communautaire",
  }),
  column({ header: "Date de la formation", field: "trainingDate", convert: date(), example: "15/06/2025" }),
  column({
    header: "Supervision",
    field: "supervision",
    convert: choice(options("supervisionTypes")),
    required: true,
    example: "Individuelle",
  }),
  column({
    header: "Fréquence de supervision",
    field: "supervisionFrequency",
    convert: choice(options("supervisionFrequencies")),
    example: "Mensuelle",
  }),
  column({
    header: "Capacité de suivi",
    field: "caseloadCapacity",
    convert: integer({ min: 0 }),
    example: "40",
    help: "Nombre de personnes suivies en même temps.",
  }),
  column({
    header: "Langues",
    field: "languages",
    convert: list(text({ max: 2 })),
    example: "fr, ar",
    help: "Codes ISO 639-1 à deux lettres.",
  }),
  column({
    header: "Communes couvertes (codes INSEE)",
    field: "communes",
    convert: list(text({ max: 5 }), { max: 500 }),
    example: "59350, 59299",
    aliases: ["Communes couvertes", "Communes"],
  }),
  column({ header: "Actif depuis le", field: "activeFrom", convert: date(), example: "01/09/2025" }),
  column({ header: "Actif jusqu'au", field: "activeTo", convert: date(), example: "" }),
];
