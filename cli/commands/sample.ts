import { ExactDenoiser, SAMPLER_NAMES, makeSchedule, sample, type Guidance, type SamplerName, type ScheduleName } from '../../lib/science';
import { ruleProblem } from '../../lib/science/rule-lang';
import { UsageError } from '../args';
import { defineCommand } from '../command';
import { classFlag, loadWorld, resolveClass, scaleFlag, scheduleFlag, toPairs, worldFlag } from '../common';
import { denoiserFlags, loadDenoiser } from '../denoisers';

const DEFAULT_STEPS: Record<SamplerName, number> = { ddim: 50, ddpm: 1000 };

export default defineCommand({
  name: 'sample',
  summary: 'draw guided samples with DDIM or DDPM',
  flags: {
    ...worldFlag,
    ...classFlag,
    ...scaleFlag,
    negative: { type: 'string', meta: 'a class name or 0-based index', help: 'negative class in place of ∅ (CFG only)' },
    sampler: { type: 'enum', values: SAMPLER_NAMES, default: 'ddim', help: 'sampler' },
    eta: { type: 'number', min: 0, max: 1, help: 'DDIM stochasticity η (default 0; --sampler ddim only)' },
    steps: { type: 'int', min: 1, max: 1000, help: 'number of sampler steps (default 50 for ddim, 1000 for ddpm)' },
    n: { type: 'int', min: 1, max: 100000, default: 1000, help: 'number of samples' },
    seed: { type: 'int', min: 0, max: 4294967295, default: 0, help: 'random seed' },
    ...scheduleFlag,
    interval: { type: 'list', of: 'int', length: 2, min: 0, max: 999, names: ['TLO', 'THI'], order: 'nondecreasing', help: 'guide only for TLO ≤ t ≤ THI' },
    rescale: { type: 'number', min: 0, max: 1, help: 'CFG-rescale factor φ (CFG only)' },
    guidance: { type: 'enum', values: ['cfg', 'classifier'], default: 'cfg', help: 'classifier-free or classifier guidance (with the exact classifier)' },
    rule: {
      type: 'string',
      meta: 'RULE',
      help: 'ε̃ as an expression of eps_u, eps_y, s, w, t, sigma, abar, abar_prev, x (the rule cell of the site; CFG only)',
    },
    ...denoiserFlags,
  },
  async run(f) {
    const world = loadWorld(f.world);
    const y = resolveClass(world, f.class, 'class');
    const negative = f.negative === undefined ? undefined : resolveClass(world, f.negative, 'negative');
    const sampler = f.sampler as SamplerName;
    const method = f.guidance as 'cfg' | 'classifier';
    if (f.eta !== undefined && sampler !== 'ddim') throw new UsageError('--eta applies to --sampler ddim only');
    if (method === 'classifier' && negative !== undefined) throw new UsageError('--negative applies to --guidance cfg only');
    if (method === 'classifier' && f.rescale !== undefined) throw new UsageError('--rescale applies to --guidance cfg only');
    if (f.rule !== undefined && (method === 'classifier' || f.rescale !== undefined || f.interval)) {
      throw new UsageError('--rule decides the whole guided ε̃: use it without --guidance classifier, --rescale and --interval');
    }
    const ruleError = f.rule === undefined ? undefined : ruleProblem(f.rule);
    if (ruleError) throw new UsageError(`--rule: ${ruleError}`);
    const schedule = makeSchedule(f.schedule as ScheduleName);
    const denoiser = await loadDenoiser(f.denoiser, { world, schedule, weights: f.weights });
    const interval = f.interval ? ([f.interval[0]!, f.interval[1]!] as const) : undefined;
    const guidance: Guidance = { method, s: f.s, negative, interval, rescale: f.rescale, rule: f.rule };
    if (method === 'classifier') {
      const exact = new ExactDenoiser(world, schedule);
      guidance.classifierGrad = (x, t, ys) => exact.classifierGrad(x, t, ys);
    }
    const steps = f.steps ?? DEFAULT_STEPS[sampler];
    const eta = sampler === 'ddim' ? (f.eta ?? 0) : undefined;
    const { x0 } = await sample(denoiser, { sampler, eta, steps, n: f.n, y, guidance, seed: f.seed });
    return {
      samples: toPairs(x0),
      world: world.name,
      class: world.classes[y]!.name,
      classIndex: y,
      s: f.s,
      negative: negative === undefined ? null : world.classes[negative]!.name,
      guidance: method,
      sampler,
      eta: eta ?? null,
      steps,
      n: f.n,
      seed: f.seed,
      schedule: schedule.name,
      interval: interval ?? null,
      rescale: f.rescale ?? null,
      rule: f.rule ?? null,
      denoiser: denoiser.kind,
    };
  },
});
