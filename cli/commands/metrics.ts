import { componentShares, sampleMetrics, sampleMoments, slicedWassersteinToClass, type World } from '../../lib/science';
import { defineCommand } from '../command';
import { classFlag, loadWorld, readJsonFile, resolveClass, worldFlag } from '../common';
import { Output } from '../output';
import { pointsOf } from '../points';

function metricsOf(world: World, x: Float64Array, y: number, seed: number) {
  const { mean, cov } = sampleMoments(x);
  const sw = slicedWassersteinToClass(world, x, y, seed);
  return {
    ...sampleMetrics(world, x, y),
    mean,
    cov,
    components: componentShares(world, x, y),
    slicedWasserstein: sw.distance,
    slicedWassersteinFloor: sw.floor,
    slicedWassersteinRatio: sw.ratio,
  };
}

export default defineCommand({
  name: 'metrics',
  summary: 'fidelity, diversity, NLL, mean and covariance, per-component shares and sliced Wasserstein (with its floor) of samples against a class',
  formats: ['json', 'csv', 'npy'],
  flags: {
    ...worldFlag,
    ...classFlag,
    samples: {
      type: 'string',
      meta: 'a JSON file of samples',
      help: 'the samples: the output of `scorefield sample` (with several --s: every run), {"samples": [[x, y], …]} or [[x, y], …]',
      required: true,
    },
    'reference-seed': {
      type: 'int',
      min: 0,
      max: 4294967294,
      default: 0,
      help: 'seed of the direct draws SW compares against (the floor uses this seed and the next)',
    },
  },
  run(f, ctx) {
    const world = loadWorld(f.world, ctx);
    const y = resolveClass(world, f.class, 'class');
    const data = readJsonFile(f.samples, 'samples');
    const runs = (data as { runs?: unknown } | null)?.runs;
    const sets: { s: number | null; x: Float64Array }[] = Array.isArray(runs)
      ? runs.map((r, i) => ({ s: typeof r?.s === 'number' ? r.s : null, x: pointsOf(r, `--samples ${f.samples}: runs[${i}]`, ['samples'], 2) }))
      : [
          {
            s: typeof (data as { s?: unknown })?.s === 'number' ? (data as { s: number }).s : null,
            x: pointsOf(data, `--samples ${f.samples}`, ['samples'], 2),
          },
        ];
    const results = sets.map(({ s, x }) => ({ s, ...metricsOf(world, x, y, f['reference-seed']) }));
    ctx.provenance.reference = {
      what: 'direct draws of the class, same n; floor: two independent such sets',
      seeds: [f['reference-seed'], f['reference-seed'] + 1],
    };
    const columns = [
      's',
      'n',
      'fidelity',
      'log_det_cov',
      'component_coverage',
      'mean_nll',
      'mean_x',
      'mean_y',
      'cov_xx',
      'cov_xy',
      'cov_yy',
      'sw',
      'sw_floor',
      'sw_ratio',
    ];
    const rows = results.map((r) => [
      r.s ?? Number.NaN,
      r.n,
      r.fidelity,
      r.logDetCov,
      r.componentCoverage,
      r.meanNll,
      ...r.mean,
      ...r.cov,
      r.slicedWasserstein,
      r.slicedWassersteinFloor,
      r.slicedWassersteinRatio,
    ]);
    const common = { world: world.name, class: world.classes[y]!.name, classIndex: y };
    return new Output(results.length === 1 ? { ...common, ...results[0]! } : { ...common, runs: results }, { columns, rows });
  },
});
