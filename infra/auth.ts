import { publicUrl } from "./web";

/**
 * Cognito: people sign in with their email on the pool's hosted page; the API exchanges the code
 * (authorization code flow with PKCE, functions/src/http/oauth.ts). Two pools because MFA is a
 * pool-level setting: members (leads, link workers, federations, funders) may enable TOTP; operators
 * must use it. Memberships stay in DynamoDB. The API binds each pool's `sub` to a Maillage person at
 * their first sign-in with a verified e-mail and finds them by `sub` afterwards; an e-mail change takes
 * effect only once the new address is verified.
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
        // The old (verified) address stays in force until the new one is verified: an unverified
        // e-mail never reaches an ID token as `email_verified: true` (the API refuses any other value).
        args.userAttributeUpdateSettings = { attributesRequireVerificationBeforeUpdates: ["email"] };
        args.deletionProtection = $app.stage === "production" ? "ACTIVE" : "INACTIVE";
      },
      // The classic hosted UI, pinned: its sign-in page does not depend on the app client's
      // explicitAuthFlows (managed login's forms would), so the client below allows refresh only.
      domain: (args) => {
        args.managedLoginVersion = 1;
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
        // Only what the console uses: the hosted UI's authorization code flow (above) and the API's
        // refresh; no password, SRP or custom flow can be started against this client directly.
        args.explicitAuthFlows = ["ALLOW_REFRESH_TOKEN_AUTH"];
        args.idTokenValidity = 60;
        // A session lasts the working day (README, "How a request runs"): the API renews the one-hour ID
        // token from this refresh token (HttpOnly cookie) for 8 h, the lifetime of its server-side
        // session too (MAILLAGE_SESSION_TTL_SECONDS), then the person signs in again.
        args.refreshTokenValidity = 8;
        // Revocation also puts `origin_jti` in ID tokens: the API's session id for one sign-in.
        args.enableTokenRevocation = true;
        args.tokenValidityUnits = { idToken: "minutes", accessToken: "minutes", refreshToken: "hours" };
      },
    },
  });
  const issuer = $interpolate`https://cognito-idp.${aws.getRegionOutput().region}.amazonaws.com/${userPool.id}`;
  return { userPool, client, issuer, domainUrl: userPool.domainUrl };
}

export const members = pool("Members", "optional");
export const operators = pool("Operators", "on");
