/**
 * @maillage/charts: one chart definition (plain JSON) that the console and the export pack both draw
 * to the same SVG, with its data table and a summary for screen readers. No DOM, no dependencies.
 */
export * from "./definition";
export { formatNumber, PERCENT } from "./format";
export { escapeXml, labelStep, PALETTE, renderSvg } from "./svg";
export * from "./table";
