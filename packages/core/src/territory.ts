import {
  createId,
  type FieldIssue,
  type Territory as Info,
  issuesOf,
  message,
  TerritoryCreate,
  type TerritoryOverview,
  TerritoryProfileUpdate,
} from "@maillage/schema";
import * as v from "valibot";
import * as Actor from "./actor";
import { all, diff, SK_PREFIX, write } from "./db";
import { DirectoryEntity, MembershipEntity, TerritoryEntity } from "./entities";
import { MaillageError } from "./error";
import * as Communes from "./geo/communes";
import { asPublisher, publishOps } from "./publish";

export type { Info };

type Stored = v.InferOutput<typeof TerritoryEntity.schema>;

/** What the audit trail records of a profile change: the profile fields, never ids or versions. */
export const AUDITED_FIELDS = [
  "name",
  "carrierType",
  "carrierName",
  "communes",
  "population",
  "priorityNeighbourhoods",
  "programme",
  "startDate",
  "endDate",
] as const;

function toInfo({
  readers: _r,
  readersRev: _rr,
  membersCounted: _mc,
  territoryLeadCount: _tl,
  linkWorkerCount: _lw,
  ...info
}: Stored): Info {
  return info;
}

/**
 * The communes of a raw profile that are well-formed but unknown to the INSEE grid, as field issues:
 * reported together with the schema's own issues (a person fixes everything at once).
 */
export function communeIssues(input: unknown): FieldIssue[] {
  const communes = (input as { communes?: unknown } | null)?.communes;
  if (!Array.isArray(communes)) return [];
  const wellFormed = communes.filter(
    (code): code is string => typeof code === "string" && /^(\d{5}|2[AB]\d{3})$/.test(code),
  );
  return Communes.unknownCodes(wellFormed).map((code) => ({
    path: `communes.${communes.indexOf(code)}`,
    message: message("commune.unknown"),
  }));
}

/** Parses a profile with its schema and the communes check, in one pass. */
function parseProfile<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  const issues = [...(result.success ? [] : issuesOf(result.issues)), ...communeIssues(input)];
  if (!result.success || issues.length > 0) {
    throw new MaillageError("input.invalid", "The request is not valid", { issues });
  }
  return result.output;
}

/** The profile item as the overview reads it (route() may start this before access is granted). */
export const preload = (territoryId: string): Promise<unknown> => load(territoryId);

async function load(territoryId: string, consistent = false): Promise<Stored | undefined> {
  return TerritoryEntity.get([territoryId], { consistent });
}

/** The operator creates a territory (tenant): profile, directory entry and audit in one transaction. */
export async function create(raw: TerritoryCreate): Promise<Info> {
  Actor.assertOperator();
  const input = parseProfile(TerritoryCreate, raw);
  const now = new Date();
  const at = now.toISOString();
  const id = createId("territory");
  const territory: Info = { id, ...input, version: 1, createdAt: at, updatedAt: at };
  await write(
    [
      {
        Put: {
          Item: TerritoryEntity.item([id], {
            ...territory,
            readers: {},
            readersRev: 0,
            membersCounted: true,
            territoryLeadCount: 0,
            linkWorkerCount: 0,
          }),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      { Put: { Item: DirectoryEntity.item([id], { kind: "territory", id, createdAt: at }) } },
    ],
    [
      {
        contextId: id,
        action: "territory.create",
        entityType: "territory",
        entity: id,
        entityLabel: territory.name,
        changes: diff(null, territory, AUDITED_FIELDS),
      },
    ],
    now,
  );
  return territory;
}
create.schema = TerritoryCreate;

/** The actor's own territory. */
export async function get(): Promise<Info> {
  const territory = await load(Actor.territoryId());
  if (!territory) throw new MaillageError("territory.not_found", "Territory not found");
  return toInfo(territory);
}

/**
 * The overview is one read: the profile item names its federations and funders (kept by attach and
 * detach) and counts its members (kept by membership changes).
 */
export async function overview(preloaded?: Promise<unknown>): Promise<TerritoryOverview> {
  const territoryId = Actor.territoryId();
  const stored = preloaded ? ((await preloaded) as Stored | undefined) : await load(territoryId);
  if (!stored) throw new MaillageError("territory.not_found", "Territory not found");
  const members = stored.membersCounted
    ? { territory_lead: stored.territoryLeadCount, link_worker: stored.linkWorkerCount }
    : await countMembers(territoryId);
  const territory = toInfo(stored);
  const readers = Object.entries(stored.readers)
    .map(([id, name]) => ({ id, name }))
    .sort((a, b) => a.name.localeCompare(b.name, "fr"));
  return {
    territory,
    communes: territory.communes.map(Communes.describe),
    ...Communes.rurality(territory.communes),
    members,
    federations: readers.filter((r) => r.id.startsWith("fed_")),
    funders: readers.filter((r) => r.id.startsWith("fun_")),
  };
}

/** Territories created before the counts were kept: counted from the members index. */
async function countMembers(territoryId: string) {
  const members = await all(MembershipEntity, {
    index: "gsi1",
    partition: territoryId,
    prefix: SK_PREFIX.member,
  });
  return {
    territory_lead: members.filter((m) => m.role === "territory_lead").length,
    link_worker: members.filter((m) => m.role === "link_worker").length,
  };
}

const conflict = async (territoryId: string) =>
  new MaillageError("territory.version_conflict", "The territory was changed by someone else", {
    current: toInfo((await load(territoryId, true)) as Stored),
  });

/**
 * A lead edits the profile. Optimistic concurrency: the write only succeeds if the stored version is
 * the one the lead started from (409 with the current profile otherwise). The new summary is published
 * to every reader in the same transaction; the condition on `readersRev` makes an edit that raced an
 * attach or detach retry with the new list of readers. An unchanged save changes nothing.
 */
export async function update(raw: TerritoryProfileUpdate): Promise<Info> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const { version, ...profile } = parseProfile(TerritoryProfileUpdate, raw);
  for (let attempt = 0; ; attempt++) {
    const before = await load(territoryId, true);
    if (!before) throw new MaillageError("territory.not_found", "Territory not found");
    if (before.version !== version) throw await conflict(territoryId);
    const changes = diff(before, profile, AUDITED_FIELDS);
    if (changes.length === 0) return toInfo(before);
    const now = new Date();
    const after: Stored = { ...before, ...profile, version: version + 1, updatedAt: now.toISOString() };
    const readerIds = Object.keys(before.readers);
    let raced = false;
    try {
      await asPublisher(territoryId, readerIds, () =>
        write(
          [
            {
              Put: {
                Item: TerritoryEntity.item([territoryId], after),
                ConditionExpression: "version = :version AND readersRev = :rev",
                ExpressionAttributeValues: { ":version": version, ":rev": before.readersRev },
              },
              onConditionFailed: () => {
                raced = true;
                return new MaillageError("territory.version_conflict", "Changed meanwhile");
              },
            },
            ...publishOps(toInfo(after), readerIds, now.toISOString()),
          ],
          [
            {
              contextId: territoryId,
              action: "territory.update",
              entityType: "territory",
              entity: territoryId,
              entityLabel: after.name,
              changes,
            },
          ],
          now,
        ),
      );
      return toInfo(after);
    } catch (error) {
      // Lost the race: to another edit (409), or to an attach/detach (retry with the new readers).
      if (!raced || attempt >= 4) throw error;
    }
  }
}
update.schema = TerritoryProfileUpdate;
