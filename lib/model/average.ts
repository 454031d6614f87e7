/**
 * Weight averaging ("model soup", Wortsman et al. 2022): the uniform mean, tensor by tensor, of several trained
 * copies of one network. Runs continued from the same weights with different batch seeds land apart by their
 * gradient noise (docs/model-quality.md measures it at s = 7.5); their mean keeps what they share. Like an EMA of
 * the weights, it changes nothing in how the network is trained. `scorefield average` writes the result.
 */
import { architectureDifferences } from './architecture';
import { WEIGHT_LIMITS, WeightFileError, scheduleProblems, type LoadedWeights, type WeightMeta } from './weights';

/** Why `files` cannot be averaged (empty when they can): another world, network, schedule or dropout, or an average. */
export function averageProblems(files: readonly LoadedWeights[], names: readonly string[] = files.map((_, i) => `file ${i + 1}`)): string[] {
  if (files.length < 2) return [`averaging needs at least 2 weight files, got ${files.length}`];
  if (files.length > WEIGHT_LIMITS.maxAveraged) return [`at most ${WEIGHT_LIMITS.maxAveraged} weight files can be averaged, got ${files.length}`];
  const [first, ...rest] = files as [LoadedWeights, ...LoadedWeights[]];
  const problems: string[] = [];
  rest.forEach((f, i) => {
    const name = names[i + 1];
    const differ: string[] = [];
    if (f.world.fingerprint !== first.world.fingerprint) differ.push(`world ${f.world.name}`);
    for (const k of architectureDifferences(first.architecture, f.architecture))
      differ.push(`architecture.${k} ${JSON.stringify(f.architecture[k]) ?? 'absent'}`);
    if (scheduleProblems(f.schedule, first.schedule).length) differ.push(`schedule ${f.schedule.name} (T = ${f.schedule.T})`);
    if (f.training.pUncond !== first.training.pUncond) differ.push(`pUncond ${f.training.pUncond}`);
    if ((f.training.dropout ?? 'sampled') !== (first.training.dropout ?? 'sampled')) differ.push(`dropout ${f.training.dropout ?? 'sampled'}`);
    if (differ.length) problems.push(`${name} differs from ${names[0]}: ${differ.join(', ')}`);
  });
  files.forEach((f, i) => {
    if (f.training.averagedWith) problems.push(`${names[i]} is itself an average: average the runs it was made of instead`);
  });
  return problems;
}

/**
 * The mean of `files`' weights as a weight-file payload. The metadata is the first file's; its training record lists
 * the others' records in `averagedWith`. Throws a WeightFileError naming each file that is not the same network on
 * the same world, schedule and condition dropout, or is itself an average (the mean stays uniform over runs).
 */
export function averageWeights(files: readonly LoadedWeights[], names?: readonly string[]): { meta: WeightMeta; values: Map<string, Float32Array> } {
  const problems = averageProblems(files, names);
  if (problems.length) throw new WeightFileError(problems.join('; '), problems);
  const [first, ...rest] = files as [LoadedWeights, ...LoadedWeights[]];
  const values = new Map<string, Float32Array>();
  for (const [name, v] of first.values) {
    const sum = new Float64Array(v);
    for (const f of rest) {
      const w = f.values.get(name) as Float32Array;
      for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (w[i] as number);
    }
    values.set(
      name,
      Float32Array.from(sum, (x) => x / files.length),
    );
  }
  const { values: _, ...meta } = first;
  return { meta: { ...meta, training: { ...first.training, averagedWith: rest.map((f) => f.training) } }, values };
}
