import { dictionary } from "./define";

/** What federations and funders see: their territories side by side, read-only. */
export const network = dictionary(
  {
    network: {
      federationTitle: (name: string) => (name ? `Fédération — ${name}` : "Fédération"),
      funderTitle: (name: string) => (name ? `Financeur — ${name}` : "Financeur"),
      aggregatedNote:
        "Vue en lecture seule. Seules des données agrégées sont présentées : aucune donnée individuelle ni parcours n'est visible ici.",
      caption: "Territoires pilotes côte à côte",
      name: "Territoire",
      programme: "Programme",
      carrier: "Structure porteuse",
      population: "Population",
      communes: "Communes",
      start: "Début",
      end: "Fin",
      empty: "Aucun territoire n'est rattaché pour le moment.",
      funderType: "Type",
    },
  },
  {
    network: {
      federationTitle: (name) => (name ? `Federation — ${name}` : "Federation"),
      funderTitle: (name) => (name ? `Funder — ${name}` : "Funder"),
      aggregatedNote:
        "Read-only view. Only aggregated data is shown: no individual data or journey is visible here.",
      caption: "Pilot territories side by side",
      name: "Territory",
      programme: "Programme",
      carrier: "Carrier structure",
      population: "Population",
      communes: "Communes",
      start: "Start",
      end: "End",
      empty: "No territory is attached yet.",
      funderType: "Type",
    },
  },
);
