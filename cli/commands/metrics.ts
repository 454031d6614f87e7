import { Rng, sampleMetrics, sampleWorld, slicedWasserstein } from '../../lib/science';
import { UsageError } from '../args';
import { defineCommand } from '../command';
import { classFlag, loadWorld, readJsonFile, resolveClass, worldFlag } from '../common';

/** Seed of the direct draws the sliced Wasserstein distance compares against. */
const REFERENCE_SEED = 0;

/** Samples from a JSON file: {"samples": [[x, y], …], …} (the output of `sample`) or a bare [[x, y], …]. */
function readSamples(path: string): Float64Array {
  const data = readJsonFile(path, 'samples');
  const list = Array.isArray(data) ? data : (data as { samples?: unknown } | null)?.samples;
  if (!Array.isArray(list)) throw new UsageError(`--samples ${path}: expected {"samples": [[x, y], …]} or [[x, y], …]`);
  if (list.length < 2) throw new UsageError(`--samples ${path}: needs at least 2 samples, got ${list.length}`);
  const x = new Float64Array(2 * list.length);
  list.forEach((p: unknown, i) => {
    if (!Array.isArray(p) || p.length !== 2 || !p.every((v) => typeof v === 'number' && Number.isFinite(v))) {
      throw new UsageError(`--samples ${path}: samples[${i}] must be [x, y] with two finite numbers`);
    }
    x[2 * i] = p[0] as number;
    x[2 * i + 1] = p[1] as number;
  });
  return x;
}

export default defineCommand({
  name: 'metrics',
  summary: 'fidelity, diversity, NLL and sliced Wasserstein distance of a sample file against a class',
  flags: {
    ...worldFlag,
    ...classFlag,
    samples: { type: 'string', meta: 'a JSON file of samples', help: 'the samples (e.g. the output of `scorefield sample`)', required: true },
  },
  run(f) {
    const world = loadWorld(f.world);
    const y = resolveClass(world, f.class, 'class');
    const x = readSamples(f.samples);
    const n = x.length >> 1;
    const reference = sampleWorld(world, n, new Rng(REFERENCE_SEED), y).x0;
    return {
      world: world.name,
      class: world.classes[y]!.name,
      classIndex: y,
      ...sampleMetrics(world, x, y),
      slicedWasserstein: slicedWasserstein(x, reference),
      reference: { what: 'direct draws of the class', n, seed: REFERENCE_SEED },
    };
  },
});
