/** What a command is: a name, its flags (validated by args.ts) and a function returning the JSON to print. */
import type { FlagSpecs, Flags } from './args';

export interface Command<F extends FlagSpecs = FlagSpecs> {
  readonly name: string;
  /** One line for `scorefield --help`. */
  readonly summary: string;
  readonly flags: F;
  /** Returns the JSON value to print (on stdout, or into --out FILE). Throw UsageError for bad arguments. */
  run(flags: Flags<F>): unknown;
}

/** Declares a command with its flag types inferred (use in each cli/commands/*.ts file). */
export function defineCommand<F extends FlagSpecs>(command: Command<F>): Command<F> {
  return command;
}
