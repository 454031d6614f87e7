/**
 * Reading a weight file: `parseWeights` checks the size, parses the JSON, validates the metadata (validate.ts) and the
 * tensors (tensors.ts), and builds plain Float32Arrays; it never touches a model. Only then does a caller build a new
 * model from it (`DenoiserModel.fromValues`) or replace the values of one in use (`model.setValues`, which checks
 * again before assigning anything).
 */
import { limitText, quote } from '../../text/limit';
import { decodeTensors } from './tensors';
import { WEIGHTS_FORMAT, WEIGHTS_VERSION, WEIGHT_LIMITS, WeightFileError, type LoadedWeights, type WeightExpectations } from './format';
import { isObj, validateMeta } from './validate';

/** Every problem is cut to this length (a crafted file cannot make a message megabytes long). */
const MAX_PROBLEM_LENGTH = 200;

/** A refusal when a weight file's text is longer than WEIGHT_LIMITS.maxChars (check before reading a file whole). */
export function sizeProblem(chars: number, what = 'weight file'): string | undefined {
  if (chars <= WEIGHT_LIMITS.maxChars) return undefined;
  return `the ${what} is too large (${(chars / 1e6).toFixed(1)} MB; at most ${WEIGHT_LIMITS.maxChars / 1e6} MB)`;
}

/**
 * Parses and validates a weight file (its text, or the parsed JSON value). Throws a WeightFileError listing what is
 * wrong: too large, not JSON / truncated, another format or version, missing, malformed or implausible metadata,
 * another world, schedule or architecture than expected, missing, extra or misshapen tensors, bad base64, a checksum
 * mismatch, NaN, ±Inf or implausibly large values.
 */
export function parseWeights(input: string | unknown, expect: WeightExpectations = {}): LoadedWeights {
  let data: unknown = input;
  if (typeof input === 'string') {
    const tooLarge = sizeProblem(input.length);
    if (tooLarge) throw new WeightFileError(tooLarge);
    try {
      data = JSON.parse(input);
    } catch (e) {
      throw new WeightFileError(limitText(`weight file is not valid JSON (truncated or corrupted?): ${(e as Error).message}`, MAX_PROBLEM_LENGTH));
    }
  }
  if (!isObj(data)) throw new WeightFileError('weight file must be a JSON object');
  if (data.format !== WEIGHTS_FORMAT) throw new WeightFileError(`not a scorefield weight file (format is ${quote(data.format)}, expected "${WEIGHTS_FORMAT}")`);
  if (data.version !== WEIGHTS_VERSION)
    throw new WeightFileError(`unsupported weight file version ${quote(data.version)} (this build reads version ${WEIGHTS_VERSION})`);

  const problems: string[] = [];
  const fail = (): never => {
    throw WeightFileError.of(problems.map((p) => limitText(p, MAX_PROBLEM_LENGTH)));
  };
  const meta = validateMeta(data, expect, problems);
  if (!meta) return fail();
  const values = decodeTensors(data.tensors, data.checksum, meta.architecture, problems);
  if (!values) return fail();
  return {
    world: { name: meta.world.name, fingerprint: meta.fingerprint, definition: meta.world },
    schedule: meta.schedule,
    architecture: meta.architecture,
    training: { ...meta.training },
    values,
  };
}
