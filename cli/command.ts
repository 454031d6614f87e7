/** What a command is: a name, its flags (validated by args.ts) and a function returning the JSON to print. */
import type { FlagSpecs, Flags } from './args';
import type { RunContext } from './output';

export interface Command<F extends FlagSpecs = FlagSpecs> {
  readonly name: string;
  /** One line for `scorefield --help`. */
  readonly summary: string;
  readonly flags: F;
  /**
   * Returns the JSON value to print (on stdout, or into --out FILE), or an `Output` of cli/output.ts (JSON with provenance, a table for
   * --format csv|npy, or raw bytes). Throw UsageError for bad arguments, DataError for bad data in a file.
   */
  run(flags: Flags<F>, ctx: RunContext): unknown;
  /** Formats beyond JSON this command's output supports (default: json only). */
  readonly formats?: readonly string[];
}

/** Declares a command with its flag types inferred (use in each cli/commands/*.ts file). */
export function defineCommand<F extends FlagSpecs>(command: Command<F>): Command<F> {
  return command;
}
