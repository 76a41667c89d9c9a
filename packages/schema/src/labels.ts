import type {
  attendances,
  contactModes,
  declineReasons,
  eventTypes,
  exitReasons,
  journeyStatuses,
  prescriberTypes,
  redirectTargets,
  referralReasons,
  timepoints,
} from "./journeys";
import type {
  fundingSources,
  linkWorkerProfiles,
  supervisionFrequencies,
  supervisionTypes,
} from "./link-workers";
import type { funderTypes } from "./network";
import type {
  continuityModels,
  markerRules,
  standardMeasures,
  stepActorTypes,
  vulnerabilityMarkers,
} from "./pathway";
import type { ageBands, distressLevels, precarityMarkers, sexes, tracks, triStates } from "./person";
import type {
  healthProfessionalTypes,
  partnerSchemeKinds,
  referralRouteKinds,
  targetGroups,
} from "./referrals";
import type { accessibilityFlags, costTypes, pillars, ResourceCategory, resourcePublics } from "./resources";
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
  stepActorTypes: LabelsOf<(typeof stepActorTypes)[number]>;
  continuityModels: LabelsOf<(typeof continuityModels)[number]>;
  vulnerabilityMarkers: LabelsOf<(typeof vulnerabilityMarkers)[number]>;
  markerRules: LabelsOf<(typeof markerRules)[number]>;
  measures: LabelsOf<(typeof standardMeasures)[number]>;
  referralRouteKinds: LabelsOf<(typeof referralRouteKinds)[number]>;
  healthProfessionalTypes: LabelsOf<(typeof healthProfessionalTypes)[number]>;
  targetGroups: LabelsOf<(typeof targetGroups)[number]>;
  partnerSchemeKinds: LabelsOf<(typeof partnerSchemeKinds)[number]>;
  linkWorkerProfiles: LabelsOf<(typeof linkWorkerProfiles)[number]>;
  fundingSources: LabelsOf<(typeof fundingSources)[number]>;
  supervisionTypes: LabelsOf<(typeof supervisionTypes)[number]>;
  supervisionFrequencies: LabelsOf<(typeof supervisionFrequencies)[number]>;
  pillars: LabelsOf<(typeof pillars)[number]>;
  resourceCategories: LabelsOf<ResourceCategory>;
  accessibilityFlags: LabelsOf<(typeof accessibilityFlags)[number]>;
  costTypes: LabelsOf<(typeof costTypes)[number]>;
  resourcePublics: LabelsOf<(typeof resourcePublics)[number]>;
  sexes: LabelsOf<(typeof sexes)[number]>;
  ageBands: LabelsOf<(typeof ageBands)[number]>;
  triStates: LabelsOf<(typeof triStates)[number]>;
  precarityMarkers: LabelsOf<(typeof precarityMarkers)[number]>;
  distressLevels: LabelsOf<(typeof distressLevels)[number]>;
  tracks: LabelsOf<(typeof tracks)[number]>;
  prescriberTypes: LabelsOf<(typeof prescriberTypes)[number]>;
  referralReasons: LabelsOf<(typeof referralReasons)[number]>;
  contactModes: LabelsOf<(typeof contactModes)[number]>;
  attendances: LabelsOf<(typeof attendances)[number]>;
  exitReasons: LabelsOf<(typeof exitReasons)[number]>;
  declineReasons: LabelsOf<(typeof declineReasons)[number]>;
  redirectTargets: LabelsOf<(typeof redirectTargets)[number]>;
  journeyStatuses: LabelsOf<(typeof journeyStatuses)[number]>;
  timepoints: LabelsOf<(typeof timepoints)[number]>;
  eventTypes: LabelsOf<(typeof eventTypes)[number]>;
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
    stepActorTypes: {
      referrer: "Prescripteur (professionnel qui oriente)",
      link_worker: "Agent de liaison",
      territory_lead: "Chef·fe de projet",
      resource_provider: "Structure ressource",
      partner_scheme: "Dispositif partenaire",
      person: "La personne elle-même",
      other: "Autre",
    },
    continuityModels: {
      linkage: "Liaison (la personne coordonne son parcours)",
      coordination: "Coordination (les intervenants se coordonnent au sein d'une entité)",
      integration: "Intégration (une structure réunit l'expertise sanitaire et sociale)",
    },
    vulnerabilityMarkers: {
      no_housing: "Sans logement",
      no_health_cover: "Sans couverture santé",
      psychiatric_comorbidity: "Comorbidité psychiatrique",
      chronic_condition: "Maladie chronique",
    },
    markerRules: {
      any: "Au moins un des critères",
      all: "Tous les critères",
    },
    measures: {
      WEMWBS: "WEMWBS (bien-être mental, 14 items)",
      SWEMWBS: "SWEMWBS (bien-être mental, 7 items)",
      ONS4: "ONS4 (bien-être personnel, 4 questions)",
      UCLA3: "UCLA 3 items (solitude)",
    },
    referralRouteKinds: {
      gp: "Médecin généraliste",
      health_professional: "Autre professionnel de santé",
      social_worker: "Travailleur social",
      hospital: "Établissement hospitalier",
      community_organisation: "Association, structure de proximité",
      self_referral: "La personne elle-même (auto-orientation)",
    },
    healthProfessionalTypes: {
      nurse: "Infirmier·ère",
      pharmacist: "Pharmacien·ne",
      midwife: "Sage-femme",
      psychiatrist: "Psychiatre",
      physiotherapist: "Masseur-kinésithérapeute",
      psychologist: "Psychologue",
      specialist_physician: "Médecin spécialiste",
      occupational_therapist: "Ergothérapeute",
      dietitian: "Diététicien·ne",
      other: "Autre professionnel de santé",
    },
    targetGroups: {
      isolated: "Personnes isolées",
      psychological_distress: "Souffrance psychique ou troubles psychiques légers à modérés",
      chronic_disease: "Personnes vivant avec une maladie chronique",
      precarity: "Personnes en situation de précarité",
      young_people: "Jeunes en difficulté sociale",
    },
    partnerSchemeKinds: {
      cls: "CLS (contrat local de santé)",
      cpts: "CPTS (communauté professionnelle territoriale de santé)",
      dac: "DAC (dispositif d'appui à la coordination)",
      clsm: "CLSM (conseil local de santé mentale)",
      ptsm: "PTSM (projet territorial de santé mentale)",
      secpa: "SECPA",
      mas: "MAS (mission accompagnement santé, Assurance maladie)",
      sophia: "Sophia (accompagnement des maladies chroniques, Assurance maladie)",
      msp: "MSP (maison de santé pluriprofessionnelle)",
      msa: "MSA (action sanitaire et sociale, mal-être agricole)",
      heures_lien_social: "Heures de lien social",
      cultures_du_coeur: "Cultures du Cœur",
      other: "Autre dispositif",
    },
    linkWorkerProfiles: {
      medical_assistant: "Assistant·e médical·e",
      coordinator: "Coordinateur·rice",
      pathway_nurse: "Infirmier·ère de parcours",
      health_mediator: "Médiateur·rice en santé",
      social_worker: "Travailleur·se social·e",
      other: "Autre",
    },
    fundingSources: {
      ars: "ARS (FIR)",
      cpam: "Assurance maladie (CPAM)",
      article51: "Article 51",
      local_authority: "Collectivité territoriale",
      foundation: "Fondation",
      employer: "Fonds propres de l'employeur",
      other: "Autre",
    },
    supervisionTypes: {
      none: "Aucune",
      individual: "Individuelle",
      group: "En groupe (analyse de pratiques)",
    },
    supervisionFrequencies: {
      weekly: "Hebdomadaire",
      fortnightly: "Tous les quinze jours",
      monthly: "Mensuelle",
      quarterly: "Trimestrielle",
      other: "Autre",
    },
    pillars: {
      rights: "Protection sociale et accès aux droits",
      health: "Promotion de la santé et médico-social",
      social: "Activités sociales",
      volunteering: "Bénévolat",
    },
    resourceCategories: {
      cpam: "CPAM",
      caf: "CAF",
      msa: "MSA",
      carsat: "Carsat",
      ccas: "CCAS / CIAS",
      social_services: "Service social départemental",
      france_services: "France services",
      legal_access: "Accès au droit",
      housing: "Logement",
      employment: "Emploi et insertion",
      digital_inclusion: "Inclusion numérique",
      food_aid: "Aide alimentaire",
      other_rights: "Autre (droits)",
      adapted_physical_activity: "Activité physique adaptée",
      therapeutic_education: "Éducation thérapeutique",
      sport_health_house: "Maison sport-santé",
      prevention: "Prévention et dépistage",
      mental_health: "Santé mentale",
      addiction: "Addictions",
      nutrition: "Nutrition",
      medico_social: "Médico-social",
      carers_support: "Soutien aux aidants",
      other_health: "Autre (santé)",
      nature: "Nature et jardinage",
      music: "Musique",
      art: "Arts plastiques",
      culture: "Culture et lecture",
      cafe: "Café associatif",
      gem: "GEM (groupe d'entraide mutuelle)",
      peer_support: "Pair-aidance",
      sport_leisure: "Sport et loisirs",
      crafts_cooking: "Ateliers manuels et cuisine",
      social_centre: "Centre social",
      intergenerational: "Intergénérationnel",
      other_social: "Autre (activités sociales)",
      volunteering_solidarity: "Bénévolat de solidarité",
      volunteering_environment: "Bénévolat environnement",
      volunteering_culture_sport: "Bénévolat culture et sport",
      civic_participation: "Participation citoyenne",
      skills_exchange: "Échange de savoirs",
      volunteering_platform: "Plateforme de bénévolat",
      other_volunteering: "Autre (bénévolat)",
    },
    accessibilityFlags: {
      wheelchair: "Accessible en fauteuil roulant",
      hearing_loop: "Boucle magnétique",
      sign_language: "Langue des signes (LSF)",
      easy_read: "Facile à lire et à comprendre (FALC)",
      visual_impairment: "Adapté aux personnes malvoyantes",
      public_transport: "Desservi par les transports en commun",
      remote: "À distance",
      home_visits: "Se déplace à domicile",
    },
    costTypes: {
      free: "Gratuit",
      reduced: "Tarif réduit ou solidaire",
      paid: "Payant",
    },
    resourcePublics: {
      isolated: "Personnes isolées",
      psychological_distress: "Souffrance psychique légère à modérée",
      chronic_disease: "Maladie chronique",
      precarity: "Précarité",
      young_people: "Jeunes en difficulté",
      all: "Tout public",
      seniors: "Personnes âgées",
      families: "Familles",
      disability: "Personnes en situation de handicap",
      carers: "Aidants",
    },
    sexes: {
      female: "Femme",
      male: "Homme",
      unspecified: "Non précisé",
    },
    ageBands: {
      "0-17": "Moins de 18 ans",
      "18-24": "18 à 24 ans",
      "25-34": "25 à 34 ans",
      "35-44": "35 à 44 ans",
      "45-54": "45 à 54 ans",
      "55-64": "55 à 64 ans",
      "65-74": "65 à 74 ans",
      "75-84": "75 à 84 ans",
      "85+": "85 ans et plus",
    },
    triStates: {
      yes: "Oui",
      no: "Non",
      unknown: "Non connu",
    },
    precarityMarkers: {
      complementary_solidarity_cover: "Complémentaire santé solidaire (C2S)",
      no_health_cover: "Sans couverture santé",
      no_stable_housing: "Sans logement stable",
      minimum_income: "Bénéficiaire d'un minimum social (RSA, AAH, ASPA…)",
      unemployed: "Sans emploi",
    },
    distressLevels: {
      none: "Aucune",
      mild: "Légère",
      moderate: "Modérée",
      severe: "Sévère",
      unknown: "Non évaluée",
    },
    tracks: {
      standard: "Parcours principal",
      integrated: "Parcours intégré",
    },
    prescriberTypes: {
      gp: "Médecin généraliste",
      nurse: "Infirmier·ère",
      pharmacist: "Pharmacien·ne",
      midwife: "Sage-femme",
      psychiatrist: "Psychiatre",
      psychologist: "Psychologue",
      physiotherapist: "Masseur-kinésithérapeute",
      specialist_physician: "Médecin spécialiste",
      occupational_therapist: "Ergothérapeute",
      dietitian: "Diététicien·ne",
      social_worker: "Travailleur·se social·e",
      hospital_team: "Équipe hospitalière",
      community_worker: "Intervenant·e associatif·ve",
      self: "La personne elle-même",
      other: "Autre",
    },
    referralReasons: {
      loneliness: "Isolement, solitude",
      low_mood: "Moral bas",
      anxiety_stress: "Anxiété, stress",
      physical_inactivity: "Inactivité physique",
      long_term_condition: "Maladie chronique",
      weight_nutrition: "Poids, alimentation",
      sleep: "Sommeil",
      bereavement: "Deuil",
      carer_strain: "Épuisement d'aidant",
      financial_difficulty: "Difficultés financières",
      housing: "Logement",
      employment: "Emploi",
      rights_access: "Accès aux droits",
      digital_exclusion: "Exclusion numérique",
      other: "Autre motif",
    },
    contactModes: {
      phone: "Téléphone",
      in_person: "En personne",
      home_visit: "Visite à domicile",
      video: "Visioconférence",
      other: "Autre",
    },
    attendances: {
      pending: "Participation à venir",
      attended: "A participé",
      not_attended: "N'a pas participé",
    },
    exitReasons: {
      completed: "Parcours mené à terme",
      declined: "Refus de la personne",
      lost_to_follow_up: "Perdu·e de vue",
      redirected: "Réorientation",
    },
    declineReasons: {
      not_interested: "Pas intéressé·e",
      no_time: "Pas le temps",
      health_worsened: "État de santé dégradé",
      already_supported: "Déjà accompagné·e par ailleurs",
      practical_barrier: "Obstacle pratique (transport, horaires, coût…)",
      moved_away: "A déménagé",
      other: "Autre motif",
    },
    redirectTargets: {
      gp: "Médecin généraliste",
      mental_health_service: "Service de santé mentale (CMP…)",
      social_services: "Services sociaux",
      other_scheme: "Autre dispositif",
      hospital: "Établissement hospitalier",
      other: "Autre",
    },
    journeyStatuses: {
      referred: "Orienté·e",
      contacted: "Premier contact établi",
      interviewed: "Entretien initial réalisé",
      planned: "Plan de bien-être établi",
      active: "Activité commencée",
      completed: "Mené à terme",
      declined: "Refus",
      lost_to_follow_up: "Perdu·e de vue",
      redirected: "Réorienté·e",
    },
    timepoints: {
      baseline: "Mesure initiale",
      follow_up: "Mesure de suivi",
    },
    eventTypes: {
      referral: "Orientation",
      first_contact: "Premier contact",
      initial_interview: "Entretien initial",
      plan: "Plan de bien-être",
      orientation: "Orientation vers une ressource",
      follow_up: "Suivi",
      evaluation: "Évaluation",
      exit: "Sortie",
      reopen: "Réouverture",
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
    stepActorTypes: {
      referrer: "Referrer (the professional who refers)",
      link_worker: "Link worker",
      territory_lead: "Project lead",
      resource_provider: "Resource provider",
      partner_scheme: "Partner scheme",
      person: "The person themself",
      other: "Other",
    },
    continuityModels: {
      linkage: "Linkage (the person coordinates their own path)",
      coordination: "Coordination (providers coordinate within one entity)",
      integration: "Integration (one structure brings health and social expertise together)",
    },
    vulnerabilityMarkers: {
      no_housing: "No housing",
      no_health_cover: "No health cover",
      psychiatric_comorbidity: "Psychiatric comorbidity",
      chronic_condition: "Chronic condition",
    },
    markerRules: {
      any: "Any one of the markers",
      all: "All the markers",
    },
    measures: {
      WEMWBS: "WEMWBS (mental well-being, 14 items)",
      SWEMWBS: "SWEMWBS (mental well-being, 7 items)",
      ONS4: "ONS4 (personal well-being, 4 questions)",
      UCLA3: "UCLA 3-item (loneliness)",
    },
    referralRouteKinds: {
      gp: "General practitioner",
      health_professional: "Other health professional",
      social_worker: "Social worker",
      hospital: "Hospital",
      community_organisation: "Community organisation",
      self_referral: "Self-referral",
    },
    healthProfessionalTypes: {
      nurse: "Nurse",
      pharmacist: "Pharmacist",
      midwife: "Midwife",
      psychiatrist: "Psychiatrist",
      physiotherapist: "Physiotherapist",
      psychologist: "Psychologist",
      specialist_physician: "Specialist physician",
      occupational_therapist: "Occupational therapist",
      dietitian: "Dietitian",
      other: "Other health professional",
    },
    targetGroups: {
      isolated: "Isolated people",
      psychological_distress: "Psychological distress or mild-to-moderate mental disorders",
      chronic_disease: "People living with a chronic disease",
      precarity: "People in precarity",
      young_people: "Young people in social difficulty",
    },
    partnerSchemeKinds: {
      cls: "CLS (local health contract)",
      cpts: "CPTS (local health professionals' community)",
      dac: "DAC (care coordination support service)",
      clsm: "CLSM (local mental health council)",
      ptsm: "PTSM (territorial mental health project)",
      secpa: "SECPA",
      mas: "MAS (health insurance's health support mission)",
      sophia: "Sophia (health insurance's chronic disease programme)",
      msp: "MSP (multi-professional health centre)",
      msa: "MSA (farmers' social security: health and social action)",
      heures_lien_social: "Heures de lien social (social connection hours)",
      cultures_du_coeur: "Cultures du Cœur (access to culture)",
      other: "Other scheme",
    },
    linkWorkerProfiles: {
      medical_assistant: "Medical assistant",
      coordinator: "Coordinator",
      pathway_nurse: "Pathway nurse",
      health_mediator: "Health mediator",
      social_worker: "Social worker",
      other: "Other",
    },
    fundingSources: {
      ars: "ARS (regional intervention fund)",
      cpam: "Health insurance (CPAM)",
      article51: "Article 51",
      local_authority: "Local authority",
      foundation: "Foundation",
      employer: "Employer's own funds",
      other: "Other",
    },
    supervisionTypes: {
      none: "None",
      individual: "Individual",
      group: "Group (practice analysis)",
    },
    supervisionFrequencies: {
      weekly: "Weekly",
      fortnightly: "Fortnightly",
      monthly: "Monthly",
      quarterly: "Quarterly",
      other: "Other",
    },
    pillars: {
      rights: "Social protection and rights",
      health: "Health promotion and medico-social",
      social: "Social activities",
      volunteering: "Volunteering",
    },
    resourceCategories: {
      cpam: "CPAM (health insurance fund)",
      caf: "CAF (family allowance fund)",
      msa: "MSA (agricultural social insurance)",
      carsat: "Carsat (pensions and occupational health)",
      ccas: "CCAS / CIAS (municipal social action centre)",
      social_services: "Departmental social services",
      france_services: "France services (public services hub)",
      legal_access: "Access to justice",
      housing: "Housing",
      employment: "Employment and integration",
      digital_inclusion: "Digital inclusion",
      food_aid: "Food aid",
      other_rights: "Other (rights)",
      adapted_physical_activity: "Adapted physical activity",
      therapeutic_education: "Therapeutic patient education",
      sport_health_house: "Sport-health house",
      prevention: "Prevention and screening",
      mental_health: "Mental health",
      addiction: "Addiction",
      nutrition: "Nutrition",
      medico_social: "Medico-social",
      carers_support: "Carers' support",
      other_health: "Other (health)",
      nature: "Nature and gardening",
      music: "Music",
      art: "Visual arts",
      culture: "Culture and reading",
      cafe: "Community café",
      gem: "GEM (mutual aid group)",
      peer_support: "Peer support",
      sport_leisure: "Sport and leisure",
      crafts_cooking: "Crafts and cooking workshops",
      social_centre: "Social centre",
      intergenerational: "Intergenerational",
      other_social: "Other (social activities)",
      volunteering_solidarity: "Solidarity volunteering",
      volunteering_environment: "Environmental volunteering",
      volunteering_culture_sport: "Culture and sport volunteering",
      civic_participation: "Civic participation",
      skills_exchange: "Skills exchange",
      volunteering_platform: "Volunteering platform",
      other_volunteering: "Other (volunteering)",
    },
    accessibilityFlags: {
      wheelchair: "Wheelchair accessible",
      hearing_loop: "Hearing loop",
      sign_language: "French sign language (LSF)",
      easy_read: "Easy-read (FALC)",
      visual_impairment: "Suited to visually impaired people",
      public_transport: "Served by public transport",
      remote: "Remote",
      home_visits: "Home visits",
    },
    costTypes: {
      free: "Free",
      reduced: "Reduced or solidarity rate",
      paid: "Paid",
    },
    resourcePublics: {
      isolated: "Isolated people",
      psychological_distress: "Mild-to-moderate psychological distress",
      chronic_disease: "Chronic disease",
      precarity: "Precarity",
      young_people: "Young people in difficulty",
      all: "Everyone",
      seniors: "Older people",
      families: "Families",
      disability: "People with disabilities",
      carers: "Carers",
    },
    sexes: {
      female: "Female",
      male: "Male",
      unspecified: "Not specified",
    },
    ageBands: {
      "0-17": "Under 18",
      "18-24": "18 to 24",
      "25-34": "25 to 34",
      "35-44": "35 to 44",
      "45-54": "45 to 54",
      "55-64": "55 to 64",
      "65-74": "65 to 74",
      "75-84": "75 to 84",
      "85+": "85 and over",
    },
    triStates: {
      yes: "Yes",
      no: "No",
      unknown: "Not known",
    },
    precarityMarkers: {
      complementary_solidarity_cover: "Complementary solidarity health cover (C2S)",
      no_health_cover: "No health cover",
      no_stable_housing: "No stable housing",
      minimum_income: "Receives a minimum income (RSA, AAH, ASPA…)",
      unemployed: "Unemployed",
    },
    distressLevels: {
      none: "None",
      mild: "Mild",
      moderate: "Moderate",
      severe: "Severe",
      unknown: "Not assessed",
    },
    tracks: {
      standard: "Standard pathway",
      integrated: "Integrated track",
    },
    prescriberTypes: {
      gp: "General practitioner",
      nurse: "Nurse",
      pharmacist: "Pharmacist",
      midwife: "Midwife",
      psychiatrist: "Psychiatrist",
      psychologist: "Psychologist",
      physiotherapist: "Physiotherapist",
      specialist_physician: "Specialist physician",
      occupational_therapist: "Occupational therapist",
      dietitian: "Dietitian",
      social_worker: "Social worker",
      hospital_team: "Hospital team",
      community_worker: "Community worker",
      self: "The person themself",
      other: "Other",
    },
    referralReasons: {
      loneliness: "Loneliness, isolation",
      low_mood: "Low mood",
      anxiety_stress: "Anxiety, stress",
      physical_inactivity: "Physical inactivity",
      long_term_condition: "Long-term condition",
      weight_nutrition: "Weight, nutrition",
      sleep: "Sleep",
      bereavement: "Bereavement",
      carer_strain: "Carer strain",
      financial_difficulty: "Financial difficulty",
      housing: "Housing",
      employment: "Employment",
      rights_access: "Access to rights",
      digital_exclusion: "Digital exclusion",
      other: "Other reason",
    },
    contactModes: {
      phone: "Phone",
      in_person: "In person",
      home_visit: "Home visit",
      video: "Video call",
      other: "Other",
    },
    attendances: {
      pending: "Attendance to come",
      attended: "Attended",
      not_attended: "Did not attend",
    },
    exitReasons: {
      completed: "Completed",
      declined: "Declined by the person",
      lost_to_follow_up: "Lost to follow-up",
      redirected: "Redirected",
    },
    declineReasons: {
      not_interested: "Not interested",
      no_time: "No time",
      health_worsened: "Health worsened",
      already_supported: "Already supported elsewhere",
      practical_barrier: "Practical barrier (transport, hours, cost…)",
      moved_away: "Moved away",
      other: "Other reason",
    },
    redirectTargets: {
      gp: "General practitioner",
      mental_health_service: "Mental health service (CMP…)",
      social_services: "Social services",
      other_scheme: "Other scheme",
      hospital: "Hospital",
      other: "Other",
    },
    journeyStatuses: {
      referred: "Referred",
      contacted: "Contacted",
      interviewed: "Initial interview done",
      planned: "Well-being plan agreed",
      active: "Activity started",
      completed: "Completed",
      declined: "Declined",
      lost_to_follow_up: "Lost to follow-up",
      redirected: "Redirected",
    },
    timepoints: {
      baseline: "Baseline",
      follow_up: "Follow-up",
    },
    eventTypes: {
      referral: "Referral",
      first_contact: "First contact",
      initial_interview: "Initial interview",
      plan: "Well-being plan",
      orientation: "Connection to a resource",
      follow_up: "Follow-up",
      evaluation: "Evaluation",
      exit: "Exit",
      reopen: "Reopening",
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
