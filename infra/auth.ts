/**
 * Cognito: people sign in with their email. Two pools because MFA is a pool-level setting:
 * members (leads, link workers, federations, funders) may enable TOTP; operators must use it.
 * Memberships stay in DynamoDB (the API maps the ID token's email to a person), so no groups are needed.
 */
const passwordPolicy = {
  minimumLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireNumbers: true,
  requireSymbols: false,
  temporaryPasswordValidityDays: 7,
};

function pool(name: string, mfa: "optional" | "on") {
  return new sst.aws.CognitoUserPool(name, {
    usernames: ["email"],
    mfa,
    softwareToken: true,
    transform: {
      userPool: (args) => {
        args.passwordPolicy = passwordPolicy;
        args.adminCreateUserConfig = { allowAdminCreateUserOnly: true };
        args.accountRecoverySetting = { recoveryMechanisms: [{ name: "verified_email", priority: 1 }] };
        args.deletionProtection = $app.stage === "production" ? "ACTIVE" : "INACTIVE";
      },
    },
  });
}

export const members = pool("Members", "optional");
export const membersClient = members.addClient("Console");

export const operators = pool("Operators", "on");
export const operatorsClient = operators.addClient("OperatorConsole");

export const issuer = $interpolate`https://cognito-idp.${aws.getRegionOutput().region}.amazonaws.com/${members.id}`;
export const operatorIssuer = $interpolate`https://cognito-idp.${aws.getRegionOutput().region}.amazonaws.com/${operators.id}`;
