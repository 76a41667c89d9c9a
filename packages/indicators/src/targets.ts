import { DEFAULT_STEP_IDS, type Pathway } from "@maillage/schema";

/** The parameters the default catalogue's delay targets read (`{ parameter: … }`). */
export const TARGET_PARAMETERS = {
  referralToFirstContactDays: "referralToFirstContactDays",
  referralToFirstActivityDays: "referralToFirstActivityDays",
} as const;

const [, ORIENT, CO_BUILD, SUPPORT] = DEFAULT_STEP_IDS;

/**
 * The delay targets of the territory's pathway, from the referral: to first contact, the target of
 * step 2 (Orienter); to first activity, steps 2 + 3 + 4 (each step's target runs from the previous
 * step, as `delaysOf` reads them). A target is left out when one of its steps has none or is retired.
 * The integrated track's overrides apply when `track` is "integrated".
 */
export function pathwayParameters(
  pathway: Pick<Pathway, "steps" | "integratedTrack">,
  track: "standard" | "integrated" = "standard",
): Record<string, number> {
  const targetOf = (stepId: string | undefined): number | null => {
    const step = pathway.steps.find((s) => s.id === stepId);
    if (!step || step.retired) return null;
    const override =
      track === "integrated"
        ? pathway.integratedTrack?.overrides.find((o) => o.stepId === stepId)
        : undefined;
    return override?.targetDelayDays ?? step.targetDelayDays;
  };
  const sum = (ids: (string | undefined)[]) => {
    const targets = ids.map(targetOf);
    return targets.some((t) => t === null) ? null : (targets as number[]).reduce((a, b) => a + b, 0);
  };
  const parameters: Record<string, number> = {};
  const contact = sum([ORIENT]);
  const activity = sum([ORIENT, CO_BUILD, SUPPORT]);
  if (contact !== null) parameters[TARGET_PARAMETERS.referralToFirstContactDays] = contact;
  if (activity !== null) parameters[TARGET_PARAMETERS.referralToFirstActivityDays] = activity;
  return parameters;
}
