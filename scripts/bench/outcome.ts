/** A measurement that either produced a value or failed with a reason, so one failure spares the others. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: string };

export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function attempt<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    return { ok: false, error: describe(error) };
  }
}
