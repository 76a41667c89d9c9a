import type { Action } from "./policy";

type Input = Record<string, unknown>;

/** A key attribute may arrive marshalled ({ S: "ter_…" }) or native, depending on the step. */
function str(value: unknown): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && "S" in value) return String((value as { S: unknown }).S);
  return String(value);
}

function pkOf(key: unknown): string {
  return str((key as Input | undefined)?.pk);
}

/** Our key conditions always start with `<partition attribute> = :value`. */
function queryPartition(input: Input): string {
  const match = /^\s*#?(\w+)\s*=\s*(:\w+)/.exec(String(input.KeyConditionExpression ?? ""));
  const values = (input.ExpressionAttributeValues ?? {}) as Input;
  return match?.[2] ? str(values[match[2]]) : "";
}

export interface Access {
  action: Action;
  /** Table ARN suffix: the table itself, or `/index/<name>`. */
  index?: string;
  leadingKeys: string[];
}

/** What one DynamoDB command asks for, in IAM terms (TransactWriteItems is one access per item). */
export function accessesOf(commandName: string, input: Input): Access[] | undefined {
  switch (commandName) {
    case "GetItemCommand":
      return [{ action: "dynamodb:GetItem", leadingKeys: [pkOf(input.Key)] }];
    case "PutItemCommand":
      return [{ action: "dynamodb:PutItem", leadingKeys: [pkOf(input.Item)] }];
    case "UpdateItemCommand":
      return [{ action: "dynamodb:UpdateItem", leadingKeys: [pkOf(input.Key)] }];
    case "DeleteItemCommand":
      return [{ action: "dynamodb:DeleteItem", leadingKeys: [pkOf(input.Key)] }];
    case "QueryCommand":
      return [
        {
          action: "dynamodb:Query",
          ...(input.IndexName ? { index: String(input.IndexName) } : {}),
          leadingKeys: [queryPartition(input)],
        },
      ];
    case "BatchGetItemCommand": {
      const tables = Object.values((input.RequestItems ?? {}) as Record<string, { Keys: unknown[] }>);
      return [{ action: "dynamodb:BatchGetItem", leadingKeys: tables.flatMap((t) => t.Keys.map(pkOf)) }];
    }
    case "BatchWriteItemCommand": {
      const tables = Object.values((input.RequestItems ?? {}) as Record<string, Input[]>);
      return [
        {
          action: "dynamodb:BatchWriteItem",
          leadingKeys: tables.flatMap((requests) =>
            requests.map((r) =>
              r.PutRequest ? pkOf((r.PutRequest as Input).Item) : pkOf((r.DeleteRequest as Input)?.Key),
            ),
          ),
        },
      ];
    }
    case "TransactWriteItemsCommand":
      return ((input.TransactItems ?? []) as Input[]).map((item) => {
        if (item.Put) return { action: "dynamodb:PutItem", leadingKeys: [pkOf((item.Put as Input).Item)] };
        if (item.Update)
          return { action: "dynamodb:UpdateItem", leadingKeys: [pkOf((item.Update as Input).Key)] };
        if (item.Delete)
          return { action: "dynamodb:DeleteItem", leadingKeys: [pkOf((item.Delete as Input).Key)] };
        return {
          action: "dynamodb:ConditionCheckItem",
          leadingKeys: [pkOf((item.ConditionCheck as Input | undefined)?.Key)],
        };
      });
    case "ScanCommand":
      return [{ action: "dynamodb:Scan", leadingKeys: [] }];
    default:
      return undefined;
  }
}
