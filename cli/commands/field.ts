import { DEFAULT_EXTENT, epsField, guidedField, makeGrid, makeSchedule, type ScheduleName } from '../../lib/science';
import { defineCommand } from '../command';
import { classFlag, loadWorld, resolveClass, scaleFlag, scheduleFlag, toPairs, worldFlag } from '../common';
import { denoiserFlags, loadDenoiser } from '../denoisers';

export default defineCommand({
  name: 'field',
  summary: 'print ε_∅, ε_y and the guided ε̃ on a grid at timestep t',
  flags: {
    ...worldFlag,
    ...classFlag,
    ...scaleFlag,
    t: { type: 'int', min: 0, max: 999, help: 'timestep t', required: true },
    grid: { type: 'int', min: 2, max: 256, default: 32, help: 'grid points per side' },
    extent: {
      type: 'list',
      of: 'number',
      length: 4,
      min: -1000,
      max: 1000,
      names: ['X0', 'X1', 'Y0', 'Y1'],
      order: 'increasing',
      default: DEFAULT_EXTENT,
      help: 'the rectangle [X0, X1] × [Y0, Y1]',
    },
    ...scheduleFlag,
    ...denoiserFlags,
  },
  async run(f) {
    const world = loadWorld(f.world);
    const y = resolveClass(world, f.class, 'class');
    const schedule = makeSchedule(f.schedule as ScheduleName);
    const denoiser = await loadDenoiser(f.denoiser, { world, schedule, weights: f.weights });
    const [x0 = 0, x1 = 0, y0 = 0, y1 = 0] = f.extent;
    const grid = makeGrid(f.grid, [x0, x1, y0, y1]);
    const field = await epsField(denoiser, grid, f.t, y);
    return {
      world: world.name,
      class: world.classes[y]!.name,
      classIndex: y,
      s: f.s,
      t: f.t,
      schedule: schedule.name,
      denoiser: denoiser.kind,
      grid: { nx: grid.nx, ny: grid.ny, extent: grid.extent, order: 'row by row from the bottom, cell centres' },
      points: toPairs(grid.points),
      epsUncond: toPairs(field.epsUncond),
      epsCond: toPairs(field.epsCond),
      epsGuided: toPairs(guidedField(field, f.s)),
    };
  },
});
