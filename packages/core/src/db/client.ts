import { DynamoDBClient, type DynamoDBClientConfig } from "@aws-sdk/client-dynamodb";
import { fromTemporaryCredentials } from "@aws-sdk/credential-providers";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { accessesOf } from "./enforce";
import { allows, sessionPolicy } from "./policy";
import * as Scope from "./scope";

/** Table name and endpoint come from the environment. */
export function tableName(): string {
  const name = process.env.MAILLAGE_TABLE;
  if (!name) throw new Error("MAILLAGE_TABLE is not set");
  return name;
}

function tableArn(): string {
  return process.env.MAILLAGE_TABLE_ARN ?? `arn:aws:dynamodb:eu-west-3:000000000000:table/${tableName()}`;
}

export class ScopeViolation extends Error {
  override name = "AccessDeniedException";
}

function baseConfig(): DynamoDBClientConfig {
  const endpoint = process.env.DYNAMODB_ENDPOINT;
  return { region: process.env.AWS_REGION ?? "eu-west-3", ...(endpoint ? { endpoint } : {}) };
}

function documentClient(client: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * Local runs and tests: one client whose every command is checked against the session policy of the
 * running scope, exactly as IAM would check the tenant-scoped credentials in AWS.
 */
function emulatingClient(): DynamoDBDocumentClient {
  const client = new DynamoDBClient(baseConfig());
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const accesses = accessesOf(context.commandName ?? "", args.input as Record<string, unknown>);
      if (accesses) {
        const scope = Scope.current();
        if (!scope) throw new ScopeViolation(`${context.commandName} outside any data scope`);
        const policy = sessionPolicy(scope, tableArn());
        for (const access of accesses) {
          const resource = access.index ? `${tableArn()}/index/${access.index}` : tableArn();
          if (!allows(policy, access.action, resource, access.leadingKeys)) {
            throw new ScopeViolation(
              `${access.action} on ${access.leadingKeys.join(", ")} is outside the request's data scope`,
            );
          }
        }
      }
      return next(args);
    },
    { step: "initialize", name: "maillageScopeCheck", priority: "high" },
  );
  return documentClient(client);
}

const MAX_SCOPED_CLIENTS = 200;
const scoped = new Map<string, DynamoDBDocumentClient>();

/**
 * AWS: one client per session policy, with credentials from STS AssumeRole on the tenant role.
 * The function's own role may only assume that role; the policy narrows it to the scope's partitions.
 * Policies name tenants and fixed patterns only (never a person), so a warm container holds one client
 * per tenant it served plus one for identity look-ups, and calls STS once per tenant, not per person
 * (the provider refreshes the 15-minute credentials itself).
 */
function assumedRoleClient(roleArn: string): DynamoDBDocumentClient {
  const scope = Scope.current();
  if (!scope) throw new ScopeViolation("DynamoDB access outside any data scope");
  const policy = sessionPolicy(scope, tableArn());
  const cacheKey = policy ? JSON.stringify(policy) : "platform";
  let client = scoped.get(cacheKey);
  if (!client) {
    if (scoped.size >= MAX_SCOPED_CLIENTS) {
      const oldest = scoped.keys().next().value;
      if (oldest !== undefined) scoped.delete(oldest);
    }
    const stsEndpoint = process.env.MAILLAGE_STS_ENDPOINT;
    const credentials = fromTemporaryCredentials({
      ...(stsEndpoint ? { clientConfig: { endpoint: stsEndpoint, region: baseConfig().region } } : {}),
      params: {
        RoleArn: roleArn,
        RoleSessionName: `maillage-${scope.kind}`,
        DurationSeconds: 900,
        ...(policy ? { Policy: JSON.stringify(policy) } : {}),
      },
    });
    client = documentClient(new DynamoDBClient({ ...baseConfig(), credentials }));
    scoped.set(cacheKey, client);
  }
  return client;
}

let shared: DynamoDBDocumentClient | undefined;

/** The DynamoDB client for the running scope. */
export function db(): DynamoDBDocumentClient {
  const roleArn = process.env.MAILLAGE_TENANT_ROLE_ARN;
  if (roleArn) return assumedRoleClient(roleArn);
  shared ??= emulatingClient();
  return shared;
}

/** For tests and local tooling that switch endpoints within one process. */
export function resetClient(): void {
  shared = undefined;
  scoped.clear();
}
