import { publicUrl } from "./web";

/**
 * Cognito: people sign in with their email on the pool's hosted page; the API exchanges the code
 * (authorization code flow with PKCE, functions/src/http/oauth.ts). Two pools because MFA is a
 * pool-level setting: members (leads, link workers, federations, funders) may enable TOTP; operators
 * must use it. Memberships stay in DynamoDB (the API maps the ID token's email to a person).
 */
const accountId = aws.getCallerIdentityOutput().accountId;

const passwordPolicy = {
  minimumLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
  temporaryPasswordValidityDays: 7,
};

function pool(name: string, mfa: "optional" | "on") {
  const userPool = new sst.aws.CognitoUserPool(name, {
    usernames: ["email"],
    mfa,
    softwareToken: true,
    // Hosted UI prefixes are unique per region across all AWS accounts: the account id keeps ours apart.
    domain: { prefix: $interpolate`maillage-${$app.stage}-${name.toLowerCase()}-${accountId}` },
    transform: {
      userPool: (args) => {
        args.passwordPolicy = passwordPolicy;
        args.adminCreateUserConfig = {
          allowAdminCreateUserOnly: true,
          inviteMessageTemplate: {
            emailSubject: "Invitation à Maillage",
            emailMessage: $interpolate`Bonjour,<br>vous êtes invité·e sur Maillage (prescription sociale) : ${publicUrl}<br>Identifiant : {username}<br>Mot de passe provisoire : {####}<br>Vous le changerez à la première connexion.`,
          },
        };
        args.accountRecoverySetting = { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] };
        args.deletionProtection = $app.stage === "production" ? "ACTIVE" : "INACTIVE";
      },
    },
  });
  const client = userPool.addClient("Console", {
    transform: {
      client: (args) => {
        args.generateSecret = false;
        args.allowedOauthFlowsUserPoolClient = true;
        args.allowedOauthFlows = ["code"];
        args.allowedOauthScopes = ["openid", "email"];
        args.callbackUrls = [$interpolate`${publicUrl}/api/session/callback`];
        args.logoutUrls = [$interpolate`${publicUrl}/connexion`];
        args.idTokenValidity = 60;
        // The API renews the ID token from this refresh token (HttpOnly cookie) and revokes it at sign-out.
        args.refreshTokenValidity = 30;
        args.enableTokenRevocation = true;
        args.tokenValidityUnits = { idToken: "minutes", accessToken: "minutes", refreshToken: "days" };
      },
    },
  });
  const issuer = $interpolate`https://cognito-idp.${aws.getRegionOutput().region}.amazonaws.com/${userPool.id}`;
  return { userPool, client, issuer, domainUrl: userPool.domainUrl };
}

export const members = pool("Members", "optional");
export const operators = pool("Operators", "on");
