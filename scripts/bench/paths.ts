import { resolve } from "node:path";

export const root = resolve(import.meta.dirname, "../..");
/** Git-ignored scratch space for generated baselines and results. */
export const benchDir = resolve(root, ".bench");
