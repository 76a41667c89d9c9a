import {
  type AuditChange,
  createId,
  defaultPathway,
  type Pathway as Info,
  Pathway as PathwaySchema,
  PathwayUpdate,
  pathwayIssues,
  type Step,
} from "@maillage/schema";
import * as Actor from "./actor";
import { diff, Keys, type WriteOp, write } from "./db";
import { entity } from "./db/entity";
import { MaillageError } from "./error";
import { parse } from "./fn";
import { readerTenant } from "./referenced";
import { PartnerSchemeEntity } from "./referrals";

export type { Info };

/** One item per territory (`ter_X / PATHWAY`); absent until the lead first saves. */
export const PathwayEntity = entity({ type: "pathway", schema: PathwaySchema, key: Keys.pathway });

/** The record the audit trail names: a territory has one pathway (`GET …/audit?entity=pathway`). */
export const AUDIT_ENTITY = "pathway";

const STEP_FIELDS = [
  "name",
  "description",
  "responsibleActor",
  "targetDelayDays",
  "expectedDurationMinutes",
  "instruments",
  "retired",
] as const;
const TRACK_FIELDS = ["name", "description", "markers", "markerRule"] as const;
const OVERRIDE_FIELDS = [
  "responsibleActor",
  "targetDelayDays",
  "expectedDurationMinutes",
  "partnerSchemeIds",
  "note",
] as const;

const prefixed = (prefix: string, changes: AuditChange[]) =>
  changes.map((change) => ({ ...change, field: `${prefix}.${change.field}` }));

const stepFields = ({ id: _, ...fields }: Step) => fields;

/**
 * What a save changed, readably: `continuityModel`; per step `steps.<stepId>.<field>` (a new step as
 * `steps.<stepId>` with its fields and position); `steps.order` (step names before and after) when
 * the kept steps were reordered; the integrated track as a whole when added or removed, else
 * `integratedTrack.<field>` and `integratedTrack.overrides.<stepId>[.<field>]`.
 */
export function changesOf(before: Info, after: Info): AuditChange[] {
  const changes = diff(before, after, ["continuityModel"]);
  const previous = new Map(before.steps.map((step) => [step.id, step]));
  after.steps.forEach((step, index) => {
    const was = previous.get(step.id);
    if (was) changes.push(...prefixed(`steps.${step.id}`, diff(was, step, STEP_FIELDS)));
    else
      changes.push({
        field: `steps.${step.id}`,
        before: null,
        after: { position: index + 1, ...stepFields(step) },
      });
  });
  const kept = after.steps.filter((step) => previous.has(step.id)).map((step) => step.id);
  if (kept.join() !== before.steps.map((step) => step.id).join()) {
    changes.push({
      field: "steps.order",
      before: before.steps.map((step) => step.name),
      after: after.steps.map((step) => step.name),
    });
  }
  const [was, now] = [before.integratedTrack, after.integratedTrack];
  if (!was || !now) return [...changes, ...diff(before, after, ["integratedTrack"])];
  changes.push(...prefixed("integratedTrack", diff(was, now, TRACK_FIELDS)));
  const wasOverrides = new Map(was.overrides.map((o) => [o.stepId, o]));
  const nowOverrides = new Map(now.overrides.map((o) => [o.stepId, o]));
  for (const [stepId, override] of nowOverrides) {
    const field = `integratedTrack.overrides.${stepId}`;
    const old = wasOverrides.get(stepId);
    if (old) changes.push(...prefixed(field, diff(old, override, OVERRIDE_FIELDS)));
    else changes.push({ field, before: null, after: override });
  }
  for (const [stepId, old] of wasOverrides) {
    if (!nowOverrides.has(stepId)) {
      changes.push({ field: `integratedTrack.overrides.${stepId}`, before: old, after: null });
    }
  }
  return changes;
}

async function load(territoryId: string, consistent = false): Promise<Info> {
  return (await PathwayEntity.get([territoryId], { consistent })) ?? defaultPathway();
}

const conflict = (current: Info) =>
  new MaillageError("pathway.version_conflict", "The pathway was changed by someone else", { current });

/** The territory's pathway; the national six steps (version 0) until the lead first saves. */
export async function get(): Promise<Info> {
  return load(readerTenant());
}

/**
 * A lead saves the whole pathway from the version they read (0: the default). New steps get their
 * stable id here; stored steps are never deleted (retired instead). The integrated track's partner
 * schemes must exist and be active, checked again in the transaction. An unchanged save writes nothing
 * (but the first one: it adopts the default).
 */
export async function update(raw: PathwayUpdate): Promise<Info> {
  const territoryId = Actor.territoryId(["territory_lead"]);
  const input = parse(PathwayUpdate, raw);
  const stored = await PathwayEntity.get([territoryId], { consistent: true });
  const current = stored ?? defaultPathway();
  if (current.version !== input.version) throw conflict(current);
  const overrides = input.integratedTrack?.overrides ?? [];
  const schemeIds = [...new Set(overrides.flatMap((o) => o.partnerSchemeIds))];
  const schemes = await PartnerSchemeEntity.getMany(
    schemeIds.map((id): [string, string] => [territoryId, id]),
  );
  const issues = pathwayIssues(input, { storedStepIds: current.steps.map((step) => step.id), schemes });
  if (issues.length > 0) throw new MaillageError("input.invalid", "The request is not valid", { issues });
  const now = new Date();
  const next: Info = {
    continuityModel: input.continuityModel,
    steps: input.steps.map(({ id, ...fields }) => ({ id: id ?? createId("step"), ...fields })),
    integratedTrack: input.integratedTrack,
    version: current.version + 1,
    updatedAt: now.toISOString(),
  };
  const changes = changesOf(current, next);
  // Unchanged: nothing to write, except the first save, by which a pilot adopts the national default.
  if (changes.length === 0 && stored) return current;
  const schemeChecks: WriteOp[] = schemeIds.map((schemeId) => ({
    ConditionCheck: {
      Key: Keys.partnerScheme(territoryId, schemeId),
      ConditionExpression: "attribute_exists(pk) AND retired = :false",
      ExpressionAttributeValues: { ":false": false },
    },
    // Retired between the read and the write: the same answer as if it had been retired before.
    onConditionFailed: () => {
      const index = overrides.findIndex((o) => o.partnerSchemeIds.includes(schemeId));
      const at = overrides[index]?.partnerSchemeIds.indexOf(schemeId) ?? 0;
      return new MaillageError("input.invalid", "The request is not valid", {
        issues: [
          {
            path: `integratedTrack.overrides.${index}.partnerSchemeIds.${at}`,
            message: "partner_scheme.retired",
          },
        ],
      });
    },
  }));
  await write(
    [
      {
        Put: {
          Item: PathwayEntity.item([territoryId], next),
          ...(stored
            ? {
                ConditionExpression: "version = :version",
                ExpressionAttributeValues: { ":version": stored.version },
              }
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        },
        onConditionFailed: async () => conflict(await load(territoryId, true)),
      },
      ...schemeChecks,
    ],
    [
      {
        contextId: territoryId,
        action: "pathway.update",
        entityType: "pathway",
        entity: AUDIT_ENTITY,
        entityLabel: "Parcours-type",
        changes,
      },
    ],
    now,
  );
  return next;
}
update.schema = PathwayUpdate;
