import * as v from "valibot";
import { message } from "./messages";

/** Cursor pagination, from the table through the API to the console: `next` is opaque. */
export const PageQuery = v.object({
  cursor: v.optional(
    v.pipe(v.string(), v.maxLength(2048), v.regex(/^[A-Za-z0-9_-]+$/, message("cursor.invalid"))),
  ),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d{1,3}$/, "Whole number expected"),
      v.transform(Number),
      v.minValue(1),
      v.maxValue(200),
    ),
  ),
});
export type PageQuery = v.InferOutput<typeof PageQuery>;

export function Page<TItem extends v.GenericSchema>(item: TItem) {
  return v.object({ items: v.array(item), next: v.nullable(v.string()) });
}
export interface Page<T> {
  items: T[];
  next: string | null;
}
