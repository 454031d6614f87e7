/**
 * `scorefield plot`: an SVG (or PNG through @resvg/resvg-js) of a density (the class p_t(x|y) or the tilted one),
 * the exact guided field's arrows, and sample sets or trajectories from `scorefield sample` output, drawn by
 * lib/views/svg/plot.ts (the renderer the widgets' "download SVG" uses).
 */
import { ExactDenoiser, NULL_CLASS, cfg, makeGrid, makeSchedule, tiltedLogDensity, type ScheduleName } from '../../lib/science';
import { renderPlotSvg, type PathLayer, type PlotSpec, type PointLayer } from '../../lib/views/svg/plot';
import { DataError, UsageError } from '../args';
import { defineCommand } from '../command';
import { S_RANGE, classFlag, loadWorld, readJsonFile, resolveClass, scheduleFlag, worldFlag } from '../common';
import { gridFlags, gridOfFlags } from '../grid-flags';
import { Output } from '../output';
import { pointsOf } from '../points';

/** Sample layers (and trajectories) of a `scorefield sample` JSON output: one per run. */
function layersOf(path: string, maxPaths: number, withPaths: boolean): { points: PointLayer[]; paths: PathLayer[] } {
  const data = readJsonFile(path, 'samples') as Record<string, unknown>;
  const runs = Array.isArray(data?.runs) ? (data.runs as Record<string, unknown>[]) : [data];
  const points: PointLayer[] = [];
  const paths: PathLayer[] = [];
  runs.forEach((run, i) => {
    const label = typeof run?.s === 'number' ? `s = ${run.s}` : undefined;
    points.push({ points: pointsOf(run, `--samples ${path}${runs.length > 1 ? `: runs[${i}]` : ''}`), label });
    if (!withPaths) return;
    const traj = run?.trajectory;
    if (!Array.isArray(traj)) throw new DataError(`--samples ${path}: no trajectory (make it with scorefield sample --trajectory)`);
    const snaps = traj.map((snap, k) => pointsOf(snap, `--samples ${path}: trajectory[${k}]`));
    const count = Math.min(maxPaths, snaps[0]!.length >> 1);
    const lines = Array.from({ length: count }, (_, p) => Float64Array.from(snaps.flatMap((s) => [s[2 * p]!, s[2 * p + 1]!])));
    paths.push({ paths: lines });
  });
  return { points, paths };
}

export default defineCommand({
  name: 'plot',
  summary: 'an SVG or PNG figure: density (class or tilted), the guided field’s arrows, samples and trajectories',
  flags: {
    ...worldFlag,
    ...classFlag,
    s: { type: 'number', ...S_RANGE, default: 1, help: 'guidance scale of the tilted density and of the field' },
    t: { type: 'int', min: 0, max: 999, default: 0, help: 'timestep of the density and the field' },
    density: {
      type: 'enum',
      values: ['class', 'tilted', 'none'],
      default: 'class',
      help: 'the density drawn: p_t(x|y), the tilt p_t(x|y)^s p_t(x)^(1−s), or none',
    },
    field: { type: 'boolean', help: 'draw the exact guided field as arrows of −ε̃ (the direction of the guided score)' },
    arrows: { type: 'int', min: 4, max: 64, default: 20, help: 'arrows per side with --field' },
    samples: { type: 'string', meta: 'a JSON file from scorefield sample', help: 'draw these samples (each run of a list-valued --s in its colour)' },
    trajectories: { type: 'boolean', help: 'draw the trajectories of --samples (made with --trajectory)' },
    'max-paths': { type: 'int', min: 1, max: 10000, default: 200, help: 'at most this many trajectories per run' },
    ...gridFlags,
    grid: { ...gridFlags.grid, default: 128 },
    width: { type: 'int', min: 120, max: 4000, default: 480, help: 'figure width in px' },
    title: { type: 'string', meta: 'text', help: 'a title above the plot' },
    format: { type: 'enum', values: ['svg', 'png'], default: 'svg', help: 'svg, or png (rendered by @resvg/resvg-js at twice the width; needs --out)' },
    ...scheduleFlag,
  },
  async run(f, ctx) {
    if (f.format === 'png' && (f as { out?: string }).out === undefined) throw new UsageError('--format png needs --out FILE');
    if (f.trajectories && f.samples === undefined) throw new UsageError('--trajectories draws the paths of --samples FILE');
    const world = loadWorld(f.world, ctx);
    const y = resolveClass(world, f.class, 'class');
    const exact = new ExactDenoiser(world, makeSchedule(f.schedule as ScheduleName));
    const grid = gridOfFlags(f);
    const spec: PlotSpec = { extent: grid.extent, width: f.width, title: f.title };
    if (f.density !== 'none') {
      const logDensity = f.density === 'tilted' ? tiltedLogDensity(exact, grid, y, f.s, f.t) : exact.logDensity(grid.points, f.t, y);
      spec.density = { nx: grid.nx, ny: grid.ny, logDensity };
    }
    if (f.field) {
      const coarse = makeGrid(f.arrows, grid.extent);
      const eps = cfg(exact.epsFor(coarse.points, f.t, NULL_CLASS), exact.epsFor(coarse.points, f.t, y), f.s);
      spec.arrows = { points: coarse.points, vectors: eps.map((v) => -v), maxLength: 0.9 * Math.min(coarse.dx, coarse.dy) };
    }
    if (f.samples !== undefined) Object.assign(spec, layersOf(f.samples, f['max-paths'], f.trajectories));
    const svg = renderPlotSvg(spec);
    if (f.format === 'svg') return new Output({}, undefined, { data: svg, what: 'svg' });
    const { Resvg } = await import('@resvg/resvg-js');
    const png = new Resvg(svg, { fitTo: { mode: 'width', value: 2 * f.width } }).render().asPng();
    return new Output({}, undefined, { data: new Uint8Array(png), what: 'png' });
  },
});
