/**
 * Flags and argument resolution shared by several commands: the world (built-in name or JSON file),
 * classes by name or index, the schedule, guidance settings and the denoiser.
 */
import { existsSync, readFileSync } from 'node:fs';
import { BUILTIN_WORLD_NAMES, SCHEDULE_NAMES, WorldFormatError, classIndex, getBuiltinWorld, parseWorld, type World } from '../lib/science';
import { refuseUnknownWorldKeys } from '../lib/science/world-format';
import { decodeWorldKey, isCustomWorldKey } from '../lib/science/world-key';
import { DataError, UsageError, type FlagSpecs } from './args';
import { sha256, type RunContext } from './output';

export const worldFlag = {
  world: {
    type: 'string',
    meta: `a built-in world (${BUILTIN_WORLD_NAMES.join(', ')}), a world JSON file, or a world code w.… from the page's world editor`,
    help: 'the toy world',
    required: true,
  },
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

/** A fingerprint of a world: the SHA-256 of its normalised JSON (equal for a built-in and its file copy). */
export function worldFingerprint(world: World): string {
  return sha256(JSON.stringify(world));
}

/** Records a world in the provenance: name, where it came from, fingerprint. */
export function noteWorld(ctx: RunContext | undefined, world: World, source: string, key = 'world'): void {
  if (ctx) ctx.provenance[key] = { name: world.name, source, sha256: worldFingerprint(world) };
}

/** The world of --world: a built-in name, else a JSON file; refused with the reason. */
export function loadWorld(value: string, ctx?: RunContext): World {
  const builtin = getBuiltinWorld(value);
  if (builtin) {
    noteWorld(ctx, builtin, 'built-in');
    return builtin;
  }
  if (isCustomWorldKey(value) && !existsSync(value)) {
    try {
      const { world } = decodeWorldKey(value);
      noteWorld(ctx, world, 'world code');
      return world;
    } catch (e) {
      if (e instanceof WorldFormatError) throw new DataError(`--world ${value.slice(0, 40)}…: ${e.message}`);
      throw e;
    }
  }
  if (!existsSync(value)) {
    throw new UsageError(`--world must be ${worldFlag.world.meta}; "${value}" is neither`);
  }
  const data = parseJsonText(readFlagFile(value, 'world'), `--world ${value}`);
  try {
    refuseUnknownWorldKeys(data);
    const world = parseWorld(data);
    noteWorld(ctx, world, value);
    return world;
  } catch (e) {
    if (e instanceof WorldFormatError) throw new DataError(`--world ${value}: ${e.message}`);
    throw e;
  }
}

/** Line and column (1-based) of a character offset in a text. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Where JSON.parse failed, from V8's message: "at position N", or "Unexpected token 'c', …snippet…" whose snippet is
 * the 10 characters either side of the error (led by "..." when cut), or the end of the input.
 */
function jsonErrorOffset(text: string, msg: string): number | undefined {
  const pos = /position (\d+)/.exec(msg);
  if (pos) return Number(pos[1]);
  if (/end of JSON input/.test(msg)) return text.length;
  const token = /^Unexpected token '(.)', (\.\.\.)?"([\s\S]*?)(\.\.\.)?" is not valid JSON$/.exec(msg);
  if (!token) return undefined;
  const at = text.indexOf(token[3]!);
  if (at < 0) return undefined;
  return token[2] ? at + 10 : at + token[3]!.indexOf(token[1]!);
}

/** JSON.parse with a DataError that names the line and column of the first problem. */
export function parseJsonText(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = (e as Error).message;
    const offset = jsonErrorOffset(text, msg);
    const where = offset === undefined ? '' : (({ line, column }) => ` at line ${line}, column ${column}`)(lineColumn(text, offset));
    throw new DataError(`${what}: not valid JSON${where} (${msg.replace(/ in JSON at position \d+.*$/, '')})`);
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

/** Reads a JSON file named by a flag, with a message naming the flag, line and column on failure. */
export function readJsonFile(path: string, flag: string): unknown {
  return parseJsonText(readFlagFile(path, flag), `--${flag} ${path}`);
}

/** Points as [[x, y], …] from interleaved numbers. */
export function toPairs(x: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < x.length; i += 2) out.push([x[i]!, x[i + 1]!]);
  return out;
}
