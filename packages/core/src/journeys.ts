import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  createId,
  delaysOf,
  type FieldIssue,
  funnelIssues,
  issuesOf as issuesOfSchema,
  JOURNEY_CODE_ALPHABET,
  JourneyAssignment,
  JourneyCreate,
  type JourneyEvent,
  JourneyEventWrite,
  JourneyId,
  JourneyMeasureWrite,
  type JourneyPerson,
  type JourneyQuery,
  JourneySettings,
  JourneySettingsUpdate,
  JourneySummary,
  JourneyUpdate,
  type MeasureInput,
  measureIssues,
  milestonesOf,
  OPEN_STATUSES,
  type Page,
  type Pathway as PathwayInfo,
  routeKey,
  StoredMeasure,
  sortEvents,
  statusOf,
  type Track,
  VersionBody,
} from "@maillage/schema";
import * as v from "valibot";
import * as Actor from "./actor";
import * as Batch from "./batch";
import * as Clock from "./clock";
import { db, diff, entity, Keys, page, queryAll, tableName, type WriteOp, write } from "./db";
import { MaillageError } from "./error";
import { parse } from "./fn";
import * as Communes from "./geo/communes";
import { LinkWorkerEntity } from "./link-workers";
import * as Measures from "./measures";
import * as Pathway from "./pathway";
import {
  formatReference,
  guardDelete,
  guardEntity,
  guardPut,
  isCode,
  readerTenant,
  reserveNumbers,
  versionCondition,
  visibility,
  writerTenant,
} from "./referenced";
import { Referrals } from "./referrals";
import { ResourceEntity } from "./resources";
import * as Rollups from "./rollups";

/**
 * Journeys (parcours individuels): a header (person, status, milestones: what lists, caseloads and
 * rollups read) and a detail (events and measures), in one partition per journey, written together
 * with optimistic concurrency on the header's version. Every change re-validates the whole journey
 * against the funnel's rules (`@maillage/schema` funnel.ts), so a stored journey is always valid.
 *
 * Who sees what: a lead every journey of the territory; a link worker those assigned to them (or all
 * of the territory's when the lead shares them with the team); nobody else (no route, no data scope).
 * Anything else answers 404, whether the journey exists or not.
 */

export const Summary = JourneySummary;
export type Summary = v.InferOutput<typeof JourneySummary>;

const Detail = v.object({
  id: v.string(),
  events: v.array(v.record(v.string(), v.unknown())),
  measures: v.array(StoredMeasure),
});
type Detail = { id: string; events: JourneyEvent[]; measures: StoredMeasure[] };

export const JourneyEntity = entity({ type: "journey", schema: JourneySummary, key: Keys.journey });
export const JourneyDetailEntity = entity({
  type: "journey_detail",
  schema: Detail,
  key: Keys.journeyDetail,
});
export const JourneyCodeEntity = guardEntity("journey_code", Keys.journeyCode);
export const JourneyRefEntity = guardEntity("journey_ref", Keys.journeyRef);

const SettingsStored = JourneySettings;
export const JourneySettingsEntity = entity({
  type: "journey_settings",
  schema: SettingsStored,
  key: Keys.journeySettings,
});

export interface Journey extends Summary {
  events: JourneyEvent[];
  measures: StoredMeasure[];
  delays: ReturnType<typeof delaysOf>;
  linkWorkerName: string | null;
}

/** The person's attributes and assignment the audit trail records (coded values only). */
const AUDITED = ["person", "track", "linkWorkerId", "externalReference", "status"] as const;

const notFound = () => new MaillageError("journey.not_found", "Journey not found");
const referenceTaken = () =>
  new MaillageError("journey.reference_taken", "Another journey of the territory has this reference");
const invalid = (issues: FieldIssue[]) =>
  new MaillageError("input.invalid", "The request is not valid", { issues });

// ---------------------------------------------------------------------------------------------------
// What a journey is checked against: the territory's pathway, routes, link workers, resources.

export interface Context {
  territoryId: string;
  today: string;
  pathway: PathwayInfo;
  routes: Set<string>;
  linkWorkers: Map<string, { name: string; userId: string | null }>;
  settings: v.InferOutput<typeof SettingsStored>;
}

async function settingsOf(territoryId: string, consistent = false) {
  const stored = await JourneySettingsEntity.get([territoryId], { consistent });
  return stored ?? { sharing: "assigned" as const, version: 0, updatedAt: null, customMeasures: [] };
}

async function linkWorkersOf(territoryId: string) {
  const [result, pending] = await Promise.all([
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": Keys.linkWorkers(territoryId) },
      }),
    ),
    Batch.pendingRuns(territoryId),
  ]);
  const map = new Map<string, { name: string; userId: string | null }>();
  for (const raw of result.Items ?? []) {
    const seen = Batch.visible(raw, pending);
    if (seen?.type !== LinkWorkerEntity.type) continue;
    const worker = LinkWorkerEntity.parse(seen);
    map.set(worker.id, { name: worker.name, userId: worker.userId ?? null });
  }
  return map;
}

async function contextOf(territoryId: string): Promise<Context> {
  const [pathway, referrals, linkWorkers, settings] = await Promise.all([
    Pathway.get(),
    Referrals.get(),
    linkWorkersOf(territoryId),
    settingsOf(territoryId),
  ]);
  return {
    territoryId,
    today: Clock.today(),
    pathway,
    routes: new Set(referrals.routes.filter((r) => r.enabled).map(routeKey)),
    linkWorkers,
    settings,
  };
}

/** The journeys the actor may see: all (lead, job, team sharing) or those of their link-worker records. */
async function scopeOf(territoryId: string, known?: Pick<Context, "linkWorkers" | "settings">) {
  const actor = Actor.use();
  if (actor.type === "system" || actor.role === "territory_lead")
    return { all: true, own: new Set<string>() };
  const [settings, workers] = known
    ? [known.settings, known.linkWorkers]
    : await Promise.all([settingsOf(territoryId), linkWorkersOf(territoryId)]);
  const own = new Set([...workers].filter(([, w]) => w.userId === actor.userId).map(([id]) => id));
  return { all: settings.sharing === "team", own };
}

const mayAccess = (scope: { all: boolean; own: Set<string> }, journey: Summary) =>
  scope.all || (journey.linkWorkerId !== null && scope.own.has(journey.linkWorkerId));

// ---------------------------------------------------------------------------------------------------
// Validation and derivation: pure, given the context.

/** Integrated when the pathway has an integrated track whose markers the person has (any / all). */
export function proposedTrack(person: JourneyPerson, pathway: Pick<PathwayInfo, "integratedTrack">): Track {
  const track = pathway.integratedTrack;
  if (!track) return "standard";
  const has = {
    no_housing: person.precarity.includes("no_stable_housing"),
    no_health_cover: person.precarity.includes("no_health_cover"),
    psychiatric_comorbidity: person.psychiatricComorbidity === "yes",
    chronic_condition: person.chronicCondition === "yes",
  } as const;
  const matches = track.markers.map((marker) => has[marker]);
  const eligible = track.markerRule === "all" ? matches.every(Boolean) : matches.some(Boolean);
  return eligible ? "integrated" : "standard";
}

export interface Draft {
  person: JourneyPerson;
  track: Track;
  linkWorkerId: string | null;
  externalReference: string | null;
  events: (v.InferOutput<typeof JourneyCreate>["events"][number] & { id?: string })[];
  measures: (MeasureInput & { score?: Record<string, unknown> })[];
}

/** Every issue of a journey against the territory (schema issues aside): the funnel, references, scores. */
function issuesOf(draft: Draft, ctx: Context, resources: Set<string>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (draft.person.commune && Communes.unknownCodes([draft.person.commune]).length > 0) {
    issues.push({ path: "person.commune", message: "commune.unknown" });
  }
  if (draft.linkWorkerId && !ctx.linkWorkers.has(draft.linkWorkerId)) {
    issues.push({ path: "linkWorkerId", message: "link_worker.unknown" });
  }
  draft.events.forEach((event, index) => {
    if (event.type === "referral" && !ctx.routes.has(event.route)) {
      issues.push({ path: `events.${index}.route`, message: "referral.route.unknown" });
    }
    if (event.type === "orientation" && !resources.has(event.resourceId)) {
      issues.push({ path: `events.${index}.resourceId`, message: "resource.unknown" });
    }
  });
  issues.push(...funnelIssues(draft.events, ctx.today));
  const steps = new Set(ctx.pathway.steps.filter((s) => !s.retired).map((s) => s.id));
  draft.measures.forEach((measure, index) => {
    if (measure.stepId && !steps.has(measure.stepId)) {
      issues.push({ path: `measures.${index}.stepId`, message: "step.unknown" });
    }
    const scored = Measures.scoreOf(measure, ctx.settings.customMeasures);
    if (!scored.ok) {
      issues.push(...scored.issues.map((i) => ({ ...i, path: `measures.${index}.${i.path}` })));
    } else measure.score = scored.score;
  });
  issues.push(...measureIssues(draft.measures, draft.events, ctx.today));
  return issues;
}

/** The resources a draft orients to that exist, with their pillar (what the indicators count by). */
async function existingResources(territoryId: string, events: Draft["events"]): Promise<Map<string, string>> {
  const ids = [...new Set(events.flatMap((e) => (e.type === "orientation" ? [e.resourceId] : [])))];
  if (ids.length === 0) return new Map();
  const found = await ResourceEntity.getMany(ids.map((id) => [territoryId, id] as const));
  return new Map(found.map((r) => [r.id, r.pillar]));
}

/** A journey's orientations as the indicators read them (`Summary.orientations`). */
function orientationsOf(events: readonly JourneyEvent[], pillars: ReadonlyMap<string, string>) {
  return events.flatMap((e) =>
    e.type === "orientation"
      ? [
          {
            date: e.date,
            pillar: pillars.get(e.resourceId) ?? "unknown",
            attended: e.attendance === "attended" ? true : e.attendance === "not_attended" ? false : null,
          },
        ]
      : [],
  );
}

/** The header and detail of a valid draft (ids given to new events and measures). */
function build(
  draft: Draft,
  _ctx: Context,
  ids: { id: string; code: string; version: number; createdAt: string },
  now: Date,
  pillars: ReadonlyMap<string, string>,
): { summary: Summary; detail: Detail } {
  const events = sortEvents(
    draft.events.map((e) => ({ ...e, id: e.id ?? createId("event") }) as JourneyEvent),
  );
  const measures = draft.measures
    .map(
      (m): StoredMeasure => ({
        id: m.id ?? createId("measure"),
        instrument: m.instrument,
        timepoint: m.timepoint,
        date: m.date,
        stepId: m.stepId ?? null,
        answers: m.answers,
        score: m.score ?? {},
      }),
    )
    .sort((a, b) => (a.date === b.date ? a.id.localeCompare(b.id) : a.date < b.date ? -1 : 1));
  const referral = events.find((e) => e.type === "referral");
  const exits = events.filter((e) => e.type === "exit");
  const status = statusOf(events);
  const lastExit = status === "completed" || OPEN.has(status) ? undefined : exits.at(-1);
  const commune = draft.person.commune ? Communes.describe(draft.person.commune) : null;
  const summary: Summary = {
    id: ids.id,
    code: ids.code,
    externalReference: draft.externalReference,
    linkWorkerId: draft.linkWorkerId,
    person: draft.person,
    rurality: commune?.density ?? null,
    track: draft.track,
    status,
    route: referral?.type === "referral" ? referral.route : null,
    exitReason: OPEN.has(status)
      ? null
      : ((exits.at(-1) as { reason?: Summary["exitReason"] })?.reason ?? null),
    declineReason:
      (lastExit as { declineReason?: Summary["declineReason"] } | undefined)?.declineReason ?? null,
    milestones: milestonesOf(events),
    orientations: orientationsOf(events, pillars),
    outcomes: outcomesOf(measures),
    version: ids.version,
    createdAt: ids.createdAt,
    updatedAt: now.toISOString(),
  };
  return { summary, detail: { id: ids.id, events, measures } };
}

/** The values of one scored measure, by outcome key (see `JourneySummary.outcomes`). */
function valuesOf(measure: StoredMeasure): [string, number][] {
  const score = measure.score as Record<string, unknown>;
  const num = (value: unknown) => (typeof value === "number" ? value : null);
  switch (measure.instrument) {
    case "WEMWBS":
      return [["WEMWBS", num(score.total)]].filter((e): e is [string, number] => e[1] !== null);
    case "SWEMWBS":
      return [["SWEMWBS", num(score.metric)]].filter((e): e is [string, number] => e[1] !== null);
    case "UCLA3": {
      const out: [string, number][] = [];
      const total = num(score.total);
      if (total !== null) out.push(["UCLA3", total]);
      if (typeof score.oftenOrAlwaysLonely === "boolean")
        out.push(["LONELY_OFTEN", score.oftenOrAlwaysLonely ? 1 : 0]);
      return out;
    }
    case "ONS4":
      return ["life_satisfaction", "worthwhile", "happiness", "anxiety"].flatMap(
        (question): [string, number][] => {
          const value = num((score[question] as { value?: unknown } | undefined)?.value);
          return value === null ? [] : [[`ONS4_${question.toUpperCase()}`, value]];
        },
      );
    default: {
      const total = num(score.total);
      return total === null ? [] : [[measure.instrument, total]];
    }
  }
}

/** Baseline and latest follow-up value of each outcome (measures are in date order). */
function outcomesOf(measures: readonly StoredMeasure[]): NonNullable<Summary["outcomes"]> {
  const outcomes: NonNullable<Summary["outcomes"]> = {};
  for (const measure of measures) {
    for (const [key, value] of valuesOf(measure)) {
      const entry = outcomes[key] ?? { baseline: null, followUp: null };
      outcomes[key] = entry;
      if (measure.timepoint === "baseline") entry.baseline = value;
      else entry.followUp = value;
    }
  }
  return outcomes;
}

const OPEN = new Set<string>(OPEN_STATUSES);

function toJourney(summary: Summary, detail: Detail, ctx: Pick<Context, "pathway" | "linkWorkers">): Journey {
  return {
    ...summary,
    events: detail.events,
    measures: detail.measures,
    delays: delaysOf(summary.milestones, ctx.pathway, summary.track),
    linkWorkerName: summary.linkWorkerId ? (ctx.linkWorkers.get(summary.linkWorkerId)?.name ?? null) : null,
  };
}

/** What an audit entry may say of an event: its coded values (never a goal's label or a note). */
function codedEvent(event: JourneyEvent): Record<string, unknown> {
  const { id: _id, ...rest } = event as JourneyEvent & Record<string, unknown>;
  const coded: Record<string, unknown> = { ...rest };
  delete coded.note;
  delete coded.reason;
  if (event.type === "exit") coded.reason = event.reason;
  if (event.type === "plan") coded.goals = event.goals.map((g) => g.pillar);
  return coded;
}

function codedMeasure(measure: StoredMeasure): Record<string, unknown> {
  return {
    instrument: measure.instrument,
    timepoint: measure.timepoint,
    date: measure.date,
    score: measure.score,
  };
}

/** JSON with every object's keys sorted: a stored map comes back from DynamoDB in any key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}

function changesOf(
  before: { summary: Summary; detail: Detail } | null,
  after: { summary: Summary; detail: Detail } | null,
) {
  const changes = diff(before?.summary, after?.summary, AUDITED);
  const events = (d?: Detail) => new Map((d?.events ?? []).map((e) => [e.id, canonical(codedEvent(e))]));
  const measures = (d?: Detail) =>
    new Map((d?.measures ?? []).map((m) => [m.id, canonical(codedMeasure(m))]));
  for (const [field, of] of [
    ["events", events],
    ["measures", measures],
  ] as const) {
    const a = of(before?.detail);
    const b = of(after?.detail);
    for (const id of new Set([...a.keys(), ...b.keys()])) {
      if (a.get(id) === b.get(id)) continue;
      changes.push({
        field,
        before: a.has(id) ? JSON.parse(a.get(id) as string) : null,
        after: b.has(id) ? JSON.parse(b.get(id) as string) : null,
      });
    }
  }
  return changes;
}

// ---------------------------------------------------------------------------------------------------
// Reads.

interface Read {
  summary: Summary;
  detail: Detail;
  /** Staged by an import not yet folded: the version condition must name the staged image. */
  stagedRun: string | null;
}

async function readJourney(
  territoryId: string,
  journeyId: string,
  consistent = false,
): Promise<Read | undefined> {
  if (!v.is(JourneyId, journeyId)) return undefined;
  const [result, pending] = await Promise.all([
    db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": Keys.journeyPartition(territoryId, journeyId) },
        ...(consistent ? { ConsistentRead: true } : {}),
      }),
    ),
    Batch.pendingRuns(territoryId),
  ]);
  let summary: Summary | undefined;
  let detail: Detail | undefined;
  let stagedRun: string | null = null;
  for (const raw of result.Items ?? []) {
    const seen = Batch.visible(raw, pending);
    if (!seen) continue;
    if (seen.type === JourneyEntity.type) {
      summary = JourneyEntity.parse(seen);
      if (typeof raw.stagedRun === "string") {
        if (pending.has(raw.stagedRun)) {
          throw new MaillageError(
            "batch.conflict",
            "An import is changing this journey: try again once it is done",
          );
        }
        stagedRun = raw.stagedRun;
      }
    }
    if (seen.type === JourneyDetailEntity.type) detail = JourneyDetailEntity.parse(seen) as Detail;
  }
  return summary && detail ? { summary, detail, stagedRun } : undefined;
}

/** One journey, if the actor may see it (404 otherwise, whether it exists or not). */
export async function get(journeyId: string): Promise<Journey> {
  const territoryId = readerTenant();
  const [read, ctx] = await Promise.all([readJourney(territoryId, journeyId), contextOf(territoryId)]);
  if (!read || !mayAccess(await scopeOf(territoryId, ctx), read.summary)) throw notFound();
  return toJourney(read.summary, read.detail, ctx);
}

/** A page of the journeys the actor may see, newest referral first; by status or link worker. */
export async function list(query: JourneyQuery = {}): Promise<Page<Summary>> {
  const territoryId = readerTenant();
  const scope = await scopeOf(territoryId);
  const limit = query.limit ?? 50;
  const byWorker = query.linkWorkerId ?? (!scope.all && scope.own.size === 1 ? [...scope.own][0] : undefined);
  // Without a status and with every journey of the partition visible to the actor, no filter: a page
  // reads `limit` items, no more.
  const filtering = Boolean(query.status) || !scope.all;
  const filter = (item: Summary) => (!query.status || item.status === query.status) && mayAccess(scope, item);
  if (!scope.all && scope.own.size === 0) return { items: [], next: null };
  return page(JourneyEntity, {
    ...(byWorker
      ? { index: "gsi2" as const, partition: Keys.caseload(territoryId, byWorker) }
      : { index: "gsi1" as const, partition: Keys.journeys(territoryId) }),
    descending: true,
    limit,
    cursor: query.cursor,
    ...(filtering ? { filter } : {}),
    maxRead: 1000,
    ...visibility(territoryId),
  });
}

// ---------------------------------------------------------------------------------------------------
// Writes.

function drawCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(6));
  const chars = [...bytes].map((b) => JOURNEY_CODE_ALPHABET[b % 32]);
  return `${chars.slice(0, 3).join("")}-${chars.slice(3).join("")}`;
}

/** The rows of a journey (header with its index keys, detail), as items to put. */
export function itemsOf(territoryId: string, summary: Summary, detail: Detail) {
  return {
    header: JourneyEntity.item(
      [
        territoryId,
        summary.id,
        { referral: summary.milestones.referral ?? "0000-00-00", linkWorkerId: summary.linkWorkerId },
      ],
      summary,
    ),
    detail: JourneyDetailEntity.item([territoryId, summary.id], detail as v.InferInput<typeof Detail>),
  };
}

async function writerContext(): Promise<Context> {
  const territoryId = readerTenant();
  return contextOf(territoryId);
}

/** Validates a draft in full (schema issues are raised before): 400 with every issue, or the built journey. */
async function validated(draft: Draft, ctx: Context): Promise<Map<string, string>> {
  const resources = await existingResources(ctx.territoryId, draft.events);
  const issues = issuesOf(draft, ctx, new Set(resources.keys()));
  if (issues.length > 0) throw invalid(issues);
  return resources;
}

/**
 * Records a journey: a code drawn by the server (unique in the territory: a guard item), the header,
 * the detail and the audit entry in one transaction. A link worker records journeys for themselves.
 */
export async function create(raw: unknown): Promise<Journey> {
  const ctx = await writerContext();
  const input = parse(JourneyCreate, raw);
  const scope = await scopeOf(ctx.territoryId, ctx);
  const linkWorkerId = input.linkWorkerId;
  if (!scope.all && !(linkWorkerId && scope.own.has(linkWorkerId))) {
    throw invalid([{ path: "linkWorkerId", message: "link_worker.unknown" }]);
  }
  const draft: Draft = {
    person: input.person,
    track: input.track ?? proposedTrack(input.person, ctx.pathway),
    linkWorkerId,
    externalReference: input.externalReference ?? null,
    events: input.events,
    measures: input.measures,
  };
  const [pillars, guard] = await Promise.all([validated(draft, ctx), Rollups.guardOf(ctx.territoryId)]);
  const now = new Date();
  const id = createId("journey");
  for (let attempt = 0; ; attempt++) {
    const code = drawCode();
    const built = build(draft, ctx, { id, code, version: 1, createdAt: now.toISOString() }, now, pillars);
    const items = itemsOf(ctx.territoryId, built.summary, built.detail);
    try {
      await write(
        [
          ...Rollups.journeyOps(guard, null, built.summary),
          { Put: { Item: items.header, ConditionExpression: "attribute_not_exists(pk)" } },
          { Put: { Item: items.detail, ConditionExpression: "attribute_not_exists(pk)" } },
          guardPut(
            JourneyCodeEntity.item([ctx.territoryId, code], { targetId: id, reference: code }),
            () => new MaillageError("journey.reference_taken", "code taken"),
          ),
          ...(draft.externalReference
            ? [
                guardPut(
                  JourneyRefEntity.item([ctx.territoryId, draft.externalReference], {
                    targetId: id,
                    reference: draft.externalReference,
                  }),
                  referenceTaken,
                ),
              ]
            : []),
        ],
        [audit(ctx.territoryId, "journey.create", built.summary, changesOf(null, built))],
        now,
      );
      return toJourney(built.summary, built.detail, ctx);
    } catch (error) {
      // A drawn code already taken (one chance in a billion per journey): draw again.
      if (
        !isCode(error, "journey.reference_taken") ||
        (error as MaillageError).message !== "code taken" ||
        attempt > 5
      ) {
        throw error;
      }
    }
  }
}
create.schema = JourneyCreate;

function audit(territoryId: string, action: string, summary: Summary, changes: ReturnType<typeof changesOf>) {
  return {
    contextId: territoryId,
    action,
    entityType: "journey",
    entity: summary.id,
    entityLabel: summary.code,
    changes,
  };
}

/** Reads a journey the actor may write, at the version they saw (409 with the current journey otherwise). */
async function forWrite(journeyId: string, version: number) {
  const territoryId = readerTenant();
  const [ctx, read] = await Promise.all([contextOf(territoryId), readJourney(territoryId, journeyId, true)]);
  const scope = await scopeOf(territoryId, ctx);
  if (!read || !mayAccess(scope, read.summary)) throw notFound();
  if (read.summary.version !== version) {
    throw new MaillageError("journey.version_conflict", "The journey was changed by someone else", {
      current: toJourney(read.summary, read.detail, ctx),
    });
  }
  return { ctx, read, scope };
}

function draftOf(read: Read): Draft {
  return {
    person: read.summary.person,
    track: read.summary.track,
    linkWorkerId: read.summary.linkWorkerId,
    externalReference: read.summary.externalReference,
    events: read.detail.events,
    measures: read.detail.measures,
  };
}

/** Writes a changed journey: header and detail replaced at the version read, guards moved, audited. */
async function save(
  action: string,
  ctx: Context,
  read: Read,
  draft: Draft,
  extra: WriteOp[] = [],
): Promise<Journey> {
  const [pillars, guard] = await Promise.all([validated(draft, ctx), Rollups.guardOf(ctx.territoryId)]);
  const now = new Date();
  const next = build(
    draft,
    ctx,
    {
      id: read.summary.id,
      code: read.summary.code,
      version: read.summary.version + 1,
      createdAt: read.summary.createdAt,
    },
    now,
    pillars,
  );
  const changes = changesOf(read, next);
  if (changes.length === 0) return toJourney(read.summary, read.detail, ctx);
  const items = itemsOf(ctx.territoryId, next.summary, next.detail);
  const condition = versionCondition(
    { raw: read.stagedRun ? { stagedRun: read.stagedRun } : undefined },
    read.summary.version,
  );
  const before = read.summary.externalReference;
  const after = draft.externalReference;
  const moved = (before ?? "").toUpperCase() !== (after ?? "").toUpperCase();
  await write(
    [
      {
        Put: { Item: items.header, ...condition },
        onConditionFailed: async () => {
          const current = await readJourney(ctx.territoryId, read.summary.id, true);
          return new MaillageError("journey.version_conflict", "The journey was changed by someone else", {
            ...(current ? { current: toJourney(current.summary, current.detail, ctx) } : {}),
          });
        },
      },
      { Put: { Item: items.detail } },
      ...(moved && before
        ? [guardDelete(JourneyRefEntity.key(ctx.territoryId, before), read.summary.id)]
        : []),
      ...(moved && after
        ? [
            guardPut(
              JourneyRefEntity.item([ctx.territoryId, after], {
                targetId: read.summary.id,
                reference: after,
              }),
              referenceTaken,
            ),
          ]
        : []),
      ...extra,
      ...Rollups.journeyOps(guard, read.summary, next.summary),
    ],
    [audit(ctx.territoryId, action, next.summary, changes)],
    now,
  );
  return toJourney(next.summary, next.detail, ctx);
}

/** The person's attributes, the track and the pilot's reference. */
export async function update(journeyId: string, raw: unknown): Promise<Journey> {
  const input = parse(JourneyUpdate, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  return save("journey.update", ctx, read, {
    ...draftOf(read),
    person: input.person,
    track: input.track,
    externalReference: input.externalReference ?? null,
  });
}
update.schema = JourneyUpdate;

/** A lead assigns the journey to a link worker (or to nobody): audited. */
export async function assign(journeyId: string, raw: unknown): Promise<Journey> {
  Actor.territoryId(["territory_lead"]);
  const input = parse(JourneyAssignment, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  return save("journey.reassign", ctx, read, { ...draftOf(read), linkWorkerId: input.linkWorkerId });
}
assign.schema = JourneyAssignment;

/** Adds an event (a reopening is audited as such). */
export async function addEvent(journeyId: string, raw: unknown): Promise<Journey> {
  const input = parse(JourneyEventWrite, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  const { id: _ignored, ...event } = input.event;
  const draft = draftOf(read);
  const events = [...draft.events, event];
  const action = event.type === "reopen" ? "journey.reopen" : "journey.event";
  return saveWithPaths(action, ctx, read, { ...draft, events }, events.length - 1, "event");
}
addEvent.schema = JourneyEventWrite;

/** Replaces one event (same id), e.g. an orientation now attended, a revised plan. */
export async function updateEvent(journeyId: string, eventId: string, raw: unknown): Promise<Journey> {
  const input = parse(JourneyEventWrite, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  const draft = draftOf(read);
  const index = draft.events.findIndex((e) => e.id === eventId);
  if (index < 0) throw new MaillageError("journey.not_found", "Event not found");
  const events = draft.events.map((e, i) => (i === index ? { ...input.event, id: eventId } : e));
  return saveWithPaths("journey.event", ctx, read, { ...draft, events }, index, "event");
}
updateEvent.schema = JourneyEventWrite;

export async function removeEvent(journeyId: string, eventId: string, raw: unknown): Promise<Journey> {
  const input = parse(VersionBody, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  const draft = draftOf(read);
  if (!draft.events.some((e) => e.id === eventId))
    throw new MaillageError("journey.not_found", "Event not found");
  return save("journey.event", ctx, read, { ...draft, events: draft.events.filter((e) => e.id !== eventId) });
}
removeEvent.schema = VersionBody;

export async function addMeasure(journeyId: string, raw: unknown): Promise<Journey> {
  const input = parse(JourneyMeasureWrite, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  const { id: _ignored, ...measure } = input.measure;
  const draft = draftOf(read);
  const measures = [...draft.measures, measure];
  return saveWithPaths("journey.measure", ctx, read, { ...draft, measures }, measures.length - 1, "measure");
}
addMeasure.schema = JourneyMeasureWrite;

export async function updateMeasure(journeyId: string, measureId: string, raw: unknown): Promise<Journey> {
  const input = parse(JourneyMeasureWrite, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  const draft = draftOf(read);
  const index = draft.measures.findIndex((m) => m.id === measureId);
  if (index < 0) throw new MaillageError("journey.not_found", "Measure not found");
  const measures = draft.measures.map((m, i) => (i === index ? { ...input.measure, id: measureId } : m));
  return saveWithPaths("journey.measure", ctx, read, { ...draft, measures }, index, "measure");
}
updateMeasure.schema = JourneyMeasureWrite;

export async function removeMeasure(journeyId: string, measureId: string, raw: unknown): Promise<Journey> {
  const input = parse(VersionBody, raw);
  const { ctx, read } = await forWrite(journeyId, input.version);
  const draft = draftOf(read);
  if (!draft.measures.some((m) => m.id === measureId)) {
    throw new MaillageError("journey.not_found", "Measure not found");
  }
  return save("journey.measure", ctx, read, {
    ...draft,
    measures: draft.measures.filter((m) => m.id !== measureId),
  });
}
removeMeasure.schema = VersionBody;

/**
 * Saves a draft in which one event or measure is new or changed: its issues are reported on the body's
 * `event.…` / `measure.…` paths (what the person sent), the others on the journey's own paths.
 */
async function saveWithPaths(
  action: string,
  ctx: Context,
  read: Read,
  draft: Draft,
  index: number,
  kind: "event" | "measure",
): Promise<Journey> {
  try {
    return await save(action, ctx, read, draft);
  } catch (error) {
    if (error instanceof MaillageError && error.code === "input.invalid") {
      const prefix = kind === "event" ? `events.${index}` : `measures.${index}`;
      const issues = ((error.details?.issues ?? []) as FieldIssue[]).map((issue) =>
        issue.path === prefix || issue.path.startsWith(`${prefix}.`)
          ? { ...issue, path: `${kind}${issue.path.slice(prefix.length)}` }
          : issue,
      );
      throw invalid(issues);
    }
    throw error;
  }
}

/** A lead deletes a journey (a record entered by mistake): header, detail and guards, audited. */
export async function remove(journeyId: string, raw: unknown): Promise<void> {
  Actor.territoryId(["territory_lead"]);
  const input = parse(VersionBody, raw);
  const [{ ctx, read }, guard] = await Promise.all([
    forWrite(journeyId, input.version),
    Rollups.guardOf(readerTenant()),
  ]);
  const now = new Date();
  const { summary } = read;
  await write(
    [
      ...Rollups.journeyOps(guard, summary, null),
      {
        Delete: {
          Key: JourneyEntity.key(ctx.territoryId, journeyId),
          ConditionExpression: "#version = :version AND attribute_not_exists(stagedRun)",
          ExpressionAttributeNames: { "#version": "version" },
          ExpressionAttributeValues: { ":version": summary.version },
        },
        onConditionFailed: () =>
          new MaillageError("journey.version_conflict", "The journey was changed by someone else"),
      },
      { Delete: { Key: JourneyDetailEntity.key(ctx.territoryId, journeyId) } },
      guardDelete(JourneyCodeEntity.key(ctx.territoryId, summary.code), journeyId),
      ...(summary.externalReference
        ? [guardDelete(JourneyRefEntity.key(ctx.territoryId, summary.externalReference), journeyId)]
        : []),
    ],
    [audit(ctx.territoryId, "journey.delete", summary, changesOf(read, null))],
    now,
  );
}
remove.schema = VersionBody;

// ---------------------------------------------------------------------------------------------------
// Settings: sharing and the territory's own measures.

export async function settings(): Promise<JourneySettings> {
  return settingsOf(readerTenant());
}

export async function updateSettings(raw: unknown) {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(JourneySettingsUpdate, raw);
  const current = await settingsOf(territoryId, true);
  if (current.version !== input.version) {
    throw new MaillageError(
      "journey_settings.version_conflict",
      "The settings were changed by someone else",
      {
        current,
      },
    );
  }
  const customMeasures = input.customMeasures ?? current.customMeasures;
  const issues = Measures.definitionIssues(customMeasures, current.customMeasures);
  if (issues.length > 0) throw invalid(issues);
  const changes = diff(current, { ...input, customMeasures }, ["sharing", "customMeasures"]);
  if (changes.length === 0) return current;
  const now = new Date();
  const next = {
    ...current,
    sharing: input.sharing,
    customMeasures,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  await write(
    [
      {
        Put: {
          Item: JourneySettingsEntity.item([territoryId], next),
          ...(current.version === 0
            ? { ConditionExpression: "attribute_not_exists(pk)" }
            : {
                ConditionExpression: "#version = :version",
                ExpressionAttributeNames: { "#version": "version" },
                ExpressionAttributeValues: { ":version": current.version },
              }),
        },
        onConditionFailed: () =>
          new MaillageError("journey_settings.version_conflict", "The settings were changed by someone else"),
      },
    ],
    [
      {
        contextId: territoryId,
        action: "journey_settings.update",
        entityType: "journey_settings",
        entity: "journey-settings",
        entityLabel: "Partage des parcours",
        changes,
      },
    ],
    now,
  );
  return next;
}
updateSettings.schema = JourneySettingsUpdate;

// ---------------------------------------------------------------------------------------------------
// The batch path (journey imports, the demo cohort): pure validation against a context read once,
// then rows staged on their final keys (header, detail, code and reference guards).

/** What a whole file is checked against: the context, and the catalogue's resource ids. */
export interface BatchContext extends Context {
  resources: Set<string>;
  /** The catalogue's resources' pillars, by id (orientations are counted by pillar). */
  pillars: Map<string, string>;
  /** Codes already drawn in the territory (and in this batch): a new journey never reuses one. */
  codes: Set<string>;
}

export async function batchContext(): Promise<BatchContext> {
  const territoryId = readerTenant();
  const [ctx, pillars, codes] = await Promise.all([
    contextOf(territoryId),
    resourcePillars(territoryId),
    queryKeys(Keys.journeyCode(territoryId, "").pk),
  ]);
  return { ...ctx, resources: new Set(pillars.keys()), pillars, codes };
}

/** Every resource of the catalogue that readers see, with its pillar. */
async function resourcePillars(territoryId: string): Promise<Map<string, string>> {
  const [items, pending] = await Promise.all([
    queryAll<Record<string, unknown>>({
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": Keys.resources(territoryId) },
    }),
    Batch.pendingRuns(territoryId),
  ]);
  const pillars = new Map<string, string>();
  for (const raw of items) {
    const seen = Batch.visible(raw, pending);
    if (seen && typeof seen.pillar === "string") pillars.set(String(seen.sk), seen.pillar);
  }
  return pillars;
}

async function queryKeys(partition: string): Promise<Set<string>> {
  const keys = new Set<string>();
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": partition },
        ProjectionExpression: "sk",
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of result.Items ?? []) keys.add(String(item.sk));
    start = result.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** Parses and checks one journey (a JourneyCreate-shaped value): the draft, or every issue with its path. */
export function checkDraft(
  raw: unknown,
  ctx: BatchContext,
): { ok: true; value: Draft } | { ok: false; issues: FieldIssue[] } {
  const result = v.safeParse(JourneyCreate, raw);
  if (!result.success) return { ok: false, issues: issuesOfSchema(result.issues) };
  const input = result.output;
  const draft: Draft = {
    person: input.person,
    track: input.track ?? proposedTrack(input.person, ctx.pathway),
    linkWorkerId: input.linkWorkerId,
    externalReference: input.externalReference ?? null,
    events: input.events,
    measures: input.measures,
  };
  const issues = issuesOf(draft, ctx, ctx.resources);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: draft };
}

/** The territory's journeys by upper-cased external reference (what readers see), for matching rows. */
export async function byReference(): Promise<Map<string, Summary>> {
  const territoryId = readerTenant();
  const refs = new Map<string, string>();
  let start: Record<string, unknown> | undefined;
  do {
    const result = await db().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": Keys.journeyRefs(territoryId) },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of result.Items ?? []) {
      const target = (item.staged as { targetId?: string } | undefined)?.targetId ?? item.targetId;
      if (typeof target === "string") refs.set(String(item.sk), target);
    }
    start = result.LastEvaluatedKey;
  } while (start);
  const map = new Map<string, Summary>();
  const headers = await JourneyEntity.getMany(
    [...new Set(refs.values())].map((id) => [territoryId, id] as const),
  );
  const byId = new Map(headers.map((h) => [h.id, h]));
  for (const [reference, id] of refs) {
    const header = byId.get(id);
    if (header) map.set(reference, header);
  }
  return map;
}

export interface BatchRows {
  rows: Batch.Row[];
  kind: "create" | "update" | "unchanged";
  id: string;
  /** The journey's header before and after (null: absent), from which its rollup change is computed. */
  before: Summary | null;
  after: Summary | null;
}

/**
 * The rows of one checked draft: a new journey (a fresh code, not in `ctx.codes`, which records it),
 * or a new image of `existing` (matched by its external reference; its id and code are kept).
 */
export async function batchRows(
  draft: Draft,
  existing: Summary | undefined,
  ctx: BatchContext,
  now: Date,
): Promise<BatchRows> {
  const territoryId = ctx.territoryId;
  if (existing) {
    const read = await readJourney(territoryId, existing.id, true);
    if (!read) throw notFound();
    const next = build(
      { ...withStoredIds(draft, read.detail), linkWorkerId: draft.linkWorkerId ?? read.summary.linkWorkerId },
      ctx,
      {
        id: read.summary.id,
        code: read.summary.code,
        version: read.summary.version + 1,
        createdAt: read.summary.createdAt,
      },
      now,
      ctx.pillars,
    );
    if (changesOf(read, next).length === 0) {
      return { rows: [], kind: "unchanged", id: existing.id, before: read.summary, after: read.summary };
    }
    const items = itemsOf(territoryId, next.summary, next.detail);
    return {
      rows: [
        { key: JourneyEntity.key(territoryId, existing.id), item: items.header },
        { key: JourneyDetailEntity.key(territoryId, existing.id), item: items.detail },
      ],
      kind: "update",
      id: existing.id,
      before: read.summary,
      after: next.summary,
    };
  }
  const id = createId("journey");
  let code = drawCode();
  while (ctx.codes.has(code)) code = drawCode();
  ctx.codes.add(code);
  const built = build(draft, ctx, { id, code, version: 1, createdAt: now.toISOString() }, now, ctx.pillars);
  const items = itemsOf(territoryId, built.summary, built.detail);
  const rows: Batch.Row[] = [
    { key: JourneyEntity.key(territoryId, id), item: items.header },
    { key: JourneyDetailEntity.key(territoryId, id), item: items.detail },
    {
      key: JourneyCodeEntity.key(territoryId, code),
      item: JourneyCodeEntity.item([territoryId, code], { targetId: id, reference: code }),
    },
  ];
  if (draft.externalReference) {
    rows.push({
      key: JourneyRefEntity.key(territoryId, draft.externalReference),
      item: JourneyRefEntity.item([territoryId, draft.externalReference], {
        targetId: id,
        reference: draft.externalReference,
      }),
    });
  }
  return { rows, kind: "create", id, before: null, after: built.summary };
}

/**
 * A new image keeps the ids of the stored events and measures it matches (same step, by rank; same
 * scale and time point, by rank), so that re-importing an unchanged row changes nothing.
 */
function withStoredIds(draft: Draft, detail: Detail): Draft {
  const pool = (keys: [string, string][]) => {
    const map = new Map<string, string[]>();
    for (const [key, id] of keys) map.set(key, [...(map.get(key) ?? []), id]);
    return map;
  };
  const events = pool(detail.events.map((e) => [e.type, e.id]));
  const measures = pool(detail.measures.map((m) => [`${m.instrument}#${m.timepoint}`, m.id]));
  return {
    ...draft,
    events: draft.events.map((e) => (e.id ? e : { ...e, id: events.get(e.type)?.shift() })),
    measures: draft.measures.map((m) =>
      m.id ? m : { ...m, id: measures.get(`${m.instrument}#${m.timepoint}`)?.shift() },
    ),
  };
}

export const REFERENCE_PREFIX = "PAR";
const REFERENCE_COUNTER = "JRN";
const REFERENCE_DIGITS = 5;

/** `count` new external references ("PAR-00042"…), for the rows of a file that have none. */
export async function reserveReferences(count: number): Promise<string[]> {
  if (count <= 0) return [];
  const first = await reserveNumbers(writerTenant(), REFERENCE_COUNTER, count);
  return Array.from({ length: count }, (_, i) =>
    formatReference(REFERENCE_PREFIX, first + i, REFERENCE_DIGITS),
  );
}
