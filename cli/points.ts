/** Point files the command line reads (samples, shared starting noise x_T): JSON {"samples"|"xT": [[x, y], …]} or [[x, y], …]. */
import { DataError } from './args';
import { readJsonFile } from './common';

/** Reads [[x, y], …] (bare, or under one of `keys`) from a JSON file named by --flag, as interleaved numbers. */
export function readPoints(path: string, flag: string, keys: readonly string[] = ['samples'], min = 1): Float64Array {
  return pointsOf(readJsonFile(path, flag), `--${flag} ${path}`, keys, min);
}

/** Points [[x, y], …] from parsed JSON (bare or under one of `keys`); `what` names the source in errors. */
export function pointsOf(data: unknown, what: string, keys: readonly string[] = ['samples'], min = 1): Float64Array {
  const holder = data as Record<string, unknown> | null;
  const key = keys.find((k) => holder !== null && typeof holder === 'object' && Array.isArray(holder[k]));
  const list = Array.isArray(data) ? data : key !== undefined ? (holder![key] as unknown[]) : undefined;
  const shape = keys.map((k) => `{"${k}": [[x, y], …]}`).join(' or ');
  if (!Array.isArray(list)) throw new DataError(`${what}: expected ${shape} or [[x, y], …]`);
  if (list.length < min) throw new DataError(`${what}: needs at least ${min} points, got ${list.length}`);
  const x = new Float64Array(2 * list.length);
  list.forEach((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new DataError(`${what}: ${key ?? ''}[${i}] must be [x, y] with two finite numbers`);
    }
    x[2 * i] = p[0] as number;
    x[2 * i + 1] = p[1] as number;
  });
  return x;
}
