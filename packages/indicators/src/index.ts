/**
 * @maillage/indicators: the indicator engine (DESIGN.md §4; docs/indicators.md). Browser-safe and
 * pure: definitions are data, the engine turns journeys into additive monthly cells and cells into
 * values with their intervals.
 */
export * from "./catalogue";
export * from "./cells";
export * from "./definitions";
export * from "./economics";
export * from "./engine";
export * from "./finalise";
export * from "./journeys";
export * from "./period";
export * from "./settings";
export * from "./stats";
export * from "./targets";
export * from "./views";
