import type { Scope } from "./scope";

/**
 * IAM session policies for tenant-scoped DynamoDB credentials (AWS SaaS Factory pattern): the API's
 * role can only assume the tenant role, and every assumption carries one of these policies, so the
 * credentials themselves cannot reach another tenant's partition.
 */
export const READ_ACTIONS = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:Query",
  "dynamodb:ConditionCheckItem",
] as const;
export const WRITE_ACTIONS = [
  "dynamodb:PutItem",
  "dynamodb:UpdateItem",
  "dynamodb:DeleteItem",
  "dynamodb:BatchWriteItem",
] as const;

export type Action = (typeof READ_ACTIONS)[number] | (typeof WRITE_ACTIONS)[number] | "dynamodb:Scan";

export interface Statement {
  Sid: string;
  Effect: "Allow";
  Action: string[];
  Resource: string[];
  Condition?: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": string[] } };
}

export interface PolicyDocument {
  Version: "2012-10-17";
  Statement: Statement[];
}

/** STS rejects session policies over 2,048 characters (plain text, before packing). */
export const MAX_SESSION_POLICY_CHARS = 2048;

/** The session policy for a scope; `undefined` for the platform scope (the role's own policy applies). */
export function sessionPolicy(scope: Scope, tableArn: string): PolicyDocument | undefined {
  if (scope.kind === "platform") return undefined;
  const Resource = [tableArn, `${tableArn}/index/*`];
  const statements: Statement[] = [];
  if (scope.readWrite.length > 0) {
    statements.push({
      Sid: "TenantReadWrite",
      Effect: "Allow",
      Action: [...READ_ACTIONS, ...WRITE_ACTIONS],
      Resource,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [...scope.readWrite] } },
    });
  }
  if (scope.readOnly.length > 0) {
    statements.push({
      Sid: "ReadOnly",
      Effect: "Allow",
      Action: [...READ_ACTIONS],
      Resource,
      Condition: { "ForAllValues:StringLike": { "dynamodb:LeadingKeys": [...scope.readOnly] } },
    });
  }
  return { Version: "2012-10-17", Statement: statements };
}

const compiled = new Map<string, RegExp>();

/** IAM StringLike: `*` matches any run of characters, everything else is literal. */
function like(pattern: string, value: string): boolean {
  let regex = compiled.get(pattern);
  if (!regex) {
    const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
    regex = new RegExp(`^${escaped}$`);
    if (compiled.size > 10_000) compiled.clear();
    compiled.set(pattern, regex);
  }
  return regex.test(value);
}

/**
 * Evaluates a policy for one request the way IAM does for these statement shapes: some statement
 * allows the action on the resource and, with ForAllValues, every leading key matches a pattern.
 * Used to enforce the same policies locally against DynamoDB Local.
 */
export function allows(
  policy: PolicyDocument | undefined,
  action: Action,
  resource: string,
  leadingKeys: readonly string[],
): boolean {
  if (!policy) return true;
  return policy.Statement.some((statement) => {
    if (!statement.Action.includes(action)) return false;
    if (!statement.Resource.some((r) => like(r, resource))) return false;
    const patterns = statement.Condition?.["ForAllValues:StringLike"]["dynamodb:LeadingKeys"];
    if (!patterns) return true;
    return leadingKeys.every((key) => patterns.some((pattern) => like(pattern, key)));
  });
}

/** The tenant role's own policy: the ceiling every session policy narrows. Item actions only, no Scan. */
export function tenantRolePolicy(tableArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "TableItems",
        Effect: "Allow",
        Action: [...READ_ACTIONS, ...WRITE_ACTIONS],
        Resource: [tableArn, `${tableArn}/index/*`],
      },
    ],
  };
}

/** Who may assume the tenant role: the API function's role, and nothing else. */
export function tenantRoleTrustPolicy(apiRoleArn: string) {
  return {
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { AWS: apiRoleArn }, Action: "sts:AssumeRole" }],
  };
}

/** The API function role's only permission beyond logging: assuming the tenant role. */
export function apiRolePolicy(tenantRoleArn: string): PolicyDocument {
  return {
    Version: "2012-10-17",
    Statement: [
      { Sid: "AssumeTenantRole", Effect: "Allow", Action: ["sts:AssumeRole"], Resource: [tenantRoleArn] },
    ],
  };
}
