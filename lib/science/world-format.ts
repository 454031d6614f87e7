/**
 * The world file format (JSON): parsing, validation and normalisation.
 * A bad world is refused with a `WorldFormatError` naming the field and the reason; nothing is silently repaired.
 * Priors and component weights are normalised (to sum to 1) on load.
 */
import { eigenvalues2, isPositiveDefinite2 } from './gauss2';
import type { Component, Mat2, Vec2, World, WorldClass } from './types';

export const MIN_CLASSES = 2;
export const MAX_COMPONENTS = 4096;

/** What a world may hold: every reader of a world (file, URL, weight file, command line) passes its limits to `parseWorld`. */
export interface WorldLimits {
  /** At most this many classes (the URL's class index goes to 63). */
  maxClasses: number;
  /** At most this many components in all. */
  maxComponents: number;
  /** World and class names: at most this many characters. */
  maxNameLength: number;
  /** The description: at most this many characters. */
  maxDescriptionLength: number;
  /** Every coordinate of a mean lies in [−maxAbsMean, maxAbsMean]. */
  maxAbsMean: number;
  /** The standard deviations of a component (square roots of the covariance's eigenvalues) lie in [minSd, maxSd]. */
  minSd: number;
  maxSd: number;
}

/** The limits of a world file for the command line and weight files: generous, but no absurd sizes or scales. */
export const FILE_WORLD_LIMITS: WorldLimits = {
  maxClasses: 64,
  maxComponents: MAX_COMPONENTS,
  maxNameLength: 64,
  maxDescriptionLength: 2000,
  maxAbsMean: 1e4,
  minSd: 1e-6,
  maxSd: 1e4,
};
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
export function parseWorldJson(text: string, limits: WorldLimits = FILE_WORLD_LIMITS): World {
  return parseWorld(jsonOf(text), limits);
}

function jsonOf(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new WorldFormatError('(file)', `invalid JSON (${(e as Error).message.slice(0, 160)})`);
  }
}

/** The keys a world file may have at each level (a typo like "covariance" is refused, not silently ignored). */
const WORLD_KEYS = { world: ['name', 'description', 'classes'], class: ['name', 'prior', 'components'], component: ['weight', 'mean', 'cov'] };

/** Refuses keys a world file does not define, naming the first one found. */
export function refuseUnknownWorldKeys(data: unknown): void {
  const check = (obj: unknown, allowed: string[], path: string): void => {
    if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return;
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k)) throw new WorldFormatError(path === '' ? k : `${path}.${k}`, `unknown key (allowed: ${allowed.join(', ')})`);
    }
  };
  check(data, WORLD_KEYS.world, '');
  const classes = (data as { classes?: unknown })?.classes;
  if (!Array.isArray(classes)) return;
  classes.forEach((c, i) => {
    check(c, WORLD_KEYS.class, `classes[${i}]`);
    const comps = (c as { components?: unknown })?.components;
    if (!Array.isArray(comps)) return;
    comps.forEach((k, j) => {
      check(k, WORLD_KEYS.component, `classes[${i}].components[${j}]`);
    });
  });
}

/**
 * Reads a world file as the command line and the page's world editor do: size-limited, JSON, no unknown keys, then
 * `parseWorld` within `limits`. Throws `WorldFormatError` naming the field and the reason.
 */
export function parseWorldFile(text: string, limits: WorldLimits = FILE_WORLD_LIMITS, maxChars = 1_000_000): World {
  if (text.length > maxChars) throw new WorldFormatError('(file)', `too large (${text.length} characters; at most ${maxChars})`);
  const data = jsonOf(text);
  refuseUnknownWorldKeys(data);
  return parseWorld(data, limits);
}

/** A world as the text of a world file (the command line's `--world FILE.json` format), normalised. */
export function worldFileText(world: World): string {
  const w = normaliseWorld(world);
  return `${JSON.stringify({ name: w.name, description: w.description, classes: w.classes }, null, 2)}\n`;
}

/** Validates a parsed JSON value as a world within `limits` and returns it normalised (a new object). */
export function parseWorld(data: unknown, limits: WorldLimits = FILE_WORLD_LIMITS): World {
  const root = asObject(data, '(world)');
  const name = asName(field(root, 'name', '(world)'), 'name', limits.maxNameLength);
  const description = root.description === undefined ? '' : asString(root.description, 'description');
  if (description.length > limits.maxDescriptionLength) {
    throw new WorldFormatError('description', `at most ${limits.maxDescriptionLength} characters, got ${description.length}`);
  }
  const rawClasses = asArray(field(root, 'classes', '(world)'), 'classes');
  if (rawClasses.length < MIN_CLASSES) {
    throw new WorldFormatError('classes', `a world needs at least ${MIN_CLASSES} classes, got ${rawClasses.length}`);
  }
  if (rawClasses.length > limits.maxClasses) {
    throw new WorldFormatError('classes', `at most ${limits.maxClasses} classes, got ${rawClasses.length}`);
  }
  let total = 0;
  const seen = new Set<string>();
  const classes = rawClasses.map((raw, i): WorldClass => {
    const path = `classes[${i}]`;
    const cls = parseClass(raw, path, limits);
    if (seen.has(cls.name)) throw new WorldFormatError(`${path}.name`, `duplicate class name "${cls.name}"`);
    seen.add(cls.name);
    total += cls.components.length;
    if (total > limits.maxComponents) {
      throw new WorldFormatError('classes', `more than ${limits.maxComponents} components in all`);
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

function parseClass(raw: unknown, path: string, limits: WorldLimits): WorldClass {
  const obj = asObject(raw, path);
  const name = asName(field(obj, 'name', path), `${path}.name`, limits.maxNameLength);
  const prior = asPositive(field(obj, 'prior', path), `${path}.prior`);
  const rawComps = asArray(field(obj, 'components', path), `${path}.components`);
  if (rawComps.length === 0) throw new WorldFormatError(`${path}.components`, 'a class needs at least one component');
  if (rawComps.length > limits.maxComponents) throw new WorldFormatError(`${path}.components`, `more than ${limits.maxComponents} components`);
  const components = rawComps.map((c, j) => parseComponent(c, `${path}.components[${j}]`, limits));
  return { name, prior, components };
}

function parseComponent(raw: unknown, path: string, limits: WorldLimits): Component {
  const obj = asObject(raw, path);
  const weight = asPositive(field(obj, 'weight', path), `${path}.weight`);
  const mean = asVec2(field(obj, 'mean', path), `${path}.mean`);
  for (const [i, m] of mean.entries()) {
    if (Math.abs(m) > limits.maxAbsMean)
      throw new WorldFormatError(`${path}.mean[${i}]`, `must lie in [−${limits.maxAbsMean}, ${limits.maxAbsMean}], got ${m}`);
  }
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
  const [lo, hi] = eigenvalues2(r0[0], r0[1], r1[1]);
  if (Math.sqrt(lo) < limits.minSd * (1 - 1e-9) || Math.sqrt(hi) > limits.maxSd * (1 + 1e-9)) {
    const sd = (v: number) => Number(Math.sqrt(v).toPrecision(4));
    throw new WorldFormatError(`${path}.cov`, `standard deviations must lie in [${limits.minSd}, ${limits.maxSd}], got ${sd(lo)} and ${sd(hi)}`);
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

function asName(v: unknown, path: string, maxLength: number): string {
  const name = asString(v, path);
  if (name.length > maxLength) throw new WorldFormatError(path, `at most ${maxLength} characters, got ${name.length}`);
  return name;
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
