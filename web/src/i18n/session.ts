import { dictionary } from "./define";

/** Signing in, the workspaces chooser and invitation links. */
export const session = dictionary(
  {
    signIn: {
      title: "Connexion de démonstration",
      mission:
        "Maillage aide les territoires pilotes de prescription sociale à faire vivre et à évaluer leur dispositif : parcours, orientations, agents de liaison, ressources locales et indicateurs d'évaluation. Les fédérations et les financeurs n'y voient que des chiffres agrégés.",
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
    invitation: {
      title: "Invitation",
      accepting: "Validation de votre invitation…",
      missing:
        "Ce lien d'invitation est incomplet. Ouvrez le lien complet reçu, ou demandez une nouvelle invitation.",
      malformed:
        "Ce lien d'invitation est mal formé : il a sans doute été coupé ou modifié lors d'un copier-coller. Ouvrez le lien complet reçu par e-mail, ou demandez une nouvelle invitation.",
      invalid: "Ce lien d'invitation n'est pas valide ou a expiré. Demandez une nouvelle invitation.",
      signInFirst:
        "Cette invitation s'adresse à une personne qui a déjà un compte Maillage. Connectez-vous avec ce compte, puis ouvrez de nouveau le lien.",
      signIn: "Se connecter",
      already: "Vous êtes déjà membre de ce territoire.",
      failed: "L'invitation n'a pas pu être acceptée.",
    },
  },
  {
    signIn: {
      title: "Demo sign-in",
      mission:
        "Maillage helps social prescribing pilot territories run and evaluate their scheme: pathways, referral routes, link workers, local resources and evaluation indicators. Federations and funders only see aggregated figures.",
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
    invitation: {
      title: "Invitation",
      accepting: "Checking your invitation…",
      missing:
        "This invitation link is incomplete. Open the full link you received, or ask for a new invitation.",
      malformed:
        "This invitation link is malformed: it was probably cut or altered when copied. Open the full link from the email, or ask for a new invitation.",
      invalid: "This invitation link is invalid or has expired. Ask for a new invitation.",
      signInFirst:
        "This invitation is for someone who already has a Maillage account. Sign in with that account, then open the link again.",
      signIn: "Sign in",
      already: "You are already a member of this territory.",
      failed: "The invitation could not be accepted.",
    },
  },
);
