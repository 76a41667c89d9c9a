import { apiRolePolicy, tenantRolePolicy, tenantRoleTrustPolicy } from "../packages/core/src/db/policy";
import { dataKey, table } from "./storage";

/**
 * Tenant isolation in IAM (AWS SaaS Factory pattern). The API's own role has no DynamoDB access: it
 * may only assume the tenant role, and the API always passes a session policy with
 * dynamodb:LeadingKeys for the request's scope. The policy documents are pure functions shared with the
 * runtime and unit-tested (packages/core/src/db/policy.ts, packages/core/test/policy.test.ts).
 */
export const apiRole = new aws.iam.Role("ApiRole", {
  assumeRolePolicy: aws.iam.assumeRolePolicyForPrincipal({ Service: "lambda.amazonaws.com" }),
});

new aws.iam.RolePolicyAttachment("ApiRoleLogs", {
  role: apiRole.name,
  policyArn: "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
});

export const tenantRole = new aws.iam.Role("TenantRole", {
  maxSessionDuration: 3600,
  assumeRolePolicy: apiRole.arn.apply((arn) => JSON.stringify(tenantRoleTrustPolicy(arn))),
});

new aws.iam.RolePolicy("TenantRoleData", {
  role: tenantRole.id,
  policy: table.arn.apply((arn) => JSON.stringify(tenantRolePolicy(arn))),
});

new aws.iam.RolePolicy("TenantRoleKey", {
  role: tenantRole.id,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        effect: "Allow",
        actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
        resources: [dataKey.arn],
      },
    ],
  }).json,
});

new aws.iam.RolePolicy("ApiRoleAssumeTenant", {
  role: apiRole.id,
  policy: tenantRole.arn.apply((arn) => JSON.stringify(apiRolePolicy(arn))),
});
