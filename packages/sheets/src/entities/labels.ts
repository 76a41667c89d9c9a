import { type EnumLabels, enumLabels } from "@maillage/schema";
import type { Option } from "../convert";

/** The options of a closed list with their French labels (what a template shows and a cell may say). */
export function options<N extends keyof EnumLabels>(name: N): Option<Extract<keyof EnumLabels[N], string>>[] {
  const labels = enumLabels.fr[name] as Record<string, string>;
  return Object.entries(labels).map(([value, label]) => ({
    value: value as Extract<keyof EnumLabels[N], string>,
    label,
  }));
}
