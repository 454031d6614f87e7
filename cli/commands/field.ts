import { NULL_CLASS, cfg, cfgRescale, epsField, makeSchedule, type ScheduleName } from '../../lib/science';
import { defineCommand } from '../command';
import { classFlag, resolveClass, scheduleFlag, toPairs } from '../common';
import { denoiserFlags, loadDenoiser } from '../denoisers';
import { gridFlags, gridOfFlags, gridSummary } from '../grid-flags';
import { guidanceFlags, guidanceOfFlags, guidanceSummary, scalesFlag } from '../guidance-flags';
import { worldOfFlags, worldOrWeightsFlag } from '../learned';
import { Output } from '../output';

export default defineCommand({
  name: 'field',
  summary: 'print ε_∅ (or the negative class, or the guiding model), ε_y and the guided ε̃ on a grid at timestep(s) t',
  formats: ['json', 'csv', 'npy'],
  flags: {
    ...worldOrWeightsFlag,
    ...classFlag,
    ...scalesFlag,
    t: { type: 'numbers', of: 'int', min: 0, max: 999, maxCount: 64, help: 'timestep t; a list computes each', required: true },
    ...gridFlags,
    negative: guidanceFlags.negative,
    rescale: guidanceFlags.rescale,
    'guide-weights': guidanceFlags['guide-weights'],
    ...scheduleFlag,
    ...denoiserFlags,
  },
  async run(f, ctx) {
    const world = worldOfFlags(f.world, f.weights, ctx);
    const y = resolveClass(world, f.class, 'class');
    const schedule = makeSchedule(f.schedule as ScheduleName);
    const g = await guidanceOfFlags({ ...f, guidance: 'cfg' }, world, schedule, ctx);
    const denoiser = await loadDenoiser(f.denoiser, { world, schedule, weights: f.weights, ctx });
    const grid = gridOfFlags(f);
    const n = grid.points.length >> 1;
    const fields = [];
    const rows: number[][] = [];
    for (const t of f.t) {
      const field = await epsField(denoiser, grid, t, y);
      // the branch guidance moves away from: ∅, the negative class, or the guiding model's ε_y
      let epsUncond = field.epsUncond;
      if (g.negative !== undefined && g.negative !== NULL_CLASS)
        epsUncond = Float64Array.from(await denoiser.eps(grid.points, t, new Int32Array(n).fill(g.negative)));
      if (g.guide) epsUncond = Float64Array.from(await g.guide.eps(grid.points, t, new Int32Array(n).fill(y)));
      for (const s of f.s) {
        const guided = cfg(epsUncond, field.epsCond, s);
        const epsGuided = g.rescale ? cfgRescale(guided, field.epsCond, g.rescale) : guided;
        fields.push({ t, s, epsUncond: toPairs(epsUncond), epsCond: toPairs(field.epsCond), epsGuided: toPairs(epsGuided) });
        for (let i = 0; i < n; i++) {
          const p = [grid.points[2 * i]!, grid.points[2 * i + 1]!];
          rows.push([
            t,
            s,
            ...p,
            epsUncond[2 * i]!,
            epsUncond[2 * i + 1]!,
            field.epsCond[2 * i]!,
            field.epsCond[2 * i + 1]!,
            epsGuided[2 * i]!,
            epsGuided[2 * i + 1]!,
          ]);
        }
      }
    }
    const common = {
      world: world.name,
      class: world.classes[y]!.name,
      classIndex: y,
      ...guidanceSummary(g, world),
      schedule: schedule.name,
      denoiser: denoiser.kind,
      grid: gridSummary(grid),
      points: toPairs(grid.points),
    };
    const json = fields.length === 1 ? { ...fields[0]!, ...common } : { fields, ...common };
    const columns = ['t', 's', 'x', 'y', 'eps_uncond_x', 'eps_uncond_y', 'eps_cond_x', 'eps_cond_y', 'eps_guided_x', 'eps_guided_y'];
    return new Output(json, { columns, rows });
  },
});
