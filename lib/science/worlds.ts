/**
 * The built-in worlds, each small (≤ 60 components) and drawn at a scale of about [−3, 3]²
 * (the noise prior is N(0, I)). Each one teaches one thing, said in its description.
 */
import { rotatedCov } from './gauss2';
import type { Component, Mat2, World } from './types';
import { normaliseWorld } from './world-format';

export const DEFAULT_WORLD = 'two-gaussians';

function iso(variance: number): Mat2 {
  return [
    [variance, 0],
    [0, variance],
  ];
}

function twoGaussians(): World {
  return {
    name: 'two-gaussians',
    description:
      'Two overlapping isotropic Gaussian classes: the simplest picture of how guidance pushes samples away from the other class and shrinks their spread.',
    classes: [
      { name: 'minus', prior: 0.5, components: [{ weight: 1, mean: [-1, 0], cov: iso(0.5) }] },
      { name: 'plus', prior: 0.5, components: [{ weight: 1, mean: [1, 0], cov: iso(0.5) }] },
    ],
  };
}

/** One spiral arm per class, 18 components each, blurrier near the centre where the arms overlap. */
function threeSpirals(): World {
  const perArm = 18;
  const names = ['red', 'green', 'blue'];
  return {
    name: 'three-spirals',
    description:
      'Three curved, interleaved spiral classes that overlap near the centre: strong guidance pulls samples out of the overlap and onto the outer arms.',
    classes: names.map((name, arm) => {
      const components: Component[] = [];
      for (let j = 0; j < perArm; j++) {
        const u = j / (perArm - 1);
        const r = 0.3 + 2.3 * u;
        const theta = (2 * Math.PI * arm) / names.length + 0.95 * Math.PI * u;
        const sd = 0.17 + 0.13 * (1 - u);
        components.push({ weight: 1, mean: [r * Math.cos(theta), r * Math.sin(theta)], cov: iso(sd * sd) });
      }
      return { name, prior: 1 / names.length, components };
    }),
  };
}

function minorMode(): World {
  return {
    name: 'minor-mode',
    description: 'Class "a" has a small second mode right next to class "b": strong guidance from high noise on drops that mode, a guidance interval keeps it.',
    classes: [
      {
        name: 'a',
        prior: 0.5,
        components: [
          { weight: 0.75, mean: [-1.6, 0], cov: iso(0.25) },
          { weight: 0.25, mean: [1.1, 1.3], cov: iso(0.06) },
        ],
      },
      { name: 'b', prior: 0.5, components: [{ weight: 1, mean: [1.3, -0.4], cov: iso(0.2) }] },
    ],
  };
}

/**
 * A binary tree of thin branches, drawn as elongated Gaussians: each segment gets two components
 * along it, branches split by ±spread, shrink by `ratio` and get thinner with depth.
 */
function treeComponents(root: [number, number], angle: number, depth: number): Component[] {
  const out: Component[] = [];
  const trunk = 1.45;
  const ratio = 0.72;
  const spread = 0.5;
  const grow = (x: number, y: number, theta: number, len: number, level: number): void => {
    const dx = Math.cos(theta);
    const dy = Math.sin(theta);
    const across = 0.1 * 0.7 ** level;
    for (const f of [0.25, 0.75]) {
      out.push({ weight: len, mean: [x + f * len * dx, y + f * len * dy], cov: rotatedCov(0.3 * len, across, theta) });
    }
    if (level + 1 < depth) {
      const ex = x + len * dx;
      const ey = y + len * dy;
      grow(ex, ey, theta + spread, len * ratio, level + 1);
      grow(ex, ey, theta - spread, len * ratio, level + 1);
    }
  };
  grow(root[0], root[1], angle, trunk, 0);
  return out;
}

function branchingTree(): World {
  return {
    name: 'branching-tree',
    description:
      'Two trees of thin, interleaved branches (after the 2D toy of Karras et al. 2024): strong guidance keeps samples on their own branches but pushes them to the far outer twigs, emptying the shared trunk and the interleaved inner branches.',
    classes: [
      { name: 'left', prior: 0.5, components: treeComponents([-0.15, -2.4], Math.PI / 2 + 0.3, 4) },
      { name: 'right', prior: 0.5, components: treeComponents([0.15, -2.4], Math.PI / 2 - 0.3, 4) },
    ],
  };
}

/** Freezes an object and everything in it (computations cache per World object, so worlds must not change). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** name → normalised built-in world (deeply frozen). */
export const BUILTIN_WORLDS: Readonly<Record<string, World>> = deepFreeze(
  Object.fromEntries([twoGaussians(), threeSpirals(), minorMode(), branchingTree()].map((w) => [w.name, normaliseWorld(w)])),
);

export const BUILTIN_WORLD_NAMES: readonly string[] = Object.keys(BUILTIN_WORLDS);

/** The built-in world of that name, or undefined. */
export function getBuiltinWorld(name: string): World | undefined {
  return Object.hasOwn(BUILTIN_WORLDS, name) ? BUILTIN_WORLDS[name] : undefined;
}
