/**
 * The `world` of the notebook state: the name of a built-in world, or the code of the reader's own world
 * (`w.…`, lib/science/world-code.ts). Every widget, worker and the command line turn it into a World here.
 */
import type { World } from './types';
import { WORLD_CODE_PREFIX, decodeWorldCode, type WorldDoc } from './world-code';
import { WorldFormatError } from './world-format';
import { BUILTIN_WORLD_NAMES, getBuiltinWorld } from './worlds';

/** The longest world code a URL may carry (64 components and 8 long class names fit with room to spare). */
export const MAX_WORLD_KEY_LENGTH = 2400;
/** Decoded worlds kept (the editor makes a new one at every move; the same code must give the same World object). */
const CACHE_SIZE = 24;
const cache = new Map<string, { doc: WorldDoc; world: World }>();

/** Whether a world key is a code of the reader's own world (not a built-in name). */
export function isCustomWorldKey(key: string): boolean {
  return key.startsWith(WORLD_CODE_PREFIX);
}

/** The reader's world of a code, its document and World (cached: the same code gives the same objects); throws `WorldFormatError`. */
export function decodeWorldKey(key: string): { doc: WorldDoc; world: World } {
  const hit = cache.get(key);
  if (hit) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  if (key.length > MAX_WORLD_KEY_LENGTH) throw new WorldFormatError('(code)', `too long (${key.length} characters; at most ${MAX_WORLD_KEY_LENGTH})`);
  const decoded = decodeWorldCode(key);
  cache.set(key, decoded);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return decoded;
}

/** What is wrong with a world key (undefined: it names a built-in world or is a valid code). */
export function worldKeyProblem(key: string): string | undefined {
  if (getBuiltinWorld(key)) return undefined;
  if (!isCustomWorldKey(key)) return `unknown world (allowed: ${BUILTIN_WORLD_NAMES.join(', ')}, or a world code w.… from the world editor)`;
  try {
    decodeWorldKey(key);
    return undefined;
  } catch (e) {
    return `not a valid world code: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** The World of a key: a built-in world, the reader's decoded world, or undefined for a bad key. */
export function worldOfKey(key: string): World | undefined {
  const builtin = getBuiltinWorld(key);
  if (builtin || !isCustomWorldKey(key)) return builtin;
  try {
    return decodeWorldKey(key).world;
  } catch {
    return undefined;
  }
}

/** A world's name for the interface: the built-in name, or the reader's world's own name (codes are long). */
export function worldLabel(key: string): string {
  return isCustomWorldKey(key) ? (worldOfKey(key)?.name ?? '?') : key;
}
