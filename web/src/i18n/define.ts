/** A dictionary's shape with its texts widened: what every other language must provide. */
export type Widen<T> = T extends string
  ? string
  : T extends (...args: infer A) => string
    ? (...args: A) => string
    : { [K in keyof T]: Widen<T[K]> };

/**
 * One feature's texts in every language. French comes first and sets the keys: English must have
 * exactly the same ones, so a missing or extra key in either language fails the typecheck.
 */
export function dictionary<F>(fr: F, en: Widen<F>): { fr: Widen<F>; en: Widen<F> } {
  return { fr: fr as Widen<F>, en };
}
