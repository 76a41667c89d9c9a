import * as Actor from "../actor";
import * as Clock from "../clock";
import * as Indicators from "../indicators";

/**
 * The demo's indicator settings: economic figures and manual health-use values entered by each lead
 * with their provenance, and, when the territory has its synthetic cohort, one past quarter locked.
 * Every figure here is the demo's own and says so in its source: the product never supplies a cost or
 * an effect size. The one real figure is the GP consultation fee (consultation G, 30 € since
 * 22 December 2024, convention médicale 2024 between the Assurance maladie and GPs' unions).
 */
export interface SeedIndicators {
  territoryId: string;
  lead: { id: string; displayName: string };
  /** GP and unplanned hospital use changes (%) the demo enters for its last complete quarters. */
  gpChange: number;
  hospitalChange: number;
  /** Lock the quarter before the last complete one (the territory has a cohort to lock). */
  lock: boolean;
}

const DEMO = "Démonstration : valeur fictive saisie pour la démo, à remplacer par les données du territoire";

/** The quarter `back` quarters before the one of `today` (1: the last complete quarter). */
export function quarterBefore(today: string, back: number): string {
  const year = Number(today.slice(0, 4));
  const quarter = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const index = year * 4 + quarter - back;
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
}

export async function seedIndicators(territories: readonly SeedIndicators[]): Promise<void> {
  const today = Clock.today();
  const last = quarterBefore(today, 1);
  const before = quarterBefore(today, 2);
  for (const territory of territories) {
    await Actor.provide(
      {
        type: "user",
        userId: territory.lead.id,
        displayName: territory.lead.displayName,
        contextKind: "territory",
        contextId: territory.territoryId,
        role: "territory_lead",
      },
      async () => {
        await Indicators.updateSettings({
          overrides: { DAYS_TO_FIRST_CONTACT_MEDIAN: { target: { value: 5 } } },
          custom: [],
          economics: {
            linkWorkerAnnualCostPerFte: 48_000,
            otherAnnualCosts: 15_000,
            gpConsultationUnitCost: 30,
            gpConsultationsPerPersonYear: 6,
            unplannedHospitalUnitCost: 450,
            unplannedHospitalUsesPerPersonYear: 0.4,
            source:
              "Démonstration : consultation G à 30 € (convention médicale 2024) ; les autres montants et fréquences sont fictifs",
            assumptions:
              "Démonstration : l'évolution observée s'applique aux personnes accompagnées sur la période, au prorata de sa durée ; aucun effet n'est supposé au-delà.",
          },
          version: 0,
        });
        for (const [period, gp, hospital] of [
          [before, territory.gpChange, territory.hospitalChange],
          [last, territory.gpChange - 3, territory.hospitalChange - 2],
        ] as const) {
          await Indicators.addValue("GP_CONSULTATIONS_CHANGE", {
            period,
            value: gp,
            source: `${DEMO} (médecins traitants des personnes accompagnées)`,
            asOf: today,
            note: null,
            version: 0,
          });
          await Indicators.addValue("UNPLANNED_HOSPITAL_USE_CHANGE", {
            period,
            value: hospital,
            source: `${DEMO} (recours aux urgences sans hospitalisation et séjours non programmés)`,
            asOf: today,
            note: null,
            version: 0,
          });
        }
        if (territory.lock) {
          await Indicators.lock(before, {
            reason: "Chiffres présentés au comité de pilotage (démonstration)",
          });
        }
      },
    );
  }
}
