import type { Locale, NumberFormat } from "./definition";

const formats = new Map<string, Intl.NumberFormat>();

/**
 * A number as the locale writes it, with its unit. U+202F (which fr-FR puts before "%" and between
 * thousands) becomes U+00A0: the standard PDF fonts have no glyph for it.
 */
export function formatNumber(value: number, format: NumberFormat, locale: Locale): string {
  const key = `${locale}${format.style}${format.maximumFractionDigits}`;
  let formatter = formats.get(key);
  if (!formatter) {
    formatter = new Intl.NumberFormat(locale === "fr" ? "fr-FR" : "en-GB", {
      style: format.style,
      maximumFractionDigits: format.maximumFractionDigits,
    });
    formats.set(key, formatter);
  }
  // `|| 0` writes -0 as 0.
  const text = formatter.format(value || 0) + (format.unit ? `\u00a0${format.unit}` : "");
  return text.replace(/\u202f/g, "\u00a0");
}

export const PERCENT: NumberFormat = { style: "percent", maximumFractionDigits: 1 };

/** The few words the charts write themselves. */
export const words = {
  fr: {
    na: "non calculable",
    colon: "\u00a0: ",
    ci: "IC à 95\u00a0%",
    category: "Catégorie",
    period: "Période",
    stage: "Étape",
    count: "Effectif",
    share: "Part de la première étape",
    conversion: "Passage depuis l'étape précédente",
    previous: "de l'étape précédente",
    first: "de la première étape",
    none: "Aucune valeur calculable.",
    highest: "valeur la plus élevée",
    lowest: "la plus basse",
    after: "puis",
    in: "en",
    change: ["en baisse", "stable", "en hausse"],
    drop: (from: string, to: string, lost: string, rate: string) =>
      `Plus forte baisse\u00a0: de «\u00a0${from}\u00a0» à «\u00a0${to}\u00a0» (−${lost}, soit ${rate} de l'étape précédente).`,
  },
  en: {
    na: "not computable",
    colon: ": ",
    ci: "95% CI",
    category: "Category",
    period: "Period",
    stage: "Stage",
    count: "Count",
    share: "Share of the first stage",
    conversion: "Conversion from the previous stage",
    previous: "of the previous stage",
    first: "of the first stage",
    none: "No computable value.",
    highest: "highest",
    lowest: "lowest",
    after: "then",
    in: "in",
    change: ["down", "unchanged", "up"],
    drop: (from: string, to: string, lost: string, rate: string) =>
      `Biggest drop: from “${from}” to “${to}” (−${lost}, ${rate} of the previous stage).`,
  },
};

/** A rough width of a text in sans-serif: wide enough for French labels in Helvetica or Arial. */
export const textWidth = (text: string, size = 12) => text.length * size * 0.6;
