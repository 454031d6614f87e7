/**
 * Flags and argument resolution shared by several commands: the world (built-in name or JSON file),
 * classes by name or index, the schedule, guidance settings and the denoiser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_WORLD_NAMES, SCHEDULE_NAMES, WorldFormatError, classIndex, getBuiltinWorld, parseWorldJson, type World } from '../lib/science';
import { UsageError, type FlagSpecs } from './args';

export const worldFlag = {
  world: { type: 'string', meta: `a built-in world (${BUILTIN_WORLD_NAMES.join(', ')}) or a world JSON file`, help: 'the toy world', required: true },
} as const satisfies FlagSpecs;

export const classFlag = {
  class: { type: 'string', meta: 'a class name or 0-based index of the world', help: 'the class y', required: true },
} as const satisfies FlagSpecs;

export const scheduleFlag = {
  schedule: { type: 'enum', values: SCHEDULE_NAMES, default: 'linear', help: 'noise schedule (T = 1000)' },
} as const satisfies FlagSpecs;

export const S_RANGE = { min: -10, max: 50 } as const;

export const scaleFlag = {
  s: { type: 'number', ...S_RANGE, help: 'guidance scale s (0 unconditional, 1 conditional, > 1 guided)', required: true },
} as const satisfies FlagSpecs;

/** The world of --world: a built-in name, else a JSON file; refused with the reason. */
export function loadWorld(value: string): World {
  const builtin = getBuiltinWorld(value);
  if (builtin) return builtin;
  if (!existsSync(value)) {
    throw new UsageError(`--world must be ${worldFlag.world.meta}; "${value}" is neither`);
  }
  let text: string;
  try {
    text = readFileSync(value, 'utf8');
  } catch (e) {
    throw new UsageError(`--world: cannot read "${value}" (${(e as Error).message})`);
  }
  try {
    return parseWorldJson(text);
  } catch (e) {
    if (e instanceof WorldFormatError) throw new UsageError(`--world ${value}: ${e.message}`);
    throw e;
  }
}

/** A class of the world from its name or 0-based index, for the flag `flag`. */
export function resolveClass(world: World, value: string, flag: string): number {
  const y = classIndex(world, value);
  if (y === undefined) {
    const names = world.classes.map((c) => c.name).join(', ');
    throw new UsageError(`--${flag} must be a class of ${world.name}: a name (${names}) or an index in [0, ${world.classes.length - 1}], got "${value}"`);
  }
  return y;
}

/** Reads a text file named by a flag, with a message naming the flag on failure. */
export function readFlagFile(path: string, flag: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new UsageError(`--${flag}: cannot read "${path}" (${(e as Error).message})`);
  }
}

/** Reads a JSON file named by a flag, with a message naming the flag on failure. */
export function readJsonFile(path: string, flag: string): unknown {
  const text = readFlagFile(path, flag);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`--${flag}: "${path}" is not valid JSON (${(e as Error).message})`);
  }
}

/** Points as [[x, y], …] from interleaved numbers. */
export function toPairs(x: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i]!, x[i + 1]!]);
  return out;
}
