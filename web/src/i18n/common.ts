import { enumLabels } from "@maillage/schema";
import { dictionary } from "./define";

/** What every page shares: the frame, the states of a request, forms, and the closed lists' labels. */
export const common = dictionary(
  {
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
    ...enumLabels.fr,
    density: { dense: "Dense", intermediate: "Densité intermédiaire", rural: "Rural", unknown: "Inconnue" },
    states: {
      notFoundTitle: "Introuvable",
      notFound: "Cette page n'existe pas, ou vous n'y avez pas accès.",
      forbiddenTitle: "Accès refusé",
      forbidden: "Votre rôle ne permet pas d'accéder à cette page.",
      forbiddenRole: (roles: string[]) =>
        `Cette page est réservée au rôle « ${roles.join(" » ou « ")} ». Votre rôle dans cet espace ne permet pas d'y accéder.`,
      errorTitle: "Une erreur est survenue",
      error: "Le serveur n'a pas pu répondre. Réessayez dans un instant.",
      invalid: "La demande n'a pas été acceptée : certaines valeurs ne sont pas valides.",
      tooLarge: "Le contenu envoyé est trop volumineux.",
      conflict: "Ces données ont changé entre-temps. Rechargez la page, puis recommencez.",
      periodLocked: (periods: string[]) =>
        `Cette modification changerait les chiffres ${periods.length > 1 ? "des périodes verrouillées" : "de la période verrouillée"}${periods.length > 0 ? ` ${periods.join(", ")}` : ""} : la cheffe ou le chef de projet doit d'abord la déverrouiller, avec un motif.`,
      rebuilding: "Les indicateurs du territoire sont en cours de recalcul : réessayez dans un instant.",
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
      choose: "Choisir…",
      restored:
        "Votre saisie a été conservée pendant la reconnexion. Vérifiez-la, puis enregistrez-la : rien n'a encore été enregistré.",
    },
  },
  {
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
    ...enumLabels.en,
    density: { dense: "Dense", intermediate: "Intermediate density", rural: "Rural", unknown: "Unknown" },
    states: {
      notFoundTitle: "Not found",
      notFound: "This page does not exist, or you do not have access to it.",
      forbiddenTitle: "Access denied",
      forbidden: "Your role does not give access to this page.",
      forbiddenRole: (roles) =>
        `This page is for the “${roles.join("” or “")}” role. Your role in this workspace does not give access to it.`,
      errorTitle: "Something went wrong",
      error: "The server could not answer. Try again in a moment.",
      invalid: "The request was not accepted: some values are not valid.",
      tooLarge: "What was sent is too large.",
      conflict: "This data changed in the meantime. Reload the page, then try again.",
      periodLocked: (periods) =>
        `This change would alter the figures of the locked period${periods.length > 1 ? "s" : ""}${periods.length > 0 ? ` ${periods.join(", ")}` : ""}: the pilot lead must unlock it first, with a reason.`,
      rebuilding: "The territory's indicators are being recomputed: try again in a moment.",
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
      choose: "Choose…",
      restored:
        "What you typed was kept while you signed in again. Check it, then save it: nothing has been saved yet.",
    },
  },
);
