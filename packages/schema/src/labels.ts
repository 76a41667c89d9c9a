import type { funderTypes } from "./network";
import type { ContextKind, Role } from "./roles";
import type { carrierTypes, programmes, rurality } from "./territory";

/**
 * Labels of the closed lists (roles, carrier types, programmes…), in every language the product
 * speaks: one place for the console and for what the server writes for people (exports, e-mails).
 * Browser-safe. A value without a label, or a language without a list, fails the typecheck.
 */
export const locales = ["fr", "en"] as const;
export type Locale = (typeof locales)[number];

type LabelsOf<T extends string> = Readonly<Record<T, string>>;

/** Every labelled list; later lists (pillars, decline reasons…) are added here and in each language. */
export interface EnumLabels {
  roles: LabelsOf<Role>;
  contextKinds: LabelsOf<ContextKind>;
  carrierTypes: LabelsOf<(typeof carrierTypes)[number]>;
  programmes: LabelsOf<(typeof programmes)[number]>;
  funderTypes: LabelsOf<(typeof funderTypes)[number]>;
  rurality: LabelsOf<(typeof rurality)[number]>;
}

export type EnumName = keyof EnumLabels;

export const enumLabels: Readonly<Record<Locale, EnumLabels>> = {
  fr: {
    roles: {
      operator: "Opérateur",
      territory_lead: "Chef·fe de projet",
      link_worker: "Agent de liaison",
      federation: "Fédération",
      funder: "Financeur",
    },
    contextKinds: {
      platform: "Plateforme",
      territory: "Territoire pilote",
      federation: "Fédération",
      funder: "Financeur",
    },
    carrierTypes: {
      cpts: "CPTS",
      msp: "MSP",
      centre_sante: "Centre de santé",
      cls: "Contrat local de santé",
      commune: "Commune",
      intercommunalite: "Intercommunalité",
      association: "Association",
      other: "Autre",
    },
    programmes: {
      ami: "AMI",
      article51: "Article 51",
      other: "Autre",
    },
    funderTypes: {
      ars: "ARS",
      cpam: "CPAM",
      local_authority: "Collectivité territoriale",
      foundation: "Fondation",
      other: "Autre",
    },
    rurality: {
      urban: "Urbain",
      intermediate: "Intermédiaire",
      rural: "Rural",
      unknown: "Inconnue",
    },
  },
  en: {
    roles: {
      operator: "Operator",
      territory_lead: "Project lead",
      link_worker: "Link worker",
      federation: "Federation",
      funder: "Funder",
    },
    contextKinds: {
      platform: "Platform",
      territory: "Pilot territory",
      federation: "Federation",
      funder: "Funder",
    },
    carrierTypes: {
      cpts: "CPTS (local health professionals' community)",
      msp: "MSP (multi-professional health centre)",
      centre_sante: "Health centre",
      cls: "Local health contract",
      commune: "Municipality",
      intercommunalite: "Inter-municipal authority",
      association: "Association",
      other: "Other",
    },
    programmes: {
      ami: "AMI (call for expressions of interest)",
      article51: "Article 51",
      other: "Other",
    },
    funderTypes: {
      ars: "ARS (regional health agency)",
      cpam: "CPAM (health insurance fund)",
      local_authority: "Local authority",
      foundation: "Foundation",
      other: "Other",
    },
    rurality: {
      urban: "Urban",
      intermediate: "Intermediate",
      rural: "Rural",
      unknown: "Unknown",
    },
  },
};

/**
 * The label of a value that arrives as a plain string (a summary, an audit change, a CSV cell): the
 * value itself when the list does not know it, so that nothing is hidden.
 */
export function enumLabel(locale: Locale, list: EnumName, value: string): string {
  const labels = enumLabels[locale][list] as Readonly<Record<string, string>>;
  return Object.hasOwn(labels, value) ? (labels[value] as string) : value;
}
