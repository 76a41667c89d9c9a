import { issuesOf } from "@maillage/schema";
import * as v from "valibot";
import { MaillageError } from "./error";

/** Parses input with the schema or throws input.invalid with field paths. */
export function parse<S extends v.GenericSchema>(schema: S, input: unknown): v.InferOutput<S> {
  const result = v.safeParse(schema, input);
  if (!result.success) {
    throw new MaillageError("input.invalid", "The request is not valid", { issues: issuesOf(result.issues) });
  }
  return result.output;
}

/** A core function that validates its own input; routes reuse `.schema`. */
export function fn<S extends v.GenericSchema, R>(schema: S, cb: (input: v.InferOutput<S>) => R) {
  const run = (input: v.InferInput<S>): R => cb(parse(schema, input));
  run.schema = schema;
  return run;
}
