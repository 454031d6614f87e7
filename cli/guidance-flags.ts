/**
 * Guidance flags shared by sample and field: the scale(s), negative class, interval in t or in σ, CFG-rescale,
 * classifier guidance, and autoguidance by a second weights file (--guide-weights).
 */
import { ExactDenoiser, sigmaIntervalToT, type Denoiser, type Guidance, type Schedule, type World } from '../lib/science';
import { UsageError, type FlagSpecs } from './args';
import { S_RANGE, resolveClass } from './common';
import { loadDenoiser } from './denoisers';
import type { RunContext } from './output';

export const scalesFlag = {
  s: {
    type: 'numbers',
    of: 'number',
    ...S_RANGE,
    maxCount: 64,
    help: 'guidance scale s (0 unconditional, 1 conditional, > 1 guided); a list runs each in one process',
    required: true,
  },
} as const satisfies FlagSpecs;

export const guidanceFlags = {
  negative: { type: 'string', meta: 'a class name or 0-based index', help: 'negative class in place of ∅ (CFG only)' },
  interval: { type: 'list', of: 'int', length: 2, min: 0, max: 999, names: ['TLO', 'THI'], order: 'nondecreasing', help: 'guide only for TLO ≤ t ≤ THI' },
  'interval-sigma': {
    type: 'list',
    of: 'number',
    length: 2,
    min: 0,
    max: 1e6,
    names: ['SLO', 'SHI'],
    order: 'nondecreasing',
    help: 'guide only where the EDM noise level σ_t = √((1−ᾱ_t)/ᾱ_t) lies in [SLO, SHI] (Kynkäänniemi et al. 2024)',
  },
  rescale: { type: 'number', min: 0, max: 1, help: 'CFG-rescale factor φ (CFG only)' },
  guidance: { type: 'enum', values: ['cfg', 'classifier'], default: 'cfg', help: 'classifier-free or classifier guidance (with the exact classifier)' },
  'guide-weights': {
    type: 'string',
    meta: 'a weights file',
    help: 'autoguidance (Karras et al. 2024): this weaker learned model of the same world replaces ε_∅: ε̃ = ε_guide(y) + s (ε(y) − ε_guide(y))',
  },
} as const satisfies FlagSpecs;

export interface GuidanceFlagValues {
  negative?: string;
  interval?: number[];
  'interval-sigma'?: number[];
  rescale?: number;
  guidance: string;
  'guide-weights'?: string;
}

/** The guidance rule of the flags for scale s (without s), with the interval in t whichever way it was given. */
export async function guidanceOfFlags(f: GuidanceFlagValues, world: World, schedule: Schedule, ctx: RunContext): Promise<Omit<Guidance, 's'>> {
  const negative = f.negative === undefined ? undefined : resolveClass(world, f.negative, 'negative');
  const method = f.guidance as 'cfg' | 'classifier';
  if (method === 'classifier' && negative !== undefined) throw new UsageError('--negative applies to --guidance cfg only');
  if (method === 'classifier' && f.rescale !== undefined) throw new UsageError('--rescale applies to --guidance cfg only');
  if (f.interval && f['interval-sigma']) throw new UsageError('give the interval in t (--interval) or in σ (--interval-sigma), not both');
  let interval: readonly [number, number] | undefined;
  if (f.interval) interval = [f.interval[0]!, f.interval[1]!];
  if (f['interval-sigma']) {
    try {
      interval = sigmaIntervalToT(schedule, f['interval-sigma'][0]!, f['interval-sigma'][1]!);
    } catch (e) {
      throw new UsageError(`--interval-sigma: ${(e as Error).message}`);
    }
    ctx.provenance.intervalT = interval;
  }
  let guide: Denoiser | undefined;
  if (f['guide-weights'] !== undefined) {
    if (method === 'classifier' || negative !== undefined)
      throw new UsageError('--guide-weights (autoguidance) replaces ε_∅: not with --guidance classifier or --negative');
    guide = await loadDenoiser('learned', { world, schedule, weights: f['guide-weights'], ctx, key: 'guideWeights' });
  }
  const g: Omit<Guidance, 's'> = { method, negative, interval, rescale: f.rescale, guide };
  if (method === 'classifier') {
    const exact = new ExactDenoiser(world, schedule);
    g.classifierGrad = (x, t, ys) => exact.classifierGrad(x, t, ys);
  }
  return g;
}

/** The guidance settings as printed in outputs. */
export function guidanceSummary(g: Omit<Guidance, 's'>, world: World): Record<string, unknown> {
  return {
    negative: g.negative === undefined ? null : world.classes[g.negative]!.name,
    guidance: g.guide ? 'autoguidance' : (g.method ?? 'cfg'),
    interval: g.interval ?? null,
    rescale: g.rescale ?? null,
  };
}
