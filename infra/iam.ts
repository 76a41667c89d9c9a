import { table } from "./storage";

/**
 * Tenant isolation in IAM (AWS SaaS Factory pattern). The API's own role has no DynamoDB access:
 * it may only assume the tenant role, and the API always passes a session policy with
 * dynamodb:LeadingKeys for the request's tenant (packages/core/src/db/policy.ts). The tenant role's
 * own policy is the ceiling; the operator's platform-wide work uses it without a session policy.
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
  assumeRolePolicy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        effect: "Allow",
        principals: [{ type: "AWS", identifiers: [apiRole.arn] }],
        actions: ["sts:AssumeRole"],
      },
    ],
  }).json,
});

new aws.iam.RolePolicy("TenantRoleData", {
  role: tenantRole.id,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [
      {
        effect: "Allow",
        actions: [
          "dynamodb:GetItem",
          "dynamodb:BatchGetItem",
          "dynamodb:Query",
          "dynamodb:ConditionCheckItem",
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:BatchWriteItem",
        ],
        resources: [table.arn, $interpolate`${table.arn}/index/*`],
      },
      {
        effect: "Allow",
        actions: ["kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey", "kms:DescribeKey"],
        resources: ["*"],
        conditions: [
          {
            test: "StringEquals",
            variable: "kms:ViaService",
            values: [$interpolate`dynamodb.${aws.getRegionOutput().region}.amazonaws.com`],
          },
        ],
      },
    ],
  }).json,
});

new aws.iam.RolePolicy("ApiRoleAssumeTenant", {
  role: apiRole.id,
  policy: aws.iam.getPolicyDocumentOutput({
    statements: [{ effect: "Allow", actions: ["sts:AssumeRole"], resources: [tenantRole.arn] }],
  }).json,
});
