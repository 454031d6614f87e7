import { ExactDenoiser, classMoments, makeSchedule, tiltedWithMoments, type ScheduleName } from '../../lib/science';
import { defineCommand } from '../command';
import { classFlag, loadWorld, resolveClass, scheduleFlag, toPairs, worldFlag } from '../common';
import { gridFlags, gridOfFlags, gridSummary } from '../grid-flags';
import { scalesFlag } from '../guidance-flags';
import { Output } from '../output';

export default defineCommand({
  name: 'tilted',
  summary: 'the tilted density p_t(x|y)^s p_t(x)^(1−s) (what CFG’s ε̃ is the score of) on a grid, its log and its moments',
  formats: ['json', 'csv', 'npy'],
  flags: {
    ...worldFlag,
    ...classFlag,
    ...scalesFlag,
    t: { type: 'numbers', of: 'int', min: 0, max: 999, maxCount: 64, default: [0], help: 'timestep t (0: the data level); a list computes each' },
    ...gridFlags,
    moments: { type: 'boolean', help: 'print the moments only (no density arrays, no grid points)' },
    ...scheduleFlag,
  },
  run(f, ctx) {
    const world = loadWorld(f.world, ctx);
    const y = resolveClass(world, f.class, 'class');
    const schedule = makeSchedule(f.schedule as ScheduleName);
    const exact = new ExactDenoiser(world, schedule);
    const grid = gridOfFlags(f);
    const n = grid.points.length >> 1;
    const densities = [];
    const rows: number[][] = [];
    for (const t of f.t) {
      for (const s of f.s) {
        const { density, mean, cov } = tiltedWithMoments(exact, grid, y, s, t);
        const logDensity = Array.from(density, Math.log);
        // mass within one cell of the border: the moments need the grid to hold the mass
        let edge = 0;
        for (let i = 0; i < n; i++) {
          const ix = i % grid.nx;
          const iy = Math.floor(i / grid.nx);
          if (ix === 0 || iy === 0 || ix === grid.nx - 1 || iy === grid.ny - 1) edge += density[i]! * grid.cellArea;
        }
        densities.push({
          t,
          s,
          mean,
          cov,
          massOnBorder: edge,
          classMoments: classMoments(world, y, schedule.alphasCumprod[t]!),
          ...(f.moments ? {} : { density: Array.from(density), logDensity }),
        });
        for (let i = 0; i < n; i++) rows.push([t, s, grid.points[2 * i]!, grid.points[2 * i + 1]!, density[i]!, logDensity[i]!]);
        if (edge > 1e-3)
          ctx.warn(`at t = ${t}, s = ${s} the grid's border cells hold ${(edge * 100).toFixed(2)} % of the mass: widen --extent for trustworthy moments`);
      }
    }
    const common = {
      world: world.name,
      class: world.classes[y]!.name,
      classIndex: y,
      schedule: schedule.name,
      normalisation: 'Σ density · cellArea = 1 on the grid; logDensity = log density',
      grid: gridSummary(grid),
      ...(f.moments ? {} : { points: toPairs(grid.points) }),
    };
    const json = densities.length === 1 ? { ...densities[0]!, ...common } : { densities, ...common };
    return new Output(json, { columns: ['t', 's', 'x', 'y', 'density', 'log_density'], rows });
  },
});
