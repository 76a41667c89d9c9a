import {
  type AuditChange,
  completeReferralSettings,
  createId,
  type Page,
  type PageQuery,
  type PartnerScheme,
  PartnerSchemeCreate,
  PartnerScheme as PartnerSchemeSchema,
  PartnerSchemeUpdate,
  ReferralSettings as ReferralSettingsSchema,
  ReferralSettingsUpdate,
  referralSettingsIssues,
  routeKey,
  type ReferralSettings as Settings,
} from "@maillage/schema";
import * as Actor from "./actor";
import { diff, Keys, page, SK_PREFIX, write } from "./db";
import { entity } from "./db/entity";
import { MaillageError } from "./error";
import { parse } from "./fn";
import { readerTenant } from "./referenced";

/** Referral routes and target groups: one item per territory (`ter_X / REFERRALS`), absent until saved. */
export const ReferralSettingsEntity = entity({
  type: "referral_settings",
  schema: ReferralSettingsSchema,
  key: Keys.referralSettings,
});

/** A partner scheme (`ter_X / SCHEME#sch_…`): retired, never deleted. */
export const PartnerSchemeEntity = entity({
  type: "partner_scheme",
  schema: PartnerSchemeSchema,
  key: Keys.partnerScheme,
});

const prefixed = (prefix: string, changes: AuditChange[]) =>
  changes.map((change) => ({ ...change, field: `${prefix}.${change.field}` }));

async function loadSettings(territoryId: string, consistent = false): Promise<Settings> {
  const stored = await ReferralSettingsEntity.get([territoryId], { consistent });
  return {
    ...completeReferralSettings(stored),
    version: stored?.version ?? 0,
    updatedAt: stored?.updatedAt ?? null,
  };
}

/** `routes.<key>.<field>` (key: `gp`, `health_professional:nurse`…) and `targetGroups.<group>.<field>`. */
function settingsChanges(before: Settings, after: Settings): AuditChange[] {
  const changes: AuditChange[] = [];
  const routes = new Map(before.routes.map((route) => [routeKey(route), route]));
  for (const route of after.routes) {
    const key = routeKey(route);
    changes.push(
      ...prefixed(`routes.${key}`, diff(routes.get(key), route, ["enabled", "label", "description"])),
    );
  }
  const groups = new Map(before.targetGroups.map((group) => [group.group, group]));
  for (const group of after.targetGroups) {
    changes.push(
      ...prefixed(
        `targetGroups.${group.group}`,
        diff(groups.get(group.group), group, ["enabled", "description"]),
      ),
    );
  }
  return changes;
}

const settingsConflict = (current: Settings) =>
  new MaillageError(
    "referral_settings.version_conflict",
    "The referral settings were changed by someone else",
    {
      current,
    },
  );

/** The record the audit trail names for the referral settings (`GET …/audit?entity=referral-settings`). */
export const SETTINGS_AUDIT_ENTITY = "referral-settings";

export const Referrals = {
  /** Every known route and target group, enabled or not (version 0 until first saved). */
  async get(): Promise<Settings> {
    return loadSettings(readerTenant());
  },

  /**
   * A lead saves routes and target groups from the version they read; those left out are disabled.
   * An unchanged save writes nothing.
   */
  async update(raw: ReferralSettingsUpdate): Promise<Settings> {
    const territoryId = Actor.territoryId(["territory_lead"]);
    const input = parse(ReferralSettingsUpdate, raw);
    const issues = referralSettingsIssues(input);
    if (issues.length > 0) throw new MaillageError("input.invalid", "The request is not valid", { issues });
    const current = await loadSettings(territoryId, true);
    if (current.version !== input.version) throw settingsConflict(current);
    const now = new Date();
    const next: Settings = {
      ...completeReferralSettings(input),
      version: current.version + 1,
      updatedAt: now.toISOString(),
    };
    const changes = settingsChanges(current, next);
    if (changes.length === 0) return current;
    await write(
      [
        {
          Put: {
            Item: ReferralSettingsEntity.item([territoryId], next),
            ...(current.version > 0
              ? {
                  ConditionExpression: "version = :version",
                  ExpressionAttributeValues: { ":version": current.version },
                }
              : { ConditionExpression: "attribute_not_exists(pk)" }),
          },
          onConditionFailed: async () => settingsConflict(await loadSettings(territoryId, true)),
        },
      ],
      [
        {
          contextId: territoryId,
          action: "referral_settings.update",
          entityType: "referral_settings",
          entity: SETTINGS_AUDIT_ENTITY,
          entityLabel: "Voies d'orientation et publics cibles",
          changes,
        },
      ],
      now,
    );
    return next;
  },
};

/** What the audit trail records of a scheme: its fields, the contact's one by one. */
const SCHEME_FIELDS = [
  "kind",
  "name",
  "description",
  "contact.structureName",
  "contact.contactRole",
  "contact.contactName",
  "contact.phone",
  "contact.email",
  "retired",
] as const;

const audited = ({ contact, ...scheme }: PartnerScheme): Record<string, unknown> => ({
  ...scheme,
  ...Object.fromEntries(Object.entries(contact).map(([field, value]) => [`contact.${field}`, value])),
});

const schemeNotFound = () => new MaillageError("partner_scheme.not_found", "Partner scheme not found");

const schemeConflict = (current: PartnerScheme | undefined) =>
  new MaillageError("partner_scheme.version_conflict", "The partner scheme was changed by someone else", {
    current,
  });

export const PartnerSchemes = {
  /** The territory's partner schemes, retired ones included (flagged), in creation order, a page at a time. */
  async list(query: PageQuery = {}): Promise<Page<PartnerScheme>> {
    return page(PartnerSchemeEntity, {
      partition: Actor.territoryId(),
      prefix: SK_PREFIX.partnerScheme,
      limit: query.limit ?? 50,
      cursor: query.cursor,
    });
  },

  async get(schemeId: string): Promise<PartnerScheme> {
    const scheme = await PartnerSchemeEntity.get([Actor.territoryId(), schemeId]);
    if (!scheme) throw schemeNotFound();
    return scheme;
  },

  async create(raw: PartnerSchemeCreate): Promise<PartnerScheme> {
    const territoryId = Actor.territoryId(["territory_lead"]);
    const input = parse(PartnerSchemeCreate, raw);
    const now = new Date();
    const at = now.toISOString();
    const scheme: PartnerScheme = {
      id: createId("partnerScheme"),
      ...input,
      retired: false,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await write(
      [
        {
          Put: {
            Item: PartnerSchemeEntity.item([territoryId, scheme.id], scheme),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
      [
        {
          contextId: territoryId,
          action: "partner_scheme.create",
          entityType: "partner_scheme",
          entity: scheme.id,
          entityLabel: scheme.name,
          changes: diff(null, audited(scheme), SCHEME_FIELDS),
        },
      ],
      now,
    );
    return scheme;
  },

  /**
   * A lead edits a scheme from the version they read (409 with the stored one otherwise); `retired`
   * retires or restores it (audited as such). An unchanged save writes nothing.
   */
  async update(schemeId: string, raw: PartnerSchemeUpdate): Promise<PartnerScheme> {
    const territoryId = Actor.territoryId(["territory_lead"]);
    const { version, ...input } = parse(PartnerSchemeUpdate, raw);
    const before = await PartnerSchemeEntity.get([territoryId, schemeId], { consistent: true });
    if (!before) throw schemeNotFound();
    if (before.version !== version) throw schemeConflict(before);
    const now = new Date();
    const after: PartnerScheme = { ...before, ...input, version: version + 1, updatedAt: now.toISOString() };
    const changes = diff(audited(before), audited(after), SCHEME_FIELDS);
    if (changes.length === 0) return before;
    const action =
      before.retired === after.retired
        ? "partner_scheme.update"
        : after.retired
          ? "partner_scheme.retire"
          : "partner_scheme.restore";
    await write(
      [
        {
          Put: {
            Item: PartnerSchemeEntity.item([territoryId, schemeId], after),
            ConditionExpression: "version = :version",
            ExpressionAttributeValues: { ":version": version },
          },
          onConditionFailed: async () =>
            schemeConflict(await PartnerSchemeEntity.get([territoryId, schemeId], { consistent: true })),
        },
      ],
      [
        {
          contextId: territoryId,
          action,
          entityType: "partner_scheme",
          entity: schemeId,
          entityLabel: after.name,
          changes,
        },
      ],
      now,
    );
    return after;
  },
};
