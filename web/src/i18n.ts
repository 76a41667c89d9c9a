import type {
  ContextKind,
  carrierTypes,
  funderTypes,
  programmes,
  Role,
  roles,
  rurality,
} from "@maillage/schema";
import { createEffect, createRoot, createSignal } from "solid-js";

export type Locale = "fr" | "en";

type Labels<T extends readonly string[]> = Record<T[number], string>;

const fr = {
  app: {
    name: "Maillage",
    tagline: "Prescription sociale · territoires pilotes",
    skipLink: "Aller au contenu",
    title: (page: string) => `${page} · Maillage`,
    loading: "Chargement…",
    retry: "Réessayer",
    home: "Retour à l'accueil",
    notProvided: "Non renseigné",
    none: "Aucun",
    yes: "Oui",
    no: "Non",
  },
  lang: {
    switchTo: "English",
    switchToCode: "en",
    switchLabel: "Display the console in English",
  },
  header: {
    mainNav: "Navigation principale",
    home: "Accueil",
    signedInAs: "Connecté·e en tant que",
    signOut: "Se déconnecter",
    context: "Espace de travail",
    contextChoose: "Choisir un espace…",
    contextGo: "Changer",
  },
  roles: {
    operator: "Opérateur",
    territory_lead: "Chef·fe de projet",
    link_worker: "Agent de liaison",
    federation: "Fédération",
    funder: "Financeur",
  } satisfies Labels<typeof roles>,
  contextKinds: {
    platform: "Plateforme",
    territory: "Territoire pilote",
    federation: "Fédération",
    funder: "Financeur",
  } satisfies Record<ContextKind, string>,
  carrierTypes: {
    cpts: "CPTS",
    msp: "MSP",
    centre_sante: "Centre de santé",
    cls: "Contrat local de santé",
    commune: "Commune",
    intercommunalite: "Intercommunalité",
    association: "Association",
    other: "Autre",
  } satisfies Labels<typeof carrierTypes>,
  funderTypes: {
    ars: "ARS",
    cpam: "CPAM",
    local_authority: "Collectivité territoriale",
    foundation: "Fondation",
    other: "Autre",
  } satisfies Labels<typeof funderTypes>,
  programmes: {
    ami: "AMI",
    article51: "Article 51",
    other: "Autre",
  } satisfies Labels<typeof programmes>,
  rurality: {
    urban: "Urbain",
    intermediate: "Intermédiaire",
    rural: "Rural",
    unknown: "Inconnue",
  } satisfies Labels<typeof rurality>,
  density: { dense: "Dense", intermediate: "Densité intermédiaire", rural: "Rural", unknown: "Inconnue" },
  states: {
    notFoundTitle: "Introuvable",
    notFound: "Cette page n'existe pas, ou vous n'y avez pas accès.",
    forbiddenTitle: "Accès refusé",
    forbidden: "Votre rôle ne permet pas d'accéder à cette page.",
    errorTitle: "Une erreur est survenue",
    error: "Le serveur n'a pas pu répondre. Réessayez dans un instant.",
    network: "Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.",
    reference: (id: string) => `Référence : ${id}`,
    empty: "Rien à afficher pour le moment.",
    pageNotFound: "Page introuvable",
  },
  form: {
    summaryTitle: (n: number) =>
      n === 1 ? "Le formulaire contient 1 erreur" : `Le formulaire contient ${n} erreurs`,
    item: (label: string, message: string) => `${label} : ${message}`,
    optional: "facultatif",
    saving: "Enregistrement…",
    failed: "L'enregistrement a échoué.",
  },
  issues: {
    minChars: (n: string) => `Au moins ${n} caractères`,
    maxChars: (n: string) => `${n} caractères au maximum`,
    insee: "Code INSEE attendu : 5 caractères, par exemple 75056",
    unknownInsee: (code: string) =>
      `Code INSEE inconnu : ${code} (absent de la grille de densité INSEE 2024)`,
    atLeastOneCommune: "Indiquez au moins une commune",
    maxCommunes: "1 000 communes au maximum",
    duplicateCommune: "Chaque commune ne doit figurer qu'une fois",
    wholeNumber: "Nombre entier attendu",
    number: "Nombre attendu",
    negative: "La valeur ne peut pas être négative",
    maxPopulation: "20 000 000 au maximum",
    maxNeighbourhoods: "200 quartiers au maximum",
    date: "Date attendue (AAAA-MM-JJ)",
    endBeforeStart: "La date de fin doit être égale ou postérieure à la date de début",
    email: "Adresse e-mail attendue, par exemple nom@exemple.fr",
    choice: "Choisissez une valeur dans la liste",
    invalid: "Valeur non valide",
    inCommune: (code: string, message: string) => `« ${code} » : ${message}`,
  },
  signIn: {
    title: "Connexion de démonstration",
    intro:
      "Vous utilisez Maillage en local : cette page de connexion n'existe que pour la démonstration. Choisissez une personne pour voir la console avec son rôle. Aucun mot de passe n'est demandé.",
    people: "Personnes de démonstration",
    signInAs: (name: string) => `Se connecter en tant que ${name}`,
    unavailable: "La connexion de démonstration n'est pas disponible sur ce déploiement.",
    failed: "La connexion a échoué.",
    signingIn: "Connexion…",
    expired: "Votre session a expiré ou vous n'êtes pas connecté·e. Connectez-vous pour continuer.",
    accountTitle: "Connexion",
    accountIntro: "Connectez-vous avec l'adresse e-mail à laquelle vous avez été invité·e.",
    members: "Se connecter",
    operators: "Espace opérateur (authentification à deux facteurs)",
    errors: {
      etat: "La connexion n'a pas pu être vérifiée (lien expiré ou ouvert dans un autre navigateur). Réessayez.",
      jeton: "Le service d'identité n'a pas confirmé la connexion. Réessayez.",
      inconnu:
        "Aucun compte Maillage n'existe pour cette adresse. Demandez une invitation à votre territoire.",
    },
  },
  home: {
    title: "Vos espaces de travail",
    intro: "Vous avez accès à plusieurs espaces. Choisissez celui dans lequel vous voulez travailler.",
    none: "Vous n'avez accès à aucun espace pour le moment. Demandez une invitation à la personne qui coordonne votre territoire.",
    as: (role: string) => `en tant que ${role}`,
  },
  territory: {
    nav: "Rubriques du territoire",
    overview: "Vue d'ensemble",
    profile: "Profil",
    members: "Membres",
    journal: "Journal",
    profileSection: "Profil du territoire pilote",
    editProfile: "Modifier le profil",
    viewProfile: "Voir le profil complet",
    carrier: "Structure porteuse",
    programme: "Programme",
    period: "Période",
    from: (start: string) => `À partir du ${start}`,
    fromTo: (start: string, end: string) => `Du ${start} au ${end}`,
    population: "Population",
    qpv: "Quartiers prioritaires (QPV)",
    communesCount: "Communes couvertes",
    ruralitySection: "Ruralité",
    rurality: "Caractère dominant",
    ruralShare: "Part de la population vivant dans une commune rurale",
    ruralityNote: "Calculé à partir de la grille communale de densité de l'INSEE (millésime 2024).",
    communesSection: "Communes",
    communesCaption: "Communes couvertes, selon la grille de densité INSEE 2024",
    code: "Code INSEE",
    commune: "Commune",
    density: "Densité",
    municipalPopulation: "Population municipale",
    unknownCommune: "Commune inconnue",
    teamSection: "Équipe",
    leads: "Chef·fes de projet",
    linkWorkers: "Agents de liaison",
    networksSection: "Réseaux",
    federations: "Fédérations",
    funders: "Financeurs",
    noFederation: "Ce territoire n'est rattaché à aucune fédération.",
    noFunder: "Aucun financeur n'est rattaché à ce territoire.",
  },
  profile: {
    title: (name: string) => (name ? `Profil — ${name}` : "Profil"),
    intro: "Les informations qui décrivent votre territoire pilote.",
    readOnly: "Seul·e un·e chef·fe de projet peut modifier ce profil. Vous le consultez en lecture seule.",
    version: (n: number) => `Version ${n}`,
    name: "Nom du territoire pilote",
    carrierType: "Type de structure porteuse",
    carrierName: "Nom de la structure porteuse",
    communes: "Communes (codes INSEE)",
    communesHint:
      "Codes INSEE à 5 caractères, séparés par des virgules ou des espaces. Exemple : 59350, 59299",
    population: "Population",
    populationHint: "Nombre d'habitants du territoire couvert",
    qpv: "Quartiers prioritaires de la politique de la ville (QPV)",
    qpvHint: "Un quartier par ligne",
    programme: "Programme",
    startDate: "Date de début",
    endDate: "Date de fin",
    endDateHint: "Laissez vide si la fin n'est pas encore fixée",
    save: "Enregistrer le profil",
    saved: (n: number) => `Profil enregistré (version ${n}).`,
    conflictTitle: "Ce profil a été modifié par quelqu'un d'autre pendant votre saisie",
    conflict: (n: number) =>
      `Votre enregistrement n'a pas été fait, pour ne pas écraser ces changements. La version actuelle est la version ${n}. Comparez-la avec votre saisie, rechargez-la, puis refaites vos modifications si besoin.`,
    conflictField: "Champ",
    conflictMine: "Votre saisie",
    conflictCurrent: "Version actuelle",
    reloadCurrent: "Recharger la version actuelle",
    reloaded: (n: number) => `Version actuelle chargée dans le formulaire (version ${n}).`,
  },
  members: {
    title: (name: string) => (name ? `Membres — ${name}` : "Membres"),
    listSection: "Personnes ayant accès au territoire",
    name: "Nom",
    email: "Adresse e-mail",
    role: "Rôle",
    empty: "Aucun membre pour le moment.",
    inviteSection: "Inviter une personne",
    inviteIntro: "La personne reçoit un lien valable 7 jours pour rejoindre le territoire.",
    displayName: "Nom et prénom",
    submit: "Créer l'invitation",
    invited: (email: string) => `Invitation créée pour ${email}.`,
    link: "Lien d'invitation (mode local : aucun e-mail n'est envoyé, transmettez ce lien vous-même)",
    expires: (date: string) => `Valable jusqu'au ${date}.`,
  },
  journal: {
    title: (name: string) => (name ? `Journal — ${name}` : "Journal"),
    intro:
      "Toutes les modifications du territoire, des plus récentes aux plus anciennes. Le journal ne peut pas être modifié.",
    caption: "Journal des modifications",
    date: "Date",
    person: "Personne",
    action: "Action",
    changes: "Modifications",
    empty: "Aucune entrée dans le journal.",
    noChange: "Aucun champ modifié",
    becomes: "devient",
    fields: {
      version: "Version",
      status: "Statut",
      expiresAt: "Expire le",
      userId: "Personne",
      id: "Identifiant",
      territoryId: "Territoire",
      contextKind: "Type d'espace",
      contextId: "Espace",
    } as Record<string, string>,
    statuses: { pending: "en attente", accepted: "acceptée" } as Record<string, string>,
    system: "Système",
    actions: {
      "territory.create": "Création du territoire",
      "territory.update": "Modification du profil",
      "invitation.create": "Invitation créée",
      "invitation.accept": "Invitation acceptée",
      "membership.create": "Accès accordé",
    } as Record<string, string>,
  },
  operator: {
    title: "Espace opérateur",
    contents: "Sur cette page",
    directory: "Annuaire",
    territories: "Territoires pilotes",
    federations: "Fédérations",
    funders: "Financeurs",
    name: "Nom",
    id: "Identifiant",
    createdAt: "Créé le",
    noTerritory: "Aucun territoire pilote.",
    noFederation: "Aucune fédération.",
    noFunder: "Aucun financeur.",
    createTerritory: "Créer un territoire pilote",
    createTerritorySubmit: "Créer le territoire",
    territoryCreated: (name: string) => `Territoire « ${name} » créé.`,
    createFederation: "Créer une fédération",
    description: "Description",
    createFederationSubmit: "Créer la fédération",
    federationCreated: (name: string) => `Fédération « ${name} » créée.`,
    createFunder: "Créer un financeur",
    funderType: "Type de financeur",
    createFunderSubmit: "Créer le financeur",
    funderCreated: (name: string) => `Financeur « ${name} » créé.`,
    attach: "Rattacher un territoire",
    attachFederation: "À une fédération",
    attachFunder: "À un financeur",
    territory: "Territoire pilote",
    federation: "Fédération",
    funder: "Financeur",
    choose: "Choisir…",
    attachSubmit: "Rattacher",
    attached: (territory: string, owner: string) => `« ${territory} » est rattaché à « ${owner} ».`,
    alreadyAttached: "Ce territoire est déjà rattaché.",
    chooseBoth: "Choisissez les deux éléments à rattacher.",
    inviteLead: "Inviter le·la premier·ère chef·fe de projet",
    inviteLeadSubmit: "Créer l'invitation",
  },
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
  invitation: {
    title: "Invitation",
    accepting: "Validation de votre invitation…",
    missing:
      "Ce lien d'invitation est incomplet. Ouvrez le lien complet reçu, ou demandez une nouvelle invitation.",
    invalid: "Ce lien d'invitation n'est pas valide ou a expiré. Demandez une nouvelle invitation.",
    already: "Vous êtes déjà membre de ce territoire.",
    failed: "L'invitation n'a pas pu être acceptée.",
  },
};

type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

/** Every language has exactly the French keys: a missing or extra key fails the typecheck. */
export type Dictionary = Widen<typeof fr>;

const en: Dictionary = {
  app: {
    name: "Maillage",
    tagline: "Social prescribing · pilot territories",
    skipLink: "Skip to content",
    title: (page) => `${page} · Maillage`,
    loading: "Loading…",
    retry: "Try again",
    home: "Back to home",
    notProvided: "Not provided",
    none: "None",
    yes: "Yes",
    no: "No",
  },
  lang: {
    switchTo: "Français",
    switchToCode: "fr",
    switchLabel: "Afficher la console en français",
  },
  header: {
    mainNav: "Main navigation",
    home: "Home",
    signedInAs: "Signed in as",
    signOut: "Sign out",
    context: "Workspace",
    contextChoose: "Choose a workspace…",
    contextGo: "Switch",
  },
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
  funderTypes: {
    ars: "ARS (regional health agency)",
    cpam: "CPAM (health insurance fund)",
    local_authority: "Local authority",
    foundation: "Foundation",
    other: "Other",
  },
  programmes: {
    ami: "AMI (call for expressions of interest)",
    article51: "Article 51",
    other: "Other",
  },
  rurality: {
    urban: "Urban",
    intermediate: "Intermediate",
    rural: "Rural",
    unknown: "Unknown",
  },
  density: { dense: "Dense", intermediate: "Intermediate density", rural: "Rural", unknown: "Unknown" },
  states: {
    notFoundTitle: "Not found",
    notFound: "This page does not exist, or you do not have access to it.",
    forbiddenTitle: "Access denied",
    forbidden: "Your role does not give access to this page.",
    errorTitle: "Something went wrong",
    error: "The server could not answer. Try again in a moment.",
    network: "The server is not responding. Check your connection and try again.",
    reference: (id) => `Reference: ${id}`,
    empty: "Nothing to show yet.",
    pageNotFound: "Page not found",
  },
  form: {
    summaryTitle: (n) => (n === 1 ? "There is 1 error in this form" : `There are ${n} errors in this form`),
    item: (label, message) => `${label}: ${message}`,
    optional: "optional",
    saving: "Saving…",
    failed: "Saving failed.",
  },
  issues: {
    minChars: (n) => `At least ${n} characters`,
    maxChars: (n) => `At most ${n} characters`,
    insee: "Expected an INSEE commune code: 5 characters, e.g. 75056",
    unknownInsee: (code) => `Unknown INSEE commune code ${code} (not in the INSEE 2024 density grid)`,
    atLeastOneCommune: "Enter at least one commune",
    maxCommunes: "At most 1,000 communes",
    duplicateCommune: "Each commune must appear once",
    wholeNumber: "Expected a whole number",
    number: "Expected a number",
    negative: "Cannot be negative",
    maxPopulation: "At most 20,000,000",
    maxNeighbourhoods: "At most 200 neighbourhoods",
    date: "Expected a date (YYYY-MM-DD)",
    endBeforeStart: "The end date must be on or after the start date",
    email: "Expected an email address, e.g. name@example.org",
    choice: "Choose a value from the list",
    invalid: "Invalid value",
    inCommune: (code, message) => `“${code}”: ${message}`,
  },
  signIn: {
    title: "Demo sign-in",
    intro:
      "You are running Maillage locally: this sign-in page only exists for the demo. Choose a person to see the console with their role. No password is needed.",
    people: "Demo people",
    signInAs: (name) => `Sign in as ${name}`,
    unavailable: "Demo sign-in is not available on this deployment.",
    failed: "Sign-in failed.",
    signingIn: "Signing in…",
    expired: "Your session has expired or you are not signed in. Sign in to continue.",
    accountTitle: "Sign in",
    accountIntro: "Sign in with the email address you were invited with.",
    members: "Sign in",
    operators: "Operator area (two-factor authentication)",
    errors: {
      etat: "The sign-in could not be checked (expired link, or opened in another browser). Try again.",
      jeton: "The identity service did not confirm the sign-in. Try again.",
      inconnu: "There is no Maillage account for this address. Ask your territory for an invitation.",
    },
  },
  home: {
    title: "Your workspaces",
    intro: "You have access to several workspaces. Choose the one you want to work in.",
    none: "You do not have access to any workspace yet. Ask your territory's coordinator for an invitation.",
    as: (role) => `as ${role}`,
  },
  territory: {
    nav: "Territory sections",
    overview: "Overview",
    profile: "Profile",
    members: "Members",
    journal: "Journal",
    profileSection: "Pilot territory profile",
    editProfile: "Edit the profile",
    viewProfile: "See the full profile",
    carrier: "Carrier structure",
    programme: "Programme",
    period: "Period",
    from: (start) => `From ${start}`,
    fromTo: (start, end) => `From ${start} to ${end}`,
    population: "Population",
    qpv: "Priority neighbourhoods (QPV)",
    communesCount: "Communes covered",
    ruralitySection: "Rurality",
    rurality: "Dominant character",
    ruralShare: "Share of the population living in a rural commune",
    ruralityNote: "Computed from INSEE's municipal density grid (2024 vintage).",
    communesSection: "Communes",
    communesCaption: "Communes covered, by the INSEE 2024 density grid",
    code: "INSEE code",
    commune: "Commune",
    density: "Density",
    municipalPopulation: "Municipal population",
    unknownCommune: "Unknown commune",
    teamSection: "Team",
    leads: "Project leads",
    linkWorkers: "Link workers",
    networksSection: "Networks",
    federations: "Federations",
    funders: "Funders",
    noFederation: "This territory is not attached to any federation.",
    noFunder: "No funder is attached to this territory.",
  },
  profile: {
    title: (name) => (name ? `Profile — ${name}` : "Profile"),
    intro: "The information describing your pilot territory.",
    readOnly: "Only a project lead can edit this profile. You are viewing it read-only.",
    version: (n) => `Version ${n}`,
    name: "Pilot territory name",
    carrierType: "Carrier structure type",
    carrierName: "Carrier structure name",
    communes: "Communes (INSEE codes)",
    communesHint: "5-character INSEE codes, separated by commas or spaces. Example: 59350, 59299",
    population: "Population",
    populationHint: "Number of inhabitants of the area covered",
    qpv: "Priority neighbourhoods (QPV)",
    qpvHint: "One neighbourhood per line",
    programme: "Programme",
    startDate: "Start date",
    endDate: "End date",
    endDateHint: "Leave empty if the end is not set yet",
    save: "Save profile",
    saved: (n) => `Profile saved (version ${n}).`,
    conflictTitle: "This profile was changed by someone else while you were editing",
    conflict: (n) =>
      `Your changes were not saved, so as not to overwrite theirs. The current version is version ${n}. Compare it with your input, reload it, then make your changes again if needed.`,
    conflictField: "Field",
    conflictMine: "Your input",
    conflictCurrent: "Current version",
    reloadCurrent: "Reload the current version",
    reloaded: (n) => `Current version loaded into the form (version ${n}).`,
  },
  members: {
    title: (name) => (name ? `Members — ${name}` : "Members"),
    listSection: "People with access to the territory",
    name: "Name",
    email: "Email address",
    role: "Role",
    empty: "No members yet.",
    inviteSection: "Invite someone",
    inviteIntro: "The person receives a link, valid for 7 days, to join the territory.",
    displayName: "Full name",
    submit: "Create the invitation",
    invited: (email) => `Invitation created for ${email}.`,
    link: "Invitation link (local mode: no email is sent, pass this link on yourself)",
    expires: (date) => `Valid until ${date}.`,
  },
  journal: {
    title: (name) => (name ? `Journal — ${name}` : "Journal"),
    intro: "Every change to the territory, newest first. The journal cannot be modified.",
    caption: "Change journal",
    date: "Date",
    person: "Person",
    action: "Action",
    changes: "Changes",
    empty: "The journal is empty.",
    noChange: "No field changed",
    becomes: "becomes",
    fields: {
      version: "Version",
      status: "Status",
      expiresAt: "Expires",
      userId: "Person",
      id: "Identifier",
      territoryId: "Territory",
      contextKind: "Workspace type",
      contextId: "Workspace",
    },
    statuses: { pending: "pending", accepted: "accepted" },
    system: "System",
    actions: {
      "territory.create": "Territory created",
      "territory.update": "Profile edited",
      "invitation.create": "Invitation created",
      "invitation.accept": "Invitation accepted",
      "membership.create": "Access granted",
    },
  },
  operator: {
    title: "Operator workspace",
    contents: "On this page",
    directory: "Directory",
    territories: "Pilot territories",
    federations: "Federations",
    funders: "Funders",
    name: "Name",
    id: "Identifier",
    createdAt: "Created",
    noTerritory: "No pilot territory.",
    noFederation: "No federation.",
    noFunder: "No funder.",
    createTerritory: "Create a pilot territory",
    createTerritorySubmit: "Create the territory",
    territoryCreated: (name) => `Territory “${name}” created.`,
    createFederation: "Create a federation",
    description: "Description",
    createFederationSubmit: "Create the federation",
    federationCreated: (name) => `Federation “${name}” created.`,
    createFunder: "Create a funder",
    funderType: "Funder type",
    createFunderSubmit: "Create the funder",
    funderCreated: (name) => `Funder “${name}” created.`,
    attach: "Attach a territory",
    attachFederation: "To a federation",
    attachFunder: "To a funder",
    territory: "Pilot territory",
    federation: "Federation",
    funder: "Funder",
    choose: "Choose…",
    attachSubmit: "Attach",
    attached: (territory, owner) => `“${territory}” is attached to “${owner}”.`,
    alreadyAttached: "This territory is already attached.",
    chooseBoth: "Choose both items to attach.",
    inviteLead: "Invite the first project lead",
    inviteLeadSubmit: "Create the invitation",
  },
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
  invitation: {
    title: "Invitation",
    accepting: "Checking your invitation…",
    missing:
      "This invitation link is incomplete. Open the full link you received, or ask for a new invitation.",
    invalid: "This invitation link is invalid or has expired. Ask for a new invitation.",
    already: "You are already a member of this territory.",
    failed: "The invitation could not be accepted.",
  },
};

const dictionaries: Record<Locale, Dictionary> = { fr, en };
const STORAGE_KEY = "maillage.locale";

function initialLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "fr";
  } catch {
    return "fr";
  }
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());

export { locale };

export function setLocale(next: Locale) {
  setLocaleSignal(next);
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Private browsing may refuse storage: the choice then lasts for this page only.
  }
}

/** The current dictionary: `t().profile.save`. */
export const t = () => dictionaries[locale()];

createRoot(() => {
  createEffect(() => {
    document.documentElement.lang = locale();
  });
});

const tag = () => (locale() === "fr" ? "fr-FR" : "en-GB");

export function formatNumber(value: number): string {
  return new Intl.NumberFormat(tag()).format(value);
}

export function formatPercent(value: number): string {
  return new Intl.NumberFormat(tag(), { style: "percent", maximumFractionDigits: 1 }).format(value);
}

/** A calendar date (YYYY-MM-DD), shown without any time-zone shift. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(tag(), { dateStyle: "long", timeZone: "UTC" }).format(date);
}

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(tag(), { dateStyle: "medium", timeStyle: "short" }).format(date);
}

export function densityLabel(density: 1 | 2 | 3 | null): string {
  const labels = t().density;
  if (density === 1) return labels.dense;
  if (density === 2) return labels.intermediate;
  if (density === 3) return labels.rural;
  return labels.unknown;
}

export function roleLabel(role: Role): string {
  return t().roles[role];
}
