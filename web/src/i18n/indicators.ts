import { locale } from ".";
import { dictionary } from "./define";
import { addIssueMessages, type IssueContext } from "./issues";

/**
 * The indicators' texts: the dashboard, its views, the economic estimates, the settings and the
 * periods. Only the indicator pages read them, and they load with those pages: this dictionary is not
 * in the console's first download (the navigation's "Indicateurs" is in `territory`). Indicator labels
 * come from the API (label.fr / label.en).
 */

/** French takes the singular below 2 (« 0 personne », « 1,5 personne »), English for 1 only. */
const pluralFr = (n: number, one: string, many: string) => (Math.abs(n) < 2 ? one : many);
const pluralEn = (n: number, one: string, many: string) => (n === 1 ? one : many);

const texts = dictionary(
  {
    indicators: {
      title: (name: string) => (name ? `Indicateurs — ${name}` : "Indicateurs"),
      intro:
        "Les indicateurs du territoire pour une période : l'orientation et l'entonnoir, les délais, le bien-être des personnes accompagnées, la capacité de l'équipe, les ressources mobilisées et le recours aux soins. Chaque chiffre renvoie à sa définition ; un chiffre qui ne peut pas être calculé le dit, avec la raison.",
      settingsLink: "Paramètres des indicateurs",
      periodsLink: "Périodes et saisies",
      period: {
        title: (name: string) => `Période affichée : ${name}`,
        kind: "Type de période",
        kinds: { month: "Mois", quarter: "Trimestre", year: "Année" },
        year: "Année",
        quarter: "Trimestre",
        month: "Mois",
        show: "Afficher",
        choose: "Choisir une autre période",
        previous: (name: string) => `Période précédente : ${name}`,
        next: (name: string) => `Période suivante : ${name}`,
        noNext: "Pas de période suivante : elle n'a pas commencé.",
        quarterName: (quarter: number, year: number) =>
          `${quarter === 1 ? "1er" : `${quarter}e`} trimestre ${year}`,
        quarterOption: (quarter: number) =>
          `${quarter === 1 ? "1er" : `${quarter}e`} trimestre (${["janvier–mars", "avril–juin", "juillet–septembre", "octobre–décembre"][quarter - 1]})`,
        invalid: (value: string) =>
          `« ${value} » n'est pas une période : le dernier trimestre terminé est affiché à la place.`,
        loading: (name: string) => `Chargement des chiffres de ${name}…`,
        shown: (name: string) => `Chiffres de ${name} affichés.`,
      },
      status: {
        locked: (date: string, by: string) => `Période verrouillée le ${date} par ${by} — chiffres figés.`,
        lockedBy: "une personne de l'équipe",
        covering: (period: string) => `Le verrouillage porte sur ${period}, qui contient cette période.`,
        reason: (reason: string) => `Motif : ${reason}`,
        snapshot: (date: string) =>
          `Ces chiffres sont ceux de l'instantané pris au verrouillage, le ${date} : ils ne changent plus.`,
        lockedLive: (date: string) =>
          `Chiffres calculés le ${date} à partir des données de la période, qui ne peuvent plus être modifiées.`,
        computed: (date: string) => `Chiffres calculés le ${date}.`,
        provisional:
          "Ces chiffres ne sont pas verrouillés et peuvent encore évoluer. Les parts de l'entonnoir suivent la cohorte des personnes orientées sur la période : pour une période récente, elles augmentent à mesure que les parcours avancent.",
        manage: "Verrouiller ou déverrouiller une période",
      },
      toc: "Sur cette page",
      levels: {
        macro: "Niveau macro : la population et le dispositif",
        micro: "Niveau micro : les résultats pour les personnes accompagnées",
      },
      themes: {
        funnel: "Orientation et entonnoir",
        delays: "Délais",
        wellbeing: "Bien-être",
        capacity: "Capacité de l'équipe",
        resources: "Ressources mobilisées",
        health: "Recours aux soins",
      },
      none: "Aucun indicateur n'est activé pour ce territoire.",
      noneHint: "Une ou un chef de projet peut en activer dans les paramètres des indicateurs.",
      tile: {
        interval: (range: string) => `IC 95 % : ${range}`,
        intervalTerm: "Intervalle de confiance à 95 %",
        counts: "Numérateur / dénominateur",
        people: "Effectif",
        inhabitants: (n: string) => `${n} hab.`,
        target: "Cible",
        targetAtLeast: (value: string) => `${value} ou plus`,
        targetAtMost: (value: string) => `${value} ou moins`,
        met: "cible atteinte",
        notMet: "cible non atteinte",
        notAssessed: "non évaluée (pas de valeur)",
        notComputable: "Non calculable",
        manual: (by: string, source: string, date: string) =>
          `Saisi par ${by}, source ${source}, au ${date}.`,
        manualNoDate: (by: string, source: string) => `Saisi par ${by}, source ${source}.`,
        imported: (source: string, date: string) => `Importé, source ${source}, au ${date}.`,
        someone: "une personne de l'équipe",
        note: (note: string) => `Note : ${note}`,
        definition: "Définition",
        definitionOf: (label: string) => `Définition de « ${label} »`,
        rationale: "Pourquoi cet indicateur",
        citation: "Source",
        code: "Code",
      },
      reasons: {
        "denominator.empty": "aucune personne concernée sur la période",
        "population.unknown":
          "la population du territoire (ou de ce groupe) n'est pas connue : complétez les dénominateurs",
        "input.missing": "il manque les ETP ou la capacité des agents de liaison",
        "entry.missing": "aucune valeur saisie pour cette période",
        "period.not_supported": "cet indicateur n'est pas donné pour ce type de période",
        "odds_ratio.zero_cell": "un des effectifs est nul, le rapport de cotes n'est pas calculé",
        unknown: "donnée manquante",
      },
      units: {
        days: "j",
        points: "pts",
        peoplePerFte: "pers./ETP",
        people: (n: number) => pluralFr(n, "personne", "personnes"),
        orientations: (n: number) => pluralFr(n, "orientation", "orientations"),
      },
      directions: {
        higher_is_better: "plus c'est haut, mieux c'est",
        lower_is_better: "plus c'est bas, mieux c'est",
        none: "aucun",
      },
      sections: {
        funnel: "Entonnoir",
        equity: "Équité",
        trends: "Tendances",
        economics: "Estimations économiques",
        loading: "Chargement des vues…",
      },
      views: {
        funnelIntro:
          "La cohorte des personnes orientées sur la période, étape par étape, quelle que soit la date à laquelle chaque étape a été atteinte.",
        funnelCaption: (period: string) => `Entonnoir de la cohorte orientée sur ${period}`,
        stage: "Étape",
        count: "Personnes",
        ofReferred: "Part des orientées",
        ofPrevious: "Part de l'étape précédente",
        lost: "Perdues depuis l'étape précédente",
        stages: {
          referred: "Orientées",
          contacted: "Contactées",
          interviewed: "Entretien initial",
          plan: "Plan de bien-être",
          activity: "Première activité",
          completed: "Accompagnement mené à terme",
        },
        funnelEmpty: "Les indicateurs de l'entonnoir ne sont pas activés, ou personne n'a été orienté.",
        equityIntro:
          "Pour chaque dimension, la part des orientations comparée à la part de la population du territoire, le taux d'orientation pour 1 000 habitants et le taux de refus, avec leurs intervalles de confiance à 95 %.",
        equityRule:
          "Un groupe est signalé « sous-représenté » quand la borne haute de l'intervalle de son taux d'orientation est inférieure au taux de l'ensemble du territoire (« sur-représenté » quand la borne basse est au-dessus), et « refuse plus souvent » quand la borne basse de son rapport de cotes est supérieure à 1 (par rapport au groupe de référence).",
        byDimension: (dimension: string) => `Par ${dimension}`,
        declineRateOverall: "taux de refus",
        overRepresented: "Sur-représenté",
        declinesMore: "Refuse plus souvent",
        declinesLess: "Refuse moins souvent",
        equityCaption: (dimension: string, period: string) => `Équité par ${dimension}, ${period}`,
        equityEmpty: "Les indicateurs d'équité ne sont pas activés, ou aucune donnée n'est disponible.",
        group: "Groupe",
        referrals: "Orientations",
        shareOfReferrals: "Part des orientations",
        shareOfPopulation: "Part de la population",
        rate: "Orientations pour 1 000 hab. (IC 95 %)",
        declineRate: "Taux de refus (IC 95 %)",
        oddsRatio: "Rapport de cotes du refus (IC 95 %)",
        reference: "référence",
        flag: "Repérage",
        underRepresented: "Sous-représenté",
        overall: "Ensemble du territoire",
        notAvailable: "—",
        dimensions: {
          sex: "sexe",
          ageBand: "tranche d'âge",
          qpv: "résidence en quartier prioritaire (QPV)",
          rurality: "densité de la commune de résidence",
          route: "voie d'orientation",
          precarity: "précarité",
          track: "parcours",
          pillar: "pilier",
        },
        qpvGroups: { yes: "En QPV", no: "Hors QPV", unknown: "Non renseigné" },
        precarityGroups: { any_marker: "Au moins un marqueur de précarité", no_marker: "Aucun marqueur" },
        unknownGroup: "Non renseigné",
        trendsIntro: (from: string, to: string) => `Les valeurs mois par mois, de ${from} à ${to}.`,
        trendIndicator: "Indicateur",
        trendHint: "Le graphique et le tableau suivent l'indicateur choisi.",
        trendCaption: (label: string) => `Tendance mensuelle : ${label}`,
        month: "Mois",
        value: "Valeur",
        trendsEmpty: "Aucune série mensuelle n'est disponible pour ces mois.",
      },
      economics: {
        intro:
          "Ces montants sont des estimations, pour les financeurs. Ils sont calculés uniquement à partir des chiffres saisis par le territoire : coûts unitaires, fréquences de recours avant l'accompagnement et évolutions observées. Maillage ne fournit aucun coût ni aucun effet : sans ces chiffres, l'estimation n'est pas calculable.",
        tag: "Estimation",
        formula: "Formule",
        inputs: "Données utilisées",
        inputsCaption: (label: string) => `Données de l'estimation : ${label}`,
        input: "Donnée",
        value: "Valeur",
        source: "Source",
        noSource: "non renseignée",
        missingValue: "manquante",
        assumptions: "Hypothèses du territoire",
        noAssumptions: "Aucune hypothèse n'a été renseignée.",
        missing: (list: string) => `Non calculable : il manque ${list}.`,
        noPeople: "Non calculable : personne n'a été accompagné sur la période.",
        notComputable: "Non calculable.",
        enter: "Renseigner les chiffres économiques du territoire",
        none: "Aucune estimation économique pour cette période.",
      },
    },
    indicatorSettings: {
      title: (name: string) => (name ? `Paramètres des indicateurs — ${name}` : "Paramètres des indicateurs"),
      intro:
        "Choisissez les indicateurs suivis par le territoire et leurs cibles, ajoutez vos propres indicateurs, et renseignez les chiffres des estimations économiques. Un seul enregistrement pour l'ensemble.",
      back: "Retour aux indicateurs",
      version: (n: number) => (n === 0 ? "Jamais enregistré" : `Version ${n}`),
      catalogue: "Catalogue des indicateurs",
      catalogueHint:
        "Le catalogue par défaut, tiré des recommandations du groupe de travail national et de l'évaluation de la prescription sociale. Une cible en part se saisit en pourcentage (40 pour 40 %).",
      catalogueCaption: "Indicateurs du catalogue : suivi et cible",
      code: "Code",
      label: "Indicateur",
      level: "Niveau",
      levels: { macro: "Macro", micro: "Micro" },
      enabled: "Suivi",
      enabledLabel: (label: string) => `Suivre « ${label} »`,
      target: "Cible",
      targetMode: (label: string) => `Cible de « ${label} »`,
      targetValue: (label: string) => `Valeur de la cible de « ${label} »`,
      targetModes: { default: "Par défaut", none: "Aucune cible", own: "Cible propre" },
      defaultTarget: (value: string) => `par défaut : ${value}`,
      noDefault: "pas de cible par défaut",
      parameters: {
        referralToFirstContactDays: "délai cible du parcours jusqu'au premier contact",
        referralToFirstActivityDays: "délai cible du parcours jusqu'à la première activité",
      } as Record<string, string>,
      direction: "Sens",
      manual: "saisie manuelle",
      custom: "Indicateurs propres au territoire",
      customHint:
        "Vos propres indicateurs, construits avec les mêmes blocs que le catalogue (docs/indicators.md, § 2). Ils se modifient en JSON : une liste de définitions. Le serveur vérifie chaque définition et signale chaque problème avec son chemin (par exemple « 0.denominator » : le dénominateur du premier indicateur).",
      customNone: "Aucun indicateur propre pour le moment.",
      customCaption: "Indicateurs propres au territoire",
      customJson: "Définitions des indicateurs propres (JSON)",
      customJsonHint: "Une liste JSON : [] pour aucun indicateur propre. 40 indicateurs au maximum.",
      customAt: (index: number, path: string) =>
        `Indicateurs propres, ${index === 1 ? "1er" : `${index}e`} indicateur${path ? `, champ ${path}` : ""}`,
      economics: "Chiffres des estimations économiques",
      economicsHint:
        "Les coûts et fréquences du territoire, avec leur source. Maillage n'en fournit aucun : une estimation dont il manque un chiffre n'est pas calculée. Pour mémoire, la littérature rapporte une baisse de 20 à 40 % des consultations de médecine générale et de 15 à 25 % du recours hospitalier non programmé ; ces ordres de grandeur ne remplacent jamais vos chiffres observés, qui se saisissent dans « Périodes et saisies ».",
      figures: {
        linkWorkerAnnualCostPerFte: "Coût annuel d'un ETP d'agent de liaison, charges comprises",
        otherAnnualCosts: "Autres coûts annuels du dispositif (coordination, locaux, outils, formation)",
        gpConsultationUnitCost: "Coût d'une consultation de médecine générale",
        gpConsultationsPerPersonYear:
          "Consultations de médecine générale par personne accompagnée, avant l'accompagnement",
        unplannedHospitalUnitCost: "Coût d'un recours hospitalier non programmé (urgences ou séjour)",
        unplannedHospitalUsesPerPersonYear:
          "Recours hospitaliers non programmés par personne accompagnée, avant l'accompagnement",
      },
      figureUnits: {
        perYear: "€/an",
        euros: "€",
        perPersonYear: "par personne et par an",
      },
      figureHint: (unit: string) => `En ${unit}. Laissez vide si le chiffre n'est pas connu.`,
      frequencyHint: "Nombre moyen, par personne et par an. Laissez vide si le chiffre n'est pas connu.",
      source: "Source de ces chiffres",
      sourceHint: "Obligatoire dès qu'un chiffre est saisi. Par exemple : CPAM de la Creuse, 2025.",
      assumptions: "Hypothèses du territoire",
      assumptionsHint: "Affichées à côté de chaque estimation.",
      save: "Enregistrer les paramètres",
      saved: (n: number) => `Paramètres enregistrés (version ${n}).`,
      unchanged:
        "Aucune modification à enregistrer : les paramètres sont identiques à la version enregistrée.",
      reloaded: (n: number) => `Version actuelle chargée dans le formulaire (version ${n}).`,
      conflictTitle: "Ces paramètres ont été modifiés par quelqu'un d'autre pendant votre saisie",
      conflict:
        "Votre enregistrement n'a pas été fait, pour ne pas écraser ces changements. Rechargez la version actuelle, puis refaites vos modifications si besoin.",
      reloadCurrent: "Recharger la version actuelle",
    },
    periodLocks: {
      title: (name: string) => (name ? `Périodes et saisies — ${name}` : "Périodes et saisies"),
      intro:
        "Verrouillez une période une fois ses chiffres vérifiés : les financeurs et les exports la voient comme définitive, et ses chiffres sont figés. Modifier ensuite un parcours ou une valeur de cette période demande de la déverrouiller, avec un motif conservé dans le journal.",
      back: "Retour aux indicateurs",
      locked: "Périodes verrouillées",
      lockedCaption: "Périodes verrouillées, avec qui les a verrouillées, quand et pourquoi",
      none: "Aucune période n'est verrouillée.",
      period: "Période",
      lockedAt: "Verrouillée le",
      lockedBy: "Par",
      reason: "Motif",
      noReason: "—",
      actions: "Action",
      unlock: "Déverrouiller",
      unlockLabel: (period: string) => `Déverrouiller ${period}`,
      unlockReason: (period: string) => `Motif du déverrouillage de ${period}`,
      unlockReasonHint: "Obligatoire, de 5 à 500 caractères : il est conservé dans le journal du territoire.",
      unlockConfirm: "Confirmer le déverrouillage",
      cancel: "Annuler",
      unlocked: (period: string) => `${period} est déverrouillée.`,
      notLocked: (period: string) => `${period} n'était plus verrouillée.`,
      lockTitle: "Verrouiller une période",
      lockPeriod: "Période à verrouiller",
      periodHint: "Un trimestre (2026-Q1), un mois (2026-03) ou une année (2026).",
      lockReason: "Motif ou commentaire",
      lockReasonHint: "Par exemple : chiffres vérifiés en comité de pilotage du 12 mars.",
      lock: "Verrouiller la période",
      lockedDone: (period: string) => `${period} est verrouillée : ses chiffres sont figés.`,
      values: "Valeurs saisies à la main",
      valuesIntro:
        "Les indicateurs saisis à la main, comme l'évolution des consultations de médecine générale : une valeur par période, avec sa source et sa date. Saisir à nouveau une période remplace sa valeur.",
      noManual: "Aucun indicateur saisi à la main n'est défini.",
      expectedLabel: "Source attendue :",
      periodsAllowed: (kinds: string) => `Donné par ${kinds}.`,
      kinds: { month: "mois", quarter: "trimestre", year: "année" } as Record<string, string>,
      or: " ou ",
      periodExamples: {
        month: "un mois (2026-03)",
        quarter: "un trimestre (2026-Q1)",
        year: "une année (2026)",
      },
      valuesCaption: (label: string) => `Valeurs saisies : ${label}`,
      noValue: "Aucune valeur saisie.",
      value: "Valeur",
      source: "Source",
      asOf: "Date du chiffre",
      note: "Note",
      enteredBy: "Saisie",
      enteredByOn: (name: string, date: string) => `${name}, le ${date}`,
      replace: "Remplacer",
      replaceLabel: (period: string) => `Remplacer la valeur de ${period}`,
      formTitle: (label: string) => `Saisir une valeur : ${label}`,
      valueHint: (unit: string) => (unit ? `En ${unit}. Par exemple : -25 pour une baisse de 25 %.` : ""),
      valueHintPlain: "Un nombre, par exemple 1,5.",
      sourceHint: "Par exemple : CPAM de la Creuse, extraction SNIIRAM du 15 janvier 2026.",
      asOfHint: "La date de l'extraction ou du rapport dont vient le chiffre.",
      replaces: (period: string, version: number) =>
        `Une valeur existe déjà pour ${period} (version ${version}) : elle sera remplacée.`,
      save: "Enregistrer la valeur",
      saved: (period: string) => `Valeur de ${period} enregistrée.`,
      conflict:
        "Cette valeur a été modifiée par quelqu'un d'autre entre-temps : rien n'a été enregistré. La liste est rechargée ; vérifiez-la, puis saisissez à nouveau si besoin.",
    },
  },
  {
    indicators: {
      title: (name) => (name ? `Indicators — ${name}` : "Indicators"),
      intro:
        "The territory's indicators for a period: referrals and the funnel, delays, the well-being of the people supported, the team's capacity, the resources used and health use. Every figure leads to its definition; a figure that cannot be computed says so, and why.",
      settingsLink: "Indicator settings",
      periodsLink: "Periods and entries",
      period: {
        title: (name) => `Period shown: ${name}`,
        kind: "Kind of period",
        kinds: { month: "Month", quarter: "Quarter", year: "Year" },
        year: "Year",
        quarter: "Quarter",
        month: "Month",
        show: "Show",
        choose: "Choose another period",
        previous: (name) => `Previous period: ${name}`,
        next: (name) => `Next period: ${name}`,
        noNext: "No next period: it has not started.",
        quarterName: (quarter, year) => `Q${quarter} ${year}`,
        quarterOption: (quarter) =>
          `Q${quarter} (${["January–March", "April–June", "July–September", "October–December"][quarter - 1]})`,
        invalid: (value) => `“${value}” is not a period: the last complete quarter is shown instead.`,
        loading: (name) => `Loading the figures of ${name}…`,
        shown: (name) => `Figures of ${name} shown.`,
      },
      status: {
        locked: (date, by) => `Period locked on ${date} by ${by} — figures frozen.`,
        lockedBy: "a team member",
        covering: (period) => `The lock is on ${period}, which contains this period.`,
        reason: (reason) => `Reason: ${reason}`,
        snapshot: (date) =>
          `These figures are the snapshot taken when the period was locked, on ${date}: they no longer change.`,
        lockedLive: (date) =>
          `Figures computed on ${date} from the period's data, which can no longer be changed.`,
        computed: (date) => `Figures computed on ${date}.`,
        provisional:
          "These figures are not locked and may still change. Funnel shares follow the cohort of people referred in the period: for a recent period, they rise as journeys move on.",
        manage: "Lock or unlock a period",
      },
      toc: "On this page",
      levels: {
        macro: "Macro level: the population and the scheme",
        micro: "Micro level: outcomes for the people supported",
      },
      themes: {
        funnel: "Referrals and funnel",
        delays: "Delays",
        wellbeing: "Well-being",
        capacity: "Team capacity",
        resources: "Resources used",
        health: "Health use",
      },
      none: "No indicator is enabled for this territory.",
      noneHint: "A territory lead can enable some in the indicator settings.",
      tile: {
        interval: (range) => `95% CI: ${range}`,
        intervalTerm: "95% confidence interval",
        counts: "Numerator / denominator",
        people: "Count",
        inhabitants: (n) => `${n} inhabitants`,
        target: "Target",
        targetAtLeast: (value) => `${value} or more`,
        targetAtMost: (value) => `${value} or less`,
        met: "target met",
        notMet: "target not met",
        notAssessed: "not assessed (no value)",
        notComputable: "Not computable",
        manual: (by, source, date) => `Entered by ${by}, source ${source}, as of ${date}.`,
        manualNoDate: (by, source) => `Entered by ${by}, source ${source}.`,
        imported: (source, date) => `Imported, source ${source}, as of ${date}.`,
        someone: "a team member",
        note: (note) => `Note: ${note}`,
        definition: "Definition",
        definitionOf: (label) => `Definition of “${label}”`,
        rationale: "Why this indicator",
        citation: "Source",
        code: "Code",
      },
      reasons: {
        "denominator.empty": "nobody concerned in the period",
        "population.unknown":
          "the population of the territory (or of this group) is not known: complete the denominators",
        "input.missing": "the link workers' FTE or capacity is missing",
        "entry.missing": "no value entered for this period",
        "period.not_supported": "this indicator is not given for this kind of period",
        "odds_ratio.zero_cell": "one of the counts is zero, the odds ratio is not computed",
        unknown: "missing data",
      },
      units: {
        days: "d",
        points: "pts",
        peoplePerFte: "people/FTE",
        people: (n) => pluralEn(n, "person", "people"),
        orientations: (n) => pluralEn(n, "orientation", "orientations"),
      },
      directions: {
        higher_is_better: "higher is better",
        lower_is_better: "lower is better",
        none: "none",
      },
      sections: {
        funnel: "Funnel",
        equity: "Equity",
        trends: "Trends",
        economics: "Economic estimates",
        loading: "Loading the views…",
      },
      views: {
        funnelIntro:
          "The cohort of people referred in the period, step by step, whenever each step was reached.",
        funnelCaption: (period) => `Funnel of the cohort referred in ${period}`,
        stage: "Step",
        count: "People",
        ofReferred: "Share of the referred",
        ofPrevious: "Share of the previous step",
        lost: "Lost since the previous step",
        stages: {
          referred: "Referred",
          contacted: "Contacted",
          interviewed: "Initial interview",
          plan: "Well-being plan",
          activity: "First activity",
          completed: "Support completed",
        },
        funnelEmpty: "The funnel indicators are not enabled, or nobody was referred.",
        equityIntro:
          "For each dimension, the share of referrals against the share of the territory's population, the referral rate per 1,000 inhabitants and the decline rate, with their 95% confidence intervals.",
        equityRule:
          "A group is flagged “under-represented” when the upper limit of its referral rate's interval is below the whole territory's rate (“over-represented” when the lower limit is above it), and “declines more often” when the lower limit of its odds ratio is above 1 (against the reference group).",
        byDimension: (dimension) => `By ${dimension}`,
        declineRateOverall: "decline rate",
        overRepresented: "Over-represented",
        declinesMore: "Declines more often",
        declinesLess: "Declines less often",
        equityCaption: (dimension, period) => `Equity by ${dimension}, ${period}`,
        equityEmpty: "The equity indicators are not enabled, or no data is available.",
        group: "Group",
        referrals: "Referrals",
        shareOfReferrals: "Share of referrals",
        shareOfPopulation: "Share of population",
        rate: "Referrals per 1,000 inhabitants (95% CI)",
        declineRate: "Decline rate (95% CI)",
        oddsRatio: "Odds ratio of declining (95% CI)",
        reference: "reference",
        flag: "Flag",
        underRepresented: "Under-represented",
        overall: "Whole territory",
        notAvailable: "—",
        dimensions: {
          sex: "sex",
          ageBand: "age band",
          qpv: "living in a priority neighbourhood (QPV)",
          rurality: "density of the commune of residence",
          route: "referral route",
          precarity: "precarity",
          track: "track",
          pillar: "pillar",
        },
        qpvGroups: { yes: "In a QPV", no: "Not in a QPV", unknown: "Not recorded" },
        precarityGroups: { any_marker: "At least one precarity marker", no_marker: "No marker" },
        unknownGroup: "Not recorded",
        trendsIntro: (from, to) => `Month by month, from ${from} to ${to}.`,
        trendIndicator: "Indicator",
        trendHint: "The chart and the table follow the chosen indicator.",
        trendCaption: (label) => `Monthly trend: ${label}`,
        month: "Month",
        value: "Value",
        trendsEmpty: "No monthly series is available for these months.",
      },
      economics: {
        intro:
          "These amounts are estimates, for funders. They are computed only from the figures the territory enters: unit costs, use before support and observed changes. Maillage supplies no cost and no effect: without those figures, the estimate is not computable.",
        tag: "Estimate",
        formula: "Formula",
        inputs: "Figures used",
        inputsCaption: (label) => `Figures of the estimate: ${label}`,
        input: "Figure",
        value: "Value",
        source: "Source",
        noSource: "not given",
        missingValue: "missing",
        assumptions: "The territory's assumptions",
        noAssumptions: "No assumption has been entered.",
        missing: (list) => `Not computable: missing ${list}.`,
        noPeople: "Not computable: nobody was supported in the period.",
        notComputable: "Not computable.",
        enter: "Enter the territory's economic figures",
        none: "No economic estimate for this period.",
      },
    },
    indicatorSettings: {
      title: (name) => (name ? `Indicator settings — ${name}` : "Indicator settings"),
      intro:
        "Choose the indicators the territory follows and their targets, add your own indicators, and enter the figures of the economic estimates. One save for all of it.",
      back: "Back to the indicators",
      version: (n) => (n === 0 ? "Never saved" : `Version ${n}`),
      catalogue: "Indicator catalogue",
      catalogueHint:
        "The default catalogue, from the national working group's recommendations and the social-prescribing evaluation literature. A target for a share is entered in percent (40 for 40%).",
      catalogueCaption: "Catalogue indicators: followed and target",
      code: "Code",
      label: "Indicator",
      level: "Level",
      levels: { macro: "Macro", micro: "Micro" },
      enabled: "Followed",
      enabledLabel: (label) => `Follow “${label}”`,
      target: "Target",
      targetMode: (label) => `Target of “${label}”`,
      targetValue: (label) => `Target value of “${label}”`,
      targetModes: { default: "Default", none: "No target", own: "Own target" },
      defaultTarget: (value) => `default: ${value}`,
      noDefault: "no default target",
      parameters: {
        referralToFirstContactDays: "the pathway's target delay to first contact",
        referralToFirstActivityDays: "the pathway's target delay to first activity",
      },
      direction: "Direction",
      manual: "manual entry",
      custom: "The territory's own indicators",
      customHint:
        "Your own indicators, built from the same blocks as the catalogue (docs/indicators.md, §2). They are edited as JSON: a list of definitions. The server checks each definition and reports each problem with its path (for example “0.denominator”: the first indicator's denominator).",
      customNone: "No own indicator yet.",
      customCaption: "The territory's own indicators",
      customJson: "Definitions of the own indicators (JSON)",
      customJsonHint: "A JSON list: [] for no own indicator. 40 indicators at most.",
      customAt: (index, path) => `Own indicators, indicator ${index}${path ? `, field ${path}` : ""}`,
      economics: "Figures of the economic estimates",
      economicsHint:
        "The territory's costs and frequencies, with their source. Maillage supplies none: an estimate missing a figure is not computed. For reference, the literature reports GP consultations down 20–40% and unplanned hospital use down 15–25%; these orders of magnitude never replace your observed figures, which are entered in “Periods and entries”.",
      figures: {
        linkWorkerAnnualCostPerFte: "Annual cost of one link-worker FTE, employer's charges included",
        otherAnnualCosts: "Other annual costs of the scheme (coordination, premises, tools, training)",
        gpConsultationUnitCost: "Cost of one GP consultation",
        gpConsultationsPerPersonYear: "GP consultations per person supported, before support",
        unplannedHospitalUnitCost: "Cost of one unplanned hospital use (emergency visit or stay)",
        unplannedHospitalUsesPerPersonYear: "Unplanned hospital uses per person supported, before support",
      },
      figureUnits: {
        perYear: "€/year",
        euros: "€",
        perPersonYear: "per person and year",
      },
      figureHint: (unit) => `In ${unit}. Leave empty if the figure is not known.`,
      frequencyHint: "Average number, per person and year. Leave empty if the figure is not known.",
      source: "Source of these figures",
      sourceHint: "Required as soon as a figure is entered. For example: CPAM de la Creuse, 2025.",
      assumptions: "The territory's assumptions",
      assumptionsHint: "Shown beside every estimate.",
      save: "Save the settings",
      saved: (n) => `Settings saved (version ${n}).`,
      unchanged: "Nothing to save: the settings are the same as the saved version.",
      reloaded: (n) => `Current version loaded into the form (version ${n}).`,
      conflictTitle: "These settings were changed by someone else while you were editing",
      conflict:
        "Your save was not made, so as not to overwrite those changes. Reload the current version, then make your changes again if needed.",
      reloadCurrent: "Reload the current version",
    },
    periodLocks: {
      title: (name) => (name ? `Periods and entries — ${name}` : "Periods and entries"),
      intro:
        "Lock a period once its figures are checked: funders and exports see it as final, and its figures are frozen. Changing a journey or a value of that period afterwards needs an unlock, with a reason kept in the journal.",
      back: "Back to the indicators",
      locked: "Locked periods",
      lockedCaption: "Locked periods, with who locked them, when and why",
      none: "No period is locked.",
      period: "Period",
      lockedAt: "Locked on",
      lockedBy: "By",
      reason: "Reason",
      noReason: "—",
      actions: "Action",
      unlock: "Unlock",
      unlockLabel: (period) => `Unlock ${period}`,
      unlockReason: (period) => `Reason for unlocking ${period}`,
      unlockReasonHint: "Required, 5 to 500 characters: it is kept in the territory's journal.",
      unlockConfirm: "Confirm the unlock",
      cancel: "Cancel",
      unlocked: (period) => `${period} is unlocked.`,
      notLocked: (period) => `${period} was no longer locked.`,
      lockTitle: "Lock a period",
      lockPeriod: "Period to lock",
      periodHint: "A quarter (2026-Q1), a month (2026-03) or a year (2026).",
      lockReason: "Reason or comment",
      lockReasonHint: "For example: figures checked at the steering committee of 12 March.",
      lock: "Lock the period",
      lockedDone: (period) => `${period} is locked: its figures are frozen.`,
      values: "Values entered by hand",
      valuesIntro:
        "The indicators entered by hand, such as the change in GP consultations: one value per period, with its source and date. Entering a period again replaces its value.",
      noManual: "No indicator entered by hand is defined.",
      expectedLabel: "Expected source:",
      periodsAllowed: (kinds) => `Given by ${kinds}.`,
      kinds: { month: "month", quarter: "quarter", year: "year" },
      or: " or ",
      periodExamples: { month: "a month (2026-03)", quarter: "a quarter (2026-Q1)", year: "a year (2026)" },
      valuesCaption: (label) => `Values entered: ${label}`,
      noValue: "No value entered.",
      value: "Value",
      source: "Source",
      asOf: "Date of the figure",
      note: "Note",
      enteredBy: "Entered",
      enteredByOn: (name, date) => `${name}, on ${date}`,
      replace: "Replace",
      replaceLabel: (period) => `Replace the value of ${period}`,
      formTitle: (label) => `Enter a value: ${label}`,
      valueHint: (unit) => (unit ? `In ${unit}. For example: -25 for a 25% decrease.` : ""),
      valueHintPlain: "A number, for example 1.5.",
      sourceHint: "For example: CPAM de la Creuse, SNIIRAM extraction of 15 January 2026.",
      asOfHint: "The date of the extraction or report the figure comes from.",
      replaces: (period, version) =>
        `A value already exists for ${period} (version ${version}): it will be replaced.`,
      save: "Save the value",
      saved: (period) => `Value of ${period} saved.`,
      conflict:
        "This value was changed by someone else meanwhile: nothing was saved. The list is reloaded; check it, then enter again if needed.",
    },
  },
);

/** The indicators' texts in the current language: `ti().indicators.tile.met`. */
export const ti = () => texts[locale()];

/** The message ids of @maillage/indicators (and of the indicator routes), for the forms of these pages. */
type IndicatorMessage =
  | "economics.amount"
  | "economics.frequency"
  | "economics.source_required"
  | "value.number"
  | "text.too_short"
  | "period.invalid"
  | "period.kind.unknown"
  | "period.kind.not_supported"
  | "period.month_expected"
  | "period.range_too_long"
  | "period.range_reversed"
  | "indicator.not_manual"
  | "indicator.field.missing"
  | "indicator.field.type"
  | "period.locked"
  | "period.already_locked"
  | "period.not_locked"
  | "batch.conflict"
  | "indicators.rebuilding"
  | "custom.json"
  | "indicator.code.format"
  | "indicator.code.unknown"
  | "indicator.code.taken"
  | "indicator.code.duplicate"
  | "indicator.values.too_many"
  | "indicator.values.empty"
  | "indicator.values.duplicate"
  | "indicator.definition.inconsistent"
  | "indicator.level.unknown"
  | "indicator.type.unknown"
  | "indicator.unit.unknown"
  | "indicator.direction.unknown"
  | "indicator.measure.unknown"
  | "indicator.milestone.unknown"
  | "indicator.comparison.unknown"
  | "indicator.timepoint.unknown"
  | "indicator.exit_reason.unknown"
  | "indicator.decline_reason.unknown"
  | "indicator.status.unknown"
  | "indicator.dimension.unknown"
  | "indicator.group.unknown"
  | "indicator.target_group.unknown"
  | "indicator.threshold.unknown"
  | "indicator.value.unknown"
  | "indicator.attendance.unknown"
  | "indicator.pillar.unknown"
  | "indicator.input.unknown"
  | "indicator.numerator.required"
  | "indicator.numerator.kind"
  | "indicator.numerator.not_applicable"
  | "indicator.denominator.kind"
  | "indicator.denominator.not_applicable"
  | "indicator.disaggregations.not_applicable"
  | "indicator.dimension.not_applicable"
  | "indicator.per.required"
  | "indicator.per.not_applicable"
  | "indicator.percentile.required"
  | "indicator.percentile.not_applicable"
  | "indicator.threshold.required"
  | "indicator.threshold.not_applicable"
  | "indicator.threshold.none_for_measure"
  | "indicator.anchor.mismatch"
  | "indicator.value.required"
  | "indicator.value.change_required"
  | "indicator.odds_ratio.not_applicable"
  | "indicator.odds_ratio.not_disaggregated";

type Messages = Record<IndicatorMessage, (c: IssueContext) => string>;
const thePeriod = (subject: string | undefined, fr: boolean) =>
  subject ? (fr ? `La période ${subject}` : `Period ${subject}`) : fr ? "Cette période" : "This period";

const fr: Messages = {
  "economics.amount": () => "Saisissez un montant en euros, de 0 à 100 000 000, par exemple 42 000",
  "economics.frequency": () =>
    "Saisissez un nombre moyen par personne et par an, de 0 à 365, par exemple 4,5",
  "economics.source_required": () =>
    "Indiquez la source des chiffres économiques (au moins 2 caractères) dès qu'un chiffre est saisi",
  "value.number": () => "Saisissez un nombre, par exemple -25 ou 1,5",
  "text.too_short": ({ limit }) =>
    limit ? `Saisissez au moins ${limit} caractères` : "Ce texte est trop court",
  "period.invalid": () =>
    "Saisissez une période : un trimestre (2026-Q1), un mois (2026-03) ou une année (2026)",
  "period.kind.unknown": () => "Choisissez parmi mois, trimestre et année",
  "period.kind.not_supported": () => "Cet indicateur n'est pas donné pour ce type de période",
  "period.month_expected": () => "Saisissez un mois, par exemple 2026-03",
  "period.range_too_long": () => "La plage couvre 36 mois au maximum",
  "period.range_reversed": () => "Le dernier mois doit suivre le premier",
  "indicator.not_manual": () => "Cet indicateur est calculé : il ne se saisit pas à la main",
  "indicator.field.missing": () => "Ce champ manque à la définition",
  "indicator.field.type": () => "Ce champ n'a pas le bon type (texte, nombre, liste ou objet)",
  "period.locked": ({ subject }) =>
    `${thePeriod(subject, true)} est verrouillée : déverrouillez-la d'abord, avec un motif.`,
  "period.already_locked": ({ subject }) => `${thePeriod(subject, true)} est déjà verrouillée.`,
  "period.not_locked": ({ subject }) => `${thePeriod(subject, true)} n'est pas verrouillée.`,
  "batch.conflict": () => "Un import est en cours sur ce territoire : réessayez quand il sera terminé.",
  "indicators.rebuilding": () =>
    "Les indicateurs du territoire sont en cours de recalcul : réessayez dans quelques instants.",
  "custom.json": () =>
    "Ce texte n'est pas une liste JSON valide : vérifiez les crochets, les guillemets et les virgules (une liste vide s'écrit [])",
  "indicator.code.format": () =>
    "Un code compte 2 à 60 caractères : lettres majuscules, chiffres et tirets bas, en commençant par une lettre (par exemple MON_INDICATEUR)",
  "indicator.code.unknown": () => "Ce code ne fait pas partie du catalogue",
  "indicator.code.taken": () =>
    "Ce code est déjà celui d'un indicateur du catalogue : choisissez-en un autre",
  "indicator.code.duplicate": () => "Deux indicateurs ont ce code : chaque code doit être unique",
  "indicator.values.too_many": () => "Cette liste contient trop d'éléments",
  "indicator.values.empty": () => "Cette liste doit contenir au moins un élément",
  "indicator.values.duplicate": () => "Une même valeur figure plusieurs fois : gardez-la une seule fois",
  "indicator.definition.inconsistent": () => "Cette définition n'est pas cohérente",
  "indicator.level.unknown": () => "Le niveau est micro ou macro",
  "indicator.type.unknown": () =>
    "Type inconnu : count, rate, proportion, mean, median, percentile, mean_change, threshold_share ou ratio",
  "indicator.unit.unknown": () => "Unité inconnue",
  "indicator.direction.unknown": () => "Le sens est higher_is_better, lower_is_better ou null",
  "indicator.measure.unknown": () => "Mesure inconnue",
  "indicator.milestone.unknown": () => "Étape de parcours inconnue",
  "indicator.comparison.unknown": () => "Comparaison inconnue : <, <=, =, >= ou >",
  "indicator.timepoint.unknown": () => "Temps de mesure inconnu : baseline ou follow_up",
  "indicator.exit_reason.unknown": () => "Motif de sortie inconnu",
  "indicator.decline_reason.unknown": () => "Motif de refus inconnu",
  "indicator.status.unknown": () => "Statut de parcours inconnu",
  "indicator.dimension.unknown": () => "Dimension inconnue",
  "indicator.group.unknown": () => "Ce groupe n'existe pas pour cette dimension",
  "indicator.target_group.unknown": () => "Public cible inconnu",
  "indicator.threshold.unknown": () => "Seuil inconnu : meaningful ou reliable",
  "indicator.value.unknown": () => "Valeur inconnue : baseline, follow_up ou change",
  "indicator.attendance.unknown": () => "Présence inconnue : attended, not_attended ou pending",
  "indicator.pillar.unknown": () => "Pilier inconnu",
  "indicator.input.unknown": () => "Donnée inconnue : link_worker_fte, caseload_capacity ou open_caseload",
  "indicator.numerator.required": () => "Un indicateur calculé a besoin d'un numérateur",
  "indicator.numerator.kind": () => "Ce type d'indicateur ne prend pas ce numérateur",
  "indicator.numerator.not_applicable": () => "Un indicateur saisi ou importé n'a pas de numérateur",
  "indicator.denominator.kind": () => "Ce type d'indicateur ne prend pas ce dénominateur",
  "indicator.denominator.not_applicable": () => "Ce type d'indicateur n'a pas de dénominateur",
  "indicator.disaggregations.not_applicable": () => "Ce type d'indicateur ne se décline pas par groupe",
  "indicator.dimension.not_applicable": () => "Cet indicateur ne se décline pas selon cette dimension",
  "indicator.per.required": () => "Un taux indique pour combien d'habitants (per, par exemple 1000)",
  "indicator.per.not_applicable": () => "Seul un taux indique « per »",
  "indicator.percentile.required": () => "Un percentile indique lequel (percentile, par exemple 0.9)",
  "indicator.percentile.not_applicable": () => "Seul un percentile indique « percentile »",
  "indicator.threshold.required": () => "Une part atteignant un seuil indique ce seuil (threshold)",
  "indicator.threshold.not_applicable": () => "Seule une part atteignant un seuil indique « threshold »",
  "indicator.threshold.none_for_measure": () => "Cette mesure n'a pas de seuil d'amélioration",
  "indicator.anchor.mismatch": () => "Le numérateur et le dénominateur doivent avoir la même ancre",
  "indicator.value.required": () =>
    "Ce type d'indicateur a besoin d'une valeur par parcours (numerator.value)",
  "indicator.value.change_required": () => "Il faut le changement d'une mesure (of: change)",
  "indicator.odds_ratio.not_applicable": () => "Seule une proportion a des rapports de cotes",
  "indicator.odds_ratio.not_disaggregated": () =>
    "Un rapport de cotes porte sur une dimension de la déclinaison de l'indicateur",
};

const en: Messages = {
  "economics.amount": () => "Enter an amount in euros, from 0 to 100,000,000, e.g. 42,000",
  "economics.frequency": () => "Enter an average number per person and year, from 0 to 365, e.g. 4.5",
  "economics.source_required": () =>
    "Name the source of the economic figures (at least 2 characters) as soon as a figure is entered",
  "value.number": () => "Enter a number, e.g. -25 or 1.5",
  "text.too_short": ({ limit }) => (limit ? `Enter at least ${limit} characters` : "This text is too short"),
  "period.invalid": () => "Enter a period: a quarter (2026-Q1), a month (2026-03) or a year (2026)",
  "period.kind.unknown": () => "Choose month, quarter or year",
  "period.kind.not_supported": () => "This indicator is not given for this kind of period",
  "period.month_expected": () => "Enter a month, e.g. 2026-03",
  "period.range_too_long": () => "The range covers 36 months at most",
  "period.range_reversed": () => "The last month must come after the first",
  "indicator.not_manual": () => "This indicator is computed: it is not entered by hand",
  "indicator.field.missing": () => "This field is missing from the definition",
  "indicator.field.type": () => "This field has the wrong type (text, number, list or object)",
  "period.locked": ({ subject }) => `${thePeriod(subject, false)} is locked: unlock it first, with a reason.`,
  "period.already_locked": ({ subject }) => `${thePeriod(subject, false)} is already locked.`,
  "period.not_locked": ({ subject }) => `${thePeriod(subject, false)} is not locked.`,
  "batch.conflict": () => "An import is running on this territory: try again once it is done.",
  "indicators.rebuilding": () => "The territory's indicators are being recomputed: try again in a moment.",
  "custom.json": () =>
    "This text is not a valid JSON list: check the brackets, quotes and commas (an empty list is [])",
  "indicator.code.format": () =>
    "A code has 2 to 60 characters: capital letters, digits and underscores, starting with a letter (e.g. MY_INDICATOR)",
  "indicator.code.unknown": () => "This code is not in the catalogue",
  "indicator.code.taken": () => "This code is a catalogue indicator's: choose another one",
  "indicator.code.duplicate": () => "Two indicators have this code: each code must be unique",
  "indicator.values.too_many": () => "This list has too many items",
  "indicator.values.empty": () => "This list needs at least one item",
  "indicator.values.duplicate": () => "A value appears more than once: keep it once",
  "indicator.definition.inconsistent": () => "This definition is not consistent",
  "indicator.level.unknown": () => "The level is micro or macro",
  "indicator.type.unknown": () =>
    "Unknown type: count, rate, proportion, mean, median, percentile, mean_change, threshold_share or ratio",
  "indicator.unit.unknown": () => "Unknown unit",
  "indicator.direction.unknown": () => "The direction is higher_is_better, lower_is_better or null",
  "indicator.measure.unknown": () => "Unknown measure",
  "indicator.milestone.unknown": () => "Unknown journey milestone",
  "indicator.comparison.unknown": () => "Unknown comparison: <, <=, =, >= or >",
  "indicator.timepoint.unknown": () => "Unknown timepoint: baseline or follow_up",
  "indicator.exit_reason.unknown": () => "Unknown exit reason",
  "indicator.decline_reason.unknown": () => "Unknown decline reason",
  "indicator.status.unknown": () => "Unknown journey status",
  "indicator.dimension.unknown": () => "Unknown dimension",
  "indicator.group.unknown": () => "This group does not exist for this dimension",
  "indicator.target_group.unknown": () => "Unknown target group",
  "indicator.threshold.unknown": () => "Unknown threshold: meaningful or reliable",
  "indicator.value.unknown": () => "Unknown value: baseline, follow_up or change",
  "indicator.attendance.unknown": () => "Unknown attendance: attended, not_attended or pending",
  "indicator.pillar.unknown": () => "Unknown pillar",
  "indicator.input.unknown": () => "Unknown input: link_worker_fte, caseload_capacity or open_caseload",
  "indicator.numerator.required": () => "A computed indicator needs a numerator",
  "indicator.numerator.kind": () => "This type of indicator does not take this numerator",
  "indicator.numerator.not_applicable": () => "An entered or imported indicator has no numerator",
  "indicator.denominator.kind": () => "This type of indicator does not take this denominator",
  "indicator.denominator.not_applicable": () => "This type of indicator has no denominator",
  "indicator.disaggregations.not_applicable": () => "This type of indicator is not broken down by group",
  "indicator.dimension.not_applicable": () => "This indicator cannot be broken down by this dimension",
  "indicator.per.required": () => "A rate says per how many inhabitants (per, e.g. 1000)",
  "indicator.per.not_applicable": () => "Only a rate has “per”",
  "indicator.percentile.required": () => "A percentile says which one (percentile, e.g. 0.9)",
  "indicator.percentile.not_applicable": () => "Only a percentile has “percentile”",
  "indicator.threshold.required": () => "A threshold share names its threshold (threshold)",
  "indicator.threshold.not_applicable": () => "Only a threshold share has “threshold”",
  "indicator.threshold.none_for_measure": () => "This measure has no improvement threshold",
  "indicator.anchor.mismatch": () => "The numerator and the denominator must have the same anchor",
  "indicator.value.required": () => "This type of indicator needs a value per journey (numerator.value)",
  "indicator.value.change_required": () => "A measure's change is needed (of: change)",
  "indicator.odds_ratio.not_applicable": () => "Only a proportion has odds ratios",
  "indicator.odds_ratio.not_disaggregated": () =>
    "An odds ratio is on one of the dimensions the indicator is broken down by",
};

addIssueMessages({ fr, en });
