import {
  KARRAS_RHO,
  SAMPLER_NAMES,
  TIMESTEP_SPACINGS,
  makeSchedule,
  sample,
  sampleHeun,
  type SampleResult,
  type SamplerName,
  type ScheduleName,
  type TimestepSpacing,
} from '../../lib/science';
import { ruleProblem } from '../../lib/science/rule-lang';
import { UsageError } from '../args';
import { defineCommand } from '../command';
import { classFlag, resolveClass, scheduleFlag, toPairs } from '../common';
import { denoiserFlags, loadDenoiser } from '../denoisers';
import { guidanceFlags, guidanceOfFlags, guidanceSummary, scalesFlag } from '../guidance-flags';
import { worldOfFlags, worldOrWeightsFlag } from '../learned';
import { Output } from '../output';
import { readPoints } from '../points';
import { noteStepBias } from '../steps-note';

const SAMPLERS = [...SAMPLER_NAMES, 'heun'] as const;
const DEFAULT_STEPS: Record<(typeof SAMPLERS)[number], number> = { ddim: 50, ddpm: 1000, heun: 50 };

/** Long-format rows of a run: one per (step, point), with x̂_0 and ε̃ of the step that starts there when recorded. */
function pathRows(s: number, r: SampleResult, x0hat: boolean, eps: boolean): number[][] {
  const rows: number[][] = [];
  const snaps = r.trajectory ?? [r.x0];
  snaps.forEach((x, k) => {
    const t = k < r.timesteps.length ? r.timesteps[k]! : -1;
    for (let i = 0; i < x.length >> 1; i++) {
      const row = [s, k, t, i, x[2 * i]!, x[2 * i + 1]!];
      if (x0hat) row.push(r.x0Hat?.[k]?.[2 * i] ?? Number.NaN, r.x0Hat?.[k]?.[2 * i + 1] ?? Number.NaN);
      if (eps) row.push(r.eps?.[k]?.[2 * i] ?? Number.NaN, r.eps?.[k]?.[2 * i + 1] ?? Number.NaN);
      rows.push(row);
    }
  });
  return rows;
}

export default defineCommand({
  name: 'sample',
  summary: 'draw guided samples with DDIM, DDPM or Heun (EDM σ); paths, x̂_0 and ε̃ per step; shared x_T',
  formats: ['json', 'csv', 'npy'],
  flags: {
    ...worldOrWeightsFlag,
    ...classFlag,
    ...scalesFlag,
    ...guidanceFlags,
    sampler: { type: 'enum', values: SAMPLERS, default: 'ddim', help: 'sampler (heun: 2nd order in the EDM σ-parameterisation, 2·steps − 1 evaluations)' },
    eta: { type: 'number', min: 0, max: 1, help: 'DDIM stochasticity η (default 0; --sampler ddim only)' },
    steps: { type: 'int', min: 1, max: 1000, help: 'number of sampler steps (default 50 for ddim and heun, 1000 for ddpm)' },
    spacing: {
      type: 'enum',
      values: TIMESTEP_SPACINGS,
      default: 'trailing',
      help: 'timesteps evenly strided in t (trailing), or on Karras et al.’s ρ-spacing of σ between the schedule’s σ_min and σ_max (karras, EDM’s grid for heun)',
    },
    rho: { type: 'number', min: 0.1, max: 100, help: `ρ of --spacing karras (default ${KARRAS_RHO})` },
    n: { type: 'int', min: 1, max: 100000, help: 'number of samples (default 1000, or the number of points of --xT)' },
    seed: { type: 'int', min: 0, max: 4294967295, default: 0, help: 'random seed' },
    xT: { type: 'string', meta: 'a JSON file [[x, y], …] or {"xT": …}', help: 'start from these x_T (shared starting noise) instead of drawing them' },
    trajectory: { type: 'boolean', help: 'also print x at every step (x_T first)' },
    x0hat: { type: 'boolean', help: 'also print the predicted x̂_0 of every step' },
    eps: { type: 'boolean', help: 'also print the guided ε̃ of every step' },
    rule: { type: 'string', meta: 'RULE', help: 'ε̃ as an expression of eps_u, eps_y, s, w, t, sigma, abar, abar_prev, x (the site’s rule cell, chapter 8)' },
    ...scheduleFlag,
    ...denoiserFlags,
  },
  async run(f, ctx) {
    const world = worldOfFlags(f.world, f.weights, ctx);
    const y = resolveClass(world, f.class, 'class');
    const sampler = f.sampler as (typeof SAMPLERS)[number];
    if (f.eta !== undefined && sampler !== 'ddim') throw new UsageError('--eta applies to --sampler ddim only');
    if (f.rho !== undefined && f.spacing !== 'karras') throw new UsageError('--rho applies to --spacing karras only');
    const spacing = f.spacing as TimestepSpacing;
    const rho = spacing === 'karras' ? (f.rho ?? KARRAS_RHO) : undefined;
    const xT = f.xT === undefined ? undefined : readPoints(f.xT, 'xT', ['xT', 'samples']);
    const n = f.n ?? (xT ? xT.length >> 1 : 1000);
    if (xT && xT.length !== 2 * n) throw new UsageError(`--n ${n} but --xT ${f.xT} holds ${xT.length >> 1} points`);
    const schedule = makeSchedule(f.schedule as ScheduleName);
    const g = await guidanceOfFlags(f, world, schedule, ctx);
    if (f.rule !== undefined) {
      if (g.method === 'classifier' || g.rescale !== undefined || g.interval || g.guide) {
        throw new UsageError('--rule decides the whole guided ε̃: use it without --guidance classifier, --rescale, --interval and --guide-weights');
      }
      const problem = ruleProblem(f.rule);
      if (problem) throw new UsageError(`--rule: ${problem}`);
      g.rule = f.rule;
    }
    const denoiser = await loadDenoiser(f.denoiser, { world, schedule, weights: f.weights, ctx });
    const steps = f.steps ?? DEFAULT_STEPS[sampler];
    const eta = sampler === 'ddim' ? (f.eta ?? 0) : undefined;
    noteStepBias(ctx, world, y, schedule, steps, sampler, eta ?? 0, spacing, rho);
    const recordSteps = f.x0hat || f.eps;
    const runs = [];
    const rows: number[][] = [];
    let timesteps: number[] = [];
    for (const s of f.s) {
      const opts = {
        sampler: (sampler === 'heun' ? 'ddim' : sampler) as SamplerName,
        eta,
        steps,
        spacing,
        rho,
        n,
        y,
        guidance: { ...g, s },
        seed: f.seed,
        xT,
        trajectory: f.trajectory,
        recordSteps,
      };
      const r = sampler === 'heun' ? await sampleHeun(denoiser, opts) : await sample(denoiser, opts);
      timesteps = Array.from(r.timesteps);
      runs.push({
        s,
        samples: toPairs(r.x0),
        ...(r.trajectory ? { trajectory: r.trajectory.map(toPairs) } : {}),
        ...(f.x0hat ? { x0Hat: r.x0Hat!.map(toPairs) } : {}),
        ...(f.eps ? { eps: r.eps!.map(toPairs) } : {}),
      });
      if (f.trajectory || recordSteps) rows.push(...pathRows(s, r, f.x0hat, f.eps));
      else for (let i = 0; i < n; i++) rows.push([s, r.x0[2 * i]!, r.x0[2 * i + 1]!]);
    }
    ctx.provenance.timesteps = timesteps;
    ctx.provenance.seed = f.seed;
    if (xT) ctx.provenance.xT = f.xT;
    const columns =
      f.trajectory || recordSteps
        ? ['s', 'step', 't', 'index', 'x', 'y', ...(f.x0hat ? ['x0hat_x', 'x0hat_y'] : []), ...(f.eps ? ['eps_x', 'eps_y'] : [])]
        : ['s', 'x', 'y'];
    const common = {
      world: world.name,
      class: world.classes[y]!.name,
      classIndex: y,
      ...guidanceSummary(g, world),
      rule: f.rule ?? null,
      sampler,
      eta: eta ?? null,
      steps,
      spacing,
      rho: rho ?? null,
      timesteps,
      n,
      seed: f.seed,
      schedule: schedule.name,
      denoiser: denoiser.kind,
    };
    const json = runs.length === 1 ? { ...runs[0]!, ...common } : { runs, ...common };
    return new Output(json, { columns, rows });
  },
});
