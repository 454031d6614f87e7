/**
 * The world file format (JSON): parsing, validation and normalisation.
 * A bad world is refused with a `WorldFormatError` naming the field and the reason; nothing is silently repaired.
 * Priors and component weights are normalised (to sum to 1) on load.
 */
import { isPositiveDefinite2 } from './gauss2';
import type { Component, Mat2, Vec2, World, WorldClass } from './types';

export const MIN_CLASSES = 2;
export const MAX_COMPONENTS = 4096;
/** Relative tolerance on |Σ01 − Σ10| for a covariance to count as symmetric. */
const SYMMETRY_TOL = 1e-9;

export class WorldFormatError extends Error {
  /** The offending field, as a path such as `classes[1].components[0].cov`. */
  readonly field: string;
  constructor(field: string, reason: string) {
    super(`${field}: ${reason}`);
    this.name = 'WorldFormatError';
    this.field = field;
  }
}

/** Parses world JSON text; throws `WorldFormatError` on bad JSON or a bad world. */
export function parseWorldJson(text: string): World {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new WorldFormatError('(file)', `invalid JSON (${(e as Error).message})`);
  }
  return parseWorld(data);
}

/** Validates a parsed JSON value as a world and returns it normalised (a new object). */
export function parseWorld(data: unknown): World {
  const root = asObject(data, '(world)');
  const name = asString(field(root, 'name', '(world)'), 'name');
  const description = root.description === undefined ? '' : asString(root.description, 'description');
  const rawClasses = asArray(field(root, 'classes', '(world)'), 'classes');
  if (rawClasses.length < MIN_CLASSES) {
    throw new WorldFormatError('classes', `a world needs at least ${MIN_CLASSES} classes, got ${rawClasses.length}`);
  }
  let total = 0;
  const seen = new Set<string>();
  const classes = rawClasses.map((raw, i): WorldClass => {
    const path = `classes[${i}]`;
    const cls = parseClass(raw, path);
    if (seen.has(cls.name)) throw new WorldFormatError(`${path}.name`, `duplicate class name "${cls.name}"`);
    seen.add(cls.name);
    total += cls.components.length;
    if (total > MAX_COMPONENTS) {
      throw new WorldFormatError('classes', `more than ${MAX_COMPONENTS} components in all`);
    }
    return cls;
  });
  return normaliseWorld({ name, description, classes });
}

/** A copy of `world` whose priors sum to 1 over classes and whose weights sum to 1 within each class. */
export function normaliseWorld(world: World): World {
  const priorSum = world.classes.reduce((acc, c) => acc + c.prior, 0);
  return {
    name: world.name,
    description: world.description,
    classes: world.classes.map((c) => {
      const wSum = c.components.reduce((acc, k) => acc + k.weight, 0);
      return {
        name: c.name,
        prior: c.prior / priorSum,
        components: c.components.map((k) => ({
          weight: k.weight / wSum,
          mean: [k.mean[0], k.mean[1]],
          cov: [
            [k.cov[0][0], k.cov[0][1]],
            [k.cov[1][0], k.cov[1][1]],
          ],
        })),
      };
    }),
  };
}

function parseClass(raw: unknown, path: string): WorldClass {
  const obj = asObject(raw, path);
  const name = asString(field(obj, 'name', path), `${path}.name`);
  const prior = asPositive(field(obj, 'prior', path), `${path}.prior`);
  const rawComps = asArray(field(obj, 'components', path), `${path}.components`);
  if (rawComps.length === 0) throw new WorldFormatError(`${path}.components`, 'a class needs at least one component');
  const components = rawComps.map((c, j) => parseComponent(c, `${path}.components[${j}]`));
  return { name, prior, components };
}

function parseComponent(raw: unknown, path: string): Component {
  const obj = asObject(raw, path);
  const weight = asPositive(field(obj, 'weight', path), `${path}.weight`);
  const mean = asVec2(field(obj, 'mean', path), `${path}.mean`);
  const covRaw = asArray(field(obj, 'cov', path), `${path}.cov`);
  if (covRaw.length !== 2) throw new WorldFormatError(`${path}.cov`, 'must be a 2×2 array [[a, b], [b, c]]');
  const r0 = asVec2(covRaw[0], `${path}.cov[0]`);
  const r1 = asVec2(covRaw[1], `${path}.cov[1]`);
  const cov: Mat2 = [r0, r1];
  const scale = Math.max(Math.abs(r0[0]), Math.abs(r1[1]), Math.abs(r0[1]), Number.MIN_VALUE);
  if (Math.abs(r0[1] - r1[0]) > SYMMETRY_TOL * scale) {
    throw new WorldFormatError(`${path}.cov`, `not symmetric (cov[0][1] = ${r0[1]} ≠ cov[1][0] = ${r1[0]})`);
  }
  if (!isPositiveDefinite2(r0[0], r0[1], r1[1])) {
    throw new WorldFormatError(`${path}.cov`, 'not positive definite (needs cov[0][0] > 0 and determinant > 0)');
  }
  return { weight, mean, cov };
}

function field(obj: Record<string, unknown>, key: string, path: string): unknown {
  if (!(key in obj) || obj[key] === undefined) {
    throw new WorldFormatError(path === '(world)' ? key : `${path}.${key}`, 'missing field');
  }
  return obj[key];
}

function asObject(v: unknown, path: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new WorldFormatError(path, 'must be an object');
  return v as Record<string, unknown>;
}

function asArray(v: unknown, path: string): unknown[] {
  if (!Array.isArray(v)) throw new WorldFormatError(path, 'must be an array');
  return v;
}

function asString(v: unknown, path: string): string {
  if (typeof v !== 'string') throw new WorldFormatError(path, 'must be a string');
  if (path.endsWith('name') && v.trim() === '') throw new WorldFormatError(path, 'must not be empty');
  return v;
}

function asFinite(v: unknown, path: string): number {
  if (typeof v !== 'number') throw new WorldFormatError(path, 'must be a number');
  if (!Number.isFinite(v)) throw new WorldFormatError(path, 'must be finite');
  return v;
}

function asPositive(v: unknown, path: string): number {
  const x = asFinite(v, path);
  if (x < 0) throw new WorldFormatError(path, `must not be negative, got ${x}`);
  if (x === 0) throw new WorldFormatError(path, 'must be > 0');
  return x;
}

function asVec2(v: unknown, path: string): Vec2 {
  const arr = asArray(v, path);
  if (arr.length !== 2) throw new WorldFormatError(path, `must have 2 numbers, got ${arr.length}`);
  return [asFinite(arr[0], `${path}[0]`), asFinite(arr[1], `${path}[1]`)];
}
